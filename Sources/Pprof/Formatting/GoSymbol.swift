/// Facts read off Go symbol names as profiles record them (`example.com/m/pkg.(*T).Method`).
public enum GoSymbol {
    /// The import path: everything before the first '.' after the last '/' (`bytes.(*Buffer).grow` → `bytes`).
    public static func packagePath(of function: String) -> String {
        let afterSlash = function.lastIndex(of: "/").map { function.index(after: $0) } ?? function.startIndex
        guard let dot = function[afterSlash...].firstIndex(of: ".") else { return function }
        return String(function[..<dot])
    }
}
