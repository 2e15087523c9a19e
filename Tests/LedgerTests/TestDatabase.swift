import CSQLite
import Foundation
import Testing

@testable import Ledger

/// A database file in a folder of its own under the temporary directory.
struct TestDatabase {
    let folder: URL
    let path: String

    init() {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lanegate-ledger-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("ledger.sqlite").path
    }

    /// Removes the folder with the database, its WAL and its shared-memory file.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A store on this file.
    func open(busyTimeout: Duration = .seconds(2)) throws -> LedgerStore {
        try LedgerStore(path: path, busyTimeout: busyTimeout)
    }
}

/// A plain SQLite connection, as another program (or another lane) would hold one.
final class RawConnection {
    private var db: OpaquePointer?

    init(path: String) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        guard sqlite3_open_v2(path, &db, flags, nil) == SQLITE_OK else {
            throw RawError(message: "cannot open \(path)")
        }
    }

    deinit {
        sqlite3_close_v2(db)
    }

    /// Runs `sql`; throws SQLite's message on failure.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard rc == SQLITE_OK else {
            throw RawError(message: message.map { String(cString: $0) } ?? "code \(rc)")
        }
    }

    /// The first column of the first row of `sql`, as an integer.
    func integer(_ sql: String) throws -> Int64 {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else {
            throw RawError(message: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else {
            throw RawError(message: "no row for \(sql)")
        }
        return sqlite3_column_int64(statement, 0)
    }
}

struct RawError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Fixed instants, whole milliseconds, so that they come back from the store unchanged.
enum Moment {
    static let open = Date(timeIntervalSince1970: 1_750_000_000)
    static func plus(minutes: Int) -> Date {
        open.addingTimeInterval(Double(minutes) * 60)
    }
}

/// The error a test's plan throws, to see it come back through `LedgerError.planError`.
struct PlanRefusal: Error, Equatable {
    let code: String
}

/// A sale plan earning `earned` points for `memberID`, with simple lines and reply.
func salePlan(
    txn: String, memberID: Int64?, totalMinor: Int64, earned: Int64,
    redeem: [String] = [], newVouchers: [NewVoucher] = [],
    printJob: NewPrintJob? = nil, extraEntries: [NewLedgerEntry] = []
)
    -> SalePlan
{
    let entries =
        memberID.map {
            [NewLedgerEntry(memberID: $0, kind: "earn", points: earned, reference: txn)]
        } ?? []
    return SalePlan(
        requestCanonical: #"{"op":"finalize","total":"\#(totalMinor)","txn":"\#(txn)"}"#,
        reply: #"{"op":"finalized","earned":\#(earned)}"#,
        lines: [
            SaleLine(line: "1", sku: "4006381333931", qty: "2", amountMinor: totalMinor / 2),
            SaleLine(
                line: "2", sku: "9788742940440", qty: "0.250",
                amountMinor: totalMinor - totalMinor / 2),
        ],
        totalMinor: totalMinor, earned: earned, entries: entries + extraEntries,
        redeem: redeem, newVouchers: newVouchers, printJob: printJob)
}
