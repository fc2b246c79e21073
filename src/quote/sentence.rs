//! Sentences of the writer's text.
//!
//! Quotations are opaque: a full stop inside a quote does not end the
//! writer's sentence (`"A. B," he said.` is one sentence), but a quote that
//! ends with a full stop and is followed by a capital ends one. Sentences
//! never cross paragraph boundaries. Linear time.

use super::token::{Kind, Para, Tok};
use crate::lexicon::quote as lex;

/// What a token is with respect to quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum InQuote {
    /// The writer's text.
    #[default]
    Out,
    /// An opening mark.
    Open,
    /// Quoted words.
    In,
    /// A closing mark.
    Close,
}

/// Token ranges of sentences, in order, and each token's sentence index.
pub(crate) struct Sentences {
    /// `(first, end)` token ranges.
    pub ranges: Vec<(usize, usize)>,
    /// Sentence index of each token (paragraph breaks get the next one's).
    pub of: Vec<u32>,
}

fn starts_sentence(t: &Tok) -> bool {
    match t.kind() {
        Kind::Word => t.cap(),
        Kind::Mark(_) => true,
        Kind::Punct(c) => matches!(c, '(' | '[' | '—' | '-' | '–'),
        _ => false,
    }
}

/// Split the paragraphs into sentences. Only a paragraph's last token and
/// the tokens in `notes` (in order, every mark and terminal among them: see
/// `token::tokenize_noting`) can end a sentence, so only those are visited.
/// The arrays of the result are `room`'s, emptied first (their room is
/// reused).
pub(crate) fn split(
    text: &str,
    toks: &[Tok],
    paras: &[Para],
    q: &[InQuote],
    notes: &[u32],
    room: (Vec<(usize, usize)>, Vec<u32>),
) -> Sentences {
    let (mut ranges, mut of) = room;
    // At most a sentence per note and one more per paragraph.
    ranges.clear();
    ranges.reserve(notes.len() + paras.len());
    // Each token's sentence index is written once, sentence by sentence,
    // as the paragraphs (in order, one after the other) are split.
    of.clear();
    of.reserve(toks.len());
    // The next note to visit.
    let mut k = 0;
    for p in paras {
        let (Some(ts), Some(qs)) = (toks.get(p.first..p.end), q.get(p.first..p.end)) else {
            continue;
        };
        let Some(last) = ts.len().checked_sub(1) else {
            continue;
        };
        let mut start = p.first;
        // Tokens between paragraphs (none from `Doc`, whose paragraphs
        // follow one another) get the next sentence's index.
        of.resize(start, ranges.len() as u32);
        let mut close = |i: usize, start: &mut usize| {
            let n = ranges.len() as u32;
            of.extend(std::iter::repeat(n).take(i + 1 - *start));
            ranges.push((*start, i + 1));
            *start = i + 1;
        };
        while notes.get(k).is_some_and(|&n| (n as usize) < p.first) {
            k += 1;
        }
        while let Some(&n) = notes.get(k).filter(|&&n| (n as usize) < p.first + last) {
            k += 1;
            let j = n as usize - p.first;
            let (t, qj) = (&ts[j], qs[j]);
            // Only a terminal (or a closing mark after one) before a
            // sentence's first token can end a sentence: test that first.
            let candidate = match qj {
                InQuote::Out => t.is_terminal(),
                InQuote::Close => j > 0 && ts[j - 1].is_terminal(),
                _ => false,
            };
            let next = &ts[j + 1];
            if !candidate || !starts_sentence(next) {
                continue;
            }
            // `candidate` holds: outside a quote the token is a terminal, at
            // a closing mark the token before is.
            let boundary = if qj == InQuote::Out {
                let i = p.first + j;
                !t.is_punct('.') || !abbreviation_before(text, toks, i, p.first)
            } else {
                next.cap() || next.is_mark()
            };
            // The next token must itself be outside a quote or open one (or
            // start the words of a quote whose opening mark is lost).
            let qn = qs[j + 1];
            if boundary
                && (matches!(qn, InQuote::Out | InQuote::Open)
                    || (qj == InQuote::Out && qn == InQuote::In && next.cap()))
            {
                close(p.first + j, &mut start);
            }
        }
        // The paragraph's end ends a sentence.
        close(p.first + last, &mut start);
    }
    of.resize(toks.len(), ranges.len() as u32);
    Sentences { ranges, of }
}

/// Whether the `.` at `i` closes an abbreviation or an initial.
pub(super) fn abbreviation_before(text: &str, toks: &[Tok], i: usize, first: usize) -> bool {
    if i == first {
        return false;
    }
    let prev = &toks[i - 1];
    if !prev.is_word() || prev.span().end != toks[i].span().start {
        return false;
    }
    let w = prev.span().of(text);
    let single_initial = w.len() == 1 && w.bytes().all(|b| b.is_ascii_uppercase());
    single_initial || w.contains('.') || (prev.cap() && prev.is(lex::class::ABBR))
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize_noting;
    use super::*;
    use crate::article::Role;
    use crate::Span;

    #[test]
    fn splits_on_stops_not_abbreviations() {
        let text = "Sen. John Smith said no. The U.S. Army agreed. Then J. Doe left.";
        let (mut toks, mut notes) = (Vec::new(), Vec::new());
        tokenize_noting(
            text,
            Span::new(0, text.len()),
            &mut toks,
            &mut notes,
            &mut Vec::new(),
        );
        let paras = [Para {
            span: Span::new(0, text.len()),
            role: Role::Body,
            first: 0,
            end: toks.len(),
        }];
        let q = vec![InQuote::Out; toks.len()];
        let s = split(text, &toks, &paras, &q, &notes, Default::default());
        let got: Vec<_> = s
            .ranges
            .iter()
            .map(|&(a, b)| &text[toks[a].span().start..toks[b - 1].span().end])
            .collect();
        assert_eq!(
            got,
            [
                "Sen. John Smith said no.",
                "The U.S. Army agreed.",
                "Then J. Doe left."
            ]
        );
    }
}
