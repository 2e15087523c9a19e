import Foundation
import StrictJSON

/// What lanegate knows about one model of scanner, card reader or printer, read from
/// `devices/NAME.json`.
///
/// Every fact in a profile carries its source (the maker's manual and section) in `sources`,
/// keyed by the fact's path (`printer.codePages`, `serial`); a fact without a source is refused
/// so that nobody has to guess later where a number came from. A profile may extend another
/// (`"extends"`) and then inherits its sections and facts, with their sources. `match` says
/// which plugged-in devices the profile is for. `devices/README.md` documents the format.
public struct DeviceProfile: Sendable, Equatable {
    /// What kind of device a profile describes.
    public enum Kind: String, Sendable, CaseIterable {
        case scanner, printer
        /// A magnetic stripe reader; it frames a swipe like a scanner frames a scan.
        case cardReader = "card-reader"

        /// The section of the profile that describes the device: `scanner` for scanners
        /// and card readers, `printer` for printers.
        public var section: String { self == .printer ? "printer" : "scanner" }
    }

    public var name: String
    public var kind: Kind
    public var maker: String
    public var model: String
    public var serial: SerialSettings?
    public var scanner: ScannerSettings?
    public var printer: PrinterSettings?
    public var sources: [String: String]
    /// Which plugged-in devices the profile is for; nil for one named by its port only.
    public var match: ProfileMatch? = nil
    /// The profile this one extends (`"extends"`), nil for none.
    public var parent: String? = nil

    /// Serial line settings as the profile states them.
    public struct SerialSettings: Sendable, Equatable {
        public var baud: Int
        public var dataBits: Int
        public var parity: String
        public var stopBits: Int
        public var flowControl: String
    }

    /// How a scanner or card reader reaches the host.
    public enum Interface: String, Sendable, CaseIterable {
        /// RS-232 or a USB virtual COM port: a tty read by `SerialScanner`.
        case serial
        /// A hidraw node read by `HIDRawReader`: USB HID POS (usage page 0x8C), or the
        /// report `hid.report` names (a MagTek card reader's).
        case hidraw
        /// USB keyboard emulation: an evdev node read by `EvdevReader`.
        case evdev
    }

    /// How a keyboard-wedge scanner types (`scanner.keyboard`).
    public struct KeyboardSettings: Sendable, Equatable {
        /// The `KeyLayout` name the scanner types in (`us`, `de`, `fr`…).
        public var layout: String
        /// The key it presses after each message.
        public var suffixKey: KeyboardWedgeSettings.SuffixKey

        /// Keyboard settings from a layout name and a suffix key.
        public init(layout: String, suffixKey: KeyboardWedgeSettings.SuffixKey) {
            self.layout = layout
            self.suffixKey = suffixKey
        }
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
        /// How the device reaches the host; `serial` unless the profile says otherwise.
        public var interface: Interface
        /// For `evdev`: the layout and suffix key the scanner types with.
        public var keyboard: KeyboardSettings?
        /// For `hidraw`: the feature report (report ID first) that makes the scanner send
        /// HID POS reports, sent once the node is open (`HIDIOCSFEATURE`).
        public var enablingFeatureReport: [UInt8]?
        /// For `hidraw`: which input report the device sends (`hid.report`), HID POS
        /// unless the profile says otherwise.
        public var hidReportFormat: HIDRawReader.ReportFormat

        /// Scanner settings; by default a serial scanner.
        public init(
            prefix: [UInt8], suffixes: [[UInt8]], endsOn: String, idleGapMilliseconds: Int,
            aim: String, interface: Interface = .serial, keyboard: KeyboardSettings? = nil,
            enablingFeatureReport: [UInt8]? = nil,
            hidReportFormat: HIDRawReader.ReportFormat = .hidPOS
        ) {
            self.prefix = prefix
            self.suffixes = suffixes
            self.endsOn = endsOn
            self.idleGapMilliseconds = idleGapMilliseconds
            self.aim = aim
            self.interface = interface
            self.keyboard = keyboard
            self.enablingFeatureReport = enablingFeatureReport
            self.hidReportFormat = hidReportFormat
        }
    }

