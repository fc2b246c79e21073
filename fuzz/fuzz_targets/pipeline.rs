//! Fuzz the whole pipeline: parse, quotes, claims; spans stay inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(article) = whosaid::parse(text) else { return };
    let quotes = whosaid::quotes(&article);
    for q in &quotes {
        assert!(q.span.end <= text.len() && text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
    }
    let claims = whosaid::claims(&article, &quotes);
    for c in &claims {
        assert!(c.span.end <= text.len());
    }
});
