//! What a corpus stores: documents with their texts, and compact records of
//! their quotes, claims and speakers, with strings interned.
//!
//! Everything derived from these (identities, statements, reversals, the
//! query indexes) is rebuilt on demand, so saving the stored part saves the
//! whole corpus.

use crate::article::Role;
use crate::claim::Polarity;
use crate::quote::{QuoteKind, SpeakerKind};
use crate::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;

/// One article to add to a corpus, with what the caller knows about it.
///
/// The outlet and date default to what the article itself says (its
/// publisher and publication date) when the caller does not give them.
///
/// ```
/// use whosaid::corpus::Document;
/// let doc = Document::new("tass-1", "Title\n\nBody.")
///     .outlet("TASS")
///     .url("https://example.org/1")
///     .date(chrono::NaiveDate::from_ymd_opt(2015, 10, 1).unwrap());
/// assert_eq!(doc.outlet.as_deref(), Some("TASS"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// The document's id, unique in the corpus.
    pub id: String,
    /// The article text as scraped.
    pub text: String,
    /// The outlet that published it.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Where it was published.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was published.
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

impl Document {
    /// A document with an id and its text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            outlet: None,
            url: None,
            date: None,
        }
    }

    /// With the outlet that published it.
    pub fn outlet(mut self, outlet: impl Into<String>) -> Self {
        self.outlet = Some(outlet.into());
        self
    }

    /// With its address.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// With its publication date.
    pub fn date(mut self, date: NaiveDate) -> Self {
        self.date = Some(date);
        self
    }
}

/// A claim known from elsewhere (an annotation file, another tool), for
/// [`Corpus::add_claims`](super::Corpus::add_claims).
///
/// ```
/// use whosaid::corpus::ClaimSpec;
/// use whosaid::{Polarity, Span};
/// let c = ClaimSpec::new(Span::new(0, 10), "Sergey Lavrov", Polarity::Denied).topic("airstrikes in iraq");
/// assert_eq!(c.topic.as_deref(), Some("airstrikes in iraq"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimSpec {
    /// The words carrying the claim, as a byte span of the document's text.
    pub span: Span,
    /// Who makes it, as the document names them.
    pub speaker: String,
    /// Asserted or denied.
    pub polarity: Polarity,
    /// Its topic.
    pub topic: Option<String>,
    /// When it was made, if not the document's date.
    pub date: Option<NaiveDate>,
    /// Titles and organisations the document gives the speaker.
    pub roles: Vec<String>,
}

impl ClaimSpec {
    /// A claim by `speaker` over `span`.
    pub fn new(span: Span, speaker: impl Into<String>, polarity: Polarity) -> Self {
        ClaimSpec {
            span,
            speaker: speaker.into(),
            polarity,
            topic: None,
            date: None,
            roles: Vec::new(),
        }
    }

    /// With a topic.
    pub fn topic(mut self, topic: impl Into<String>) -> Self {
        self.topic = Some(topic.into());
        self
    }

    /// With the date it was made.
    pub fn date(mut self, date: NaiveDate) -> Self {
        self.date = Some(date);
        self
    }

    /// With a title or organisation of the speaker.
    pub fn role(mut self, role: impl Into<String>) -> Self {
        self.roles.push(role.into());
        self
    }
}

/// A hash map keyed by the corpus's own integers (ids, hashes), with the
/// crate's fast hasher: not resistant to chosen keys, so never used for keys
/// taken from input text.
pub(crate) type IntMap<K, V> = HashMap<K, V, crate::lexicon::quote::FxBuild>;

/// Strings stored end to end in one buffer, each once, numbered in order
/// of first insertion and found by a 64-bit hash ([`StrSet::hash`]) that
/// the caller may compute ahead (on another thread).
#[derive(Clone, Debug, Default)]
pub(crate) struct StrSet {
    text: String,
    /// Where each string ends in `text` (it starts where the one before
    /// ends), and its hash.
    ends: Vec<(usize, u64)>,
    /// The first string with each hash, once there are more than
    /// [`SMALL`] strings (fewer are found by scanning `ends`).
    table: IntMap<u64, u32>,
    /// Strings whose hash an earlier, different string has, with keyed
    /// hashing (chosen collisions cannot pile up here).
    collided: Option<HashMap<Box<str>, u32>>,
}

/// Sets of at most this many strings have no table.
const SMALL: usize = 16;

/// String `i` of a [`StrSet`]'s `text` and `ends` ("" if there is none).
#[inline]
fn string_at<'t>(text: &'t str, ends: &[(usize, u64)], i: u32) -> &'t str {
    let i = i as usize;
    let Some(&(end, _)) = ends.get(i) else {
        return "";
    };
    let start = if i == 0 { 0 } else { ends[i - 1].0 };
    text.get(start..end).unwrap_or("")
}

