import Devices
import Foundation
import Loyalty
import StrictJSON

/// A lane's configuration file: the store, its time zone and currency, the database, the
/// program, the POS links and the devices.
///
/// Every problem in the file is reported at once, one per line, as
/// `FILE:LINE:COLUMN: $.devices[1].port: what is wrong (valid: …)`. Relative paths resolve
/// against the folder that holds the file. `docs/configuration.md` lists every key.
public struct LaneConfig: Sendable {
    public var file: String
    public var store: String
    public var lane: String
    public var timeZone: TimeZone
    public var currency: String
    public var database: String
    public var program: String
    public var pos: [POSLink]
    public var devices: [DeviceEntry]
    public var locale: String?
    public var businessDayStartsAt: (hour: Int, minute: Int)
    /// How long a presented voucher stays reserved for an open transaction.
    public var reservationTimeout: Duration
    /// How long a lane waits for another lane's write lock before answering `busy`.
    public var busyTimeout: Duration
    /// How long the printer has to confirm a job before the next kind of evidence is asked.
    public var printConfirmTimeout: Duration
    /// How often a printer that is not healthy is asked for its status.
    public var printerStatusInterval: Duration

    /// A POS connection: a TCP listener or a serial line.
    public enum POSLink: Sendable, Equatable {
        case listen(host: String, port: Int, allow: [String])
        case serial(path: String, baud: Int)
    }

    /// One device of the lane, with its profile and optional serial overrides.
    public struct DeviceEntry: Sendable, Equatable {
        /// What the device does at the lane; a lane has at most one of each.
        public enum Role: String, Sendable, CaseIterable {
            case scanner, printer
            /// A magnetic stripe reader beside the barcode scanner; its swipes reach the
            /// lane like scans.
            case cardReader = "card-reader"
        }
        public var role: Role
        public var profile: String
        /// Where the device is: a port form (`/dev/ttyACM0`, `tcp://HOST:PORT`, `file:PATH`);
        /// empty when the device is named by `match` instead.
        public var port: String
        /// The keys that name plugged-in scanners or card readers instead of a port; the
        /// lane reads every device that matches, and reads each again after a replug.
        public var match: ProfileMatch?
        public var baud: Int?
        public var dataBits: Int?
        public var parity: String?
        public var stopBits: Int?
        public var flowControl: String?

        /// A device entry; the serial settings left nil come from the profile.
        public init(
            role: Role, profile: String, port: String, baud: Int? = nil, dataBits: Int? = nil,
            parity: String? = nil, stopBits: Int? = nil, flowControl: String? = nil,
            match: ProfileMatch? = nil
        ) {
            self.role = role
            self.profile = profile
            self.port = port
            self.match = match
            self.baud = baud
            self.dataBits = dataBits
            self.parity = parity
            self.stopBits = stopBits
            self.flowControl = flowControl
        }

        /// The port, or `match` and the keys, as logs and summaries name the device.
        public var place: String {
            guard let match else { return port }
            return "match " + match.summary
        }
    }

    /// The first device with `role`, if any.
    public func device(_ role: DeviceEntry.Role) -> DeviceEntry? {
        devices.first { $0.role == role }
    }
}

extension LaneConfig {
    /// The serial rates a config may set, in bits per second: any whole number from 50 to
    /// 921600, standard (`termios.h`'s `B` constants) or not (250000, set through termios2).
    static let configurableBauds = 50...921_600

    /// Loads and validates the file at `path`; throws every problem found.
    public static func load(path: String) throws(JSONProblems) -> LaneConfig {
        let validation = JSONValidation(file: path)
        guard let root = validation.load(path: path) else {
            throw JSONProblems(problems: validation.problems)
        }
        let folder = (path as NSString).deletingLastPathComponent
        return try decode(root, file: path, folder: folder, validation: validation)
    }

    /// Validates `bytes` as a config file named `file` whose relative paths resolve
    /// against `folder`.
    public static func parse(_ bytes: [UInt8], file: String, folder: String)
        throws(JSONProblems) -> LaneConfig
    {
        let validation = JSONValidation(file: file)
        guard let root = validation.parse(bytes) else {
            throw JSONProblems(problems: validation.problems)
        }
        return try decode(root, file: file, folder: folder, validation: validation)
    }

