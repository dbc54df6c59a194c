import Foundation
import Testing
import TestSupport
@testable import VeoBatch

/// Symbolic links planted in the output folder must not lead a clip, sidecar, report or link
/// outside the manifest folder, however they point and whenever they appear.
@Suite("Hostile output tree: symbolic links")
struct OutputTreeLinkTests {
    private let scratch: TemporaryFolder
    private let tree: OutputTree
    private var folder: String { tree.manifestFolder }

    init() throws {
        scratch = try TemporaryFolder()
        tree = try OutputTree(outputDirectory: scratch.path + "/out", manifestStem: "shots")
        try FileManager.default.createDirectory(atPath: scratch.path + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
    }

    private func link(_ name: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: destination)
    }

    @Test func aRowFolderLinkedOutsideIsRefusedWhetherAbsoluteOrRelative() throws {
        try link("abs", to: scratch.path + "/elsewhere")
        try link("rel", to: "../../elsewhere")
        for row in ["abs", "rel"] {
            #expect(throws: OutputTree.UnsafeName.self) { try tree.rowFolder(rowID: row) }
            #expect(throws: OutputTree.UnsafeName.self) { try tree.partPath(rowID: row, outputName: row) }
            #expect(throws: OutputTree.UnsafeName.self) { try tree.sidecarPath(rowID: row, outputName: row) }
            #expect(throws: OutputTree.UnsafeName.self) { try tree.currentClipPath(rowID: row) }
            #expect(throws: OutputTree.UnsafeName.self) { try tree.absolute(fromOutputRelative: "shots/\(row)/\(row).mp4") }
        }
    }

    @Test func aLinkMadeAfterAFirstCheckIsStillCaught() throws {
        #expect(try tree.clipPath(rowID: "late", outputName: "late") == folder + "/late/late.mp4")
        try link("late", to: scratch.path + "/elsewhere")
        #expect(throws: OutputTree.UnsafeName.self) { try tree.clipPath(rowID: "late", outputName: "late") }
    }

    @Test func aClipOrReportLinkedOutsideIsRefused() throws {
        try FileManager.default.createSymbolicLink(atPath: folder + "/real/real.mp4", withDestinationPath: scratch.path + "/elsewhere/x.mp4")
        try link("report.csv", to: "../../elsewhere/report.csv")
        #expect(throws: OutputTree.UnsafeName.self) { try tree.absolute(fromOutputRelative: "shots/real/real.mp4") }
        #expect(throws: OutputTree.UnsafeName.self) { try tree.reportPath(fileName: "report.csv") }
    }

    @Test func aLinkedManifestFolderIsRefused() throws {
        let linked = try OutputTree(outputDirectory: scratch.path + "/out", manifestStem: "linked")
        try FileManager.default.createSymbolicLink(atPath: linked.manifestFolder, withDestinationPath: "shots")
        #expect(throws: OutputTree.UnsafeName.self) { try linked.rowFolder(rowID: "a") }
        #expect(throws: OutputTree.UnsafeName.self) { try linked.reportPath(fileName: "report.csv") }
    }

    @Test func linksThatStayInsideAndTheCurrentClipLinkAreFine() throws {
        try link("alias", to: "real")
        #expect(try tree.clipPath(rowID: "alias", outputName: "alias") == folder + "/alias/alias.mp4")
        // The current-clip link may dangle (its clip deleted by hand): it is still ours to replace.
        try FileManager.default.createSymbolicLink(atPath: folder + "/real/real.current.mp4", withDestinationPath: "real.mp4")
        #expect(try tree.currentClipPath(rowID: "real") == folder + "/real/real.current.mp4")
        #expect(try tree.absolute(fromOutputRelative: "shots/./real//real.mp4") == folder + "/real/real.mp4")
        #expect(OutputTree.lexicallyNormalized("/a/b/") == "/a/b")
        #expect(OutputTree.lexicallyNormalized("/a/./b/../c") == "/a/c")
        #expect(OutputTree.lexicallyNormalized("/a/..b/.c") == "/a/..b/.c")
        #expect(OutputTree.lexicallyNormalized("/") == "/")
        #expect(OutputTree.lexicallyNormalized("/a//b") == "/a/b")
        #expect(OutputTree.lexicallyNormalized("/a/b/..") == "/a")
        #expect(OutputTree.lexicallyNormalized("/a/b/.") == "/a/b")
        #expect(OutputTree.lexicallyNormalized("/a/.../b") == "/a/.../b")
        #expect(OutputTree.lexicallyNormalized("/a/b") == "/a/b")
    }
}
