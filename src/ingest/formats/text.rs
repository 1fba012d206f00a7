//! Plain text: the whole file is one article, with no fields; the cleaner finds title, date,
//! source and author in the lines themselves.

use super::Record;

/// The one record of a plain-text file.
pub fn parse(text: &str) -> Record {
    Record {
        body: text.to_string(),
        ..Record::default()
    }
}
