import Foundation

/// Collects the problems of one file while a loader walks it.
///
/// Not `Sendable`: one loader uses it within one call. Object readers made through it
/// report into it; `throwIfProblems()` first finishes any reader the loader did not
/// finish, so an unknown key is never silently accepted.
public final class JSONValidation {
    /// The file name used in every problem.
    public let file: String
    /// The problems found so far, in the order they were found.
    public private(set) var problems: [JSONProblem] = []
    private var openReaders: [JSONObjectReader] = []

    /// Starts collecting problems for `file`.
    public init(file: String) {
        self.file = file
    }

    /// Records a problem at `position` for the value at `path`.
    public func report(_ message: String, at position: SourcePosition, path: String) {
        problems.append(
            JSONProblem(
                file: file, position: position, path: path,
                message: message))
    }

    /// Reads and parses a file; a missing or unreadable file or a syntax error becomes a
    /// problem ("FILE:1:1: $: cannot read the file: No such file or directory") and nil.
    ///
    /// Reads with `fopen(3)` and `fread(3)` so the reason is `strerror(errno)`.
    public func load(path: String) -> JSONNode? {
        switch readFile(path) {
        case .success(let bytes):
            return parse(bytes)
        case .failure(let reason):
            report(
                "cannot read the file: \(reason.text)",
                at: SourcePosition(line: 1, column: 1, offset: 0), path: "$")
            return nil
        }
    }

    /// Parses bytes; a syntax error becomes a problem at its place and nil.
    public func parse(_ bytes: [UInt8]) -> JSONNode? {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            report(error.message, at: error.position, path: "$")
            return nil
        }
    }

    /// The node as an object reader (reports "expected an object, found …" and returns nil).
    public func object(_ node: JSONNode, path: String = "$") -> JSONObjectReader? {
        guard case .object = node.value else {
            report("expected an object, found \(node.typeName)", at: node.position, path: path)
            return nil
        }
        return JSONObjectReader(node: node, path: path, validation: self)
    }

    /// Throws every problem found, after finishing the readers not yet finished.
    public func throwIfProblems() throws(JSONProblems) {
        for reader in openReaders { reader.finish() }
        openReaders.removeAll()
        if !problems.isEmpty { throw JSONProblems(problems: problems) }
    }

    func register(_ reader: JSONObjectReader) {
        openReaders.append(reader)
    }

    private struct ReadFailure: Error { let text: String }

    /// The largest file `load(path:)` reads. Config, program and profile files are a few
    /// kilobytes; a path to a device or a log file must not fill the memory.
    public static let maximumFileSize = 4 << 20

    private func readFile(_ path: String) -> Result<[UInt8], ReadFailure> {
        guard let stream = fopen(path, "rb") else {
            return .failure(ReadFailure(text: String(cString: strerror(errno))))
        }
        defer { fclose(stream) }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, stream)
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > Self.maximumFileSize {
                return .failure(
                    ReadFailure(
                        text: "it is larger than \(Self.maximumFileSize >> 20) MiB (a config, "
                            + "program or profile is a few kilobytes: is this the right file?)"))
            }
            if count < chunk.count {
                if ferror(stream) != 0 {
                    return .failure(ReadFailure(text: String(cString: strerror(errno))))
                }
                return .success(bytes)
            }
        }
    }
}
