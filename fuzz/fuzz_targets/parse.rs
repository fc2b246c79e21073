//! Fuzz stage 1: any bytes in, an article or a UTF-8 error out, never a panic,
//! and every visible character in exactly one element.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = whosaid::from_bytes(data) {
        assert!(whosaid::article::covers_every_visible_char(&article));
    }
});
