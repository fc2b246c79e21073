//! Quotation-mark scanning and pairing.
//!
//! One left-to-right pass over the mark tokens of each paragraph, with O(1)
//! work per mark, pairs opening and closing marks of every style: `"…"`,
//! `“…”`, `„…“`, `«…»`, `''…''` (the double family, outer quotes) and `‘…’`,
//! `'…'`, `‚…‘`, `‹…›` (the single family, nested quotes or British style).
//!
//! Each mark is read from its glyph and its flanks (white space before or
//! after), so a page whose marks are broken still pairs sensibly: `“…“,` closes
//! with an opening glyph, a closing mark with no opening one is kept as a
//! *stray* close (the caller decides where its quote starts), and an opening
//! mark that is never closed runs to the end of its paragraph, or on into the
//! next paragraph when that one reopens with a mark (a multi-paragraph quote).
//! Marks of the single family inside a double quote are nested quotes and stay
//! inside it; apostrophes never reach this module (see `token`).

use super::token::{Glyph, Para, Tok};

/// A stretch of text in quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marked {
    /// Token index of the opening mark (`None` for a stray closing mark).
    pub open: Option<usize>,
    /// Token index of the closing mark (`None` when never closed).
    pub close: Option<usize>,
    /// First content token.
    pub first: usize,
    /// One past the last content token.
    pub end: usize,
    /// Whether the marks are of the double family.
    pub double: bool,
    /// The opening mark is directly followed by punctuation (`“. They`), the
    /// sign of a mangled mark that reopens the quote before it.
    pub punct_open: bool,
}

impl Marked {
    /// A stretch in marks of the double family.
    fn double(
        open: Option<usize>,
        close: Option<usize>,
        first: usize,
        end: usize,
        punct_open: bool,
    ) -> Marked {
        Marked {
            open,
            close,
            first,
            end,
            double: true,
            punct_open,
        }
    }
}

/// What a mark does where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Act {
    Open,
    Close,
    Ignore,
}