    /// The command language a printer speaks (`printer.commandSet`).
    public enum CommandSet: String, Sendable, CaseIterable {
        /// Epson ESC/POS, or a compatible emulation: what lanegate's receipts are written in.
        case escpos
        /// Star Line Mode (Star's own ESC commands, not ESC/POS).
        case starLine = "star-line"
        /// StarPRNT (Star's newer command set, not ESC/POS).
        case starPRNT = "star-prnt"
        /// Star Graphic mode only: the printer takes raster images and no text commands.
        case starGraphicOnly = "star-graphic-only"
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
        /// The command language; lanegate prints on `escpos` printers only.
        public var commandSet: CommandSet = .escpos
        /// Whether the printer sends Automatic Status Back messages once enabled with `GS a`
        /// (Epson ESC/POS Command Reference, "GS a"); the lane then enables them and reads
        /// the return channel between jobs. False unless the profile says so.
        public var automaticStatusBack = false
    }
}

extension DeviceProfile {
    /// The serial rates a profile may state, in bits per second: any whole number from 50
    /// to 921600, standard (`termios.h`'s `B` constants) or not (set through termios2).
    static let bauds = 50...921_600

    /// Loads and validates one profile file, with the profile it extends; throws every
    /// problem found.
    ///
    /// A parent named by `"extends"` is looked for as `NAME.json` in the file's own folder,
    /// then in each of `searchFolders` (the bundled profiles) in order.
    public static func load(path: String, searchFolders: [String] = []) throws(JSONProblems)
        -> DeviceProfile
    {
        try resolve(path: path, searchFolders: searchFolders, chain: []).profile
    }

    /// Validates the bytes of a profile file named `file`; a parent is looked for beside
    /// `file` (when it names a folder), then in `searchFolders`.
    public static func parse(
        _ bytes: [UInt8], file: String, searchFolders: [String] = []
    ) throws(JSONProblems) -> DeviceProfile {
        let validation = JSONValidation(file: file)
        guard let root = validation.parse(bytes) else {
            throw JSONProblems(problems: validation.problems)
        }
        let lookup = ParentLookup(
            folders: folders(beside: file) + searchFolders, chain: [profileName(of: file)])
        return try decode(root, validation: validation, lookup: lookup).profile
    }

    /// A profile with the tree it was read from once its parent was merged in, which a
    /// child of it merges in turn.
    struct Resolved {
        var profile: DeviceProfile
        var root: JSONNode
    }

    /// Where `extends` looks for parents, and the profiles being loaded, outermost first,
    /// to refuse a cycle.
    struct ParentLookup {
        var folders: [String]
        var chain: [String]
    }

    static func resolve(path: String, searchFolders: [String], chain: [String])
        throws(JSONProblems) -> Resolved
    {
        let validation = JSONValidation(file: path)
        guard let root = validation.load(path: path) else {
            throw JSONProblems(problems: validation.problems)
        }
        let lookup = ParentLookup(
            folders: folders(beside: path) + searchFolders, chain: chain + [profileName(of: path)])
        return try decode(root, validation: validation, lookup: lookup)
    }

