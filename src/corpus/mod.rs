//! Stage 4: a corpus of many articles, queried by speaker, topic, date,
//! polarity and outlet.
//!
//! A [`Corpus`] takes [`Document`]s (text plus outlet, URL and date when the
//! caller knows them), runs [`parse`](crate::parse) → [`quotes`](crate::quotes)
//! → [`claims`](crate::claims) on each in parallel, and keeps the texts once
//! with compact records of what was found. On top of that it answers:
//!
//! - **who said what**: [`Corpus::claims`] and [`Corpus::quotes`] return
//!   query builders filtered by speaker, topic, date range, polarity and
//!   outlet in any combination;
//! - **who is who**: [`Corpus::identities`], speakers across documents with
//!   their spellings merged ("Sergey Lavrov", "Sergei Lavrov", "Lavrov", "the
//!   Russian foreign minister"), see [`identity`];
//! - **what was said, by whom reported**: [`Corpus::statements`], the same
//!   words of one speaker as several outlets report them, in their several
//!   translations;
//! - **who changed their mind**: [`Corpus::reversals`];
//! - **persistence**: [`Corpus::save`] and [`Corpus::load`] (JSON), and
//!   JSON Lines exports for DuckDB, pandas and Spark ([`export`]).
//!
//! Identities, statements, reversals and the indexes are derived data: they
//! are built on the first query after a change and cached until the next.
//!
//! ```
//! use whosaid::corpus::{ClaimSpec, Corpus, Document};
//! use whosaid::{Polarity, Span};
//!
//! let mut corpus = Corpus::new();
//! let a = "Lavrov: no strikes\n\nWe will not strike Iraq, Sergey Lavrov said.";
//! let b = "No strikes\n\nWe will not strike Iraq, Sergei Lavrov said.";
//! for (id, text, outlet) in [("a", a, "TASS"), ("b", b, "Herald")] {
//!     let start = text.find("We").unwrap();
//!     let end = text.find(", Serge").unwrap();
//!     let claim = ClaimSpec::new(Span::new(start, end), &text[end + 2..text.len() - 6], Polarity::Denied)
//!         .topic("strikes in Iraq");
//!     corpus.add_claims(Document::new(id, text).outlet(outlet), [claim]);
//! }
//! let hits = corpus.claims().speaker("Lavrov").topic("strikes in iraq").denied().collect();
//! assert_eq!(hits.len(), 2);
//! assert_eq!(hits[1].outlet, Some("Herald"));
//! assert_eq!(hits[0].text, "We will not strike Iraq");
//! assert_eq!(corpus.identities().len(), 1);
//! ```

pub(crate) mod content;
pub mod export;
pub mod identity;
mod index;
mod lexicon;
pub mod query;
pub mod statement;
mod store;

pub use identity::{Identity, IdentityId, IdentityKind};
pub use query::{ClaimHit, ClaimQuery, QuoteHit, QuoteQuery};
pub use statement::{Report, Reversal, Statement, StatementId};
pub use store::{ClaimSpec, Document};

use crate::article::Article;
use crate::claim::Claim;
use crate::quote::{Quotes, SpeakerKind};
use crate::{Error, Result, Role, Span};
use chrono::{Datelike, NaiveDate};
use index::Index;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use store::{
    ClaimEntry, Day, DocEntry, IntMap, Opt32, Opt64, OptRange, PersonEntry, QuoteEntry, Range32,
    Store, StrSet,
};

/// A collection of analysed articles, queried by speaker, topic, date,
/// polarity and outlet. See the [module documentation](self).
#[derive(Debug, Default)]
pub struct Corpus {
    store: Store,
    index: OnceLock<Index>,
}

impl Serialize for Corpus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.store.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Corpus {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(Corpus {
            store: Store::deserialize(d)?,
            index: OnceLock::new(),
        })
    }
}

impl Clone for Corpus {
    fn clone(&self) -> Self {
        Corpus {
            store: self.store.clone(),
            index: OnceLock::new(),
        }
    }
}

impl PartialEq for Corpus {
    fn eq(&self, other: &Self) -> bool {
        self.store == other.store
    }
}

/// A stored document, borrowed from the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocumentRef<'c> {
    /// Its id.
    pub id: &'c str,
    /// The outlet: the caller's, else the publisher the article names.
    pub outlet: Option<&'c str>,
    /// Its address.
    pub url: Option<&'c str>,
    /// The date: the caller's, else the publication date the article gives.
    pub date: Option<NaiveDate>,
    /// The text.
    pub text: &'c str,
}

/// How far an ingest has got, for progress displays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Documents analysed so far.
    pub done: usize,
    /// Documents in this ingest.
    pub total: usize,
    /// Bytes of text analysed so far.
    pub bytes: usize,
}

