//! Statements and reversals.
//!
//! A **statement** is what one speaker said once, as one or more outlets
//! report it, often in different translations. Claims (and quotes that carry
//! no claim) of one speaker identity and one polarity are grouped when their
//! content words (lowercased, stemmed, synonyms and negations unified) are similar: Jaccard index at
//! least [`THRESHOLD`], or four fifths of a short set inside a longer one.
//! Candidates come from an inverted index of (speaker, word) → statements,
//! so grouping stays near-linear in the number of claims.
//!
//! A **reversal** is a speaker whose claims on one proposition (claims with
//! similar content, either polarity) or one topic change polarity from one
//! date to a later one.

use super::content;
use super::identity::IdentityId;
use super::store::IntMap;
use crate::{Polarity, Span};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Least similarity for two reports to be one statement.
pub const THRESHOLD: f32 = 0.5;

/// Statement postings longer than this are not probed (words too common to
/// find candidates by; they still count in the similarity).
const MAX_POSTING: usize = 512;

/// The id of a [`Statement`] (its index in [`Corpus::statements`](super::Corpus::statements)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StatementId(pub u32);

/// One report of a statement, or one side of a reversal: a claim or quote
/// of the corpus (indexes into its claims and quotes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Member {
    /// The claim, if the report is a claim.
    pub claim: Option<u32>,
    /// The quote.
    pub quote: Option<u32>,
}

/// One speaker's words as one or more outlets report them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Statement {
    /// Its id.
    pub id: StatementId,
    /// Who said it.
    pub identity: IdentityId,
    /// Asserted or denied (`None` for quotes that carry no claim).
    pub polarity: Option<Polarity>,
    /// The reports, in corpus order.
    pub members: Vec<Member>,
}

/// One report of a statement or claim as printed: where, when and in which
/// words. Borrowed from the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Report<'c> {
    /// Document id.
    pub document: &'c str,
    /// Outlet.
    pub outlet: Option<&'c str>,
    /// Date of the claim, or of the document.
    pub date: Option<NaiveDate>,
    /// Byte span in the document's text.
    pub span: Span,
    /// The words.
    pub text: &'c str,
    /// The speaker as the document names them.
    pub speaker: Option<&'c str>,
    /// Asserted or denied, for a claim.
    pub polarity: Option<Polarity>,
}

/// What a reversal is found on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ReversalBasis {
    /// Claims with similar content words (the same proposition).
    Proposition,
    /// Claims with the same topic.
    Topic,
}

/// A speaker whose claims changed polarity over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reversal {
    /// Who.
    pub identity: IdentityId,
    /// Found on a proposition or a topic.
    pub basis: ReversalBasis,
    /// The topic, if found on a topic.
    pub topic: Option<String>,
    /// The earlier claim.
    pub before: Member,
    /// Its date.
    pub before_date: NaiveDate,
    /// The later claim, of the other polarity.
    pub after: Member,
    /// Its date.
    pub after_date: NaiveDate,
}

/// Groups items into clusters one at a time: an item joins the most
/// similar cluster with the same key whose first item's word set is at
/// least [`THRESHOLD`] similar to its own, or starts a new one. Keeps only
/// the first item's words of each cluster, so items can be streamed.
pub(crate) struct Clusterer<T> {
    /// The words of each cluster's first item, flat; cluster `c`'s are
    /// `words[starts[c]..starts[c + 1]]`.
    words: Vec<T>,
    starts: Vec<u32>,
    postings: IntMap<(u64, T), Vec<u32>>,
    shared: IntMap<u32, u32>,
}

impl<T> Default for Clusterer<T> {
    fn default() -> Self {
        Clusterer {
            words: Vec::new(),
            starts: vec![0],
            postings: IntMap::default(),
            shared: IntMap::default(),
        }
    }
}

