/// The line-by-line reader behind `Recording.init(parsing:file:)`.
struct RecordingParser {
    let file: String
    private(set) var kind: Recording.Kind?
    private(set) var headers: [Recording.Header] = []
    private(set) var descriptor: [UInt8] = []
    private(set) var events: [Recording.Event] = []
    private var sawSignature = false
    private var lastTime: Duration = .zero

    init(file: String) {
        self.file = file
    }

    func value(of key: String) -> String? {
        headers.first { $0.key == key }?.value
    }

    mutating func parse(_ text: String) throws(RecordingError) {
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            let number = index + 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            try parseLine(line, number: number)
        }
        if !sawSignature {
            throw error(0, "empty; a recording starts with \"\(Recording.signature)\"")
        }
    }

    private mutating func parseLine(_ line: Substring, number: Int) throws(RecordingError) {
        let trimmed = line.trimmingSpaces
        if !sawSignature {
            guard !trimmed.isEmpty else { return }
            try checkSignature(trimmed, number: number)
            sawSignature = true
            return
        }

        let content = Self.strippingComment(line)
        guard !content.trimmingSpaces.isEmpty else { return }
        if content.first == " " || content.first == "\t" {
            try parseProperty(content.trimmingSpaces, number: number)
        } else if let colon = content.firstIndex(of: ":"), Self.isHeaderKey(content[..<colon]) {
            try parseHeader(
                key: String(content[..<colon]),
                value: String(content[content.index(after: colon)...].trimmingSpaces),
                number: number)
        } else {
            try parseEvent(content.trimmingSpaces, number: number)
        }
    }

    private func checkSignature(_ line: Substring, number: Int) throws(RecordingError) {
        if line == Recording.signature { return }
        if line.hasPrefix("# lanegate recording v") {
            throw error(
                number,
                "version \(line.dropFirst(22)) is not supported (valid: \(Recording.signature))")
        }
        throw error(
            number, "not a lanegate recording: the first line must be \"\(Recording.signature)\"")
    }

    // MARK: Headers

    private mutating func parseHeader(
        key: String, value: String, number: Int
    ) throws(RecordingError) {
        guard events.isEmpty else {
            throw error(number, "header \"\(key):\" after the first event; move it to the top")
        }
        guard !value.isEmpty else {
            throw error(number, "\"\(key):\" has no value")
        }
        let once = ["kind", "device", "layout"]
        if once.contains(key), self.value(of: key) != nil {
            throw error(number, "\"\(key):\" is given twice; keep one")
        }

        switch key {
        case "kind":
            guard let kind = Recording.Kind(rawValue: value) else {
                throw error(
                    number,
                    "unknown kind \"\(value)\" (valid: "
                        + Recording.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            self.kind = kind
        case "layout":
            try requireKind(.evdev, for: key, number: number)
        case "descriptor":
            try requireKind(.hidraw, for: key, number: number)
            descriptor += try hexBytes(Substring(value), number: number)
        default:
            break
        }
        headers.append(Recording.Header(key: key, value: value, line: number))
    }

    private func requireKind(
        _ expected: Recording.Kind, for key: String, number: Int
    ) throws(RecordingError) {
        guard let kind else {
            throw error(number, "\"\(key):\" before \"kind:\"; put kind: first")
        }
        guard kind == expected else {
            throw error(
                number, "\"\(key):\" belongs to \(expected.rawValue) recordings, not \(kind)")
        }
    }

    // MARK: Events

    private mutating func parseEvent(_ line: Substring, number: Int) throws(RecordingError) {
        guard let kind else {
            throw error(number, "an event before \"kind:\"; put the header lines first")
        }
        if events.last?.action == .gone {
            throw error(number, "an event after \"gone\"; a recording ends when its device goes")
        }

        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        var time = lastTime
        var timeWord: Substring = ""
        if let first = words.first, first.first?.isNumber == true {
            time = try parseTime(first, number: number)
            timeWord = first
            words = words.dropFirst()
        } else if kind != .udev {
            throw error(
                number,
                "expected a time in seconds since the first event, e.g. 0.000840, "
                    + "found \"\(words.first ?? "")\"")
        }
        guard time >= lastTime else {
            throw error(number, "time \(timeWord) goes back; times never decrease")
        }
        lastTime = time

        guard let direction = words.first.map(String.init),
            kind.directions.contains(direction)
        else {
            throw error(
                number,
                "unknown direction \"\(words.first ?? "")\" (valid for \(kind): "
                    + kind.directions.joined(separator: ", ") + ")")
        }
        let data = words.dropFirst()
        let action = try parseAction(direction, data, kind: kind, time: time, number: number)
        events.append(Recording.Event(time: time, action: action, line: number))
    }

    private func parseAction(
        _ direction: String, _ data: ArraySlice<Substring>, kind: Recording.Kind,
        time: Duration, number: Int
    ) throws(RecordingError) -> Recording.Action {
        switch (kind, direction) {
        case (_, "gone"):
            guard data.isEmpty else { throw error(number, "\"gone\" takes no data") }
            return .gone
        case (.evdev, _):
            return .event(try parseInputEvent(data, time: time, number: number))
        case (.udev, _):
            return .udev(try parseUdev(direction, data, number: number))
        case (_, "feature"):
            return .feature(try nonEmptyHex(data, number: number))
        default:
            return .input(try nonEmptyHex(data, number: number))
        }
    }

    private func parseTime(_ word: Substring, number: Int) throws(RecordingError) -> Duration {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let seconds = Int64(parts[0]), parts[0].allSatisfy(\.isNumber)
        else {
            throw error(number, "\"\(word)\" is not a time in seconds (valid: e.g. 0.000840)")
        }
        var time = Duration.seconds(seconds)
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...9).contains(fraction.count), fraction.allSatisfy(\.isNumber),
                let digits = Int64(fraction)
            else {
                throw error(
                    number, "\"\(word)\" is not a time in seconds (valid: up to 9 decimals)")
            }
            let scale = (0..<(9 - fraction.count)).reduce(Int64(1)) { value, _ in value * 10 }
            time += .nanoseconds(digits * scale)
        }
        return time
    }

    /// `in TYPE CODE VALUE` with the names or numbers `evtest` prints.
    private func parseInputEvent(
        _ data: ArraySlice<Substring>, time: Duration, number: Int
    ) throws(RecordingError) -> EvdevEvent {
        guard data.count == 3 else {
            throw error(
                number, "an evdev event is \"in TYPE CODE VALUE\", e.g. \"in EV_KEY KEY_1 1\"")
        }
        let words = Array(data)
        guard let type = EvdevCode.type(named: String(words[0])) ?? UInt16(words[0]) else {
            throw error(
                number,
                "unknown event type \"\(words[0])\" (valid: EV_SYN, EV_KEY, EV_MSC, EV_LED, "
                    + "EV_REP, … or a number)")
        }
        guard
            let code = EvdevCode.code(named: String(words[1]), type: type)
                ?? UInt16(words[1])
        else {
            throw error(
                number,
                "unknown code \"\(words[1])\" for \(words[0]) (valid: the names of "
                    + "linux/input-event-codes.h, e.g. KEY_1, or a number)")
        }
        // evtest prints MSC_SCAN values (HID usages such as 7001e) in hex, other values in
        // decimal; a 0x prefix is read as hex everywhere.
        let isScanCode = type == EvdevCode.miscellaneous && code == 4
        guard let value = Self.integer(words[2], hexByDefault: isScanCode) else {
            throw error(number, "\"\(words[2])\" is not an event value (valid: e.g. 0, 1, 2)")
        }
        return EvdevEvent(time: time, type: type, code: code, value: value)
    }

    private static func integer(_ word: Substring, hexByDefault: Bool) -> Int32? {
        if word.hasPrefix("0x") || word.hasPrefix("0X") {
            return UInt32(word.dropFirst(2), radix: 16).map { Int32(bitPattern: $0) }
        }
        if hexByDefault {
            return UInt32(word, radix: 16).map { Int32(bitPattern: $0) }
        }
        return Int32(word)
    }

    private func parseUdev(
        _ action: String, _ data: ArraySlice<Substring>, number: Int
    ) throws(RecordingError) -> Recording.UdevChange {
        guard let path = data.first, path.hasPrefix("/") else {
            throw error(number, "\"\(action)\" needs a device path, e.g. \(action) /devices/…")
        }
        var subsystem: String?
        let rest = data.dropFirst()
        if let last = rest.first, rest.count == 1, last.hasPrefix("("), last.hasSuffix(")") {
            subsystem = String(last.dropFirst().dropLast())
        } else if !rest.isEmpty {
            throw error(
                number, "unexpected \"\(rest.joined(separator: " "))\" after the device path")
        }
        return Recording.UdevChange(
            action: action, path: String(path), subsystem: subsystem, properties: [:])
    }

    private mutating func parseProperty(
        _ line: Substring, number: Int
    ) throws(RecordingError) {
        guard let last = events.indices.last, case .udev(var change) = events[last].action
        else {
            throw error(
                number,
                "an indented line belongs under a udev add or remove line; remove the indent")
        }
        guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
            throw error(number, "a property line is KEY=value, e.g. DEVNAME=/dev/hidraw0")
        }
        let key = String(line[..<equals])
        guard change.properties[key] == nil else {
            throw error(number, "property \(key) is given twice under one event")
        }
        change.properties[key] = String(line[line.index(after: equals)...])
        events[last].action = .udev(change)
    }

    // MARK: Hex

    private func nonEmptyHex(
        _ data: ArraySlice<Substring>, number: Int
    ) throws(RecordingError) -> [UInt8] {
        let bytes = try hexBytes(Substring(data.joined(separator: " ")), number: number)
        guard !bytes.isEmpty else {
            throw error(number, "no data; give the bytes in hex, e.g. in 02 0D 5D")
        }
        return bytes
    }

    private func hexBytes(_ text: Substring, number: Int) throws(RecordingError) -> [UInt8] {
        var bytes: [UInt8] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard word.count.isMultiple(of: 2), word.allSatisfy(\.isHexDigit) else {
                throw error(
                    number,
                    "\"\(word)\" is not hex bytes (valid: pairs of 0-9 A-F, e.g. 02 0D or 020d)")
            }
            var index = word.startIndex
            while index < word.endIndex {
                let next = word.index(index, offsetBy: 2)
                bytes.append(UInt8(word[index..<next], radix: 16)!)
                index = next
            }
        }
        return bytes
    }

    // MARK: Helpers

    private func error(_ line: Int, _ problem: String) -> RecordingError {
        RecordingError(file: file, line: line, problem: problem)
    }

    /// Cuts a `#` comment that starts the line or follows a space or tab.
    private static func strippingComment(_ line: Substring) -> Substring {
        var previous: Character = " "
        for index in line.indices {
            if line[index] == "#", previous == " " || previous == "\t" {
                return line[..<index]
            }
            previous = line[index]
        }
        return line
    }

    private static func isHeaderKey(_ key: Substring) -> Bool {
        guard let first = key.first, first.isLetter, first.isLowercase else { return false }
        return key.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
