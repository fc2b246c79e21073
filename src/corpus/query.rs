//! Query builders: who said what, filtered by speaker, topic, date range,
//! polarity, outlet and document in any combination.
//!
//! A query starts from the smallest candidate set its filters allow (the
//! posting lists of speaker and topic together, of speaker, of topic, of
//! outlet; the records of one document; the records dated in the range; or
//! everything) and checks the other filters on each candidate, so a query
//! costs a few lookups plus its most selective filter's matches.
//!
//! ```
//! use whosaid::corpus::{ClaimSpec, Corpus, Document};
//! use whosaid::{Polarity, Span};
//! use chrono::NaiveDate;
//!
//! let mut corpus = Corpus::new();
//! let text = "Title\n\nWe will send troops, Anna Berg said.";
//! let claim = ClaimSpec::new(Span::new(7, 26), "Anna Berg", Polarity::Asserted).topic("troops");
//! let day = NaiveDate::from_ymd_opt(2024, 3, 3).unwrap();
//! corpus.add_claims(Document::new("d1", text).outlet("Herald").date(day), [claim]);
//!
//! let q = corpus.claims().speaker("Berg").topic("Troops").between(day, day).asserted().outlet("herald");
//! assert_eq!(q.count(), 1);
//! assert_eq!(corpus.claims().speaker("Berg").denied().count(), 0);
//! assert_eq!(corpus.claims().speaker("Nobody Known").count(), 0);
//! ```

use super::identity::IdentityId;
use super::index::{normalise_topic, slot, Index};
use super::statement::StatementId;
use super::store::{ClaimEntry, QuoteEntry, Store};
use super::Corpus;
use crate::article::Role;
use crate::quote::QuoteKind;
use crate::{Polarity, Span};
use chrono::NaiveDate;
use serde::Serialize;

/// The filters of a query.
#[derive(Clone, Debug, Default)]
struct Filter {
    identities: Option<Vec<u32>>,
    topics: Option<Vec<u32>>,
    outlets: Option<Vec<u32>>,
    document: Option<Option<u32>>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    polarity: Option<Polarity>,
}

impl Filter {
    fn speaker(&mut self, ix: &Index, name: &str) {
        let ids: Vec<u32> = ix
            .identity_set
            .lookup(name)
            .into_iter()
            .map(|i| i.0)
            .collect();
        self.add_identities(ids);
    }

    fn add_identities(&mut self, ids: Vec<u32>) {
        self.identities = Some(match self.identities.take() {
            None => ids,
            Some(prev) => prev.into_iter().filter(|i| ids.contains(i)).collect(),
        });
    }

    fn topic(&mut self, ix: &Index, topic: &str) {
        let syms = ix
            .topics
            .get(&normalise_topic(topic))
            .cloned()
            .unwrap_or_default();
        self.topics = Some(match self.topics.take() {
            None => syms,
            Some(prev) => prev.into_iter().filter(|i| syms.contains(i)).collect(),
        });
    }

    fn outlet(&mut self, ix: &Index, outlet: &str) {
        let syms = ix
            .outlets
            .get(&outlet.trim().to_lowercase())
            .cloned()
            .unwrap_or_default();
        self.outlets = Some(match self.outlets.take() {
            None => syms,
            Some(prev) => prev.into_iter().filter(|i| syms.contains(i)).collect(),
        });
    }

    fn date_ok(&self, date: Option<NaiveDate>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        date.is_some_and(|d| self.from.map_or(true, |f| d >= f) && self.to.map_or(true, |t| d <= t))
    }

    /// Whether claim `i` passes, cheapest checks first; outlet and date
    /// come from the index's compact per-document arrays.
    fn claim_ok(&self, ix: &Index, i: u32, c: &ClaimEntry) -> bool {
        self.polarity.map_or(true, |p| c.polarity == p)
            && self.document.map_or(true, |d| Some(c.doc) == d)
            && self
                .identities
                .as_ref()
                .map_or(true, |ids| ids.contains(&ix.claim_identity[i as usize]))
            && self
                .topics
                .as_ref()
                .map_or(true, |t| c.topic.get().is_some_and(|x| t.contains(&x)))
            && self.outlets.as_ref().map_or(true, |o| {
                ix.doc_outlet(c.doc).is_some_and(|x| o.contains(&x))
            })
            && self.date_ok(c.date.get().or_else(|| ix.doc_date(c.doc)))
    }
}

