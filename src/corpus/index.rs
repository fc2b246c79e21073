//! The derived data of a corpus: identities, statements, reversals and the
//! query indexes (HashMaps from identity, topic and outlet to sorted vectors
//! of claim and quote ids). Built in one pass over the store.

use super::content;
use super::identity::{Identities, Identity, IdentityId, Mention};
use super::statement::{self, Dated, Member, Reversal, ReversalBasis, Statement, StatementId};
use super::store::Store;
use crate::Polarity;
use rayon::prelude::*;
use std::collections::HashMap;

/// No identity / statement.
pub(crate) const NONE: u32 = u32::MAX;

/// Everything derived from a store.
#[derive(Debug, Default)]
pub(crate) struct Index {
    pub(crate) identity_set: Identities,
    pub(crate) quote_identity: Vec<u32>,
    pub(crate) claim_identity: Vec<u32>,
    pub(crate) claims_by_identity: HashMap<u32, Vec<u32>>,
    pub(crate) claims_by_topic: HashMap<u32, Vec<u32>>,
    pub(crate) claims_by_pair: HashMap<(u32, u32), Vec<u32>>,
    pub(crate) claims_by_outlet: HashMap<u32, Vec<u32>>,
    pub(crate) quotes_by_identity: HashMap<u32, Vec<u32>>,
    pub(crate) quotes_by_outlet: HashMap<u32, Vec<u32>>,
    /// Normalised topic -> interned topics.
    pub(crate) topics: HashMap<String, Vec<u32>>,
    /// Lowercased outlet -> interned outlets.
    pub(crate) outlets: HashMap<String, Vec<u32>>,
    /// Document id -> document.
    pub(crate) doc_ids: HashMap<String, u32>,
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
        let mut uses: HashMap<(u32, u32), u32> = HashMap::new();
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
                m.roles = p.roles.iter().map(|&r| s.strings.get(r)).collect();
                m.uses = uses.get(&(p.doc, p.name)).copied().unwrap_or(1);
                m
            })
            .collect();
        ix.identity_set = Identities::resolve(&mentions);
        let mut of_name: HashMap<(u32, u32), u32> = HashMap::with_capacity(s.people.len());
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
        for (i, d) in s.docs.iter().enumerate() {
            ix.doc_ids.entry(d.id.clone()).or_insert(i as u32);
        }

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
        let claim_words: Vec<Vec<u64>> = s
            .claims
            .par_iter()
            .map(|c| content::content_words(s.text(c.doc, c.span), content::word_hash))
            .collect();
        let quote_words: Vec<Vec<u64>> = s
            .quotes
            .par_iter()
            .zip(has_claim.par_iter())
            .map(|(q, &has)| {
                if has {
                    Vec::new()
                } else {
                    content::content_words(s.text(q.doc, q.span), content::word_hash)
                }
            })
            .collect();

        // Statements: per speaker and polarity.
        let mut units: Vec<(u64, &[u64])> = Vec::new();
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
            units.push((u64::from(id) * 4 + pol, &claim_words[i]));
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
            units.push((u64::from(id) * 4 + 2, &quote_words[i]));
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

        // Propositions: claims of any speaker and polarity with similar words.
        let neg = content::negation_hash();
        let stripped: Vec<Vec<u64>> = claim_words
            .par_iter()
            .map(|w| w.iter().copied().filter(|&x| x != neg).collect())
            .collect();
        let items: Vec<(u64, &[u64])> = stripped.iter().map(|w| (0, w.as_slice())).collect();
        self.claim_proposition = statement::cluster(&items);
    }

    fn build_reversals(&mut self, s: &Store) {
        let mut by_prop: HashMap<(u32, u32), Vec<Dated>> = HashMap::new();
        let mut by_topic: HashMap<(u32, u32), Vec<Dated>> = HashMap::new();
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
