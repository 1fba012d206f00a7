//! Index-time sharing of one analysis between a stemmed field and its exact twin.
//!
//! Every title and body is indexed twice (see `index::schema`): stemmed, and only folded in
//! the `*_exact` fields, which record nothing but which articles hold each form. tantivy
//! analyzes each field on its own, so each text was tokenized, stopped and folded a second
//! time, and every repeat of a form went to tantivy's indexing hash table again although an
//! exact field keeps only the first. The exact fields cost about a third of the ingest's CPU;
//! this takes about a sixth of that back (BENCHMARKS.md section 18).
//!
//! [`RecordForms`] sits before the stemmer in the index-time stemmed analyzer and keeps, per
//! thread, the distinct folded forms of the last few texts it analyzed. [`DistinctForms`], the
//! exact fields' index-time analyzer, replays them when it is given a text recorded on its
//! thread: tantivy indexes a document's fields one after another on one thread, in field order,
//! and each stemmed field comes before its twin. Any other text it analyzes itself. Either way
//! it emits each distinct form once, where it first occurs.
//!
//! A recording is only replayed for a text equal byte for byte to the one recorded, and only if
//! the recording stream ran to its end, so what the exact fields hold never depends on it.

use std::cell::RefCell;

use hashbrown::HashTable;
use tantivy::tokenizer::{
    BoxTokenStream, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use xxhash_rust::xxh3::xxh3_64;

/// Recordings kept per thread. A document needs three (its title, its body, and the title
/// again as the body's second value) before their twins are analyzed.
const SLOTS: usize = 4;

/// Longer texts are not recorded: copying them would cost more memory than analyzing twice
/// costs time, and news articles are far shorter.
const MAX_RECORDED_BYTES: usize = 1 << 20;

/// The distinct forms of one text, in order of first occurrence.
#[derive(Clone, Default)]
struct Forms {
    bytes: String,
    spans: Vec<Span>,
    /// Indexes into `spans`, by the hash of the form.
    table: HashTable<usize>,
}

/// One distinct form: its text in [`Forms::bytes`] and its first token's place.
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    hash: u64,
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
}

impl Forms {
    fn clear(&mut self) {
        self.bytes.clear();
        self.spans.clear();
        self.table.clear();
    }

    /// Adds the token's form unless an earlier token had it; true if it was new.
    fn insert(&mut self, token: &Token) -> bool {
        let hash = xxh3_64(token.text.as_bytes());
        let (bytes, spans) = (&self.bytes, &self.spans);
        let seen = self.table.find(hash, |&i| {
            let span = &spans[i];
            bytes[span.start..span.end] == *token.text
        });
        if seen.is_some() {
            return false;
        }
        let start = self.bytes.len();
        self.bytes.push_str(&token.text);
        self.spans.push(Span {
            start,
            end: self.bytes.len(),
            hash,
            offset_from: token.offset_from,
            offset_to: token.offset_to,
            position: token.position,
            position_length: token.position_length,
        });
        let spans = &self.spans;
        self.table
            .insert_unique(hash, spans.len() - 1, |&i| spans[i].hash);
        true
    }

    /// Makes `token` the `at`-th distinct form.
    fn fill(&self, at: usize, token: &mut Token) {
        let span = &self.spans[at];
        token.text.clear();
        token.text.push_str(&self.bytes[span.start..span.end]);
        token.offset_from = span.offset_from;
        token.offset_to = span.offset_to;
        token.position = span.position;
        token.position_length = span.position_length;
    }
}

/// The forms of one analyzed text.
#[derive(Default)]
struct Recording {
    text: String,
    /// The recording stream ran to the end of `text`.
    complete: bool,
    forms: Forms,
}

/// This thread's recordings; `next` is the slot the next recording overwrites.
#[derive(Default)]
struct Ring {
    slots: [Option<Recording>; SLOTS],
    next: usize,
}

thread_local! {
    static RING: RefCell<Ring> = RefCell::new(Ring::default());
}

/// Puts a recording back in its slot, unless the slot was given to a later one meanwhile.
fn give_back(slot: usize, recording: Recording) {
    // At thread exit the ring may be gone; the recording is then simply dropped.
    let _ = RING.try_with(|ring| {
        let mut ring = ring.borrow_mut();
        if ring.slots[slot].is_none() {
            ring.slots[slot] = Some(recording);
        }
    });
}

/// Token filter that records the distinct forms of every text it passes on unchanged.
#[derive(Clone, Copy, Debug, Default)]
pub struct RecordForms;

