//! The derived data of a corpus: identities, statements, reversals and the
//! query indexes (HashMaps from identity, topic and outlet to sorted vectors
//! of claim and quote ids). Built in one pass over the store.

use super::content;
use super::identity::{Identities, Identity, IdentityId, Mention};
use super::statement::{
    self, Clusterer, Dated, Member, Reversal, ReversalBasis, Statement, StatementId,
};
use super::store::{IntMap, Store};
use crate::Polarity;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

/// No identity / statement.
pub(crate) const NONE: u32 = u32::MAX;

/// The id in slot `i` of a per-record table, `None` for an empty slot
/// ([`NONE`]) or a slot past the table's end.
pub(crate) fn slot(table: &[u32], i: u32) -> Option<u32> {
    table.get(i as usize).copied().filter(|&v| v != NONE)
}

/// Everything derived from a store.
#[derive(Debug, Default)]
pub(crate) struct Index {
    pub(crate) identity_set: Identities,
    pub(crate) quote_identity: Vec<u32>,
    pub(crate) claim_identity: Vec<u32>,
    pub(crate) claims_by_identity: IntMap<u32, Vec<u32>>,
    pub(crate) claims_by_topic: IntMap<u32, Vec<u32>>,
    pub(crate) claims_by_pair: IntMap<(u32, u32), Vec<u32>>,
    pub(crate) quotes_by_identity: IntMap<u32, Vec<u32>>,
    /// Documents of each outlet (their claims and quotes are found by
    /// document).
    pub(crate) docs_by_outlet: IntMap<u32, Vec<u32>>,
    /// Normalised topic -> interned topics.
    pub(crate) topics: HashMap<String, Vec<u32>>,
    /// Lowercased outlet -> interned outlets.
    pub(crate) outlets: HashMap<String, Vec<u32>>,
    /// Outlet and date of each document, compact for query filters.
    pub(crate) doc_outlets: Vec<u32>,
    pub(crate) doc_dates: Vec<Option<NaiveDate>>,
    /// Documents sorted by the hash of their id (then index), for lookups
    /// by id.
    pub(crate) doc_order: Vec<u32>,
    /// Dated claims sorted by date (then id), for date-range queries.
    pub(crate) claims_by_date: Vec<u32>,
    /// Documents sorted by date (then index), undated ones left out.
    pub(crate) docs_by_date: Vec<u32>,
    /// The claims and quotes of document `d` are the ids from
    /// `doc_claim_start[d]` and `doc_quote_start[d]` to the next document's
    /// (records are stored in document order; both are empty if a loaded
    /// store is not).
    pub(crate) doc_claim_start: Vec<u32>,
    pub(crate) doc_quote_start: Vec<u32>,
    /// Claims of each quote (CSR: claims of quote q are
    /// `quote_claims[quote_claims_start[q]..quote_claims_start[q + 1]]`).
    pub(crate) quote_claims_start: Vec<u32>,
    pub(crate) quote_claims: Vec<u32>,
    pub(crate) claim_statement: Vec<u32>,
    pub(crate) quote_statement: Vec<u32>,
    pub(crate) claim_proposition: Vec<u32>,
    pub(crate) statements: Vec<Statement>,
    pub(crate) reversals: Vec<Reversal>,
}