fn doc_outlet(s: &Store, doc: u32) -> Option<u32> {
    s.docs.get(doc as usize).and_then(|d| d.outlet.get())
}

/// The union of sorted posting lists, merged lazily in ascending order
/// (a query that takes its first results reads only those).
struct Union<'a> {
    lists: Vec<&'a [u32]>,
}

impl Iterator for Union<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let min = self.lists.iter().filter_map(|l| l.first()).min().copied()?;
        for l in &mut self.lists {
            if l.first() == Some(&min) {
                *l = &l[1..];
            }
        }
        Some(min)
    }
}

/// The ids a query starts from, before the other filters are checked.
enum Cands<'a> {
    /// The union of sorted posting lists.
    Lists(Vec<&'a [u32]>),
    /// Ids in ascending order.
    Owned(Vec<u32>),
    /// A run of consecutive ids.
    Range(std::ops::Range<u32>),
    /// Runs of consecutive ids, in ascending order.
    Ranges(Vec<std::ops::Range<u32>>),
    /// Ids in ascending order, made as they are read, and at most how many.
    Iter(Box<dyn Iterator<Item = u32> + 'a>, usize),
}

impl<'a> Cands<'a> {
    /// The number of candidates.
    fn len(&self) -> usize {
        match self {
            Cands::Lists(lists) => lists.iter().map(|l| l.len()).sum(),
            Cands::Owned(v) => v.len(),
            Cands::Range(r) => r.len(),
            Cands::Ranges(rs) => rs.iter().map(ExactSizeIterator::len).sum(),
            Cands::Iter(_, n) => *n,
        }
    }

    fn ids(self) -> Box<dyn Iterator<Item = u32> + 'a> {
        match self {
            Cands::Lists(lists) if lists.len() == 1 => Box::new(lists[0].iter().copied()),
            Cands::Lists(lists) => Box::new(Union { lists }),
            Cands::Owned(v) => Box::new(v.into_iter()),
            Cands::Range(r) => Box::new(r),
            Cands::Ranges(rs) => Box::new(rs.into_iter().flatten()),
            Cands::Iter(ids, _) => ids,
        }
    }
}

/// The quotes of a stream of claims (ascending) of polarity `polarity`,
/// in ascending order, each once. Claims and quotes are stored document by
/// document, so the quotes of one document's claims are sorted together
/// and the stream is read only as far as the results are taken.
struct QuotesOf<'a> {
    store: &'a Store,
    claims: Box<dyn Iterator<Item = u32> + 'a>,
    polarity: Option<Polarity>,
    /// The next claim's document and quote, read ahead.
    ahead: Option<(u32, u32)>,
    /// The quotes of the current document, sorted, and how many are taken.
    doc: Vec<u32>,
    taken: usize,
}

impl<'a> QuotesOf<'a> {
    fn new(
        store: &'a Store,
        claims: Box<dyn Iterator<Item = u32> + 'a>,
        polarity: Option<Polarity>,
    ) -> Self {
        QuotesOf {
            store,
            claims,
            polarity,
            ahead: None,
            doc: Vec::new(),
            taken: 0,
        }
    }

    /// The document and quote of the next claim that passes.
    fn next_claim(&mut self) -> Option<(u32, u32)> {
        if let Some(a) = self.ahead.take() {
            return Some(a);
        }
        for c in self.claims.by_ref() {
            let Some(c) = self.store.claims.get(c as usize) else {
                continue;
            };
            if self.polarity.is_some_and(|p| c.polarity != p) {
                continue;
            }
            if let Some(q) = c.quote.get() {
                return Some((c.doc, q));
            }
        }
        None
    }
}

