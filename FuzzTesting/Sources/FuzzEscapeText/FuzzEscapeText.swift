import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEscapeText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.escapeText(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
