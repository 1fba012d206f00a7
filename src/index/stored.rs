//! Reading stored articles from the document store's bytes.
//!
//! tantivy's `Searcher::doc` first builds a `TantivyDocument` and reads a bytes value one byte
//! at a time (the `BinarySerializable` of `Vec<u8>`). The packed title and body are bytes
//! values, so in a batch search building documents took about 9% of the CPU, more than
//! decompressing the blocks (BENCHMARKS.md, "Fewer instructions"). The format of a stored
//! document is small and stable: a VInt count of values, then for each value a little-endian
//! `u32` field number, a type code and, for text and bytes, a VInt length and the bytes.
//! fahras stores only text and bytes, so [`StoredArticles`] reads that format directly from
//! the decompressed block, and a document it cannot read is an error that names it, never a
//! panic.

use anyhow::{anyhow, Context, Result};
use tantivy::schema::Field;
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher};

use super::packed;
use super::Fields;
use crate::article::Article;

/// tantivy's type codes (`tantivy::schema::document::type_codes`, not exported).
const TEXT_CODE: u8 = 0;
const BYTES_CODE: u8 = 4;

/// One stored value, borrowed from its decompressed block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoredValue<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// The document stores of a searcher's segments, each keeping its own decompressed blocks.
pub struct StoredArticles {
    fields: Fields,
    stores: Vec<StoreReader>,
}

impl StoredArticles {
    /// Opens the store of every segment of `searcher`, each keeping the last `cache_blocks`
    /// decompressed blocks.
    pub fn open(searcher: &Searcher, fields: Fields, cache_blocks: usize) -> Result<Self> {
        let stores = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.get_store_reader(cache_blocks))
            .collect::<Result<Vec<_>, _>>()
            .context("cannot read the document store")?;
        Ok(StoredArticles { fields, stores })
    }

    /// The stored article at `address`, its title and body unpacked.
    pub fn read(&self, address: DocAddress) -> Result<Article> {
        let mut article = Article::default();
        let f = &self.fields;
        self.for_each_value(address, |field, value| {
            let text = |value| match value {
                StoredValue::Text(text) => text.to_string(),
                StoredValue::Bytes(bytes) => String::from_utf8_lossy(bytes).into_owned(),
            };
            let unpacked = |value| match value {
                StoredValue::Bytes(bytes) => packed::unpack(bytes),
                StoredValue::Text(text) => text.to_string(),
            };
            // The first value of a field wins, as `get_first` did.
            match field {
                _ if field == f.id && article.id.is_empty() => article.id = text(value),
                _ if field == f.path && article.path.is_empty() => article.path = text(value),
                _ if field == f.title_text && article.title.is_empty() => {
                    article.title = unpacked(value)
                }
                _ if field == f.body_text && article.body.is_empty() => {
                    article.body = unpacked(value)
                }
                _ if field == f.docno => {
                    article.docno.get_or_insert_with(|| text(value));
                }
                _ if field == f.date => {
                    article.date.get_or_insert_with(|| text(value));
                }
                _ if field == f.source => {
                    article.source.get_or_insert_with(|| text(value));
                }
                _ if field == f.author => {
                    article.author.get_or_insert_with(|| text(value));
                }
                _ => {}
            }
        })?;
        // "" stands for the id (see `ArticleWriter::upsert`).
        if article.docno.as_deref() == Some("") {
            article.docno = Some(article.id.clone());
        }
        Ok(article)
    }

    /// Calls `visit` with each stored value of the document at `address`, in stored order.
    pub fn for_each_value(
        &self,
        address: DocAddress,
        visit: impl FnMut(Field, StoredValue<'_>),
    ) -> Result<()> {
        let store = self
            .stores
            .get(address.segment_ord as usize)
            .ok_or_else(|| anyhow!("no segment {} in the index", address.segment_ord))?;
        let bytes = store.get_document_bytes(address.doc_id).with_context(|| {
            format!(
                "cannot read stored document {} of segment {}",
                address.doc_id, address.segment_ord
            )
        })?;
        parse(&bytes, visit).with_context(|| {
            format!(
                "stored document {} of segment {} is damaged",
                address.doc_id, address.segment_ord
            )
        })
    }
}

