import GRDB

/// The journal's schema, one migration per version. A released migration is never edited:
/// changes go into a new one, so journals written by older versions keep opening.
enum JournalSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "rows") { t in
                t.column("manifest", .text).notNull()
                t.column("rowID", .text).notNull()
                t.column("line", .integer).notNull()
                t.column("prompt", .text)
                t.column("carriedJSON", .text).notNull()
                t.column("takes", .integer).notNull()
                t.column("active", .boolean).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.primaryKey(["manifest", "rowID"])
            }
            try db.create(table: "jobs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("manifest", .text).notNull()
                t.column("rowID", .text).notNull()
                t.column("take", .integer).notNull()
                t.column("outputName", .text).notNull()
                t.column("line", .integer).notNull()
                t.column("endpoint", .text).notNull()
                t.column("parametersJSON", .text).notNull()
                t.column("mediaJSON", .text).notNull()
                t.column("inputsJSON", .text).notNull()
                t.column("fingerprint", .text).notNull()
                t.column("state", .text).notNull()
                t.column("isCurrent", .boolean).notNull()
                t.column("resolution", .text)
                t.column("taskID", .text)
                t.column("attempts", .integer).notNull()
                t.column("errorCode", .text)
                t.column("errorMessage", .text)
                t.column("estimatedCost", .text)
                t.column("actualCost", .text)
                t.column("usageJSON", .text)
                t.column("requestBodyJSON", .text)
                t.column("resultURL", .text)
                t.column("resultSeenAt", .datetime)
                t.column("outputPath", .text)
                t.column("outputSHA256", .text)
                t.column("outputSize", .integer)
                t.column("outputMIME", .text)
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                for stamp in ["uploadingAt", "submittingAt", "submittedAt", "queuedAt", "runningAt", "downloadingAt",
                              "doneAt", "failedAt", "blockedAt", "unknownAt", "timeoutAt"] {
                    t.column(stamp, .datetime)
                }
            }
            // At most one current job per take: the guard against two live jobs for one output.
            try db.create(index: "jobs_current", on: "jobs", columns: ["manifest", "rowID", "take"],
                          options: .unique, condition: Column("isCurrent") == true)
            try db.create(index: "jobs_state", on: "jobs", columns: ["state"])
            try db.create(table: "uploads") { t in
                t.primaryKey("sha256", .text)
                t.column("downloadURL", .text).notNull()
                t.column("uploadedAt", .datetime).notNull()
                t.column("size", .integer).notNull()
                t.column("path", .text).notNull()
            }
            try db.create(table: "events") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("jobID", .integer).references("jobs")
                t.column("manifest", .text)
                t.column("rowID", .text)
                t.column("take", .integer)
                t.column("fromState", .text)
                t.column("toState", .text)
                t.column("message", .text)
            }
        }
        // Money with its currency, one ledger, the names manifests hold, live prices (issue 10).
        migrator.registerMigration("v2-ledger") { db in
            try db.alter(table: "jobs") { t in
                // `estimatedCost` and `actualCost` keep their decimal text; these say in what.
                t.add(column: "estimateCurrency", .text)
                /// `price-preview` (RunningHub's own price for the body) or `list-price` (the table, unverified).
                t.add(column: "estimateSource", .text)
                t.add(column: "chargeCurrency", .text)
            }
            // v1 estimates all came from the embedded table, which lists CNY prices. v1 charges
            // named no currency: the next run, once it knows the account's, fills it in.
            try db.execute(sql: "UPDATE jobs SET estimateCurrency = 'CNY', estimateSource = 'list-price' WHERE estimatedCost IS NOT NULL")
            try db.create(table: "manifestNames") { t in
                t.primaryKey("name", .text)
                t.column("path", .text).notNull()
                t.column("claimedAt", .datetime).notNull()
            }
            try db.create(table: "prices") { t in
                t.primaryKey("key", .text)
                t.column("endpoint", .text).notNull()
                t.column("amount", .text).notNull()
                t.column("currency", .text).notNull()
                t.column("source", .text).notNull()
                t.column("note", .text)
                t.column("pricedAt", .datetime).notNull()
            }
            try db.create(table: "folderFacts") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
        }
        // `veobatch select`: the take (and version) a person chose for a row. One row per
        // manifest row; choosing again replaces it. Nothing else reads or writes it.
        migrator.registerMigration("v2-selection") { db in
            try db.create(table: "selections") { t in
                t.column("manifest", .text).notNull()
                t.column("rowID", .text).notNull()
                t.column("take", .integer).notNull()
                /// Nil: the take's newest version, whatever it is when read.
                t.column("version", .integer)
                t.column("chosenAt", .datetime).notNull()
                t.primaryKey(["manifest", "rowID"])
            }
        }
        // What ffprobe read from each downloaded clip (`ClipProbe` as JSON), or why it could not.
        migrator.registerMigration("v2-clip-probe") { db in
            try db.alter(table: "jobs") { t in
                t.add(column: "probeJSON", .text)
                t.add(column: "probeError", .text)
            }
        }
        // Results live 24 h: a succeeded task whose clip was never fetched in time ends `expired`.
        migrator.registerMigration("v2-expiry") { db in
            try db.alter(table: "jobs") { t in
                t.add(column: "expiredAt", .datetime)
            }
        }
        // Reports read a manifest's rows a page at a time in manifest order, and every new job
        // looks for a finished twin by fingerprint: both must not scan a 10,000-job table.
        migrator.registerMigration("v3-indexes") { db in
            try db.create(index: "rows_order", on: "rows", columns: ["manifest", "line", "rowID"])
            try db.create(index: "jobs_fingerprint", on: "jobs", columns: ["fingerprint"])
        }
        return migrator
    }
}
