import DeviceIO
import Foundation
import Glibc

/// A test double under `SystemCalls`: records every call and answers from a
/// script, so tests can force `EINTR`, `EAGAIN`, `EIO` or a busy lock.
/// Nothing reaches the kernel; `open` hands out made-up descriptor numbers.
final class RecordingSystemCalls: SystemCalls, @unchecked Sendable {
    /// One call as the code under test made it.
    enum Call: Equatable {
        case open(String, flags: Int32)
        case read(Int32)
        case write(Int32, [UInt8])
        case send(Int32, [UInt8])
        case close(Int32)
        case tcgetattr(Int32)
        case tcsetattr(Int32, action: Int32)
        case tcflush(Int32, queue: Int32)
        case ioctl(Int32, request: UInt)
        case flock(Int32, operation: Int32)
        case setNonBlocking(Int32)
        case poll(Int32)
        case fsync(Int32)

        var name: String {
            String(describing: self).prefix { $0 != "(" }.description
        }
    }

    private let lock = NSLock()
    private var recorded: [Call] = []
    private var failures: [String: [Errno]] = [:]
    private var reads: [Result<[UInt8], Errno>] = []
    private var setAttributes: [termios] = []
    private var nextDescriptor: Int32 = 1000

    /// The calls made so far.
    var calls: [Call] { lock.withLock { recorded } }

    /// The attributes each `tcsetattr` was given.
    var attributesSet: [termios] { lock.withLock { setAttributes } }

    /// Makes the next calls named `name` fail with these errnos, in order.
    func fail(_ name: String, with errnos: Errno...) {
        lock.withLock { failures[name, default: []].append(contentsOf: errnos) }
    }

    /// Queues what the next reads return.
    func queueReads(_ results: Result<[UInt8], Errno>...) {
        lock.withLock { reads.append(contentsOf: results) }
    }

    private func record(_ call: Call) -> Errno? {
        lock.withLock {
            recorded.append(call)
            guard var pending = failures[call.name], !pending.isEmpty else { return nil }
            let errno = pending.removeFirst()
            failures[call.name] = pending
            return errno
        }
    }

    private func outcome(_ call: Call) -> Result<Void, Errno> {
        record(call).map { .failure($0) } ?? .success(())
    }

    func open(_ path: String, flags: Int32, mode: mode_t) -> Result<Int32, Errno> {
        if let errno = record(.open(path, flags: flags)) { return .failure(errno) }
        return .success(
            lock.withLock {
                defer { nextDescriptor += 1 }
                return nextDescriptor
            })
    }

    func read(_ fd: Int32, upTo count: Int) -> Result<[UInt8], Errno> {
        if let errno = record(.read(fd)) { return .failure(errno) }
        return lock.withLock { reads.isEmpty ? .failure(.wouldBlock) : reads.removeFirst() }
    }

    func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
        if let errno = record(.write(fd, Array(bytes))) { return .failure(errno) }
        return .success(bytes.count)
    }

    func send(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Result<Int, Errno> {
        if let errno = record(.send(fd, Array(bytes))) { return .failure(errno) }
        return .success(bytes.count)
    }

    func close(_ fd: Int32) -> Result<Void, Errno> { outcome(.close(fd)) }

    func tcgetattr(_ fd: Int32) -> Result<termios, Errno> {
        if let errno = record(.tcgetattr(fd)) { return .failure(errno) }
        return .success(RecordingSystemCalls.cookedAttributes)
    }

    func tcsetattr(_ fd: Int32, action: Int32, _ attributes: termios) -> Result<Void, Errno> {
        let result = outcome(.tcsetattr(fd, action: action))
        if case .success = result {
            lock.withLock { setAttributes.append(attributes) }
        }
        return result
    }

    func tcflush(_ fd: Int32, queue: Int32) -> Result<Void, Errno> {
        outcome(.tcflush(fd, queue: queue))
    }

    func ioctl(_ fd: Int32, request: UInt) -> Result<Void, Errno> {
        outcome(.ioctl(fd, request: request))
    }

    func flock(_ fd: Int32, operation: Int32) -> Result<Void, Errno> {
        outcome(.flock(fd, operation: operation))
    }

    func setNonBlocking(_ fd: Int32) -> Result<Void, Errno> { outcome(.setNonBlocking(fd)) }

    func poll(_ fd: Int32, events: Int16, timeoutMilliseconds: Int32) -> Result<Int16, Errno> {
        if let errno = record(.poll(fd)) { return .failure(errno) }
        return .success(events)
    }

    func fsync(_ fd: Int32) -> Result<Void, Errno> { outcome(.fsync(fd)) }

    /// What a freshly opened tty reports: cooked mode, echo, 38400 baud,
    /// 7 data bits with odd parity and two stop bits, so every setting
    /// under test has something to clear.
    static let cookedAttributes: termios = {
        var attributes = termios()
        attributes.c_iflag =
            tcflag_t(ICRNL | IXON | BRKINT | ISTRIP | INLCR | IGNCR | PARMRK)
            | tcflag_t(IGNBRK)
        attributes.c_oflag = tcflag_t(OPOST | ONLCR)
        attributes.c_lflag = tcflag_t(ECHO | ECHONL | ICANON | ISIG | IEXTEN)
        attributes.c_cflag = tcflag_t(CS7 | PARENB | PARODD | CSTOPB) | tcflag_t(CRTSCTS)
        cfsetispeed(&attributes, speed_t(B38400))
        cfsetospeed(&attributes, speed_t(B38400))
        withUnsafeMutableBytes(of: &attributes.c_cc) { characters in
            characters[Int(VMIN)] = 0
            characters[Int(VTIME)] = 5
        }
        return attributes
    }()
}
