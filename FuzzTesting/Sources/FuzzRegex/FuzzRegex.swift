import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegex(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.regex(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