impl TokenFilter for RecordForms {
    type Tokenizer<T: Tokenizer> = RecordFormsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RecordFormsFilter<T> {
        RecordFormsFilter { inner: tokenizer }
    }
}

/// [`RecordForms`] applied to a tokenizer.
#[derive(Clone)]
pub struct RecordFormsFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for RecordFormsFilter<T> {
    type TokenStream<'a> = RecordFormsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let taken = if text.len() <= MAX_RECORDED_BYTES {
            RING.try_with(|ring| {
                let mut ring = ring.borrow_mut();
                let slot = ring.next;
                ring.next = (slot + 1) % SLOTS;
                let mut recording = ring.slots[slot].take().unwrap_or_default();
                recording.text.clear();
                recording.text.push_str(text);
                recording.complete = false;
                recording.forms.clear();
                (slot, recording)
            })
            .ok()
        } else {
            None
        };
        RecordFormsStream {
            tail: self.inner.token_stream(text),
            taken,
        }
    }
}

/// Token stream of [`RecordFormsFilter`].
pub struct RecordFormsStream<S> {
    tail: S,
    /// The slot this text is recorded for, and its recording; none for a text not recorded.
    taken: Option<(usize, Recording)>,
}

impl<S: TokenStream> TokenStream for RecordFormsStream<S> {
    fn advance(&mut self) -> bool {
        let more = self.tail.advance();
        if let Some((_, recording)) = &mut self.taken {
            if more {
                recording.forms.insert(self.tail.token());
            } else {
                recording.complete = true;
            }
        }
        more
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

impl<S> Drop for RecordFormsStream<S> {
    fn drop(&mut self) {
        if let Some((slot, recording)) = self.taken.take() {
            give_back(slot, recording);
        }
    }
}

/// Tokenizer that emits each distinct form of the exact analyzer's output once, replaying
/// [`RecordForms`]'s recording of the same text when this thread has one.
#[derive(Clone)]
pub struct DistinctForms {
    exact: TextAnalyzer,
    /// The forms of a text analyzed here, reused from text to text.
    seen: Forms,
    token: Token,
}

impl DistinctForms {
    /// `exact` must be the analyzer [`RecordForms`] records the output of.
    pub fn new(exact: TextAnalyzer) -> DistinctForms {
        DistinctForms {
            exact,
            seen: Forms::default(),
            token: Token::default(),
        }
    }
}

impl Tokenizer for DistinctForms {
    type TokenStream<'a> = DistinctFormsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> DistinctFormsStream<'a> {
        let recorded = RING
            .try_with(|ring| {
                let mut ring = ring.borrow_mut();
                let slot = ring.slots.iter().position(|recording| {
                    recording
                        .as_ref()
                        .is_some_and(|r| r.complete && r.text == text)
                })?;
                Some((slot, ring.slots[slot].take()?))
            })
            .ok()
            .flatten();
        let source = match recorded {
            Some(taken) => Source::Recorded { taken: Some(taken) },
            None => {
                self.seen.clear();
                Source::Analyzed {
                    tail: self.exact.token_stream(text),
                    seen: &mut self.seen,
                }
            }
        };
        DistinctFormsStream {
            source,
            next: 0,
            token: &mut self.token,
        }
    }
}

/// Where a [`DistinctFormsStream`] takes its forms from.
enum Source<'a> {
    Recorded {
        taken: Option<(usize, Recording)>,
    },
    Analyzed {
        tail: BoxTokenStream<'a>,
        seen: &'a mut Forms,
    },
}

/// Token stream of [`DistinctForms`].
pub struct DistinctFormsStream<'a> {
    source: Source<'a>,
    /// The next recorded form to emit.
    next: usize,
    token: &'a mut Token,
}

impl TokenStream for DistinctFormsStream<'_> {
    fn advance(&mut self) -> bool {
        match &mut self.source {
            Source::Recorded { taken } => {
                let Some((_, recording)) = taken else {
                    return false;
                };
                if self.next == recording.forms.spans.len() {
                    return false;
                }
                recording.forms.fill(self.next, self.token);
                self.next += 1;
                true
            }
            Source::Analyzed { tail, seen } => {
                while tail.advance() {
                    if seen.insert(tail.token()) {
                        *self.token = tail.token().clone();
                        return true;
                    }
                }
                false
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl Drop for DistinctFormsStream<'_> {
    fn drop(&mut self) {
        if let Source::Recorded { taken } = &mut self.source {
            if let Some((slot, recording)) = taken.take() {
                give_back(slot, recording);
            }
        }
    }
}

#[cfg(test)]
mod tests;
