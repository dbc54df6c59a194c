import Foundation
import Testing
import TestSupport
import VeoBatch

/// The key comes from a private file or the environment, never the command line.
@Suite struct RunningHubKeySourceTests {
    let secret = "rh-keyfile-SECRET-9f8e7d"

    func writeKeyFile(_ contents: String, mode: Int, in folder: TemporaryFolder, name: String = "key") throws -> String {
        let path = folder.path(name)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(contents.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func ownerOnlyFileIsReadAndTrimmed() throws {
        let folder = try TemporaryFolder(prefix: "veobatch-rh")
        defer { folder.remove() }
        let path = try writeKeyFile("  \(secret)\n\n", mode: 0o600, in: folder)
        let key = try APIKeySource.load(keyFile: path, environment: [:])
        #expect(key == APIKey(secret))
        #expect(key.bearerHeader.value == "Bearer \(secret)")
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o666])
    func fileReadableByOthersIsRefusedNamingTheFileAndTheFix(mode: Int) throws {
        let folder = try TemporaryFolder(prefix: "veobatch-rh")
        defer { folder.remove() }
        let path = try writeKeyFile(secret, mode: mode, in: folder)
        do throws(APIKeyError) {
            _ = try APIKeySource.load(keyFile: path, environment: [:])
            Issue.record("a key file with mode \(String(mode, radix: 8)) was accepted")
        } catch {
            #expect(error == .tooOpen(path: path, mode: String(mode, radix: 8)))
            #expect(error.description.contains(path))
            #expect(error.description.contains("chmod 600 \(path)"))
            #expect(!error.description.contains(secret))
        }
    }

    @Test func keyFileReachedThroughASymlinkIsJudgedByTheTarget() throws {
        let folder = try TemporaryFolder(prefix: "veobatch-rh")
        defer { folder.remove() }
        let path = try writeKeyFile(secret, mode: 0o600, in: folder)
        let link = folder.path("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        #expect(try APIKeySource.load(keyFile: link, environment: [:]) == APIKey(secret))
    }

    @Test func emptyFileIsAnError() throws {
        let folder = try TemporaryFolder(prefix: "veobatch-rh")
        defer { folder.remove() }
        let path = try writeKeyFile(" \n\t\n", mode: 0o600, in: folder)
        #expect(throws: APIKeyError.empty(origin: .file(path))) { try APIKeySource.load(keyFile: path, environment: [:]) }
    }

    @Test func missingFileAndFolderAreUnreadable() throws {
        let folder = try TemporaryFolder(prefix: "veobatch-rh")
        defer { folder.remove() }
        let missing = folder.path("nope")
        do throws(APIKeyError) {
            _ = try APIKeySource.load(keyFile: missing, environment: [:])
            Issue.record("a missing key file was accepted")
        } catch {
            guard case .unreadable(let path, _) = error else {
                Issue.record("expected .unreadable, got \(error)")
                return
            }
            #expect(path == missing)
            #expect(error.description.contains(missing))
        }
        let folderError = #expect(throws: APIKeyError.self) { try APIKeySource.load(keyFile: folder.path, environment: [:]) }
        #expect(folderError?.description.contains("not a regular file") == true)
    }

    @Test func keyWithALineBreakInsideIsRefusedWithoutEchoingIt() throws {
        let folder = try TemporaryFolder(prefix: "veobatch-rh")
        defer { folder.remove() }
        let path = try writeKeyFile("\(secret)\nX-Injected: 1", mode: 0o600, in: folder)
        do throws(APIKeyError) {
            _ = try APIKeySource.load(keyFile: path, environment: [:])
            Issue.record("a two-line key was accepted")
        } catch {
            guard case .malformed = error else {
                Issue.record("expected .malformed, got \(error)")
                return
            }
            #expect(!error.description.contains(secret))
        }
    }

    @Test func environmentIsUsedWhenNoFileIsGiven() throws {
        let key = try APIKeySource.load(keyFile: nil, environment: ["RUNNINGHUB_API_KEY": "\(secret)\n"])
        #expect(key == APIKey(secret))
    }

    @Test func fileTakesPrecedenceOverTheEnvironment() throws {
        let folder = try TemporaryFolder(prefix: "veobatch-rh")
        defer { folder.remove() }
        let path = try writeKeyFile("from-file-key", mode: 0o600, in: folder)
        let key = try APIKeySource.load(keyFile: path, environment: ["RUNNINGHUB_API_KEY": "from-env-key"])
        #expect(key == APIKey("from-file-key"))
    }

    @Test func noKeyAnywhereIsMissing() {
        #expect(throws: APIKeyError.missing) { try APIKeySource.load(keyFile: nil, environment: ["HOME": "/root"]) }
        #expect(throws: APIKeyError.empty(origin: .environment)) { try APIKeySource.load(keyFile: nil, environment: ["RUNNINGHUB_API_KEY": ""]) }
        #expect(APIKeyError.missing.description.contains("--api-key-file"))
        #expect(APIKeyError.missing.description.contains("RUNNINGHUB_API_KEY"))
    }
}
