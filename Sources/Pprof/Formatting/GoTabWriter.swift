/// Go's `text/tabwriter` as pprof's `-tags` report configures it: `NewWriter(w, 0, 0, 1, ' ', AlignRight)`.
///
/// Text is cut into cells at tabs; the text after a line's last tab is not a cell of any column and is
/// printed as it is. A column is a run of consecutive lines that all have a cell in that position, so a line
/// with fewer cells (an empty line, say) ends the columns to its right. Each cell of a column is right-aligned
/// to the column's widest cell plus one space, widths counted in Unicode scalars as Go counts runes.
package struct GoTabWriter {
    private var lines: [[Substring]] = []

    package init() {}

    /// Adds text made of whole lines: each "\n" ends a line.
    package mutating func write(_ text: String) {
        var rest = Substring(text)
        while let newline = rest.firstIndex(of: "\n") {
            lines.append(rest[..<newline].split(separator: "\t", omittingEmptySubsequences: false))
            rest = rest[rest.index(after: newline)...]
        }
        if !rest.isEmpty { lines.append(rest.split(separator: "\t", omittingEmptySubsequences: false)) }
    }

    /// The aligned text, every line ending in "\n".
    package func aligned() -> String {
        var output = ""
        var widths: [Int] = []
        format(from: 0, to: lines.count, widths: &widths, into: &output)
        return output
    }

    /// Go's `Writer.format`: finds the blocks of lines that have a cell in the next column, computes that
    /// column's width over each block, and recurses for the columns further right.
    private func format(from firstLine: Int, to endLine: Int, widths: inout [Int], into output: inout String) {
        let column = widths.count
        var pending = firstLine
        var line = firstLine
        while line < endLine {
            guard column < lines[line].count - 1 else {
                line += 1
                continue
            }
            writeLines(from: pending, to: line, widths: widths, into: &output)
            let blockStart = line
            var width = 0
            while line < endLine && column < lines[line].count - 1 {
                width = max(width, lines[line][column].unicodeScalars.count + 1)
                line += 1
            }
            widths.append(width)
            format(from: blockStart, to: line, widths: &widths, into: &output)
            widths.removeLast()
            pending = line
        }
        writeLines(from: pending, to: endLine, widths: widths, into: &output)
    }

    private func writeLines(from firstLine: Int, to endLine: Int, widths: [Int], into output: inout String) {
        guard firstLine < endLine else { return }
        for line in firstLine..<endLine {
            for (index, cell) in lines[line].enumerated() {
                if index < widths.count {
                    output += String(repeating: " ", count: max(0, widths[index] - cell.unicodeScalars.count))
                }
                output += cell
            }
            output += "\n"
        }
    }
}
