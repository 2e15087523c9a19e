import Foundation
import Testing

@testable import Loyalty

/// One-line program files built from parts, so that every column is easy to count.
enum ProgramFile {
    static let card = #"{"prefix":"2900","length":13,"check":"ean"}"#
    static let rule = #"{"id":"base","priority":100,"points":{"per":"1.00","award":1}}"#
    static let reward =
        #"{"id":"five","title":"5 off","threshold":100,"#
        + #""value":{"amountOff":"5.00"},"validDays":30}"#

    static func text(
        card: String = card, rule: String = rule, reward: String = reward, extra: String = ""
    ) -> String {
        #"{"name":"K","members":{"cards":["# + card + #"]},"earn":["# + rule
            + #"],"rewards":["# + reward + "]" + extra + "}"
    }

    static func replacing(_ part: String, _ old: String, _ new: String) -> String {
        part.replacingOccurrences(of: old, with: new)
    }
}

@Suite struct ProgramLoadingTests {
    typealias F = ProgramFile

    /// The minimal program file of the design, with its layout.
    static let koffiekaart = """
        {
          "name": "Koffiekaart",
          "members": { "cards": [{ "prefix": "2900", "length": 13, "check": "ean" }] },
          "earn": [
            { "id": "base", "priority": 100,
              "points": { "per": "1.00", "award": 1, "rounding": "floor" } }
          ],
          "rewards": [
            { "id": "five-off", "title": "5 euro off your next visit",
              "threshold": 100, "value": { "amountOff": "5.00" }, "validDays": 30 }
          ]
        }
        """

