//! Quotations in marks: direct or partial, and their cue and speaker.
//!
//! A marked stretch is *direct* when it stands as someone's words: alone in
//! its sentence before or after an attribution (`"…," X said.`, `X said:
//! "…"`, `According to X, "…"`, `"…" X said`). It is *partial* when the
//! writer's own clause carries it (`committing "crimes"`, `said that "…"`).
//! The cue and speaker are looked for in a bounded window right after the
//! closing mark, then right before the opening mark, then in the reported
//! speech around it; a quote with no attribution of its own takes the
//! speaker of the quote just before it. Partial quotes with no cue in their
//! sentence are scare quotes, titles or names, and are dropped.

use super::cue::{cue_at, CueMatch};
use super::indirect::{self, Found};
use super::marks::Marked;
use super::sentence::InQuote;
use super::speaker::{np_after, np_before, Np, Registry};
use super::token::Tok;
use super::{Cue, Doc, Quote, QuoteKind, Speaker};
use crate::article::Role;
use crate::lexicon::quote::VerbForm;
use crate::Span;

/// How far (in tokens) an attribution is looked for beyond a closing mark.
const POST_WINDOW: usize = 45;
/// How far (in tokens) an attribution is looked for before an opening mark.
const PRE_WINDOW: usize = 40;

/// Fix pairings that only make sense with the words around them: a quote
/// reopened by a mangled mark (`as well as” X “. They …”`) joins the one
/// before it, and a stray closing mark takes its quote back to the sentence
/// after the last attribution (or joins the previous quote when there is
/// none in between).
///
/// The stretches are rewritten in place (each gives at most one, so the
/// written ones never overtake the one being read): `marked` keeps its room
/// for the next document.
pub(crate) fn repair(text: &str, toks: &[Tok], para_of: &[u32], marked: &mut Vec<Marked>) {
    // `marked[..w]` is the repaired list so far, `last` its last stretch.
    let (mut w, mut last): (usize, Option<Marked>) = (0, None);
    for r in 0..marked.len() {
        let m = marked[r];
        let same_para_prev = last.filter(|p| {
            let pe = p.close.unwrap_or(p.end.saturating_sub(1));
            let ms = m.open.unwrap_or(m.first);
            para_of.get(pe) == para_of.get(ms)
        });
        if m.open.is_none() {
            // A stray close.
            // The scan starts a stray quote after the last double mark
            // before it (never back past a mark).
            let from = m.first;
            match last_cue_sentence_end(text, toks, from, m.end) {
                Some(start) => {
                    if start < m.end {
                        keep(marked, &mut w, &mut last, Marked { first: start, ..m });
                    }
                }
                None => match same_para_prev {
                    Some(p) if p.close.is_some() => {
                        run_last_on(marked, &mut w, &mut last, p, &m);
                    }
                    _ => {
                        keep(marked, &mut w, &mut last, Marked { first: from, ..m });
                    }
                },
            }
            continue;
        }
        if m.punct_open {
            if let Some(p) = same_para_prev {
                let gap_from = p.close.map_or(p.end, |c| c + 1);
                let gap_to = m.open.unwrap_or(m.first);
                if p.close.is_some()
                    && gap_to - gap_from <= 6
                    && !has_cue(text, toks, gap_from, gap_to)
                {
                    run_last_on(marked, &mut w, &mut last, p, &m);
                    continue;
                }
            }
        }
        keep(marked, &mut w, &mut last, m);
    }
    marked.truncate(w);
}

/// Write `m` at `marked[*w]` (never past the stretch being read) as the
/// last stretch kept so far.
#[inline(always)]
fn keep(marked: &mut [Marked], w: &mut usize, last: &mut Option<Marked>, m: Marked) {
    marked[*w] = m;
    *w += 1;
    *last = Some(m);
}

/// Run the last stretch kept, `p`, on to the close and end of `m`.
#[inline(always)]
fn run_last_on(
    marked: &mut [Marked],
    w: &mut usize,
    last: &mut Option<Marked>,
    p: Marked,
    m: &Marked,
) {
    *w -= 1;
    let joined = Marked {
        close: m.close,
        end: m.end,
        ..p
    };
    keep(marked, w, last, joined);
}

