import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEscapeJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.escapeJSON(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
