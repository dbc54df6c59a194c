import Foundation
import Testing
@testable import VeoBatch

/// Chains of `@ROW` extends are checked against Veo's limits (20 extensions, 148 s) statically,
/// during validation, before anything could be sent.
@Suite("Extend: chain limits")
struct ExtendChainTests {
    let fixture: ManifestFixture
    typealias M = ManifestTestModels
    static let columns = ["id", "model", "prompt", "duration", "resolution", "video"]

    init() throws {
        fixture = try ManifestFixture()
    }

    /// A base row (text-to-video of `seconds`, or an extend of `clip`) and `links` extends, each of
    /// the row before: `base`, `link01`, `link02`, …
    private func chain(links: Int, seconds: String = "8", clip: String? = nil) -> [[String: String]] {
        var rows: [[String: String]] = []
        if let clip {
            rows.append(["id": "base", "model": M.fastExtend, "video": clip])
        } else {
            rows.append(["id": "base", "model": M.proT2VOfficial, "prompt": "A lighthouse at dusk", "duration": seconds])
        }
        var previous = "base"
        for index in 1...max(1, links) where links > 0 {
            let id = String(format: "link%02d", index)
            rows.append(["id": id, "model": M.fastExtend, "prompt": "Keep going, the light sweeps on", "video": "@" + previous])
            previous = id
        }
        return rows
    }

    /// Validates, leaving out the 10 MB input-size warnings (ExtendInputSizeTests covers them):
    /// these tests are about the length limits.
    private func validate(_ rows: [[String: String]]) throws -> ManifestValidation {
        var result = try fixture.validate(ExtendManifest.csv(Self.columns, rows))
        result.diagnostics.removeAll { $0.severity == .warning && $0.message.contains("takes at most 10 MB") }
        return result
    }

    @Test("an 8 s clip and 20 extends (148 s) is valid: 21 jobs, each link waiting for the one before")
    func twentyExtendsAreAllowed() throws {
        let result = try validate(chain(links: 20))
        #expect(result.rendered == [])
        #expect(result.jobs.count == 21)
        #expect(result.jobs[0].dependencies == [])
        for index in 1...20 {
            #expect(result.jobs[index].dependencies == [result.jobs[index - 1].rowID])
        }
    }

