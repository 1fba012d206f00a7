//! Any bytes as a file: decoding, format parsing and cleaning never panic, and normalized text
//! is stable.
#![no_main]

use fahras::ingest::{clean, decode, formats, normalize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = decode::decode(data, None) {
        let text = normalize::normalize(&decoded.text);
        assert_eq!(normalize::normalize(&text), text);
        let _ = clean::clean_text(&text, &|_, _, _| false);
        if let Ok(parsed) = formats::parse(&decoded.text, formats::Format::Auto) {
            for record in parsed.records {
                let _ = clean::clean_record_body(&normalize::normalize(&record.body));
            }
        }
    }
});
