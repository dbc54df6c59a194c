/// How a file's name places it in a shot, before its content is known.
///
/// `NAME_start|first|in`, `NAME_end|last|out`, `NAME_ref1..3` (also `NAME_ref_2`) and plain `NAME`;
/// separators `_`, `-`, `.` and space; keywords in any case. A file named only by its role
/// (`start.png` inside `shot010/`) takes NAME from its folder: the folder-per-shot layout.
struct ShotFileName: Sendable, Hashable {
    enum Role: Sendable, Hashable {
        case start, end
        case reference(Int)
        /// No role keyword: a single frame or a clip, whichever the content turns out to be.
        case plain
    }

    /// NAME as written (original case), never empty.
    var name: String
    var role: Role
    /// The extension in lower case without the dot, or "" when the name has none.
    var fileExtension: String

    /// A name scanning cannot use, with the reason as a sentence fragment.
    struct Unusable: Error, Sendable, Hashable {
        var reason: String
    }

    static let separators: Set<Character> = ["_", "-", ".", " "]
    static let referenceRange = 1...3

    static func parse(fileName: String, folderName: String) -> Result<ShotFileName, Unusable> {
        let (stem, fileExtension) = splitExtension(fileName)
        let cut = stem.lastIndex(where: { separators.contains($0) })
        let head: Substring = cut.map { stem[..<$0] } ?? ""
        let tail: Substring = cut.map { stem[stem.index(after: $0)...] } ?? stem[...]
        let keyword = tail.lowercased()
        let headLowercased = head.lowercased()

        var role = Role.plain
        var name = stem[...]
        if let keywordRole = Self.keywordRole(keyword) {
            role = keywordRole
            name = head
        } else if let index = Int(keyword), keyword.allSatisfy(\.isASCIIDigitCharacter),
            headLowercased == "ref" || headLowercased.hasSuffixSeparated("ref")
        {
            // NAME_ref_2: the keyword and its index split by a separator.
            role = .reference(index)
            name = head.dropLast(3)
        }

        if case .reference(let index) = role, !referenceRange.contains(index) {
            return .failure(Unusable(reason: "reference index \(index) is outside 1–3 (use NAME_ref1, NAME_ref2 or NAME_ref3)"))
        }
        while let last = name.last, separators.contains(last) { name = name.dropLast() }
        while let first = name.first, separators.contains(first) { name = name.dropFirst() }
        let resolved = name.isEmpty ? folderName : String(name)
        guard !resolved.isEmpty else {
            return .failure(Unusable(reason: "the name has no NAME part to identify the shot"))
        }
        return .success(ShotFileName(name: resolved, role: role, fileExtension: fileExtension))
    }

    /// `shot.010.png` → ("shot.010", "png"). An "extension" longer than 5 or with non-alphanumerics
    /// is part of the name, so `shot 010.final take` keeps its whole name.
    static func splitExtension(_ fileName: String) -> (stem: String, fileExtension: String) {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return (fileName, "") }
        let ext = fileName[fileName.index(after: dot)...]
        guard (1...5).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return (fileName, "")
        }
        return (String(fileName[..<dot]), ext.lowercased())
    }

    /// `start` → .start, `ref2` → .reference(2); nil when the word is not a role keyword.
    private static func keywordRole(_ keyword: String) -> Role? {
        switch keyword {
        case "start", "first", "in": return .start
        case "end", "last", "out": return .end
        default:
            guard keyword.hasPrefix("ref") else { return nil }
            let digits = keyword.dropFirst(3)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigitCharacter), let index = Int(digits) else { return nil }
            return .reference(index)
        }
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension String {
    /// True when the string ends with `separator + word`, e.g. `shot010_ref` for "ref".
    fileprivate func hasSuffixSeparated(_ word: String) -> Bool {
        guard hasSuffix(word), count > word.count else { return false }
        let before = self[index(endIndex, offsetBy: -(word.count + 1))]
        return ShotFileName.separators.contains(before)
    }
}
