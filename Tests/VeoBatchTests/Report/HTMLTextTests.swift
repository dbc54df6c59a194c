import Testing
@testable import VeoBatch

/// Everything from the manifest, the journal or the server reaches report.html through
/// `HTMLText.escape`; plain text (ids, base64 pictures) comes back as it was.
@Suite struct HTMLTextTests {
    @Test("the five HTML characters and NUL are replaced; everything else is kept byte for byte")
    func escapes() {
        #expect(HTMLText.escape(#"<script>alert("x" & 'y')</script>"#)
            == "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;")
        #expect(HTMLText.escape("a\u{0}b") == "a\u{FFFD}b")
        #expect(HTMLText.escape("Möwen über dem Hafen — 海鸥 🐦 <b>") == "Möwen über dem Hafen — 海鸥 🐦 &lt;b&gt;")
    }

    @Test("plain text and base64 come back unchanged")
    func plain() {
        let base64 = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U+/="
        #expect(HTMLText.escape(base64) == base64)
        #expect(HTMLText.escape("") == "")
        #expect(HTMLText.escape("Möwen 海鸥 🐦") == "Möwen 海鸥 🐦")
    }
}