    func problems(_ text: String) -> [String] {
        do {
            _ = try Program.parse(Array(text.utf8), file: "program.json")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// An `amountOff` checked against the lane's currency: (amount, currency, problem).
    static let amountsAgainstCurrencies: [(String, String, String?)] = [
        ("5.00", "EUR", nil),
        ("5.500", "EUR", nil),
        (
            "5.005", "EUR",
            #""5.005" has more decimals than EUR has (valid: at most 2, such as "5.01")"#
        ),
        ("5.5", "JPY", #""5.5" has more decimals than JPY has (valid: at most 0, such as "501")"#),
        ("0.125", "KWD", nil),
        (
            "0.1255", "KWD",
            #""0.1255" has more decimals than KWD has (valid: at most 3, such as "0.501")"#
        ),
        (
            "92233720368547759", "EUR",
            #""92233720368547759" is too large for an amount in EUR (valid: at most 92233720368547758.07)"#
        ),
    ]

    @Test(arguments: amountsAgainstCurrencies)
    func amountOffIsCheckedAgainstTheLanesCurrency(
        _ amount: String, _ code: String, _ problem: String?
    ) throws {
        let text = F.text(reward: F.replacing(F.reward, #""5.00""#, "\"\(amount)\""))
        let currency = try #require(Currency.named(code))
        // Without a currency every positive amount is read; with it, as the lane reads it.
        #expect(try Program.parse(Array(text.utf8), file: "p.json").rewards.count == 1)
        let column =
            try #require(text.range(of: "\"\(amount)\"")).lowerBound.utf16Offset(in: text) + 1
        do {
            let program = try Program.parse(Array(text.utf8), file: "p.json", currency: currency)
            #expect(problem == nil)
            #expect(program.rewards.first?.value.amountOff == decimal(amount))
        } catch {
            #expect(
                error.problems.map(\.description)
                    == ["p.json:1:\(column): $.rewards[0].value.amountOff: \(problem ?? "none")"])
        }
    }

    @Test func readsTheMinimalProgram() throws {
        let program = try Program.parse(Array(Self.koffiekaart.utf8), file: "program.json")
        #expect(
            program
                == Program(
                    name: "Koffiekaart",
                    cardRanges: [CardRange(prefix: "2900", length: 13, check: .ean)],
                    earnRules: [
                        EarnRule(
                            id: "base", priority: 100,
                            points: .init(per: decimal("1.00"), award: 1))
                    ],
                    rewards: [
                        Reward(
                            id: "five-off", title: "5 euro off your next visit",
                            threshold: 100, value: .init(amountOff: decimal("5.00")),
                            validDays: 30)
                    ]))
        #expect(program.isMemberCard("2900000000001"))
    }

    @Test func optionalFieldsTakeTheirDefaults() throws {
        let card = F.replacing(F.card, #","check":"ean""#, "")
        let text = #"{"name":"K","members":{"cards":["# + card + #"]},"earn":["# + F.rule + "]}"
        let program = try Program.parse(Array(text.utf8), file: "p.json")
        #expect(program.cardRanges == [CardRange(prefix: "2900", length: 13, check: .none)])
        #expect(program.earnRules.first?.points.rounding == .floor)
        #expect(program.rewards.isEmpty)
    }

    /// A file and the one problem it must give; the message is given in fragments.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let text: String
        let message: String

        init(_ text: String, _ fragments: String...) {
            self.text = text
            self.message = fragments.joined()
        }

        var testDescription: String { message }
    }

    static let refusals: [Refusal] = [
        Refusal(
            F.text(extra: #","colour":"red""#),
            #"program.json:1:253: $.colour: unknown key "colour""#,
            " (valid: name, members, earn, rewards)"),
        Refusal(
            F.text(rule: F.replacing(F.rule, #""award":1"#, #""award":1,"bonus":2"#)),
            #"program.json:1:148: $.earn[0].points.bonus: unknown key "bonus""#,
            " (valid: per, award, rounding)"),
        Refusal(
            F.text(card: F.replacing(F.card, #""length":13"#, #""length":13,"length":14"#)),
            #"program.json:1:62: $.members.cards[0].length: duplicate key "length""#,
            " (first at 1:50)"),
        Refusal(
            F.text(rule: F.replacing(F.rule, #""1.00""#, "true")),
            #"program.json:1:131: $.earn[0].points.per: expected a decimal string such as "1.00","#,
            " found a boolean"),
        Refusal(
            F.text(rule: F.replacing(F.rule, #""1.00""#, "1.00")),
            #"program.json:1:131: $.earn[0].points.per: expected a decimal string such as "1.00","#,
            " found a number"),
        Refusal(
            F.text(rule: F.replacing(F.rule, #""1.00""#, #""1e3""#)),
            #"program.json:1:131: $.earn[0].points.per: "1e3" is not a decimal string such as"#,
            #" "1.00""#),
        Refusal(
            F.text(rule: F.replacing(F.rule, #""1.00""#, #""01.00""#)),
            #"program.json:1:131: $.earn[0].points.per: "01.00" is not a decimal string such as"#,
            #" "1.00""#),
        Refusal(
            F.text(rule: F.replacing(F.rule, #""1.00""#, #""0.00""#)),
            #"program.json:1:131: $.earn[0].points.per: "0.00" is out of range"#,
            " (valid: more than 0)"),
        Refusal(
            F.text(rule: F.replacing(F.rule, #""award":1"#, #""award":0"#)),
            "program.json:1:146: $.earn[0].points.award: 0 is out of range (valid: 1...1000000)"),
        Refusal(
            F.text(reward: F.replacing(F.reward, #""threshold":100"#, #""threshold":0"#)),
            "program.json:1:203: $.rewards[0].threshold: 0 is out of range",
            " (valid: 1...1000000000)"),
        Refusal(
            F.text(reward: F.replacing(F.reward, #""validDays":30"#, #""validDays":0"#)),
            "program.json:1:248: $.rewards[0].validDays: 0 is out of range (valid: 1...3650)"),
        Refusal(
            F.text(reward: F.replacing(F.reward, #""validDays":30"#, #""validDays":3651"#)),
            "program.json:1:248: $.rewards[0].validDays: 3651 is out of range (valid: 1...3650)"),
        Refusal(
            F.text(card: #"{"prefix":"29","length":3,"check":"ean"}"#),
            "program.json:1:57: $.members.cards[0].length: 3 is out of range (valid: 4...19)"),
        Refusal(
            F.text(card: F.replacing(F.card, #""length":13"#, #""length":20"#)),
            "program.json:1:59: $.members.cards[0].length: 20 is out of range (valid: 4...19)"),
        Refusal(
            F.text(card: F.replacing(F.card, "2900", "29A0")),
            #"program.json:1:43: $.members.cards[0].prefix: "29A0" is not a card number prefix"#,
            " (valid: 1 or more digits 0-9)"),
        Refusal(
            F.text(card: #"{"prefix":"29001","length":4,"check":"ean"}"#),
            #"program.json:1:43: $.members.cards[0].prefix: prefix "29001" has 5 digits,"#,
            " more than the length 4"),
        Refusal(
            F.text(card: F.replacing(F.card, #""ean""#, #""mod11""#)),
            #"program.json:1:70: $.members.cards[0].check: "mod11" is not allowed"#,
            " (valid: ean, luhn, none)"),
        Refusal(
            F.text(reward: F.replacing(F.reward, #","validDays":30"#, "")),
            #"program.json:1:162: $.rewards[0]: missing required key "validDays""#),
        Refusal(
            F.text(rule: F.rule + "," + F.replacing(F.rule, "100", "200")),
            #"program.json:1:156: $.earn[1].id: duplicate id "base" (first at 1:93)"#),
    ]

    @Test(arguments: refusals)
    func refusesWithPlaceAndReason(refusal: Refusal) {
        #expect(problems(refusal.text) == [refusal.message])
    }

    @Test func reportsEveryProblemWithItsLine() {
        let text = """
            {
              "name": "",
              "members": { "cards": [{ "prefix": "2900", "length": 13, "check": "ean" }] },
              "earn": [
                { "id": "base", "priority": 100,
                  "points": { "per": 1.00, "award": 0, "rounding": "ceil" } }
              ],
              "rewards": [
                { "id": "five-off", "title": "5 euro off", "threshold": 100,
                  "value": { "amountOff": "5.00", "currency": "EUR" }, "validDays": 3651 }
              ],
              "tiers": []
            }
            """
        #expect(
            problems(text) == [
                "program.json:2:11: $.name: must not be empty",
                #"program.json:6:26: $.earn[0].points.per: expected a decimal string such as "1.00","#
                    + " found a number",
                "program.json:6:41: $.earn[0].points.award: 0 is out of range (valid: 1...1000000)",
                #"program.json:6:56: $.earn[0].points.rounding: "ceil" is not allowed (valid: floor)"#,
                #"program.json:10:39: $.rewards[0].value.currency: unknown key "currency""#
                    + " (valid: amountOff)",
                "program.json:10:73: $.rewards[0].validDays: 3651 is out of range (valid: 1...3650)",
                #"program.json:12:3: $.tiers: unknown key "tiers" (valid: name, members, earn,"#
                    + " rewards)",
            ])
    }

    @Test func aSyntaxErrorIsOneProblemAtItsPlace() {
        let found = problems("{\n  \"name\": \"K\",\n}")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("program.json:3:1: $: ") == true)
    }

    @Test func aMissingFileSaysSo() {
        let path = "/nonexistent/lanegate/program.json"
        do {
            _ = try Program.load(path: path)
            Issue.record("a missing file was read")
        } catch {
            #expect(
                error.description
                    == "\(path):1:1: $: cannot read the file: No such file or directory")
        }
    }

    @Test func loadsAFileFromDisk() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-program-\(getpid()).json")
        try Data(Self.koffiekaart.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Program.load(path: url.path).name == "Koffiekaart")
    }
}
