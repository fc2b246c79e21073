//! Reported speech without quotation marks, one writer's sentence at a time.
//!
//! Forms: `X said (that) …` (preposed), `…, X said.` and `…, said X.`
//! (postposed), `According to X, …` and `…, according to X.`, participles
//! (`…, adding that …`, `…, saying …`) whose speaker is the sentence's
//! subject, `X told reporters …` (the addressee is skipped), and headlines
//! `X: …`. Only verbs of saying are cues (the lexicon has no verbs of
//! thought), and a verb counts only with a speaker phrase as its subject, so
//! `the comments suggested` or `when asked by` are not reported speech.

use super::cue::{cue_at, CueMatch};
use super::sentence::InQuote;
use super::speaker::{is_name_word, np_after, np_before, Context, Np, Registry};
use super::token::{Kind, Tok};
use super::{Cue, Doc, Quote, QuoteKind, Speaker};
use crate::article::Role;
use crate::lexicon::quote::VerbForm;
use crate::text::ascii_lower;
use crate::Span;

/// Reported speech found in a sentence, before its speaker is resolved.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    /// First content token.
    pub first: usize,
    /// One past the last content token.
    pub end: usize,
    /// The cue's span.
    pub cue: Span,
    /// First token of the cue.
    pub cue_tok: usize,
    /// The speaker phrase, if the sentence gives one for this cue.
    pub np: Option<Np>,
    /// A question put to someone unnamed (`Asked if …, X said`): nobody
    /// is its speaker.
    pub asked: bool,
    /// A subject that names nobody (`A law enforcement official familiar
    /// with the case said …`): the speech has no speaker, and the last
    /// speaker is not carried over.
    pub unnamed: bool,
}

impl Found {
    /// Reported speech of `c` over the tokens `range` (trimmed), spoken by `np`.
    fn new(doc: &Doc<'_>, range: (usize, usize), c: &CueMatch, np: Option<Np>) -> Found {
        let (first, mut end) = range;
        if first > c.first {
            // The writer takes over after `, but` or a semicolon.
            // Not within the first words: `developers, who are seeking
            // funds, say …` keeps its subject's relative clause.
            let third = (first..end)
                .filter(|&i| doc.toks[i].is_word())
                .nth(2)
                .map_or(end, |i| i + 1);
            if let Some(k) = doc.seen.resumes.find(third, end, |k| {
                doc.q[k] == InQuote::Out && writer_resumes(doc, k)
            }) {
                end = k;
            }
            if let Some(k) = coordinated_verb(doc, c, first, end) {
                end = k;
            }
        }
        let (first, end) = trim(doc, first, end);
        Found {
            first,
            end,
            cue: doc.span(c.first, c.end),
            cue_tok: c.first,
            np,
            asked: false,
            unnamed: false,
        }
    }
}

/// The first token at or after a point where a test holds, remembered from
/// one query to the next: no token in `[from, upto)` passes, and `upto`
/// does when `hit`. The tests look at the document only (never at the
/// sentence's end), so what one cue's scan saw stays true for the next, and
/// the cues of one sentence, asked in order, scan its tokens once between
/// them.
#[derive(Debug, Default)]
pub(crate) struct Ahead {
    /// `(from, upto, hit)`, once asked.
    known: std::cell::Cell<Option<(usize, usize, bool)>>,
    /// Tokens tested so far.
    #[cfg(test)]
    steps: std::cell::Cell<usize>,
}

impl Ahead {
    /// The first `k` in `x..end` with `test(k)`, as `(x..end).find(test)`.
    fn find(&self, x: usize, end: usize, test: impl Fn(usize) -> bool) -> Option<usize> {
        let mut k = x;
        if let Some((from, upto, hit)) = self.known.get() {
            if from <= x && x <= upto {
                if hit {
                    return (upto < end).then_some(upto);
                }
                k = upto;
            }
        }
        let found = (k..end).find(|&i| {
            #[cfg(test)]
            self.steps.set(self.steps.get() + 1);
            test(i)
        });
        self.known.set(Some(match found {
            Some(h) => (x, h, true),
            None => (x, k.max(end), false),
        }));
        found
    }
}

/// The last token before a point where a test holds, from a fixed start:
/// the tokens `[from, upto)` were scanned, the last passing one is `last`.
/// Asked with the same start and later points, it scans on from `upto`.
#[derive(Debug, Default)]
pub(crate) struct Behind {
    /// `(from, upto, last)`, once asked.
    known: std::cell::Cell<Option<(usize, usize, Option<usize>)>>,
    /// Tokens tested so far.
    #[cfg(test)]
    steps: std::cell::Cell<usize>,
}

impl Behind {
    /// The last `k` in `from..y` with `test(k)`, as `(from..y).rev().find(test)`.
    fn rfind(&self, from: usize, y: usize, test: impl Fn(usize) -> bool) -> Option<usize> {
        let test = |i: usize| {
            #[cfg(test)]
            self.steps.set(self.steps.get() + 1);
            test(i)
        };
        match self.known.get() {
            Some((f, upto, last)) if f == from && upto <= y => {
                let last = (upto..y).rev().find(|&i| test(i)).or(last);
                self.known.set(Some((from, y, last)));
                last
            }
            _ if self.known.get().is_some_and(|(f, _, _)| f == from) => {
                (from..y).rev().find(|&i| test(i))
            }
            _ => {
                let last = (from..y).rev().find(|&i| test(i));
                self.known.set(Some((from, from.max(y), last)));
                last
            }
        }
    }
}

/// The scans that reported speech repeats for each cue of a sentence, each
/// with what it has seen (see [`Ahead`]): a long sentence with many cues
/// stays linear.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    /// Where the writer takes the sentence back ([`writer_resumes`]).
    resumes: Ahead,
    /// A past verb or an auxiliary ([`coordinated_verb`] after `-ed`).
    verb_ed: Ahead,
    /// A gerund or an auxiliary ([`coordinated_verb`] after `-ing`).
    verb_ing: Ahead,
    /// A comma of the writer's.
    comma: Ahead,
    /// A question mark, quoted or not.
    question: Ahead,
    /// A colon or semicolon of the writer's.
    colon: Behind,
}

#[cfg(test)]
impl Seen {
    /// Tokens tested by all the scans so far.
    fn steps(&self) -> usize {
        [
            &self.resumes,
            &self.verb_ed,
            &self.verb_ing,
            &self.comma,
            &self.question,
        ]
        .iter()
        .map(|a| a.steps.get())
        .sum::<usize>()
            + self.colon.steps.get()
    }
}

/// Whether token `i` is the word `w` (ASCII, any case). The lengths are
/// compared first, and the bytes without slicing the text as a `str`: an
/// ASCII `w` equals only ASCII bytes, which always lie on char boundaries.
#[inline(always)]
fn is_word(doc: &Doc<'_>, i: usize, w: &str) -> bool {
    doc.toks.get(i).is_some_and(|t| tok_is(doc, t, w))
}

/// [`is_word`] for the token `t` itself.
#[inline(always)]
fn tok_is(doc: &Doc<'_>, t: &Tok, w: &str) -> bool {
    let s = t.span();
    t.is_word()
        && s.len() == w.len()
        && doc
            .text
            .as_bytes()
            .get(s.start..s.end)
            .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
}

/// The bytes of token `i` (empty for tokens out of range): for the tests
/// of a word against ASCII, with no char-boundary checks (a token's span
/// always lies on them).
#[inline(always)]
fn wb<'a>(doc: &Doc<'a>, i: usize) -> &'a [u8] {
    doc.toks.get(i).map_or(&[], |t| {
        let s = t.span();
        doc.text.as_bytes().get(s.start..s.end).unwrap_or_default()
    })
}

/// Skip `that`, time and place adverbials (`on Tuesday`, `at a briefing`,
/// `in an interview`) and, for verbs like `told`, the addressee, when a
/// `that` or the content follows.
fn content_start(doc: &Doc<'_>, c: &CueMatch, end: usize) -> usize {
    let mut k = c.end;
    // Adverbials and addressees up to a `that` within a few tokens.
    let look = end.min(k + 10);
    let ahead = doc.toks.get(k..look).unwrap_or_default();
    if let Some(t) = ahead
        .iter()
        .position(|t| tok_is(doc, t, "that"))
        .map(|p| k + p)
    {
        let between_ok = (k..t).all(|i| {
            let tk = &doc.toks[i];
            doc.q[i] == InQuote::Out
                && (tk.is_word() || tk.is_punct(','))
                && !tk.is(crate::lexicon::quote::class::VERB)
        });
        if between_ok && (t == k || adverbial_or_addressee(doc, c, k, t)) {
            return t + 1;
        }
    }
    if c.takes_addressee() {
        k = skip_addressee(doc, k, end);
    }
    while k < end && doc.toks[k].is_word() && {
        let mut buf = [0u8; 16];
        matches!(
            ascii_lower(doc.word(k), &mut buf),
            Some(b"on" | b"late" | b"last" | b"yesterday" | b"today")
        )
    } {
        // `said on Tuesday the ...`: skip a one- or two-word time phrase.
        let mut j = k + 1;
        while j < end
            && j < k + 3
            && doc.toks[j].is_word()
            && (doc.toks[j].cap() || doc.word(j).bytes().all(|b| b.is_ascii_digit()))
        {
            j += 1;
        }
        if j == k + 1 && !is_word(doc, k, "yesterday") && !is_word(doc, k, "today") {
            break;
        }
        k = j;
    }
    k
}

