import CUdev
import Dispatch
import Glibc

/// A libudev monitor (`udev_monitor_new_from_netlink`) filtered to the watched
/// subsystems, its socket watched by a Dispatch read source.
///
/// Every libudev call on the monitor happens on `queue` (libudev objects are not
/// thread-safe); that confinement is what `@unchecked Sendable` stands for. `cancel()`
/// stops the source; its cancel handler frees the monitor and the context, so the socket
/// is closed exactly once and never while Dispatch still watches it.
final class UdevMonitor: @unchecked Sendable {
    private let udev: OpaquePointer
    private let monitor: OpaquePointer
    private let queue = DispatchQueue(label: "lanegate.udev.monitor")
    private var source: DispatchSourceRead?
    private var cancelled = false

    /// A monitor of netlink group `group` (`udev` or `kernel`); nil when libudev cannot
    /// create or bind it (no netlink in this namespace, or no permission).
    init?(group: String) {
        guard let udev = udev_new() else { return nil }
        guard let monitor = udev_monitor_new_from_netlink(udev, group) else {
            udev_unref(udev)
            return nil
        }
        // The filter runs in the kernel (a BPF program) for messages from the udev daemon;
        // raw kernel messages pass it, so `UdevProperties.isWatchedNode` filters again.
        for subsystem in UdevProperties.subsystems {
            udev_monitor_filter_add_match_subsystem_devtype(monitor, subsystem, nil)
        }
        guard udev_monitor_enable_receiving(monitor) >= 0 else {
            udev_monitor_unref(monitor)
            udev_unref(udev)
            return nil
        }
        self.udev = udev
        self.monitor = monitor
    }

    /// Calls `handle` on the monitor's queue with each device received; the device is
    /// freed when `handle` returns.
    func start(_ handle: @escaping @Sendable (OpaquePointer) -> Void) {
        queue.async {
            guard !self.cancelled else { return }
            let fd = udev_monitor_get_fd(self.monitor)
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: self.queue)
            source.setEventHandler {
                // One datagram per call; drain what is queued.
                while let device = udev_monitor_receive_device(self.monitor) {
                    handle(device)
                    udev_device_unref(device)
                }
            }
            source.setCancelHandler {
                udev_monitor_unref(self.monitor)
                udev_unref(self.udev)
            }
            self.source = source
            source.activate()
        }
    }

    /// Stops receiving and frees the monitor.
    func cancel() {
        queue.async {
            guard !self.cancelled else { return }
            self.cancelled = true
            if let source = self.source {
                source.cancel()
                self.source = nil
            } else {
                udev_monitor_unref(self.monitor)
                udev_unref(self.udev)
            }
        }
    }
}