impl Iterator for QuotesOf<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if let Some(&q) = self.doc.get(self.taken) {
            self.taken += 1;
            return Some(q);
        }
        let (doc, q) = self.next_claim()?;
        self.doc.clear();
        self.doc.push(q);
        while let Some((d, q)) = self.next_claim() {
            if d != doc {
                self.ahead = Some((d, q));
                break;
            }
            self.doc.push(q);
        }
        self.doc.sort_unstable();
        self.doc.dedup();
        self.taken = 1;
        self.doc.first().copied()
    }
}

/// The records of the documents of `outlets` (`records` gives a
/// document's), `None` if the store cannot give them by document.
fn by_outlet<'a>(
    ix: &Index,
    outlets: &[u32],
    records: impl Fn(u32) -> Option<std::ops::Range<u32>>,
) -> Option<Cands<'a>> {
    let lists = postings(&ix.docs_by_outlet, outlets.iter().copied());
    let mut docs = lists.concat();
    if lists.len() > 1 {
        docs.sort_unstable();
        docs.dedup();
    }
    let ranges: Option<Vec<std::ops::Range<u32>>> = docs.into_iter().map(records).collect();
    Some(Cands::Ranges(ranges?))
}

/// The smaller of two candidate sets (the first when equal).
fn smaller<'a>(a: Cands<'a>, b: Option<Cands<'a>>) -> Cands<'a> {
    match b {
        Some(b) if b.len() < a.len() => b,
        _ => a,
    }
}

/// Ids in ascending order, each once.
fn sorted(mut v: Vec<u32>) -> Cands<'static> {
    v.sort_unstable();
    v.dedup();
    Cands::Owned(v)
}

fn postings<K: std::hash::Hash + Eq>(
    map: &super::store::IntMap<K, Vec<u32>>,
    keys: impl Iterator<Item = K>,
) -> Vec<&[u32]> {
    keys.filter_map(|k| map.get(&k).map(Vec::as_slice))
        .collect()
}

macro_rules! common_filters {
    ($hit:ident) => {
        /// Only what `name` said: every identity the name may mean ("Lavrov",
        /// "Sergei Lavrov", "the Russian foreign minister"; a surname alone
        /// means all namesakes).
        pub fn speaker(mut self, name: &str) -> Self {
            self.f.speaker(self.ix, name);
            self
        }

        /// Only what the identity `id` said.
        pub fn identity(mut self, id: IdentityId) -> Self {
            self.f.add_identities(vec![id.0]);
            self
        }

        /// Only claims on `topic` (compared case-insensitively, white space
        /// collapsed).
        pub fn topic(mut self, topic: &str) -> Self {
            self.f.topic(self.ix, topic);
            self
        }

        /// Only what was said between `from` and `to`, both included.
        /// Undated items are left out.
        pub fn between(mut self, from: NaiveDate, to: NaiveDate) -> Self {
            self.f.from = Some(from);
            self.f.to = Some(to);
            self
        }

        /// Only what was said on or after `date`.
        pub fn since(mut self, date: NaiveDate) -> Self {
            self.f.from = Some(date);
            self
        }

        /// Only what was said on or before `date`.
        pub fn until(mut self, date: NaiveDate) -> Self {
            self.f.to = Some(date);
            self
        }

        /// Only claims asserted.
        pub fn asserted(self) -> Self {
            self.polarity(Polarity::Asserted)
        }

        /// Only claims denied.
        pub fn denied(self) -> Self {
            self.polarity(Polarity::Denied)
        }

        /// Only claims of polarity `p`.
        pub fn polarity(mut self, p: Polarity) -> Self {
            self.f.polarity = Some(p);
            self
        }

        /// Only what outlet `outlet` reported (case-insensitive).
        pub fn outlet(mut self, outlet: &str) -> Self {
            self.f.outlet(self.ix, outlet);
            self
        }

        /// Only document `id`.
        pub fn document(mut self, id: &str) -> Self {
            self.f.document = Some(self.ix.doc_by_id(self.corpus.store(), id));
            self
        }

        /// The results, in corpus order.
        pub fn collect(&self) -> Vec<$hit<'c>> {
            self.iter().collect()
        }

        /// Number of results.
        pub fn count(&self) -> usize {
            self.exact_count().unwrap_or_else(|| self.ids().count())
        }
    };
}