/// Walks one stored document's values.
pub fn parse(bytes: &[u8], mut visit: impl FnMut(Field, StoredValue<'_>)) -> Result<()> {
    let mut rest = bytes;
    let count = vint(&mut rest)?;
    for _ in 0..count {
        let (field, after) = rest
            .split_first_chunk::<4>()
            .ok_or_else(|| anyhow!("a value is cut short"))?;
        let field = Field::from_field_id(u32::from_le_bytes(*field));
        let (&code, after) = after
            .split_first()
            .ok_or_else(|| anyhow!("a value is cut short"))?;
        rest = after;
        let len = usize::try_from(vint(&mut rest)?)
            .ok()
            .filter(|&len| len <= rest.len())
            .ok_or_else(|| anyhow!("a value is longer than its document"))?;
        let (value, after) = rest.split_at(len);
        rest = after;
        match code {
            TEXT_CODE => {
                let text = std::str::from_utf8(value).context("a text value is not UTF-8")?;
                visit(field, StoredValue::Text(text));
            }
            BYTES_CODE => visit(field, StoredValue::Bytes(value)),
            other => return Err(anyhow!("a value has type code {other}, not text or bytes")),
        }
    }
    Ok(())
}

/// tantivy's VInt: seven bits a byte, least significant first, the last byte's high bit set.
fn vint(bytes: &mut &[u8]) -> Result<u64> {
    let mut value = 0u64;
    for (i, &byte) in bytes.iter().enumerate().take(10) {
        value |= u64::from(byte & 0x7F) << (7 * i);
        if byte & 0x80 != 0 {
            *bytes = &bytes[i + 1..];
            return Ok(value);
        }
    }
    Err(anyhow!("a length is cut short"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::index_with;
    use tantivy::schema::Value;
    use tantivy::TantivyDocument;

    fn full_article(id: &str) -> Article {
        Article {
            id: id.into(),
            path: format!("/corpus/{id}.txt"),
            docno: Some(format!("DOC-{id}")),
            title: "عنوانٌ «مهمّ» ی".into(),
            body: "قالَ المتحدث\nسطر ثانٍ 😀 ١٢ \u{0}".into(),
            date: Some("2020-01-31".into()),
            source: Some("الجزيرة".into()),
            author: Some("كاتب".into()),
        }
    }

    /// What tantivy's own reading of the document gives.
    fn read_by_tantivy(searcher: &Searcher, f: &Fields, address: DocAddress) -> Article {
        let doc: TantivyDocument = searcher.doc(address).unwrap();
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(String::from)
        };
        let unpacked = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_bytes())
                .map(packed::unpack)
                .unwrap_or_default()
        };
        let id = text(f.id).unwrap_or_default();
        Article {
            docno: text(f.docno).map(|docno| if docno.is_empty() { id.clone() } else { docno }),
            id,
            path: text(f.path).unwrap_or_default(),
            title: unpacked(f.title_text),
            body: unpacked(f.body_text),
            date: text(f.date),
            source: text(f.source),
            author: text(f.author),
        }
    }

    #[test]
    fn reads_every_field_as_tantivy_does() {
        let mut bare = full_article("b");
        (bare.docno, bare.date, bare.source, bare.author) = (None, None, None, None);
        bare.body = String::new();
        // a body whose packed length takes a three-byte VInt
        let mut long = full_article("c");
        long.body = "كلمة طويلة ".repeat(2_000);
        // a DOCNO that is the id, as every ingested one is
        let mut docno_is_id = full_article("d");
        docno_is_id.docno = Some("d".into());
        // an empty DOCNO, which reads back as none
        let mut empty_docno = full_article("e");
        empty_docno.docno = Some(String::new());
        let mut written = vec![full_article("a"), bare, long, docno_is_id, empty_docno];
        let (_dir, index) = index_with(&written);
        written[4].docno = None;
        let searcher = index.searcher().unwrap();
        let stored = StoredArticles::open(&searcher, index.fields, 0).unwrap();
        let mut read = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in 0..segment.max_doc() {
                let address = DocAddress::new(ord as u32, doc);
                let article = stored.read(address).unwrap();
                assert_eq!(article, read_by_tantivy(&searcher, &index.fields, address));
                read.push(article);
            }
        }
        read.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(read, written);
    }

    #[test]
    fn a_docno_that_is_the_id_is_stored_once() {
        let mut article = full_article("AL-1");
        article.docno = Some("AL-1".into());
        let (_dir, index) = index_with(&[article]);
        let searcher = index.searcher().unwrap();
        let stored = StoredArticles::open(&searcher, index.fields, 0).unwrap();
        let mut texts = Vec::new();
        stored
            .for_each_value(DocAddress::new(0, 0), |field, value| {
                if let StoredValue::Text(text) = value {
                    texts.push((field, text.to_string()));
                }
            })
            .unwrap();
        assert!(
            texts.contains(&(index.fields.docno, String::new())),
            "{texts:?}"
        );
        assert_eq!(texts.iter().filter(|(_, t)| t == "AL-1").count(), 1);
    }

    #[test]
    fn a_damaged_document_is_an_error_not_a_panic() {
        let (_dir, index) = index_with(&[full_article("a")]);
        let searcher = index.searcher().unwrap();
        let segment = &searcher.segment_readers()[0];
        let bytes = segment
            .get_store_reader(0)
            .unwrap()
            .get_document_bytes(0)
            .unwrap();
        let whole = bytes.as_slice();
        let mut values = 0;
        parse(whole, |_, _| values += 1).unwrap();
        assert!(values >= 8, "{values} values");
        for cut in 0..whole.len() {
            assert!(parse(&whole[..cut], |_, _| ()).is_err(), "cut at {cut}");
        }
        // a value of a type fahras never stores
        let mut other_type = whole.to_vec();
        other_type[1 + 4] = 1;
        assert!(parse(&other_type, |_, _| ()).is_err());
        // a reading past the last segment
        let stored = StoredArticles::open(&searcher, index.fields, 0).unwrap();
        let err = stored.read(DocAddress::new(7, 0)).unwrap_err();
        assert_eq!(format!("{err:#}"), "no segment 7 in the index");
    }

    #[test]
    fn vint_reads_the_last_byte_by_its_high_bit() {
        let mut rest: &[u8] = &[0x2C, 0x82, 0xFF];
        assert_eq!(vint(&mut rest).unwrap(), 300);
        assert_eq!(rest, [0xFF]);
        let mut rest: &[u8] = &[0x80];
        assert_eq!(vint(&mut rest).unwrap(), 0);
        let mut rest: &[u8] = &[0x2C, 0x02];
        assert!(vint(&mut rest).is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_read_or_refused_without_panic(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)
        ) {
            // whatever is read lies inside the bytes given
            let mut read = 0;
            let _ = parse(&bytes, |_, value| {
                read += match value {
                    StoredValue::Text(text) => text.len(),
                    StoredValue::Bytes(bytes) => bytes.len(),
                }
            });
            proptest::prop_assert!(read <= bytes.len());
        }
    }
}
