/// Paths as the manifest writes them: relative to the manifest's folder, so the folder can move.
enum RelativePath {
    /// `/a/b/shots` + `/a/b/shots/seq/x.png` → `seq/x.png`; `/a/b/m` + `/a/c/x.png` → `../../c/x.png`.
    /// Both paths must be absolute and standardized. Paths that share only `/` stay absolute, and a
    /// result starting with `@` gets `./` so it is never read as an `@ROW` reference.
    static func from(folder: String, to path: String) -> String {
        let base = folder.split(separator: "/", omittingEmptySubsequences: true)
        let target = path.split(separator: "/", omittingEmptySubsequences: true)
        var common = 0
        while common < base.count, common < target.count - 1, base[common] == target[common] { common += 1 }
        guard common > 0 else { return path }
        let ups = Array(repeating: "..", count: base.count - common)
        let relative = (ups + target[common...].map(String.init)).joined(separator: "/")
        return relative.hasPrefix("@") ? "./" + relative : relative
    }
}
