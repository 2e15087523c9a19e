import Devices
import Foundation
import Lane
import Loyalty
import StrictJSON
import Symbology

/// `lanegate scan`: what a scan means, framed as the profile's scanner would frame it.
enum ScanCommand: Command {
    static let name = "scan"
    static let summary =
        "decode scans and swipes as the lane would (symbology, GTIN, GS1, member, voucher)"
    static let help = #"""
        Usage: lanegate scan [--profile NAME] [--config FILE] [--json] [DATA...]

        Reads each DATA, or each line of standard input: the bytes as a scanner sends
        them (AIM identifier and suffix included), written with the escapes \r, \n, \t,
        \\ and \xHH. One DATA or line is one scan; its end also ends the scan, as an
        idle gap would, so the suffix may be left out. Frames them as the profile's
        scanner would (default: AIM identifiers optional, suffix CR, LF or CRLF).
        Member card ranges come from the program of --config FILE.
        A magnetic-stripe swipe (tracks %...? ;...? +...?, as a card reader sends them,
        also when typed through a Belgian, French, German or UK keyboard layout) shows
        its tracks, card and expiry. A payment card outside the member ranges is
        refused and shown masked (first six and last four digits), its input too.
        A refused scan is a result, not a failure: the exit status is 0 unless the
        input itself cannot be read.
        Two-digit GS1 years are read against the current year, in the store's time
        zone with --config; LANEGATE_CLOCK fixes the clock (docs/configuration.md).

