import Foundation
import StrictJSON

/// An example LaneLink session as `protocols/examples/*.lanelink` writes it.
///
/// One step per line:
/// - `> {…}`: a line the POS sends;
/// - `< {…}`: a line the gateway sends back (a reply or an event), compared by value; a
///   string value `"*"` matches anything (voucher codes, dates that depend on the day);
/// - `! scan BYTES`: the lane's scanner reads BYTES (escapes `\r`, `\n`, `\t`, `\\`, `\xHH`);
/// - `! print`: the printer receives the next job;
/// - `# …` and blank lines: comments.
public struct LaneLinkScript: Sendable {
    public enum Step: Sendable, Equatable {
        case send(String)
        case expect(String)
        case scan([UInt8])
        case print
    }

    public let name: String
    public let steps: [(line: Int, step: Step)]

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func load(path: String) throws(ParseError) -> LaneLinkScript {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParseError(description: "\(path): cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), name: path)
    }

    public static func parse(_ text: String, name: String) throws(ParseError) -> LaneLinkScript {
        var steps: [(Int, Step)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw[...]
            let number = index + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") {
                continue
            }
            if line.hasPrefix("> ") {
                steps.append((number, .send(String(line.dropFirst(2)))))
            } else if line.hasPrefix("< ") {
                steps.append((number, .expect(String(line.dropFirst(2)))))
            } else if line.hasPrefix("! scan ") {
                let bytes: [UInt8]
                do {
                    bytes = try ScanEscapes.decode(String(line.dropFirst("! scan ".count)))
                } catch {
                    throw ParseError(description: "\(name):\(number): \(error.description)")
                }
                steps.append((number, .scan(bytes)))
            } else if line == "! print" {
                steps.append((number, .print))
            } else {
                throw ParseError(
                    description: "\(name):\(number): a step starts with \"> \", \"< \", "
                        + "\"! scan \", \"! print\" or \"#\"")
            }
        }
        return LaneLinkScript(name: name, steps: steps)
    }

    /// Whether `actual` (a line the gateway sent) matches `expected` by value, `"*"`
    /// matching any value.
    public static func matches(_ actual: String, expected: String) -> Bool {
        guard let a = try? JSONParser.parse(Array(actual.utf8)),
            let e = try? JSONParser.parse(Array(expected.utf8))
        else { return actual == expected }
        return same(JSON(a), JSON(e))
    }

    private static func same(_ actual: JSON, _ expected: JSON) -> Bool {
        switch (actual, expected) {
        case (_, .string("*")): return true
        case (.object(let a), .object(let e)):
            guard a.count == e.count else { return false }
            return e.allSatisfy { pair in
                a.first(where: { $0.key == pair.key }).map { same($0.value, pair.value) } ?? false
            }
        case (.array(let a), .array(let e)):
            return a.count == e.count && zip(a, e).allSatisfy { same($0, $1) }
        case (.number(let a), .number(let e)):
            return Decimal(string: a) == Decimal(string: e)
        default:
            return actual == expected
        }
    }
}
