import Foundation
import Testing
import TestSupport
@testable import VeoBatch

/// The run's plan lives in an unlinked temporary file (`PlannedJobs`): what a worker reads back
/// must be the very job validation made, in order, whatever its size, or a job would be
/// submitted with other parameters than those checked and priced.
@Suite struct PlannedJobsTests {
    /// Jobs of every media kind and parameter type, with prompts long enough that 3,000 of them
    /// span several of `forEach`'s one-megabyte reads.
    static func varied(_ count: Int) -> [JobSpec] {
        (0..<count).map { index in
            var job = TestBatch.job(
                "row\(index)", take: index % 3 + 1, line: index + 2,
                prompt: "Shot \(index): " + String(repeating: "gulls over the harbour, ", count: index % 40),
                firstFrame: index % 2 == 0 ? "/shots/\(index).png" : nil,
                video: index % 5 == 0 && index > 0 ? .rowOutput(rowID: "row\(index - 1)") : (index % 7 == 0 ? .url("https://cdn.example.com/\(index).mp4") : nil),
                cost: index % 4 == 0 ? nil : Decimal(string: "0.\(index % 97 + 1)"),
                extra: ["generateAudio": .bool(index % 2 == 0), "seed": .int(Int64(index) * 7919), "tags": .array([.string("a"), .null]),
                        "camera": .object(["move": .string("dolly"), "speed": .int(2)])])
            job.media.append(MediaInput(field: "imageUrls", isList: true, source: .file(path: "/refs/\(index)-é.png")))
            return job
        }
    }

    @Test("every job reads back equal, in order, sequentially and by index")
    func roundTrip() throws {
        let jobs = Self.varied(3000)
        let folder = try TemporaryFolder()
        let plan = try PlannedJobs(jobs, folder: folder.path)
        #expect(plan.count == 3000)
        var seen: [JobSpec] = []
        var indexes: [Int] = []
        try plan.forEach { index, job in
            indexes.append(index)
            seen.append(job)
        }
        #expect(indexes == Array(0..<3000))
        #expect(seen == jobs)
        for index in [0, 1, 1499, 2999] {
            #expect(try plan.job(at: index) == jobs[index])
        }
        #expect(try plan.all() == jobs)
    }

    @Test("each job's outline reads back as the outline of the job handed over, prompt and estimate included")
    func outlines() throws {
        var jobs = Self.varied(3000)
        jobs[5].parameters["prompt"] = nil
        jobs[6].parameters["prompt"] = .int(7)
        let folder = try TemporaryFolder()
        let plan = try PlannedJobs(jobs, folder: folder.path)
        var seen: [JobOutline] = []
        try plan.forEachOutline { index, outline in
            #expect(index == seen.count)
            seen.append(outline)
        }
        #expect(seen.count == jobs.count)
        for (outline, job) in zip(seen, jobs) {
            #expect(outline.rowID == job.rowID && outline.take == job.take && outline.line == job.line)
            #expect(outline.outputName == job.outputName && outline.estimatedCost == job.estimatedCost)
            #expect(outline.media == job.media)
            #expect(outline.prompt == job.parameters["prompt"]?.stringValue)
        }
        #expect(seen[0].estimatedCost == nil && seen[1].estimatedCost == Decimal(string: "0.2"))
        #expect(seen[5].prompt == nil && seen[6].prompt == nil && seen[7].prompt?.hasPrefix("Shot 7: ") == true)
        #expect(seen[5].dependencies == ["row4"])
        #expect(seen.map(\.dependencies) == jobs.map(\.dependencies))
    }

    @Test("the file is gone from its folder at once, so nothing is left behind whatever ends the run")
    func leavesNoFile() throws {
        let folder = try TemporaryFolder()
        let plan = try PlannedJobs(Self.varied(10), folder: folder.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(try plan.job(at: 9).rowID == "row9")
    }

    @Test("a folder where no file can be made is named in the error")
    func unwritableFolder() throws {
        let missing = "/nonexistent-\(UUID().uuidString)"
        #expect {
            _ = try PlannedJobs(Self.varied(1), folder: missing)
        } throws: { error in
            "\(error)".contains(missing) && "\(error)".contains("TMPDIR")
        }
    }

    @Test("an empty plan has no jobs to read")
    func empty() throws {
        let plan = try PlannedJobs([])
        #expect(plan.count == 0)
        var calls = 0
        try plan.forEach { _, _ in calls += 1 }
        #expect(calls == 0)
    }

    @Test("the queue hands out indexes with an @ROW input row's first take before the jobs that use it")
    func dependenciesFirst() throws {
        let jobs = [
            TestBatch.job("child", video: .rowOutput(rowID: "parent")),
            TestBatch.job("plain"),
            TestBatch.job("parent"),
            TestBatch.job("parent", take: 2),
            TestBatch.job("grandchild", video: .rowOutput(rowID: "child")),
        ]
        let order = try JobQueue.dependenciesFirst(PlannedJobs(jobs))
        #expect(order.indexes.map { jobs[$0].outputName } == ["plain", "parent", "child", "parent-take2", "grandchild"])
        #expect(order.inputRows == ["parent", "child"])
    }
}