        Examples:
          lanegate scan ']E04006381333931\r'
          lanegate scan --json ']C190MPT000341\x1d10R20060043'
          printf '0012345678\r\n' | lanegate scan --json
          lanegate scan --json '%E?;0012345678901=?\r'
        """#

    static func run(_ arguments: inout Arguments) async throws -> Int32 {
        let json = arguments.flag("--json")
        let profileName = try arguments.option("--profile")
        let configPath = try arguments.option("--config")
        let data = try arguments.positionals()

        // A profile or config that cannot be read is bad input (exit 2), not a failure.
        var settings = DefaultScanner.settings
        if let profileName {
            let profile: DeviceProfile
            do {
                profile = try Resources.profile(named: profileName, besides: configPath)
            } catch {
                throw InputError("lanegate scan: \(error.description)")
            }
            guard let scanner = profile.scanner else {
                throw InputError(
                    "lanegate scan: profile \(profileName) is a \(profile.kind.rawValue) "
                        + "profile (valid: a scanner profile such as generic-serial-scanner)")
            }
            settings = scanner
        }
        var cardRanges: [CardRange] = []
        var zone = TimeZone.current
        if let configPath {
            do {
                let setup = try LaneSetup.load(configPath: configPath)
                cardRanges = setup.program.cardRanges
                zone = setup.config.timeZone
            } catch {
                throw InputError(error.description)
            }
        }
        let classifier = ScanClassifier(cardRanges: cardRanges)
        let framing: ScannerFraming
        do {
            framing = try ScannerFraming(settings)
        } catch {
            throw InputError("lanegate scan: the scanner profile's framing is unusable: \(error)")
        }
        // Two-digit GS1 years are read against the store's year, by the lane's clock, so
        // LANEGATE_CLOCK fixes them for tests as it does for `run`.
        let environment: LaneEnvironment
        do {
            environment = try LaneEnvironment.fromProcessEnvironment()
        } catch {
            throw InputError("lanegate scan: \(error.description)")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let year = calendar.component(.year, from: environment.now())

        var inputs = data
        if inputs.isEmpty {
            while let line = readLine(strippingNewline: true) { inputs.append(line) }
        }
        for input in inputs {
            let bytes: [UInt8]
            do {
                bytes = try ScanEscapes.decode(input)
            } catch {
                throw InputError("lanegate scan: \(error.description)")
            }
            var framer = ScanFramer(framing: framing)
            for frame in framer.feed(bytes) + framer.idle() {
                switch frame {
                case .message(let message):
                    let scan = classifier.classify(message, referenceYear: year)
                    print(
                        json
                            ? jsonLine(input: input, scan).serialized
                            : tableLine(input: input, scan))
                case .dropped(let why):
                    print(
                        json
                            ? JSON.object([
                                "input": .string(input), "kind": .string("unknown"),
                                "error": .string(why.description),
                            ]).serialized
                            : "unknown  -               refused: \(why.description)")
                }
            }
        }
        return 0
    }

    /// The input as it may be shown: a refused payment card's swipe only masked.
    static func shownInput(_ input: String, _ scan: ClassifiedScan) -> String {
        scan.kind == .paymentCard || scan.swipe?.isPaymentCard == true
            ? scan.decoded.text : input
    }

    /// Why digits of a GTIN's length read as nothing: their check digit, when it is wrong
    /// (a scan sent without AIM identifier is taken as EAN/UPC only when it checks).
    static func gtinNote(_ scan: ClassifiedScan) -> String? {
        let text = scan.decoded.text
        guard scan.kind == .unknown, scan.decoded.error == nil, scan.decoded.symbology == nil,
            [8, 12, 13, 14].contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }),
            let last = text.last?.wholeNumberValue,
            let expected = GTIN.checkDigit(text.dropLast()), expected != last
        else { return nil }
        return "not an EAN/UPC: check digit is \(last), expected \(expected) (mistyped or "
            + "misread, or a number of another kind)"
    }

    static func jsonLine(input: String, _ scan: ClassifiedScan) -> JSON {
        var pairs = [
            JSON.Pair(key: "input", value: .string(shownInput(input, scan))),
            JSON.Pair(key: "kind", value: .string(scan.kind.rawValue)),
        ]
        if let layout = scan.recoveredLayout {
            pairs.append(JSON.Pair(key: "layout", value: .string(layout.rawValue)))
        }
        if let swipe = scan.swipe {
            pairs.append(
                JSON.Pair(
                    key: "tracks",
                    value: .array(
                        swipe.tracks.map {
                            .object([
                                JSON.Pair(key: "number", value: .number("\($0.number)")),
                                JSON.Pair(key: "readable", value: .bool($0.readable)),
                                JSON.Pair(key: "lrc", value: .string($0.lrc.rawValue)),
                            ])
                        })))
        }
        if let symbology = scan.decoded.symbology {
            pairs.append(JSON.Pair(key: "symbology", value: .string(symbology.rawValue)))
        }
        if let gtin = scan.decoded.gtin14 {
            pairs.append(JSON.Pair(key: "gtin14", value: .string(gtin)))
        }
        if let addOn = scan.decoded.addOn {
            pairs.append(JSON.Pair(key: "addOn", value: .string(addOn)))
        }
        if let elements = scan.decoded.elements {
            pairs.append(
                JSON.Pair(
                    key: "elements",
                    value: .array(
                        elements.map {
                            .object([
                                JSON.Pair(key: "ai", value: .string($0.ai)),
                                JSON.Pair(key: "value", value: .string($0.value)),
                            ])
                        })))
        }
        if let card = scan.card ?? scan.swipe?.maskedNumber {
            pairs.append(
                JSON.Pair(key: scan.kind == .voucher ? "code" : "card", value: .string(card)))
        }
        if let expiry = scan.swipe?.expiry {
            pairs.append(JSON.Pair(key: "expiry", value: .string(expiry.text)))
        }
        if let error = scan.decoded.error {
            pairs.append(JSON.Pair(key: "error", value: .string(error)))
        }
        if let note = gtinNote(scan) {
            pairs.append(JSON.Pair(key: "note", value: .string(note)))
        }
        return .object(pairs)
    }

    static func tableLine(input: String, _ scan: ClassifiedScan) -> String {
        var detail: [String] = []
        if let gtin = scan.decoded.gtin14 { detail.append("GTIN \(gtin)") }
        if let addOn = scan.decoded.addOn { detail.append("add-on \(addOn)") }
        for element in scan.decoded.elements ?? [] {
            detail.append("(\(element.ai)) \(element.value)")
        }
        if let swipe = scan.swipe {
            detail.append(swipe.tracks.map(trackSummary).joined(separator: ", "))
        }
        if let layout = scan.recoveredLayout { detail.append("typed as \(layout.name)") }
        if let card = scan.card ?? scan.swipe?.maskedNumber {
            detail.append(scan.kind == .voucher ? "code \(card)" : "card \(card)")
        }
        if let expiry = scan.swipe?.expiry { detail.append("expiry \(expiry.text)") }
        if let error = scan.decoded.error { detail.append("refused: \(error)") }
        if let note = gtinNote(scan) { detail.append(note) }
        let name = scan.kind.rawValue
        let kind =
            name.count < 8 ? name.padding(toLength: 8, withPad: " ", startingAt: 0) : name + " "
        let symbology = (scan.decoded.symbology?.rawValue ?? "-")
            .padding(toLength: 15, withPad: " ", startingAt: 0)
        return "\(kind) \(symbology) \(detail.joined(separator: ", "))"
    }

    /// `track 2 (LRC ok)`, `track 1 unreadable`.
    static func trackSummary(_ track: MagneticStripe.Track) -> String {
        guard track.readable else { return "track \(track.number) unreadable" }
        return "track \(track.number) (LRC \(track.lrc.rawValue))"
    }
}
