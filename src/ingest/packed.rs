//! The articles of one file, packed into one buffer until they are indexed or printed.
//!
//! A file's articles are all cleaned before any is handed on (the second pass works file by
//! file), so a JSON array of 480,000 small records held 480,000 [`Article`]s at once: eight
//! strings each, two of them (the path and an id made of it) the same path again, some 450
//! bytes of structs and allocations for a record of 40 bytes. Here their text sits end to end
//! in one `String`, the path once, and each article is a few offsets; an [`Article`] is built
//! again only when it is taken out, one at a time.

use crate::article::Article;

/// How an article's id is made (see `read::record_id`).
#[derive(Debug, Clone, Copy)]
enum Id {
    /// The corpus's document number.
    Docno,
    /// The file's path: its only record.
    Path,
    /// `path#n`, the n-th (1-based) record of a file of many.
    Numbered(usize),
}

/// The optional text fields, in the order their ends are stored.
const DOCNO: usize = 0;
const TITLE: usize = 1;
const BODY: usize = 2;
const DATE: usize = 3;
const SOURCE: usize = 4;
const AUTHOR: usize = 5;
const FIELDS: usize = 6;

#[derive(Debug, Clone)]
struct Entry {
    id: Id,
    /// Where each field ends in the buffer; each starts where the one before it ends (the
    /// first where the previous entry's last one ended).
    ends: [usize; FIELDS],
    /// Which of the optional fields (docno, date, source, author) are present, by bit.
    present: u8,
}

/// The articles of one file, in order.
#[derive(Debug, Clone, Default)]
pub struct Articles {
    path: String,
    text: String,
    entries: Vec<Entry>,
}

impl Articles {
    /// No articles yet, of the file at `path`.
    pub fn new(path: &str) -> Articles {
        Articles {
            path: path.to_string(),
            ..Articles::default()
        }
    }

    /// Adds an article of this file. Its `path` is the file's, and its `id` is its docno, the
    /// path, or `path#n` (`n` the 1-based record number); any other id is refused.
    pub fn push(&mut self, article: Article) {
        let id = if article.docno.as_ref() == Some(&article.id) {
            Id::Docno
        } else if article.id == self.path {
            Id::Path
        } else {
            let n = article
                .id
                .strip_prefix(self.path.as_str())
                .and_then(|rest| rest.strip_prefix('#'))
                .and_then(|n| n.parse().ok())
                .expect("an article id is its docno, its path or path#n");
            Id::Numbered(n)
        };
        let mut ends = [0; FIELDS];
        let mut present = 0u8;
        let fields = [
            article.docno.as_deref(),
            Some(article.title.as_str()),
            Some(article.body.as_str()),
            article.date.as_deref(),
            article.source.as_deref(),
            article.author.as_deref(),
        ];
        for (at, field) in fields.into_iter().enumerate() {
            if let Some(text) = field {
                present |= 1 << at;
                self.text.push_str(text);
            }
            ends[at] = self.text.len();
        }
        self.entries.push(Entry { id, ends, present });
    }

    /// Makes room for `bytes` more of article text, so the buffer does not grow by doubling.
    pub fn reserve(&mut self, bytes: usize) {
        self.text.reserve(bytes);
    }

