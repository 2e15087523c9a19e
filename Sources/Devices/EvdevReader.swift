import CShim
import DeviceIO
import Foundation
import Glibc

/// A keyboard-wedge scanner on an evdev node (`/dev/input/eventN`), grabbed so that its
/// keystrokes reach lanegate only, decoded with the scanner's own layout.
///
/// `start()` opens the node and takes it with `EVIOCGRAB` (`linux/input.h`): while the
/// grab holds, no other reader of the device (the console, a desktop session) sees its
/// keys, so a scan cannot leak into whatever window has the focus. Reading needs no X
/// server. Events are read on a thread of the reader's own with `poll(2)`, whose timeout
/// is the idle gap while a message is in progress; `stop()` releases the grab
/// (`EVIOCGRAB` 0) and closes the node. When the device is unplugged (`ENODEV`), the
/// partial message is dropped, `.disconnected` is the last event and the stream ends;
/// the hot-plug monitor starts a new reader when the device is back.
public actor EvdevReader {
    /// The node as configured (`/dev/input/by-id/usb-…-event-kbd` or `/dev/input/event3`).
    public nonisolated let path: String
    /// `.connected`, the scans, `.dropped` for an overlong one, and `.disconnected` last.
    public nonisolated let events: AsyncStream<ScannerEvent>

    private let settings: KeyboardWedgeSettings
    private let system: any SystemCalls
    private let continuation: AsyncStream<ScannerEvent>.Continuation
    private let control = EvdevReaderLoop.Control()
    private var started = false

    /// A reader of `path`; call `start()` to open it.
    public init(
        path: String, settings: KeyboardWedgeSettings,
        system: any SystemCalls = LinuxSystemCalls()
    ) {
        self.path = path
        self.settings = settings
        self.system = system
        (events, continuation) = AsyncStream<ScannerEvent>.makeStream()
    }

    /// Opens the node (`open(2)` read-only, non-blocking), grabs it (`EVIOCGRAB` 1) and
    /// starts reading. Throws when either fails; nothing stays open then.
    public func start() throws(SystemCallError) {
        guard !started else { return }
        let descriptor = try Descriptor.open(
            path, flags: O_RDONLY | O_NONBLOCK | O_CLOEXEC, system: system)
        do {
            _ = try descriptor.perform("ioctl(EVIOCGRAB)", hint: Self.grabHint) {
                $0.ioctl(descriptor.fd, request: lanegate_ioctl_EVIOCGRAB(), value: 1)
            }
        } catch {
            _ = descriptor.close()
            throw error
        }
        started = true

        continuation.yield(.connected(path: path, resolved: Self.resolve(path)))
        let control = control
        continuation.onTermination = { _ in control.requestStop() }
        let loop = EvdevReaderLoop(
            descriptor: descriptor, settings: settings, continuation: continuation,
            control: control)
        let thread = Thread { loop.run() }
        thread.name = "lanegate.evdev"
        thread.start()
    }

    /// Releases the grab, closes the node and ends `events`; returns when it is done.
    public func stop() async {
        guard started else {
            continuation.finish()
            return
        }
        control.requestStop()
        await control.waitUntilFinished()
    }

    private static let grabHint =
        "another program holds the device (an X server, another lanegate); stop it, or use "
        + "the scanner's HID POS or serial mode"

    /// The node a path leads to, through `realpath(3)`; the path itself when it cannot be
    /// resolved.
    private static func resolve(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
