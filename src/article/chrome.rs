//! The boilerplate classifier: which lines are site chrome and which are the
//! article.
//!
//! jusText's method, adapted to plain text. Each line is first classed on
//! its own: phrase lexicons (cookie notices, newsletter prompts, `Read more`,
//! share buttons), menu cues (separators, bullets, capitals), length, and
//! stopword density in the document's language. Short and uncertain lines are
//! then classed by their neighbours: a short line between article paragraphs
//! is article, one between chrome is chrome, and a heading-like line right
//! before an article paragraph is kept (plain text has no heading tags, so
//! only the line right before a paragraph counts as its heading).

use super::lines::{Line, Lines};
use crate::lexicon::article::{PhraseKind, PHRASES, SINGLE_END, SINGLE_LINE};
use crate::Span;
use aho_corasick::{AhoCorasick, Anchored, Input};

/// Lines shorter than this (in characters) are `Short`, classed by context.
pub(crate) const LENGTH_LOW: u32 = 70;
/// Lines with this many menu separators or more are chrome unless their
/// stopwords are dense.
pub(crate) const DENSE_SEPARATORS: u32 = 2;
/// Lines longer than this with dense stopwords are `Good` on their own.
const LENGTH_HIGH: u32 = 200;
/// Stopword density under which a line is `Bad`.
const STOPWORDS_LOW: f32 = 0.20;
/// Stopword density from which a line that ends a sentence is `NearGood`
/// all the same: a news sentence thick with names and titles has few
/// stopwords, but menus and link lists do not end in a full stop.
const SENTENCE_STOPWORDS_LOW: f32 = 0.10;
/// Stopword density from which a line is `Good` (if long) or `NearGood`.
const STOPWORDS_HIGH: f32 = 0.26;
/// A run of this many near-good lines that end sentences is article text
/// (an article of short paragraphs), whatever surrounds it.
const NEAR_GOOD_RUN: u32 = 3;
/// A text of at most this many lines in which nothing stands out as
/// article text is kept whole (but for chrome phrases).
const FALLBACK_MAX_LINES: usize = 20;
/// Whole-line chrome phrases of up to this many words are transparent to
/// the neighbourhood rules when they stand alone between two longer lines.
const TRANSPARENT_MAX_WORDS: u32 = 3;
/// Lines with a chrome phrase are chrome up to this many words.
const MARKER_MAX_WORDS: u32 = 60;

/// What the phrase lexicons found in a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Hits {
    /// The line is a chrome phrase and nothing else (`Read more`, `Share`).
    pub whole_line: bool,
    /// Chrome phrases found in the line (`uses cookies`, `all rights reserved`).
    pub markers: u8,
    /// The line opens with a credit phrase (`Photo:`, `First published by`).
    pub credit: bool,
    /// The line opens with a closing source credit (`First published by`).
    pub closing: bool,
    /// A credit phrase stands inside the line (`... Photo: Jane Doe`).
    pub credit_inside: bool,
    /// The line is a heading that opens the part of the page after the
    /// article (`Related articles`, `Comments`).
    pub end_marker: bool,
}

/// How a line is classed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Article text.
    Good,
    /// Probably article text; decided by its neighbours.
    NearGood,
    /// Too short to tell; decided by its neighbours.
    Short,
    /// Site chrome.
    Bad,
}

fn alnum_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// Whether a lowercase letter at `at - 1` is glued to a capital at `at`
/// (`Previous articleTransforming ...`): link texts run together by a
/// scraper, a word boundary all the same.
fn glued(text: &str, at: usize) -> bool {
    let before = text.get(..at).and_then(|s| s.chars().next_back());
    let after = text.get(at..).and_then(|s| s.chars().next());
    before.is_some_and(char::is_lowercase) && after.is_some_and(char::is_uppercase)
}

