import Foundation
import StrictJSON

/// `"extends"`: a profile built on another one.
///
/// The parent is found by name (`NAME.json` beside the child, then in the bundled folders),
/// loaded and merged into the child's tree before the child is read: a root key the child
/// leaves out is the parent's, and within `match`, `serial`, `scanner` and `printer` the
/// child's keys replace the parent's one by one. Inherited values take the position of the
/// child's `extends` value, so a problem that only the combination has (a child that
/// switches `interface` away from the parent's `keyboard`) is shown there, in the child.
extension DeviceProfile {
    /// The sections merged key by key; any other root key is replaced whole.
    static let mergedSections: Set<String> = ["match", "serial", "scanner", "printer"]

    /// The root keys a child never inherits: its own name, its own parent, its own sources.
    static let ownKeys: Set<String> = ["profile", "extends", "sources"]

    /// Finds and loads the parent, or reports why it cannot be used at the `extends` value.
    static func resolveParent(
        _ name: String, at node: JSONNode, validation: JSONValidation, lookup: ParentLookup,
        problems: inout [JSONProblem]
    ) -> Resolved? {
        func report(_ message: String) {
            validation.report(message, at: node.position, path: "$.extends")
        }
        guard !name.isEmpty, !name.contains("/"), !name.hasSuffix(".json") else {
            report(
                "\(JSON.string(name).serialized) is not a profile name (valid: a file name "
                    + "under devices/ without .json, e.g. \"generic-80mm\")")
            return nil
        }
        if let start = lookup.chain.firstIndex(of: name) {
            let cycle = (lookup.chain[start...] + [name]).joined(separator: " → ")
            report(
                "extending \"\(name)\" makes a cycle: \(cycle) (valid: extend a profile that "
                    + "does not extend this one)")
            return nil
        }
        let candidates = lookup.folders.map {
            ($0 as NSString).appendingPathComponent("\(name).json")
        }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) })
        else {
            report(
                "no profile named \"\(name)\" to extend; looked for "
                    + candidates.joined(separator: ", ")
                    + " (valid: the name of a profile beside this one or bundled with lanegate)")
            return nil
        }
        do {
            return try resolve(
                path: path, searchFolders: lookup.folders,
                chain: lookup.chain)
        } catch {
            report(
                "the profile it extends, \(path), has \(error.problems.count) problem(s), "
                    + "listed after this one (valid: fix them first)")
            problems += error.problems
            return nil
        }
    }

    /// The child's tree with what it inherits from `parent` added.
    static func inheriting(_ child: JSONNode, from parent: JSONNode, at position: SourcePosition)
        -> JSONNode
    {
        guard case .object(let own) = child.value, case .object(let inherited) = parent.value
        else { return child }
        var members: [JSONNode.Member] = []
        for member in own {
            if mergedSections.contains(member.key),
                case .object(let ownSection) = member.value.value,
                case .object(let parentSection)? = parent[member.key]?.value
            {
                let merged = merge(ownSection, parentSection, at: position)
                members.append(
                    JSONNode.Member(
                        key: member.key, keyPosition: member.keyPosition,
                        value: JSONNode(value: .object(merged), position: member.value.position)))
            } else {
                members.append(member)
            }
        }
        let ownNames = Set(own.map(\.key))
        for member in inherited
        where !ownNames.contains(member.key) && !ownKeys.contains(member.key) {
            members.append(moved(member, to: position))
        }
        return JSONNode(value: .object(members), position: child.position)
    }

    /// The child's members (duplicates kept, so they are still reported), then the
    /// parent's members whose keys the child does not give.
    private static func merge(
        _ own: [JSONNode.Member], _ inherited: [JSONNode.Member], at position: SourcePosition
    ) -> [JSONNode.Member] {
        let ownNames = Set(own.map(\.key))
        return own
            + inherited.filter { !ownNames.contains($0.key) }.map { moved($0, to: position) }
    }

    private static func moved(_ member: JSONNode.Member, to position: SourcePosition)
        -> JSONNode.Member
    {
        JSONNode.Member(
            key: member.key, keyPosition: position, value: moved(member.value, to: position))
    }

    private static func moved(_ node: JSONNode, to position: SourcePosition) -> JSONNode {
        switch node.value {
        case .array(let elements):
            let items = elements.map { moved($0, to: position) }
            return JSONNode(value: .array(items), position: position)
        case .object(let members):
            let items = members.map { moved($0, to: position) }
            return JSONNode(value: .object(items), position: position)
        default:
            return JSONNode(value: node.value, position: position)
        }
    }
}
