import Devices
import Foundation
import StrictJSON

/// Finds the files lanegate ships with: the device profiles (`devices/`) and the example
/// LaneLink sessions (`protocols/examples/`), in the build tree and when installed.
///
/// Looked at, in order: `$LANEGATE_SHARE`; the source tree the binary was built in (found by
/// walking up from the executable to a folder holding both `devices/` and `protocols/`);
/// `/usr/local/share/lanegate`; `/usr/share/lanegate`.
public enum Resources {
    public static func candidates() -> [String] {
        var folders: [String] = []
        if let share = ProcessInfo.processInfo.environment["LANEGATE_SHARE"] {
            folders.append(share)
        }
        var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            folders.append(folder.path)
            folder.deleteLastPathComponent()
        }
        folders.append(FileManager.default.currentDirectoryPath)
        folders += ["/usr/local/share/lanegate", "/usr/share/lanegate"]
        return folders
    }

    /// The running executable's file: `/proc/self/exe` (proc(5)), which names it however
    /// it was started; `argv[0]` only as a last resort, since a program started by name
    /// from `PATH` gets just its name there.
    static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The first candidate folder that holds `relative`, or an error listing where it looked.
    public static func folder(_ relative: String) throws(LaneError) -> String {
        let looked = candidates()
        for base in looked {
            let path = (base as NSString).appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
                isFolder.boolValue
            {
                return path
            }
        }
        throw LaneError(
            "cannot find lanegate's \(relative)/ folder; looked in "
                + looked.map { ($0 as NSString).appendingPathComponent(relative) }
                .joined(separator: ", ")
                + " (set LANEGATE_SHARE to the folder that holds devices/ and protocols/)")
    }

    /// Loads the profile called `name`: `devices/NAME.json` next to the config first, then
    /// the bundled profiles.
    public static func profile(named name: String, besides configFile: String?)
        throws(LaneError) -> DeviceProfile
    {
        let (found, looked) = profileFile(named: name, besides: configFile)
        guard let path = found else {
            throw LaneError(missingProfile(name, looked: looked))
        }
        do {
            return try DeviceProfile.load(path: path, searchFolders: profileSearchFolders())
        } catch {
            throw LaneError(error.description)
        }
    }

    /// The file of the profile called `name` (nil when there is none) and every path
    /// looked at, in order: `devices/NAME.json` beside the config, then the bundled one.
    static func profileFile(named name: String, besides configFile: String?)
        -> (path: String?, looked: [String])
    {
        var paths: [String] = []
        if let configFile {
            let folder = (configFile as NSString).deletingLastPathComponent
            paths.append(LaneConfig.resolve("devices/\(name).json", in: folder))
        }
        if let bundled = try? folder("devices") {
            paths.append((bundled as NSString).appendingPathComponent("\(name).json"))
        }
        return (paths.first { FileManager.default.fileExists(atPath: $0) }, paths)
    }

    /// Where a profile's `extends` looks after its own folder: the bundled profiles, so a
    /// profile beside the config may extend a bundled one.
    static func profileSearchFolders() -> [String] {
        (try? folder("devices")).map { [$0] } ?? []
    }

    /// Why no profile called `name` was found, naming every path looked at.
    static func missingProfile(_ name: String, looked: [String]) -> String {
        "no device profile named \"\(name)\"; looked for " + looked.joined(separator: ", ")
            + " (valid: a file name under devices/ without .json, e.g. epson-tm-t88v)"
    }
}