/// Skip the addressee of `told`: `reporters`, `him`, `CNN`, `The Washington
/// Post`, `a press conference`.
#[inline(never)]
fn skip_addressee(doc: &Doc<'_>, k: usize, end: usize) -> usize {
    let toks = &doc.toks;
    if k >= end || !toks[k].is_word() {
        return k;
    }
    let w = doc.word(k);
    let mut buf = [0u8; 16];
    let lw = ascii_lower(w, &mut buf).unwrap_or(b"");
    if matches!(
        lw,
        b"him" | b"her" | b"them" | b"us" | b"me" | b"reporters" | b"journalists"
    ) {
        return k + 1;
    }
    let mut i = k;
    if matches!(lw, b"a" | b"an" | b"the") {
        i += 1;
        if i < end && toks[i].cap() {
            while i < end && toks[i].is_word() && toks[i].cap() {
                i += 1;
            }
            return i;
        }
        let stop = end.min(i + 3);
        while i < stop
            && toks[i].is_word()
            && !toks[i].cap()
            && !is_word(doc, i, "that")
            && !is_word(doc, i, "the")
        {
            i += 1;
        }
        return i;
    }
    if toks[k].cap() {
        while i < end && toks[i].is_word() && toks[i].cap() {
            i += 1;
        }
        return i;
    }
    // `to_ascii_lowercase` keeps a final `S` an ASCII letter.
    if w.ends_with(['s', 'S']) && !is_word(doc, k + 1, "that") {
        return k + 1;
    }
    k
}

#[inline(never)]
fn adverbial_or_addressee(doc: &Doc<'_>, c: &CueMatch, from: usize, to: usize) -> bool {
    let mut buf = [0u8; 16];
    c.takes_addressee()
        || matches!(
            ascii_lower(doc.word(from), &mut buf).unwrap_or(b""),
            b"on"
                | b"in"
                | b"at"
                | b"during"
                | b"after"
                | b"before"
                | b"last"
                | b"late"
                | b"yesterday"
                | b"today"
                | b"earlier"
                | b"later"
                | b"this"
                | b"to"
                | b","
        )
        || to - from <= 2
}

/// The reported speech of sentence `s`, into `out` (cleared first); `all`
/// is a buffer for the candidates, reused from sentence to sentence.
pub(crate) fn find(doc: &Doc<'_>, s: usize, out: &mut Vec<Found>, all: &mut Vec<(Found, bool)>) {
    out.clear();
    all.clear();
    let Some(&(a, b)) = doc.sents.ranges.get(s) else {
        return;
    };
    let toks = &doc.toks;
    let mut end = b;
    while end > a
        && doc.q[end - 1] == InQuote::Out
        && (toks[end - 1].is_terminal() || toks[end - 1].is_punct(':'))
    {
        end -= 1;
    }
    let role = doc.role_at(a);
    // Headline `X: …`, or a transcript paragraph `Matthews: …` (a name
    // opening its paragraph).
    let heading = matches!(
        role,
        Role::Title | Role::Standfirst | Role::Subheading | Role::Caption
    );
    let opens_para = doc
        .paras
        .get(doc.para_of[a] as usize)
        .is_some_and(|p| p.first == a);
    if heading || opens_para {
        if let Some(c) =
            (a..end.min(a + 8)).find(|&i| toks[i].is_punct(':') && doc.q[i] == InQuote::Out)
        {
            let named = |np: &Np| {
                heading
                    || (np.first..np.end).all(|i| {
                        toks[i].cap()
                            && !toks[i].is(crate::lexicon::quote::class::TITLE
                                | crate::lexicon::quote::class::STOP)
                    })
            };
            if let Some(np) = np_before(doc.text, toks, a, c).filter(|np| {
                np.first == a
                    && np.end == c
                    && doc.span(np.first, np.end).len() > 1
                    && named(np)
                    && speaks(doc, *np)
            }) {
                if c + 1 < end {
                    // A transcript speaker holds the floor to the paragraph's end.
                    let end = if heading {
                        end
                    } else {
                        let p = &doc.paras[doc.para_of[a] as usize];
                        let mut e = p.end;
                        while e > end && doc.q[e - 1] == InQuote::Out && toks[e - 1].is_terminal() {
                            e -= 1;
                        }
                        e
                    };
                    out.push(Found {
                        first: c + 1,
                        end,
                        cue: toks[c].span(),
                        cue_tok: c,
                        np: Some(np),
                        asked: false,
                        unnamed: false,
                    });
                }
            }
        }
    }
    // `Asked if …, X said`, `When asked whether …,`: the question.
    let asked = if is_word(doc, a, "asked") {
        Some(a)
    } else if is_word(doc, a, "when") && is_word(doc, a + 1, "asked") {
        Some(a + 1)
    } else {
        None
    };
    if let Some(k) = asked.filter(|&k| {
        toks.get(k + 1)
            .is_some_and(|t| t.is_word() && t.info(doc.word(k + 1)).is_question_word())
    }) {
        let comma = (k + 2..end).find(|&i| toks[i].is_punct(',') && doc.q[i] == InQuote::Out);
        if let Some(cm) = comma {
            out.push(Found {
                first: k + 1,
                end: cm,
                cue: toks[k].span(),
                cue_tok: k,
                np: None,
                asked: true,
                unnamed: false,
            });
        }
    }
    // The speeches found before this point stand alone; those of the cues
    // are clipped below.
    let fixed = out.len();
    let mut i = a;
    while i < end {
        // Only a verb, a phrase's first word or a noun cue opens a cue
        // (`noun_cue` and `cue_at` ask for one of these classes first): the
        // tokens between them are skipped by their class bits alone.
        match toks[i..end].iter().position(|t| t.is(CUE_WORD)) {
            Some(k) => i += k,
            None => break,
        }
        if doc.q[i] != InQuote::Out {
            i += 1;
            continue;
        }
        if let Some(f) = noun_cue(doc, a, i, end) {
            all.push((f, false));
            i += 2;
            continue;
        }
        let Some(c) = cue_at(doc.text, toks, i, end) else {
            i += 1;
            continue;
        };
        // `the United States`, `Senate Claims Act`: capitalised cues only
        // open a sentence or stand in a title-case heading.
        if toks[c.first].cap() && c.first != a && !heading {
            i += 1;
            continue;
        }
        // Participles and coordinated verbs cut the speech before them.
        let cuts = c.first > a
            && ((c.form == VerbForm::Gerund
                && (comma_like(doc, c.first - 1) || is_word(doc, c.end, "that")))
                || is_word(doc, c.first - 1, "and")
                || is_word(doc, c.first - 1, "but"));
        match pattern(doc, a, end, &c) {
            Some(f) => {
                // A new subject after a comma starts a new clause: `While
                // Comey said …, he said …`.
                let cuts = cuts
                    || f.np.is_some_and(|np| {
                        np.first > a && f.first > c.first && comma_like(doc, np.first - 1)
                    });
                all.push((f, cuts));
                i = c.end;
            }
            None => i += 1,
        }
    }
    for (f, _) in all.iter_mut() {
        if let Some(k) = fronted_clause_end(doc, a, f) {
            f.end = k;
        }
    }
    // A postposed attribution (`…, X said.`) takes the sentence before it.
    if let Some(p) = all.iter().rposition(|(f, _)| f.end <= f.cue_tok) {
        let pf = all[p].0;
        all.retain(|(f, _)| f.cue_tok == pf.cue_tok || f.cue_tok < pf.first || f.cue_tok >= pf.end);
    }
    for &(f, cuts) in all.iter() {
        if let Some(prev) = out.last_mut() {
            let preposed = prev.first > prev.cue_tok;
            if preposed && prev.first <= f.cue_tok && f.cue_tok < prev.end {
                // `According to X, many countries have expressed …`: the
                // subject opening the speech is no new clause of the writer's.
                if !cuts || f.np.is_some_and(|np| np.first <= prev.first) {
                    continue;
                }
                let mut e = f.np.map_or(f.cue_tok, |np| np.first.min(f.cue_tok));
                while e > prev.first
                    && matches!(
                        toks[e - 1].kind(),
                        Kind::Punct(',' | ';' | '—') | Kind::Word
                    )
                    && {
                        let w = wb(doc, e - 1);
                        !toks[e - 1].is_word() || w == b"and" || w == b"but"
                    }
                {
                    e -= 1;
                }
                prev.end = e;
            }
        }
        out.push(f);
    }
    // A speech of one cue reaches no further than a real sentence does: a
    // sentence of many cues that each take all of it (`In contrast, X said,
    // …` over and over) gives speeches of bounded length, not the sentence
    // again and again.
    for f in &mut out[fixed..] {
        if f.end > f.first + MAX_SPEECH {
            (f.first, f.end) = trim(doc, f.first, f.first + MAX_SPEECH);
        }
    }
    out.retain(|f| f.first < f.end);
}