/// A document that could not be added, and why.
#[derive(Debug)]
#[non_exhaustive]
pub struct Rejected {
    /// The document's id.
    pub id: String,
    /// What went wrong.
    pub error: Error,
}

/// The records of a few documents (a piece of a chunk, or one document),
/// built on one thread and appended as one: strings numbered within the
/// batch (in `strings`), documents numbered from the batch's first, quotes
/// and roles from the batch's first; [`Corpus::append_batch`] renumbers
/// them. Its buffers are kept from chunk to chunk (cleared, not freed), so
/// that what a worker thread allocates for records is neither freed by the
/// appending thread nor allocated again.
#[derive(Default)]
struct Batch {
    strings: StrSet,
    /// The documents added, their outlets numbered in `strings`.
    docs: Vec<DocEntry>,
    /// The documents that could not be read, in order.
    rejected: Vec<Rejected>,
    quotes: Vec<QuoteEntry>,
    claims: Vec<ClaimEntry>,
    /// Their roles are a range of `roles`.
    people: Vec<PersonEntry>,
    roles: Vec<u32>,
}

/// A document's records as they are built, straight into a [`Batch`].
/// Strings are numbered in the batch in the order the corpus once interned
/// them one record at a time (quotes' speakers, then claims' speakers and
/// topics, then people's names and roles, then the outlet), so that the
/// corpus numbers new strings in the same order and saved corpora stay the
/// same.
struct Records<'b> {
    text_len: usize,
    batch: &'b mut Batch,
    /// Where the document's quotes start in the batch.
    quotes: usize,
    outlet: Opt32,
    title: OptRange,
    /// The people while they are found, reused from document to document.
    people: People,
}

/// The people of a document while its records are built: buffers each
/// thread keeps from one document to the next.
#[derive(Default)]
struct People {
    list: Vec<Person>,
    /// Role strings, numbered apart: they are interned after all claims.
    role_names: StrSet,
    /// The roles of all people: (role, next of the same person or `u32::MAX`).
    links: Vec<(u32, u32)>,
    /// (person << 32 | role) pairs given to people with at least
    /// [`FEW_ROLES`] roles.
    given: HashSet<u64, crate::lexicon::quote::FxBuild>,
    /// The person each string of the batch names (`u32::MAX`: none yet).
    person_of: Vec<u32>,
}

/// A person found in a document: name (local number), kind, and roles as
/// a list in [`People::links`].
struct Person {
    name: u32,
    kind: Option<SpeakerKind>,
    first: u32,
    last: u32,
    roles: usize,
}

impl People {
    fn clear(&mut self) {
        self.list.clear();
        self.role_names.clear();
        self.links.clear();
        if !self.given.is_empty() {
            self.given.clear();
        }
        self.person_of.clear();
    }

    /// The roles of person `p`, in order.
    fn roles_of(&self, p: &Person) -> impl Iterator<Item = u32> + '_ {
        let mut at = p.first;
        std::iter::from_fn(move || {
            let &(role, next) = self.links.get(at as usize)?;
            at = next;
            Some(role)
        })
    }
}

thread_local! {
    static PEOPLE: std::cell::Cell<People> = std::cell::Cell::new(People::default());
}

/// A person with fewer roles than this has them scanned, not looked up.
const FEW_ROLES: usize = 16;

/// Up to this many quotes of annotated claims are scanned, not looked up.
const FEW_QUOTES: usize = 16;

impl<'b> Records<'b> {
    /// The records of a document of `text_len` bytes, to be added to `batch`.
    fn new(text_len: usize, batch: &'b mut Batch) -> Self {
        let mut people = PEOPLE.take();
        people.clear();
        Records {
            text_len,
            quotes: batch.quotes.len(),
            batch,
            outlet: Opt32::default(),
            title: OptRange::default(),
            people,
        }
    }

    fn fits(&self, span: Span) -> bool {
        span.start <= span.end && span.end <= self.text_len
    }

    /// The span as stored: empty if it does not fit the text.
    fn range(&self, span: Span) -> Range32 {
        Range32::of(if self.fits(span) {
            span
        } else {
            Span::default()
        })
    }

    fn opt_range(&self, span: Option<Span>) -> OptRange {
        OptRange::new(span.filter(|s| self.fits(*s)).map(Range32::of))
    }

    /// The document's number in the batch.
    fn doc(&self) -> u32 {
        self.batch.docs.len() as u32
    }

    /// The number of string `s` in the batch, added if new.
    fn string(&mut self, s: &str) -> u32 {
        self.batch.strings.insert(s)
    }

    /// Add a quote.
    fn push_quote(&mut self, q: QuoteEntry) {
        self.batch.quotes.push(q);
    }

    /// Add a claim (its quote numbered within the document).
    fn push_claim(&mut self, mut c: ClaimEntry) {
        c.quote = Opt32::new(c.quote.get().map(|q| q + self.quotes as u32));
        self.batch.claims.push(c);
    }

