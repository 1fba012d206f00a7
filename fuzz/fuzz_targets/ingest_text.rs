//! Any bytes as a file: decoding and cleaning never panic, and normalized text is stable.
#![no_main]

use fahras::ingest::{clean, decode, normalize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = decode::decode(data) {
        let text = normalize::normalize(&decoded.text);
        assert_eq!(normalize::normalize(&text), text);
        let _ = clean::split_title(&text);
    }
});
