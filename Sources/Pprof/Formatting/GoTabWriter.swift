/// Go's `text/tabwriter` as pprof's `-tags` report configures it: `NewWriter(w, 0, 0, 1, ' ', AlignRight)`.
///
/// Text is cut into cells at tabs; the text after a line's last tab is not a cell of any column and is
/// printed as it is. A column is a run of consecutive lines that all have a cell in that position, so a line
/// with fewer cells (an empty line, say) ends the columns to its right. Each cell of a column is right-aligned
/// to the column's widest cell plus one space, widths counted in Unicode scalars as Go counts runes.
package struct GoTabWriter {
    private struct Cell {
        package var text: Substring
        /// Go's cell width: runes, but escaped text without its two escape bytes.
        package var width: Int
    }

    private var text = ""

    package init() {}

    /// Adds text; each "\n" outside an escaped segment ends a line.
    package mutating func write(_ text: String) {
        self.text += text
    }

    /// The byte 0xff (`tabwriter.Escape`) in a profile string, as `GoBytes` holds it.
    private static let escape = Unicode.Scalar(0x10FFFF as UInt32)

    /// Go's `Writer.Write` and `Flush`: cells end at tabs and lines at newlines, except inside a segment
    /// bracketed by the escape byte 0xff, which a profile string holding that byte starts (and which, left
    /// open, runs to the end of the text, tabs and newlines included, as in Go).
    private func cells() -> (lines: [[Cell]], lastLineEnded: Bool) {
        var lines: [[Cell]] = []
        var line: [Cell] = []
        let scalars = text.unicodeScalars
        var cellStart = scalars.startIndex
        var width = 0
        var escaping = false
        var escapedWidth = 0
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if escaping {
                escapedWidth += 1
                if scalar == Self.escape {
                    width += escapedWidth - 2
                    escaping = false
                }
            } else if scalar == "\t" || scalar == "\n" {
                line.append(Cell(text: Substring(scalars[cellStart..<index]), width: width))
                width = 0
                cellStart = scalars.index(after: index)
                if scalar == "\n" {
                    lines.append(line)
                    line = []
                }
            } else if scalar == Self.escape {
                escaping = true
                escapedWidth = 1
            } else {
                width += 1
            }
            index = scalars.index(after: index)
        }
        if cellStart < scalars.endIndex {
            // An escape left open counts as closed, both escape bytes subtracted.
            if escaping { width += escapedWidth - 2 }
            line.append(Cell(text: Substring(scalars[cellStart..<scalars.endIndex]), width: width))
        }
        if line.isEmpty { return (lines, true) }
        lines.append(line)
        return (lines, false)
    }

    /// The aligned text: every line that ended in "\n" ends in one.
    package func aligned() -> String {
        let (lines, lastLineEnded) = cells()
        var output = ""
        var widths: [Int] = []
        format(lines, from: 0, to: lines.count, widths: &widths, into: &output)
        if !lastLineEnded && output.hasSuffix("\n") { output.removeLast() }
        return output
    }

    /// Go's `Writer.format`: finds the blocks of lines that have a cell in the next column, computes that
    /// column's width over each block, and recurses for the columns further right.
    private func format(_ lines: [[Cell]], from firstLine: Int, to endLine: Int, widths: inout [Int], into output: inout String) {
        let column = widths.count
        var pending = firstLine
        var line = firstLine
        while line < endLine {
            guard column < lines[line].count - 1 else {
                line += 1
                continue
            }
            writeLines(lines, from: pending, to: line, widths: widths, into: &output)
            let blockStart = line
            var width = 0
            while line < endLine && column < lines[line].count - 1 {
                width = max(width, lines[line][column].width + 1)
                line += 1
            }
            widths.append(width)
            format(lines, from: blockStart, to: line, widths: &widths, into: &output)
            widths.removeLast()
            pending = line
        }
        writeLines(lines, from: pending, to: endLine, widths: widths, into: &output)
    }

    private func writeLines(_ lines: [[Cell]], from firstLine: Int, to endLine: Int, widths: [Int], into output: inout String) {
        guard firstLine < endLine else { return }
        for line in firstLine..<endLine {
            for (index, cell) in lines[line].enumerated() {
                if index < widths.count {
                    output += String(repeating: " ", count: max(0, widths[index] - cell.width))
                }
                output += cell.text
            }
            output += "\n"
        }
    }
}
