//! Near-duplicate signatures: how alike two articles' texts are, without comparing the texts.
//!
//! Two articles are *similar* when the word 5-shingles of their folded text (every run of five
//! consecutive words, spelled as the index folds them) overlap with a Jaccard similarity of at
//! least a threshold (`DEFAULT_SIMILARITY`, see EVALUATION.md). Agency copy printed by several
//! outlets with a new first line or a trimmed end scores 0.6–0.95; two reports of one event
//! written apart score under 0.1.
//!
//! Each article gets a MinHash signature of [`HASHES`] values, each kept as one byte (b-bit
//! MinHash): two signatures agree on a byte with probability `J + (1 − J)/256`, so the share
//! of agreeing bytes estimates `J` with a standard error of about 0.044 at `J = 0.5`. It is a
//! one-permutation MinHash (see [`signature`]): one hash of each shingle, not 128. The
//! signature is stored as a fast field (`near_sig`, [`SIG_WORDS`] u64 values, 128 bytes an
//! article), so comparing two articles reads no stored text. The first [`BANDS`] pairs of bytes
//! are also indexed as terms (`near_bands`, LSH banding): articles with `J ≥ 0.5` share at
//! least one such term 97% of the time (`1 − (1 − 0.5²)¹²`), at `J ≥ 0.6` 99.5%, so a search
//! or `fahras dups` finds the candidates of an article by looking its terms up, and only
//! compares signatures with those. Twelve bands rather than sixteen keep the index under half
//! the corpus's size (BENCHMARKS.md, "Near-duplicate signatures").
//!
//! Nothing here is saved beside the index: groups are made from these fields when a search or
//! `dups` runs, so they always match what the index holds, whatever a killed run left.

use std::collections::HashSet;

use anyhow::Result;
use tantivy::columnar::Column;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, Term, TERMINATED};

use super::Fields;

mod words;

use words::word_hashes;

/// MinHash values of a signature.
pub const HASHES: usize = 128;
/// The signature as u64 values of the fast field (8 one-byte hashes each).
pub const SIG_WORDS: usize = HASHES / 8;
/// LSH bands indexed per article, each two signature bytes.
pub const BANDS: usize = 12;
/// Words per shingle.
const SHINGLE_WORDS: usize = 5;
/// The similarity at or above which two articles count as copies of one story, unless
/// `--min-similarity` says otherwise (EVALUATION.md, "Near-duplicates", says how it was chosen).
pub const DEFAULT_SIMILARITY: f32 = 0.5;
/// The lowest `--min-similarity` the bands find candidates for reliably.
pub const LOWEST_SIMILARITY: f32 = 0.3;

/// Schema names of the two fields.
pub const SIG_FIELD: &str = "near_sig";
pub const BANDS_FIELD: &str = "near_bands";

/// A MinHash signature: one byte per hash function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u8; HASHES]);

/// Bits of a shingle hash that choose its bin: `HASHES` is `1 << BIN_BITS`.
const BIN_BITS: u32 = 7;
const _: () = assert!(HASHES == 1 << BIN_BITS);

