import Protobuf

extension FuzzChecks {
    /// Walks the bytes as a protobuf message of unknown schema: every length-delimited field is also walked as
    /// a nested message and as a packed varint run, and every way of consuming a value must land on the same
    /// offset. Offsets must only grow and stay inside the buffer, also in errors.
    public static func wireReader(_ bytes: UnsafeRawBufferPointer) {
        var reader = WireReader(bytes)
        walkMessage(&reader, size: bytes.count, depth: 0)

        var packed = WireReader(bytes)
        let bound = packed.countVarints()
        var values = 0
        while !packed.isAtEnd {
            let before = packed.offset
            do {
                _ = try packed.readVarint()
                values += 1
                require(packed.offset > before && packed.offset <= before + 10, "varint length")
            } catch {
                checkError(error, size: bytes.count, from: before)
                break
            }
        }
        require(values <= bound, "countVarints \(bound) below \(values) varints read")

        var fixed = WireReader(bytes)
        while true {
            let before = fixed.offset
            do {
                if before % 3 == 0 { _ = try fixed.readFixed64() } else { _ = try fixed.readFixed32() }
            } catch {
                checkError(error, size: bytes.count, from: before)
                require(fixed.offset == before, "failed fixed read moved the cursor")
                break
            }
        }
    }

    static func walkMessage(_ reader: inout WireReader, size: Int, depth: Int) {
        while true {
            let tagOffset = reader.offset
            let tag: FieldTag
            do {
                guard let read = try reader.readTag() else {
                    require(reader.isAtEnd && reader.remainingCount == 0, "nil tag before the end")
                    return
                }
                tag = read
            } catch {
                checkError(error, size: size, from: tagOffset)
                return
            }
            require(tag.fieldNumber != 0, "field number 0 accepted")
            require(reader.offset > tagOffset, "tag consumed nothing")
            let valueOffset = reader.offset

            // The same value consumed three ways: skipped, read as its wire type, read as a repeated varint.
            var skipper = reader
            var skipped: Int?
            do {
                try skipper.skipValue(of: tag)
                skipped = skipper.offset
            } catch {
                checkError(error, size: size, from: valueOffset)
            }

            var repeated = reader
            var varints: [UInt64] = []
            do {
                try repeated.appendRepeatedVarints(of: tag, to: &varints)
                require(skipped == repeated.offset, "repeated varints ended at \(repeated.offset), skip at \(String(describing: skipped))")
            } catch {
                checkError(error, size: size, from: valueOffset)
            }

            do {
                switch tag.wireType {
                case .varint:
                    _ = try reader.readVarint()
                case .fixed32:
                    _ = try reader.readFixed32()
                case .fixed64:
                    _ = try reader.readFixed64()
                case .lengthDelimited:
                    var sub = try reader.readLengthDelimited()
                    require(sub.offset + sub.remainingCount == reader.offset, "sub-reader does not end where the field does")
                    require(sub.offset >= valueOffset, "sub-reader starts before the length")
                    if depth < 8 {
                        var nested = sub
                        walkMessage(&nested, size: size, depth: depth + 1)
                    }
                    _ = sub.remainingString()
                    let copied = sub.remainingBytes()
                    require(copied.count == sub.remainingCount, "remainingBytes count")
                    // A packed run read in one loop must give what reading varint by varint gives.
                    var bulk = sub
                    let room = max(bulk.remainingCount, 1)
                    let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: room)
                    defer { buffer.deallocate() }
                    var bulkResult: Result<[UInt64], WireError>
                    do {
                        let written = try bulk.readAllVarints(into: buffer) { $0 }
                        require(written <= room, "readAllVarints wrote \(written) into \(room)")
                        bulkResult = .success(Array(UnsafeBufferPointer(start: buffer, count: written)))
                    } catch {
                        checkError(error, size: size, from: sub.offset)
                        bulkResult = .failure(error)
                    }
                    var single: [UInt64] = []
                    var singleResult: Result<[UInt64], WireError> = .success([])
                    while !sub.isAtEnd {
                        do {
                            single.append(try sub.readVarint())
                        } catch {
                            checkError(error, size: size, from: sub.offset)
                            singleResult = .failure(error)
                            break
                        }
                    }
                    if case .success = singleResult { singleResult = .success(single) }
                    require(bulkResult == singleResult, "readAllVarints \(bulkResult) vs readVarint \(singleResult)")
                    require(bulk.offset == sub.offset, "readAllVarints ended at \(bulk.offset), readVarint at \(sub.offset)")
                case .startGroup, .endGroup:
                    require(false, "readTag returned a group")
                }
                require(skipped == reader.offset, "read ended at \(reader.offset), skip at \(String(describing: skipped))")
            } catch {
                require(skipped == nil, "skip succeeded where the read failed: \(error)")
                checkError(error, size: size, from: valueOffset)
                return
            }
        }
    }

    static func checkError(_ error: WireError, size: Int, from lower: Int) {
        require(error.offset >= lower && error.offset <= size, "error offset \(error.offset) outside \(lower)...\(size)")
        requireOneLine(error.description)
    }
}