impl StrSet {
    /// The hash strings are found by.
    pub(crate) fn hash(s: &str) -> u64 {
        use std::hash::BuildHasher;
        crate::lexicon::quote::FxBuild::default().hash_one(s)
    }

    /// Number of strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Empty the set, keeping its buffers.
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        if !self.table.is_empty() {
            self.table.clear();
        }
        self.collided = None;
    }

    /// String `i` ("" if there is none).
    #[inline]
    pub(crate) fn get(&self, i: u32) -> &str {
        string_at(&self.text, &self.ends, i)
    }

    /// String `i` and its hash.
    #[inline]
    pub(crate) fn get_hashed(&self, i: u32) -> (&str, u64) {
        (self.get(i), self.ends.get(i as usize).map_or(0, |e| e.1))
    }

    /// Add `s` (hash `h`) as a new string, found from now on unless an
    /// equal string was added before.
    fn push(&mut self, s: &str, h: u64) -> u32 {
        let i = self.ends.len() as u32;
        self.text.push_str(s);
        self.ends.push((self.text.len(), h));
        match self.ends.len() {
            n if n <= SMALL => {}
            n if n == SMALL + 1 => {
                for j in 0..n as u32 {
                    self.index(j);
                }
            }
            _ => self.index(i),
        }
        i
    }

    /// Put string `i` in the table (or among the collided), unless an
    /// equal string is there.
    fn index(&mut self, i: u32) {
        let (s, h) = self.get_hashed(i);
        match self.table.get(&h) {
            None => {
                self.table.insert(h, i);
            }
            Some(&first) if self.get(first) != s => {
                let s: Box<str> = s.into();
                self.collided
                    .get_or_insert_with(HashMap::new)
                    .entry(s)
                    .or_insert(i);
            }
            Some(_) => {}
        }
    }

    /// The number of `s` (whose [`hash`](Self::hash) is `h`), if present.
    pub(crate) fn find(&self, s: &str, h: u64) -> Option<u32> {
        if self.len() <= SMALL {
            return (0..self.len() as u32)
                .find(|&i| self.ends[i as usize].1 == h && self.get(i) == s);
        }
        let &i = self.table.get(&h)?;
        if self.get(i) == s {
            return Some(i);
        }
        self.collided.as_ref()?.get(s).copied()
    }

    /// The number of `s` (whose [`hash`](Self::hash) is `h`), added if new.
    /// Once there is a table, it is probed once for both.
    pub(crate) fn insert_hashed(&mut self, s: &str, h: u64) -> u32 {
        if self.len() <= SMALL {
            return match self.find(s, h) {
                Some(i) => i,
                None => self.push(s, h),
            };
        }
        let next = self.ends.len() as u32;
        let StrSet {
            text,
            ends,
            table,
            collided,
        } = self;
        match table.entry(h) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(next);
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                let first = *o.get();
                if string_at(text, ends, first) == s {
                    return first;
                }
                let collided = collided.get_or_insert_with(HashMap::new);
                if let Some(&i) = collided.get(s) {
                    return i;
                }
                collided.insert(s.into(), next);
            }
        }
        text.push_str(s);
        ends.push((text.len(), h));
        next
    }

    /// The number of `s`, added if new.
    pub(crate) fn insert(&mut self, s: &str) -> u32 {
        self.insert_hashed(s, StrSet::hash(s))
    }

    fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len() as u32).map(|i| self.get(i))
    }
}

impl PartialEq for StrSet {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.ends == other.ends
    }
}

impl Eq for StrSet {}

/// Interned strings: each distinct string stored once, referred to by index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Strings(StrSet);

impl Strings {
    #[cfg(test)]
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        self.0.insert(s)
    }

    pub(crate) fn get(&self, i: u32) -> &str {
        self.0.get(i)
    }

    /// Intern every string of `local`, in order: their numbers here, in
    /// `ids` (emptied first).
    pub(crate) fn intern_all(&mut self, local: &StrSet, ids: &mut Vec<u32>) {
        ids.clear();
        ids.extend((0..local.len() as u32).map(|i| {
            let (s, h) = local.get_hashed(i);
            self.0.insert_hashed(s, h)
        }));
    }
}

impl Serialize for Strings {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter())
    }
}

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list: Vec<Box<str>> = Vec::deserialize(d)?;
        let mut set = StrSet::default();
        for s in &list {
            // Every string keeps its number, even one listed twice.
            set.push(s, StrSet::hash(s));
        }
        Ok(Strings(set))
    }
}

/// A byte range stored in 8 bytes (inputs are at most 4 GiB).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Range32(pub(crate) u32, pub(crate) u32);

impl Range32 {
    pub(crate) fn of(span: Span) -> Self {
        Range32(
            span.start.min(u32::MAX as usize) as u32,
            span.end.min(u32::MAX as usize) as u32,
        )
    }

