import Foundation
import GRDB

extension Journal {
    /// The cached upload of this content if it was made after `notBefore` (the URL is still
    /// good); nil otherwise.
    public func upload(sha256: String, notBefore: Date) throws -> UploadRecord? {
        try read { db in
            try UploadRecord.filter(Column("sha256") == sha256 && Column("uploadedAt") >= notBefore).fetchOne(db)
        }
    }

    /// Remembers an upload (replacing an older one of the same content). One transaction.
    public func recordUpload(_ record: UploadRecord) throws {
        try write { db in try record.save(db) }
    }

    public func uploads() throws -> [UploadRecord] {
        try read { db in try UploadRecord.order(Column("uploadedAt")).fetchAll(db) }
    }
}