    /// Number of the document's quotes so far.
    fn quote_count(&self) -> usize {
        self.batch.quotes.len() - self.quotes
    }

    /// The person named by string `name`, added (with `kind`) on
    /// first use.
    fn person(&mut self, name: u32, kind: Option<SpeakerKind>) -> usize {
        let n = name as usize;
        let p = &mut self.people;
        if p.person_of.len() <= n {
            p.person_of.resize(n + 1, u32::MAX);
        }
        match p.person_of[n] {
            u32::MAX => {
                p.person_of[n] = p.list.len() as u32;
                self.new_person(name, kind)
            }
            i => i as usize,
        }
    }

    fn is_person(&self, name: u32) -> bool {
        self.people
            .person_of
            .get(name as usize)
            .is_some_and(|&i| i != u32::MAX)
    }

    /// A person entry of its own (not found by [`person`](Self::person)).
    fn new_person(&mut self, name: u32, kind: Option<SpeakerKind>) -> usize {
        let list = &mut self.people.list;
        list.push(Person {
            name,
            kind,
            first: u32::MAX,
            last: u32::MAX,
            roles: 0,
        });
        list.len() - 1
    }

    /// Give person `i` role `r`; `once`: unless it already has it.
    fn role(&mut self, i: usize, r: &str, once: bool) {
        let p = &mut self.people;
        let id = p.role_names.insert(r);
        let Some(person) = p.list.get(i) else {
            return;
        };
        if once {
            // A few roles are scanned; many are looked up.
            let fresh = if person.roles < FEW_ROLES {
                !p.roles_of(person).any(|r| r == id)
            } else {
                let key = |r: u32| ((i as u64) << 32) | u64::from(r);
                if person.roles == FEW_ROLES {
                    let known: Vec<u64> = p.roles_of(person).map(key).collect();
                    p.given.extend(known);
                }
                p.given.insert(key(id))
            };
            if !fresh {
                return;
            }
        }
        let at = p.links.len() as u32;
        p.links.push((id, u32::MAX));
        let person = &mut p.list[i];
        match person.last {
            u32::MAX => person.first = at,
            last => p.links[last as usize].1 = at,
        }
        person.last = at;
        person.roles += 1;
    }

    /// Number the people's roles and the outlet, last.
    fn finish(&mut self, outlet: Option<&str>) {
        let doc = self.doc();
        let (p, batch) = (&self.people, &mut *self.batch);
        batch.roles.reserve(p.links.len());
        batch.people.reserve(p.list.len());
        for person in &p.list {
            let from = batch.roles.len() as u32;
            for r in p.roles_of(person) {
                let (role, hash) = p.role_names.get_hashed(r);
                batch.roles.push(batch.strings.insert_hashed(role, hash));
            }
            batch.people.push(PersonEntry {
                doc,
                name: person.name,
                kind: person.kind,
                roles: Range32(from, batch.roles.len() as u32),
            });
        }
        self.outlet = Opt32::new(outlet.map(|o| batch.strings.insert(o)));
    }

    /// Add the document to the batch, the rest taken from `doc`.
    fn add(mut self, doc: Document) {
        self.batch.docs.push(DocEntry {
            id: doc.id.into_boxed_str(),
            outlet: self.outlet,
            url: doc.url.map(String::into_boxed_str),
            date: Day::new(doc.date),
            title: self.title,
            text: doc.text.into_boxed_str(),
        });
        PEOPLE.set(std::mem::take(&mut self.people));
    }
}

/// Documents analysed at once between two appends (bounds memory).
const CHUNK: usize = 4096;

/// The most documents a thread analyses as one piece of a chunk: rayon
/// otherwise cuts a chunk into quarters it runs whole, so that one thread
/// can still be on a quarter when the other has nothing left to take, and
/// sits idle until the chunk ends.
const PIECE: usize = 8;

/// The size of the next chunk when `left` documents remain: [`CHUNK`], but
/// never more than fifteen sixteenths of what remains, so that the last
/// chunks shrink: the append nothing runs beside, that of the last chunk,
/// is of a few documents, and each append before it (~1/50 of the time
/// of analysing as many) still runs beside the analysis of about a
/// sixteenth as many.
fn chunk_len(left: usize) -> usize {
    if left > 32 {
        (left - left / 16).min(CHUNK)
    } else {
        left
    }
}

/// Analyse `doc` and add it with its records to `batch` (or to the
/// batch's rejected, if it cannot be read). The stages' values are freed
/// here, on the thread that made them.
fn analyse(mut doc: Document, batch: &mut Batch) {
    let article = match crate::parse(&doc.text) {
        Ok(a) => a,
        Err(error) => {
            batch.rejected.push(Rejected { id: doc.id, error });
            return;
        }
    };
    let quotes = crate::quotes(&article);
    let claims = crate::claims(&article, &quotes);
    let (records, published) = records_of(
        article,
        quotes,
        claims,
        doc.outlet.as_deref(),
        doc.date,
        batch,
    );
    doc.date = doc.date.or(published);
    records.add(doc);
}

