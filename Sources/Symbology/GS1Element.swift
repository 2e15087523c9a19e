/// One element of a GS1 element string: an Application Identifier and its value, as in
/// `(17)201200` (GS1 General Specifications, section 3).
public struct GS1Element: Sendable, Hashable {
    /// The Application Identifier, 2 to 4 digits: `"01"`, `"3103"`.
    public let ai: String
    /// The value as encoded, without the AI and without any FNC1 separator.
    public let value: String
    /// For an AI whose value starts with a date (11–17, 4324–4326, 7003, 7006, 7007, 7011,
    /// 8008), that date in ISO 8601, `"2020-12-31"`: the century comes from the GS1 rule
    /// and a day of 00 is the last day of the month. `nil` for other AIs.
    public let date: String?

    /// Makes an element from its parts.
    public init(ai: String, value: String, date: String? = nil) {
        self.ai = ai
        self.value = value
        self.date = date
    }

    /// The element in the human-readable interpretation, `"(01)05000456013482"`.
    public var humanReadable: String { "(\(ai))\(value)" }
}
