import FuzzChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWireReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.wireReader(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