/// The lexicon classes of a word that can open a cue: a reporting verb, a
/// cue phrase's first word, or a noun cue.
const CUE_WORD: u16 = crate::lexicon::quote::class::VERB
    | crate::lexicon::quote::class::PHRASE
    | crate::lexicon::quote::class::NOUN_CUE;

/// The most tokens a speech of one cue spans (a real one spans a few dozen,
/// a long sentence a couple of hundred).
const MAX_SPEECH: usize = 500;

/// Whether the phrase before a heading's colon can speak: not a label
/// (`Breaking:`, `Correction:`, `The Latest:`), not a shouted word
/// (`CLARIFICATION:`), and not a described thing (`The Ninth Circle:`).
fn speaks(doc: &Doc<'_>, np: Np) -> bool {
    use crate::lexicon::quote::class::{GROUP, ORG, TITLE};
    let last = np.end - 1;
    let w = doc.word(last);
    let shouted = w.len() > 4 && w.bytes().all(|b| b.is_ascii_uppercase());
    let described = is_word(doc, np.first, "the") && !doc.toks[last].is(ORG | TITLE | GROUP);
    !(doc.toks[last].info(w).is_label() || shouted || described)
}

/// Whether the writer takes the sentence back at token `k`: a semicolon, a
/// dash, a comma before a relative or concessive clause (`, which`, `, but`,
/// `, however`), or `, and` before a new subject.
#[inline(always)]
fn writer_resumes(doc: &Doc<'_>, k: usize) -> bool {
    let t = &doc.toks[k];
    if t.is_punct(';') {
        return true;
    }
    if t.is_dash() {
        return dash_resumes(doc, k);
    }
    t.is_punct(',') && comma_resumes(doc, k)
}

/// [`writer_resumes`] at the dash `k`: not one of a pair.
#[inline(never)]
fn dash_resumes(doc: &Doc<'_>, k: usize) -> bool {
    // A pair of dashes is a parenthesis inside the speech: `authorities
    // – and not the government – are in charge`.
    let para = doc.para_of[k];
    let near = |i: usize| {
        doc.para_of.get(i) == Some(&para) && doc.toks[i].is_dash() && doc.q[i] == InQuote::Out
    };
    !(k + 1..k + 12).any(near) && !(k.saturating_sub(11)..k).any(near)
}

/// [`writer_resumes`] at the comma `k`.
#[inline(never)]
fn comma_resumes(doc: &Doc<'_>, k: usize) -> bool {
    // `…, a swipe at his rivals`: an appositive to the whole clause; not
    // after a short parenthesis (`concerns, among other things, a …`).
    if (is_word(doc, k + 1, "a") || is_word(doc, k + 1, "an"))
        && !(k.saturating_sub(5)..k).any(|i| doc.toks[i].is_punct(','))
    {
        return true;
    }
    if doc
        .toks
        .get(k + 1)
        .is_some_and(|n| n.is_word() && n.info(doc.word(k + 1)).is_clause_word())
    {
        return true;
    }
    // `, and the ACLU has sued`: a new clause with its own subject, not the
    // last item of a list (`A, B, and even C`).
    is_word(doc, k + 1, "and")
        && doc.toks.get(k + 2).is_some_and(|n| {
            n.is_word()
                && (n.cap()
                    || n.is(
                        crate::lexicon::quote::class::PRONOUN | crate::lexicon::quote::class::AUX
                    )
                    || matches!(wb(doc, k + 2), b"the" | b"a" | b"an")
                    || n.info(doc.word(k + 2)).is_subordinator())
        })
}

/// Where the speech of a cue inside a fronted adverbial clause ends: at the
/// clause's comma (`While Ramos said that A, he appears …`, `Though X hasn't
/// expressed A, Y should …`), when a main clause of three words or more
/// follows it.
fn fronted_clause_end(doc: &Doc<'_>, a: usize, f: &Found) -> Option<usize> {
    let toks = &doc.toks;
    if f.first <= f.cue_tok {
        return None;
    }
    let sub = |k: usize| toks[k].is_word() && toks[k].info(doc.word(k)).is_subordinator();
    // A relative clause between commas: `Podesta, who said A, said B`.
    let who =
        f.cue_tok > a + 1 && is_word(doc, f.cue_tok - 1, "who") && comma_like(doc, f.cue_tok - 2);
    let k = match f.np {
        _ if who => f.cue_tok - 1,
        Some(np) => np
            .first
            .min(f.cue_tok)
            .checked_sub(1)
            .filter(|&k| k >= a && sub(k))?,
        // A subject the phrases do not cover (`Though Berg hasn't
        // announced`): the conjunction a few words before the verb.
        None => (a.max(f.cue_tok.saturating_sub(6))..f.cue_tok)
            .rev()
            .take_while(|&k| !comma_like(doc, k))
            .find(|&k| sub(k))?,
    };
    // The clause opens the sentence, follows `And`/`But`, or a comma.
    let opens = who
        || k == a
        || (k == a + 1 && matches!(wb(doc, a), b"And" | b"But" | b"Yet" | b"So"))
        || comma_like(doc, k - 1);
    if !opens {
        return None;
    }
    let comma = doc.seen.comma.find(f.first, f.end, |i| {
        doc.q[i] == InQuote::Out && toks[i].is_punct(',')
    })?;
    let main = (comma + 1..f.end)
        .filter(|&i| toks[i].is_word())
        .take(3)
        .count();
    (main == 3).then_some(comma)
}

/// Where the speech of a cue ends at a second verb of its speaker's: `She
/// said she admires him and highlighted …`, `questioned A and refused …`,
/// `calling them A and vowing …`, `denied A and has promised …`. The verb
/// after `and`/`but` has the cue's form (past `-ed`, or `-ing`) or is a
/// finite auxiliary (`has`, `was`), and the speech before it has no verb of
/// that kind or auxiliary of its own (else the verbs are the speech's own:
/// `said he was tired and wanted …` is not cut).
fn coordinated_verb(doc: &Doc<'_>, c: &CueMatch, first: usize, end: usize) -> Option<usize> {
    use crate::lexicon::quote::class::AUX;
    let toks = &doc.toks;
    // The suffix as the last bytes of a word, big-endian in a `u32`
    // (`mask` keeps its length), and its length.
    let (want, mask, len) = match c.form {
        VerbForm::Past => (u32::from_be_bytes([0, 0, b'e', b'd']), 0xFFFF, 2),
        VerbForm::Gerund => (u32::from_be_bytes([0, b'i', b'n', b'g']), 0xFF_FFFF, 3),
        _ => return None,
    };
    let bytes = doc.text.as_bytes();
    let at = |k: usize| u32::from(bytes.get(k).copied().unwrap_or(0));
    // A lowercase word longer than the suffix by 3 or more, ending with
    // it: every test made (no branch on each, as on real text each goes
    // either way), the last three bytes read whatever the word's length.
    let verb_like = |i: usize| {
        let t = &toks[i];
        let (s, e) = (t.span(), t.span().end);
        let tail = at(e.wrapping_sub(3)) << 16 | at(e.wrapping_sub(2)) << 8 | at(e.wrapping_sub(1));
        t.is_word() & !t.cap() & (s.len() > len + 2) & (tail & mask == want)
    };
    // The first verb or auxiliary of the speech: a cut only if it follows
    // `and`/`but`.
    let seen = match c.form {
        VerbForm::Past => &doc.seen.verb_ed,
        _ => &doc.seen.verb_ing,
    };
    let k = seen.find(first, end, |k| {
        (toks[k].is_word() & toks[k].is(AUX)) | verb_like(k)
    })?;
    // The cheap tests first: nearly always the word before is no `and`.
    (k > first + 1
        && doc.q[k - 1] == InQuote::Out
        && (is_word(doc, k - 1, "and") || is_word(doc, k - 1, "but"))
        && (verb_like(k)
            || matches!(
                wb(doc, k),
                b"has" | b"have" | b"had" | b"was" | b"is" | b"will"
            )))
    .then_some(k - 1)
}

/// A noun cue with its owner: `Carter's statements that …`, `Trump's claim
/// that …`.
fn noun_cue(doc: &Doc<'_>, a: usize, i: usize, end: usize) -> Option<Found> {
    let toks = &doc.toks;
    if !(toks[i].is(crate::lexicon::quote::class::NOUN_CUE)
        && i > a + 1
        && is_word(doc, i + 1, "that"))
    {
        return None;
    }
    if !toks[i - 1].is_kind(Kind::Poss) {
        return None;
    }
    let np = np_before(doc.text, toks, a, i - 1)?;
    let c = CueMatch {
        first: i,
        end: i + 1,
        according: false,
        form: VerbForm::Past,
        lemma: "say",
    };
    let f = Found::new(doc, (i + 2, end), &c, Some(np));
    (f.first < f.end).then_some(f)
}

