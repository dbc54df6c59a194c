import Foundation
import GRDB

extension Journal {
    /// The choices `veobatch select` recorded for a manifest, by row id.
    public func selections(manifest: String) throws -> [String: SelectionRecord] {
        try read { db in
            let all = try SelectionRecord.filter(Column("manifest") == manifest).fetchAll(db)
            return Dictionary(all.map { ($0.rowID, $0) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// Every job of a manifest, oldest first: the history behind each take's versions.
    public func allJobs(manifest: String) throws -> [JobRecord] {
        try read { db in
            try JobRecord.filter(Column("manifest") == manifest).order(Column("id")).fetchAll(db)
        }
    }

    /// Records a choice (replacing an earlier one for the row) with its line in the history.
    /// One transaction.
    public func recordSelection(_ selection: SelectionRecord, message: String) throws {
        try write { db in
            try selection.save(db)
            var event = EventRecord(
                at: selection.chosenAt, jobID: nil, manifest: selection.manifest, rowID: selection.rowID, take: selection.take,
                fromState: nil, toState: nil, message: message)
            try event.insert(db)
        }
    }
}
