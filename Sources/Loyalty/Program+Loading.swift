import Foundation
import StrictJSON

/// Reading the program file (JSON). Every field is checked and every problem reported with
/// its line, column and JSON path; an unknown key, a duplicate key, a value of the wrong
/// type or out of range, or a missing file is refused.
///
/// The shape (fields marked ? are optional):
/// ```
/// name                     string, not empty
/// members.cards[]          prefix: digits (1 to length), length: 4...19,
///                          check?: "ean" | "luhn" | "none" (default "none")
/// earn[]                   id: string, unique; priority: -1000000...1000000 (lower first);
///                          points: { per: decimal string > 0, award: 1...1000000,
///                                    rounding?: "floor" }
/// rewards[]?               id: string, unique; title: string; threshold: 1...1000000000;
///                          value: { amountOff: decimal string > 0 }; validDays: 1...3650
/// ```
///
/// The file names no currency: the lane's config does. Given the lane's `currency`, an
/// `amountOff` is also refused when it has more decimals than the currency's minor unit
/// (`"5.005"` in EUR) or more minor units than a voucher can hold.
extension Program {
    /// Reads and checks a program file; with `currency`, its amounts against it too.
    public static func load(path: String, currency: Currency? = nil) throws(ProgramError)
        -> Program
    {
        let validation = JSONValidation(file: path)
        guard let root = validation.load(path: path) else {
            throw ProgramError(problems: validation.problems)
        }
        return try read(root, validation, currency: currency)
    }

    /// Checks a program file's bytes; `file` names it in the problems.
    public static func parse(
        _ bytes: [UInt8], file: String, currency: Currency? = nil
    ) throws(ProgramError) -> Program {
        let validation = JSONValidation(file: file)
        guard let root = validation.parse(bytes) else {
            throw ProgramError(problems: validation.problems)
        }
        return try read(root, validation, currency: currency)
    }

    private static func read(
        _ root: JSONNode, _ validation: JSONValidation, currency: Currency?
    ) throws(ProgramError) -> Program {
        let program = validation.object(root).flatMap { reader -> Program? in
            let name = nonEmptyString(reader, "name")
            let cards = reader.object("members").flatMap(readMembers)
            let earn = reader.objects("earn").map(readEarnRules)
            let rewards =
                reader.objects("rewards", required: false).map {
                    readRewards($0, currency: currency)
                } ?? []
            reader.finish()

            guard let name, let cards, let earn, !earn.contains(nil), !rewards.contains(nil)
            else { return nil }
            return Program(
                name: name, cardRanges: cards, earnRules: earn.compactMap { $0 },
                rewards: rewards.compactMap { $0 })
        }

        do {
            try validation.throwIfProblems()
        } catch {
            throw ProgramError(problems: error.problems)
        }
        guard let program else { throw ProgramError(problems: validation.problems) }
        return program
    }

    private static func readMembers(_ members: JSONObjectReader) -> [CardRange]? {
        let ranges = members.objects("cards")?.map(readCardRange)
        members.finish()
        guard let ranges, !ranges.contains(nil) else { return nil }
        return ranges.compactMap { $0 }
    }

