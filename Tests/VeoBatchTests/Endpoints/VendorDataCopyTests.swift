import Foundation
import Testing
import VendorData

/// The embedded vendor data is the shared data, verbatim: when ../shared/data changes, this fails
/// until `scripts/embed-vendor-data.sh` is run again. A bare clone has no ../shared: the
/// comparison is then skipped (and says so), since nothing can be compared.
@Suite("Endpoints: embedded vendor data")
struct EndpointVendorDataCopyTests {
    static let sharedData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    static var sharedDataExists: Bool { FileManager.default.fileExists(atPath: sharedData.path) }

    @Test("the embedded registry, price list and amendments equal ../shared/data",
          .enabled(if: sharedDataExists, "skipped: no ../shared/data beside the repository (a bare clone has nothing to compare with)"),
          arguments: [
              ("veo31-registry.json", VendorData.registryJSON), ("veo31-pricing.json", VendorData.pricingJSON),
              ("veo31-amendments.json", VendorData.amendmentsJSON),
          ])
    func embeddedCopyMatchesSharedData(file: String, embedded: String) throws {
        let path = Self.sharedData.appendingPathComponent(file)
        try #require(FileManager.default.fileExists(atPath: path.path), "../shared/data exists but has no \(file)")
        let shared = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? NSDictionary
        let copy = try JSONSerialization.jsonObject(with: Data(embedded.utf8)) as? NSDictionary
        #expect(shared != nil && shared == copy, "\(file) differs from the embedded copy; run scripts/embed-vendor-data.sh")
    }
}
