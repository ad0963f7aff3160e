import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.profile(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