fn has_cue(text: &str, toks: &[Tok], from: usize, to: usize) -> bool {
    (from..to).any(|i| cue_at(text, toks, i, to).is_some())
}

/// After the last cue in `from..to`, the first token of the next sentence.
fn last_cue_sentence_end(text: &str, toks: &[Tok], from: usize, to: usize) -> Option<usize> {
    let from = from.max(to.saturating_sub(200));
    let cue = (from..to)
        .rev()
        .find(|&i| cue_at(text, toks, i, to).is_some())?;
    let stop =
        (cue..to).find(|&i| toks[i].is_terminal() && toks.get(i + 1).is_some_and(|n| n.cap()))?;
    Some(stop + 1)
}

/// Whether the words `first..end` are a short title in title case (every
/// longer word capitalised): the name of a show, book or campaign.
fn is_title_case(doc: &Doc<'_>, first: usize, end: usize) -> bool {
    let words = || (first..end).filter(|&i| doc.toks[i].is_word());
    // Counted up to one past the most a title has: a long quote is not
    // walked to its end.
    let n = words().take(9).count();
    n > 0 && n <= 8 && words().all(|i| doc.toks[i].cap() || doc.word(i).len() <= 3)
}

/// What was found around a quote: its cue and speaker phrase.
struct Attribution {
    cue: Span,
    speaker: Option<Speaker>,
}

/// The reported speech of the sentence of the marked stretch `idx` and the
/// speakers resolved for it, of which the stretch's attribution takes, rather
/// than copies, the speaker of a speech the stretch is the whole of: that
/// speech is dropped for the stretch ([`indirect::emit`]), and no later
/// stretch lies within it to read its speaker.
struct Prior<'f> {
    found: &'f [Found],
    resolved: &'f mut [Option<Speaker>],
    idx: usize,
}

impl Prior<'_> {
    /// The speaker resolved for the speech by `np` that the stretch is the
    /// whole of, given up (`None` if there is none).
    fn take(&mut self, doc: &Doc<'_>, np: Np) -> Option<Speaker> {
        let i = self.found.iter().position(|f| f.np == Some(np))?;
        self.take_at(doc, i)
    }

    /// The speaker resolved for speech `i`, given up if the stretch is the
    /// whole of that speech (`None` otherwise).
    fn take_at(&mut self, doc: &Doc<'_>, i: usize) -> Option<Speaker> {
        (indirect::whole_quote(doc, &self.found[i]) == Some(self.idx))
            .then(|| self.resolved[i].take())
            .flatten()
    }
}

/// The attribution right after the closing mark `close`, before `hi`.
fn post(
    doc: &Doc<'_>,
    close: usize,
    hi: usize,
    reg: &mut Registry,
    ctx: &super::speaker::Context,
    prior: &mut Prior<'_>,
) -> Option<Attribution> {
    let toks = &doc.toks;
    let mut k = close + 1;
    let mut skipped = 0;
    while k < hi && skipped < 2 && matches!(toks[k].punct(), Some(',' | '—' | '–' | '-')) {
        k += 1;
        skipped += 1;
    }
    let lim = hi.min(k + POST_WINDOW);
    let mut m = k;
    while m < lim {
        let t = &toks[m];
        if t.is_mark() || doc.q[m] != InQuote::Out {
            return None;
        }
        if let Some(c) = cue_at(doc.text, toks, m, hi) {
            if c.form == VerbForm::Gerund && m > k {
                return None;
            }
            let np = if c.according || m == k {
                np_after(doc.text, toks, c.end, hi)
            } else {
                np_before(doc.text, toks, k, m).filter(|np| np.first == k)
            };
            // `"…," Lavrov said` or `"…," said Lavrov`; a verb with no
            // speaker phrase is no attribution.
            let np = np?;
            let speaker = reg.resolve_reusing(doc, np, ctx, prior.take(doc, np));
            return Some(Attribution {
                cue: doc.span(c.first, c.end),
                speaker,
            });
        }
        m += 1;
    }
    None
}

