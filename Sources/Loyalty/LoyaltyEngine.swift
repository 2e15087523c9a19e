import Foundation

/// The pure loyalty engine: what a sale earns, which vouchers it issues, what a refund
/// gives back. No I/O; the clock (`at`) and the random source (`codes`) are passed in.
public struct LoyaltyEngine: Sendable {
    /// The most vouchers one sale converts. A balance that would convert more (a huge
    /// opening balance, or a threshold lowered in a new program) keeps the rest and
    /// converts it on the next sales, so one receipt never prints an endless roll.
    public static let maxConversionsPerSale = 20

    /// The program whose rules apply.
    public let program: Program
    /// The store's calendar, for voucher validity.
    public let calendar: StoreCalendar
    /// The store's currency.
    public let currency: Currency

    /// The earn rules by priority, lower first; equal priorities keep the file's order.
    private let orderedRules: [EarnRule]
    /// Each ordered rule's `per` in the currency's minor units, when that is a whole
    /// number (1.00 EUR is 100): the common case, computed in Int64 instead of Decimal.
    private let perMinorUnits: [Int64?]

    /// An engine for a program in a store.
    public init(program: Program, calendar: StoreCalendar, currency: Currency) {
        self.program = program
        self.calendar = calendar
        self.currency = currency
        self.orderedRules = program.earnRules.enumerated()
            .sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }
            .map(\.element)
        let scale = Decimal(sign: .plus, exponent: currency.scale, significand: 1)
        self.perMinorUnits = orderedRules.map { rule in
            let minor = rule.points.per * scale
            guard minor > 0, minor == minor.floored(), minor < Decimal(Int64.max) else {
                return nil
            }
            return Int64(minor.description)
        }
    }

    /// The points every earn rule together awards on an amount paid.
    ///
    /// Each rule gives floor(total / per) x award, computed exactly (12.99 per 1.00 is 12);
    /// the rules' points add. A total of zero or less earns nothing. A sum beyond Int64 (a
    /// total no store takes) stops at `Int64.max` rather than wrapping.
    public func earned(onPaid total: Money) -> Int64 {
        earnedByRule(onPaid: total).reduce(0) { saturatingAdd($0, $1.points) }
    }

    /// The points each rule awards on an amount paid, in the order rules apply.
    public func earnedByRule(onPaid total: Money) -> [(rule: EarnRule, points: Int64)] {
        orderedRules.indices.map { index in
            let rule = orderedRules[index]
            guard total.scale == currency.scale, let per = perMinorUnits[index] else {
                return (rule, points(of: rule, onPaid: total))
            }
            return (rule, points(of: rule, perMinorUnits: per, onPaid: total.minorUnits))
        }
    }

    /// The amount a reward's voucher takes off, at the currency's scale (half-up when the
    /// program gives more decimals than the currency has).
    public func amount(of reward: Reward) -> Money {
        // A lane's program is loaded with its currency (`Program.load(path:currency:)`),
        // which refuses an `amountOff` with more decimals than the currency has or too
        // large for Int64 minor units; a program built in code without that check is
        // rounded half-up here and stops at Int64.max.
        let minor = (reward.value.amountOff * power10(currency.scale)).roundedHalfUp(scale: 0)
        return Money(minorUnits: minor.exactInt64 ?? Int64.max, scale: currency.scale)
    }

    /// Computes what a paid sale does: the points earned on `total`, then one voucher for
    /// each time the balance reaches a reward's threshold, as ledger entries to append.
    ///
    /// Without a member (`memberBalance` nil) nothing is earned or issued. Rewards convert
    /// in the program's order: the first reward takes every conversion its threshold
    /// allows before the next is tried. A negative balance (after a refund) issues nothing.
    /// At most `maxConversionsPerSale` vouchers are issued.
    public func finalize(
        total: Money, memberBalance: Int64?, at instant: Date,
        codes: inout some RandomNumberGenerator
    ) -> SaleOutcome {
        guard let balance = memberBalance else {
            return SaleOutcome(earned: 0, conversions: [], entries: [], balanceAfter: nil)
        }

        var entries: [LedgerEntryPlan] = []
        var earned: Int64 = 0
        for (rule, points) in earnedByRule(onPaid: total) where points > 0 {
            entries.append(LedgerEntryPlan(kind: .earn, points: points, reference: rule.id))
            earned = saturatingAdd(earned, points)
        }

        var running = saturatingAdd(balance, earned)
        var vouchers: [IssuedVoucher] = []
        for reward in program.rewards where reward.threshold > 0 {
            while running >= reward.threshold && vouchers.count < Self.maxConversionsPerSale {
                let voucher = issue(reward, at: instant, codes: &codes)
                running -= reward.threshold
                vouchers.append(voucher)
                entries.append(
                    LedgerEntryPlan(
                        kind: .convert, points: -reward.threshold,
                        reference: voucher.code))
            }
        }
        return SaleOutcome(
            earned: earned, conversions: vouchers, entries: entries, balanceAfter: running)
    }

    /// What the member would earn if the basket were paid now, with the reserved vouchers'
    /// discounts taken off. Changes nothing.
    ///
    /// The discounts apply in the order given, each capped at what is still left to pay
    /// (a 5.00 voucher on a 3.00 basket takes 3.00 off), so the total is never negative.
    public func quote(
        basket: Basket, memberBalance: Int64?, reserved: [VoucherDiscount]
    ) -> Quote {
        var left = basket.amount
        var discounts: [VoucherDiscount] = []
        for voucher in reserved {
            let applied = max(Money.zero(scale: left.scale), min(voucher.amount, left))
            discounts.append(
                VoucherDiscount(
                    code: voucher.code, title: voucher.title,
                    amount: applied))
            left = left - applied
        }

        let earn = memberBalance == nil ? 0 : earned(onPaid: left)
        return Quote(earn: earn, balance: memberBalance, discounts: discounts, total: left)
    }

    private func issue(
        _ reward: Reward, at instant: Date, codes: inout some RandomNumberGenerator
    ) -> IssuedVoucher {
        IssuedVoucher(
            code: VoucherCode.generate(using: &codes),
            reward: reward.id,
            title: reward.title,
            amount: amount(of: reward),
            expires: calendar.expiry(issuedAt: instant, validDays: reward.validDays),
            lastValidDay: calendar.lastValidDay(issuedAt: instant, validDays: reward.validDays))
    }

    /// floor(total / per) x award in exact Decimal arithmetic: the quotient from Decimal
    /// division is corrected by one either way, checked by exact multiplication, so a
    /// rounding in the 38th digit can never move it across a whole number.
    private func points(of rule: EarnRule, onPaid total: Money) -> Int64 {
        guard total.minorUnits > 0, rule.points.per > 0, rule.points.award > 0 else { return 0 }
        let paid = Decimal(total.minorUnits)
        let per = rule.points.per * power10(total.scale)

        var count = (paid / per).floored()
        while count > 0 && count * per > paid { count -= 1 }
        while (count + 1) * per <= paid { count += 1 }

        return (count * Decimal(rule.points.award)).exactInt64 ?? Int64.max
    }

    /// floor(paid / per) x award when `per` is a whole number of minor units: integer
    /// division is exact, so this equals the Decimal computation.
    private func points(of rule: EarnRule, perMinorUnits per: Int64, onPaid paid: Int64)
        -> Int64
    {
        guard paid > 0, rule.points.award > 0 else { return 0 }
        let (points, overflow) = (paid / per).multipliedReportingOverflow(by: rule.points.award)
        return overflow ? Int64.max : points
    }

    private func power10(_ exponent: Int) -> Decimal {
        Decimal(sign: .plus, exponent: exponent, significand: 1)
    }
}

/// a + b, stopping at the Int64 bounds instead of wrapping.
package func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    guard overflow else { return sum }
    return b > 0 ? Int64.max : Int64.min
}
