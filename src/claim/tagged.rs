//! A text with its lexicon hits: the claim stage tags a quote once and
//! works on slices of it after that.

use super::scan;
use crate::lexicon::claim::{self, Hit, Tag};
use crate::Span;

/// A text and every lexicon hit in it (spans relative to the text).
#[derive(Clone, Debug)]
pub(crate) struct Tagged<'t> {
    pub text: &'t str,
    pub hits: Vec<Hit>,
}

impl<'t> Tagged<'t> {
    /// Tag `text` (one pass of the claim lexicon).
    pub(crate) fn new(text: &'t str) -> Self {
        Tagged {
            text,
            hits: claim::tag(text),
        }
    }

    /// The part `start..end` (clamped to char boundaries) with the hits
    /// wholly inside it, shifted.
    pub(crate) fn sub(&self, start: usize, end: usize) -> Tagged<'t> {
        let end = floor(self.text, end.min(self.text.len()));
        let start = floor(self.text, start.min(end));
        let hits = self
            .hits
            .iter()
            .filter(|h| h.span.start >= start && h.span.end <= end)
            .map(|h| Hit {
                span: Span::new(h.span.start - start, h.span.end - start),
                tag: h.tag,
            })
            .collect();
        Tagged {
            text: &self.text[start..end],
            hits,
        }
    }

    /// The first sentence.
    pub(crate) fn first_sentence(&self) -> Tagged<'t> {
        self.sub(0, scan::first_sentence_end(self.text))
    }

    /// The first `n` words.
    pub(crate) fn head(&self, n: usize) -> Tagged<'t> {
        let end = scan::words(self.text)
            .nth(n)
            .map_or(self.text.len(), |(s, _)| s);
        self.sub(0, end)
    }

    /// Whether a hit carries a tag `keep` accepts.
    pub(crate) fn has(&self, keep: impl Fn(Tag) -> bool) -> bool {
        self.hits.iter().any(|h| keep(h.tag))
    }

    /// The accepted hits, longest first where they overlap (see [`claim::longest`]).
    pub(crate) fn longest(&self, keep: impl Fn(Tag) -> bool) -> Vec<Hit> {
        claim::longest(&self.hits, keep)
    }
}

/// The largest char boundary of `text` at or before `i`.
fn floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_shifts_hits_and_drops_straddlers() {
        let t = Tagged::new("We are not in Syria. No one is.");
        let first = t.first_sentence();
        assert_eq!(first.text, "We are not in Syria.");
        assert!(first.has(|t| t == Tag::Negator));
        assert!(first.has(|t| matches!(t, Tag::Place("Syria"))));
        let second = t.sub(21, t.text.len());
        let negs = second.longest(|t| t == Tag::Negator);
        assert_eq!(negs.len(), 1);
        assert_eq!(negs[0].span.of(second.text), "No one");
        assert_eq!(
            t.sub(8, 9).hits.len(),
            0,
            "a hit cut by the edge is dropped"
        );
        assert_eq!(
            Tagged::new("né").sub(0, 2).text,
            "n",
            "clamped to a char boundary"
        );
    }
}
