import Foundation

/// One decoded LaneLink request line.
///
/// Decimals (quantities and amounts) stay the strings the POS sent, already checked to
/// be plain decimals; the lane turns them into money. `line` numbers are normalized to
/// strings, so `1` and `"1"` name the same basket line.
public struct LaneLinkRequest: Sendable, Equatable {
    /// The POS's request id, echoed in the reply.
    public let id: LaneLinkID
    /// The POS transaction id.
    public let txn: String
    /// What is asked, with its fields.
    public let body: Body

    /// Makes a request (the decoder does; tests and scripted POS links may too).
    public init(id: LaneLinkID, txn: String, body: Body) {
        self.id = id
        self.txn = txn
        self.body = body
    }

    /// The operation, from the body.
    public var op: LaneLinkOp {
        switch body {
        case .open: .open
        case .item: .item
        case .identify: .identify
        case .voucher: .voucher
        case .quote: .quote
        case .finalize: .finalize
        case .cancel: .cancel
        case .refund: .refund
        }
    }

    /// The fields of each operation.
    public enum Body: Sendable, Equatable {
        /// `open`: a transaction starts.
        case open(Open)
        /// `item`: a basket line.
        case item(Item)
        /// `identify`: a member card number as typed or scanned at the POS.
        case identify(card: String)
        /// `voucher`: a voucher code presented.
        case voucher(code: String)
        /// `quote`: no fields.
        case quote
        /// `finalize`: the sale is paid.
        case finalize(Finalize)
        /// `cancel`: no fields.
        case cancel
        /// `refund`: a return against an earlier transaction.
        case refund(Refund)
    }

    /// The fields of `open`.
    public struct Open: Sendable, Equatable {
        /// The POS's time of the start, RFC 3339 with an offset.
        public let at: LaneLinkTimestamp
        /// Who works the till, as the POS names them.
        public let cashier: String

        /// Makes the fields.
        public init(at: LaneLinkTimestamp, cashier: String) {
            self.at = at
            self.cashier = cashier
        }
    }

    /// The fields of `item`.
    public struct Item: Sendable, Equatable {
        /// The basket line's key; a repeated line replaces the earlier one.
        public let line: String
        /// The POS's article number (or GTIN).
        public let sku: String
        /// The quantity, a decimal string greater than zero ("2", "0.750").
        public let qty: String
        /// The price of one unit, a decimal string, zero or more ("1.25").
        public let price: String
        /// The POS's category, for earning rules that look at it.
        public let category: String?

        /// Makes the fields.
        public init(line: String, sku: String, qty: String, price: String, category: String?) {
            self.line = line
            self.sku = sku
            self.qty = qty
            self.price = price
            self.category = category
        }
    }

    /// The fields of `finalize`.
    public struct Finalize: Sendable, Equatable {
        /// What was paid, after the gateway's discounts, as a decimal string.
        public let total: String
        /// How it was paid.
        public let tenders: [Tender]
        /// The POS's own receipt as ESC/POS bytes, printed before the loyalty slip.
        public let receipt: [UInt8]?

        /// Makes the fields.
        public init(total: String, tenders: [Tender], receipt: [UInt8]?) {
            self.total = total
            self.tenders = tenders
            self.receipt = receipt
        }
    }

    /// One tender of a `finalize`.
    public struct Tender: Sendable, Equatable {
        /// The kind of payment as the POS names it ("cash", "card", "gift-card", …).
        public let type: String
        /// The amount paid with it, a decimal string.
        public let amount: String

        /// Makes a tender.
        public init(type: String, amount: String) {
            self.type = type
            self.amount = amount
        }
    }

    /// The fields of `refund`.
    public struct Refund: Sendable, Equatable {
        /// The `txn` of the sale returned against.
        public let original: String
        /// What goes back: some lines of the sale, or an amount of money.
        public let returned: Returned

        /// Makes the fields.
        public init(original: String, returned: Returned) {
            self.original = original
            self.returned = returned
        }
    }

    /// What a `refund` gives back.
    public enum Returned: Sendable, Equatable {
        /// Quantities of lines of the original sale (`lines`).
        case lines([RefundLine])
        /// An amount of money (`amount`), a decimal string.
        case amount(String)
    }

    /// One returned line of a `refund`.
    public struct RefundLine: Sendable, Equatable {
        /// The original sale's basket line.
        public let line: String
        /// How much of it comes back, a decimal string greater than zero.
        public let qty: String

        /// Makes a returned line.
        public init(line: String, qty: String) {
            self.line = line
            self.qty = qty
        }
    }
}
