/// The words after the verb, read one by one: options with values, flags, positionals.
struct Arguments {
    private var words: [String]

    init(_ words: [String]) { self.words = words }

    var isEmpty: Bool { words.isEmpty }

    /// The first word that is not an option, left in place (a sub-verb such as `probe`).
    var firstWord: String? { words.first { !$0.hasPrefix("-") } }

    /// Removes `--name VALUE` (or `--name=VALUE`) and returns the value.
    mutating func option(_ name: String) throws(UsageError) -> String? {
        for (index, word) in words.enumerated() {
            if word == name {
                guard index + 1 < words.count else {
                    throw UsageError("\(name) needs a value")
                }
                let value = words[index + 1]
                words.removeSubrange(index...(index + 1))
                return value
            }
            if word.hasPrefix(name + "=") {
                words.remove(at: index)
                return String(word.dropFirst(name.count + 1))
            }
        }
        return nil
    }

    /// Removes `--name` and says whether it was there.
    mutating func flag(_ name: String) -> Bool {
        guard let index = words.firstIndex(of: name) else { return false }
        words.remove(at: index)
        return true
    }

    /// What is left; an unknown option among it is a usage error.
    mutating func positionals() throws(UsageError) -> [String] {
        if let unknown = words.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw UsageError("unknown option \(unknown)")
        }
        defer { words.removeAll() }
        return words.filter { $0 != "--" }
    }
}

/// Bad usage: exit status 2, the reason and the verb's help on standard error.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Bad input (a file with problems): exit status 2, the problems on standard error.
struct InputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