/// The attribution before the opening mark `open`, after `lo`.
fn pre(
    doc: &Doc<'_>,
    lo: usize,
    open: usize,
    reg: &mut Registry,
    ctx: &super::speaker::Context,
    prior: &mut Prior<'_>,
) -> Option<(Attribution, CueMatch)> {
    let toks = &doc.toks;
    // A name and a colon: `Kasich: "…"`.
    if open > lo + 1 && toks[open - 1].is_punct(':') {
        let np = np_before(doc.text, toks, lo, open - 1)
            .filter(|np| np.first == lo && np.end == open - 1);
        if let Some(np) = np {
            let speaker = reg.resolve_reusing(doc, np, ctx, prior.take(doc, np));
            let c = CueMatch {
                first: open - 1,
                end: open,
                according: false,
                form: VerbForm::Past,
                lemma: ":",
            };
            return Some((
                Attribution {
                    cue: toks[open - 1].span(),
                    speaker,
                },
                c,
            ));
        }
    }
    let from = lo.max(open.saturating_sub(PRE_WINDOW));
    let mut m = open;
    while m > from {
        m -= 1;
        if doc.q[m] != InQuote::Out {
            return None;
        }
        let Some(c) = cue_at(doc.text, toks, m, open) else {
            continue;
        };
        if c.end > open {
            continue;
        }
        let np = if c.according {
            np_after(doc.text, toks, c.end, open)
        } else {
            np_before(doc.text, toks, lo, c.first)
        };
        let speaker = match np {
            Some(np) => reg.resolve_reusing(doc, np, ctx, prior.take(doc, np)),
            None if c.form == VerbForm::Gerund => ctx.last.clone(),
            // `after Mr. Trump, asked about it, had said, "…"`: a verb right
            // before the quote whose subject the phrases miss takes the
            // name opening its clause.
            None if c.end + 1 == open && matches!(toks[c.end].punct(), Some(',' | ':')) => {
                match reg.subject_between(toks[lo].span().start, toks[c.first].span().start) {
                    Some(s) => Some(s),
                    None => continue,
                }
            }
            None => continue,
        };
        return Some((
            Attribution {
                cue: doc.span(c.first, c.end),
                speaker,
            },
            c,
        ));
    }
    None
}