/// A hash of a run of word hashes: a multiply-rotate chain and a final mix (murmur3's), much
/// cheaper than hashing the words' bytes again for every shingle.
fn shingle_hash(words: &[u64]) -> u64 {
    let mut h: u64 = 0;
    for word in words {
        h = (h ^ word)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
    mix(h)
}

/// murmur3's 64-bit finaliser: every input bit flips each output bit with probability ½.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// Fills each empty bin with the minimum of a non-empty one, chosen by a sequence of bins
/// that depends on the empty bin's number only ("optimal densification", Shrivastava 2017):
/// two texts that both lack a bin borrow from the same bin as long as both have it, so the
/// borrowed minima agree as often as native ones, with probability `J`. `mins` has at least
/// one non-empty bin.
fn densify(mins: &mut [u64; HASHES]) {
    let native = *mins;
    for (bin, min) in mins.iter_mut().enumerate() {
        let mut attempt = 0u64;
        while *min == u64::MAX {
            attempt += 1;
            let from = mix((bin as u64) << 32 | attempt) >> (64 - BIN_BITS);
            *min = native[from as usize];
            // Never reached in practice (one non-empty bin is met in 128 attempts on
            // average), but the loop must end whatever the hash does.
            if attempt > 64 * HASHES as u64 && *min == u64::MAX {
                *min = native.iter().copied().min().unwrap_or(0);
            }
        }
    }
}

/// The signature of an article's text: its body, or its title when the body is empty. `None`
/// when the text has no word.
///
/// One-permutation MinHash: each shingle is hashed once; the hash's top bits choose one of
/// [`HASHES`] bins and each bin keeps the least of the rest of the hashes that fall in it, a
/// MinHash of the shingles of that bin. Computing 128 hash functions of every shingle instead
/// cost a fifth of the ingest (BENCHMARKS.md, "Near-duplicate signatures").
pub fn signature(title: &str, body: &str) -> Option<Signature> {
    let text = if body.trim().is_empty() { title } else { body };
    let words = word_hashes(text);
    if words.is_empty() {
        return None;
    }
    let mut mins = [u64::MAX; HASHES];
    // A text shorter than a shingle is one shingle of all its words.
    for shingle in words.windows(SHINGLE_WORDS.min(words.len())) {
        let h = shingle_hash(shingle);
        let bin = (h >> (64 - BIN_BITS)) as usize;
        let rest = h & (u64::MAX >> BIN_BITS);
        mins[bin] = mins[bin].min(rest);
    }
    densify(&mut mins);
    // One byte of each minimum, remixed with its bin's number: a minimum copied into several
    // bins then gives independent bytes, so two short texts that differ agree on a byte one
    // time in 256 bin by bin, not on all of them at once.
    let mut bytes = [0u8; HASHES];
    for (bin, (byte, min)) in bytes.iter_mut().zip(mins).enumerate() {
        *byte = (mix(min ^ (bin as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> 56) as u8;
    }
    Some(Signature(bytes))
}

impl Signature {
    /// The fast field's values.
    pub fn words(&self) -> [u64; SIG_WORDS] {
        let mut words = [0u64; SIG_WORDS];
        for (word, chunk) in words.iter_mut().zip(self.0.chunks_exact(8)) {
            *word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        }
        words
    }

    /// The signature from the fast field's values; `None` unless there are [`SIG_WORDS`].
    pub fn from_words(words: impl Iterator<Item = u64>) -> Option<Signature> {
        let mut bytes = [0u8; HASHES];
        let mut n = 0;
        for word in words {
            let at = bytes.get_mut(n * 8..n * 8 + 8)?;
            at.copy_from_slice(&word.to_le_bytes());
            n += 1;
        }
        (n == SIG_WORDS).then_some(Signature(bytes))
    }

    /// The indexed band terms: band number in the high bits, its two bytes in the low ones.
    pub fn bands(&self) -> [u64; BANDS] {
        let mut bands = [0u64; BANDS];
        for (band, term) in bands.iter_mut().enumerate() {
            let pair = u64::from(self.0[2 * band]) << 8 | u64::from(self.0[2 * band + 1]);
            *term = (band as u64) << 16 | pair;
        }
        bands
    }

    /// Estimated Jaccard similarity of the two texts' shingles, corrected for the one-in-256
    /// chance that two different minima share a byte.
    pub fn similarity(&self, other: &Signature) -> f32 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        let agree = same as f32 / HASHES as f32;
        let chance = 1.0 / 256.0;
        ((agree - chance) / (1.0 - chance)).clamp(0.0, 1.0)
    }
}

/// Reads signatures from one segment's fast field.
pub struct SignatureColumn(Option<Column<u64>>);

impl SignatureColumn {
    /// The segment's signatures; an index without the field reads as having none.
    pub fn open(segment: &SegmentReader) -> SignatureColumn {
        SignatureColumn(segment.fast_fields().u64(SIG_FIELD).ok())
    }

    /// The signature of `doc`, if it has one.
    pub fn get(&self, doc: DocId) -> Option<Signature> {
        Signature::from_words(self.0.as_ref()?.values_for_doc(doc))
    }
}

/// The signatures of every segment of a searcher, opened once.
pub struct Signatures(Vec<SignatureColumn>);

impl Signatures {
    pub fn open(searcher: &Searcher) -> Signatures {
        Signatures(
            searcher
                .segment_readers()
                .iter()
                .map(SignatureColumn::open)
                .collect(),
        )
    }

    pub fn get(&self, address: DocAddress) -> Option<Signature> {
        self.0
            .get(address.segment_ord as usize)?
            .get(address.doc_id)
    }
}

/// The live documents of `searcher` similar to `signature` (at least `threshold`), but
/// `itself`.
pub fn similar_to(
    searcher: &Searcher,
    fields: Fields,
    signatures: &Signatures,
    itself: DocAddress,
    signature: &Signature,
    threshold: f32,
) -> Result<Vec<DocAddress>> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(fields.near_bands)?;
        let alive = segment.alive_bitset();
        for band in signature.bands() {
            let term = Term::from_field_u64(fields.near_bands, band);
            let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let address = DocAddress::new(ord as u32, doc);
                let live = alive.is_none_or(|alive| alive.is_alive(doc));
                if live && address != itself && seen.insert(address) {
                    let close = signatures
                        .get(address)
                        .is_some_and(|other| signature.similarity(&other) >= threshold);
                    if close {
                        found.push(address);
                    }
                }
                doc = postings.advance();
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const STORY: &str = "أعلنت وزارة الصحة السعودية اليوم عن تسجيل حالات جديدة في مدينة \
        الرياض وقالت الوزارة في بيان إن الفرق الطبية تتابع الحالات وإن الوضع تحت السيطرة \
        ودعت المواطنين إلى اتباع الإرشادات الصحية والابتعاد عن التجمعات في الأماكن العامة \
        وأكدت أن المستشفيات مستعدة لاستقبال المرضى على مدار الساعة";

    #[test]
    fn a_copy_with_a_new_first_line_is_similar_and_another_story_is_not() {
        let copy = format!("الرياض - واس: {STORY}");
        let other = "فاز فريق الهلال على النصر بهدفين نظيفين في المباراة التي أقيمت مساء \
            أمس على ملعب الملك فهد الدولي وسط حضور جماهيري كبير من مشجعي الفريقين";
        let a = signature("", STORY).unwrap();
        let b = signature("عنوان آخر", &copy).unwrap();
        let c = signature("", other).unwrap();
        assert!(a.similarity(&b) > 0.7, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
        assert!(a.bands().iter().any(|band| b.bands().contains(band)));
    }

    /// `n` distinct words, numbered from `from`.
    fn words(from: usize, n: usize) -> Vec<String> {
        (from..from + n).map(|i| format!("w{i}x")).collect()
    }

    /// The exact Jaccard similarity of the word 5-shingles of two word lists.
    fn jaccard(a: &[String], b: &[String]) -> f32 {
        let shingles = |w: &[String]| -> HashSet<Vec<String>> {
            w.windows(SHINGLE_WORDS).map(<[String]>::to_vec).collect()
        };
        let (a, b) = (shingles(a), shingles(b));
        a.intersection(&b).count() as f32 / a.union(&b).count() as f32
    }

    #[test]
    fn the_estimate_follows_the_exact_jaccard_for_short_and_long_texts() {
        // (shared words, words of each own) from a 12-word text, where most bins are empty
        // and filled by densification, to a 600-word one.
        for (shared, own) in [
            (12, 2),
            (40, 10),
            (60, 60),
            (300, 30),
            (600, 300),
            (10, 400),
        ] {
            let common = words(0, shared);
            let a = [words(100_000, own), common.clone()].concat();
            let b = [common, words(200_000, own)].concat();
            let exact = jaccard(&a, &b);
            let estimate = signature("", &a.join(" "))
                .unwrap()
                .similarity(&signature("", &b.join(" ")).unwrap());
            assert!(
                (estimate - exact).abs() < 0.15,
                "{shared}/{own}: exact {exact}, estimated {estimate}"
            );
        }
    }

    #[test]
    fn two_different_short_texts_are_not_similar() {
        // A one-shingle text fills every bin with its one minimum; its bytes must still be
        // independent, or two such texts would agree on all of them one time in 256.
        let one = signature("", "واحد").unwrap();
        assert!(one.0.iter().any(|&byte| byte != one.0[0]));
        let mut alike = 0;
        for i in 0..200 {
            let a = signature("", &format!("خبر {i}")).unwrap();
            let b = signature("", &format!("نبأ {i}")).unwrap();
            alike += usize::from(a.similarity(&b) > 0.3);
        }
        assert_eq!(alike, 0);
    }

    #[test]
    fn spelling_variants_fold_and_the_fast_field_round_trips() {
        let folded = STORY.replace('أ', "ا").replace('ة', "ه");
        let marked = STORY.replace("الصحة", "الصِّحَّة").replace("اليوم", "اليـوم");
        assert_eq!(signature("", STORY), signature("", &marked));
        let a = signature("", STORY).unwrap();
        assert_eq!(a, signature("", &folded).unwrap());
        assert_eq!(Signature::from_words(a.words().into_iter()), Some(a));
        assert_eq!(Signature::from_words([1u64].into_iter()), None);
        assert_eq!(signature("", " - ، "), None);
        assert!(signature("عنوان", "").is_some());
    }
}