    /// Gives back what the buffers hold beyond the articles. A file's articles wait, read
    /// ahead of the index writer, under a budget counted in file bytes (`passes/write`): a
    /// buffer grown by doubling held up to twice its text (heaptrack at 4 scale copies: 97
    /// MiB of packed articles under a 32 MiB budget).
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.entries.shrink_to_fit();
    }

    /// Bytes the buffers hold beyond the articles.
    #[cfg(test)]
    fn spare_bytes(&self) -> usize {
        (self.text.capacity() - self.text.len())
            + (self.entries.capacity() - self.entries.len()) * std::mem::size_of::<Entry>()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `n`-th article, built again.
    pub fn get(&self, n: usize) -> Article {
        let entry = &self.entries[n];
        let mut start = n
            .checked_sub(1)
            .map_or(0, |p| self.entries[p].ends[FIELDS - 1]);
        let mut field = |at: usize| {
            let text = &self.text[start..entry.ends[at]];
            start = entry.ends[at];
            (entry.present & (1 << at) != 0).then(|| text.to_string())
        };
        let docno = field(DOCNO);
        let title = field(TITLE).unwrap_or_default();
        let body = field(BODY).unwrap_or_default();
        let (date, source, author) = (field(DATE), field(SOURCE), field(AUTHOR));
        let id = match entry.id {
            Id::Docno => docno.clone().unwrap_or_default(),
            Id::Path => self.path.clone(),
            Id::Numbered(n) => format!("{}#{n}", self.path),
        };
        Article {
            id,
            path: self.path.clone(),
            docno,
            title,
            body,
            date,
            source,
            author,
        }
    }

    /// The title and body of the `n`-th article, as held: what its near-duplicate signature
    /// is made of, on the reading thread, without building the article.
    pub fn title_and_body(&self, n: usize) -> (&str, &str) {
        let ends = &self.entries[n].ends;
        // An absent field ends where the one before it does: it is empty.
        (
            &self.text[ends[DOCNO]..ends[TITLE]],
            &self.text[ends[TITLE]..ends[BODY]],
        )
    }

    /// Every article, built again one at a time.
    pub fn iter(&self) -> impl Iterator<Item = Article> + '_ {
        (0..self.len()).map(|n| self.get(n))
    }
}

impl IntoIterator for Articles {
    type Item = Article;
    type IntoIter = IntoIter;

    fn into_iter(self) -> IntoIter {
        IntoIter {
            articles: self,
            next: 0,
        }
    }
}

/// The articles of a file, taken out one at a time.
pub struct IntoIter {
    articles: Articles,
    next: usize,
}

impl Iterator for IntoIter {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        (self.next < self.articles.len()).then(|| {
            self.next += 1;
            self.articles.get(self.next - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.articles.len() - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for IntoIter {}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, docno: Option<&str>, title: &str, body: &str) -> Article {
        Article {
            id: id.to_string(),
            path: "/c/a.json".to_string(),
            docno: docno.map(str::to_string),
            title: title.to_string(),
            body: body.to_string(),
            date: Some("2024-05-02".to_string()),
            source: None,
            author: Some(String::new()),
        }
    }

    #[test]
    fn articles_come_out_as_they_went_in() {
        let given = vec![
            article("/c/a.json#1", None, "عنوان", "نص\nسطر"),
            article("AL-7", Some("AL-7"), "", ""),
            article("/c/a.json", None, "ب", "قال الوزير"),
            article("/c/a.json#12", None, "ج", ""),
        ];
        let mut packed = Articles::new("/c/a.json");
        for a in given.clone() {
            packed.push(a);
        }
        assert_eq!(packed.len(), 4);
        for (n, a) in given.iter().enumerate() {
            let held = (a.title.as_str(), a.body.as_str());
            assert_eq!(packed.title_and_body(n), held);
        }
        assert_eq!(packed.iter().collect::<Vec<_>>(), given);
        assert_eq!(packed.into_iter().collect::<Vec<_>>(), given);
    }

    #[test]
    fn a_file_read_holds_no_more_than_its_articles() {
        use crate::ingest::clean::repetition::LineTable;
        use crate::ingest::formats::{Format, Record};
        use crate::ingest::read::{articles, FileRecords};
        // 600 records of about a kilobyte each: grown by doubling, the text's buffer would
        // end at 1 MiB, 40% of it spare.
        let records = (0..600)
            .map(|n| Record {
                docno: Some(format!("AL-{n}")),
                title: Some(format!("عنوان الخبر {n}")),
                body: "قال الوزير إن الحكومة ستنظر في الأمر غدا.\n".repeat(12),
                ..Record::default()
            })
            .collect();
        let file = FileRecords {
            path: "/c/a.sgml".into(),
            folder: "/c".into(),
            format: Format::Trec,
            records,
            warnings: Vec::new(),
            site: None,
        };
        let packed = articles(
            file,
            &LineTable::default(),
            &mut Vec::new(),
            &mut Vec::new(),
        );
        assert_eq!(packed.len(), 600);
        assert_eq!(packed.spare_bytes(), 0);
    }
}
