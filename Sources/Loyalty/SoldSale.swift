import Foundation

/// A line as it was sold: its id, quantity and amount (qty x price).
public struct SoldLine: Sendable, Equatable {
    /// The POS's line id.
    public let line: String
    /// The quantity sold.
    public let qty: Decimal
    /// The line's amount before discounts.
    public let amount: Money

    /// A sold line from its parts.
    public init(line: String, qty: Decimal, amount: Money) {
        self.line = line
        self.qty = qty
        self.amount = amount
    }
}

/// A finalized sale as refunds see it: what was sold and paid, what it earned, and what
/// earlier refunds already took back.
public struct SoldSale: Sendable, Equatable {
    /// The lines sold, in the basket's order.
    public let lines: [SoldLine]
    /// The amount paid (`total` of the `finalize`), after discounts.
    public let total: Money
    /// The points the sale earned (0 when it had no member).
    public let earned: Int64
    /// The quantity already refunded per line id.
    public let refundedQuantities: [String: Decimal]
    /// The money already given back by earlier refunds.
    public let refundedMoney: Money
    /// The points earlier refunds already reversed.
    public let reversedPoints: Int64

    /// A sale with its earlier refunds (none by default).
    public init(
        lines: [SoldLine], total: Money, earned: Int64,
        refundedQuantities: [String: Decimal] = [:], refundedMoney: Money? = nil,
        reversedPoints: Int64 = 0
    ) {
        self.lines = lines
        self.total = total
        self.earned = earned
        self.refundedQuantities = refundedQuantities
        self.refundedMoney = refundedMoney ?? Money.zero(scale: total.scale)
        self.reversedPoints = reversedPoints
    }

    /// The sum of the sold lines' amounts, before discounts.
    public var basketAmount: Money {
        lines.reduce(Money.zero(scale: total.scale)) { $0 + $1.amount }
    }

    /// The same sale with a refund's quantities, money and points added to the earlier ones.
    public func recording(_ outcome: RefundOutcome) -> SoldSale {
        var quantities = refundedQuantities
        for line in outcome.share.lines {
            quantities[line.line, default: 0] += line.qty
        }
        return SoldSale(
            lines: lines, total: total, earned: earned, refundedQuantities: quantities,
            refundedMoney: refundedMoney + outcome.share.money,
            reversedPoints: reversedPoints + outcome.reversed)
    }

    /// The money a refund gives back, or why it is refused.
    ///
    /// By lines, a whole line gives back its share of what was paid: its amount x `total` ÷
    /// the basket amount, rounded half-up to the minor unit. A part of a line gives back
    /// pro rata: refunding up to a cumulative quantity `c` of a line sold `q` times has
    /// given back, in all, share x c ÷ q rounded half-up; each refund gives the difference
    /// between its cumulative figure and the one before. So a line refunded in parts adds up
    /// to exactly its share. The refund that takes the last unrefunded quantity of the whole
    /// sale gives back what is left of `total` instead, so all refunds add up to `total`:
    /// the difference goes to its last line (in the sale's order), or, when earlier refunds
    /// by amount left less than the shares, is taken off its lines from the last one back.
    ///
    /// By amount, the amount is given back as asked. Either way, a refund that would take
    /// more of a line than was sold, or more money than was paid, counting earlier refunds,
    /// is refused (`refund-exceeds-sale`).
    public func refundShare(_ request: RefundRequest) throws(RefundError) -> RefundShare {
        let share: RefundShare
        switch request {
        case .amount(let amount):
            precondition(amount.scale == total.scale, "a refund in another currency scale")
            guard amount.minorUnits > 0 else { throw RefundError(.notPositive("the amount")) }
            share = RefundShare(money: amount, lines: [])
        case .lines(let asked):
            share = try shareOfLines(asked)
        }

        guard share.money <= total - refundedMoney else {
            throw RefundError(
                .exceedsTotal(paid: total, refunded: refundedMoney, requested: share.money))
        }
        return share
    }

