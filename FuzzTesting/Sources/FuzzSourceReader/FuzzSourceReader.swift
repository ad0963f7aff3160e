import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSourceReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.sourceReader(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
