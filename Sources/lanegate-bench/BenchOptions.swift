import Foundation

/// The command line of `lanegate-bench`.
struct BenchOptions {
    /// How many sales are finalized, and how many floor commits are timed.
    var sales = 2000
    /// Members in the lane database.
    var members = 100_000
    /// Samples per block; the measurements take turns in blocks. One
    /// by default: ten floor commits back to back ran into the disk's throttling (see
    /// docs/performance.md) while the lane's commits, spaced by its round trips, did not.
    var block = 1
    /// The folder that holds the databases; on the repository's disk by default.
    var folder = ".build/bench-data"
    /// Seeds the choice of members and sale amounts, so two runs sell the same sales.
    var seed: UInt64 = 1
    /// Whether the next sale waits until the previous sale's receipt is printed.
    var pace = Pace.printed
    /// JSON instead of the table.
    var json = false
    /// Lets the folder be on tmpfs or ramfs, to see the lane's own CPU with commits that
    /// cost next to nothing; the goal is then not judged.
    var memoryFolder = false

    /// How sales follow each other.
    enum Pace: String {
        /// The next sale opens once the lane has printed the previous one (a real checkout:
        /// the next customer comes after the receipt).
        case printed
        /// The next sale opens as soon as the previous reply is read; the print queue's
        /// own commits then compete with the next sale for the store.
        case none
    }

    static let usage = """
        Usage: lanegate-bench [--sales N] [--members N] [--block N] [--folder PATH]
                              [--seed N] [--pace printed|none] [--json] [--memory-folder]

        Measures LaneLink `finalize` (request written to reply read) on a lane started
        in-process with a database of --members members (default 100000), and beside it
        the disk's commit floor: one SQLite commit of one ledger row with WAL and
        synchronous=FULL, in the same folder. Two more show where the rest goes: a
        sale's own SQL through plain SQLite on a copy of the lane's schema (store), and
        the same line echoed back over loopback with no lane (loopback). They take
        turns in blocks of --block (default 1) until each has --sales samples (default
        2000).

        The folder (default .build/bench-data) must be on a disk, not tmpfs; it is
        emptied of the bench's own files first. --memory-folder lets it be on tmpfs
        (e.g. --folder /dev/shm/bench) for profiling: commits then cost next to nothing,
        so finalize shows the lane's own CPU and wake-ups; the goal is not judged.

        Example:
          lanegate-bench --sales 2000 --json
        """

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws(BenchError) -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--json":
                options.json = true
            case "--memory-folder":
                options.memoryFolder = true
            case "--help", "-h":
                throw BenchError(usage)
            case "--sales", "--members", "--block", "--seed", "--folder", "--pace":
                guard let value = rest.popFirst() else {
                    throw BenchError("\(argument) needs a value\n\n\(usage)")
                }
                try options.set(argument, value)
            default:
                throw BenchError("unknown argument \(argument)\n\n\(usage)")
            }
        }
        return options
    }

    private mutating func set(_ option: String, _ value: String) throws(BenchError) {
        switch option {
        case "--folder":
            folder = value
        case "--pace":
            guard let chosen = Pace(rawValue: value) else {
                throw BenchError("--pace \(value): valid values are printed, none")
            }
            pace = chosen
        case "--seed":
            guard let number = UInt64(value) else {
                throw BenchError("--seed \(value) is not a number from 0 to 2^64-1")
            }
            seed = number
        default:
            guard let number = Int(value), number > 0 else {
                throw BenchError("\(option) \(value) is not a positive whole number")
            }
            switch option {
            case "--sales": sales = number
            case "--members":
                guard number <= 99_999_999 else {
                    throw BenchError("--members \(value): at most 99999999 (8-digit card serials)")
                }
                members = number
            default: block = number
            }
        }
    }
}
