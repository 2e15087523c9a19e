import ESCPOS

extension ReceiptPrinter {
    /// Whether the profile says the printer sends Automatic Status Back messages and the
    /// transport can bring them back (TCP and serial; not `file:` nor a write-only device).
    public var usesAutomaticStatus: Bool {
        settings.automaticStatusBack && transport.hasReturnChannel
    }

    /// Whether the standing reader runs.
    public var isWatching: Bool { watcher != nil }

    /// Starts the standing reader of the return channel, for a printer whose profile says it
    /// sends Automatic Status Back; does nothing otherwise (`usesAutomaticStatus`).
    ///
    /// `GS a` with the lane's items goes out at once, which opens the connection, and again
    /// whenever the transport has a new connection (the printer may have been switched off,
    /// which clears it) and after every job (`ESC @` clears it: Epson ESC/POS Command
    /// Reference, "GS a", notes). The printer answers each `GS a` with a message and sends
    /// one on every change; each is folded into `state` as it comes, and the observer hears
    /// of it, between jobs too. While the reader runs it is the only one that reads the
    /// return channel: replies that jobs and status queries wait for come through it, still
    /// paired with their requests. One read waits up to `interval`; a printer that cannot be
    /// reached is tried again every `interval`.
    public func startWatching(interval: Duration) {
        guard usesAutomaticStatus, watcher == nil else { return }
        watcher = Task { await self.watch(interval: interval) }
    }

    /// Stops the standing reader; replies are read by the job code again, as before.
    /// A read under way ends by itself within the interval; what it brings is dropped.
    public func stopWatching() {
        watcher?.cancel()
        watcher = nil
        wakeArrivals(with: false)
    }

    private func watch(interval: Duration) async {
        while !Task.isCancelled {
            await enableIfDue(interval: interval)
            let bytes = (try? await transport.receive(upTo: 256, timeout: interval)) ?? []
            guard !Task.isCancelled, watcher != nil else { return }
            if !bytes.isEmpty { absorb(bytes) }
        }
    }

    /// Sends `GS a` when the connection it went out on is not the one open now (or none is
    /// open), unless a job or query is under way (a job sends it after its bytes anyway).
    private func enableIfDue(interval: Duration) async {
        guard operations == 0, ContinuousClock.now >= nextEnableAllowed else { return }
        let current = await transport.connectionNumber
        guard current == nil || current != automaticStatusConnection else { return }
        guard operations == 0, !enabling else { return }
        // A printer that refuses or drops each connection is not hammered.
        nextEnableAllowed = ContinuousClock.now + interval
        enabling = true
        defer {
            enabling = false
            for waiter in enablingWaiters { waiter.resume() }
            enablingWaiters.removeAll()
        }
        // A printer that is away is found by the next job, which reports it to the queue;
        // the reader only tries again.
        try? await enableAutomaticStatus()
    }

    /// Marks a job or query under way; waits while the reader is sending `GS a`.
    func beginOperation() async {
        operations += 1
        while enabling {
            await withCheckedContinuation { enablingWaiters.append($0) }
        }
    }

    func endOperation() {
        operations -= 1
    }

    /// Waits up to `timeout` for the reader to bring bytes; false when none came.
    func nextArrival(within timeout: Duration) async -> Bool {
        nextArrival += 1
        let id = nextArrival
        let timer = Task {
            try? await Task.sleep(for: timeout)
            self.arrivalTimedOut(id)
        }
        let came = await withCheckedContinuation { arrivals[id] = $0 }
        timer.cancel()
        return came
    }

    private func arrivalTimedOut(_ id: Int) {
        arrivals.removeValue(forKey: id)?.resume(returning: false)
    }

    /// Resumes everyone waiting for bytes.
    func wakeArrivals(with came: Bool = true) {
        let waiting = arrivals.values
        arrivals.removeAll()
        for waiter in waiting { waiter.resume(returning: came) }
    }
}
