import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfileStreaming(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.profileStreaming(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
