import Foundation

/// The escapes scan data is written with (`lanegate scan`, example sessions): `\r`, `\n`,
/// `\t`, `\\` and `\xHH`.
public enum ScanEscapes {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static func decode(_ text: String) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var characters = Array(text.utf8)[...]
        while let byte = characters.popFirst() {
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                continue
            }
            guard let next = characters.popFirst() else {
                throw Failure(
                    description:
                        "\"\(text)\" ends with a lone backslash (valid: \\\\ for a backslash)")
            }
            switch next {
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "x"):
                let hex = characters.prefix(2)
                guard hex.count == 2,
                    let value = UInt8(String(decoding: hex, as: UTF8.self), radix: 16)
                else {
                    throw Failure(
                        description: "\"\(text)\": \\x needs two hex digits (valid: e.g. \\x1d)")
                }
                characters.removeFirst(2)
                bytes.append(value)
            default:
                throw Failure(
                    description:
                        "\"\(text)\": unknown escape \\\(Character(UnicodeScalar(next))) (valid: \\r \\n \\t \\\\ \\xHH)"
                )
            }
        }
        return bytes
    }
}