/// Whether the words from `i` only add circumstances to an attribution
/// (`said in an interview`, `told reporters following his visit`, `said as
/// he left`), not reported content.
fn is_tail(doc: &Doc<'_>, i: usize, gerunds: bool) -> bool {
    let i = if doc.toks.get(i).is_some_and(|t| t.is_punct(',')) {
        i + 1
    } else {
        i
    };
    if i >= doc.toks.len() || !doc.toks[i].is_word() {
        return true;
    }
    let w = doc.word(i);
    let mut buf = [0u8; 16];
    let lw = ascii_lower(w, &mut buf).unwrap_or(b"");
    if lw == b"to" {
        // `said to reporters`, `said to cheers`; not `asked to depose`.
        let n = doc.toks.get(i + 1);
        return n.is_some_and(|n| {
            let nw = wb(doc, i + 1);
            n.cap()
                || matches!(
                    nw,
                    b"the" | b"a" | b"an" | b"his" | b"her" | b"their" | b"its" | b"him" | b"them"
                )
                || nw.ends_with(b"s")
        });
    }
    // `ing` in any ASCII case, as `to_ascii_lowercase` would see it.
    let gerund = w.len() > 5
        && w.as_bytes()
            .get(w.len() - 3..)
            .is_some_and(|e| e.eq_ignore_ascii_case(b"ing"));
    (gerunds && gerund)
        || matches!(
            lw,
            b"in"
                | b"at"
                | b"on"
                | b"during"
                | b"as"
                | b"while"
                | b"when"
                | b"after"
                | b"before"
                | b"to"
                | b"from"
                | b"with"
                | b"for"
                | b"via"
                | b"about"
                | b"through"
                | b"amid"
                | b"over"
                | b"without"
                | b"of"
                | b"by"
                | b"last"
                | b"earlier"
                | b"later"
                | b"this"
                | b"yesterday"
                | b"today"
                | b"tonight"
                | b"recently"
                | b"monday"
                | b"tuesday"
                | b"wednesday"
                | b"thursday"
                | b"friday"
                | b"saturday"
                | b"sunday"
                | b"again"
                | b"then"
                | b"afterward"
        )
}

/// Whether token `i` separates clauses like a comma: `,`, a dash, or a
/// closing mark right after a comma (`"…," X said`).
#[inline]
fn comma_like(doc: &Doc<'_>, i: usize) -> bool {
    let t = &doc.toks[i];
    t.is_punct(',')
        || t.is_dash()
        || (doc.q[i] == InQuote::Close
            && i > 0
            && matches!(doc.toks[i - 1].punct(), Some(',' | '?' | '!' | '—')))
}

fn trim(doc: &Doc<'_>, mut first: usize, mut end: usize) -> (usize, usize) {
    // Marks left unpaired (`«»`) are the writer's, not content.
    let stray = |i: usize| doc.q[i] == InQuote::Out && doc.toks[i].is_mark();
    while first < end
        && (doc.toks[first].is_punct(',') || is_word(doc, first, "that") || stray(first))
    {
        first += 1;
    }
    while end > first
        && doc.q[end - 1] == InQuote::Out
        && (matches!(
            doc.toks[end - 1].punct(),
            Some(',' | ';' | ':' | '—' | '-' | '.')
        ) || stray(end - 1))
    {
        end -= 1;
    }
    (first, end)
}

