/// A request the ESC/POS encoder cannot turn into valid printer commands.
public struct ESCPOSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in a form code can switch over.
    public enum Reason: Sendable, Equatable {
        /// A character CODE128 code sets B and C cannot carry (outside U+0020 to U+007E).
        case unencodableCharacter(Character, offset: Int)
        /// The data is longer than one `GS k` command can carry.
        case dataTooLong(count: Int, limit: Int)
        /// The data is empty.
        case emptyData
        /// A numeric parameter is outside the printer's range.
        case parameterOutOfRange(name: String, value: Int, range: ClosedRange<Int>)
    }

    /// What went wrong.
    public let reason: Reason
    /// The command being built, such as `CODE128`.
    public let command: String

    /// Creates an error for `command`.
    public init(_ reason: Reason, command: String) {
        self.reason = reason
        self.command = command
    }

    /// One line naming the command, the place and the fix.
    public var description: String {
        switch reason {
        case let .unencodableCharacter(character, offset):
            let scalars = character.unicodeScalars
                .map { "U+" + String($0.value, radix: 16, uppercase: true) }
                .joined(separator: " ")
            return "\(command): character \(scalars) at offset \(offset) is not printable "
                + "ASCII (valid: U+0020 to U+007E); remove it or print the data as text"
        case let .dataTooLong(count, limit):
            return "\(command): data is \(count) bytes once encoded, more than the "
                + "\(limit) one command can carry; shorten the data"
        case .emptyData:
            return "\(command): data is empty; give at least one character"
        case let .parameterOutOfRange(name, value, range):
            return "\(command): \(name) \(value) is out of range "
                + "(valid: \(range.lowerBound) to \(range.upperBound))"
        }
    }
}