/// A query over claims; see the [module documentation](self).
#[derive(Clone, Debug)]
pub struct ClaimQuery<'c> {
    corpus: &'c Corpus,
    ix: &'c Index,
    f: Filter,
}

/// A claim found by a [`ClaimQuery`], borrowed from the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ClaimHit<'c> {
    /// The claim's index in the corpus.
    pub id: usize,
    /// Document id.
    pub document: &'c str,
    /// Outlet that published the document.
    pub outlet: Option<&'c str>,
    /// Its address.
    pub url: Option<&'c str>,
    /// When the claim was made (its own date, or the document's).
    pub date: Option<NaiveDate>,
    /// Byte span of the claim in the document's text.
    pub span: Span,
    /// The words of the claim.
    pub text: &'c str,
    /// The speaker as the document names them.
    pub speaker: Option<&'c str>,
    /// The speaker's identity.
    pub identity: Option<IdentityId>,
    /// The identity's canonical name.
    pub identity_name: Option<&'c str>,
    /// Asserted or denied.
    pub polarity: Polarity,
    /// Topic.
    pub topic: Option<&'c str>,
    /// The statement the claim belongs to.
    pub statement: Option<StatementId>,
}

impl<'c> ClaimQuery<'c> {
    pub(crate) fn new(corpus: &'c Corpus, ix: &'c Index) -> Self {
        ClaimQuery {
            corpus,
            ix,
            f: Filter::default(),
        }
    }

    common_filters!(ClaimHit);

    /// The posting lists of the speaker and topic filters.
    fn keyed(&self) -> Option<Vec<&'c [u32]>> {
        let ix = self.ix;
        match (&self.f.identities, &self.f.topics) {
            (Some(ids), Some(ts)) => {
                let keys = ids.iter().flat_map(|&i| ts.iter().map(move |&t| (i, t)));
                Some(postings(&ix.claims_by_pair, keys))
            }
            (Some(ids), None) => Some(postings(&ix.claims_by_identity, ids.iter().copied())),
            (None, Some(ts)) => Some(postings(&ix.claims_by_topic, ts.iter().copied())),
            (None, None) => None,
        }
    }

    /// The claims of the outlet filter's documents.
    fn outlet_claims(&self) -> Option<Cands<'c>> {
        let ix = self.ix;
        by_outlet(ix, self.f.outlets.as_deref()?, |d| ix.claims_of_doc(d))
    }

    /// The smallest candidate set the filters allow: the posting lists of
    /// speaker and topic, of outlet, the claims of the document, or the
    /// claims dated in the range; every claim if there is no such filter.
    fn candidates(&self) -> Cands<'c> {
        let (s, ix, f) = (self.corpus.store(), self.ix, &self.f);
        let mut best = Cands::Range(0..s.claims.len() as u32);
        best = smaller(best, self.keyed().map(Cands::Lists));
        best = smaller(best, self.outlet_claims());
        if let Some(d) = f.document {
            let none = Some(Cands::Range(0..0));
            best = smaller(
                best,
                d.map_or(none, |d| ix.claims_of_doc(d).map(Cands::Range)),
            );
        }
        if f.from.is_some() || f.to.is_some() {
            let dated = ix.claims_dated(s, f.from, f.to);
            if dated.len() < best.len() {
                best = sorted(dated.to_vec());
            }
        }
        best
    }

    /// The number of results straight from the posting lists, when they
    /// encode every filter (the lists of one query are disjoint: a claim has
    /// one speaker, one topic and one outlet).
    fn exact_count(&self) -> Option<usize> {
        let f = &self.f;
        let simple =
            f.polarity.is_none() && f.from.is_none() && f.to.is_none() && f.document.is_none();
        let outlets_apart = f.outlets.is_some() && (f.identities.is_some() || f.topics.is_some());
        if !simple || outlets_apart {
            return None;
        }
        match self.keyed() {
            Some(lists) => Some(lists.iter().map(|l| l.len()).sum()),
            None => Some(self.outlet_claims()?.len()),
        }
    }

    /// The ids of the results, lazily, in corpus order.
    fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        let s = self.corpus.store();
        self.candidates().ids().filter(move |&i| {
            s.claims
                .get(i as usize)
                .is_some_and(|c| self.f.claim_ok(self.ix, i, c))
        })
    }

    /// The results, lazily, in corpus order.
    pub fn iter(&self) -> impl Iterator<Item = ClaimHit<'c>> + '_ {
        let s = self.corpus.store();
        self.ids()
            .map(move |i| claim_hit(s, self.ix, i, &s.claims[i as usize]))
    }
}