fn pattern(doc: &Doc<'_>, a: usize, end: usize, c: &CueMatch) -> Option<Found> {
    let toks = &doc.toks;
    let before = c.first.checked_sub(1).map(|i| &toks[i]);
    let comma_before = before.is_some() && comma_like(doc, c.first - 1);
    if c.according {
        let np = if wb(doc, c.first).eq_ignore_ascii_case(b"in") {
            Np {
                first: c.first + 1,
                end: c.first + 2,
            }
        } else {
            np_after(doc.text, toks, c.end, end).or_else(|| {
                // `according to data from the Department`: a source phrase
                // up to the comma, with nobody named.
                let stop = (c.end..end.min(c.end + 30))
                    .find(|&i| toks[i].is_punct(','))
                    .unwrap_or(end);
                (stop > c.end).then_some(Np {
                    first: c.end,
                    end: stop,
                })
            })?
        };
        let at_start = c.first == a
            || (c.first == a + 1
                && toks[a].is_word()
                && matches!(wb(doc, a), b"But" | b"And" | b"So"));
        if at_start {
            let comma = (np.end..end.min(np.end + 3)).find(|&i| toks[i].is_punct(','))?;
            return Some(Found::new(doc, (comma + 1, end), c, Some(np)));
        }
        if comma_before {
            // `X, according to Y, and Z`: the whole sentence is Y's.
            let more = np.end < end
                && toks[np.end].is_punct(',')
                && !writer_resumes(doc, np.end)
                && (np.end + 1..end)
                    .filter(|&i| toks[i].is_word())
                    .take(3)
                    .count()
                    >= 3;
            // The speech starts after a colon or semicolon of the writer's.
            let from = doc
                .seen
                .colon
                .rfind(a, c.first, |i| {
                    doc.q[i] == InQuote::Out && (toks[i].is_punct(':') || toks[i].is_punct(';'))
                })
                .map_or(a, |i| i + 1);
            let range = if more {
                (from, end)
            } else {
                (from, c.first - 1)
            };
            return Some(Found::new(doc, range, c, Some(np)));
        }
        return None;
    }
    // `Trump is saying …`: a progressive is a finite verb with a subject.
    let progressive = c.form == VerbForm::Gerund
        && c.first > a
        && matches!(wb(doc, c.first - 1), b"is" | b"are" | b"was" | b"were");
    if c.form == VerbForm::Gerund && !progressive {
        // `adding to her lead`, `warning of …` are no speech.
        let ok = c.first > a
            && (comma_before || is_word(doc, c.end, "that"))
            && !is_word(doc, c.end, "to");
        if !ok {
            return None;
        }
        let from = content_start(doc, c, end);
        if from == c.end
            && comma_before
            && toks.get(c.end).is_some_and(|t| t.is_word())
            && is_tail(doc, c.end, false)
            && {
                // `X, writing for the majority, said …`: a participle phrase
                // closed by a comma is a circumstance of the subject's.
                let stop = end.min(c.end + 8);
                (c.end..stop).any(|i| toks[i].is_punct(','))
            }
        {
            return None;
        }
        return Some(Found::new(doc, (from, end), c, None));
    }
    // `…, when asked whether …`, `he was asked if …`: the question put, as
    // at a sentence's start, runs to its comma and is nobody's speech.
    if c.lemma == "ask"
        && c.form == VerbForm::Past
        && c.first > a + 1
        && matches!(wb(doc, c.first - 1), b"when" | b"was" | b"were")
        && toks
            .get(c.end)
            .is_some_and(|t| t.is_word() && t.info(doc.word(c.end)).is_question_word())
    {
        // A question of sixty tokens at most keeps a run of them linear.
        let lim = end.min(c.end + 60);
        let stop = (c.end + 1..lim)
            .find(|&i| doc.q[i] == InQuote::Out && toks[i].is_punct(','))
            .unwrap_or(lim);
        let mut f = Found::new(doc, (c.end, stop), c, None);
        f.asked = true;
        return Some(f);
    }
    // A passive: `Clinton is assured of winning`, `he was told`.
    if c.form == VerbForm::Past && c.first > a && toks[c.first - 1].is_word() && {
        // The word before, lowercased once for all the forms of `be`.
        let mut buf = [0u8; 16];
        matches!(
            ascii_lower(doc.word(c.first - 1), &mut buf),
            Some(b"is" | b"was" | b"were" | b"are" | b"be" | b"been" | b"being")
        )
    } {
        return None;
    }
    // Where the content starts, found once.
    let start_at = std::cell::Cell::new(None);
    let start = || {
        start_at.get().unwrap_or_else(|| {
            let k = content_start(doc, c, end);
            start_at.set(Some(k));
            k
        })
    };
    // An auxiliary before the verb and a `that` after it: `did note that`.
    let aux_that = || {
        c.first > a
            && toks[c.first - 1].is(crate::lexicon::quote::class::AUX)
            && is_word(doc, start().wrapping_sub(1), "that")
    };
    // A coordinated verb: `… and said (that) …`, `… but did note that …`.
    let mut p = c.first;
    if p > a + 1 && aux_that() {
        p -= 1;
    }
    if p > a && (is_word(doc, p - 1, "and") || is_word(doc, p - 1, "but")) {
        return Some(Found::new(doc, (start(), end), c, None));
    }
    if c.form == VerbForm::Base
        && c.first > a
        && (toks[c.first - 1].is(crate::lexicon::quote::class::NEGATION)
            || wb(doc, c.first - 1).ends_with(b"n't")
            || wb(doc, c.first - 1).ends_with("n’t".as_bytes()))
    {
        // `Lavrov does not agree with …`: a negated report says nothing.
        return None;
    }
    if c.lemma == "continued" && c.end == c.first + 1 {
        // `continued to rise`, `continued his remarks`: aspect, not speech
        // (it reports speech only with the quote itself: `"…," he continued`).
        return None;
    }
    if c.lemma == "called" && c.end == c.first + 1 && c.first > a && {
        use crate::lexicon::quote::class::{AUX, GROUP, ORG, PRONOUN, TITLE};
        let p = &toks[c.first - 1];
        p.is_word() && !p.cap() && !p.is(TITLE | GROUP | ORG | PRONOUN | AUX)
    } {
        // `a website called “…”`, `a band called Sophistafunk`: naming,
        // not speech.
        return None;
    }
    if is_word(doc, c.first.wrapping_sub(1), "to") && is_word(doc, start().wrapping_sub(1), "that")
    {
        // `was quick to point out that …`, `is expected to argue that
        // …`: the sentence's subject speaks.
        return Some(Found::new(doc, (start(), end), c, None));
    }
    let np_b = np_before(doc.text, toks, a, c.first);
    if c.form == VerbForm::Base {
        // `say` needs a plural or named subject (`officials say`, `Police
        // say`, `they say`), never `he say` or `a phone call`.
        // After an auxiliary any subject will do when a `that` follows:
        // `he did note that`, `she would say that`.
        let aux = aux_that();
        let ok = np_b.is_some_and(|np| {
            let t = &toks[np.end - 1];
            let w = wb(doc, np.end - 1);
            aux || matches!(
                w,
                b"they" | b"They" | b"we" | b"We" | b"I" | b"you" | b"You"
            ) || (t.cap() && !t.is(crate::lexicon::quote::class::PRONOUN))
                || (w.ends_with(b"s") && !t.is(crate::lexicon::quote::class::PRONOUN))
        });
        if !ok {
            return complex_subject(doc, a, end, c);
        }
    }
    match np_b {
        Some(np) => {
            let comma_np = np.first > a && comma_like(doc, np.first - 1);
            let mut after = start();
            // `Fraudsters, he said in the video, don't last long.`
            if comma_np
                && after < end
                && toks[after].is_word()
                && matches!(
                    wb(doc, after),
                    b"in"
                        | b"at"
                        | b"on"
                        | b"during"
                        | b"from"
                        | b"with"
                        | b"via"
                        | b"over"
                        | b"after"
                )
            {
                if let Some(k) = (after..end.min(after + 6)).find(|&i| toks[i].is_punct(',')) {
                    if (after..k).all(|i| {
                        toks[i].is_word() && !toks[i].is(crate::lexicon::quote::class::VERB)
                    }) {
                        after = k;
                    }
                }
            }
            // `X said on Friday during a news conference that …`: a `that`
            // after the verb makes the speech follow it.
            let that_follows = after > c.end && is_word(doc, after - 1, "that");
            // Counts are only compared with small thresholds: bounded, so that a
            // long sentence with many cues stays linear.
            let rest_words = (after..end).filter(|&i| toks[i].is_word()).take(3).count();
            let comma_after = after < end && toks[after].is_punct(',');
            let before_words = (a..np.first).filter(|&i| toks[i].is_word()).take(1).count();
            if after < end && toks[after].is_punct(':') {
                // `Lavrov said: …` (a direct quote, usually, which stands alone).
                return Some(Found::new(doc, (after + 1, end), c, Some(np)));
            }
            if comma_after && doc.q.get(after + 1) == Some(&InQuote::Open) {
                // `On Israel, Trump added, "…"`: the quote is the speech;
                // the opening phrase is the writer's.
                return None;
            }
            let after_quote = doc.q[np.first.saturating_sub(1)] == InQuote::Close;
            if after_quote
                && doc.q[a] == InQuote::Open
                && rest_words > 0
                && !that_follows
                && !comma_after
                && !is_word(doc, after, "and")
            {
                // `"…," Bond said onstage Tuesday night.`: the quote is the
                // speech; what follows the verb is its circumstance.
                return None;
            }
            if comma_np
                && !that_follows
                && comma_after
                && rest_words >= 3
                && !after_quote
                && !is_tail(doc, after, false)
            {
                // `In contrast, Berkman said, there seem to be …`; after a
                // longer opening the whole sentence is the speech.
                let from = if before_words == 0 { after } else { a };
                return Some(Found::new(doc, (from, end), c, Some(np)));
            }
            // `When he interviewed X, Ramos reminded viewers …`: a fronted
            // adverbial clause alone before the subject is no speech.
            let opener = if matches!(wb(doc, a), b"And" | b"But") {
                a + 1
            } else {
                a
            };
            let fronted = comma_np
                && opener < np.first
                && toks[opener].is_word()
                && toks[opener].info(doc.word(opener)).is_subordinator()
                && doc
                    .seen
                    .comma
                    .find(opener, np.first - 1, |i| {
                        doc.q[i] == InQuote::Out && toks[i].is_punct(',')
                    })
                    .is_none();
            // A gerund after the verb is a circumstance only after a comma
            // (`said, smiling`), not `proposed barring …`.
            let comma_end = toks.get(c.end).is_some_and(|t| t.is_punct(','));
            if comma_np
                && !that_follows
                && (rest_words < 3
                    || comma_after
                    || is_tail(doc, after, comma_after)
                    || is_tail(doc, c.end, comma_end))
            {
                if fronted {
                    return None;
                }
                return Some(Found::new(doc, (a, np.first - 1), c, Some(np)));
            }
            if np.first > a && !comma_np {
                // The phrase is the object of a preposition (`comments by X
                // suggested`), not the subject.
                let mut buf = [0u8; 16];
                let prev = ascii_lower(doc.word(np.first - 1), &mut buf).unwrap_or(b"");
                if matches!(
                    prev,
                    b"by"
                        | b"of"
                        | b"to"
                        | b"with"
                        | b"for"
                        | b"from"
                        | b"about"
                        | b"against"
                        | b"than"
                        | b"like"
                        | b"via"
                        | b"between"
                        | b"in"
                        | b"on"
                        | b"at"
                        | b"into"
                        | b"over"
                        | b"under"
                        | b"during"
                        | b"through"
                        | b"across"
                        | b"among"
                        | b"around"
                        | b"behind"
                ) {
                    // `An official familiar with the inquiry said …`: the
                    // subject is the longer phrase that the object ends;
                    // but `comments by X suggested` report no speech of X's.
                    if prev == b"by" {
                        return None;
                    }
                    return complex_subject(doc, a, end, c);
                }
            }
            let starts_quote =
                after < end && (doc.q[after] == InQuote::Open || toks[after].is_punct(':'));
            if starts_quote
                && (after..end).all(|i| doc.q[i] != InQuote::Out || toks[i].is_punct(':'))
            {
                return None;
            }
            if c.takes_addressee()
                && after == c.end
                && (after..end).filter(|&i| toks[i].is_word()).take(5).count() < 5
            {
                // `Burton told state delegates recently.`: only the addressee.
                return None;
            }
            if !that_follows
                && is_tail(doc, after, false)
                && (after..end).filter(|&i| toks[i].is_word()).take(8).count() < 8
            {
                // `wrote in his memo`, `responded from the White House`: a
                // short circumstance of the act, no content.
                return None;
            }
            let f = Found::new(doc, (after, end), c, Some(np));
            if (f.first..f.end)
                .filter(|&i| toks[i].is_word())
                .take(2)
                .count()
                < 2
            {
                return None;
            }
            Some(f)
        }
        None => {
            // Inverted: `…, said X.`
            if !comma_before {
                return complex_subject(doc, a, end, c);
            }
            match np_after(doc.text, toks, c.end, end).filter(|_| !is_word(doc, c.end, "that")) {
                Some(np) => Some(Found::new(doc, (a, c.first - 1), c, Some(np))),
                None => appositive_subject(doc, a, end, c),
            }
        }
    }
}

/// A subject with an appositive between it and the verb that the speaker
/// phrases do not cover: `One of his advisers, Tad Devine, said that …`
/// (the name between the commas speaks) or `Mr. A, the chairman of B, said
/// that …` (the name opening the sentence speaks). The speech follows the
/// verb and must be a clause (a `that`, or three words or more).
fn appositive_subject(doc: &Doc<'_>, a: usize, end: usize, c: &CueMatch) -> Option<Found> {
    let toks = &doc.toks;
    if !matches!(c.form, VerbForm::Past | VerbForm::Present) || c.first < a + 3 {
        return None;
    }
    let close = c.first - 1;
    let open = (a.max(close.saturating_sub(12))..close)
        .rev()
        .find(|&i| toks[i].is_punct(','))?;
    let named = |np: &Np| (np.first..np.end).any(|i| is_name_word(&toks[i]));
    let np = np_before(doc.text, toks, open + 1, close)
        .filter(|np| np.first == open + 1 && np.end == close && named(np))
        .or_else(|| subject_name(doc, a, open).filter(|np| np.end == open))?;
    let after = content_start(doc, c, end);
    let that = after > c.end && is_word(doc, after - 1, "that");
    if after >= end || doc.q[after] != InQuote::Out || (!that && is_tail(doc, after, true)) {
        return None;
    }
    let f = Found::new(doc, (after, end), c, Some(np));
    let words = (f.first..f.end)
        .filter(|&i| toks[i].is_word())
        .take(3)
        .count();
    (that || words >= 3).then_some(f)
}

