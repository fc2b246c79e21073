//! The derived data of a corpus: identities, statements, reversals and the
//! query indexes (HashMaps from identity, topic and outlet to sorted vectors
//! of claim and quote ids). Built in one pass over the store.

use super::content;
use super::identity::{Identities, Identity, IdentityId, Mention};
use super::statement::{self, Dated, Member, Reversal, ReversalBasis, Statement, StatementId};
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
    pub(crate) claims_by_outlet: IntMap<u32, Vec<u32>>,
    pub(crate) quotes_by_identity: IntMap<u32, Vec<u32>>,
    pub(crate) quotes_by_outlet: IntMap<u32, Vec<u32>>,
    /// Normalised topic -> interned topics.
    pub(crate) topics: HashMap<String, Vec<u32>>,
    /// Lowercased outlet -> interned outlets.
    pub(crate) outlets: HashMap<String, Vec<u32>>,
    /// Outlet and date of each document, compact for query filters.
    pub(crate) doc_outlets: Vec<u32>,
    pub(crate) doc_dates: Vec<Option<NaiveDate>>,
    /// Documents sorted by id (first of equal ids first), for lookups by id.
    pub(crate) doc_order: Vec<u32>,
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
        let at = self
            .doc_order
            .partition_point(|&d| s.docs[d as usize].id.as_str() < id);
        self.doc_order
            .get(at)
            .copied()
            .filter(|&d| s.docs[d as usize].id == id)
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
            if let Some(n) = q.speaker {
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
        ix.quote_identity = s.quotes.iter().map(|q| lookup(q.doc, q.speaker)).collect();
        ix.claim_identity = s
            .claims
            .iter()
            .map(|c| match lookup(c.doc, c.speaker) {
                NONE => c
                    .quote
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
            if let Some(t) = c.topic {
                ix.claims_by_topic.entry(t).or_default().push(i);
                if id != NONE {
                    ix.claims_by_pair.entry((id, t)).or_default().push(i);
                }
            }
            if let Some(o) = s.docs.get(c.doc as usize).and_then(|d| d.outlet) {
                ix.claims_by_outlet.entry(o).or_default().push(i);
            }
        }
        for (i, q) in s.quotes.iter().enumerate() {
            let id = ix.quote_identity[i];
            if id != NONE {
                ix.quotes_by_identity.entry(id).or_default().push(i as u32);
            }
            if let Some(o) = s.docs.get(q.doc as usize).and_then(|d| d.outlet) {
                ix.quotes_by_outlet.entry(o).or_default().push(i as u32);
            }
        }
        let mut counts = vec![0u32; s.quotes.len() + 1];
        for c in &s.claims {
            if let Some(q) = c.quote.filter(|&q| (q as usize) < s.quotes.len()) {
                counts[q as usize + 1] += 1;
            }
        }
        for q in 1..counts.len() {
            counts[q] += counts[q - 1];
        }
        let mut fill = counts.clone();
        ix.quote_claims = vec![0; counts.last().copied().unwrap_or(0) as usize];
        for (i, c) in s.claims.iter().enumerate() {
            if let Some(q) = c.quote.filter(|&q| (q as usize) < s.quotes.len()) {
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
        let mut outlets: Vec<u32> = s.docs.iter().filter_map(|d| d.outlet).collect();
        outlets.sort_unstable();
        outlets.dedup();
        for o in outlets {
            ix.outlets
                .entry(s.strings.get(o).trim().to_lowercase())
                .or_default()
                .push(o);
        }
        ix.doc_outlets = s.docs.iter().map(|d| d.outlet.unwrap_or(NONE)).collect();
        ix.doc_dates = s.docs.iter().map(|d| d.date).collect();
        ix.doc_order = (0..s.docs.len() as u32).collect();
        ix.doc_order.par_sort_by(|&a, &b| {
            s.docs[a as usize]
                .id
                .cmp(&s.docs[b as usize].id)
                .then(a.cmp(&b))
        });

        ix.build_statements(s);
        ix.build_reversals(s);
        ix
    }

    fn build_statements(&mut self, s: &Store) {
        // Content words of every claim, and of every quote without one.
        let mut has_claim = vec![false; s.quotes.len()];
        for c in &s.claims {
            if let Some(q) = c.quote {
                if let Some(h) = has_claim.get_mut(q as usize) {
                    *h = true;
                }
            }
        }
        let claim_words = WordSets::build(s.claims.len(), |i| {
            let c = &s.claims[i];
            s.text(c.doc, c.span)
        });
        let quote_words = WordSets::build(s.quotes.len(), |i| {
            let q = &s.quotes[i];
            if has_claim[i] {
                ""
            } else {
                s.text(q.doc, q.span)
            }
        });

        // Statements: per speaker and polarity.
        let mut units: Vec<(u64, &[u32])> = Vec::new();
        let mut members: Vec<Member> = Vec::new();
        for (i, c) in s.claims.iter().enumerate() {
            let id = self.claim_identity[i];
            if id == NONE {
                continue;
            }
            let pol = match c.polarity {
                Polarity::Asserted => 0,
                _ => 1,
            };
            units.push((u64::from(id) * 4 + pol, claim_words.get(i)));
            members.push(Member {
                claim: Some(i as u32),
                quote: c.quote,
            });
        }
        for (i, _) in s.quotes.iter().enumerate() {
            let id = self.quote_identity[i];
            if id == NONE || has_claim[i] {
                continue;
            }
            units.push((u64::from(id) * 4 + 2, quote_words.get(i)));
            members.push(Member {
                claim: None,
                quote: Some(i as u32),
            });
        }
        let groups = statement::cluster(&units);
        self.claim_statement = vec![NONE; s.claims.len()];
        self.quote_statement = vec![NONE; s.quotes.len()];
        let mut statements: Vec<Statement> = Vec::new();
        for ((g, m), (key, _)) in groups.iter().zip(&members).zip(&units) {
            let g = *g as usize;
            if g == statements.len() {
                statements.push(Statement {
                    id: StatementId(g as u32),
                    identity: IdentityId((key / 4) as u32),
                    polarity: match key % 4 {
                        0 => Some(Polarity::Asserted),
                        1 => Some(Polarity::Denied),
                        _ => None,
                    },
                    members: Vec::new(),
                });
            }
            if let Some(st) = statements.get_mut(g) {
                st.members.push(*m);
            }
            if let Some(c) = m.claim {
                self.claim_statement[c as usize] = g as u32;
            }
            if let Some(q) = m.quote {
                if self.quote_statement[q as usize] == NONE {
                    self.quote_statement[q as usize] = g as u32;
                }
            }
        }
        self.statements = statements;

        drop(units);
        drop(quote_words);
        // Propositions: claims of any speaker and polarity with similar words.
        let mut claim_words = claim_words;
        claim_words.remove(content::negation_hash() as u32);
        let items: Vec<(u64, &[u32])> = (0..s.claims.len())
            .map(|i| (0, claim_words.get(i)))
            .collect();
        self.claim_proposition = statement::cluster(&items);
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
            if let Some(g) = c.group {
                let next = groups.len() as u32;
                let g = *groups.entry(g).or_insert(next);
                by_prop.entry((id, first_group + g)).or_default().push(d);
            }
            if let Some(t) = c.topic {
                by_topic.entry((id, t)).or_default().push(d);
            }
        }
        let mut out: Vec<Reversal> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let member = |i: u32| Member {
            claim: Some(i),
            quote: s.claims[i as usize].quote,
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

/// The content-word sets of many texts in one flat vector (32-bit word
/// hashes), built in parallel a chunk at a time so that no per-text
/// allocation outlives its chunk.
struct WordSets {
    flat: Vec<u32>,
    /// Set `i` is `flat[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
}

impl WordSets {
    fn build<'t>(n: usize, text: impl Fn(usize) -> &'t str + Sync) -> WordSets {
        const CHUNK: usize = 1 << 15;
        let mut flat = Vec::new();
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0u32);
        let mut start = 0;
        while start < n {
            let end = (start + CHUNK).min(n);
            let sets: Vec<Vec<u32>> = (start..end)
                .into_par_iter()
                .map(|i| content::content_words(text(i), |w| content::word_hash(w) as u32))
                .collect();
            for set in sets {
                flat.extend_from_slice(&set);
                offsets.push(flat.len() as u32);
            }
            start = end;
        }
        WordSets { flat, offsets }
    }

    fn get(&self, i: usize) -> &[u32] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.flat.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Drop `word` from every set.
    fn remove(&mut self, word: u32) {
        let mut write = 0usize;
        let mut read_start = 0usize;
        for i in 1..self.offsets.len() {
            let read_end = self.offsets[i] as usize;
            for r in read_start..read_end {
                if self.flat[r] != word {
                    self.flat[write] = self.flat[r];
                    write += 1;
                }
            }
            read_start = read_end;
            self.offsets[i] = write as u32;
        }
        self.flat.truncate(write);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_are_flat_and_drop_a_word() {
        let texts = ["no ground operations", "", "troops are not coming", "no"];
        let mut w = WordSets::build(texts.len(), |i| texts[i]);
        let neg = content::negation_hash() as u32;
        assert_eq!(w.get(0).len(), 3);
        assert!(w.get(1).is_empty());
        assert!(w.get(0).contains(&neg));
        w.remove(neg);
        assert_eq!(w.get(0).len(), 2);
        assert_eq!(w.get(2).len(), 2);
        assert!(w.get(3).is_empty());
        assert!(w.get(9).is_empty());
        assert_eq!(normalise_topic("  Ground   Troops "), "ground troops");
    }
}