pub(crate) fn claim_hit<'c>(
    s: &'c Store,
    ix: &'c Index,
    i: u32,
    c: &'c ClaimEntry,
) -> ClaimHit<'c> {
    let doc = &s.docs[c.doc as usize];
    let identity = slot(&ix.claim_identity, i).map(IdentityId);
    let statement = slot(&ix.claim_statement, i).map(StatementId);
    ClaimHit {
        id: i as usize,
        document: &doc.id,
        outlet: doc.outlet.get().map(|o| s.strings.get(o)),
        url: doc.url.as_deref(),
        date: s.claim_date(c),
        span: c.span.span(),
        text: s.text(c.doc, c.span),
        speaker: c.speaker.get().map(|n| s.strings.get(n)),
        identity,
        identity_name: identity
            .and_then(|i| ix.identity_set.get(i))
            .map(|i| i.name.as_str()),
        polarity: c.polarity,
        topic: c.topic.get().map(|t| s.strings.get(t)),
        statement,
    }
}

/// A query over quotes; see the [module documentation](self). Topic and
/// polarity filters keep the quotes that carry a claim that passes them.
#[derive(Clone, Debug)]
pub struct QuoteQuery<'c> {
    corpus: &'c Corpus,
    ix: &'c Index,
    f: Filter,
}

/// A quote found by a [`QuoteQuery`], borrowed from the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct QuoteHit<'c> {
    /// The quote's index in the corpus.
    pub id: usize,
    /// Document id.
    pub document: &'c str,
    /// Outlet that published the document.
    pub outlet: Option<&'c str>,
    /// Its address.
    pub url: Option<&'c str>,
    /// The document's date.
    pub date: Option<NaiveDate>,
    /// Byte span of the quoted words in the document's text.
    pub span: Span,
    /// The quoted words.
    pub text: &'c str,
    /// Direct, partial or indirect (`None` for quotes made from annotations).
    pub kind: Option<QuoteKind>,
    /// Role of the line the quote starts in.
    pub section: Option<Role>,
    /// The cue as printed.
    pub cue: Option<&'c str>,
    /// The speaker as the document names them.
    pub speaker: Option<&'c str>,
    /// The speaker's identity.
    pub identity: Option<IdentityId>,
    /// The identity's canonical name.
    pub identity_name: Option<&'c str>,
    /// The statement the quote belongs to.
    pub statement: Option<StatementId>,
}

impl<'c> QuoteQuery<'c> {
    pub(crate) fn new(corpus: &'c Corpus, ix: &'c Index) -> Self {
        QuoteQuery {
            corpus,
            ix,
            f: Filter::default(),
        }
    }

    common_filters!(QuoteHit);

    fn exact_count(&self) -> Option<usize> {
        None
    }

    fn quote_ok(&self, s: &Store, i: u32, q: &QuoteEntry) -> bool {
        let f = &self.f;
        let basic = f.identities.as_ref().map_or(true, |ids| {
            ids.contains(&self.ix.quote_identity[i as usize])
        }) && f.document.map_or(true, |d| Some(q.doc) == d)
            && f.outlets.as_ref().map_or(true, |o| {
                doc_outlet(s, q.doc).is_some_and(|x| o.contains(&x))
            })
            && f.date_ok(s.docs.get(q.doc as usize).and_then(|d| d.date.get()));
        if !basic {
            return false;
        }
        if f.topics.is_none() && f.polarity.is_none() {
            return true;
        }
        self.ix.claims_of_quote(i).iter().any(|&c| {
            let ce = &s.claims[c as usize];
            f.topics
                .as_ref()
                .map_or(true, |t| ce.topic.get().is_some_and(|x| t.contains(&x)))
                && f.polarity.map_or(true, |p| ce.polarity == p)
        })
    }

