import Foundation
import StrictJSON

/// What lanegate knows about one model of scanner or printer, read from `devices/NAME.json`.
///
/// Every fact in a profile carries its source (the maker's manual and section) in `sources`,
/// keyed by the fact's path (`printer.codePages`, `serial`); a fact without a source is refused
/// so that nobody has to guess later where a number came from. `devices/README.md` documents
/// the format.
public struct DeviceProfile: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case scanner, printer }

    public var name: String
    public var kind: Kind
    public var maker: String
    public var model: String
    public var serial: SerialSettings?
    public var scanner: ScannerSettings?
    public var printer: PrinterSettings?
    public var sources: [String: String]

    /// Serial line settings as the profile states them.
    public struct SerialSettings: Sendable, Equatable {
        public var baud: Int
        public var dataBits: Int
        public var parity: String
        public var stopBits: Int
        public var flowControl: String
    }

    /// How a scanner frames each message.
    public struct ScannerSettings: Sendable, Equatable {
        public var prefix: [UInt8]
        public var suffixes: [[UInt8]]
        /// `suffix`, `suffix-then-idle` or `idle`.
        public var endsOn: String
        public var idleGapMilliseconds: Int
        /// `optional`, `always` or `never`.
        public var aim: String

        public init(
            prefix: [UInt8], suffixes: [[UInt8]], endsOn: String, idleGapMilliseconds: Int,
            aim: String
        ) {
            self.prefix = prefix
            self.suffixes = suffixes
            self.endsOn = endsOn
            self.idleGapMilliseconds = idleGapMilliseconds
            self.aim = aim
        }
    }

    /// What a receipt printer can do.
    public struct PrinterSettings: Sendable, Equatable {
        public var paperWidthMM: Int
        public var printableDots: Int
        public var columnsFontA: Int
        public var columnsFontB: Int
        /// `ESC t` table numbers in order of preference.
        public var codePages: [UInt8]
        public var qrCode: Bool
        /// `full`, `partial` or `none`.
        public var cut: String
        /// Whether the printer answers `DLE EOT` status requests.
        public var status: Bool
        /// `process-id` (Epson `GS ( H` function 48) or `none`.
        public var completion: String
    }
}

extension DeviceProfile {
    /// The serial rates a profile may state, in bits per second: any whole number from 50
    /// to 921600, standard (`termios.h`'s `B` constants) or not (set through termios2).
    static let bauds = 50...921_600

    /// Loads and validates one profile file; throws every problem found.
    public static func load(path: String) throws(JSONProblems) -> DeviceProfile {
        let validation = JSONValidation(file: path)
        guard let root = validation.load(path: path) else {
            throw JSONProblems(problems: validation.problems)
        }
        return try decode(root, validation: validation)
    }

    /// Validates the bytes of a profile file named `file`.
    public static func parse(_ bytes: [UInt8], file: String) throws(JSONProblems)
        -> DeviceProfile
    {
        let validation = JSONValidation(file: file)
        guard let root = validation.parse(bytes) else {
            throw JSONProblems(problems: validation.problems)
        }
        return try decode(root, validation: validation)
    }

    /// Decodes the root and throws every problem in the order they appear in the file (the
    /// readers find a duplicate key when an object opens and an unknown one when it closes,
    /// which is not file order).
    private static func decode(_ root: JSONNode, validation: JSONValidation)
        throws(JSONProblems) -> DeviceProfile
    {
        do {
            return try decodeRoot(root, validation: validation)
        } catch {
            let sorted = error.problems.enumerated().sorted {
                ($0.element.position.offset, $0.offset)
                    < ($1.element.position.offset, $1.offset)
            }
            throw JSONProblems(problems: sorted.map(\.element))
        }
    }

    private static func decodeRoot(_ root: JSONNode, validation: JSONValidation)
        throws(JSONProblems) -> DeviceProfile
    {
        guard let object = validation.object(root) else {
            throw JSONProblems(problems: validation.problems)
        }
        let name = object.string("profile")
        // `Resources.profile(named:)` finds a profile by its file name, so the two must agree.
        let fileName = ((validation.file as NSString).lastPathComponent as NSString)
            .deletingPathExtension
        if let name, fileName != name {
            object.report(
                "\"\(name)\" differs from the file name (valid: \"\(fileName)\", or rename the "
                    + "file to \(name).json)", key: "profile")
        }
        let kind = object.choice("kind", of: Kind.allCases.map(\.rawValue))
        let maker = object.string("maker")
        let model = object.string("model")
        let serial = object.object("serial", required: false).flatMap(decodeSerial)
        var scanner: ScannerSettings?
        var printer: PrinterSettings?
        if kind == "scanner" {
            scanner = object.object("scanner").flatMap(decodeScanner)
        } else if kind == "printer" {
            printer = object.object("printer").flatMap(decodePrinter)
        }
        var sources: [String: String] = [:]
        if let sourceObject = object.object("sources") {
            let facts = factPaths(object.node, kind: kind)
            for member in sourceObject.allMembers() {
                if case .string(let text) = member.value.value, !text.isEmpty {
                    sources[member.key] = text
                } else {
                    sourceObject.report(
                        "expected the manual and section as a non-empty string, found "
                            + member.value.typeName, key: member.key)
                }
                if !facts.contains(member.key) {
                    sourceObject.report(
                        "\"\(member.key)\" names no fact of this profile (valid: "
                            + facts.sorted().joined(separator: ", ") + ")",
                        at: member.keyPosition,
                        path: JSONPath.member(member.key, of: sourceObject.path))
                }
            }
            // A source that is there but not a string was reported above.
            for fact in facts.sorted() where sourceObject.node(fact) == nil {
                sourceObject.report(
                    "no source for \"\(fact)\" (valid: add \"\(fact)\": \"<maker's manual, "
                        + "section>\")", at: sourceObject.node.position, path: sourceObject.path)
            }
        }
        object.finish()
        try validation.throwIfProblems()
        guard let name, let kind, let kindValue = Kind(rawValue: kind), let maker, let model
        else { throw JSONProblems(problems: validation.problems) }
        return DeviceProfile(
            name: name, kind: kindValue, maker: maker, model: model, serial: serial,
            scanner: scanner, printer: printer, sources: sources)
    }