    /// Decodes the root and throws every problem, in the order they appear in the file.
    ///
    /// The object readers find problems in the order they are asked (a duplicate key when
    /// an object is opened, an unknown key when it is finished), so without sorting a
    /// problem on line 11 could come before one on line 10.
    private static func decode(
        _ root: JSONNode, file: String, folder: String, validation: JSONValidation
    ) throws(JSONProblems) -> LaneConfig {
        let config = decodeRoot(root, file: file, folder: folder, validation: validation)
        do {
            try validation.throwIfProblems()
        } catch {
            throw JSONProblems(problems: inFileOrder(error.problems))
        }
        guard let config else { throw JSONProblems(problems: validation.problems) }
        return config
    }

    /// The problems sorted by their place in the file; problems at one place keep their
    /// order.
    static func inFileOrder(_ problems: [JSONProblem]) -> [JSONProblem] {
        problems.enumerated().sorted {
            ($0.element.position.offset, $0.offset) < ($1.element.position.offset, $1.offset)
        }.map(\.element)
    }

    private static func decodeRoot(
        _ root: JSONNode, file: String, folder: String, validation: JSONValidation
    ) -> LaneConfig? {
        guard let object = validation.object(root) else { return nil }
        let store = nonEmpty(object, "store")
        let lane = nonEmpty(object, "lane")
        let zoneName = object.string("timezone")
        var timeZone: TimeZone?
        if let zoneName {
            timeZone = TimeZone(identifier: zoneName)
            if timeZone == nil || !zoneName.contains("/") && zoneName != "UTC" {
                timeZone = nil
                object.report(
                    "\"\(zoneName)\" is not an IANA time zone (valid: names such as "
                        + "Europe/Amsterdam, America/New_York, UTC)", key: "timezone")
            }
        }
        // The runtime needs the currency's minor unit, so only the codes of Loyalty's
        // `Currency` table pass: a code `config check` accepts must also run.
        var currency = object.string("currency")
        if let code = currency, Currency.named(code) == nil {
            currency = nil
            object.report(
                "\"\(code)\" is not an ISO 4217 currency code lanegate knows (valid: an "
                    + "upper-case code such as EUR, USD, GBP, CHF, JPY)", key: "currency")
        }
        let database = nonEmpty(object, "database")
        let program = nonEmpty(object, "program")
        if let program {
            let resolved = resolve(program, in: folder)
            if !FileManager.default.fileExists(atPath: resolved) {
                object.report(
                    "the program file \(resolved) does not exist (valid: a path to a "
                        + "program JSON file, relative to this file's folder)", key: "program")
            }
        }
        let pos = (object.objects("pos") ?? []).compactMap { decodePOS($0) }
        let devices = (object.objects("devices") ?? []).compactMap {
            decodeDevice($0, folder: folder)
        }
        let locale = object.string("locale", required: false)
        if let locale, !isLanguageTag(locale) {
            object.report(
                "\"\(locale)\" is not a language tag (valid: a language and an optional "
                    + "region, such as nl, nl-NL, de-CH)", key: "locale")
        }
        let dayStart = object.string("businessDayStartsAt", required: false)
        var dayStartParts = (hour: 0, minute: 0)
        if let dayStart {
            if let parsed = parseClockTime(dayStart) {
                dayStartParts = parsed
            } else {
                object.report(
                    "\"\(dayStart)\" is not a time of day (valid: \"HH:MM\" from 00:00 to "
                        + "23:59, e.g. \"04:00\")", key: "businessDayStartsAt")
            }
        }
        let reservation =
            object.integer(
                "reservationTimeoutMinutes", required: false, range: 1...1440) ?? 15
        let busy = object.integer("busyTimeoutMs", required: false, range: 10...60000) ?? 2000
        let confirm =
            object.integer(
                "printConfirmTimeoutMs", required: false, range: 50...120000) ?? 5000
        let statusInterval =
            object.integer(
                "printerStatusIntervalMs", required: false, range: 20...600000) ?? 2000
        object.finish()

        for role in DeviceEntry.Role.allCases where devices.filter({ $0.role == role }).count > 1 {
            validation.report(
                "more than one \(role.rawValue) (valid: at most one scanner, one card-reader "
                    + "and one printer per lane)", at: root["devices"]?.position ?? root.position,
                path: "$.devices")
        }

        guard let store, let lane, let timeZone, let currency, let database, let program
        else { return nil }
        return LaneConfig(
            file: file, store: store, lane: lane, timeZone: timeZone, currency: currency,
            database: resolve(database, in: folder), program: resolve(program, in: folder),
            pos: pos, devices: devices, locale: locale, businessDayStartsAt: dayStartParts,
            reservationTimeout: .seconds(reservation * 60), busyTimeout: .milliseconds(busy),
            printConfirmTimeout: .milliseconds(confirm),
            printerStatusInterval: .milliseconds(statusInterval))
    }

