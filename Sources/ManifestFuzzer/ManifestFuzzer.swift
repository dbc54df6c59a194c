import Foundation
import Logging
import VeoBatch

// Fuzzes the manifest reader and validator: any bytes, as a manifest, must come back as
// diagnostics — never a crash, a trap or a hang.
//
// Two ways to build it (see scripts/fuzz.sh):
// - `swift build --sanitize=fuzzer -Xswiftc -DFUZZING`: libFuzzer supplies `main` and calls
//   `LLVMFuzzerTestOneInput`; our own `main` is compiled out, or the link would see two.
// - a plain `swift build`: `ManifestFuzzer FILE…` replays inputs (a crash libFuzzer saved, or a
//   whole corpus folder) through the same code, with no sanitizer needed.
//
// This file is not named main.swift, so SwiftPM compiles it with -parse-as-library: no top-level
// code, and `main` comes only from `@main` (plain builds) or from libFuzzer (fuzzing builds).

/// Says every file is a PNG without opening it: fuzzed paths may name anything on this machine
/// (a FIFO, /dev/zero), and the type rules are tested elsewhere with real libmagic. The validator
/// still stats each path, which is the part that must cope with arbitrary names.
struct FuzzFileTypeDetector: FileTypeDetecting {
    func detect(fileAt path: String) throws -> DetectedFileType {
        DetectedFileType(mimeType: "image/png", description: "PNG image data (fuzz)")
    }
}

enum ManifestFuzzTarget {
    /// Relative media paths resolve here; it does not exist, so no fuzzed name finds a real file by accident.
    static let mediaRoot = "/nonexistent/veobatch-fuzz-media"

    static let validator: ManifestValidator? = {
        guard let table = try? EndpointTable.vendor() else { return nil }
        let logger = Logger(label: "veobatch.fuzz") { _ in SwiftLogNoOpLogHandler() }
        return ManifestValidator(table: table, detector: FuzzFileTypeDetector(), logger: logger)
    }()

    /// Runs one input through everything `veobatch validate` does with a manifest, including both
    /// output formats; returns the number of diagnostics.
    @discardableResult
    static func run(_ data: Data) -> Int {
        guard let validator else {
            FileHandle.standardError.write(Data("ManifestFuzzer: the embedded endpoint table does not load\n".utf8))
            exit(1)
        }
        let validation = validator.validate(data: data, path: "fuzz.csv", mediaRoot: mediaRoot)
        _ = validation.summary(path: "fuzz.csv")
        _ = validation.jsonString(path: "fuzz.csv")
        for job in validation.jobs {
            _ = JSONValue.object(job.parameters).canonicalData()
        }
        for diagnostic in validation.diagnostics {
            _ = diagnostic.description
        }
        return validation.diagnostics.count
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func manifestFuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
    ManifestFuzzTarget.run(data)
    return 0
}

#if !FUZZING
/// Replays files (or every file in the folders) given as arguments through the fuzz target.
@main
struct ManifestFuzzerReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.isEmpty {
            print("usage: ManifestFuzzer FILE|DIR…  (replays inputs; build with scripts/fuzz.sh to fuzz)")
            exit(2)
        }
        var files: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("ManifestFuzzer: '\(argument)' does not exist\n".utf8))
                exit(2)
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                files += names.sorted().map { argument + "/" + $0 }
            } else {
                files.append(argument)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("ManifestFuzzer: cannot read '\(file)'\n".utf8))
                exit(2)
            }
            let count = ManifestFuzzTarget.run(data)
            print("\(file): \(data.count) bytes, \(count) diagnostics")
        }
        print("replayed \(files.count) input\(files.count == 1 ? "" : "s") without a crash")
    }
}
#endif