/// A subject the speaker phrases do not cover (`A news report published
/// Wednesday said …`, `Officials who spoke with the Post said …`): the verb,
/// past or present, opens the content, which must be a clause of its own
/// (a `that`, or three words or more) and not a quote standing alone.
fn complex_subject(doc: &Doc<'_>, a: usize, end: usize, c: &CueMatch) -> Option<Found> {
    use crate::lexicon::quote::class::{AUX, FUNCTION, STOP};
    let toks = &doc.toks;
    let prev = toks.get(c.first.checked_sub(1)?)?;
    // A bare `say` is finite after a plural subject (`voters in all five
    // states say`), not after `to`, a modal or a negation.
    let finite_base = c.form == VerbForm::Base
        && !prev.is(AUX | STOP)
        && !wb(doc, c.first - 1).ends_with(b"n't")
        && !wb(doc, c.first - 1).ends_with("n’t".as_bytes());
    // `in pledged delegates`, `the state's 20 pledged delegates`: a
    // participle used as an adjective has no subject.
    if c.first < a + 2
        || !(matches!(c.form, VerbForm::Past | VerbForm::Present) || finite_base)
        || !prev.is_word()
        || prev.is(FUNCTION)
        || (prev.is(STOP) && !prev.cap())
        || doc
            .word(c.first - 1)
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',')
        || doc
            .seen
            .question
            .find(a, c.first, |i| toks[i].is_punct('?'))
            .is_some()
    {
        return None;
    }
    let after = content_start(doc, c, end);
    // After `that` the speech may open with a gerund (`said that
    // prosecuting anyone …`): no circumstance.
    let tail = is_tail(doc, after, true) && !(after > c.end && is_word(doc, after - 1, "that"));
    if after >= end || doc.q[after] != InQuote::Out || tail {
        return None;
    }
    let np = subject_name(doc, a, c.first);
    let mut f = Found::new(doc, (after, end), c, np);
    f.unnamed = np.is_none();
    ((f.first..f.end)
        .filter(|&i| toks[i].is_word())
        .take(3)
        .count()
        >= 3)
        .then_some(f)
}

/// The name opening the subject `a..verb` of a clause whose subject phrase is
/// longer than a name (`Trump at the time said`, `Rep. Anna Holm of Vermont,
/// in a statement, said`), after a conjunction or an introductory phrase
/// (`But`, `In Moscow,`). `None` when the subject is a description
/// (`A law enforcement official familiar with …`, `Current and former
/// officials who …`, `Many in the crowd`): it names nobody.
fn subject_name(doc: &Doc<'_>, a: usize, verb: usize) -> Option<Np> {
    use crate::lexicon::quote::class::{FUNCTION, STOP};
    let toks = &doc.toks;
    let mut st = a;
    let opening = |i: usize| {
        toks[i].cap() && (toks[i].is(STOP) || wb(doc, i).ends_with(b"ly")) || toks[i].is_punct(',')
    };
    while st < verb && opening(st) {
        // `But`, `Still,`, `In Moscow,`, `At an event in Ames, Iowa,`: an
        // opening phrase up to its last comma.
        st = (st + 1..verb.min(st + 10))
            .rev()
            .find(|&i| toks[i].is_punct(','))
            .map_or(st + 1, |i| i + 1);
    }
    let np = np_after(doc.text, toks, st, verb)?;
    let named = (np.first..np.end).any(|i| is_name_word(&toks[i]));
    let indefinite = wb(doc, np.first).eq_ignore_ascii_case(b"a")
        || wb(doc, np.first).eq_ignore_ascii_case(b"an");
    // What follows the name must not continue a description (`Current and
    // former officials`, `Six Gannett newspapers`).
    let next_ok = toks.get(np.end).is_some_and(|t| {
        !(t.is_kind(Kind::Poss)
            || is_word(doc, np.end, "and")
            || is_word(doc, np.end, "or")
            || (t.is_word() && !t.cap() && !t.is(STOP | FUNCTION)))
    });
    (named && !indefinite && next_ok && np.end <= verb).then_some(np)
}

/// Resolve the speakers of `found` into `out` (cleared first; a participle
/// takes the sentence's subject).
pub(crate) fn resolve(
    doc: &Doc<'_>,
    found: &[Found],
    reg: &mut Registry,
    ctx: &mut Context,
    out: &mut Vec<Option<Speaker>>,
) {
    out.clear();
    // The last speaker resolved so far (its index in `out`), carried
    // forward rather than looked up again for each participle.
    let mut last_some: Option<usize> = None;
    // The first commas of the current sentence (`a`), found in its tokens
    // up to `upto`: a participle's subject starts at one of them.
    let (mut sent_a, mut upto, mut commas) = (usize::MAX, 0, [0usize; 3]);
    let mut n_commas = 0;
    for f in found.iter() {
        let sp = match f.np {
            Some(np) => reg.resolve(doc, np, ctx),
            None if f.asked || f.unnamed => None,
            None => {
                let earlier = last_some.and_then(|i| out[i].clone());
                earlier.or_else(|| {
                    let s = doc.sents.of[f.cue_tok] as usize;
                    let (a, _) = doc.sents.ranges[s];
                    if a != sent_a {
                        (sent_a, upto, n_commas) = (a, a, 0);
                    }
                    while n_commas < commas.len() && upto < f.cue_tok {
                        if doc.toks[upto].is_punct(',') {
                            commas[n_commas] = upto;
                            n_commas += 1;
                        }
                        upto += 1;
                    }
                    // The sentence's subject, even when it names nobody
                    // (`Norwegian officials … and said`); else the last speaker.
                    // It opens the sentence or follows an opening phrase
                    // (`Hours later, Trump returned …, telling …`) and a verb follows it.
                    use crate::lexicon::quote::class::{FUNCTION, STOP};
                    let starts = std::iter::once(a).chain(
                        commas[..n_commas]
                            .iter()
                            .filter(|&&i| i < f.cue_tok)
                            .map(|&i| i + 1),
                    );
                    let subject = starts.take(4).find_map(|st| {
                        np_after(doc.text, &doc.toks, st, f.cue_tok).filter(|np| {
                            let next = &doc.toks[np.end.min(doc.toks.len() - 1)];
                            np.end < f.cue_tok
                                && next.is_word()
                                && !next.cap()
                                && !next.is(STOP | FUNCTION)
                        })
                    });
                    match subject {
                        Some(np) => reg.resolve(doc, np, ctx),
                        None => reg
                            .subject_between(doc.toks[a].span().start, f.cue.start)
                            .or_else(|| ctx.last.clone()),
                    }
                })
            }
        };
        if sp.is_some() {
            last_some = Some(out.len());
        }
        out.push(sp);
    }
}

/// The marked stretch (its index in `doc.marked`) that is the whole of the
/// speech `f`, which [`emit`] then drops: that quote stands for it.
pub(crate) fn whole_quote(doc: &Doc<'_>, f: &Found) -> Option<usize> {
    let at = doc
        .marked
        .partition_point(|m| m.open.unwrap_or(m.first) < f.first);
    doc.marked
        .get(at)
        .is_some_and(|m| {
            m.open == Some(f.first) && m.close.map_or(m.end, |c| c + 1) >= f.end
                || m.first == f.first && m.end >= f.end
        })
        .then_some(at)
}

/// Whether the speech `f` holds a quote that stands alone, the writer
/// adding only its subject (which [`emit`] then drops).
fn quoted_alone(doc: &Doc<'_>, f: &Found) -> bool {
    // `Norway "is not selling …," X said`: the writer adds only the
    // subject, so the quote stands alone as a partial (the words are only
    // counted for speech holding a quote).
    let quoted = doc
        .q
        .get(f.first..f.end)
        .is_some_and(|q| q.contains(&InQuote::In));
    if !quoted {
        return false;
    }
    let mut unquoted =
        (f.first..f.end).filter(|&i| doc.q[i] == InQuote::Out && doc.toks[i].is_word());
    let words = unquoted.clone().take(3).count();
    let only_subject = words <= 2
        && unquoted
            .all(|i| doc.toks[i].cap() && !doc.toks[i].is(crate::lexicon::quote::class::STOP));
    // Only before a postposed cue: after `X said` the subject and quote
    // are the speech (`He said Berg "will win."`), with the partial.
    let postposed = f.first < f.cue_tok;
    only_subject && (postposed || words == 0)
}