    private static func decodePOS(_ object: JSONObjectReader) -> POSLink? {
        defer { object.finish() }
        if object.has("listen") {
            guard let listen = object.string("listen") else { return nil }
            let allow = object.strings("allow", required: false) ?? []
            if let entries = object.array("allow", required: false) {
                for (entry, node) in zip(allow, entries) where !isIPAddress(entry) {
                    object.report(
                        "\"\(entry)\" is not an IP address (valid: a client address "
                            + "written as the listener sees it, such as 10.0.0.5 or fd00::5)",
                        at: node.node.position, path: node.path)
                }
            }
            guard let (host, port) = parseTCP(listen) else {
                object.report(
                    "\"\(listen)\" is not a listening address: \(Self.tcpProblem(listen)) "
                        + "(valid: tcp://HOST:PORT, e.g. tcp://127.0.0.1:7450)", key: "listen")
                return nil
            }
            if !isLoopback(host) && allow.isEmpty {
                object.report(
                    "a listener on \(host) needs an \"allow\" list of client addresses "
                        + "(valid: bind 127.0.0.1, or add \"allow\": [\"10.0.0.5\"])",
                    key: "listen")
                return nil
            }
            return .listen(host: host, port: port, allow: allow)
        }
        if object.has("serial") {
            guard let path = object.string("serial") else { return nil }
            let baud =
                object.integer("baud", required: false, range: configurableBauds) ?? 9600
            return .serial(path: path, baud: baud)
        }
        object.report(
            "a POS link needs \"listen\" or \"serial\" (valid: {\"listen\": "
                + "\"tcp://127.0.0.1:7450\"} or {\"serial\": \"/dev/ttyS1\", \"baud\": 9600})",
            at: object.node.position, path: object.path)
        return nil
    }

    private static func decodeDevice(_ object: JSONObjectReader, folder: String)
        -> DeviceEntry?
    {
        defer { object.finish() }
        let role = object.choice("role", of: DeviceEntry.Role.allCases.map(\.rawValue))
        let profile = object.string("profile")
        let hasPort = object.has("port")
        let hasMatch = object.has("match")
        var port: String?
        var match: ProfileMatch?
        var placeProblem = false
        switch (hasPort, hasMatch) {
        case (false, false):
            object.report(
                "a device needs \"port\" or \"match\" (valid: \"port\": \"/dev/ttyACM0\", or "
                    + "\"match\": {\"usb\": [{\"vendor\": \"0c2e\", \"product\": \"0b81\"}]})",
                at: object.node.position, path: object.path)
            placeProblem = true
        case (true, true):
            object.report(
                "a device is named by \"port\" or by \"match\", not both (valid: remove one "
                    + "of the two)", key: "match")
            placeProblem = true
        default:
            break
        }
        if hasPort {
            port = object.string("port")
            if let given = port, DevicePortText.validate(given) == false {
                let why = given.hasPrefix("tcp://") ? ": \(LaneConfig.tcpProblem(given))" : ""
                object.report(
                    "\"\(given)\" is not a port\(why) (valid: a device path such as "
                        + "/dev/ttyUSB0, tcp://HOST:PORT, or file:PATH)", key: "port")
            }
        }
        if hasMatch {
            match = object.object("match").flatMap(DeviceProfile.decodeMatch)
            if match != nil, role == DeviceEntry.Role.printer.rawValue {
                object.report(
                    "a printer is named by its port, not by match keys (valid: \"port\": "
                        + "\"/dev/usb/lp0\" or \"tcp://HOST:PORT\")", key: "match")
                match = nil
            }
            if match == nil { placeProblem = true }
        }
        let baud = object.integer("baud", required: false, range: configurableBauds)
        let dataBits = object.integer("dataBits", required: false, range: 7...8)
        let parity = object.choice(
            "parity", of: ["none", "even", "odd", "mark", "space"], required: false)
        let stopBits = object.integer("stopBits", required: false, range: 1...2)
        let flow = object.choice(
            "flowControl", of: ["none", "rtsCts", "xonXoff"], required: false)
        guard let role, let roleValue = DeviceEntry.Role(rawValue: role), let profile,
            !placeProblem, port != nil || match != nil
        else { return nil }
        // A relative `file:` path, like every path in the file, names a file beside it.
        var resolvedPort = port ?? ""
        if resolvedPort.hasPrefix("file:") {
            resolvedPort =
                "file:"
                + resolve(String(resolvedPort.dropFirst("file:".count)), in: folder)
        }
        return DeviceEntry(
            role: roleValue, profile: profile, port: resolvedPort, baud: baud,
            dataBits: dataBits, parity: parity, stopBits: stopBits, flowControl: flow,
            match: match)
    }