    pub(crate) fn span(self) -> Span {
        Span::new(self.0 as usize, self.1 as usize)
    }
}

/// Implements `Serialize` and `Deserialize` for a compact optional type as
/// the `Option` it stands for, so that saved corpora keep their format.
macro_rules! serde_as_option {
    ($t:ty, $inner:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.get().serialize(s)
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok(<$t>::new(Option::<$inner>::deserialize(d)?))
            }
        }
    };
}

/// An optional id in 4 bytes (`u32::MAX` is none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Opt32(u32);

impl Default for Opt32 {
    fn default() -> Self {
        Opt32(u32::MAX)
    }
}

impl Opt32 {
    pub(crate) fn new(v: Option<u32>) -> Self {
        Opt32(v.unwrap_or(u32::MAX))
    }

    pub(crate) fn get(self) -> Option<u32> {
        (self.0 != u32::MAX).then_some(self.0)
    }
}

serde_as_option!(Opt32, u32);

/// An optional 64-bit hash in 4-byte-aligned 8 bytes (`u64::MAX` is none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Opt64([u32; 2]);

impl Default for Opt64 {
    fn default() -> Self {
        Opt64::new(None)
    }
}

impl Opt64 {
    pub(crate) fn new(v: Option<u64>) -> Self {
        let v = v.unwrap_or(u64::MAX);
        Opt64([(v >> 32) as u32, v as u32])
    }

    pub(crate) fn get(self) -> Option<u64> {
        let v = (u64::from(self.0[0]) << 32) | u64::from(self.0[1]);
        (v != u64::MAX).then_some(v)
    }
}

serde_as_option!(Opt64, u64);

/// An optional date in 4 bytes: days since the Common Era (`i32::MIN`,
/// outside chrono's range, is none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Day(i32);

impl Default for Day {
    fn default() -> Self {
        Day(i32::MIN)
    }
}

impl Day {
    pub(crate) fn new(d: Option<NaiveDate>) -> Self {
        use chrono::Datelike;
        Day(d.map_or(i32::MIN, |d| d.num_days_from_ce()))
    }

    pub(crate) fn get(self) -> Option<NaiveDate> {
        if self.0 == i32::MIN {
            return None;
        }
        NaiveDate::from_num_days_from_ce_opt(self.0)
    }
}

serde_as_option!(Day, NaiveDate);

/// An optional byte range in 8 bytes (`u32::MAX..u32::MAX` is none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OptRange(Range32);

impl Default for OptRange {
    fn default() -> Self {
        OptRange(Range32(u32::MAX, u32::MAX))
    }
}

impl OptRange {
    pub(crate) fn new(r: Option<Range32>) -> Self {
        r.map_or_else(OptRange::default, OptRange)
    }

    pub(crate) fn get(self) -> Option<Range32> {
        (self != OptRange::default()).then_some(self.0)
    }
}

serde_as_option!(OptRange, Range32);

/// A stored document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DocEntry {
    pub(crate) id: Box<str>,
    pub(crate) outlet: Opt32,
    pub(crate) url: Option<Box<str>>,
    pub(crate) date: Day,
    pub(crate) title: OptRange,
    pub(crate) text: Box<str>,
}

/// A stored quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct QuoteEntry {
    pub(crate) doc: u32,
    pub(crate) span: Range32,
    pub(crate) kind: Option<QuoteKind>,
    pub(crate) section: Option<Role>,
    pub(crate) cue: OptRange,
    /// Interned speaker name.
    pub(crate) speaker: Opt32,
}

/// A stored claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ClaimEntry {
    pub(crate) doc: u32,
    /// Global index of its quote.
    pub(crate) quote: Opt32,
    pub(crate) span: Range32,
    pub(crate) speaker: Opt32,
    pub(crate) polarity: Polarity,
    /// Interned topic.
    pub(crate) topic: Opt32,
    pub(crate) date: Day,
    /// The claim stage's proposition group.
    #[serde(default)]
    pub(crate) group: Opt64,
}

/// A speaker as one document names them, with the roles it gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PersonEntry {
    pub(crate) doc: u32,
    pub(crate) name: u32,
    pub(crate) kind: Option<SpeakerKind>,
    /// Interned titles and organisations, a range of [`Store::roles`].
    pub(crate) roles: Range32,
}

/// Everything a corpus stores.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Store {
    pub(crate) strings: Strings,
    pub(crate) docs: Vec<DocEntry>,
    pub(crate) quotes: Vec<QuoteEntry>,
    pub(crate) claims: Vec<ClaimEntry>,
    pub(crate) people: Vec<PersonEntry>,
    /// The roles of all people, one after the other.
    #[serde(default)]
    pub(crate) roles: Vec<u32>,
}

