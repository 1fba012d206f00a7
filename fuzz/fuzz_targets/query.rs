//! Any query string: parsed or refused with an error, and a parsed query runs, without panic.
#![no_main]

use std::sync::OnceLock;

use fahras::index::{schema, Fields};
use fahras::search::{query, FieldBoosts};
use libfuzzer_sys::fuzz_target;
use tantivy::collector::TopDocs;
use tantivy::{Index, TantivyDocument};

fn index() -> &'static (Index, Fields) {
    static INDEX: OnceLock<(Index, Fields)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = Index::create_in_ram(schema::build());
        fahras::analysis::register(index.tokenizers());
        let fields = Fields::resolve(&index.schema()).unwrap();
        let mut writer = index.writer_with_num_threads(1, 20_000_000).unwrap();
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.title, "التحالف الدولي يجدد التزامه بدعم قسد");
        doc.add_text(fields.title_exact, "التحالف الدولي يجدد التزامه بدعم قسد");
        doc.add_text(fields.body, "زار مستشار وزارة الخارجية الأمريكية للتحالف الدولي الرقة");
        doc.add_text(fields.body_exact, "زار مستشار وزارة الخارجية الأمريكية للتحالف الدولي الرقة");
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        (index, fields)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (index, fields) = index();
    let parser = query::parser(index, fields, FieldBoosts::default());
    if let Ok(parsed) = query::parse(&parser, text) {
        let searcher = index.reader().unwrap().searcher();
        let _ = searcher.search(&parsed, &TopDocs::with_limit(5).order_by_score());
    }
});
