import Dispatch
import Foundation
import Synchronization
import Testing

@testable import Ledger

/// `runExclusively` and `enqueue`: other threads taking their turn on the store's executor.
@Suite struct LedgerStoreTurnTests {
    @Test func aTurnOnAnotherThreadEntersTheStoreDirectly() throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        let card = store.runExclusively {
            store.assumeIsolated { store in
                (try? store.enroll(card: "6012345678901", tier: "standard", at: Date()))?.card
            }
        }
        #expect(card == "6012345678901")
        // Called again inside its own body, it runs the inner body at once (no deadlock).
        let nested = store.runExclusively { store.runExclusively { 7 } }
        #expect(nested == 7)
    }

    @Test func closuresRunOnTheStoresThreadInTheOrderQueued() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        let log = Mutex<[String]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            for index in 1...5 {
                store.enqueue {
                    // Inside, the store is isolated: this traps if it were not.
                    let version = store.assumeIsolated { $0.schemaVersion }
                    log.withLock { $0.append("\(index):v\(version)") }
                }
            }
            store.enqueue { done.resume() }
        }
        #expect(log.withLock { $0 } == ["1:v1", "2:v1", "3:v1", "4:v1", "5:v1"])
    }

    @Test func aTurnWaitsForTheWorkRunningNow() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        let log = Mutex<[String]>([])
        let running = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let asking = DispatchSemaphore(value: 0)
        store.enqueue {
            log.withLock { $0.append("job starts") }
            running.signal()
            release.wait()
            log.withLock { $0.append("job ends") }
        }
        running.wait()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                asking.signal()
                store.runExclusively { log.withLock { $0.append("turn") } }
                done.resume()
            }
            thread.start()
            // The other thread is about to ask for its turn while the job still runs; it
            // must get it only once the job has ended.
            asking.wait()
            log.withLock { $0.append("released") }
            release.signal()
        }
        #expect(log.withLock { $0 } == ["job starts", "released", "job ends", "turn"])
    }

    /// A turn asked for while work is queued waits behind it: a POS line never overtakes
    /// a scan that came before it.
    @Test func aTurnNeverOvertakesWorkQueuedBeforeIt() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        let log = Mutex<[String]>([])
        let running = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        store.enqueue {
            running.signal()
            release.wait()
            log.withLock { $0.append("job") }
        }
        running.wait()
        store.enqueue { log.withLock { $0.append("queued before") } }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                store.runExclusively { log.withLock { $0.append("turn") } }
                done.resume()
            }.start()
            // The turn is in line (the job still runs): then let the job end.
            while store.queuedWork < 2 { sched_yield() }
            store.enqueue { log.withLock { $0.append("queued after") } }
            release.signal()
        }
        store.runExclusively { log.withLock { $0.append("last") } }
        #expect(log.withLock { $0 } == ["job", "queued before", "turn", "queued after", "last"])
    }

    /// Many threads taking turns while closures are queued: every body runs alone.
    @Test func turnsAndQueuedWorkNeverOverlap() async throws {
        let database = TestDatabase()
        defer { database.remove() }
        let store = try database.open()

        let inside = Atomic<Int>(0)
        let overlaps = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
        @Sendable func critical() {
            if inside.add(1, ordering: .sequentiallyConsistent).newValue != 1 {
                overlaps.add(1, ordering: .relaxed)
            }
            _ = store.assumeIsolated { $0.schemaVersion }
            inside.subtract(1, ordering: .sequentiallyConsistent)
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            for _ in 0..<4 {
                Thread {
                    for index in 0..<500 {
                        if index % 2 == 0 {
                            store.runExclusively { critical() }
                        } else {
                            store.enqueue { critical() }
                        }
                    }
                    store.enqueue {
                        if finished.add(1, ordering: .relaxed).newValue == 4 { done.resume() }
                    }
                }.start()
            }
        }
        #expect(overlaps.load(ordering: .relaxed) == 0)
    }
}