    /// The facts a profile states, as the keys `sources` must cover: `serial` when present,
    /// and each known key of the section that `kind` names (`scanner.endsOn`). Unknown keys
    /// are left out, so they are reported once, as unknown, and not also as unsourced.
    private static func factPaths(_ root: JSONNode, kind: String?) -> Set<String> {
        var facts: Set<String> = []
        if root["serial"] != nil { facts.insert("serial") }
        guard let kind, let known = factKeys[kind], let section = root[kind],
            case .object(let members) = section.value
        else { return facts }
        for member in members where known.contains(member.key) {
            facts.insert("\(kind).\(member.key)")
        }
        return facts
    }

    /// The keys of each section that are facts about the model. The scanner's `prefix` is
    /// a setting the shop chooses, not a fact, so it needs no source.
    static let factKeys: [String: Set<String>] = [
        "scanner": ["suffixes", "endsOn", "idleGapMs", "aim"],
        "printer": [
            "paperWidthMM", "printableDots", "columns", "codePages", "qrCode", "cut", "status",
            "completion",
        ],
    ]

    private static func decodeSerial(_ object: JSONObjectReader) -> SerialSettings? {
        defer { object.finish() }
        let baud = object.integer("baud", range: bauds)
        let dataBits = object.integer("dataBits", range: 7...8)
        let parity = object.choice("parity", of: ["none", "even", "odd", "mark", "space"])
        let stopBits = object.integer("stopBits", range: 1...2)
        let flow = object.choice("flowControl", of: ["none", "rtsCts", "xonXoff"])
        guard let baud, let dataBits, let parity, let stopBits, let flow else { return nil }
        return SerialSettings(
            baud: baud, dataBits: dataBits, parity: parity, stopBits: stopBits,
            flowControl: flow)
    }

    private static func decodeScanner(_ object: JSONObjectReader) -> ScannerSettings? {
        defer { object.finish() }
        let prefix = object.string("prefix", required: false) ?? ""
        let suffixes = object.strings("suffixes")
        let endsOn = object.choice("endsOn", of: ["suffix", "suffix-then-idle", "idle"])
        if let suffixes, suffixes.contains("") {
            object.report(
                "every suffix must be at least one character (valid: e.g. [\"\\r\"])",
                key: "suffixes")
        } else if let suffixes, let endsOn, suffixes.isEmpty, endsOn != "idle" {
            // Only a scanner that sends no suffix at all, framed by the idle gap, has none.
            object.report(
                "ending on \"\(endsOn)\" needs at least one suffix (valid: e.g. [\"\\r\"], "
                    + "or [] with \"endsOn\": \"idle\")", key: "suffixes")
        }
        let idle = object.integer("idleGapMs", range: 5...5000)
        let aim = object.choice("aim", of: ["optional", "always", "never"])
        guard let suffixes, let endsOn, let idle, let aim else { return nil }
        return ScannerSettings(
            prefix: Array(prefix.utf8), suffixes: suffixes.map { Array($0.utf8) },
            endsOn: endsOn, idleGapMilliseconds: idle, aim: aim)
    }

    private static func decodePrinter(_ object: JSONObjectReader) -> PrinterSettings? {
        defer { object.finish() }
        let paper = object.integer("paperWidthMM", range: 38...112)
        let dots = object.integer("printableDots", range: 128...832)
        var columnsA: Int?
        var columnsB: Int?
        if let columns = object.object("columns") {
            columnsA = columns.integer("fontA", range: 16...80)
            columnsB = columns.integer("fontB", range: 16...96)
            columns.finish()
        }
        var pages: [UInt8] = []
        if let items = object.array("codePages") {
            for item in items {
                if case .number(let text) = item.node.value, let number = UInt8(text) {
                    pages.append(number)
                } else {
                    object.report(
                        "expected an ESC t table number from 0 to 255, found "
                            + item.node.typeName, at: item.node.position, path: item.path)
                }
            }
            if items.isEmpty {
                object.report(
                    "list at least one code page (valid: ESC t numbers such as 0 for PC437)",
                    key: "codePages")
            }
        }
        let qr = object.bool("qrCode")
        let cut = object.choice("cut", of: ["full", "partial", "none"])
        let status = object.bool("status")
        let completion = object.choice("completion", of: ["process-id", "none"])
        guard let paper, let dots, let columnsA, let columnsB, !pages.isEmpty, let qr,
            let cut, let status, let completion
        else { return nil }
        return PrinterSettings(
            paperWidthMM: paper, printableDots: dots, columnsFontA: columnsA,
            columnsFontB: columnsB, codePages: pages, qrCode: qr, cut: cut, status: status,
            completion: completion)
    }
}