/// Emit the reported speech of `found`, except where its content is one
/// marked quote (that quote stands for it).
pub(crate) fn emit(
    doc: &Doc<'_>,
    found: &[Found],
    resolved: &mut Vec<Option<Speaker>>,
    ctx: &mut Context,
    quotes: &mut Vec<Quote>,
) {
    for (f, speaker) in found.iter().zip(resolved.drain(..)) {
        if whole_quote(doc, f).is_some() || quoted_alone(doc, f) {
            continue;
        }
        let q = Quote {
            span: doc.span(f.first, f.end),
            kind: QuoteKind::Indirect,
            cue: Some(Cue { span: f.cue }),
            speaker,
            section: doc.role_at(f.first),
        };
        if !f.asked {
            ctx.remember(&q, doc.para_of[f.end - 1] as usize);
        }
        quotes.push(q);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{doc, has, quotes};
    use super::super::QuoteKind::{Indirect, Partial};

    /// Assert that `body` has an indirect quote of exactly `text`.
    fn has_exactly(body: &str, text: &str) {
        let list = quotes(&doc(body));
        let hit = list.iter().any(|(k, s, _)| *k == Indirect && s == text);
        assert!(hit, "{list:?}");
    }

    #[test]
    fn preposed_and_postposed() {
        has(
            &doc("Berg said that the port would stay open."),
            Indirect,
            "the port would stay open",
            Some("Jonas Berg"),
        );
        has(
            &doc("The port will stay open, Berg said on Tuesday."),
            Indirect,
            "The port will stay open",
            Some("Jonas Berg"),
        );
        has(
            &doc("The port will stay open, said Berg."),
            Indirect,
            "The port will stay open",
            Some("Jonas Berg"),
        );
        has(
            &doc("He told reporters the port would stay open."),
            Indirect,
            "the port would stay open",
            Some("Jonas Berg"),
        );
    }

    #[test]
    fn that_after_circumstances_makes_speech_follow() {
        has(
            &doc("Courted by the unions, Berg said on Friday at a news conference that the port stays open."),
            Indirect,
            "the port stays open",
            Some("Jonas Berg"),
        );
        has(
            &doc("Rep. Anna Holm (D-Vt.) said she will publish the port accounts."),
            Indirect,
            "she will publish the port accounts",
            Some("Anna Holm"),
        );
    }

    #[test]
    fn complex_subjects_and_non_speech() {
        has(
            &doc("A harbour report published Wednesday said the port lost money in May."),
            Indirect,
            "the port lost money in May",
            None,
        );
    }

    #[test]
    fn longer_subjects_name_their_speaker_or_nobody() {
        has(
            &doc("A harbour official familiar with the talks said that the port would stay open."),
            Indirect,
            "the port would stay open",
            None,
        );
        has(
            &doc("Dock workers in all five ports say the fees are too high."),
            Indirect,
            "the fees are too high",
            None,
        );
        has(
            &doc("Berg at the time said the port would stay open."),
            Indirect,
            "the port would stay open",
            Some("Jonas Berg"),
        );
        has(
            &doc("Still, Berg pointedly added that the port would stay open."),
            Indirect,
            "the port would stay open",
            Some("Jonas Berg"),
        );
    }

    #[test]
    fn calls_and_past_only_cues() {
        for (body, content) in [
            ("He called the port fees unfair.", "the port fees unfair"),
            (
                "He called for new talks with the unions.",
                "new talks with the unions",
            ),
            (
                "He stated that the port would stay open.",
                "the port would stay open",
            ),
        ] {
            has(&doc(body), Indirect, content, Some("Jonas Berg"));
        }
    }

    #[test]
    fn participle_adjectives_and_short_circumstances_are_no_speech() {
        for body in [
            "The mayor holds a lead of 20 pledged port votes over the unions.",
            "Berg wrote in his port memo on Monday.",
            "The unions run a website called Port Watch.",
            "Berg told port workers recently.",
            "Berg continued his tour of the port on Monday.",
        ] {
            let list = quotes(&doc(body));
            assert!(
                list.iter().all(|(_, t, _)| !t.contains("port")),
                "{body}: {list:?}"
            );
        }
    }

    #[test]
    fn circumstances_after_a_quote_and_subjects_after_but() {
        let list = quotes(&doc("\"We stay,\" Berg said onstage on Tuesday night."));
        assert!(
            list.iter().all(|(_, t, _)| !t.contains("onstage")),
            "{list:?}"
        );
        has(
            &doc("But Anna Holm, another port official, said the fees would stay."),
            Indirect,
            "the fees would stay",
            Some("Anna Holm"),
        );
    }

    #[test]
    fn a_relative_clause_on_the_first_words_stays_in_the_speech() {
        has_exactly(
            "According to the audit, dockers, who struck in May, want higher pay.",
            "dockers, who struck in May, want higher pay",
        );
    }

    #[test]
    fn a_cue_inside_according_to_speech_does_not_cut_it() {
        has_exactly(
            "According to Berg, many port towns have expressed interest in the plan.",
            "many port towns have expressed interest in the plan",
        );
    }

    #[test]
    fn a_negated_report_says_nothing() {
        let list = quotes(&doc(
            "Berg does not agree with the unions that the port is closing.",
        ));
        assert!(list.iter().all(|(_, t, _)| !t.contains("port")), "{list:?}");
    }

    #[test]
    fn according_to_after_the_speech() {
        has_exactly(
            "The port lost money, according to the audit, which was published in May.",
            "The port lost money",
        );
        let t = doc("At the same time, fees rose: the port lost money in May, according to Berg.");
        has(
            &t,
            Indirect,
            "the port lost money in May",
            Some("Jonas Berg"),
        );
    }

    #[test]
    fn according_to_and_participles() {
        has(
            &doc("According to Berg, the port will stay open."),
            Indirect,
            "the port will stay open",
            Some("Jonas Berg"),
        );
        let t = doc("Berg denied that the port was closing, adding that ships still came in.");
        has(&t, Indirect, "the port was closing", Some("Jonas Berg"));
        has(&t, Indirect, "ships still came in", Some("Jonas Berg"));
    }

    #[test]
    fn mixed_quote_gives_indirect_and_partial() {
        let t = doc("Berg added that the unions were \"ready to talk.\"");
        has(&t, Indirect, "the unions were", Some("Jonas Berg"));
        has(&t, Partial, "ready to talk.", Some("Jonas Berg"));
    }

    #[test]
    fn headlines() {
        has(
            "Berg says port will stay open\n\nBody text.",
            Indirect,
            "port will stay open",
            Some("Berg"),
        );
        has(
            "Port Authority: No new fees this year\n\nBody text.",
            Indirect,
            "No new fees this year",
            Some("Port Authority"),
        );
    }

    #[test]
    fn heading_labels_are_no_speakers() {
        for t in [
            "Breaking: Port will stay open\n\nBody text.",
            "The Latest: Port will stay open\n\nBody text.",
            "CLARIFICATION: Port will stay open\n\nBody text.",
        ] {
            let list = quotes(t);
            assert!(
                list.iter().all(|(_, q, _)| !q.contains("Port")),
                "{t}: {list:?}"
            );
        }
    }

    #[test]
    fn transcript_speaker_holds_the_paragraph() {
        let t = doc("Anna Holm: The port is fine. Fees stay low, and ships come in.");
        has(
            &t,
            Indirect,
            "The port is fine. Fees stay low, and ships come in",
            Some("Anna Holm"),
        );
    }

    #[test]
    fn the_speakers_next_deed_is_not_speech() {
        has_exactly(
            "Berg insists the port must stay open, and has asked the unions for patience.",
            "the port must stay open",
        );
    }

    #[test]
    fn a_question_put_is_reported_by_nobody() {
        let t = doc("Asked if the port would close, Berg said, \"Never.\"");
        has(&t, Indirect, "if the port would close", None);
        has(
            &t,
            super::super::QuoteKind::Direct,
            "Never.",
            Some("Jonas Berg"),
        );
        // Later in the sentence, or put to the subject.
        let t = doc("\"Never,\" Berg said when asked whether the port would close.");
        has(&t, Indirect, "whether the port would close", None);
        let t = doc("Berg was asked if the port would close, and he laughed.");
        has(&t, Indirect, "if the port would close", None);
    }

    #[test]
    fn including_stays_in_the_speech() {
        has_exactly(
            "Berg said the port has several ways out, including the new canal.",
            "the port has several ways out, including the new canal",
        );
    }

    #[test]
    fn paired_dashes_stay_in_the_speech() {
        has_exactly(
            "Berg said the city – and not the state – runs the port.",
            "the city – and not the state – runs the port",
        );
        has_exactly(
            "Berg said the port stays open – a promise he made before.",
            "the port stays open",
        );
    }

    #[test]
    fn thought_and_inference_are_not_speech() {
        for body in [
            "Berg believes that the port will stay open.",
            "Comments by Berg suggested that the port would stay open.",
            "When asked by reporters about the port, the unions left.",
            // The quote is the speech, the opening phrase the writer's.
            "On the port fees, Berg added, \"Nobody pays more.\"",
            "With ten ships in port, Berg is assured of a busy week.",
            "Berg won the port vote, adding to his lead over the unions.",
        ] {
            let list = quotes(&doc(body));
            assert!(
                list.iter().all(|(_, t, _)| !t.contains("port")),
                "{body}: {list:?}"
            );
        }
    }

    #[test]
    fn a_fronted_clause_ends_at_its_comma() {
        has_exactly(
            "While Berg said that the port would stay open, the unions began to strike.",
            "the port would stay open",
        );
        has_exactly(
            "Though Berg hasn't announced a date for the vote, the unions are ready.",
            "a date for the vote",
        );
        // Not a fronted clause: the comma stays inside the speech.
        has_exactly(
            "Berg said that the port, which lost money, would stay open.",
            "the port, which lost money, would stay open",
        );
    }

    #[test]
    fn a_second_verb_of_the_speaker_ends_the_speech() {
        has_exactly(
            "Berg said she admires the dockers and praised their union.",
            "she admires the dockers",
        );
        has_exactly(
            "Berg questioned the port fees and refused to back the plan.",
            "the port fees",
        );
        // A finite auxiliary opens the speaker's second verb phrase.
        has_exactly(
            "Berg denied every allegation and has promised to appeal.",
            "every allegation",
        );
        // The speech's own verbs keep theirs.
        has_exactly(
            "Berg said the fees were raised and tripled in May.",
            "the fees were raised and tripled in May",
        );
    }

    #[test]
    fn a_subject_and_quote_after_the_cue_are_the_speech() {
        // After the cue, the subject and the quote are the speech (with
        // the quote as a partial); before a postposed cue, the quote
        // stands alone.
        has_exactly(
            "Berg said Dockers \"will never pay the fees.\"",
            "Dockers \"will never pay the fees.\"",
        );
        let list = quotes(&doc("Dockers \"will never pay the fees,\" Berg said."));
        assert!(list.iter().all(|(k, _, _)| *k != Indirect), "{list:?}");
    }

    #[test]
    fn subjects_the_phrases_miss_still_speak() {
        // An appositive name between the subject and the verb.
        has(
            &doc("One of the dockers, Ola Nordmann, told reporters that the strike would go on."),
            Indirect,
            "the strike would go on",
            Some("Ola Nordmann"),
        );
        // An auxiliary before the verb, and an infinitive of saying.
        has(
            &doc("Berg did not name the unions but did note that the port had lost money."),
            Indirect,
            "the port had lost money",
            Some("Jonas Berg"),
        );
        has(
            &doc("Berg was quick to point out that the port had lost money."),
            Indirect,
            "the port had lost money",
            Some("Jonas Berg"),
        );
        // A gerund opening the speech after `that`.
        has_exactly(
            "A harbour official said that raising the fees would be difficult.",
            "raising the fees would be difficult",
        );
    }

    #[test]
    fn an_appositive_to_the_clause_is_the_writers() {
        has_exactly(
            "Berg said the port would stay open, a swipe at the unions.",
            "the port would stay open",
        );
        has_exactly(
            "Berg asked the unions to read the plan that covers, among other things, a new quay.",
            "the unions to read the plan that covers, among other things, a new quay",
        );
    }

    #[test]
    fn clauses_around_the_speech_are_the_writers() {
        // A relative clause between commas ends at its comma.
        has_exactly(
            "Berg, who said the port was safe, said he was unaware of any strike.",
            "the port was safe",
        );
        // `, and when …` opens a clause of the writer's.
        has_exactly(
            "Berg said the port would stay open, and when asked about the strike he left.",
            "the port would stay open",
        );
        // A fronted adverbial clause alone before the subject is no speech.
        let list = quotes(&doc(
            "When he met the unions, Berg proposed raising the fees.",
        ));
        assert!(
            list.iter().all(|(_, t, _)| !t.starts_with("When")),
            "{list:?}"
        );
    }

    #[test]
    fn infinitives_of_saying_and_participle_phrases() {
        has(
            &doc("Berg is expected to argue that the port lost money."),
            Indirect,
            "the port lost money",
            Some("Jonas Berg"),
        );
        // `writing for the board` is a circumstance; `said` is the cue.
        has(
            &doc("Jonas Berg, writing for the board, said the port is safe."),
            Indirect,
            "the port is safe",
            Some("Jonas Berg"),
        );
        // A progressive is the subject's own verb.
        has(
            &doc("Jonas Berg is saying the port is safe."),
            Indirect,
            "the port is safe",
            Some("Jonas Berg"),
        );
    }

    #[test]
    fn remembered_scans_answer_as_plain_ones() {
        // Every sequence of three queries over a short row of hits and misses,
        // in any order: the same answers as a plain scan.
        let hits = [
            false, true, false, false, true, true, false, false, false, true,
        ];
        let n = hits.len();
        let test = |i: usize| hits[i];
        let queries: Vec<(usize, usize)> =
            (0..=n).flat_map(|x| (0..=n).map(move |e| (x, e))).collect();
        for &q1 in &queries {
            for &q2 in &queries {
                for &q3 in queries.iter().step_by(7) {
                    let (ahead, behind) = (super::Ahead::default(), super::Behind::default());
                    for (x, e) in [q1, q2, q3] {
                        assert_eq!(ahead.find(x, e, test), (x..e).find(|&i| test(i)));
                        let from = x.min(2);
                        assert_eq!(
                            behind.rfind(from, e, test),
                            (from..e).rev().find(|&i| test(i))
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn many_cues_in_one_sentence_scan_it_once() {
        // One long sentence of many cues: each cue's scans would run to the
        // sentence's end (n cues × n tokens); remembered, they take each
        // token a bounded number of times.
        for unit in [
            "Jane Roe said the plan will fail and",
            "He said that it will fail and",
            "Jane Roe reported the plan and",
            "While Jane Roe said the plan fails, Jane Roe said the plan is bad and",
            "the plan failed, according to Jane Roe, and",
            "A report published today said the plan is bad and",
            "? the officials who spoke said the plan and",
        ] {
            let text = format!("Title\n\n{}.\n", vec![unit; 2000].join(" "));
            let elements: Vec<crate::Element> = crate::text::content_lines(&text)
                .enumerate()
                .map(|(i, s)| {
                    crate::Element::new(
                        s,
                        if i == 0 {
                            crate::Role::Title
                        } else {
                            crate::Role::Body
                        },
                    )
                })
                .collect();
            let doc = super::super::Doc::from_parts(&text, &elements, None);
            super::super::extract_doc(&doc);
            let (steps, toks) = (doc.seen.steps(), doc.toks.len());
            assert!(steps <= 4 * toks, "{unit}: {steps} steps for {toks} tokens");
        }
    }

    #[test]
    fn only_words_of_the_cue_classes_open_cues() {
        // The cue scan skips every token without a bit of CUE_WORD: no other
        // token may open a cue or a noun cue.
        let text = "Title\n\nAccording to Jane Roe, the plan fails. In her words, it \
            fails. Officials said on Tuesday that Roe's statement that it fails is \
            true, adding that Roe went on to say it. \"It fails,\" she told \
            reporters. Roe, pointing out the costs, said they rise. They say so.\n";
        let elements: Vec<crate::Element> = crate::text::content_lines(text)
            .enumerate()
            .map(|(i, s)| {
                let role = if i == 0 {
                    crate::Role::Title
                } else {
                    crate::Role::Body
                };
                crate::Element::new(s, role)
            })
            .collect();
        let doc = super::super::Doc::from_parts(text, &elements, None);
        let n = doc.toks.len();
        let (mut cues, mut nouns) = (0, 0);
        for i in 0..n {
            let cue = super::cue_at(text, &doc.toks, i, n).is_some();
            let noun = super::noun_cue(&doc, 0, i, n).is_some();
            if cue || noun {
                assert!(doc.toks[i].is(super::CUE_WORD), "{:?}", doc.word(i));
            }
            cues += usize::from(cue);
            nouns += usize::from(noun);
        }
        // `according`, `in`, `said`, `adding`, `went`, `told`, `pointing`,
        // `said`, `say`; the noun `statement`.
        assert!(cues >= 9 && nouns == 1, "{cues} cues, {nouns} noun cues");
    }

    #[test]
    fn many_whole_sentence_speeches_stay_short() {
        // Each cue of `In contrast, X said, …` takes the whole sentence:
        // repeated, the speeches would add up to n times the sentence.
        let unit = "In contrast, Jane Roe said, the plan will fail and";
        let text = format!("Title\n\n{}.\n", vec![unit; 2000].join(" "));
        let quotes = super::super::testutil::quotes(&text);
        assert!(quotes.len() > 1000, "{} quotes", quotes.len());
        let bytes: usize = quotes.iter().map(|(_, t, _)| t.len()).sum();
        assert!(
            bytes <= 8 * super::MAX_SPEECH * quotes.len(),
            "{bytes} bytes"
        );
        // A real sentence is untouched.
        has_exactly(
            "In contrast, Jane Roe said, the plan will fail.",
            "In contrast, Jane Roe said, the plan will fail",
        );
    }

    #[test]
    fn a_text_opening_with_an_attribution_does_not_panic() {
        for text in [
            "Berg, the mayor, said that the port is open.",
            "While Berg said it, the port closed.",
            "When Berg met them, Holm proposed raising the fees.",
            "And, Berg said, the port is open.",
            "Berg, who said",
        ] {
            let _ = quotes(text);
        }
        has_exactly(
            "When Berg met them, Holm said the fees would rise.",
            "the fees would rise",
        );
    }
}
