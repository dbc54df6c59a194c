import Foundation

/// "Did you mean …?" hints: the closest known name by edit distance, when it is close enough to be
/// a typo rather than a different word.
enum NameSuggestion {
    /// Longest word or candidate worth a hint: every name we suggest (columns, models, ids) is far
    /// shorter, and the edit distance costs length × length, so a hostile 1 MB cell must not reach it.
    static let maxLength = 200

    /// The candidate nearest to `word` (case-insensitive), or nil when none is within
    /// max(2, length / 3) edits.
    static func closest(to word: String, in candidates: [String]) -> String? {
        guard word.utf8.count <= maxLength * 4 else { return nil }
        let target = Array(word.lowercased())
        guard target.count <= maxLength else { return nil }
        let limit = max(2, target.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            // The length difference is a lower bound of the distance: skip what cannot be close.
            guard candidate.utf8.count <= maxLength * 4 else { continue }
            let other = Array(candidate.lowercased())
            guard abs(other.count - target.count) <= limit else { continue }
            let distance = editDistance(target, other)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Levenshtein distance (insert, delete, substitute; each costs 1).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