impl Store {
    /// The text of a span of a document.
    pub(crate) fn text(&self, doc: u32, span: Range32) -> &str {
        self.docs
            .get(doc as usize)
            .map_or("", |d| span.span().of(&d.text))
    }

    /// The roles of a person.
    pub(crate) fn roles_of(&self, p: &PersonEntry) -> &[u32] {
        self.roles
            .get(p.roles.0 as usize..p.roles.1 as usize)
            .unwrap_or(&[])
    }

    /// The date of a claim: its own, or its document's.
    pub(crate) fn claim_date(&self, c: &ClaimEntry) -> Option<NaiveDate> {
        c.date
            .get()
            .or_else(|| self.docs.get(c.doc as usize).and_then(|d| d.date.get()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_intern_once_and_round_trip() {
        let mut s = Strings::default();
        let a = s.intern("Lavrov");
        assert_eq!(s.intern("Lavrov"), a);
        let b = s.intern("Zakharova");
        assert_ne!(a, b);
        assert_eq!(s.get(b), "Zakharova");
        assert_eq!(s.get(99), "");
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"["Lavrov","Zakharova"]"#);
        let back: Strings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        let mut back = back;
        assert_eq!(back.intern("Zakharova"), b);
        assert_eq!(back.intern(""), 2);
        assert_eq!(back.get(2), "");
        // A file listing a string twice keeps both numbers.
        let mut twice: Strings = serde_json::from_str(r#"["a","b","a"]"#).unwrap();
        assert_eq!(twice.get(2), "a");
        assert_eq!(twice.intern("a"), 0);
        assert_eq!(serde_json::to_string(&twice).unwrap(), r#"["a","b","a"]"#);
    }

    #[test]
    fn str_set_tells_strings_of_one_hash_apart() {
        for n in [3, 40] {
            let mut set = StrSet::default();
            for i in 0..n {
                assert_eq!(set.insert(&format!("s{i}")), i);
            }
            // Chosen collisions: every string with hash 7.
            let ids: Vec<u32> = (0..n)
                .map(|i| set.insert_hashed(&format!("c{i}"), 7))
                .collect();
            for (i, &id) in ids.iter().enumerate() {
                assert_eq!(set.insert_hashed(&format!("c{i}"), 7), id);
                assert_eq!(set.get(id), format!("c{i}"));
            }
            assert_eq!(set.len(), 2 * n as usize);
            assert_eq!(set.insert("s1"), 1);
        }
    }

    #[test]
    fn int_map_works() {
        let mut m: IntMap<(u32, u64), u32> = IntMap::default();
        for i in 0..1000u32 {
            m.insert((i, u64::from(i) * 7), i);
        }
        assert_eq!(m.len(), 1000);
        assert_eq!(m.get(&(10, 70)), Some(&10));
        assert_eq!(m.get(&(10, 71)), None);
    }

    #[test]
    fn compact_options_round_trip_as_options() {
        for v in [None, Some(0), Some(7), Some(u32::MAX - 1)] {
            let o = Opt32::new(v);
            assert_eq!(o.get(), v);
            let json = serde_json::to_string(&o).unwrap();
            assert_eq!(json, serde_json::to_string(&v).unwrap());
            assert_eq!(serde_json::from_str::<Opt32>(&json).unwrap(), o);
        }
        for v in [None, Some(0), Some(1 << 40 | 3), Some(u64::MAX - 1)] {
            let o = Opt64::new(v);
            assert_eq!(o.get(), v);
            let json = serde_json::to_string(&o).unwrap();
            assert_eq!(serde_json::from_str::<Opt64>(&json).unwrap(), o);
        }
        let days = [NaiveDate::MIN, NaiveDate::MAX, NaiveDate::default()];
        for v in [None].into_iter().chain(days.map(Some)) {
            let d = Day::new(v);
            assert_eq!(d.get(), v);
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, serde_json::to_string(&v).unwrap());
            assert_eq!(serde_json::from_str::<Day>(&json).unwrap(), d);
        }
        let r = OptRange::new(Some(Range32(2, 5)));
        assert_eq!(r.get(), Some(Range32(2, 5)));
        assert_eq!(OptRange::new(None).get(), None);
        assert_eq!(serde_json::to_string(&r).unwrap(), "[2,5]");
        assert_eq!(serde_json::to_string(&OptRange::default()).unwrap(), "null");
        assert!(std::mem::size_of::<ClaimEntry>() <= 40);
        assert!(std::mem::size_of::<QuoteEntry>() <= 28);
        assert!(std::mem::size_of::<DocEntry>() <= 64);
    }

    #[test]
    fn range32_converts() {
        let r = Range32::of(Span::new(3, 9));
        assert_eq!(r.span(), Span::new(3, 9));
    }
}
