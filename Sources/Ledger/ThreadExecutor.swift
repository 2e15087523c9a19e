import Foundation
import Synchronization

/// A serial executor that runs every job (and plain closures, in the same order) on one
/// dedicated thread, and lets other threads take their turn on it synchronously.
///
/// `LedgerStore` runs on one of these so that a commit's `fsync` (and a wait for another
/// lane's write lock) blocks only the thread that asked for it, never the cooperative pool
/// that carries the scanner and the print queue. `DispatchSerialQueue` is not a
/// `SerialExecutor` on Linux, hence this small loop over a locked job list.
///
/// Serial means one at a time, in the order asked, not one thread: a job runs in its turn
/// on the executor's thread, and `runExclusively(_:)` runs its body in its turn on the
/// caller's thread. Inside either, `checkIsolated()` passes, so the actors that use this
/// executor may be entered with `assumeIsolated` (SE-0424). A POS connection's reader
/// thread answers its requests this way: when nothing is queued or running, the caller
/// takes the turn at once and the reply leaves the thread that read the request, without
/// a wake-up of the executor's thread (on this project's 2-processor VM that wake-up alone
/// costs about 40 µs, a quarter of a commit). When work is queued or running, the caller's
/// turn is queued behind it like a job, so nothing overtakes what was asked before it.
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    // `condition` guards `queue`, `turnTaken` and `stopping`, and every `Turn`'s flags.
    // `thread` is written once, in `init`, before the thread starts; it is weak because the
    // running thread keeps itself alive and its block holds this executor.
    private let condition = NSCondition()
    private var queue: [Work] = []
    /// Whether someone (the executor's thread, or a caller of `runExclusively`) has the turn.
    private var turnTaken = false
    private var stopping = false
    private weak var thread: Thread?

    /// The `pthread_self()` of the thread whose turn it is, 0 when none. Written only by
    /// that thread during its turn; read by any thread to ask "is it me?", which only that
    /// thread can answer yes to.
    private let holder = Atomic<UInt>(0)

    /// Runs after each job and each `runExclusively(_:)` body, still in the turn, once that
    /// job's caller has been resumed.
    private let afterEachJob: (() -> Void)?

    private enum Work {
        case job(UnownedJob)
        case closure(() -> Void)
        /// A caller of `runExclusively` waiting in line: the executor's thread hands it the
        /// turn and waits until it is done.
        case turn(Turn)
    }

    /// One caller's place in line; its flags are guarded by `condition`.
    private final class Turn {
        var granted = false
        var done = false
    }

    /// Starts the thread, named `name` so that it shows in a debugger and in `top -H`;
    /// `afterEachJob` runs after every job (the store's deferred checkpoint).
    init(name: String, afterEachJob: (() -> Void)? = nil) {
        self.afterEachJob = afterEachJob
        let thread = Thread { [self] in
            // Set from inside: on Linux a name given before start() is not applied, and a
            // new thread would keep its creator's name (a pool thread's, usually).
            Thread.current.name = name
            self.run()
        }
        self.thread = thread
        thread.start()
    }

    /// Queues `job` to run on the thread after the work already queued.
    func enqueue(_ job: consuming ExecutorJob) {
        append(.job(UnownedJob(job)))
    }

    /// Queues `work` to run on the thread after the work already queued, as a job would.
    func enqueue(_ work: @escaping @Sendable () -> Void) {
        append(.closure(work))
    }

    /// This executor, as the runtime refers to it.
    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Traps unless called by the thread whose turn it is (used by `assumeIsolated`).
    func checkIsolated() {
        precondition(holdsTurn, "not on the LedgerStore's executor")
    }

    /// Runs `body` on the calling thread in its turn: after the work queued or running now,
    /// before the work queued later. Called again inside `body`, it runs the inner body at
    /// once.
    func runExclusively<T>(_ body: () throws -> T) rethrows -> T {
        if holdsTurn { return try body() }
        condition.lock()
        var place: Turn?
        if turnTaken || !queue.isEmpty {
            let turn = Turn()
            queue.append(.turn(turn))
            condition.broadcast()
            while !turn.granted { condition.wait() }
            place = turn
        } else {
            turnTaken = true
        }
        condition.unlock()

        holder.store(Self.currentThread, ordering: .relaxed)
        defer {
            afterEachJob?()
            holder.store(0, ordering: .relaxed)
            condition.lock()
            if let place {
                // The executor's thread gave the turn and waits to take it back.
                place.done = true
                condition.broadcast()
            } else {
                turnTaken = false
                // The executor's thread waits for work, or to stop; it needs waking only
                // when work came in during the turn (or a stop was asked). Waking it after
                // every request found nothing to do and cost a futex wake-up on the
                // reader's thread and a context switch on the other processor each time.
                if !queue.isEmpty || stopping { condition.broadcast() }
            }
            condition.unlock()
        }
        return try body()
    }

    /// How many jobs, closures and turns wait in line now.
    var queuedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    /// Lets the thread finish the queued work and exit.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private var holdsTurn: Bool {
        holder.load(ordering: .relaxed) == Self.currentThread
    }

    private static var currentThread: UInt { UInt(bitPattern: Int(bitPattern: pthread_self())) }

    private func append(_ work: Work) {
        condition.lock()
        queue.append(work)
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while (queue.isEmpty || turnTaken) && !(stopping && queue.isEmpty && !turnTaken) {
                condition.wait()
            }
            if queue.isEmpty {
                // Stopping, and nothing left to run.
                condition.unlock()
                return
            }
            let work = queue.removeFirst()
            turnTaken = true
            if case .turn(let turn) = work {
                // Hand the turn to the caller waiting in line and wait for it back.
                turn.granted = true
                condition.broadcast()
                while !turn.done { condition.wait() }
                turnTaken = false
                condition.unlock()
                continue
            }
            condition.unlock()

            holder.store(Self.currentThread, ordering: .relaxed)
            switch work {
            case .job(let job): job.runSynchronously(on: asUnownedSerialExecutor())
            case .closure(let closure): closure()
            case .turn: break
            }
            afterEachJob?()
            holder.store(0, ordering: .relaxed)

            // Nobody waits for the turn to be free: callers wait in line, as `.turn`, for
            // this thread to grant it, so there is no one to wake here.
            condition.lock()
            turnTaken = false
            condition.unlock()
        }
    }
}
