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

use crate::claim::Claim;
use crate::quote::{QuoteKind, Quotes, SpeakerKind};
use crate::{Error, Polarity, Result, Role, Span};
use chrono::{Datelike, NaiveDate};
use index::Index;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use store::{
    ClaimEntry, Day, DocEntry, IntMap, Opt32, Opt64, OptRange, PersonEntry, QuoteEntry, Range32,
    Store,
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

/// What one document yields before it is added (built in parallel).
struct Analysed {
    doc: Document,
    title: Option<Span>,
    quotes: Vec<LocalQuote>,
    claims: Vec<LocalClaim>,
    people: Vec<(String, Option<SpeakerKind>, Vec<String>)>,
}

struct LocalQuote {
    span: Span,
    kind: Option<QuoteKind>,
    section: Option<Role>,
    cue: Option<Span>,
    speaker: Option<String>,
}

struct LocalClaim {
    quote: Option<usize>,
    span: Span,
    speaker: Option<String>,
    polarity: Polarity,
    topic: Option<String>,
    date: Option<NaiveDate>,
    group: Option<u64>,
}

/// Documents analysed at once between two appends (bounds memory).
const CHUNK: usize = 4096;

fn analyse(mut doc: Document) -> std::result::Result<Analysed, Rejected> {
    let article = match crate::parse(&doc.text) {
        Ok(a) => a,
        Err(error) => return Err(Rejected { id: doc.id, error }),
    };
    let quotes = crate::quotes(&article);
    let claims = crate::claims(&article, &quotes);
    let title = article.with_role(Role::Title).next().map(|e| e.span);
    let outlet = article.publisher().map(str::to_string);
    let published = article.published();
    let (quotes, claims, people) =
        local_records(article.text(), quotes, claims, doc.date.or(published));
    drop(article);
    if doc.outlet.is_none() {
        doc.outlet = outlet;
    }
    if doc.date.is_none() {
        doc.date = published;
    }
    Ok(Analysed {
        doc,
        title,
        quotes,
        claims,
        people,
    })
}

type LocalPeople = Vec<(String, Option<SpeakerKind>, Vec<String>)>;

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
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let mut words: Vec<&str> = Vec::new();
    // An ASCII word is lowercased on the stack (most are).
    let mut buf = [0u8; 32];
    for w in line.split_whitespace().rev().take(4) {
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
        words.push(w);
    }
    words.reverse();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The document's records, its quotes and claims moved into them (their
/// strings are not copied).
fn local_records(
    text: &str,
    quotes: Quotes,
    claims: Vec<Claim>,
    doc_date: Option<NaiveDate>,
) -> (Vec<LocalQuote>, Vec<LocalClaim>, LocalPeople) {
    let mut people: LocalPeople = Vec::new();
    // Each speaker's index in `people`.
    let mut seen: IntMap<String, usize> = IntMap::default();
    let Quotes {
        quotes,
        people: registry,
    } = quotes;
    let local_quotes = quotes
        .into_iter()
        .map(|q| {
            if let Some(s) = &q.speaker {
                if !s.name.trim().is_empty() {
                    let i = match seen.get(s.name.as_str()) {
                        Some(&i) => i,
                        None => {
                            people.push((s.name.clone(), Some(s.kind), Vec::new()));
                            seen.insert(s.name.clone(), people.len() - 1);
                            people.len() - 1
                        }
                    };
                    if let Some(e) = s.entity.and_then(|e| registry.get(e)) {
                        for r in e.titles.iter().chain(&e.organisations) {
                            if !people[i].2.contains(r) {
                                people[i].2.push(r.clone());
                            }
                        }
                    }
                    // The mention may carry the title ("MP Danko"), or
                    // follow it on the line.
                    let mention = s.mention.of(text);
                    let inside = mention
                        .strip_suffix(s.name.as_str())
                        .map(|p| p.trim().trim_end_matches(',').to_string())
                        .filter(|p| !p.is_empty());
                    if let Some(r) = inside.or_else(|| role_before(text, s.mention.start)) {
                        if !people[i].2.contains(&r) {
                            people[i].2.push(r);
                        }
                    }
                }
            }
            LocalQuote {
                span: q.span,
                kind: Some(q.kind),
                section: Some(q.section),
                cue: q.cue.as_ref().map(|c| c.span),
                speaker: q.speaker.map(|s| s.name).filter(|n| !n.trim().is_empty()),
            }
        })
        .collect();
    let local_claims = claims
        .into_iter()
        .map(|c| {
            let date = claim_date(&c, doc_date);
            let speaker = c.speaker.filter(|n| !n.trim().is_empty());
            if let Some(n) = &speaker {
                if !seen.contains_key(n.as_str()) {
                    people.push((n.clone(), None, Vec::new()));
                }
            }
            LocalClaim {
                quote: Some(c.quote),
                span: c.span,
                speaker,
                polarity: c.polarity,
                topic: Some(c.topic).filter(|t| !t.trim().is_empty()),
                date,
                group: Some(c.group),
            }
        })
        .collect();
    (local_quotes, local_claims, people)
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
        let analysed = analyse(doc).map_err(|r| r.error)?;
        Ok(self.append(analysed))
    }

    /// Analyse documents in parallel (rayon) and add them in their order.
    /// Documents that cannot be read are left out and returned.
    pub fn extend(&mut self, docs: impl IntoIterator<Item = Document>) -> Vec<Rejected> {
        self.extend_with_progress(docs, |_| {})
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
        let docs: Vec<Document> = docs.into_iter().collect();
        let total = docs.len();
        let done = AtomicUsize::new(0);
        let bytes = AtomicUsize::new(0);
        let mut rejected = Vec::new();
        let mut docs = docs.into_iter();
        // Chunk k is appended (on one thread, in order) while chunk k + 1 is
        // analysed: the thread that finishes appending joins the analysis.
        let mut analysed: Vec<std::result::Result<Analysed, Rejected>> = Vec::new();
        loop {
            let chunk: Vec<Document> = docs.by_ref().take(CHUNK).collect();
            let previous = std::mem::take(&mut analysed);
            if chunk.is_empty() {
                self.append_all(previous, &mut rejected);
                break;
            }
            let analyse_chunk = || {
                chunk
                    .into_par_iter()
                    .map(|doc| {
                        let len = doc.text.len();
                        let r = analyse(doc);
                        let b = bytes.fetch_add(len, Ordering::Relaxed) + len;
                        let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                        progress(Progress {
                            done: d,
                            total,
                            bytes: b,
                        });
                        r
                    })
                    .collect()
            };
            analysed = if previous.is_empty() {
                analyse_chunk()
            } else {
                rayon::join(analyse_chunk, || self.append_all(previous, &mut rejected)).0
            };
        }
        rejected
    }

    /// Append analysed documents in their order, collecting the rejected.
    fn append_all(
        &mut self,
        analysed: Vec<std::result::Result<Analysed, Rejected>>,
        rejected: &mut Vec<Rejected>,
    ) {
        for a in analysed {
            match a {
                Ok(a) => {
                    self.append(a);
                }
                Err(r) => rejected.push(r),
            }
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
        let mut quotes = Vec::new();
        let mut local = Vec::new();
        let mut people: LocalPeople = Vec::new();
        for c in claims {
            let speaker = Some(c.speaker.clone()).filter(|n| !n.trim().is_empty());
            if let Some(n) = &speaker {
                match people.iter_mut().find(|p| &p.0 == n) {
                    Some(p) => p.2.extend(c.roles.iter().cloned()),
                    None => people.push((n.clone(), None, c.roles.clone())),
                }
            }
            let quote = quotes
                .iter()
                .position(|q: &LocalQuote| q.span == c.span && q.speaker == speaker);
            let quote = quote.unwrap_or_else(|| {
                quotes.push(LocalQuote {
                    span: c.span,
                    kind: None,
                    section: None,
                    cue: None,
                    speaker: speaker.clone(),
                });
                quotes.len() - 1
            });
            local.push(LocalClaim {
                quote: Some(quote),
                span: c.span,
                speaker,
                polarity: c.polarity,
                topic: c.topic.filter(|t| !t.trim().is_empty()),
                date: c.date,
                group: None,
            });
        }
        self.append(Analysed {
            doc,
            title: None,
            quotes,
            claims: local,
            people,
        })
    }

    fn append(&mut self, a: Analysed) -> usize {
        self.index = OnceLock::new();
        let s = &mut self.store;
        let d = s.docs.len() as u32;
        let text_len = a.doc.text.len();
        let fits = |span: Span| span.start <= span.end && span.end <= text_len;
        let quote_base = s.quotes.len() as u32;
        let nquotes = a.quotes.len();
        for q in a.quotes {
            s.quotes.push(QuoteEntry {
                doc: d,
                span: Range32::of(if fits(q.span) {
                    q.span
                } else {
                    Span::default()
                }),
                kind: q.kind,
                section: q.section,
                cue: OptRange::new(q.cue.filter(|c| fits(*c)).map(Range32::of)),
                speaker: Opt32::new(q.speaker.as_deref().map(|n| s.strings.intern(n))),
            });
        }
        for c in a.claims {
            s.claims.push(ClaimEntry {
                doc: d,
                quote: Opt32::new(
                    c.quote
                        .filter(|&q| q < nquotes)
                        .map(|q| quote_base + q as u32),
                ),
                span: Range32::of(if fits(c.span) {
                    c.span
                } else {
                    Span::default()
                }),
                speaker: Opt32::new(c.speaker.as_deref().map(|n| s.strings.intern(n))),
                polarity: c.polarity,
                topic: Opt32::new(c.topic.as_deref().map(|t| s.strings.intern(t))),
                date: Day::new(c.date),
                group: Opt64::new(c.group),
            });
        }
        for (name, kind, roles) in a.people {
            let name = s.strings.intern(&name);
            let from = s.roles.len() as u32;
            for r in &roles {
                let r = s.strings.intern(r);
                s.roles.push(r);
            }
            let roles = Range32(from, s.roles.len() as u32);
            s.people.push(PersonEntry {
                doc: d,
                name,
                kind,
                roles,
            });
        }
        let outlet = a.doc.outlet.as_deref().map(|o| s.strings.intern(o));
        s.docs.push(DocEntry {
            id: a.doc.id.into_boxed_str(),
            outlet: Opt32::new(outlet),
            url: a.doc.url.map(String::into_boxed_str),
            date: Day::new(a.doc.date),
            title: OptRange::new(a.title.filter(|t| fits(*t)).map(Range32::of)),
            text: a.doc.text.into_boxed_str(),
        });
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