/// A topic as users may type it: case-folded, white space collapsed.
pub(crate) fn normalise_topic(t: &str) -> String {
    t.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Index {
    pub(crate) fn identities(&self) -> &[Identity] {
        self.identity_set.as_slice()
    }

    /// The outlet of document `d`.
    pub(crate) fn doc_outlet(&self, d: u32) -> Option<u32> {
        self.doc_outlets
            .get(d as usize)
            .copied()
            .filter(|&o| o != NONE)
    }

    /// The date of document `d`.
    pub(crate) fn doc_date(&self, d: u32) -> Option<NaiveDate> {
        self.doc_dates.get(d as usize).copied().flatten()
    }

    /// The document with id `id` (the first, if several share it).
    pub(crate) fn doc_by_id(&self, s: &Store, id: &str) -> Option<u32> {
        let key = |d: u32| s.docs.get(d as usize).map_or(0, |d| id_hash(&d.id));
        let h = id_hash(id);
        let at = self.doc_order.partition_point(|&d| key(d) < h);
        let same = self.doc_order.get(at..).unwrap_or(&[]).iter().copied();
        same.take_while(|&d| key(d) == h)
            .find(|&d| s.docs.get(d as usize).is_some_and(|doc| &*doc.id == id))
    }

    /// The claims of document `d`, as a range of claim ids.
    pub(crate) fn claims_of_doc(&self, d: u32) -> Option<std::ops::Range<u32>> {
        doc_range(&self.doc_claim_start, d)
    }

    /// The quotes of document `d`, as a range of quote ids.
    pub(crate) fn quotes_of_doc(&self, d: u32) -> Option<std::ops::Range<u32>> {
        doc_range(&self.doc_quote_start, d)
    }

    /// The dated claims whose date is in `from..=to`, in date order.
    pub(crate) fn claims_dated(
        &self,
        s: &Store,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> &[u32] {
        let date = |i: &u32| s.claims.get(*i as usize).and_then(|c| s.claim_date(c));
        dated_range(&self.claims_by_date, date, from, to)
    }

    /// The dated documents whose date is in `from..=to`, in date order.
    pub(crate) fn docs_dated(
        &self,
        s: &Store,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> &[u32] {
        let date = |d: &u32| s.docs.get(*d as usize).and_then(|d| d.date.get());
        dated_range(&self.docs_by_date, date, from, to)
    }

    /// The claims of quote `q`.
    pub(crate) fn claims_of_quote(&self, q: u32) -> &[u32] {
        let q = q as usize;
        match (
            self.quote_claims_start.get(q),
            self.quote_claims_start.get(q + 1),
        ) {
            (Some(&a), Some(&b)) => self.quote_claims.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(crate) fn build(s: &Store) -> Index {
        let mut ix = Index::default();
        // Identities.
        let mut uses: IntMap<(u32, u32), u32> = IntMap::default();
        for q in &s.quotes {
            if let Some(n) = q.speaker.get() {
                *uses.entry((q.doc, n)).or_default() += 1;
            }
        }
        let mentions: Vec<Mention<'_>> = s
            .people
            .iter()
            .map(|p| {
                let mut m = Mention::new(p.doc, s.strings.get(p.name));
                m.kind = p.kind;
                m.roles = s.roles_of(p).iter().map(|&r| s.strings.get(r)).collect();
                m.uses = uses.get(&(p.doc, p.name)).copied().unwrap_or(1);
                m
            })
            .collect();
        ix.identity_set = Identities::resolve(&mentions);
        drop(mentions);
        drop(uses);
        let mut of_name: IntMap<(u32, u32), u32> = IntMap::default();
        for (i, p) in s.people.iter().enumerate() {
            let id = ix.identity_set.of_mention(i).0;
            if id != NONE {
                of_name.entry((p.doc, p.name)).or_insert(id);
            }
        }
        let lookup = |doc: u32, name: Option<u32>| {
            name.and_then(|n| of_name.get(&(doc, n)).copied())
                .unwrap_or(NONE)
        };
        ix.quote_identity = s
            .quotes
            .iter()
            .map(|q| lookup(q.doc, q.speaker.get()))
            .collect();
        ix.claim_identity = s
            .claims
            .iter()
            .map(|c| match lookup(c.doc, c.speaker.get()) {
                NONE => c
                    .quote
                    .get()
                    .and_then(|q| ix.quote_identity.get(q as usize).copied())
                    .unwrap_or(NONE),
                id => id,
            })
            .collect();

        // Postings (claim and quote ids ascending, as pushed).
        for (i, c) in s.claims.iter().enumerate() {
            let i = i as u32;
            let id = ix.claim_identity[i as usize];
            if id != NONE {
                ix.claims_by_identity.entry(id).or_default().push(i);
            }
            if let Some(t) = c.topic.get() {
                ix.claims_by_topic.entry(t).or_default().push(i);
                if id != NONE {
                    ix.claims_by_pair.entry((id, t)).or_default().push(i);
                }
            }
        }
        for (i, &id) in ix.quote_identity.iter().enumerate() {
            if id != NONE {
                ix.quotes_by_identity.entry(id).or_default().push(i as u32);
            }
        }
        for (d, doc) in s.docs.iter().enumerate() {
            if let Some(o) = doc.outlet.get() {
                ix.docs_by_outlet.entry(o).or_default().push(d as u32);
            }
        }
        let mut counts = vec![0u32; s.quotes.len() + 1];
        for c in &s.claims {
            if let Some(q) = c.quote.get().filter(|&q| (q as usize) < s.quotes.len()) {
                counts[q as usize + 1] += 1;
            }
        }
        for q in 1..counts.len() {
            counts[q] += counts[q - 1];
        }
        let mut fill = counts.clone();
        ix.quote_claims = vec![0; counts.last().copied().unwrap_or(0) as usize];
        for (i, c) in s.claims.iter().enumerate() {
            if let Some(q) = c.quote.get().filter(|&q| (q as usize) < s.quotes.len()) {
                ix.quote_claims[fill[q as usize] as usize] = i as u32;
                fill[q as usize] += 1;
            }
        }
        ix.quote_claims_start = counts;
        for &t in ix.claims_by_topic.keys() {
            ix.topics
                .entry(normalise_topic(s.strings.get(t)))
                .or_default()
                .push(t);
        }
        let mut outlets: Vec<u32> = s.docs.iter().filter_map(|d| d.outlet.get()).collect();
        outlets.sort_unstable();
        outlets.dedup();
        for o in outlets {
            ix.outlets
                .entry(s.strings.get(o).trim().to_lowercase())
                .or_default()
                .push(o);
        }
        ix.doc_outlets = s
            .docs
            .iter()
            .map(|d| d.outlet.get().unwrap_or(NONE))
            .collect();
        ix.doc_dates = s.docs.iter().map(|d| d.date.get()).collect();
        let mut keyed: Vec<(u64, u32)> = (s.docs.iter().enumerate())
            .map(|(d, doc)| (id_hash(&doc.id), d as u32))
            .collect();
        keyed.par_sort_unstable();
        ix.doc_order = keyed.into_iter().map(|(_, d)| d).collect();

        ix.build_dates_and_ranges(s);
        ix.build_statements(s);
        ix.build_reversals(s);
        ix
    }

    fn build_dates_and_ranges(&mut self, s: &Store) {
        let dates: Vec<Option<NaiveDate>> = s.claims.iter().map(|c| s.claim_date(c)).collect();
        self.claims_by_date = (0..s.claims.len() as u32)
            .filter(|&i| dates[i as usize].is_some())
            .collect();
        self.claims_by_date
            .par_sort_unstable_by_key(|&i| (dates[i as usize], i));
        drop(dates);
        self.docs_by_date = (0..s.docs.len() as u32)
            .filter(|&d| s.docs[d as usize].date.get().is_some())
            .collect();
        self.docs_by_date
            .par_sort_unstable_by_key(|&d| (s.docs[d as usize].date.get(), d));
        self.doc_claim_start = starts(s.docs.len(), s.claims.iter().map(|c| c.doc));
        self.doc_quote_start = starts(s.docs.len(), s.quotes.iter().map(|q| q.doc));
    }

    /// Statements (claims, and quotes without a claim, of one speaker and
    /// polarity with similar content words) and propositions (claims of any
    /// speaker with similar content words, negation aside), clustered as
    /// the word sets are computed, a block at a time.
    fn build_statements(&mut self, s: &Store) {
        let mut has_claim = vec![false; s.quotes.len()];
        for c in &s.claims {
            if let Some(h) = c.quote.get().and_then(|q| has_claim.get_mut(q as usize)) {
                *h = true;
            }
        }
        let mut statements: Vec<Statement> = Vec::new();
        let mut claim_statement = vec![NONE; s.claims.len()];
        let mut quote_statement = vec![NONE; s.quotes.len()];
        let mut claim_proposition = Vec::with_capacity(s.claims.len());
        let mut by_statement: Clusterer<u32> = Clusterer::default();
        let mut by_proposition: Clusterer<u32> = Clusterer::default();
        let negation = content::negation_hash() as u32;
        let mut affirmed: Vec<u32> = Vec::new();
        let mut place = |key: u64, words: &[u32], m: Member| {
            let g = by_statement.add(key, words);
            if g as usize == statements.len() {
                statements.push(Statement {
                    id: StatementId(g),
                    identity: IdentityId((key / 4) as u32),
                    polarity: match key % 4 {
                        0 => Some(Polarity::Asserted),
                        1 => Some(Polarity::Denied),
                        _ => None,
                    },
                    members: Vec::new(),
                });
            }
            if let Some(st) = statements.get_mut(g as usize) {
                st.members.push(m);
            }
            g
        };
        let claim_text = |i: usize| {
            let c = &s.claims[i];
            s.text(c.doc, c.span)
        };
        for_each_word_set(s.claims.len(), claim_text, |i, words| {
            let c = &s.claims[i];
            let id = self.claim_identity[i];
            if id != NONE {
                let key = u64::from(id) * 4 + u64::from(c.polarity != Polarity::Asserted);
                let m = Member {
                    claim: Some(i as u32),
                    quote: c.quote.get(),
                };
                let g = place(key, words, m);
                claim_statement[i] = g;
                if let Some(q) = c
                    .quote
                    .get()
                    .and_then(|q| quote_statement.get_mut(q as usize))
                {
                    if *q == NONE {
                        *q = g;
                    }
                }
            }
            affirmed.clear();
            affirmed.extend(words.iter().copied().filter(|&w| w != negation));
            claim_proposition.push(by_proposition.add(0, &affirmed));
        });
        drop(by_proposition);
        // Quotes that carry no claim, after every claim.
        let quote_identity = &self.quote_identity;
        let alone = |i: usize| !has_claim[i] && quote_identity[i] != NONE;
        let quote_text = |i: usize| {
            let q = &s.quotes[i];
            if alone(i) {
                s.text(q.doc, q.span)
            } else {
                ""
            }
        };
        for_each_word_set(s.quotes.len(), quote_text, |i, words| {
            if !alone(i) {
                return;
            }
            let key = u64::from(quote_identity[i]) * 4 + 2;
            let m = Member {
                claim: None,
                quote: Some(i as u32),
            };
            let g = place(key, words, m);
            if quote_statement[i] == NONE {
                quote_statement[i] = g;
            }
        });
        for st in &mut statements {
            st.members.shrink_to_fit();
        }
        statements.shrink_to_fit();
        self.statements = statements;
        self.claim_statement = claim_statement;
        self.quote_statement = quote_statement;
        self.claim_proposition = claim_proposition;
    }

    fn build_reversals(&mut self, s: &Store) {
        let mut by_prop: IntMap<(u32, u32), Vec<Dated>> = IntMap::default();
        let mut by_topic: IntMap<(u32, u32), Vec<Dated>> = IntMap::default();
        let mut groups: IntMap<u64, u32> = IntMap::default();
        let first_group = self.claim_proposition.iter().max().map_or(0, |&m| m + 1);
        for (i, c) in s.claims.iter().enumerate() {
            let id = self.claim_identity[i];
            let Some(date) = s.claim_date(c) else {
                continue;
            };
            if id == NONE {
                continue;
            }
            let d = Dated {
                item: i as u32,
                date,
                polarity: c.polarity,
            };
            by_prop
                .entry((id, self.claim_proposition[i]))
                .or_default()
                .push(d);
            // The claim stage's proposition group, numbered after ours.
            if let Some(g) = c.group.get() {
                let next = groups.len() as u32;
                let g = *groups.entry(g).or_insert(next);
                by_prop.entry((id, first_group + g)).or_default().push(d);
            }
            if let Some(t) = c.topic.get() {
                by_topic.entry((id, t)).or_default().push(d);
            }
        }
        let mut out: Vec<Reversal> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let member = |i: u32| Member {
            claim: Some(i),
            quote: s.claims[i as usize].quote.get(),
        };
        for (basis, map) in [
            (ReversalBasis::Proposition, by_prop),
            (ReversalBasis::Topic, by_topic),
        ] {
            let mut keys: Vec<(u32, u32)> = map.keys().copied().collect();
            keys.sort_unstable();
            for k in keys {
                let mut list = map[&k].clone();
                list.sort_by_key(|d| (d.date, d.item));
                for (a, b) in statement::polarity_changes(&list) {
                    if !seen.insert((a.item, b.item)) {
                        continue;
                    }
                    out.push(Reversal {
                        identity: IdentityId(k.0),
                        basis,
                        topic: s.claims[b.item as usize]
                            .topic
                            .get()
                            .map(|t| s.strings.get(t).to_string()),
                        before: member(a.item),
                        before_date: a.date,
                        after: member(b.item),
                        after_date: b.date,
                    });
                }
            }
        }
        out.sort_by_key(|r| (r.identity, r.after_date, r.after.claim));
        self.reversals = out;
    }
}

/// The hash documents are looked up by id with (the same in every run).
fn id_hash(id: &str) -> u64 {
    content::word_hash(id)
}

/// Where each document's records start, for records in document order
/// (`docs` + 1 entries); empty if they are not in document order.
fn starts(docs: usize, of_record: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out = Vec::with_capacity(docs + 1);
    out.push(0u32);
    let mut n = 0u32;
    for d in of_record {
        let d = d as usize;
        if d < out.len() - 1 || d >= docs {
            return Vec::new();
        }
        while out.len() <= d {
            out.push(n);
        }
        n += 1;
    }
    while out.len() <= docs {
        out.push(n);
    }
    out
}

fn doc_range(starts: &[u32], d: u32) -> Option<std::ops::Range<u32>> {
    let d = d as usize;
    Some(*starts.get(d)?..*starts.get(d + 1)?)
}

/// The part of `sorted` (ids in order of `date`) dated in `from..=to`.
fn dated_range(
    sorted: &[u32],
    date: impl Fn(&u32) -> Option<NaiveDate>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> &[u32] {
    let a = from.map_or(0, |f| sorted.partition_point(|i| date(i) < Some(f)));
    let b = to.map_or(sorted.len(), |t| {
        sorted.partition_point(|i| date(i) <= Some(t))
    });
    sorted.get(a..b.max(a)).unwrap_or(&[])
}

/// The content-word sets (32-bit word hashes) of texts `0..n`, handed to
/// `each` in order. They are computed in parallel a block of texts at a
/// time into one flat buffer per block, so that memory stays bounded and no
/// allocation is made per text.
fn for_each_word_set<'t>(
    n: usize,
    text: impl Fn(usize) -> &'t str + Sync,
    mut each: impl FnMut(usize, &[u32]),
) {
    const BLOCK: usize = 1024;
    const CHUNK: usize = 16 * BLOCK;
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK).min(n);
        let blocks: Vec<(Vec<u32>, Vec<usize>)> = (start..end)
            .step_by(BLOCK)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|from| {
                let to = (from + BLOCK).min(end);
                let mut flat = Vec::new();
                let mut ends = Vec::with_capacity(to - from);
                for i in from..to {
                    content::content_words_into(
                        text(i),
                        |w| content::word_hash(w) as u32,
                        &mut flat,
                    );
                    ends.push(flat.len());
                }
                (flat, ends)
            })
            .collect();
        let mut i = start;
        for (flat, ends) in &blocks {
            let mut from = 0;
            for &to in ends {
                each(i, flat.get(from..to).unwrap_or(&[]));
                from = to;
                i += 1;
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_come_in_order() {
        let texts: Vec<String> = (0..40_000)
            .map(|i| match i % 3 {
                0 => "no ground operations".to_string(),
                1 => String::new(),
                _ => format!("troops crossed {}", i + 100),
            })
            .collect();
        let mut seen = 0;
        for_each_word_set(
            texts.len(),
            |i| &texts[i],
            |i, w| {
                assert_eq!(i, seen);
                seen += 1;
                match i % 3 {
                    0 => assert!(w.contains(&(content::negation_hash() as u32)) && w.len() == 3),
                    1 => assert!(w.is_empty()),
                    _ => assert_eq!(w.len(), 3, "{}", texts[i]),
                }
            },
        );
        assert_eq!(seen, texts.len());
        assert_eq!(starts(3, [0, 0, 2].into_iter()), [0, 2, 2, 3]);
        assert_eq!(starts(2, std::iter::empty()), [0, 0, 0]);
        assert!(starts(3, [1, 0].into_iter()).is_empty());
        assert!(starts(1, [1].into_iter()).is_empty());
        assert_eq!(doc_range(&[0, 2, 2, 3], 1), Some(2..2));
        assert_eq!(doc_range(&[], 0), None);
        assert_eq!(normalise_topic("  Ground   Troops "), "ground troops");
    }
}
