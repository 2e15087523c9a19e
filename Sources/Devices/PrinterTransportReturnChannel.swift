/// The bytes a printer sent back, waiting for `receive(upTo:timeout:)`.
///
/// Shared by the serial and TCP transports: their reader task delivers, the
/// job code receives. One receiver at a time; a second one waiting replaces
/// the first, which then gets what is there (often nothing).
package actor PrinterTransportReturnChannel {
    private var buffer: [UInt8] = []
    private var waiter: (id: Int, continuation: CheckedContinuation<Void, Never>)?
    private var nextID = 0

    package init() {}

    /// Adds bytes the printer sent.
    package func deliver(_ bytes: [UInt8]) {
        buffer += bytes
        wake()
    }

    /// Forgets what came over a connection that is gone; a receiver waiting returns empty,
    /// so that it hears of the end at once.
    package func discard() {
        buffer.removeAll()
        wake()
    }

    /// Up to `count` bytes, waiting up to `timeout` for the first.
    package func receive(upTo count: Int, timeout: Duration) async -> [UInt8] {
        if buffer.isEmpty, timeout > .zero {
            nextID += 1
            let id = nextID
            let timer = Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
            await withCheckedContinuation { continuation in
                wake()
                waiter = (id, continuation)
            }
            timer.cancel()
        }
        let taken = Array(buffer.prefix(count))
        buffer.removeFirst(taken.count)
        return taken
    }

    private func expire(_ id: Int) {
        if waiter?.id == id {
            wake()
        }
    }

    private func wake() {
        waiter?.continuation.resume()
        waiter = nil
    }
}