fn alnum_after(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// Run the phrase lexicons over the whole text once and note, per line, what
/// they found. Linear in the text.
pub(crate) fn phrase_hits(text: &str, lines: &[Line]) -> Vec<Hits> {
    let mut hits = vec![Hits::default(); lines.len()];
    let phrases = &*PHRASES;
    // Only lines short enough to be chrome or credits are searched; runs of
    // such lines are searched in one go (no phrase spans a line break).
    // Lines without a word that opens a phrase need no search.
    let searched = |l: &Line| l.phrase_word && l.words <= 2 * MARKER_MAX_WORDS;
    let mut i = 0;
    while i < lines.len() {
        if !searched(&lines[i]) {
            i += 1;
            continue;
        }
        let first = i;
        while i + 1 < lines.len() && searched(&lines[i + 1]) {
            i += 1;
        }
        let range = lines[first].span.start..lines[i].span.end;
        i += 1;
        let mut li = first;
        for m in phrases.others.find_iter(Input::new(text).range(range)) {
            while li < lines.len() && lines[li].span.end <= m.start() {
                li += 1;
            }
            let Some(line) = lines.get(li) else { break };
            if m.start() < line.span.start || m.end() > line.span.end {
                continue;
            }
            let pat = text.get(m.start()..m.end()).unwrap_or("");
            let edge_start = pat.chars().next().is_some_and(char::is_alphanumeric);
            let edge_end = pat.chars().next_back().is_some_and(char::is_alphanumeric);
            if (edge_start && alnum_before(text, m.start()))
                || (edge_end && alnum_after(text, m.end()) && !glued(text, m.end()))
            {
                continue;
            }
            // Whether the line has letters or digits before the match: only
            // where it opens with non-alphanumerics is the prefix scanned.
            let opens_line = !line.span.of(text).starts_with(char::is_alphanumeric)
                && !text
                    .get(line.span.start..m.start())
                    .unwrap_or("")
                    .chars()
                    .any(char::is_alphanumeric);
            let opens_line = m.start() == line.span.start || opens_line;
            let h = &mut hits[li];
            match phrases.kind(m.pattern().as_usize()) {
                PhraseKind::Line | PhraseKind::Marker => h.markers = h.markers.saturating_add(1),
                kind @ (PhraseKind::Credit | PhraseKind::Closing) => {
                    if opens_line {
                        h.credit = true;
                        h.closing |= kind == PhraseKind::Closing;
                    } else {
                        h.credit_inside = true;
                    }
                }
            }
        }
    }
    for (h, line) in hits.iter_mut().zip(lines) {
        if line.words <= WHOLE_LINE_MAX_WORDS
            && line.span.len() <= WHOLE_LINE_MAX_BYTES
            && h.markers == 0
        {
            if let Some(bits) = line.single {
                // One word and punctuation: a table lookup does.
                h.whole_line = bits & SINGLE_LINE != 0;
                h.end_marker = bits & SINGLE_END != 0;
            } else if !line.no_phrase_start {
                h.end_marker = is_phrase_line(&phrases.ends, text, line.span);
                h.whole_line = h.end_marker || is_phrase_line(&phrases.lines, text, line.span);
            }
        }
    }
    hits
}

/// Lines longer than this (in words or bytes) are never made of whole-line
/// phrases.
const WHOLE_LINE_MAX_WORDS: u32 = 12;
const WHOLE_LINE_MAX_BYTES: usize = 160;

/// Whether the line is made of whole-line phrases, with nothing but
/// punctuation, bullets and numbers between them (`Read more`, `Comments
/// (12)`, `Share | Tweet | Email`).
fn is_phrase_line(lines: &AhoCorasick, text: &str, span: Span) -> bool {
    let mut pos = span.start;
    let mut matched = false;
    while pos < span.end {
        let Some(c) = text.get(pos..span.end).and_then(|r| r.chars().next()) else {
            return false;
        };
        if !c.is_alphanumeric() {
            pos += c.len_utf8();
            continue;
        }
        let input = Input::new(text)
            .range(pos..span.end)
            .anchored(Anchored::Yes);
        match lines.find(input) {
            Some(m) if !alnum_after(text, m.end()) || !ends_alnum(text, m.start(), m.end()) => {
                matched = true;
                pos = m.end();
            }
            _ if c.is_numeric() => {
                // Counts and numbers between phrases are filler.
                pos += text.get(pos..span.end).map_or(1, |r| {
                    r.find(|ch: char| !ch.is_numeric()).unwrap_or(r.len())
                });
            }
            _ => return false,
        }
    }
    matched
}

fn ends_alnum(text: &str, start: usize, end: usize) -> bool {
    text.get(start..end)
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// The language (index into [`crate::lexicon::article::LANGS`]) whose
/// stopwords the document uses most, or `None` when it uses almost none
/// (a language without a list, such as Chinese).
pub(crate) fn document_language(lines: &Lines) -> Option<usize> {
    let totals = lines.totals.map(u64::from);
    let words = lines.words;
    let (best, &n) = totals.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    (n * 20 >= words && n > 0).then_some(best)
}

/// Whether the line is chrome whatever its neighbours say.
pub(crate) fn is_hard_chrome(line: &Line, hits: Hits) -> bool {
    hits.whole_line
        || (hits.markers > 0 && line.words <= MARKER_MAX_WORDS)
        || (hits.markers > 1 && line.words <= 2 * MARKER_MAX_WORDS)
}

/// Whether the line looks like a heading: short, and not ending a sentence.
pub(crate) fn is_heading_like(line: &Line) -> bool {
    line.words >= 1
        && line.words <= 20
        && (!line.ends_sentence() || line.last == '?')
        && line.inner_stops <= 1
}

#[inline]
fn context_free(all: &Lines, line: &Line, hits: Hits, lang: Option<usize>) -> Class {
    if is_hard_chrome(line, hits) {
        return Class::Bad;
    }
    if line.words == 0 {
        return Class::Bad;
    }
    if line.upper_words == line.words && line.words <= 8 && line.chars > 3 {
        return Class::Bad;
    }
    let density = || lang.map_or(1.0, |l| all.stop_density(line, l));
    if line.separators >= DENSE_SEPARATORS && density() < STOPWORDS_HIGH {
        return Class::Bad;
    }
    if line.chars < LENGTH_LOW {
        return Class::Short;
    }
    let density = density();
    if density >= STOPWORDS_HIGH {
        if line.chars > LENGTH_HIGH {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if density >= STOPWORDS_LOW
        || (line.ends_sentence() && density >= SENTENCE_STOPWORDS_LOW)
    {
        Class::NearGood
    } else {
        Class::Bad
    }
}

/// Whether a line of class `c` is looked through when the neighbours of a
/// line are sought: short and transparent lines always, near-good lines in
/// the strict sense.
fn looked_through(c: Class, transparent: bool, strict: bool) -> bool {
    transparent || c == Class::Short || (strict && c == Class::NearGood)
}

/// The nearest qualifying line after a line, for the lookups of jusText.
#[derive(Clone, Copy)]
struct After {
    /// Class of the nearest line after that is neither short, transparent
    /// nor near-good (`Bad` at the end).
    strict: Class,
    /// Class of the nearest line after that is neither short nor
    /// transparent (`Bad` at the end).
    loose: Class,
    /// No strict neighbour follows.
    at_end: bool,
}

/// For every line, its nearest neighbours after it, in one backward pass.
fn neighbours_after(classes: &[Class], transparent: impl Fn(usize) -> bool) -> Vec<After> {
    let mut out = vec![
        After {
            strict: Class::Bad,
            loose: Class::Bad,
            at_end: true,
        };
        classes.len()
    ];
    let (mut strict, mut loose) = (None, None);
    for (i, (o, &c)) in out.iter_mut().zip(classes).enumerate().rev() {
        let t = c == Class::Bad && transparent(i);
        *o = After {
            strict: strict.unwrap_or(Class::Bad),
            loose: loose.unwrap_or(Class::Bad),
            at_end: strict.is_none(),
        };
        if !looked_through(c, t, true) {
            strict = Some(c);
        }
        if !looked_through(c, t, false) {
            loose = Some(c);
        }
    }
    out
}

/// Near-good lines in a run of at least [`NEAR_GOOD_RUN`] near-good lines
/// that end sentences become good (short and transparent lines do not break
/// a run). Each run is promoted where it ends, behind the pass, which reads
/// no line before it again.
fn promote_near_good_runs(
    lines: &[Line],
    classes: &mut [Class],
    transparent: impl Fn(usize) -> bool,
) {
    let mut start = 0;
    let mut count = 0u32;
    let mut prev_short = false;
    for i in 0..=classes.len() {
        let c = classes.get(i).copied();
        let t = c == Some(Class::Bad) && transparent(i);
        // A run goes on through near-good lines, and through single short
        // lines (a subheading) or chrome phrases between them.
        let goes_on = match c {
            Some(Class::NearGood) => {
                count += u32::from(lines[i].ends_sentence());
                prev_short = false;
                true
            }
            Some(Class::Short) if !prev_short && lines[i].words >= 2 => {
                prev_short = true;
                true
            }
            Some(_) if t => true,
            _ => false,
        };
        if !goes_on {
            if count >= NEAR_GOOD_RUN {
                for c in &mut classes[start..i] {
                    if *c == Class::NearGood {
                        *c = Class::Good;
                    }
                }
            }
            start = i + 1;
            count = 0;
            prev_short = false;
        }
    }
}

/// Whether the line right after line `i` is `Good` (read before line `i`
/// itself changes).
fn good_follows(classes: &[Class], i: usize) -> bool {
    classes.get(i + 1) == Some(&Class::Good)
}

/// Class every line; `true` in the result marks chrome.
pub(crate) fn classify(all: &Lines, hits: &[Hits], lang: Option<usize>) -> Vec<Class> {
    let lines = &all.lines[..];
    let n = lines.len();
    let mut initial: Vec<Class> = Vec::with_capacity(n);
    let mut any_text = false;
    for (l, &h) in lines.iter().zip(hits) {
        let c = context_free(all, l, h, lang);
        any_text |= matches!(c, Class::Good | Class::NearGood);
        initial.push(c);
    }
    if !any_text {
        // No line is article text, or nearly, on its own: short lines take
        // their class from neighbours that are all chrome, so every line is
        // chrome (but for the fallback of short texts).
        let mut revised = initial;
        revised.fill(Class::Bad);
        return fallback(lines, hits, revised);
    }
    let heading = |i: usize| is_heading_like(&lines[i]);
    // Short chrome phrases inside the article (`Advertisement`, `Read more`)
    // do not break it: neighbours are looked for across them.
    let transparent = |i: usize| {
        hits[i].whole_line
            && lines[i].words <= TRANSPARENT_MAX_WORDS
            && i > 0
            && lines[i - 1].words >= 10
            && lines.get(i + 1).is_some_and(|n| n.words >= 10)
    };
    let mut classes = initial.clone();
    if !classes.contains(&Class::Good) {
        // No paragraph is long enough to stand out (an article of short
        // paragraphs): near-good sentences take the place of good ones.
        for (c, l) in classes.iter_mut().zip(lines) {
            if *c == Class::NearGood && l.ends_sentence() {
                *c = Class::Good;
            }
        }
    }

    // Short headings shortly before a good paragraph become near-good.
    for i in 0..n {
        if classes[i] == Class::Short && heading(i) && good_follows(&classes, i) {
            classes[i] = Class::NearGood;
        }
    }

    // A run of near-good sentences is an article of short paragraphs.
    promote_near_good_runs(lines, &mut classes, transparent);

    // Short lines take their class from their neighbours, and near-good
    // lines are kept unless chrome lies on both sides. The neighbours before
    // a line are tracked on the way, those after it read from one backward
    // pass (jusText's lookups in linear time).
    let after = neighbours_after(&classes, transparent);
    // Each line is revised after it is read, and neighbours are read from
    // lines not yet revised (or tracked before): one vector does.
    let mut revised = classes;
    let (mut strict_prev, mut loose_prev) = (Class::Bad, Class::Bad);
    for i in 0..n {
        let c = revised[i];
        let a = after[i];
        match c {
            Class::Short => {
                let (p, mut nx) = (strict_prev, a.strict);
                // The end of the text is no evidence: a short last sentence
                // of an article takes the class of the line before it.
                if a.at_end && lines[i].ends_sentence() {
                    nx = p;
                }
                revised[i] = if p == Class::Good && nx == Class::Good {
                    Class::Good
                } else if p == Class::Bad && nx == Class::Bad {
                    Class::Bad
                } else if (p == Class::Bad && loose_prev == Class::NearGood)
                    || (nx == Class::Bad && a.loose == Class::NearGood)
                {
                    Class::Good
                } else {
                    Class::Bad
                };
            }
            Class::NearGood => {
                revised[i] = if strict_prev == Class::Bad && a.strict == Class::Bad {
                    Class::Bad
                } else {
                    Class::Good
                };
            }
            _ => {}
        }
        let t = c == Class::Bad && transparent(i);
        if !looked_through(c, t, true) {
            strict_prev = c;
        }
        if !looked_through(c, t, false) {
            loose_prev = c;
        }
    }
    // Headings that were not chrome on their own are kept before good text.
    for i in 0..n {
        if revised[i] == Class::Bad
            && initial[i] != Class::Bad
            && heading(i)
            && good_follows(&revised, i)
            && !is_hard_chrome(&lines[i], hits[i])
        {
            revised[i] = Class::Good;
        }
    }
    // After a heading that opens the page's tail (related stories,
    // comments), only lines that are article text on their own stay.
    let first_good = revised
        .iter()
        .position(|&c| c == Class::Good)
        .unwrap_or(lines.len());
    if let Some(end) = (first_good..lines.len()).find(|&i| hits[i].end_marker) {
        for i in end..lines.len() {
            if revised[i] == Class::Good && initial[i] != Class::Good {
                revised[i] = Class::Bad;
            }
        }
    }
    // Headings after the last paragraph that is article text on its own
    // open teasers and related stories, not more of the article.
    if let Some(last) = initial.iter().rposition(|&c| c == Class::Good) {
        for i in last + 1..n {
            if revised[i] == Class::Good && heading(i) && !lines[i].ends_sentence() {
                revised[i] = Class::Bad;
            }
        }
    }
    fallback(lines, hits, revised)
}

/// When no article text stands out in a short text, everything that is not
/// chrome on its face is kept.
fn fallback(lines: &[Line], hits: &[Hits], mut revised: Vec<Class>) -> Vec<Class> {
    if lines.len() <= FALLBACK_MAX_LINES && !revised.contains(&Class::Good) {
        for ((c, l), &h) in revised.iter_mut().zip(lines).zip(hits) {
            *c = if is_hard_chrome(l, h) {
                Class::Bad
            } else {
                Class::Good
            };
        }
    }
    revised
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::lines;

    fn classes(text: &str) -> Vec<(String, Class)> {
        let all = lines::scan(text);
        let hits = phrase_hits(text, &all.lines);
        let c = classify(&all, &hits, document_language(&all));
        all.lines
            .iter()
            .zip(c)
            .map(|(l, c)| (l.span.of(text).to_string(), c))
            .collect()
    }

    const PARAGRAPH: &str = "The council voted on Thursday to build a new bridge over the river, and the work is expected to start in the autumn and to last for about two years, the mayor said after the meeting, adding that the town had waited for it for a long time.";

    #[test]
    fn phrase_lines_and_markers() {
        let text = "Share | Tweet | Email\nComments (12)\nThis website uses cookies to improve your experience.\nShare the load, he said.";
        let lines = lines::scan(text).lines;
        let hits = phrase_hits(text, &lines);
        assert!(hits[0].whole_line && hits[1].whole_line);
        assert!(!hits[2].whole_line && hits[2].markers == 1);
        assert_eq!(hits[3], Hits::default());
    }

    #[test]
    fn nordic_and_finnish_texts_find_their_language() {
        use crate::lexicon::article::LANGS;
        let lang = |text: &str| document_language(&lines::scan(text)).map(|i| LANGS[i]);
        let nb =
            "Det er ikke lett å si hva som skjer, men vi har vært der før og vil gjøre det igjen.";
        assert_eq!(lang(nb), Some("nb"));
        let sv = "Det är inte lätt att säga vad som händer, men vi har varit där och vill göra det igen.";
        assert_eq!(lang(sv), Some("sv"));
        let fi = "Hän sanoi, että se ei ole vielä valmis, mutta myös muut ovat jo mukana.";
        assert_eq!(lang(fi), Some("fi"));
    }

    #[test]
    fn end_marker_closes_the_article() {
        let text = format!(
            "{PARAGRAPH}\n{PARAGRAPH}\nRelated articles\nBridge plans split the town\nThe plans for the bridge have divided the town for years, and many people say so.\n"
        );
        let got = classes(&text);
        assert_eq!(got[0].1, Class::Good);
        assert_eq!(got[1].1, Class::Good);
        assert!(got[2..].iter().all(|(_, c)| *c == Class::Bad), "{got:?}");
    }

    #[test]
    fn headings_after_the_last_paragraph_are_teasers() {
        let text = format!(
            "{PARAGRAPH}\n{PARAGRAPH}\nTown hall gets a new roof\nThe council agreed to repair the roof of the town hall in the spring, the mayor said.\n"
        );
        let got = classes(&text);
        assert_eq!(got[2].1, Class::Bad, "{got:?}");
        assert_eq!(got[1].1, Class::Good);
    }

    #[test]
    fn a_sentence_thick_with_names_between_paragraphs_is_article() {
        // Few stopwords (names and titles), but a full sentence.
        let names = "Harbour Authority chief Maria Lindqvist and Port Director Tom Okafor rejected the Coastal Freight Union wage proposal on Tuesday.";
        let menu = "Harbour Authority chief Maria Lindqvist and Port Director Tom Okafor | Coastal Freight Union wage proposal";
        for (line, want) in [(names, Class::Good), (menu, Class::Bad)] {
            let text = format!("{PARAGRAPH}\n{line}\n{PARAGRAPH}\n");
            let got = classes(&text);
            assert_eq!(got[1].1, want, "{got:?}");
        }
    }

    #[test]
    fn short_lines_take_their_neighbours_class() {
        let text = format!("Home\nNews\n{PARAGRAPH}\nHe agreed.\n{PARAGRAPH}\nImprint\nContact\n");
        let got = classes(&text);
        let kept: Vec<&str> = got
            .iter()
            .filter(|(_, c)| *c == Class::Good)
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(kept, [PARAGRAPH, "He agreed.", PARAGRAPH]);
    }
}