    /// A required string that must not be empty.
    private static func nonEmpty(_ object: JSONObjectReader, _ key: String) -> String? {
        guard let text = object.string(key) else { return nil }
        guard !text.isEmpty else {
            object.report("must not be empty", key: key)
            return nil
        }
        // Names go into logs, receipts and terminals: a control character there would
        // end a log line early or move a terminal's cursor.
        if let control = text.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control
        }) {
            object.report(
                "must not hold control characters (found U+"
                    + String(format: "%04X", control.value) + "; valid: printable text)",
                key: key)
            return nil
        }
        return text
    }

    /// `ll`, `lll`, `ll-RR` or `ll-999`: the part of a BCP 47 tag that money printing uses.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (2...3).contains(parts[0].count),
            parts[0].allSatisfy({ $0.isASCII && $0.isLowercase })
        else { return false }
        guard parts.count == 2 else { return true }
        let region = parts[1]
        return region.count == 2 && region.allSatisfy { $0.isASCII && $0.isUppercase }
            || region.count == 3 && region.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Whether `text` is a literal IPv4 or IPv6 address, as `inet_pton(3)` reads them.
    static func isIPAddress(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }

    static func resolve(_ path: String, in folder: String) -> String {
        if path.hasPrefix("/") || folder.isEmpty { return path }
        return (folder as NSString).appendingPathComponent(path)
    }

    static func parseClockTime(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return (hour, minute)
    }

    static func parseTCP(_ text: String) -> (String, Int)? {
        try? readTCP(text).get()
    }

    /// What is wrong with a `tcp://HOST:PORT` text `parseTCP` refused, in a few words.
    static func tcpProblem(_ text: String) -> String {
        guard case .failure(let problem) = readTCP(text) else { return "it is valid" }
        return problem.text
    }

    private struct TCPProblem: Error { let text: String }

    /// The host and port of `tcp://HOST:PORT` (port 0 to 65535), or what is wrong with it.
    private static func readTCP(_ text: String) -> Result<(String, Int), TCPProblem> {
        guard text.hasPrefix("tcp://") else {
            return .failure(TCPProblem(text: "it does not start with tcp://"))
        }
        let rest = text.dropFirst("tcp://".count)
        guard let colon = rest.lastIndex(of: ":") else {
            return .failure(TCPProblem(text: "it has no :PORT"))
        }
        let host = String(rest[..<colon])
        let digits = rest[rest.index(after: colon)...]
        guard !host.isEmpty else { return .failure(TCPProblem(text: "it has no host")) }
        if let port = Int(digits), (0...65535).contains(port) { return .success((host, port)) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(TCPProblem(text: "the port \"\(digits)\" is not a number"))
        }
        return .failure(TCPProblem(text: "the port \(digits) is above 65535"))
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }
}

/// The `port` forms a config may use, checked without opening anything.
enum DevicePortText {
    static func validate(_ port: String) -> Bool {
        if port.hasPrefix("tcp://") { return LaneConfig.parseTCP(port) != nil }
        if port.hasPrefix("file:") { return port.count > "file:".count }
        return port.hasPrefix("/")
    }
}

extension ProfileMatch {
    /// The keys in one line, as a log names a matched device: `usb=0c2e:0b81 subsystems=tty`.
    var summary: String {
        var parts: [String] = []
        if !usb.isEmpty {
            parts.append(
                "usb="
                    + usb.map {
                        String(format: "%04x", $0.vendor)
                            + ($0.product.map { String(format: ":%04x", $0) } ?? "")
                    }.joined(separator: ","))
        }
        if !models.isEmpty { parts.append("models=" + models.joined(separator: ",")) }
        if let usagePage { parts.append(String(format: "usagePage=0x%02X", usagePage)) }
        for key in ieee1284.keys.sorted() { parts.append("\(key)=\(ieee1284[key] ?? "")") }
        if !subsystems.isEmpty { parts.append("subsystems=" + subsystems.joined(separator: ",")) }
        return parts.joined(separator: " ")
    }
}