    @Test("a 21st extend is refused at its own row and video column, and no job is built")
    func twentyFirstExtendIsRefused() throws {
        let result = try validate(chain(links: 21))
        // Header on line 1, base on 2, link21 on line 23; video is column 6.
        #expect(
            result.rendered == [
                "23:6: error: row 'link21' would be extension 21 of the chain that starts at row 'base' (line 2, 8 s); Veo extends a clip at most 20 times (8 s + 20 × 7 s = 148 s); end the chain before this row or start it from a shorter clip"
            ])
        #expect(result.jobs.isEmpty)
        #expect(result.diagnostics.first?.description.hasPrefix(fixture.manifestPath + ":23:6: error:") == true)
    }

    @Test("only the first link over the limit is reported")
    func linksAfterTheFirstOneOverAreNotRepeated() throws {
        let result = try validate(chain(links: 23))
        #expect(result.errorCount == 1)
        #expect(result.diagnostics.first?.line == 23)
    }

    @Test("a local clip's real length counts: 100 s + 6 × 7 s fits, a 7th extend (149 s) does not")
    func localClipLengthComesFromTheFile() throws {
        try fixture.media("long.mp4", ExtendTestMP4.clip(seconds: 100))
        // The base row extends long.mp4 itself (extension 1 → 107 s), links add 5 more → 142 s.
        #expect(try validate(chain(links: 5, clip: "long.mp4")).rendered == [])
        let result = try validate(chain(links: 6, clip: "long.mp4"))
        #expect(
            result.rendered == [
                "8:6: error: row 'link06' would make the chain that starts from the clip 'long.mp4' (100 s) of row 'base' (line 2) 149 s long (100 s + 7 × 7 s); Veo's limit is 148 s; end the chain before this row or start it from a shorter clip"
            ])
    }

    @Test("a clip that is already 148 s cannot be extended at all")
    func fullLengthClipCannotBeExtended() throws {
        try fixture.media("full.mp4", ExtendTestMP4.clip(seconds: 148))
        let result = try validate(chain(links: 0, clip: "full.mp4"))
        #expect(result.errorCount == 1)
        #expect(
            result.rendered.first?.hasPrefix(
                "2:6: error: row 'base' would make the chain that starts from the clip 'full.mp4' (148 s) of row 'base' (line 2) 155 s long"
            ) == true)
    }

    @Test("shorter base clips leave the count as the limit: 4 s + 20 × 7 s = 144 s is fine, a 21st link is not")
    func shortBaseIsLimitedByCount() throws {
        #expect(try validate(chain(links: 20, seconds: "4")).rendered == [])
        let result = try validate(chain(links: 21, seconds: "4"))
        #expect(result.rendered.count == 1)
        #expect(result.rendered.first?.contains("would be extension 21 of the chain that starts at row 'base' (line 2, 4 s)") == true)
    }

    @Test("a clip given by URL has an unknown length, so only its number of extensions is checked")
    func urlClipCountsExtensionsOnly() throws {
        let url = "https://cdn.example.com/clip.mp4"
        #expect(try validate(chain(links: 19, clip: url)).rendered == [])
        let result = try validate(chain(links: 20, clip: url))
        #expect(result.rendered.count == 1)
        #expect(
            result.rendered.first?.contains(
                "row 'link20' would be extension 21 of the chain that starts from the clip '\(url)' of row 'base'") == true)
    }

    @Test("branches from one clip are counted separately")
    func branchesAreSeparateChains() throws {
        var rows = chain(links: 20)
        // A second branch of 20 links from the same base: every link is fine.
        var previous = "base"
        for index in 1...20 {
            let id = "alt\(index)"
            rows.append(["id": id, "model": M.fastExtend, "video": "@" + previous])
            previous = id
        }
        let result = try validate(rows)
        #expect(result.rendered == [])
        #expect(result.jobs.count == 41)
    }

    @Test("a chain of 3000 links is one error at link 21 (the walk is iterative, not recursive)")
    func veryLongChainIsReportedOnce() throws {
        let result = try validate(chain(links: 3000))
        #expect(result.errorCount == 1)
        #expect(result.diagnostics.first?.line == 23)
    }

    @Test("a loop of @ROW references is reported once as a cycle, not as a chain too long")
    func cyclesDoNotConfuseTheLengthCheck() throws {
        let result = try validate([
            ["id": "a", "model": M.fastExtend, "video": "@b"],
            ["id": "b", "model": M.fastExtend, "video": "@a"],
        ])
        #expect(result.errorCount == 1)
        #expect(result.rendered.first?.contains("form a cycle") == true)
    }
}

/// Chains pass 10 MB of input around the 4th link at 720p (0.4 MB/s observed): validate warns at
/// the first link whose input is estimated over the limit, and says it is an estimate.
@Suite("Extend: input size estimate")
struct ExtendInputSizeTests {
    typealias M = ManifestTestModels

    @Test("the first link whose input is estimated over 10 MB gets one warning; a 1080p chain sooner", arguments: [("720p", 4), ("1080p", 2)])
    func warnsAtFirstOversizedLink(resolution: String, firstLink: Int) throws {
        let fixture = try ManifestFixture()
        var rows: [[String: String]] = [["id": "base", "model": M.proT2VOfficial, "prompt": "A lighthouse at dusk", "duration": "8", "resolution": resolution]]
        var previous = "base"
        for index in 1...6 {
            let id = String(format: "link%02d", index)
            rows.append(["id": id, "model": M.fastExtend, "prompt": "Keep going, the light sweeps on", "resolution": resolution, "video": "@" + previous])
            previous = id
        }
        let result = try fixture.validate(ExtendManifest.csv(["id", "model", "prompt", "duration", "resolution", "video"], rows))
        #expect(result.isValid)
        let warnings = result.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1, "\(result.rendered)")
        let warning = try #require(warnings.first)
        #expect(warning.line == firstLink + 2 && warning.column == 6)
        #expect(warning.message.contains("estimate") && warning.message.contains("10 MB") && warning.message.contains(resolution))
    }
}
