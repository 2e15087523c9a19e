import Foundation

/// What this process has open, read from `/proc/self/fd`: one link target per
/// descriptor (`/dev/pts/3`, `socket:[123456]`).
func openDescriptorTargets() -> [String] {
    let folder = "/proc/self/fd"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.compactMap {
        try? FileManager.default.destinationOfSymbolicLink(
            atPath: "\(folder)/\($0)")
    }
}

/// How many of this process's descriptors point at `target`.
func descriptorCount(pointingAt target: String) -> Int {
    openDescriptorTargets().filter { $0 == target }.count
}

/// Where descriptor `fd` points, or nil when it is not open.
func descriptorTarget(_ fd: Int32) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")
}

/// Like `descriptorCount(pointingAt:)`, counting also descriptors whose node
/// was removed meanwhile (the kernel shows them as `PATH (deleted)`, as a
/// pts node after its controller closed).
func descriptorCount(pointingAtNodeOrDeleted target: String) -> Int {
    descriptorCount(pointingAt: target) + descriptorCount(pointingAt: target + " (deleted)")
}