    /// The smallest candidate set the filters allow: the quotes of the
    /// speaker, of the outlet, of the document, of the claims on the topic,
    /// or of the documents dated in the range; every quote if there is no
    /// such filter.
    fn candidates(&self) -> Cands<'c> {
        let (s, ix, f) = (self.corpus.store(), self.ix, &self.f);
        let mut best = Cands::Range(0..s.quotes.len() as u32);
        if let Some(ids) = &f.identities {
            let lists = postings(&ix.quotes_by_identity, ids.iter().copied());
            best = smaller(best, Some(Cands::Lists(lists)));
        }
        if let Some(o) = &f.outlets {
            best = smaller(best, by_outlet(ix, o, |d| ix.quotes_of_doc(d)));
        }
        if let Some(d) = f.document {
            let none = Some(Cands::Range(0..0));
            best = smaller(
                best,
                d.map_or(none, |d| ix.quotes_of_doc(d).map(Cands::Range)),
            );
        }
        if let Some(ts) = &f.topics {
            let lists = postings(&ix.claims_by_topic, ts.iter().copied());
            let n = lists.iter().map(|l| l.len()).sum::<usize>();
            if n < best.len() {
                let claims = Cands::Lists(lists).ids();
                let quotes = QuotesOf::new(s, claims, f.polarity);
                best = Cands::Iter(Box::new(quotes), n);
            }
        }
        if f.from.is_some() || f.to.is_some() {
            // The quotes of the dated documents, unless more than the best.
            let limit = best.len();
            let mut ranges = Vec::new();
            let mut n = 0;
            for &d in ix.docs_dated(s, f.from, f.to) {
                let Some(r) = ix.quotes_of_doc(d) else {
                    n = usize::MAX;
                    break;
                };
                n += r.len();
                if n >= limit {
                    break;
                }
                ranges.push(r);
            }
            if n < limit {
                best = sorted(ranges.into_iter().flatten().collect());
            }
        }
        best
    }

    /// The ids of the results, lazily, in corpus order.
    fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        let s = self.corpus.store();
        self.candidates().ids().filter(move |&i| {
            s.quotes
                .get(i as usize)
                .is_some_and(|q| self.quote_ok(s, i, q))
        })
    }

    /// The results, lazily, in corpus order.
    pub fn iter(&self) -> impl Iterator<Item = QuoteHit<'c>> + '_ {
        let s = self.corpus.store();
        self.ids()
            .map(move |i| quote_hit(s, self.ix, i, &s.quotes[i as usize]))
    }
}

pub(crate) fn quote_hit<'c>(
    s: &'c Store,
    ix: &'c Index,
    i: u32,
    q: &'c QuoteEntry,
) -> QuoteHit<'c> {
    let doc = &s.docs[q.doc as usize];
    let identity = slot(&ix.quote_identity, i).map(IdentityId);
    let statement = slot(&ix.quote_statement, i).map(StatementId);
    QuoteHit {
        id: i as usize,
        document: &doc.id,
        outlet: doc.outlet.get().map(|o| s.strings.get(o)),
        url: doc.url.as_deref(),
        date: doc.date.get(),
        span: q.span.span(),
        text: s.text(q.doc, q.span),
        kind: q.kind,
        section: q.section,
        cue: q.cue.get().map(|c| s.text(q.doc, c)),
        speaker: q.speaker.get().map(|n| s.strings.get(n)),
        identity,
        identity_name: identity
            .and_then(|i| ix.identity_set.get(i))
            .map(|i| i.name.as_str()),
        statement,
    }
}
