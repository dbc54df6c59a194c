import Foundation
import Testing
import VendorData

/// The embedded vendor data is the shared data, verbatim: when ../shared/data changes, this fails
/// until `scripts/embed-vendor-data.sh` is run again.
@Suite("Endpoints: embedded vendor data")
struct EndpointVendorDataCopyTests {
    static let sharedData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    @Test("the embedded registry and price list equal ../shared/data", arguments: [
        ("veo31-registry.json", VendorData.registryJSON), ("veo31-pricing.json", VendorData.pricingJSON),
    ])
    func embeddedCopyMatchesSharedData(file: String, embedded: String) throws {
        let path = Self.sharedData.appendingPathComponent(file)
        try #require(FileManager.default.fileExists(atPath: path.path), "no ../shared/data beside the repository")
        let shared = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? NSDictionary
        let copy = try JSONSerialization.jsonObject(with: Data(embedded.utf8)) as? NSDictionary
        #expect(shared != nil && shared == copy, "\(file) differs from the embedded copy; run scripts/embed-vendor-data.sh")
    }
}
