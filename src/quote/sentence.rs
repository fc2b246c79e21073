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

/// Split the paragraphs into sentences.
pub(crate) fn split(text: &str, toks: &[Tok], paras: &[Para], q: &[InQuote]) -> Sentences {
    let mut ranges = Vec::new();
    let mut of = vec![0u32; toks.len()];
    for p in paras {
        let (Some(ts), Some(qs)) = (toks.get(p.first..p.end), q.get(p.first..p.end)) else {
            continue;
        };
        let mut start = p.first;
        for (j, (t, &qj)) in ts.iter().zip(qs).enumerate() {
            // Only a terminal (or a closing mark after one) before a
            // sentence's first token can end a sentence, or the
            // paragraph's end: test that first.
            let prev_terminal = || j > 0 && ts[j - 1].is_terminal();
            let candidate = match qj {
                InQuote::Out => t.is_terminal(),
                InQuote::Close => prev_terminal(),
                _ => false,
            };
            let next = ts.get(j + 1);
            let boundary = match next {
                None => true,
                Some(n) if candidate && starts_sentence(n) => {
                    // `candidate` holds: outside a quote the token is a
                    // terminal, at a closing mark the token before is.
                    let boundary = if qj == InQuote::Out {
                        let i = p.first + j;
                        !t.is_punct('.') || !abbreviation_before(text, toks, i, p.first)
                    } else {
                        n.cap() || n.is_mark()
                    };
                    // The next token must itself be outside a quote or open
                    // one (or start the words of a quote whose opening mark
                    // is lost).
                    let qn = qs[j + 1];
                    boundary
                        && (matches!(qn, InQuote::Out | InQuote::Open)
                            || (qj == InQuote::Out && qn == InQuote::In && n.cap()))
                }
                Some(_) => false,
            };
            if boundary {
                let i = p.first + j;
                let n = ranges.len() as u32;
                of[start..=i].fill(n);
                ranges.push((start, i + 1));
                start = i + 1;
            }
        }
        if p.end < toks.len() {
            of[p.end] = ranges.len() as u32;
        }
    }
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
    use super::super::token::tokenize;
    use super::*;
    use crate::article::Role;
    use crate::Span;

    #[test]
    fn splits_on_stops_not_abbreviations() {
        let text = "Sen. John Smith said no. The U.S. Army agreed. Then J. Doe left.";
        let mut toks = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut toks);
        let paras = [Para {
            span: Span::new(0, text.len()),
            role: Role::Body,
            first: 0,
            end: toks.len(),
        }];
        let q = vec![InQuote::Out; toks.len()];
        let s = split(text, &toks, &paras, &q);
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
