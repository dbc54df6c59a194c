import Foundation
import Synchronization

/// The jobs a run is handed, kept in an unlinked temporary file instead of in memory.
///
/// A job's parameters and media are most of a run's per-job memory (~0.9 KB a job as Swift
/// values), and a run needs each of them only a few times: when it checks and digests the plan
/// before anything is sent, when a worker picks the job up, and for the summary at the end. So
/// the plan is written once, as one JSON object per job, and read back when needed: memory holds
/// an offset per job (8 bytes), and a 10,000-job manifest runs in the memory of a small one.
///
/// The file is removed from its folder as soon as it is created, so it disappears with the
/// process whatever way that ends; nothing else can open it.
public final class PlannedJobs: Sendable {
    /// Where job `i` starts in the file; `offsets[count]` is the file's length.
    private let offsets: [Int]
    private let descriptor: Int32

    public var count: Int { offsets.count - 1 }

    /// Writes `jobs` to a new temporary file in `folder` (the system's temporary folder when nil).
    public init(_ jobs: [JobSpec], folder: String? = nil) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        descriptor = try Self.anonymousFile(in: folder ?? FileManager.default.temporaryDirectory.path)
        var offsets = [0]
        offsets.reserveCapacity(jobs.count + 1)
        var pending = Data()
        do {
            for job in jobs {
                let data = try encoder.encode(job)
                pending.append(data)
                offsets.append(offsets[offsets.count - 1] + data.count)
                if pending.count >= 1 << 20 {
                    try Self.writeAll(pending, to: descriptor)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            try Self.writeAll(pending, to: descriptor)
        } catch {
            close(descriptor)
            throw error
        }
        self.offsets = offsets
    }

    deinit {
        close(descriptor)
    }

    /// Job `index`, in the order it was handed over.
    public func job(at index: Int) throws -> JobSpec {
        let start = offsets[index]
        let data = try read(from: start, length: offsets[index + 1] - start)
        return try JSONDecoder().decode(JobSpec.self, from: data)
    }

    /// Every job in order, read a megabyte at a time, whole.
    public func forEach(_ body: (_ index: Int, _ job: JobSpec) throws -> Void) throws {
        try forEach(as: JobSpec.self, body)
    }

    /// Every job in order as its outline: for the passes over the whole plan, which need no
    /// parameters (`JobOutline`).
    public func forEachOutline(_ body: (_ index: Int, _ job: JobOutline) throws -> Void) throws {
        try forEach(as: JobOutline.self, body)
    }

    private func forEach<Job: Decodable>(as: Job.Type, _ body: (_ index: Int, _ job: Job) throws -> Void) throws {
        let decoder = JSONDecoder()
        var index = 0
        while index < count {
            var last = index + 1
            while last < count, offsets[last + 1] - offsets[index] <= 1 << 20 { last += 1 }
            let chunk = try read(from: offsets[index], length: offsets[last] - offsets[index])
            for job in index..<last {
                let range = (offsets[job] - offsets[index])..<(offsets[job + 1] - offsets[index])
                try body(job, try decoder.decode(Job.self, from: chunk[range]))
            }
            index = last
        }
    }

    /// Every job, in memory: for the dry run's plan and the live board, which show them all.
    public func all() throws -> [JobSpec] {
        var jobs: [JobSpec] = []
        jobs.reserveCapacity(count)
        try forEach { _, job in jobs.append(job) }
        return jobs
    }

    private func read(from offset: Int, length: Int) throws -> Data {
        var data = Data(count: length)
        let got = data.withUnsafeMutableBytes { buffer -> Int in
            var done = 0
            while done < length {
                let n = pread(descriptor, buffer.baseAddress! + done, length - done, off_t(offset + done))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return n < 0 ? -1 : done }
                done += n
            }
            return done
        }
        guard got == length else {
            throw PlannedJobsError("the run's plan could not be read back from its temporary file: \(got < 0 ? String(cString: strerror(errno)) : "short read")")
        }
        return data
    }

    private static func anonymousFile(in folder: String) throws -> Int32 {
        var template = Array((folder as NSString).appendingPathComponent("veobatch-plan.XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw PlannedJobsError("no temporary file for the run's plan in \(folder): \(String(cString: strerror(errno))) (set TMPDIR to a writable folder)")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        // Hooks and the media tools are started while it is open; they have no business with it.
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return descriptor
    }

    private static func writeAll(_ data: Data, to descriptor: Int32) throws {
        if let error = data.withUnsafeBytes({ FileWrite.all(descriptor, $0) }) {
            throw PlannedJobsError("the run's plan could not be written to its temporary file: \(String(cString: strerror(error)))")
        }
    }
}

public struct PlannedJobsError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// What `run` hands the pipeline: the jobs (on disk) and the manifest's rows, which are needed
/// once, to record them in the journal, and are then let go of (`takeRows`).
public final class RunPlan: Sendable {
    public let jobs: PlannedJobs
    private let rows: Mutex<[BatchRow]?>

    public init(jobs: PlannedJobs, rows: [BatchRow]) {
        self.jobs = jobs
        self.rows = Mutex(rows)
    }

    public convenience init(jobs: [JobSpec], rows: [BatchRow]) throws {
        self.init(jobs: try PlannedJobs(jobs), rows: rows)
    }

    /// The rows, the first time; empty afterwards.
    func takeRows() -> [BatchRow] {
        rows.withLock { rows in
            defer { rows = nil }
            return rows ?? []
        }
    }
}
