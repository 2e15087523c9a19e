import Foundation
import StrictJSON
import Testing

@testable import Devices

/// `extends`: what a child inherits, what it overrides key by key, whose sources hold, and
/// the problems of a missing parent, a cycle and a broken parent.
@Suite struct DeviceProfileInheritanceTests {
    /// A folder of its own per test, holding the given files, removed afterwards.
    final class Folder {
        let path: String

        init(_ files: [String: String]) throws {
            path = NSTemporaryDirectory() + "lanegate-profiles-" + UUID().uuidString
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: URL(fileURLWithPath: "\(path)/\(name).json"))
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func load(_ name: String, bundled: [String] = []) throws(JSONProblems) -> DeviceProfile {
            try DeviceProfile.load(path: "\(path)/\(name).json", searchFolders: bundled)
        }

        func problems(_ name: String) -> [String] {
            do {
                _ = try load(name)
                return []
            } catch {
                return error.problems.map {
                    $0.description.replacingOccurrences(of: path + "/", with: "")
                }
            }
        }
    }

    /// A child of the `acme-p80` printer of DeviceProfileTests: a newer model with a
    /// wider head and a USB id; line numbers in the tests refer to this text.
    static let child = #"""
        {
          "profile": "acme-p90",
          "extends": "acme-p80",
          "model": "P90",
          "match": { "usb": [{ "vendor": "04b8", "product": "0e28" }] },
          "printer": { "printableDots": 576, "columns": { "fontA": 48, "fontB": 64 } },
          "sources": {
            "match": "P90 guide, 1.2",
            "printer.printableDots": "P90 guide, 2.1",
            "printer.columns": "P90 guide, 2.2"
          }
        }
        """#

    @Test func aChildInheritsAndOverridesKeyByKey() throws {
        let folder = try Folder(["acme-p80": DeviceProfileTests.printer, "acme-p90": Self.child])
        let parent = try folder.load("acme-p80")
        let profile = try folder.load("acme-p90")
        #expect(profile.parent == "acme-p80")
        #expect(profile.kind == .printer)
        #expect(profile.maker == "ACME")
        #expect(profile.model == "P90")
        #expect(profile.match == ProfileMatch(usb: [.init(vendor: 0x04B8, product: 0x0E28)]))
        var expected = try #require(parent.printer)
        expected.printableDots = 576
        expected.columnsFontA = 48
        expected.columnsFontB = 64
        #expect(profile.printer == expected)
        // Its own facts have its sources, the inherited ones keep the parent's.
        #expect(profile.sources["printer.printableDots"] == "P90 guide, 2.1")
        #expect(profile.sources["printer.cut"] == "P80 guide, 2.4")
        #expect(profile.sources["match"] == "P90 guide, 1.2")
        #expect(profile.sources.count == 9)
    }

    @Test func aGrandchildInheritsThroughItsParent() throws {
        let grandchild = #"""
            {
              "profile": "acme-p95",
              "extends": "acme-p90",
              "model": "P95",
              "printer": { "cut": "partial" },
              "sources": { "printer.cut": "P95 guide, 2.4" }
            }
            """#
        let folder = try Folder([
            "acme-p80": DeviceProfileTests.printer, "acme-p90": Self.child,
            "acme-p95": grandchild,
        ])
        let profile = try folder.load("acme-p95")
        #expect(profile.printer?.cut == "partial")
        #expect(profile.printer?.printableDots == 576)
        #expect(profile.printer?.codePages == [19, 0])
        #expect(profile.match?.usb.first?.product == 0x0E28)
        #expect(profile.sources["printer.cut"] == "P95 guide, 2.4")
        #expect(profile.sources["printer.columns"] == "P90 guide, 2.2")
    }

    @Test func theParentIsFoundInTheBundledFolderToo() throws {
        let bundled = try Folder(["acme-p80": DeviceProfileTests.printer])
        let local = try Folder(["acme-p90": Self.child])
        #expect(try local.load("acme-p90", bundled: [bundled.path]).printer?.cut == "full")
    }

    @Test func anInheritedFactNeedsNoSourceButAnOwnOneDoes() throws {
        let folder = try Folder([
            "acme-p80": DeviceProfileTests.printer,
            "acme-p90": DeviceProfileTests.edited(
                Self.child, #""printer.columns": "P90 guide, 2.2""#,
                #""printer.columns": "P90 guide, 2.2", "printer.cut": "P80 guide, 2.4""#),
        ])
        // `    "printer.columns": "P90 guide, 2.2", ` is 41 characters.
        #expect(
            folder.problems("acme-p90") == [
                #"acme-p90.json:10:42: $.sources["printer.cut"]: "printer.cut" names no fact of"#
                    + " this profile (an inherited fact keeps its parent's source) (valid: match,"
                    + " printer.columns, printer.printableDots)"
            ])
    }

    @Test func aMissingParent() throws {
        let folder = try Folder(["acme-p90": Self.child])
        #expect(
            folder.problems("acme-p90") == [
                #"acme-p90.json:3:14: $.extends: no profile named "acme-p80" to extend; looked for"#
                    + " acme-p80.json (valid: the name of a profile beside this one"
                    + " or bundled with lanegate)"
            ])
    }

    @Test func aCycleIsRefusedWithItsChain() throws {
        let a = #"{ "profile": "a", "extends": "b", "model": "A" }"#
        let b = #"{ "profile": "b", "extends": "c", "model": "B" }"#
        let c = #"{ "profile": "c", "extends": "a", "model": "C" }"#
        let folder = try Folder(["a": a, "b": b, "c": c])
        let found = folder.problems("a")
        #expect(
            found.contains(
                #"c.json:1:30: $.extends: extending "a" makes a cycle: a → b → c → a (valid:"#
                    + " extend a profile that does not extend this one)"))
        #expect(found.first?.hasPrefix("a.json:1:30: $.extends: the profile it extends,") == true)
    }

    @Test func aBrokenParentIsReportedInBothFiles() throws {
        let broken = DeviceProfileTests.edited(
            DeviceProfileTests.printer, #""cut": "full""#, #""cut": "half""#)
        let folder = try Folder(["acme-p80": broken, "acme-p90": Self.child])
        #expect(
            folder.problems("acme-p90") == [
                "acme-p90.json:3:14: $.extends: the profile it extends, acme-p80.json,"
                    + " has 1 problem(s), listed after this one (valid: fix them first)",
                #"acme-p80.json:12:12: $.printer.cut: "half" is not allowed (valid: full, partial,"#
                    + " none)",
            ])
    }

    @Test func aChildKeepsItsKind() throws {
        let folder = try Folder([
            "acme-p80": DeviceProfileTests.printer,
            "acme-p90": DeviceProfileTests.edited(
                Self.child, #""model": "P90","#, #""model": "P90", "kind": "scanner","#),
        ])
        // `  "model": "P90", "kind": ` is 26 characters.
        #expect(
            folder.problems("acme-p90") == [
                #"acme-p90.json:4:27: $.kind: "scanner" differs from the kind of "acme-p80", which"#
                    + #" this profile extends (valid: "printer", or leave "kind" out)"#
            ])
    }

    @Test func aProblemOnlyTheMergeHasIsShownAtExtends() throws {
        let parent = DeviceProfileTests.edited(
            DeviceProfileMatchTests.hidScanner, #""profile": "acme-hid""#,
            #""profile": "acme-hid""#)
        let child = #"""
            {
              "profile": "acme-hid-serial",
              "extends": "acme-hid",
              "scanner": { "interface": "serial" },
              "sources": { "scanner.interface": "guide" }
            }
            """#
        let folder = try Folder(["acme-hid": parent, "acme-hid-serial": child])
        #expect(
            folder.problems("acme-hid-serial") == [
                #"acme-hid-serial.json:3:14: $.scanner.hid: "hid" applies to HID POS scanners"#
                    + #" only (valid: set "interface": "hidraw", or remove "hid")"#
            ])
    }
}