    private static func readCardRange(_ card: JSONObjectReader) -> CardRange? {
        let prefix = card.string("prefix")
        let length = card.integer("length", range: 4...19)
        let check = card.choice(
            "check", of: CardRange.Check.allCases.map(\.rawValue), required: false)
        card.finish()

        guard let prefix, let length else { return nil }
        guard !prefix.isEmpty, prefix.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            card.report(
                "\(quoted(prefix)) is not a card number prefix (valid: 1 or more"
                    + " digits 0-9)", key: "prefix")
            return nil
        }
        guard prefix.count <= length else {
            card.report(
                "prefix \(quoted(prefix)) has \(prefix.count) digits, more than the"
                    + " length \(length)", key: "prefix")
            return nil
        }
        return CardRange(
            prefix: prefix, length: length, check: check.flatMap(CardRange.Check.init) ?? .none)
    }

    private static func readEarnRules(_ rules: [JSONObjectReader]) -> [EarnRule?] {
        var ids = UniqueIDs()
        return rules.map { rule in
            let id = ids.check(rule)
            let priority = rule.integer("priority", range: -1_000_000...1_000_000)
            let points = rule.object("points").flatMap(readPoints)
            rule.finish()

            guard let id, let priority, let points else { return nil }
            return EarnRule(id: id, priority: priority, points: points)
        }
    }

    private static func readPoints(_ points: JSONObjectReader) -> EarnRule.Points? {
        let per = positiveDecimal(points, "per")
        let award = points.integer("award", range: 1...1_000_000)
        let rounding = points.choice(
            "rounding", of: EarnRule.Rounding.allCases.map(\.rawValue), required: false)
        points.finish()

        guard let per, let award else { return nil }
        return EarnRule.Points(
            per: per, award: Int64(award),
            rounding: rounding.flatMap(EarnRule.Rounding.init) ?? .floor)
    }

    private static func readRewards(_ rewards: [JSONObjectReader], currency: Currency?)
        -> [Reward?]
    {
        var ids = UniqueIDs()
        return rewards.map { reward in
            let id = ids.check(reward)
            let title = nonEmptyString(reward, "title")
            let threshold = reward.integer("threshold", range: 1...1_000_000_000)
            let amountOff = reward.object("value").flatMap { value -> Decimal? in
                let amount = positiveDecimal(value, "amountOff").flatMap {
                    fits($0, currency, value, "amountOff")
                }
                value.finish()
                return amount
            }
            let validDays = reward.integer("validDays", range: 1...3650)
            reward.finish()

            guard let id, let title, let threshold, let amountOff, let validDays else {
                return nil
            }
            return Reward(
                id: id, title: title, threshold: Int64(threshold),
                value: .init(amountOff: amountOff), validDays: validDays)
        }
    }

    /// A required string that must not be empty.
    private static func nonEmptyString(_ reader: JSONObjectReader, _ key: String) -> String? {
        guard let text = reader.string(key) else { return nil }
        guard !text.isEmpty else {
            reader.report("must not be empty", key: key)
            return nil
        }
        return text
    }

    /// A required decimal string above zero, as strict as the wire (`DecimalText`).
    private static func positiveDecimal(_ reader: JSONObjectReader, _ key: String) -> Decimal? {
        guard let text = reader.decimalString(key) else { return nil }
        guard let value = DecimalText.parse(text) else {
            reader.report("\(quoted(text)) is not a decimal string such as \"1.00\"", key: key)
            return nil
        }
        guard value > 0 else {
            reader.report("\(quoted(text)) is out of range (valid: more than 0)", key: key)
            return nil
        }
        return value
    }

    /// `amount` when it is a whole number of `currency`'s minor units that fits Int64, as a
    /// voucher's value is kept; nil, with the problem reported, otherwise. Any amount
    /// without a currency to check it against.
    private static func fits(
        _ amount: Decimal, _ currency: Currency?, _ reader: JSONObjectReader, _ key: String
    ) -> Decimal? {
        guard let currency else { return amount }
        let minor = amount * Decimal(sign: .plus, exponent: currency.scale, significand: 1)
        let shown = reader.node(key)?.stringValue.map(quoted) ?? "\(amount)"
        guard minor == minor.roundedHalfUp(scale: 0) else {
            let example = Money(minorUnits: 501, scale: currency.scale).description
            reader.report(
                "\(shown) has more decimals than \(currency.code) has (valid: at most "
                    + "\(currency.scale), such as \"\(example)\")", key: key)
            return nil
        }
        guard minor.exactInt64 != nil else {
            reader.report(
                "\(shown) is too large for an amount in \(currency.code) (valid: at most "
                    + "\(Money(minorUnits: Int64.max, scale: currency.scale).description))",
                key: key)
            return nil
        }
        return amount
    }

    /// A string in double quotes with JSON escapes, for messages.
    private static func quoted(_ text: String) -> String {
        JSON.string(text).serialized
    }

    /// Checks that the `id` of each object in one list is new.
    private struct UniqueIDs {
        private var first: [String: SourcePosition] = [:]

        mutating func check(_ reader: JSONObjectReader) -> String? {
            guard let id = nonEmptyString(reader, "id") else { return nil }
            let position = reader.node("id")?.position ?? reader.node.position
            if let earlier = first[id] {
                reader.report("duplicate id \(quoted(id)) (first at \(earlier))", key: "id")
                return nil
            }
            first[id] = position
            return id
        }
    }
}
