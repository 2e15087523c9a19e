/// The lines of one sale or refund packed into one `TEXT` value, so that a sale is one row
/// (one b-tree page in the commit) instead of one row per line.
///
/// Each field is its UTF-8 length in decimal, a colon, and its bytes; a line is its four
/// fields in order (`line`, `sku`, `qty`, `amount_minor` in decimal). `1:17:87123451:11:5`
/// is line "1", SKU "8712345", quantity "1", 5 minor units. Lengths make any text safe,
/// separators and all, without escaping.
extension SaleLine {
    /// The packed text of `lines` (empty for none).
    static func packed(_ lines: [SaleLine]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(lines.count * 32)
        for line in lines {
            for field in [line.line, line.sku, line.qty, String(line.amountMinor)] {
                let bytes = Array(field.utf8)
                out.append(contentsOf: String(bytes.count).utf8)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: bytes)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The lines in `text`, or nil when it is not what `packed(_:)` writes.
    static func unpacked(_ text: String) -> [SaleLine]? {
        let bytes = Array(text.utf8)
        var index = 0
        func field() -> String? {
            var length = 0
            var digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                length = length * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
                if digits > 9 { return nil }
            }
            guard digits > 0, index < bytes.count, bytes[index] == UInt8(ascii: ":"),
                bytes.count - index - 1 >= length
            else { return nil }
            let start = index + 1
            index = start + length
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        var lines: [SaleLine] = []
        while index < bytes.count {
            guard let line = field(), let sku = field(), let qty = field(),
                let amountText = field(), let amount = Int64(amountText)
            else { return nil }
            lines.append(SaleLine(line: line, sku: sku, qty: qty, amountMinor: amount))
        }
        return lines
    }
}
