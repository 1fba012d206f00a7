//! Any query string: parsed or refused with an error, and a parsed query runs, without panic.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use fahras::index::packed::pack;
use fahras::index::{schema, ArticleIndex, Fields};
use fahras::search::{Engine, SearchOptions};
use libfuzzer_sys::fuzz_target;
use tantivy::{Index, TantivyDocument};

fn index() -> &'static ArticleIndex {
    static INDEX: OnceLock<ArticleIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = Index::create_in_ram(schema::build());
        fahras::analysis::register(index.tokenizers());
        let fields = Fields::resolve(&index.schema()).unwrap();
        let mut writer = index.writer_with_num_threads(1, 20_000_000).unwrap();
        let title = "التحالف الدولي يجدد التزامه بدعم قسد";
        let body = "زار مستشار وزارة الخارجية الأمريكية للتحالف الدولي الرقة";
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.title, title);
        doc.add_bytes(fields.title_text, &pack(title));
        doc.add_text(fields.body, body);
        doc.add_bytes(fields.body_text, &pack(body));
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        ArticleIndex {
            index,
            fields,
            dir: PathBuf::new(),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Compiling (with the corpus-aware expansion), running and suggesting must never panic;
    // an error is a refusal.
    if let Ok(engine) = Engine::new(index()) {
        let _ = engine.search(text, &SearchOptions::default());
        let plain = SearchOptions {
            plain: true,
            ..SearchOptions::default()
        };
        let _ = engine.search(text, &plain);
    }
});
