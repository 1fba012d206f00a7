//! The unit fahras stores and returns: one news article, already decoded and cleaned.

pub mod date;

pub use date::{Date, DateBound};

/// One article as it goes into the index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// Identity in the index: re-ingesting an article with the same id replaces it.
    pub id: String,
    /// The file the article came from (canonical, absolute).
    pub path: String,
    /// The corpus's own document number, when it has one.
    pub docno: Option<String>,
    pub title: String,
    /// Cleaned text, one paragraph per line, title excluded.
    pub body: String,
    /// ISO 8601 date (`YYYY-MM-DD`), always made from a [`Date`] so it names a real day.
    pub date: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
}