    private func shareOfLines(_ asked: [RefundLine]) throws(RefundError) -> RefundShare {
        guard !asked.isEmpty else { throw RefundError(.noLines) }

        // A line named twice counts once, with both quantities.
        var requested: [String: Decimal] = [:]
        let sold = Set(lines.map(\.line))
        for item in asked {
            guard item.qty > 0 else {
                throw RefundError(.notPositive("the quantity of line \"\(item.line)\""))
            }
            guard sold.contains(item.line) else { throw RefundError(.unknownLine(item.line)) }
            requested[item.line, default: 0] += item.qty
        }

        var refunded: [RefundedLine] = []
        for line in lines {
            guard let qty = requested[line.line] else { continue }
            let before = refundedQuantities[line.line] ?? 0
            guard before + qty <= line.qty else {
                throw RefundError(
                    .exceedsQuantity(
                        line: line.line, sold: line.qty, refunded: before, requested: qty))
            }
            let money =
                try cumulativeShare(of: line, upTo: before + qty)
                - cumulativeShare(of: line, upTo: before)
            refunded.append(RefundedLine(line: line.line, qty: qty, money: money))
        }

        var money = refunded.reduce(Money.zero(scale: total.scale)) { $0 + $1.money }
        let takesTheRest = lines.allSatisfy { line in
            (refundedQuantities[line.line] ?? 0) + (requested[line.line] ?? 0) >= line.qty
        }
        if takesTheRest {
            let rest = total - refundedMoney
            refunded = Self.adjust(refunded, by: rest - money)
            money = rest
        }
        return RefundShare(money: money, lines: refunded)
    }

    /// Moves the lines' money by `difference` in all: a rise goes to the last line; a cut
    /// (earlier refunds by amount took more than the shares) is taken from the last line
    /// back to the first, none below zero, so no refunded line shows negative money.
    private static func adjust(_ lines: [RefundedLine], by difference: Money) -> [RefundedLine] {
        var lines = lines
        var left = difference
        for index in lines.indices.reversed() where left.minorUnits != 0 {
            let line = lines[index]
            let change =
                left.minorUnits > 0 || index == lines.startIndex
                ? left : max(left, Money.zero(scale: left.scale) - line.money)
            lines[index] = RefundedLine(line: line.line, qty: line.qty, money: line.money + change)
            left = left - change
        }
        return lines
    }

    /// A whole line's share of what was paid: amount x total ÷ basket amount, half-up.
    package func share(of line: SoldLine) -> Money {
        let basket = Int128(basketAmount.minorUnits)
        guard basket != 0 else { return Money.zero(scale: total.scale) }
        let units = Self.divideHalfUp(
            Int128(line.amount.minorUnits) * Int128(total.minorUnits), by: basket)
        return Money(minorUnits: Int64(units), scale: total.scale)
    }

    /// What refunding a line up to a cumulative quantity gives back in all:
    /// share x refunded ÷ sold, half-up, in exact 128-bit integers.
    private func cumulativeShare(
        of line: SoldLine, upTo refunded: Decimal
    ) throws(RefundError) -> Money {
        let whole = share(of: line)
        if refunded >= line.qty { return whole }
        if refunded <= 0 { return Money.zero(scale: total.scale) }

        guard let part = refunded.decimalFraction, let all = line.qty.decimalFraction,
            let numerator = Self.product(
                Int128(whole.minorUnits), part.numerator,
                Self.power10(all.exponent)),
            let denominator = Self.product(all.numerator, Self.power10(part.exponent))
        else { throw RefundError(.tooLarge("the quantity of line \"\(line.line)\"")) }
        let units = Self.divideHalfUp(numerator, by: denominator)
        return Money(minorUnits: Int64(units), scale: total.scale)
    }

    /// numerator ÷ denominator rounded to the nearest integer, halves away from zero.
    private static func divideHalfUp(_ numerator: Int128, by denominator: Int128) -> Int128 {
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude
        let d = denominator.magnitude
        let quotient = n / d
        let remainder = n % d
        let rounded = remainder >= d - remainder ? quotient + 1 : quotient
        return negative ? -Int128(rounded) : Int128(rounded)
    }

    private static func product(_ factors: Int128?...) -> Int128? {
        var result: Int128 = 1
        for factor in factors {
            guard let factor else { return nil }
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result = next
        }
        return result
    }

    private static func power10(_ exponent: Int) -> Int128? {
        var result: Int128 = 1
        for _ in 0..<max(0, exponent) {
            let (next, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = next
        }
        return result
    }
}