/// The records of an analysed article (and its publication date), the
/// outlet `outlet` or else the publisher the article names, to be added to
/// `batch`.
#[inline(never)]
fn records_of<'b>(
    article: Article<'_>,
    quotes: Quotes,
    claims: Vec<Claim>,
    outlet: Option<&str>,
    date: Option<NaiveDate>,
    batch: &'b mut Batch,
) -> (Records<'b>, Option<NaiveDate>) {
    let text = article.text();
    let mut records = Records::new(text.len(), batch);
    records.title = records.opt_range(article.with_role(Role::Title).next().map(|e| e.span));
    let published = article.published();
    local_records(&mut records, text, quotes, claims, date.or(published));
    records.finish(outlet.or(article.publisher()));
    (records, published)
}

/// The date a claim was made: the claim's own when the text prints its
/// year; a month and day without one take the year of `doc_date` (the year
/// before, if that would put the statement after the document), which wins
/// over a year the claim stage inferred (weekday, world knowledge).
fn claim_date(c: &Claim, doc_date: Option<NaiveDate>) -> Option<NaiveDate> {
    let d = c.date.resolved()?;
    if let Some(full) = d
        .to_naive()
        .filter(|_| d.year_basis.is_none() || doc_date.is_none())
    {
        return Some(full);
    }
    let (doc, day) = (doc_date?, d.day?);
    let this_year = NaiveDate::from_ymd_opt(doc.year(), d.month, day)?;
    if this_year <= doc + chrono::Days::new(1) {
        Some(this_year)
    } else {
        NaiveDate::from_ymd_opt(doc.year() - 1, d.month, day)
    }
}

/// Role words printed right before a speaker mention on its line ("MP" in
/// "MP Danko said", "presidential spokesman" before a name): evidence the
/// quote stage may not register.
fn role_before(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?;
    let mut words = [""; 4];
    let mut n = 0;
    // An ASCII word is lowercased on the stack (most are).
    let mut buf = [0u8; 32];
    for w in line_words_back(before).take(4) {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let owned;
        let lower = match buf.get_mut(..bare.len()) {
            Some(b) if bare.is_ascii() => {
                b.copy_from_slice(bare.as_bytes());
                b.make_ascii_lowercase();
                std::str::from_utf8(b).unwrap_or("")
            }
            _ => {
                owned = bare.to_lowercase();
                owned.as_str()
            }
        };
        if lexicon::role_word(lower).is_none() || w.ends_with([',', '.', ':', ';']) {
            break;
        }
        words[n] = w;
        n += 1;
    }
    let words = &mut words[..n];
    words.reverse();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The words (as `split_whitespace` cuts them) of the last line of
/// `before`, last first: only as much of the line is read as the words
/// taken.
fn line_words_back(before: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = before;
    std::iter::from_fn(move || {
        let end = rest.trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
        if end.is_empty() || end.ends_with('\n') {
            return None;
        }
        let start = end
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        rest = &end[..start];
        Some(&end[start..])
    })
}

/// Whether `s` is empty or only white space.
fn blank(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => false,
        _ => s.trim().is_empty(),
    }
}