    /// The file's name without folder and `.json`: the name a profile must have.
    static func profileName(of file: String) -> String {
        ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    private static func folders(beside file: String) -> [String] {
        // A bare file name ("cafe-scanner.json") is in the current folder.
        let folder = (file as NSString).deletingLastPathComponent
        return [folder.isEmpty ? "." : folder]
    }

    /// Decodes the root and throws every problem in the order they appear in the file (the
    /// readers find a duplicate key when an object opens and an unknown one when it closes,
    /// which is not file order); a broken parent's own problems follow, in its file.
    private static func decode(_ root: JSONNode, validation: JSONValidation, lookup: ParentLookup)
        throws(JSONProblems) -> Resolved
    {
        var parentProblems: [JSONProblem] = []
        do {
            return try decodeRoot(
                root, validation: validation, lookup: lookup, parentProblems: &parentProblems)
        } catch {
            let sorted = error.problems.enumerated().sorted {
                ($0.element.position.offset, $0.offset)
                    < ($1.element.position.offset, $1.offset)
            }
            throw JSONProblems(problems: sorted.map(\.element) + parentProblems)
        }
    }

    private static func decodeRoot(
        _ root: JSONNode, validation: JSONValidation, lookup: ParentLookup,
        parentProblems: inout [JSONProblem]
    ) throws(JSONProblems) -> Resolved {
        // The parent is merged in before the root is read, so that a key the child leaves
        // out is there and a key it gives is read (and checked) once.
        var effective = root
        var parent: Resolved?
        if case .object = root.value, let extends = root["extends"],
            case .string(let parentName) = extends.value
        {
            parent = resolveParent(
                parentName, at: extends, validation: validation, lookup: lookup,
                problems: &parentProblems)
            // Without its parent the child cannot be read: what it leaves out is missing.
            guard let parent else { throw JSONProblems(problems: validation.problems) }
            effective = inheriting(root, from: parent.root, at: extends.position)
        }
        guard let object = validation.object(effective) else {
            throw JSONProblems(problems: validation.problems)
        }
        let name = object.string("profile")
        // `Resources.profile(named:)` finds a profile by its file name, so the two must agree.
        let fileName = profileName(of: validation.file)
        if let name, fileName != name {
            object.report(
                "\"\(name)\" differs from the file name (valid: \"\(fileName)\", or rename the "
                    + "file to \(name).json)", key: "profile")
        }
        _ = object.string("extends", required: false)
        var kind = object.choice("kind", of: Kind.allCases.map(\.rawValue)).flatMap(Kind.init)
        if let parent, let given = kind, given != parent.profile.kind {
            // The rest is read as the parent's kind, so the one mistake is reported once.
            kind = parent.profile.kind
            object.report(
                "\"\(given.rawValue)\" differs from the kind of \"\(parent.profile.name)\", which "
                    + "this profile extends (valid: \"\(parent.profile.kind.rawValue)\", or "
                    + "leave \"kind\" out)", key: "kind")
        }
        let maker = object.string("maker")
        let model = object.string("model")
        let match = object.object("match", required: false).flatMap(decodeMatch)
        let serial = object.object("serial", required: false).flatMap(decodeSerial)
        var scanner: ScannerSettings?
        var printer: PrinterSettings?
        switch kind {
        case .scanner?, .cardReader?: scanner = object.object("scanner").flatMap(decodeScanner)
        case .printer?: printer = object.object("printer").flatMap(decodePrinter)
        case nil: break
        }
        // The child's own facts need its own sources; inherited ones keep the parent's.
        let ownFacts = factPaths(root, kind: kind)
        var sources: [String: String] = [:]
        if let parent {
            let facts = factPaths(effective, kind: kind)
            for (fact, source) in parent.profile.sources
            where facts.contains(fact) && !ownFacts.contains(fact) {
                sources[fact] = source
            }
        }
        let needsSources = parent == nil || !ownFacts.isEmpty
        if let sourceObject = object.object("sources", required: needsSources) {
            checkSources(sourceObject, facts: ownFacts, inherited: parent != nil, into: &sources)
        }
        object.finish()
        try validation.throwIfProblems()
        guard let name, let kind, let maker, let model
        else { throw JSONProblems(problems: validation.problems) }
        let profile = DeviceProfile(
            name: name, kind: kind, maker: maker, model: model, serial: serial,
            scanner: scanner, printer: printer, sources: sources, match: match,
            parent: parent?.profile.name)
        return Resolved(profile: profile, root: effective)
    }

    /// Reads `sources` into `sources`: one non-empty string per fact, none for a fact the
    /// profile does not state.
    private static func checkSources(
        _ sourceObject: JSONObjectReader, facts: Set<String>, inherited: Bool,
        into sources: inout [String: String]
    ) {
        let own = inherited ? " (an inherited fact keeps its parent's source)" : ""
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
                    "\"\(member.key)\" names no fact of this profile\(own) (valid: "
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

    /// The facts a profile states, as the keys `sources` must cover: `match` and `serial`
    /// when present, and each known key of the section that `kind` names (`scanner.endsOn`).
    /// Unknown keys are left out, so they are reported once, as unknown, and not also as
    /// unsourced.
    private static func factPaths(_ root: JSONNode, kind: Kind?) -> Set<String> {
        var facts: Set<String> = []
        for fact in rootFacts where root[fact] != nil { facts.insert(fact) }
        guard let section = kind?.section, let known = factKeys[section],
            let node = root[section], case .object(let members) = node.value
        else { return facts }
        for member in members where known.contains(member.key) {
            facts.insert("\(section).\(member.key)")
        }
        return facts
    }

    /// The root keys that are facts, each with one source for the whole object.
    static let rootFacts: [String] = ["match", "serial"]

    /// The keys of each section that are facts about the model. The scanner's `prefix` is
    /// a setting the shop chooses, not a fact, so it needs no source.
    static let factKeys: [String: Set<String>] = [
        "scanner": ["suffixes", "endsOn", "idleGapMs", "aim", "interface", "keyboard", "hid"],
        "printer": [
            "paperWidthMM", "printableDots", "columns", "codePages", "qrCode", "cut", "status",
            "completion", "commandSet", "automaticStatusBack",
        ],
    ]

    /// The fact keys a section must have; the others have defaults or depend on another key.
    static let requiredKeys: [String: Set<String>] = [
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
        let interfaceName = object.choice(
            "interface", of: Interface.allCases.map(\.rawValue), required: false)
        let interface = interfaceName.flatMap(Interface.init) ?? .serial
        let interfaceOK = interfaceName != nil || object.node("interface") == nil
        let keyboard = decodeKeyboard(object, interface: interface, checked: interfaceOK)
        let hid = decodeHID(object, interface: interface, checked: interfaceOK)
        guard let suffixes, let endsOn, let idle, let aim, interfaceOK, let keyboard, let hid
        else { return nil }
        return ScannerSettings(
            prefix: Array(prefix.utf8), suffixes: suffixes.map { Array($0.utf8) },
            endsOn: endsOn, idleGapMilliseconds: idle, aim: aim, interface: interface,
            keyboard: keyboard.value, enablingFeatureReport: hid.value?.feature,
            hidReportFormat: hid.value?.format ?? .hidPOS)
    }

    /// A key that may rightly be absent, read: `Found(value: nil)` when it is absent, while
    /// a nil `Found?` means it was there and wrong (the problem is reported).
    struct Found<Wrapped> {
        var value: Wrapped?
    }

    /// `keyboard`: required for, and allowed only with, `"interface": "evdev"`.
    private static func decodeKeyboard(
        _ object: JSONObjectReader, interface: Interface, checked: Bool
    ) -> Found<KeyboardSettings>? {
        guard let keyboard = object.object("keyboard", required: false) else {
            if checked, interface == .evdev, object.node("keyboard") == nil {
                object.report(
                    "an evdev scanner needs \"keyboard\" (valid: add \"keyboard\": {\"layout\":"
                        + " \"us\", \"suffixKey\": \"enter\"} with the scanner's own layout)",
                    key: "keyboard")
                return nil
            }
            return object.node("keyboard") == nil ? Found(value: nil) : nil
        }
        defer { keyboard.finish() }
        if checked, interface != .evdev {
            object.report(
                "\"keyboard\" applies to keyboard-wedge scanners only (valid: set \"interface\":"
                    + " \"evdev\", or remove \"keyboard\")", key: "keyboard")
        }
        let names = KeyLayout.all.map(\.name)
        var layout = keyboard.string("layout")
        if let name = layout, (try? KeyLayout.named(name)) == nil {
            keyboard.report(
                "\"\(name)\" is not a layout lanegate knows (valid: "
                    + names.joined(separator: ", ") + ")", key: "layout")
            layout = nil
        }
        let suffix = keyboard.choice(
            "suffixKey", of: KeyboardWedgeSettings.SuffixKey.allCases.map(\.rawValue)
        )
        .flatMap(KeyboardWedgeSettings.SuffixKey.init)
        guard let layout, let suffix, interface == .evdev || !checked else { return nil }
        return Found(value: KeyboardSettings(layout: layout.lowercased(), suffixKey: suffix))
    }

    /// What a scanner's `hid` section says.
    struct HIDSection {
        var feature: [UInt8]?
        var format: HIDRawReader.ReportFormat
    }

    /// `hid`: allowed only with `"interface": "hidraw"`; its `enableFeatureReport` is hex
    /// bytes, report ID first, and its `report` the report format (`hid-pos` by default).
    private static func decodeHID(
        _ object: JSONObjectReader, interface: Interface, checked: Bool
    ) -> Found<HIDSection>? {
        guard let hid = object.object("hid", required: false) else {
            return object.node("hid") == nil ? Found(value: nil) : nil
        }
        defer { hid.finish() }
        if checked, interface != .hidraw {
            object.report(
                "\"hid\" applies to HID POS scanners only (valid: set \"interface\": "
                    + "\"hidraw\", or remove \"hid\")", key: "hid")
        }
        let formats = HIDRawReader.ReportFormat.allCases.map(\.rawValue)
        let formatName = hid.choice("report", of: formats, required: false)
        let formatOK = formatName != nil || hid.node("report") == nil
        let format = formatName.flatMap(HIDRawReader.ReportFormat.init) ?? .hidPOS

        var feature: [UInt8]?
        if let text = hid.string("enableFeatureReport", required: false) {
            guard let bytes = hexBytes(text), (1...64).contains(bytes.count) else {
                hid.report(
                    "\(JSON.string(text).serialized) is not a feature report (valid: 1 to 64 "
                        + "hex bytes separated by spaces, report ID first, e.g. \"FE 01\")",
                    key: "enableFeatureReport")
                return nil
            }
            feature = bytes
        } else if hid.node("enableFeatureReport") != nil {
            return nil
        }
        guard formatOK, interface == .hidraw || !checked else { return nil }
        return Found(value: HIDSection(feature: feature, format: format))
    }

    /// `"FE 01"` as bytes; nil unless every word is two hex digits.
    static func hexBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for word in text.split(separator: " ") {
            guard word.count == 2, let byte = UInt8(word, radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
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
        let commandName = object.choice(
            "commandSet", of: CommandSet.allCases.map(\.rawValue), required: false)
        let commandSet = commandName.flatMap(CommandSet.init) ?? .escpos
        let asb = decodeAutomaticStatusBack(object, status: status, commandSet: commandName)
        guard let paper, let dots, let columnsA, let columnsB, !pages.isEmpty, let qr,
            let cut, let status, let completion,
            commandName != nil || object.node("commandSet") == nil, let asb
        else { return nil }
        return PrinterSettings(
            paperWidthMM: paper, printableDots: dots, columnsFontA: columnsA,
            columnsFontB: columnsB, codePages: pages, qrCode: qr, cut: cut, status: status,
            completion: completion, commandSet: commandSet, automaticStatusBack: asb)
    }

    /// `automaticStatusBack`: false when absent. True needs `"status": true` (ASB messages
    /// come back on the same return channel as `DLE EOT` replies, and the lane checks a
    /// reported fault with a status query) and an ESC/POS printer (`GS a` is an ESC/POS
    /// command; Star's own ASB is another protocol).
    private static func decodeAutomaticStatusBack(
        _ object: JSONObjectReader, status: Bool?, commandSet: String?
    ) -> Bool? {
        guard object.node("automaticStatusBack") != nil else { return false }
        guard let asb = object.bool("automaticStatusBack", required: false) else { return nil }
        guard asb else { return false }
        if status == false {
            object.report(
                "true needs \"status\": true: Automatic Status Back messages come back where "
                    + "DLE EOT replies do (valid: set \"status\" to true, or "
                    + "\"automaticStatusBack\" to false)", key: "automaticStatusBack")
            return nil
        }
        if let commandSet, commandSet != CommandSet.escpos.rawValue {
            object.report(
                "true applies to ESC/POS printers only (GS a), and \"commandSet\" is "
                    + "\"\(commandSet)\" (valid: false, or \"commandSet\": \"escpos\")",
                key: "automaticStatusBack")
            return nil
        }
        return true
    }
}