/// Attribute the marked stretch `idx` and decide its kind.
pub(crate) fn attribute(
    doc: &Doc<'_>,
    idx: usize,
    found: &[Found],
    resolved: &mut [Option<Speaker>],
    reg: &mut Registry,
    ctx: &mut super::speaker::Context,
) -> Option<Quote> {
    let m = doc.marked[idx];
    let toks = &doc.toks;
    let span = doc.span(m.first, m.end);
    if span.is_empty() {
        return None;
    }
    let section = doc.role_at(m.open.unwrap_or(m.first));
    let start_tok = m.open.unwrap_or(m.first);
    let sent_a = doc.sents.of[start_tok] as usize;
    let (lo, _) = doc.sents.ranges[sent_a];
    let last_tok = m.close.unwrap_or(m.end - 1);
    let sent_b = doc.sents.of[last_tok] as usize;
    let (_, hi) = doc.sents.ranges[sent_b];
    // The neighbouring quotes bound the windows.
    let lo = if idx > 0 {
        let p = doc.marked[idx - 1];
        lo.max(p.close.map_or(p.end, |c| c + 1))
    } else {
        lo
    };
    let hi = doc
        .marked
        .get(idx + 1)
        .map_or(hi, |n| hi.min(n.open.unwrap_or(n.first)));
    // Only whether there are any is asked: the first one answers.
    let words_before = (lo..start_tok).any(|i| toks[i].is_word());
    let before_last = (lo..start_tok).rev().find(|&i| !toks[i].is_mark());
    let colon_before = before_last.is_some_and(|i| toks[i].is_punct(':'));
    let comma_before = before_last.is_some_and(|i| toks[i].is_punct(','));
    let content_last = &toks[m.end - 1];
    let ends_punct = matches!(
        content_last.punct(),
        Some(',' | '.' | '?' | '!' | '…' | '—' | '-')
    ) || m
        .close
        .is_some_and(|c| toks.get(c + 1).is_some_and(|t| t.is_punct(',')))
        || m.close.is_none();
    let after = m.close.map_or(m.end, |c| c + 1);
    let nothing_after = after >= hi || (after..hi).all(|i| !toks[i].is_word());

    // Inside reported speech found in the sentence: a partial of that speech.
    let q_start = m.open.unwrap_or(m.first);
    let mut prior = Prior {
        found,
        resolved,
        idx,
    };
    for (i, f) in found.iter().enumerate() {
        if f.first <= q_start
            && m.close.unwrap_or(m.end) < f.end.max(f.first + 1) + 1
            && f.first < m.end
            && words_before
            && !colon_before
        {
            let kind = if f.first == q_start && comma_before {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            };
            if kind == QuoteKind::Partial
                && section == Role::Body
                && m.end - m.first <= 3
                && is_title_case(doc, m.first, m.end)
            {
                // `does not allow the "Islamic State" to …`: a name.
                return None;
            }
            let q = Quote {
                span,
                kind,
                cue: Some(Cue { span: f.cue }),
                speaker: match prior.take_at(doc, i) {
                    Some(sp) => Some(sp),
                    None => prior.resolved[i].clone(),
                },
                section,
            };
            ctx.remember(&q, doc.para_of[last_tok] as usize);
            return Some(q);
        }
    }

    let post_attr = m.close.and_then(|c| {
        post(doc, c, hi, reg, ctx, &mut prior).or_else(|| {
            // `"… ?" Biden said.`: a short attribution the sentence
            // splitter cut off after the closing mark.
            let next = doc.sents.of.get(c + 1).map(|&s| s as usize)?;
            let (a, b) = *doc.sents.ranges.get(next)?;
            let short = a == c + 1
                && next != sent_b
                && b <= a + 8
                && doc.para_of[a] == doc.para_of[c]
                && toks[b - 1].is_terminal()
                && (a..b).all(|i| doc.q[i] == InQuote::Out);
            short
                .then(|| post(doc, c, b, reg, ctx, &mut prior))
                .flatten()
        })
    });
    let pre_attr = if post_attr.is_none() {
        pre(doc, lo, start_tok, reg, ctx, &mut prior)
    } else {
        None
    };
    let direct = (!words_before && (post_attr.is_some() || ends_punct || nothing_after))
        || colon_before
        || (comma_before
            && pre_attr
                .as_ref()
                .is_some_and(|(_, c)| c.end + 3 >= start_tok || c.according));
    let attr = post_attr.or(pre_attr.map(|(a, _)| a));
    let kind = if direct {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    };
    if kind == QuoteKind::Partial && section != Role::Title && is_title_case(doc, m.first, m.end) {
        // `on CNN's "State of the Union"`, `a film called "Tenemos Familias"`.
        return None;
    }
    // `called it "provocative" and a "grave threat"`: a partial after an
    // attributed partial of the same sentence shares its cue and speaker.
    let sentence_start = doc.toks[doc.sents.ranges[sent_a].0].span().start;
    let listed = (kind == QuoteKind::Partial && attr.is_none())
        .then_some(ctx.last_quote.as_ref())
        .flatten()
        .filter(|(q, _)| {
            q.kind == QuoteKind::Partial && q.cue.is_some() && q.span.start >= sentence_start
        })
        .map(|(q, _)| (q.cue.clone(), ctx.last_quote_speaker().cloned()));
    let (cue, speaker) = match (attr, listed) {
        (Some(a), _) => (Some(Cue { span: a.cue }), a.speaker),
        (None, Some(l)) => l,
        (None, None) => {
            if kind == QuoteKind::Partial || matches!(section, Role::Title | Role::Subheading) {
                // A partial with no cue is a scare quote; a heading in marks
                // with nobody named is a heading.
                return None;
            }
            let here = doc.para_of[start_tok] as usize;
            // A lead-in closing the paragraph before: `He told his audience:`.
            let lead_in = (here > 0 && !words_before)
                .then(|| doc.paras[here - 1])
                .filter(|p| p.end > p.first && doc.toks[p.end - 1].is_punct(':'))
                .and_then(|p| {
                    let s = doc.sents.of[p.end - 1] as usize;
                    let (a, _) = doc.sents.ranges[s];
                    pre(doc, a, p.end - 1, reg, ctx, &mut prior)
                });
            // Carry over the speaker of the quote before, if it is near, or
            // take the person the sentences since then are about.
            let near = ctx
                .last_quote
                .as_ref()
                .filter(|(_, para)| here >= *para && here - *para <= 1);
            match (lead_in, near) {
                (Some((a, _)), _) => (Some(Cue { span: a.cue }), a.speaker),
                (None, Some((q, _))) => {
                    let cue = q.cue.clone();
                    let pos = doc.toks[doc.sents.ranges[sent_a].0].span().start;
                    (
                        cue,
                        reg.implicit_speaker(pos, ctx)
                            .or_else(|| ctx.last_quote_speaker().cloned()),
                    )
                }
                (None, None) => {
                    if doc.text[span.range()].split_whitespace().take(4).count() < 4 {
                        return None;
                    }
                    (None, None)
                }
            }
        }
    };
    let q = Quote {
        span,
        kind,
        cue,
        speaker,
        section,
    };
    ctx.remember(&q, doc.para_of[last_tok] as usize);
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{doc, has, quotes};
    use super::super::QuoteKind::{Direct, Partial};

    #[test]
    fn a_verb_right_before_the_quote_takes_its_clauses_subject() {
        has(
            &doc("The analyst Jonas Berg went so far as to say: \"The port is lost.\""),
            Direct,
            "The port is lost.",
            Some("Jonas Berg"),
        );
    }

    #[test]
    fn attribution_after_the_quote() {
        let t = doc("\"We will not leave,\" Berg said. \"The port is open.\"");
        has(&t, Direct, "We will not leave,", Some("Jonas Berg"));
        // A second quote after `X said.` keeps the speaker.
        has(&t, Direct, "The port is open.", Some("Jonas Berg"));
        has(
            &doc("\"No,\" said the mayor, Jonas Berg."),
            Direct,
            "No,",
            Some("Jonas Berg"),
        );
    }

    #[test]
    fn attribution_before_the_quote() {
        has(
            &doc("Berg said: \"Talks go on.\""),
            Direct,
            "Talks go on.",
            Some("Jonas Berg"),
        );
        has(
            &doc("According to Berg, \"talks go on.\""),
            Direct,
            "talks go on.",
            Some("Jonas Berg"),
        );
    }

    #[test]
    fn partial_inside_the_writers_sentence() {
        let t = doc("Berg said the unions were \"ready to talk\" again.");
        has(&t, Partial, "ready to talk", Some("Jonas Berg"));
        // Scare quotes with no cue are no quotes.
        let list = quotes(&doc("The so-called \"harbour deal\" was signed."));
        assert!(list.iter().all(|(_, t, _)| t != "harbour deal"), "{list:?}");
    }

    #[test]
    fn listed_partials_share_their_cue() {
        let t = doc("The port fees stay, and Berg called them \"unfair,\" \"costly\" and a \"disgrace\" in May.");
        has(&t, Partial, "costly", Some("Jonas Berg"));
        has(&t, Partial, "disgrace", Some("Jonas Berg"));
    }

    #[test]
    fn stray_closing_mark_after_an_attribution() {
        let t = doc("\"First part,\" Berg said. Second part of the list. And a third.\"");
        has(&t, Direct, "Second part of the list.", Some("Jonas Berg"));
    }

    #[test]
    fn stray_close_never_runs_back_over_marks() {
        let list = quotes(&doc(
            "«»According to Berg, he said. Nobody is leaving”, \"We stay,\" ",
        ));
        for (_, t, _) in &list {
            // Indirect quotes too: the unpaired `«»` is no content.
            assert!(!t.starts_with(['«', '»', '“', '”']), "{list:?}");
            assert!(!t.ends_with(['«', '»', '“', '”']), "{list:?}");
        }
        assert!(
            list.iter().any(|(_, t, _)| t == "Nobody is leaving"),
            "{list:?}"
        );
    }

    #[test]
    fn mangled_reopening_joins_the_quote() {
        let t = doc("“There are rebels as well as” the Front “. They block the road,” Berg said.");
        has(
            &t,
            Direct,
            "There are rebels as well as” the Front “. They block the road,",
            Some("Jonas Berg"),
        );
    }
}
