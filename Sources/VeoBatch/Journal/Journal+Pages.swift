import Foundation
import GRDB

/// Reading a manifest a page of rows at a time, so the reports of a 10,000-job batch are written
/// in the memory of a few hundred (product.md §13).
extension Journal {
    /// The manifest's rows in manifest order (line, then id) after `after`, at most `limit`.
    public func rows(manifest: String, after: RowRecord?, limit: Int) throws -> [RowRecord] {
        try read { db in
            var request = RowRecord.filter(Column("manifest") == manifest)
            if let after {
                request = request.filter(Column("line") > after.line || (Column("line") == after.line && Column("rowID") > after.rowID))
            }
            return try request.order(Column("line"), Column("rowID")).limit(limit).fetchAll(db)
        }
    }

    /// Every job of these rows of a manifest (current or not), oldest first.
    public func jobs(manifest: String, rowIDs: [String]) throws -> [JobRecord] {
        guard !rowIDs.isEmpty else { return [] }
        return try read { db in
            try JobRecord.filter(Column("manifest") == manifest && rowIDs.contains(Column("rowID"))).order(Column("id")).fetchAll(db)
        }
    }

    /// Calls `body` with the manifest's rows page by page, in manifest order.
    public func forEachRowPage(manifest: String, size: Int, _ body: ([RowRecord]) throws -> Void) throws {
        var after: RowRecord?
        while true {
            let page = try rows(manifest: manifest, after: after, limit: size)
            guard let last = page.last else { return }
            try body(page)
            after = last
        }
    }
}

extension Journal {
    /// How many tasks a manifest's ledger holds, and how many of them are replaced versions or
    /// earlier attempts (not current).
    public func ledgerCounts(manifest: String) throws -> (tasks: Int, replaced: Int) {
        try read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS tasks, COALESCE(SUM(NOT isCurrent), 0) AS replaced FROM jobs WHERE \(Self.ledgerCondition) AND manifest = ?",
                arguments: [manifest])
            return (row?["tasks"] ?? 0, row?["replaced"] ?? 0)
        }
    }
}