/// Flanks of the mark at `i`: (opens a word on its right, closes one on its left).
#[inline(always)]
fn flanks(toks: &[Tok], i: usize, para_end: usize) -> (bool, bool) {
    let t = &toks[i];
    let at_end = i + 1 >= para_end;
    let next_is_close_punct = !at_end
        && !t.space_after()
        && matches!(
            toks[i + 1].punct(),
            Some('.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '…' | '-' | '—' | '–')
        );
    let next_is_mark = !at_end && !t.space_after() && toks[i + 1].is_mark();
    let prev_is_opener = i > 0
        && !t.space_before()
        && matches!(toks[i - 1].punct(), Some('(' | '[' | '—' | '–' | '-' | '/'));
    let left = (t.space_before() || prev_is_opener) && !t.space_after() && !at_end;
    let right = !t.space_before()
        && !prev_is_opener
        && (t.space_after() || at_end || next_is_close_punct || next_is_mark);
    (left, right)
}

fn act_double(g: Glyph, left: bool, right: bool, inside: bool, at_end: bool) -> Act {
    match g {
        Glyph::Straight | Glyph::DoubleApos => {
            if inside {
                if left && !right {
                    Act::Open
                } else {
                    Act::Close
                }
            } else if (right && !left) || at_end {
                Act::Close
            } else {
                Act::Open
            }
        }
        Glyph::LeftDouble => {
            if inside {
                if right && !left {
                    Act::Close
                } else if left {
                    Act::Open
                } else {
                    Act::Ignore
                }
            } else if at_end || (right && !left) {
                Act::Close
            } else {
                Act::Open
            }
        }
        Glyph::RightDouble => {
            if left && !right {
                Act::Open
            } else {
                Act::Close
            }
        }
        Glyph::LowDouble | Glyph::LeftAngle => Act::Open,
        Glyph::RightAngle => Act::Close,
        _ => Act::Ignore,
    }
}

fn act_single(g: Glyph, left: bool, right: bool, open: bool) -> Act {
    let opens = match g {
        Glyph::LeftSingle | Glyph::LowSingle | Glyph::LeftSingleAngle => !right || left,
        Glyph::Apos | Glyph::RightSingle => left && !right,
        _ => false,
    };
    let closes = match g {
        Glyph::RightSingle | Glyph::Apos | Glyph::LeftSingle => right && !left,
        Glyph::RightSingleAngle => true,
        _ => false,
    };
    if open && closes {
        Act::Close
    } else if !open && opens {
        Act::Open
    } else {
        Act::Ignore
    }
}

/// Pair the marks of every paragraph, visiting only the tokens in `notes`
/// (in order, every mark among them: see `token::tokenize_noting`), into
/// `out` (emptied first: its room is reused). The result is ordered by
/// first token and its spans are disjoint.
pub(crate) fn scan(toks: &[Tok], paras: &[Para], notes: &[u32], out: Vec<Marked>) -> Vec<Marked> {
    let mut out = out;
    out.clear();
    // Every stretch takes a mark of its own: at most one per note.
    out.reserve(notes.len());
    // An unclosed double quote carried from the previous paragraph.
    let mut carried: Option<(usize, usize, bool)> = None; // (open, first, punct_open)
                                                          // The next note to visit.
    let mut k = 0;
    for (pi, p) in paras.iter().enumerate() {
        let mut double: Option<(usize, usize, bool)> = carried.take();
        let mut single: Option<usize> = None;
        // First token after the last double mark: where a stray closing
        // mark's words can start.
        let mut after_mark = p.first;
        // The first token visited: a paragraph continuing a quote opens
        // with a mark that we skip.
        let mut from = p.first;
        if double.is_some() {
            if let Some(t) = toks.get(from) {
                if t.mark().is_some_and(Glyph::is_double) {
                    from += 1;
                }
            }
        }
        while notes.get(k).is_some_and(|&n| (n as usize) < from) {
            k += 1;
        }
        while let Some(&n) = notes.get(k).filter(|&&n| (n as usize) < p.end) {
            k += 1;
            let i = n as usize;
            let Some(g) = toks[i].mark() else {
                continue;
            };
            let (left, right) = flanks(toks, i, p.end);
            let at_end = i + 1 >= p.end;
            if g.is_double() {
                match act_double(g, left, right, double.is_some(), at_end) {
                    Act::Open => {
                        if let Some((o, first, po)) = double.take() {
                            push(&mut out, toks, Marked::double(Some(o), None, first, i, po));
                        }
                        single = None;
                        let po = !toks[i].space_after()
                            && toks
                                .get(i + 1)
                                .is_some_and(|t| matches!(t.punct(), Some('.' | ',' | ';' | ':')));
                        double = Some((i, i + 1, po));
                    }
                    Act::Close => {
                        if let Some((o, first, po)) = double.take() {
                            push(
                                &mut out,
                                toks,
                                Marked::double(Some(o), Some(i), first, i, po),
                            );
                        } else if after_mark < i {
                            // A closing mark with no opening one, after some words.
                            push(
                                &mut out,
                                toks,
                                Marked::double(None, Some(i), after_mark, i, false),
                            );
                        }
                        single = None;
                    }
                    Act::Ignore => {}
                }
                after_mark = i + 1;
            } else if double.is_none() {
                match act_single(g, left, right, single.is_some()) {
                    Act::Open => single = Some(i),
                    Act::Close => {
                        if let Some(o) = single.take() {
                            push(
                                &mut out,
                                toks,
                                Marked {
                                    double: false,
                                    ..Marked::double(Some(o), Some(i), o + 1, i, false)
                                },
                            );
                        }
                    }
                    Act::Ignore => {}
                }
            }
        }
        if let Some((o, first, po)) = double {
            let next_reopens = paras.get(pi + 1).is_some_and(|n| {
                n.role == p.role
                    && toks.get(n.first).is_some_and(|t| {
                        t.mark().is_some_and(Glyph::is_double) && flanks(toks, n.first, n.end).0
                    })
            });
            if next_reopens {
                carried = Some((o, first, po));
            } else {
                push(
                    &mut out,
                    toks,
                    Marked::double(Some(o), None, first, p.end, po),
                );
            }
        }
    }
    out
}

/// Keep `m` if it has content left once double marks at its edges are
/// trimmed: a content span never begins or ends with a quotation mark of the
/// double family (`«“…`, `…”»`, a stray `»` before the words).
#[inline(always)]
fn push(out: &mut Vec<Marked>, toks: &[Tok], m: Marked) {
    // An empty stretch (two marks side by side) is dropped without a call.
    if m.first < m.end {
        push_trimmed(out, toks, m);
    }
}

/// [`push`] for a stretch that is not empty.
#[inline(never)]
fn push_trimmed(out: &mut Vec<Marked>, toks: &[Tok], m: Marked) {
    let is_double = |i: usize| toks[i].mark().is_some_and(Glyph::is_double);
    let (mut first, mut end) = (m.first, m.end);
    while first < end && is_double(first) {
        first += 1;
    }
    while end > first && is_double(end - 1) {
        end -= 1;
    }
    if first < end {
        out.push(Marked { first, end, ..m });
    }
}

#[cfg(test)]
mod tests {
    use super::super::sentence::{split as split_sentences, InQuote};
    use super::super::token::tokenize_noting;
    use super::*;
    use crate::article::Role;
    use crate::Span;

    fn quoted(text: &str) -> Vec<String> {
        let (toks, paras, notes) = paragraphs(text);
        scan(&toks, &paras, &notes, Vec::new())
            .iter()
            .map(|m| text[toks[m.first].span().start..toks[m.end - 1].span().end].to_string())
            .collect()
    }

    /// The paragraphs of `text` (one a line) and their tokens and notes.
    fn paragraphs(text: &str) -> (Vec<Tok>, Vec<Para>, Vec<u32>) {
        let (mut toks, mut paras, mut notes) = (Vec::new(), Vec::new(), Vec::new());
        let mut off = 0;
        for line in text.split('\n') {
            let first = toks.len();
            tokenize_noting(
                text,
                Span::new(off, off + line.len()),
                &mut toks,
                &mut notes,
                &mut Vec::new(),
            );
            paras.push(Para {
                span: Span::new(off, off + line.len()),
                role: Role::Body,
                first,
                end: toks.len(),
            });
            off += line.len() + 1;
        }
        (toks, paras, notes)
    }

    /// The stretches `scan` finds in `text`, in bytes (marks by their
    /// start, content by its span), and its sentences in bytes: with runs
    /// of marks read as three tokens (`split` false) or a mark a token.
    #[allow(clippy::type_complexity)]
    fn in_bytes(
        text: &str,
        split: bool,
    ) -> (
        Vec<(Option<usize>, Option<usize>, usize, usize, bool, bool)>,
        Vec<(usize, usize)>,
    ) {
        let (mut toks, mut paras, mut notes) = paragraphs(text);
        if split {
            let (split, split_notes) = super::super::token::split_runs(text, &toks);
            // Each token's index once split.
            let mut to = Vec::new();
            let mut at = 0;
            for t in &toks {
                to.push(at);
                while at < split.len() && split[at].span().end <= t.span().end {
                    at += 1;
                }
            }
            to.push(at);
            for p in &mut paras {
                (p.first, p.end) = (to[p.first], to[p.end]);
            }
            (toks, notes) = (split, split_notes);
        }
        let marked = scan(&toks, &paras, &notes, Vec::new());
        let at = |i: usize| toks[i].span().start;
        let stretches = marked
            .iter()
            .map(|m| {
                let content = (at(m.first), toks[m.end - 1].span().end);
                let (open, close) = (m.open.map(at), m.close.map(at));
                (open, close, content.0, content.1, m.double, m.punct_open)
            })
            .collect();
        let mut q = vec![InQuote::Out; toks.len()];
        for m in &marked {
            if let Some(o) = m.open {
                q[o] = InQuote::Open;
            }
            q[m.first..m.end].fill(InQuote::In);
            if let Some(c) = m.close {
                q[c] = InQuote::Close;
            }
        }
        let sents = split_sentences(text, &toks, &paras, &q, &notes, Default::default());
        let sentences = sents
            .ranges
            .iter()
            .map(|&(a, b)| (at(a), toks[b - 1].span().end))
            .collect();
        (stretches, sentences)
    }

    #[test]
    fn runs_pair_as_mark_by_mark() {
        let texts = [
            "He said \"\"\"\"\" no.",
            "\"A \"\"\" b,\" he said. \"\"\"C d.\"\"\" E f\"\"\"g \"\"\"",
            "x “““A b”””, he said. ”””C d“““ e.",
            "«««a»»» b „„„c““““ d «e»»» f",
            "‘‘‘x’’’ y ’’’z ‘a ’’’ b’ c‚‚‚d‘‘‘ ‹‹‹e››› f",
            "\"A b.\"\"\"\" He left. “C.”””” D. “E.“““ F",
            "<tweet pic=\"\" author=\"x\"> ,Liebe’’ stehe ,dodim’’ — ein",
            "a ’’’s b’’’’ c (\"\"\"d\"\"\") [“““e”””]; —\"\"\"f\"\"\"—",
            "“A b.\n“““C d,””” he said.\n\"\"\"E\n\"\"\" f\"\"\"",
            "\"\"\"\"\"\"\"\"\"\"\n“““““““\n’’’’’’’\n\"\"\"\"\"\"\"\"\"",
        ];
        for text in texts {
            let merged = in_bytes(text, false);
            assert_eq!(merged, in_bytes(text, true), "{text}");
            assert!(!merged.1.is_empty());
        }
        // Something pairs across runs.
        let (stretches, _) = in_bytes(texts[2], false);
        assert!(stretches.len() >= 2);
    }

    #[test]
    fn every_style() {
        assert_eq!(quoted("\"A b,\" he said."), ["A b,"]);
        assert_eq!(quoted("“A b,” he said."), ["A b,"]);
        assert_eq!(quoted("„A b“, sagte er."), ["A b"]);
        assert_eq!(quoted("«A b», he said."), ["A b"]);
        assert_eq!(quoted("''A b,'' he said."), ["A b,"]);
        assert_eq!(quoted("‘A b,’ he said."), ["A b,"]);
        assert_eq!(quoted("‹A b›, he said."), ["A b"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quoted("Russia’s plan, don't go, the '90s, the allies' view.").is_empty());
    }

    #[test]
    fn nested_stay_inside() {
        assert_eq!(
            quoted("\"No troops 'on the land.'\" she said"),
            ["No troops 'on the land.'"]
        );
    }

    #[test]
    fn broken_marks() {
        assert_eq!(quoted("“A on the ground“, he said."), ["A on the ground"]);
        assert_eq!(quoted("He said. B c.\" D"), ["He said. B c."]);
        assert_eq!(quoted("x “A b"), ["A b"]);
    }

    #[test]
    fn content_never_keeps_edge_marks() {
        // A double opening (`«“`) and an empty pair before a stray close.
        assert_eq!(
            quoted("x «“the minister stressed."),
            ["the minister stressed."]
        );
        assert_eq!(
            quoted("«»Lavrov said. B is leaving”, he"),
            ["Lavrov said. B is leaving"]
        );
        assert_eq!(quoted("“A b”» c"), ["A b"]);
    }

    #[test]
    fn multi_paragraph() {
        assert_eq!(quoted("“A b.\n“C d,” he said."), ["A b.\n“C d,"]);
        assert_eq!(quoted("“A b.\nC d.”"), ["A b.", "C d."]);
    }
}
