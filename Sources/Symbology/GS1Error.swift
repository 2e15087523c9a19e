/// Why a GS1 element string was refused, and where.
public struct GS1Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The byte offset of the fault in the data given to
    /// ``GS1ElementString/parse(_:referenceYear:)`` (counted from 0, after any AIM
    /// identifier): the first byte of an unknown AI, the
    /// wrong check digit, the bad month or day, the first byte past the longest allowed
    /// value, the byte that is not in the AI's character set.
    public let offset: Int
    /// What is wrong, in words, with the AI and the value: "(01) 05000456013483: check
    /// digit is 3, expected 2".
    public let message: String

    /// Makes an error at a byte offset.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `"byte 18: (01) 05000456013483: check digit is 3, expected 2"`.
    public var description: String { "byte \(offset): \(message)" }
}
