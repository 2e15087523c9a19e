/// A place in a JSON text: 1-based line and column, 0-based byte offset.
///
/// Columns count `Character`s (extended grapheme clusters), so a column matches what an
/// editor shows after multi-byte UTF-8 such as "é" or "€". Lines end at LF, CR LF or a
/// lone CR.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line number.
    public let line: Int
    /// The 1-based column, counted in characters from the start of the line.
    public let column: Int
    /// The 0-based byte offset from the start of the text.
    public let offset: Int

    /// Makes a position from its three coordinates.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `LINE:COLUMN`, for example `3:17`.
    public var description: String { "\(line):\(column)" }
}
