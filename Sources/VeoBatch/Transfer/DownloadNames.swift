import Foundation

/// File names for downloaded URLs (`veobatch transfer download`): the last path component, made
/// safe and unique, so nothing lands outside the output folder whatever the URL says and two URLs
/// ending in the same name do not overwrite each other.
public enum DownloadNames {
    /// One name per URL, in order: letters, digits, `.`, `_` and `-` kept, anything else `_`; a
    /// URL without a usable name gets `download-N`; a repeated name is prefixed with `N-` (N the
    /// URL's position, from 1).
    public static func assign(_ urls: [String]) -> [String] {
        var used: Set<String> = []
        return urls.enumerated().map { index, url in
            let candidate = URLComponents(string: url)?.path.split(separator: "/").last.map(String.init) ?? ""
            let cleaned = String(candidate.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
            var name = cleaned.isEmpty || cleaned.allSatisfy({ $0 == "." }) ? "download-\(index + 1)" : cleaned
            if used.contains(name) { name = "\(index + 1)-\(name)" }
            used.insert(name)
            return name
        }
    }
}