impl<T: Ord + Copy + std::hash::Hash> Clusterer<T> {
    fn leader(&self, c: u32) -> &[T] {
        let c = c as usize;
        match (self.starts.get(c), self.starts.get(c + 1)) {
            (Some(&a), Some(&b)) => self.words.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The cluster of the next item: `key` and its sorted word set.
    pub(crate) fn add(&mut self, key: u64, words: &[T]) -> u32 {
        self.shared.clear();
        for w in words {
            if let Some(list) = self.postings.get(&(key, *w)) {
                if list.len() <= MAX_POSTING {
                    for &c in list {
                        *self.shared.entry(c).or_default() += 1;
                    }
                }
            }
        }
        let mut best: Option<(f32, u32)> = None;
        for &c in self.shared.keys() {
            let sim = content::similarity(words, self.leader(c));
            if sim >= THRESHOLD && best.map_or(true, |(b, bc)| sim > b || (sim == b && c < bc)) {
                best = Some((sim, c));
            }
        }
        if let Some((_, c)) = best {
            return c;
        }
        let c = self.starts.len() as u32 - 1;
        self.words.extend_from_slice(words);
        self.starts.push(self.words.len() as u32);
        for w in words {
            self.postings.entry((key, *w)).or_default().push(c);
        }
        c
    }
}

/// Each item's cluster (see [`Clusterer`]).
#[cfg(test)]
pub(crate) fn cluster<T: Ord + Copy + std::hash::Hash>(items: &[(u64, &[T])]) -> Vec<u32> {
    let mut c = Clusterer::default();
    items
        .iter()
        .map(|(key, words)| c.add(*key, words))
        .collect()
}

/// One claim as reversal detection sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dated {
    pub(crate) item: u32,
    pub(crate) date: NaiveDate,
    pub(crate) polarity: Polarity,
}

/// Polarity changes in one speaker's claims on one key, `claims` sorted by
/// date then corpus order: at each date whose claims all have one polarity
/// while the latest earlier date had a claim of the other, a pair (that
/// claim, the first claim of the date).
pub(crate) fn polarity_changes(claims: &[Dated]) -> Vec<(Dated, Dated)> {
    let mut out = Vec::new();
    let mut prev: &[Dated] = &[];
    let mut i = 0;
    while i < claims.len() {
        let d = claims[i].date;
        let mut j = i;
        while j < claims.len() && claims[j].date == d {
            j += 1;
        }
        let group = &claims[i..j];
        let p = group[0].polarity;
        if group.iter().all(|c| c.polarity == p) {
            if let Some(before) = prev.iter().rev().find(|c| c.polarity != p) {
                out.push((*before, group[0]));
            }
        }
        prev = group;
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn words(texts: &[&str]) -> Vec<Vec<u32>> {
        let mut ids: HashMap<String, u32> = HashMap::new();
        texts
            .iter()
            .map(|t| {
                content::content_words(t, |w| {
                    let n = ids.len() as u32;
                    *ids.entry(w.to_string()).or_insert(n)
                })
            })
            .collect()
    }

    #[test]
    fn translations_of_one_statement_group() {
        let texts = [
            "there are no and can be no ground operations, there are no and can be no land troops",
            "There are not and cannot be any ground operations, any troops 'on the land.'",
            "No one is recruiting Russian volunteers to serve in Syria",
            "Russia is not calling any volunteers to go to Syria, is not enlisting anyone",
            "There are no ground operations",
            "We will send troops to the border",
        ];
        let w = words(&texts);
        let items: Vec<(u64, &[u32])> = w.iter().map(|v| (1, v.as_slice())).collect();
        let c = cluster(&items);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[0], c[4]);
        assert_ne!(c[0], c[2]);
        assert_ne!(c[0], c[5]);
        assert_ne!(c[2], c[5]);
        // Another speaker's same words are another statement.
        let items: Vec<(u64, &[u32])> = vec![(1, &w[0]), (2, &w[1])];
        let c = cluster(&items);
        assert_ne!(c[0], c[1]);
    }

    #[test]
    fn clustering_is_near_linear() {
        let w = words(&[
            "alpha beta gamma delta",
            "alpha beta gamma epsilon",
            "zeta eta theta",
        ]);
        let items: Vec<(u64, &[u32])> = (0..30_000)
            .map(|i| (i % 7, w[(i % 3) as usize].as_slice()))
            .collect();
        let start = std::time::Instant::now();
        let c = cluster(&items);
        assert!(start.elapsed().as_secs() < 5);
        let distinct: std::collections::HashSet<u32> = c.iter().copied().collect();
        assert_eq!(distinct.len(), 14);
    }

    fn d(item: u32, day: u32, polarity: Polarity) -> Dated {
        Dated {
            item,
            date: NaiveDate::from_ymd_opt(2020, 3, day).unwrap(),
            polarity,
        }
    }

    #[test]
    fn reversals_over_time() {
        use Polarity::*;
        let r = polarity_changes(&[d(0, 3, Asserted), d(1, 3, Asserted), d(2, 5, Denied)]);
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].0.item, r[0].1.item), (1, 2));
        // Same day, both polarities: not a change over time.
        assert!(polarity_changes(&[d(0, 3, Asserted), d(1, 3, Denied)]).is_empty());
        // Back and forth.
        let r = polarity_changes(&[d(0, 1, Denied), d(1, 2, Asserted), d(2, 3, Denied)]);
        assert_eq!(r.len(), 2);
        // Mixed day, then a pure one.
        let r = polarity_changes(&[d(0, 5, Asserted), d(1, 5, Denied), d(2, 6, Asserted)]);
        assert_eq!((r[0].0.item, r[0].1.item), (1, 2));
        assert!(polarity_changes(&[]).is_empty());
    }
}
