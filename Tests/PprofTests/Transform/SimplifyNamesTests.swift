import Testing
@testable import PprofModel
@testable import PprofTransform

/// pprof's `looksLikeDemangledCPlusPlus` (internal/symbolizer): `<`, `>`, `[`, `]` or `::`, unless `.<`
/// (Java's `class.<init>`) or `]).` (Go's `pkg.(*T[…]).Method`) appear anywhere.
@Suite struct SimplifyNamesTests {
    @Test(arguments: [
        ("main.main", false), ("hmac.New[go.shape.interface { BlockSize() int }]", true), ("a::b", true),
        ("a:b", false), ("x<y", true), ("x>y", true), ("Class.<init>", false), ("pkg.(*List[go.shape.int]).Push", false),
        ("pkg.Wrap[int]).x", false), ("]).", false), ("F[int].func1", true), ("", false),
    ])
    func namesThatLookLikeCPlusPlusAreTheOnesPprofSimplifies(name: String, looks: Bool) {
        #expect(Profile.looksLikeDemangledCPlusPlus(name) == looks)
    }
}
