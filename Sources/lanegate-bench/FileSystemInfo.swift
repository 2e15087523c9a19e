import Foundation
import Glibc

/// Which file system a folder lives on: its type (from `statfs(2)`'s `f_type`, named with
/// `/proc/self/mountinfo`) and the mount point that holds it.
struct FileSystemInfo: Sendable {
    /// The type as the kernel names it in mountinfo (`ext4`, `xfs`, `tmpfs`, …).
    let type: String
    /// The mount point whose file system holds the folder (`/`).
    let mountPoint: String
    /// The block device or source of the mount (`/dev/vda`).
    let source: String
    /// `f_type` from `statfs(2)`.
    let magic: Int

    /// Whether the folder is in memory: a benchmark of commits there measures no disk.
    var isMemory: Bool {
        magic == Self.tmpfsMagic || magic == Self.ramfsMagic
    }

    /// "ext4 on / (/dev/vda)".
    var description: String { "\(type) on \(mountPoint) (\(source))" }

    // Magic numbers from statfs(2) and <linux/magic.h>.
    static let tmpfsMagic = 0x0102_1994
    static let ramfsMagic = 0x8584_58f6
    private static let names: [Int: String] = [
        0xEF53: "ext2/3/4", 0x5846_5342: "xfs", 0x9123_683E: "btrfs",
        0x0102_1994: "tmpfs", 0x8584_58f6: "ramfs", 0x794C_7630: "overlayfs",
        0x2FC1_2FC1: "zfs", 0xF2F5_2010: "f2fs", 0x6969: "nfs",
    ]

    /// The file system of `folder`, which must exist.
    static func of(_ folder: String) throws(BenchError) -> FileSystemInfo {
        let magic = try fileSystemMagic(folder)
        let path = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        let mount = try mountEntry(for: path)
        let type = mount?.type ?? names[magic] ?? String(format: "0x%X", magic)
        return FileSystemInfo(
            type: type, mountPoint: mount?.point ?? "?", source: mount?.source ?? "?",
            magic: magic)
    }

    /// `f_type` of `statfs(2)` for `path`.
    ///
    /// Swift's Glibc module leaves out `<sys/vfs.h>`, so `statfs` is looked up with
    /// `dlsym(3)` and called through its C type; `f_type` is the struct's first member, a
    /// `long` on 64-bit Linux (statfs(2), "The statfs structure"). The buffer is larger
    /// than the 120 bytes the struct takes on x86-64 and arm64.
    private static func fileSystemMagic(_ path: String) throws(BenchError) -> Int {
        typealias StatfsFunction =
            @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32
        guard let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, "statfs") else {
            throw BenchError("statfs(2) is not available: \(String(cString: dlerror()))")
        }
        let call = unsafeBitCast(symbol, to: StatfsFunction.self)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 8)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: 256)
        guard call(path, buffer) == 0 else {
            throw BenchError("statfs(\(path)) failed: \(String(cString: strerror(errno)))")
        }
        return buffer.load(as: Int.self)
    }

    /// The mountinfo line whose mount point is the longest prefix of `path`; the last such
    /// line wins, as the last mount on a point hides the earlier ones (proc(5),
    /// /proc/pid/mountinfo: fields 5 mount point, then after " - " type and source).
    private static func mountEntry(for path: String) throws(BenchError)
        -> (point: String, type: String, source: String)?
    {
        guard let text = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        else { return nil }
        var best: (point: String, type: String, source: String)?
        for line in text.split(separator: "\n") {
            let halves = line.components(separatedBy: " - ")
            guard halves.count == 2 else { continue }
            let fields = halves[0].split(separator: " ")
            let tail = halves[1].split(separator: " ")
            guard fields.count >= 5, tail.count >= 2 else { continue }
            let point = unescape(String(fields[4]))
            let holds = point == "/" || path == point || path.hasPrefix(point + "/")
            guard holds, point.count >= (best?.point.count ?? 0) else { continue }
            best = (point, String(tail[0]), unescape(String(tail[1])))
        }
        return best
    }

    /// Mountinfo writes space, tab, newline and backslash as octal escapes (`\040`).
    private static func unescape(_ field: String) -> String {
        field.replacingOccurrences(of: "\\040", with: " ")
            .replacingOccurrences(of: "\\011", with: "\t")
            .replacingOccurrences(of: "\\012", with: "\n")
            .replacingOccurrences(of: "\\134", with: "\\")
    }
}