/// The document's records of its quotes and claims.
fn local_records(
    r: &mut Records<'_>,
    text: &str,
    quotes: Quotes,
    claims: Vec<Claim>,
    doc_date: Option<NaiveDate>,
) {
    let Quotes {
        quotes,
        people: registry,
    } = quotes;
    r.batch.quotes.reserve(quotes.len());
    let doc = r.doc();
    for q in &quotes {
        let mut speaker = None;
        if let Some(s) = &q.speaker {
            if !blank(&s.name) {
                let name = r.string(&s.name);
                speaker = Some(name);
                let i = r.person(name, Some(s.kind));
                if let Some(e) = s.entity.and_then(|e| registry.get(e)) {
                    for t in e.titles.iter().chain(&e.organisations) {
                        r.role(i, t, true);
                    }
                }
                // The mention may carry the title ("MP Danko"), or
                // follow it on the line.
                let mention = s.mention.of(text);
                let inside = mention
                    .strip_suffix(s.name.as_str())
                    .map(|p| p.trim().trim_end_matches(','))
                    .filter(|p| !p.is_empty());
                if let Some(p) = inside {
                    r.role(i, p, true);
                } else if let Some(p) = role_before(text, s.mention.start) {
                    r.role(i, &p, true);
                }
            }
        }
        let quote = QuoteEntry {
            doc,
            span: r.range(q.span),
            kind: Some(q.kind),
            section: Some(q.section),
            cue: r.opt_range(q.cue.as_ref().map(|c| c.span)),
            speaker: Opt32::new(speaker),
        };
        r.push_quote(quote);
    }
    let nquotes = r.quote_count();
    r.batch.claims.reserve(claims.len());
    for c in &claims {
        let date = claim_date(c, doc_date);
        let speaker = c.speaker.as_deref().filter(|n| !blank(n)).map(|n| {
            let name = r.string(n);
            if !r.is_person(name) {
                r.new_person(name, None);
            }
            name
        });
        let topic = Some(c.topic.as_str())
            .filter(|t| !blank(t))
            .map(|t| r.string(t));
        let claim = ClaimEntry {
            doc,
            quote: Opt32::new(Some(c.quote).filter(|&q| q < nquotes).map(|q| q as u32)),
            span: r.range(c.span),
            speaker: Opt32::new(speaker),
            polarity: c.polarity,
            topic: Opt32::new(topic),
            date: Day::new(date),
            group: Opt64::new(Some(c.group)),
        };
        r.push_claim(claim);
    }
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Self {
        Corpus::default()
    }

    /// Analyse and add one document. Returns its index in the corpus.
    ///
    /// # Errors
    /// The errors of [`parse`](crate::parse) (input too large).
    pub fn add(&mut self, doc: Document) -> Result<usize> {
        let mut batch = Batch::default();
        analyse(doc, &mut batch);
        if let Some(r) = batch.rejected.pop() {
            return Err(r.error);
        }
        Ok(self.append_batch(&mut batch, &mut Vec::new(), &mut Vec::new()))
    }

    /// Analyse documents in parallel (rayon) and add them in their order.
    /// Documents that cannot be read are left out and returned.
    pub fn extend(&mut self, docs: impl IntoIterator<Item = Document>) -> Vec<Rejected> {
        self.ingest(docs.into_iter().collect(), None)
    }

    /// As [`extend`](Self::extend), calling `progress` (from worker threads)
    /// as documents are analysed.
    ///
    /// ```
    /// use whosaid::corpus::{Corpus, Document};
    /// let mut corpus = Corpus::new();
    /// let docs = (0..10).map(|i| Document::new(format!("d{i}"), "Title\n\nText."));
    /// let rejected = corpus.extend_with_progress(docs, |p| assert!(p.done <= p.total));
    /// assert!(rejected.is_empty());
    /// assert_eq!(corpus.len(), 10);
    /// ```
    pub fn extend_with_progress<F>(
        &mut self,
        docs: impl IntoIterator<Item = Document>,
        progress: F,
    ) -> Vec<Rejected>
    where
        F: Fn(Progress) + Sync,
    {
        self.ingest(docs.into_iter().collect(), Some(&progress))
    }

    /// Analyse `docs` in parallel and add them in their order, telling
    /// `progress`, if any, of each document analysed (without one, the
    /// counts shared by the threads are not kept).
    fn ingest(
        &mut self,
        mut docs: Vec<Document>,
        progress: Option<&(dyn Fn(Progress) + Sync)>,
    ) -> Vec<Rejected> {
        let total = docs.len();
        let done = AtomicUsize::new(0);
        let bytes = AtomicUsize::new(0);
        let mut rejected = Vec::new();
        // Chunk k is appended (on one thread, in order) while chunk k + 1 is
        // analysed: the thread that finishes appending joins the analysis.
        // Documents are taken from `docs` where they lie; each piece of a
        // chunk is analysed into a batch of its own, and the two sets of
        // batches are reused from chunk to chunk.
        let mut analysed: Vec<Batch> = Vec::new();
        let mut previous: Vec<Batch> = Vec::new();
        // The batches of `previous` filled by the last chunk.
        let mut filled = 0;
        let mut ids = Vec::new();
        let mut start = 0;
        loop {
            std::mem::swap(&mut analysed, &mut previous);
            let ready = std::mem::take(&mut filled);
            let len = chunk_len(total - start);
            if len == 0 {
                self.append_batches(&mut previous[..ready], &mut ids, &mut rejected);
                break;
            }
            filled = len.div_ceil(PIECE);
            if analysed.len() < filled {
                analysed.resize_with(filled, Batch::default);
            }
            let chunk = &mut docs[start..start + len];
            start += len;
            let batches = &mut analysed[..filled];
            let analyse_chunk = || {
                chunk
                    .par_chunks_mut(PIECE)
                    .zip(batches.par_iter_mut())
                    .with_max_len(1)
                    .for_each(|(piece, batch)| {
                        for doc in piece {
                            let doc =
                                std::mem::replace(doc, Document::new(String::new(), String::new()));
                            let len = doc.text.len();
                            analyse(doc, batch);
                            if let Some(progress) = progress {
                                let b = bytes.fetch_add(len, Ordering::Relaxed) + len;
                                let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                                progress(Progress {
                                    done: d,
                                    total,
                                    bytes: b,
                                });
                            }
                        }
                    });
            };
            let previous = &mut previous[..ready];
            rayon::join(analyse_chunk, || {
                self.append_batches(previous, &mut ids, &mut rejected)
            });
        }
        rejected
    }

    /// Append batches in their order (see [`append_batch`](Self::append_batch)).
    fn append_batches(
        &mut self,
        batches: &mut [Batch],
        ids: &mut Vec<u32>,
        rejected: &mut Vec<Rejected>,
    ) {
        for b in batches {
            self.append_batch(b, ids, rejected);
        }
    }

    /// Add a document with claims known from elsewhere (an annotation file,
    /// another tool) instead of analysing it. Each claim also becomes a
    /// quote of its span. Returns the document's index.
    pub fn add_claims(
        &mut self,
        doc: Document,
        claims: impl IntoIterator<Item = ClaimSpec>,
    ) -> usize {
        let claims: Vec<ClaimSpec> = claims.into_iter().collect();
        let mut batch = Batch::default();
        let mut r = Records::new(doc.text.len(), &mut batch);
        r.batch.quotes.reserve_exact(claims.len());
        r.batch.claims.reserve_exact(claims.len());
        let d = r.doc();
        // Each claim is also a quote of its span, one per span and speaker:
        // the quotes' keys, scanned while they are few, then looked up.
        let mut keys: Vec<(usize, usize, u32)> = Vec::with_capacity(claims.len());
        let mut quote_of: IntMap<(usize, usize, u32), u32> = IntMap::default();
        // Each claim's quote and speaker.
        let mut of_claim = Vec::with_capacity(claims.len());
        for c in &claims {
            let speaker = Some(c.speaker.as_str())
                .filter(|n| !blank(n))
                .map(|n| r.string(n));
            if let Some(name) = speaker {
                let i = r.person(name, None);
                for role in &c.roles {
                    r.role(i, role, false);
                }
            }
            let key = (c.span.start, c.span.end, speaker.unwrap_or(u32::MAX));
            let found = if keys.len() <= FEW_QUOTES {
                keys.iter().position(|k| *k == key).map(|q| q as u32)
            } else {
                quote_of.get(&key).copied()
            };
            let quote = found.unwrap_or_else(|| {
                let quote = QuoteEntry {
                    doc: d,
                    span: r.range(c.span),
                    kind: None,
                    section: None,
                    cue: OptRange::default(),
                    speaker: Opt32::new(speaker),
                };
                r.push_quote(quote);
                keys.push(key);
                if keys.len() == FEW_QUOTES + 1 {
                    quote_of.extend(keys.iter().enumerate().map(|(q, &k)| (k, q as u32)));
                } else if keys.len() > FEW_QUOTES {
                    quote_of.insert(key, keys.len() as u32 - 1);
                }
                keys.len() as u32 - 1
            });
            of_claim.push((quote, speaker));
        }
        for (c, (quote, speaker)) in claims.into_iter().zip(of_claim) {
            let topic = c
                .topic
                .as_deref()
                .filter(|t| !blank(t))
                .map(|t| r.string(t));
            let claim = ClaimEntry {
                doc: d,
                quote: Opt32::new(Some(quote)),
                span: r.range(c.span),
                speaker: Opt32::new(speaker),
                polarity: c.polarity,
                topic: Opt32::new(topic),
                date: Day::new(c.date),
                group: Opt64::new(None),
            };
            r.push_claim(claim);
        }
        r.finish(doc.outlet.as_deref());
        r.add(doc);
        self.append_batch(&mut batch, &mut Vec::new(), &mut Vec::new())
    }

    /// Append a batch: its documents in their order with their records,
    /// strings interned and numbers made the corpus's; its rejected
    /// documents go to `rejected`, and `ids` is a buffer. The batch is left
    /// empty, its buffers kept. Returns the number of its first document.
    fn append_batch(
        &mut self,
        b: &mut Batch,
        ids: &mut Vec<u32>,
        rejected: &mut Vec<Rejected>,
    ) -> usize {
        rejected.append(&mut b.rejected);
        let s = &mut self.store;
        let d = s.docs.len() as u32;
        if b.docs.is_empty() {
            return d as usize;
        }
        self.index = OnceLock::new();
        s.strings.intern_all(&b.strings, ids);
        b.strings.clear();
        let ids = &*ids;
        let global =
            |local: Opt32| Opt32::new(local.get().and_then(|i| ids.get(i as usize).copied()));
        let quote_base = s.quotes.len() as u32;
        s.quotes.extend(b.quotes.drain(..).map(|mut q| {
            q.doc = q.doc.wrapping_add(d);
            q.speaker = global(q.speaker);
            q
        }));
        s.claims.extend(b.claims.drain(..).map(|mut c| {
            c.doc = c.doc.wrapping_add(d);
            c.quote = Opt32::new(c.quote.get().map(|q| quote_base.wrapping_add(q)));
            c.speaker = global(c.speaker);
            c.topic = global(c.topic);
            c
        }));
        let role_base = s.roles.len() as u32;
        s.roles.extend(
            b.roles
                .drain(..)
                .map(|r| ids.get(r as usize).copied().unwrap_or(u32::MAX)),
        );
        s.people.extend(b.people.drain(..).map(|mut p| {
            p.doc = p.doc.wrapping_add(d);
            p.name = ids.get(p.name as usize).copied().unwrap_or(u32::MAX);
            p.roles = Range32(
                p.roles.0.wrapping_add(role_base),
                p.roles.1.wrapping_add(role_base),
            );
            p
        }));
        s.docs.extend(b.docs.drain(..).map(|mut e| {
            e.outlet = global(e.outlet);
            e
        }));
        d as usize
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.store.docs.len()
    }

    /// Whether the corpus has no documents.
    pub fn is_empty(&self) -> bool {
        self.store.docs.is_empty()
    }

    /// Total bytes of text stored.
    pub fn text_bytes(&self) -> usize {
        self.store.docs.iter().map(|d| d.text.len()).sum()
    }

    /// Number of quotes stored.
    pub fn quote_count(&self) -> usize {
        self.store.quotes.len()
    }

    /// Number of claims stored.
    pub fn claim_count(&self) -> usize {
        self.store.claims.len()
    }

    /// Document `doc` (its index in the corpus), if any.
    pub fn document(&self, doc: usize) -> Option<DocumentRef<'_>> {
        let d = self.store.docs.get(doc)?;
        Some(DocumentRef {
            id: &d.id,
            outlet: d.outlet.get().map(|o| self.store.strings.get(o)),
            url: d.url.as_deref(),
            date: d.date.get(),
            text: &d.text,
        })
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(&self.store))
    }

    /// Build the derived data now (identities, statements, reversals,
    /// indexes) rather than on the first query.
    pub fn build_index(&self) {
        let _ = self.index();
    }

    /// Claims, filtered by the builder's methods.
    pub fn claims(&self) -> ClaimQuery<'_> {
        ClaimQuery::new(self, self.index())
    }

    /// Quotes, filtered by the builder's methods.
    pub fn quotes(&self) -> QuoteQuery<'_> {
        QuoteQuery::new(self, self.index())
    }

    /// Every speaker identity, in order of first mention.
    pub fn identities(&self) -> &[Identity] {
        self.index().identities()
    }

    /// The identities a name may refer to (see [`identity::Identities::lookup`]).
    pub fn identities_named(&self, name: &str) -> Vec<&Identity> {
        let ix = self.index();
        ix.identity_set
            .lookup(name)
            .into_iter()
            .filter_map(|id| ix.identity_set.get(id))
            .collect()
    }

    /// The statements: one speaker's words as one or more outlets report them.
    pub fn statements(&self) -> &[Statement] {
        &self.index().statements
    }

    /// Speakers whose claims on one proposition or topic changed polarity
    /// over time.
    pub fn reversals(&self) -> &[Reversal] {
        &self.index().reversals
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Write the corpus as JSON (texts, records and interned strings; derived
    /// data is rebuilt on load).
    ///
    /// # Errors
    /// Writing failed.
    pub fn save(&self, w: impl Write) -> Result<()> {
        let mut w = std::io::BufWriter::new(w);
        serde_json::to_writer(&mut w, self).map_err(|source| Error::Json { line: 1, source })?;
        w.flush()?;
        Ok(())
    }

    /// Read a corpus written by [`save`](Self::save).
    ///
    /// ```
    /// use whosaid::corpus::{Corpus, Document};
    /// let mut corpus = Corpus::new();
    /// corpus.add(Document::new("d", "Title\n\nText.").outlet("TASS"))?;
    /// let mut buf = Vec::new();
    /// corpus.save(&mut buf)?;
    /// let back = Corpus::load(buf.as_slice())?;
    /// assert_eq!(back, corpus);
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    ///
    /// # Errors
    /// Reading failed or the JSON is not a saved corpus.
    pub fn load(r: impl Read) -> Result<Corpus> {
        let r = std::io::BufReader::new(r);
        serde_json::from_reader(r).map_err(|source| Error::Json { line: 1, source })
    }

    /// Save to a file.
    ///
    /// # Errors
    /// As [`save`](Self::save), or the file cannot be created.
    pub fn save_file(&self, path: &Path) -> Result<()> {
        self.save(std::fs::File::create(path)?)
    }

    /// Load from a file.
    ///
    /// # Errors
    /// As [`load`](Self::load), or the file cannot be opened.
    pub fn load_file(path: &Path) -> Result<Corpus> {
        Corpus::load(std::fs::File::open(path)?)
    }
}

/// What a folder's `meta.jsonl` says of one of its documents.
#[derive(Deserialize)]
struct Meta {
    id: String,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<NaiveDate>,
}

/// Read documents from a folder of `.txt` files (id = file name without
/// `.txt`; an optional `meta.jsonl` in the folder gives `outlet`, `url` and
/// `date` by `id`), from one `.txt` file, or from a JSON Lines file whose
/// records have `id` and `text` and may have `outlet`, `url` and `date`
/// (`YYYY-MM-DD`).
///
/// # Errors
/// A file cannot be read or a line is not such a record.
pub fn read_documents(path: &Path) -> Result<Vec<Document>> {
    if !path.is_dir() && !crate::interchange::is_txt(path) {
        return crate::interchange::read_json_lines(path);
    }
    let mut meta: HashMap<String, Meta> = HashMap::new();
    let meta_path = path.join("meta.jsonl");
    if path.is_dir() && meta_path.is_file() {
        for m in crate::interchange::read_json_lines::<Meta>(&meta_path)? {
            meta.insert(m.id.clone(), m);
        }
    }
    Ok(crate::interchange::read_documents(path)?
        .into_iter()
        .map(|d| {
            let mut doc = Document::new(d.id, d.text);
            if let Some(m) = meta.remove(&doc.id) {
                doc.outlet = m.outlet;
                doc.url = m.url;
                doc.date = m.date;
            }
            doc
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_claims_makes_one_quote_per_span_and_speaker() {
        let text = "x".repeat(100);
        for n in [3, 40] {
            let claim = |i: usize, who: &str| {
                ClaimSpec::new(Span::new(i, i + 1), who, crate::Polarity::Asserted)
            };
            let claims = (0..n)
                .flat_map(|i| [claim(i, "A"), claim(i, "B"), claim(i, "A"), claim(i, " ")])
                .chain((0..n).map(|i| claim(i, "")));
            let mut corpus = Corpus::new();
            corpus.add_claims(Document::new("d", text.as_str()), claims);
            assert_eq!(corpus.quote_count(), 3 * n);
            assert_eq!(corpus.claim_count(), 5 * n);
            let s = corpus.store();
            for (k, c) in s.claims.iter().enumerate() {
                let q = &s.quotes[c.quote.get().unwrap() as usize];
                assert_eq!((q.span, q.speaker), (c.span, c.speaker), "claim {k}");
            }
        }
    }

    #[test]
    fn chunks_cover_the_documents_and_end_small() {
        for total in [
            0,
            1,
            31,
            33,
            100,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            3 * CHUNK + 777,
        ] {
            let (mut left, mut lens) = (total, Vec::new());
            while left > 0 {
                let len = chunk_len(left);
                assert!((1..=CHUNK).contains(&len), "{total}: {len}");
                lens.push(len);
                left -= len;
            }
            assert!(lens.last().is_none_or(|&l| l <= 32), "{total}: {lens:?}");
            // Each append runs beside the analysis of about 1/16 as many.
            for w in lens.windows(2) {
                assert!(w[1] * 20 >= w[0], "{total}: {lens:?}");
            }
        }
    }

    #[test]
    fn extend_over_several_chunks_adds_as_one_by_one() {
        // Outlets many enough that a piece's strings are looked up in a
        // table, not scanned.
        let docs: Vec<Document> = (0..CHUNK + 40)
            .map(|i| {
                let text = format!("Title {i}\n\n\"We stay {i},\" Anna Berg{} said.\n", i % 7);
                let outlet = if i % 2 == 0 {
                    ["A", "B", "C"][i % 3].to_string()
                } else {
                    format!("Outlet {}", i % 301)
                };
                Document::new(format!("d{i}"), text).outlet(outlet)
            })
            .collect();
        let mut one_by_one = Corpus::new();
        for d in docs.iter().cloned() {
            one_by_one.add(d).unwrap();
        }
        let mut extended = Corpus::new();
        assert!(extended.extend(docs).is_empty());
        assert_eq!(extended.len(), CHUNK + 40);
        assert!(extended == one_by_one);
    }

    #[test]
    fn line_words_back_reads_the_last_line_as_split_whitespace_does() {
        let cases = [
            "",
            "\n",
            "a",
            "first line\nMP  Ivan\u{a0}Danko,\t",
            "x\r\ny z \u{2009}w ",
            "\n\n  ",
            "one\ntwo three\n",
            "Präsident\u{3000}Müller  ",
            "a b c d e f",
        ];
        for text in cases {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let before = &text[..at];
                let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
                let want: Vec<&str> = line.split_whitespace().rev().collect();
                let got: Vec<&str> = line_words_back(before).collect();
                assert_eq!(got, want, "{before:?}");
            }
        }
    }
}
