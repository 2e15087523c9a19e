/// What one scan means: its symbology, its data, and the product numbers or GS1 elements
/// found in it, or why it is refused.
///
/// A refused scan is a result, not a failure: ``error`` says why and the other fields
/// keep whatever could still be read, so the lane can show and log it.
public struct DecodedScan: Sendable, Equatable {
    /// The AIM symbology identifier the scanner sent, if any.
    public var aim: AIMIdentifier?
    /// The symbology, from the AIM identifier when present, else inferred from the data;
    /// `nil` when nothing could be inferred.
    public var symbology: Symbology?
    /// The payload without the AIM identifier.
    public var data: [UInt8]
    /// The data as text: UTF-8 when it is valid UTF-8, else ISO 8859-1, one character a
    /// byte. Control characters (GS, CR) are kept.
    public var text: String
    /// The 14-digit GTIN of an EAN/UPC code, an ITF-14, or the (01) element of a GS1
    /// element string.
    public var gtin14: String?
    /// The two- or five-digit EAN/UPC add-on.
    public var addOn: String?
    /// The elements of a GS1 element string, in the order scanned.
    public var elements: [GS1Element]?
    /// Why the scan is refused, in words; `nil` when it is accepted.
    public var error: String?

    /// Makes a decoded scan; the text is derived from `data`.
    public init(
        aim: AIMIdentifier? = nil, symbology: Symbology? = nil, data: [UInt8],
        gtin14: String? = nil, addOn: String? = nil, elements: [GS1Element]? = nil,
        error: String? = nil
    ) {
        self.aim = aim
        self.symbology = symbology
        self.data = data
        self.text = Self.text(of: data)
        self.gtin14 = gtin14
        self.addOn = addOn
        self.elements = elements
        self.error = error
    }

    /// Bytes as text: UTF-8 if they are valid UTF-8, else ISO 8859-1 (every byte is the
    /// Unicode scalar of the same number), so no byte is ever lost or replaced.
    public static func text(of data: [UInt8]) -> String {
        if let utf8 = String(validating: data, as: UTF8.self) { return utf8 }
        var text = ""
        text.unicodeScalars.append(contentsOf: data.map { Unicode.Scalar($0) })
        return text
    }
}
