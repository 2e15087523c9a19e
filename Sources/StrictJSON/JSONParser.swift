/// The project's strict JSON reader: RFC 8259 only, with a position on every value.
public enum JSONParser {
    /// Parses one JSON text.
    ///
    /// Strict RFC 8259: no comments, no trailing commas, no NaN or Infinity, no leading
    /// zeros, no unescaped control characters in strings, valid UTF-8 only (no overlong
    /// forms, no encoded surrogates), `\u` surrogate pairs joined and lone surrogates
    /// refused, no byte order mark, one value and nothing after it but whitespace.
    /// Arrays and objects may nest `maxDepth` levels; one more is refused.
    public static func parse(
        _ bytes: [UInt8], maxDepth: Int = 64
    ) throws(JSONSyntaxError) -> JSONNode {
        var scanner = JSONScanner(bytes: bytes, maxDepth: maxDepth)
        return try scanner.document()
    }
}
