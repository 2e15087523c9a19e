import StrictJSON

/// A member as LaneLink replies show them: `{"id","card","tier","balance"}`.
public struct LaneLinkMember: Sendable, Equatable {
    /// The member's id in the program.
    public let id: String
    /// The card number, in full: the POS needs it (never log it whole).
    public let card: String
    /// The member's tier, or nil in a program without tiers (sent as `null`).
    public let tier: String?
    /// The points balance.
    public let balance: Int

    /// Makes a member.
    public init(id: String, card: String, tier: String?, balance: Int) {
        self.id = id
        self.card = card
        self.tier = tier
        self.balance = balance
    }

    var json: JSON {
        .object([
            "id": .string(id), "card": .string(card), "tier": tier.map(JSON.string) ?? .null,
            "balance": .number(String(balance)),
        ])
    }
}

/// A voucher as LaneLink shows it: `{"code","title","amount","expires"}`.
public struct LaneLinkVoucher: Sendable, Equatable {
    /// The numeric voucher code, as printed under the barcode.
    public let code: String
    /// The reward's title from the program.
    public let title: String
    /// What it takes off, a decimal string in the store's currency.
    public let amount: String
    /// The first instant it is no longer valid, RFC 3339 with the store's offset.
    public let expires: String

    /// Makes a voucher; `amount` must be a decimal string, `expires` RFC 3339.
    public init(code: String, title: String, amount: String, expires: String) {
        self.code = code
        self.title = title
        self.amount = amount
        self.expires = expires
    }

    var pairs: [JSON.Pair] {
        [
            JSON.Pair(key: "code", value: .string(code)),
            JSON.Pair(key: "title", value: .string(title)),
            JSON.Pair(key: "amount", value: .string(amount)),
            JSON.Pair(key: "expires", value: .string(expires)),
        ]
    }
}

/// A discount in a `quote`: `{"code","title","amount"}`.
public struct LaneLinkDiscount: Sendable, Equatable {
    /// The voucher code or rule id the discount comes from.
    public let code: String
    /// What the cashier and the receipt call it.
    public let title: String
    /// The money it takes off, a decimal string.
    public let amount: String

    /// Makes a discount.
    public init(code: String, title: String, amount: String) {
        self.code = code
        self.title = title
        self.amount = amount
    }

    var json: JSON {
        .object(["code": .string(code), "title": .string(title), "amount": .string(amount)])
    }
}

/// A scan the lane's scanner read that is not a member card or a voucher.
public struct LaneLinkScan: Sendable, Equatable {
    /// One GS1 element string: application identifier and value.
    public struct Element: Sendable, Equatable {
        /// The application identifier, e.g. `01`, `17`, `10`.
        public let ai: String
        /// The element's value.
        public let value: String

        /// Makes an element.
        public init(ai: String, value: String) {
            self.ai = ai
            self.value = value
        }
    }

    /// What the lane made of the scan, in the `lanegate scan` vocabulary: `product` (a
    /// GTIN or GS1 data), `voucher` (a voucher code read while no transaction is open),
    /// `swipe` (a card swipe that gave no member card), `unknown`.
    public let kind: String?
    /// The data with the AIM identifier and suffix removed.
    public let data: String
    /// The symbology in the `lanegate scan` vocabulary (`ean-13`, `gs1-128`, `qr`, …).
    public let symbology: String?
    /// The GTIN as 14 digits, when the scan carries one.
    public let gtin14: String?
    /// The 2- or 5-digit add-on of an EAN/UPC.
    public let addOn: String?
    /// The GS1 element strings, empty when not GS1.
    public let elements: [Element]
    /// Why the scan gives nothing usable (a wrong check digit, an unreadable swipe), in
    /// words for the cashier.
    public let error: String?

    /// Makes a scan event's content; absent parts are left out of the line.
    public init(
        kind: String? = nil, data: String, symbology: String?, gtin14: String? = nil,
        addOn: String? = nil, elements: [Element] = [], error: String? = nil
    ) {
        self.kind = kind
        self.data = data
        self.symbology = symbology
        self.gtin14 = gtin14
        self.addOn = addOn
        self.elements = elements
        self.error = error
    }

    var pairs: [JSON.Pair] {
        var pairs: [JSON.Pair] = []
        if let kind { pairs.append(JSON.Pair(key: "kind", value: .string(kind))) }
        pairs.append(JSON.Pair(key: "data", value: .string(data)))
        if let symbology { pairs.append(JSON.Pair(key: "symbology", value: .string(symbology))) }
        if let gtin14 { pairs.append(JSON.Pair(key: "gtin14", value: .string(gtin14))) }
        if let addOn { pairs.append(JSON.Pair(key: "addOn", value: .string(addOn))) }
        if !elements.isEmpty {
            let list = elements.map {
                JSON.object(["ai": .string($0.ai), "value": .string($0.value)])
            }
            pairs.append(JSON.Pair(key: "elements", value: .array(list)))
        }
        if let error { pairs.append(JSON.Pair(key: "error", value: .string(error))) }
        return pairs
    }
}

/// A receipt printer's state in a `printer` event.
public enum LaneLinkPrinterState: String, Sendable, CaseIterable {
    /// Healthy and online.
    case ready
    /// Paper is running low; printing goes on.
    case paperNearEnd = "paper-near-end"
    /// Out of paper; jobs wait in the queue.
    case paperOut = "paper-out"
    /// The cover is open; jobs wait.
    case coverOpen = "cover-open"
    /// The printer reports itself offline or in error; jobs wait.
    case offline
    /// The printer cannot be reached (unplugged, network down); jobs wait.
    case disconnected
}
