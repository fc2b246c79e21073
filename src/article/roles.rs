//! Line roles: title, standfirst, dateline, caption, credit, subheading,
//! body, byline or chrome, from the line features and the chrome classes.
//!
//! The article is found around its first paragraph: the title is the
//! heading just before it (the standfirst may lie between), captions and
//! credits in the header are recognised by their form, the body runs from the
//! first paragraph on, and a closing source credit (`First published by`,
//! `With reporting by`) ends it.

use super::chrome::{is_hard_chrome, is_heading_like, Class, Hits};
use super::dateline;
use super::dateline::narrow_pattern;
use super::lines::Line;
use super::publisher;
use super::{Dateline, Element, Role};
use crate::lexicon::article::{AUTHOR_NOTE, AUTHOR_NOTE_STARTS};
use chrono::NaiveDate;
use regex::Regex;
use std::cell::Cell;
use std::sync::LazyLock;

/// How far before a standfirst the title may lie, in lines.
const STANDFIRST_WINDOW: usize = 6;
/// How far before the first paragraph the title may lie, in lines.
const TITLE_WINDOW: usize = 8;
/// How many lines after the first paragraph may open with the dateline.
const DATELINE_SEARCH: usize = 6;
/// Longest standfirst, in words.
const STANDFIRST_MAX_WORDS: u32 = 45;
/// Lines longer than this (in words) are never captions, credits or bylines.
const SHORT_MAX_WORDS: u32 = 40;

/// `Name Name/AGENCY` at the end of a line (a photo credit, alone or after a
/// caption).
const PHOTO_CREDIT_PATTERN: &str = concat!(
    r"(?:^|\s)(?:©\s*)?\p{Lu}[\p{L}'’.\-]*(?:\s\p{Lu}[\p{L}'’.\-]*){0,3}\s?/\s?\p{Lu}[\p{L}\-]{1,20}$",
    // A credit run onto its caption after a double space may have
    // lower-case words ("Staff photographer/NTB").
    r"|\s{2,}\p{Lu}[^\s/]*(?:\s[^\s/]+){0,3}\s?/\s?\p{Lu}[\p{L}\-]{1,20}$",
);

/// [`PHOTO_CREDIT_PATTERN`] for any text.
static PHOTO_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(PHOTO_CREDIT_PATTERN).expect("valid photo credit regex"));

/// [`PHOTO_CREDIT_PATTERN`] for narrow text (see
/// [`super::dateline::is_narrow`]): a far smaller automaton.
static PHOTO_CREDIT_NARROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&narrow_pattern(PHOTO_CREDIT_PATTERN)).expect("valid photo credit regex")
});

/// `By Jane Doe`, `Von Max Muster`, `Por ...`, `Author: ...`.
const BYLINE_PATTERN: &str =
    r"^(?:By|BY|Von|VON|Por|POR|Par|PAR|Di|Door|Autor(?:in)?:|Author:|Text:)\s+\p{Lu}";

/// [`BYLINE_PATTERN`] for any text.
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(BYLINE_PATTERN).expect("valid byline regex"));

/// [`BYLINE_PATTERN`] for narrow text.
static BYLINE_NARROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&narrow_pattern(BYLINE_PATTERN)).expect("valid byline regex"));

/// First letters of the byline openings [`BYLINE`] knows.
const BYLINE_STARTS: [u8; 6] = *b"BVPDAT";

/// What a line is by its form alone, before context.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Form {
    #[default]
    Plain,
    /// A photo or source credit.
    Credit,
    /// A closing source credit.
    Closing,
    /// A copyright line (`© 2019 ...`, `Copyright ...`).
    Copyright,
    /// A caption with its credit run in.
    Caption,
    /// An author line.
    Byline,
    /// A line that is mostly a printed date.
    Date,
}

impl Form {
    fn is_furniture(self) -> bool {
        !matches!(self, Form::Plain)
    }
}

/// What a line (whose text is `s`) is by its form alone, but for
/// [`Form::Date`].
fn form(s: &str, line: &Line, hits: Hits) -> Form {
    if line.words > SHORT_MAX_WORDS {
        return Form::Plain;
    }
    if hits.closing {
        return Form::Closing;
    }
    let first = s.as_bytes().first().copied().unwrap_or(0);
    // `©`, possibly after brackets: the line opens with a bracket or a
    // non-ASCII byte.
    let may_open_copyright = matches!(first, b'(' | b'[') || first >= 0x80;
    if let Some(rest) = may_open_copyright
        .then(|| s.trim_start_matches(['(', '[']).strip_prefix('©'))
        .flatten()
    {
        let rest = rest.trim_start();
        return if rest.starts_with(|c: char| c.is_ascii_digit())
            || publisher::starts_ci(rest.as_bytes(), b"copyright")
        {
            Form::Copyright
        } else {
            Form::Credit
        };
    }
    if s.len() > 9 && publisher::starts_ci(s.as_bytes(), b"copyright") {
        return Form::Copyright;
    }
    if hits.credit {
        return Form::Credit;
    }
    if hits.credit_inside || line.has_copyright {
        return Form::Caption;
    }
    if line.has_slash && !line.ends_sentence() {
        let credit = if dateline::is_narrow(s) {
            &*PHOTO_CREDIT_NARROW
        } else {
            &*PHOTO_CREDIT
        };
        if let Some(m) = credit.find(s) {
            return if m.start() == 0 {
                Form::Credit
            } else {
                Form::Caption
            };
        }
    }
    if line.words <= 12 && BYLINE_STARTS.contains(&first) && {
        let byline = if dateline::is_narrow(s) {
            &*BYLINE_NARROW
        } else {
            &*BYLINE
        };
        byline.is_match(s)
    } {
        return Form::Byline;
    }
    // A line of another form is no date line ([`Form::Date`] is found by
    // [`assign`], which keeps the date).
    Form::Plain
}

/// Whether a line of plain form is sought for a full date ([`Form::Date`]).
fn may_be_date_line(s: &str, line: &Line) -> bool {
    line.words <= 12 && s.bytes().any(|b| b.is_ascii_digit())
}

/// Whether line `b` repeats line `a` or its beginning (an image's alt text
/// beside its caption).
fn repeats(text: &str, a: &Line, b: &Line) -> bool {
    if b.words < 3 {
        return false;
    }
    let (sa, sb) = (a.span.of(text), b.span.of(text));
    sa == sb
        || (sa.len() > sb.len() && sa.starts_with(sb))
        || (sb.len() > sa.len() && sb.starts_with(sa) && a.words >= 3)
}

/// Whether a line could be a standfirst: one or two sentences of middling
/// length.
fn is_standfirst_like(line: &Line) -> bool {
    line.words >= 6 && line.words <= STANDFIRST_MAX_WORDS && line.inner_stops <= 1
}

/// Whether a line reads as a headline that ends like a sentence (`.`, `!`,
/// or a stop inside a closing mark): one short sentence, as some outlets and
/// corpora print headlines.
fn is_one_sentence_headline(line: &Line) -> bool {
    line.words >= 2 && line.words <= 20 && line.ends_sentence() && line.inner_stops <= 1
}

/// Whether a line is a paragraph that can open the article's body.
fn is_paragraph(line: &Line) -> bool {
    (line.words >= 15 && line.ends_sentence()) || line.words >= 25
}

/// The lines with their roles, and the dateline.
pub(crate) struct Assigned {
    pub elements: Vec<Element>,
    pub dateline: Option<Dateline>,
    /// Index of the first body paragraph, if any.
    pub first_paragraph: Option<usize>,
    /// The first full dates searched for with their pattern (see
    /// [`may_be_date_line`]), by line index.
    dates: [Option<(usize, Option<NaiveDate>)>; KEPT_DATES],
}

/// How many of the full dates sought [`Assigned`] keeps.
const KEPT_DATES: usize = 4;

impl Assigned {
    /// The full date printed in line `i`, if it was sought.
    pub fn full_date(&self, i: usize) -> Option<Option<NaiveDate>> {
        self.dates
            .iter()
            .flatten()
            .find(|&&(j, _)| j == i)
            .map(|&(_, d)| d)
    }
}

/// Articles of up to this many lines keep their lines' forms on the stack.
const FORMS_ON_STACK: usize = 128;

/// Assign a role to every line.
pub(crate) fn assign(text: &str, lines: &[Line], hits: &[Hits], classes: &[Class]) -> Assigned {
    let n = lines.len();
    let hard = |i: usize| is_hard_chrome(&lines[i], hits[i]);
    // Forms are found when first asked for: most lines of a long page lie
    // outside the article's header and need none.
    // (On the stack for an article of usual length: no allocation.)
    let on_stack = [const { Cell::new(None) }; FORMS_ON_STACK];
    let on_heap: Vec<Cell<Option<Form>>>;
    let forms: &[Cell<Option<Form>>] = if n <= FORMS_ON_STACK {
        &on_stack[..n]
    } else {
        on_heap = vec![Cell::new(None); n];
        &on_heap
    };
    // The full dates sought on the way, kept for the publication date.
    let dates = Cell::new([None; KEPT_DATES]);
    let form_of = |i: usize| match forms[i].get() {
        Some(f) => f,
        None => {
            let s = lines[i].span.of(text);
            let mut f = form(s, &lines[i], hits[i]);
            if f == Form::Plain && may_be_date_line(s, &lines[i]) {
                // Kept where the pattern ran (a line with a year).
                if let Some(date) = dateline::full_date_searched(s) {
                    let mut kept = dates.get();
                    if let Some(free) = kept.iter_mut().find(|d| d.is_none()) {
                        *free = Some((i, date));
                        dates.set(kept);
                    }
                    if date.is_some() {
                        f = Form::Date;
                    }
                }
            }
            forms[i].set(Some(f));
            f
        }
    };
    let kept = |i: usize| classes[i] == Class::Good;

    // Repeated lines are captions (an image's alt text and caption).
    for i in 1..n {
        if lines[i].words >= 3
            && !hard(i)
            && !hard(i - 1)
            && repeats(text, &lines[i - 1], &lines[i])
        {
            for j in [i - 1, i] {
                if matches!(form_of(j), Form::Plain | Form::Caption) {
                    forms[j].set(Some(Form::Caption));
                }
            }
        }
    }

    // The first paragraph, and a dateline that opens it or stands alone before it.
    let mut dateline = None;
    let mut first_para = None;
    let mut dateline_line = None;
    for (i, l) in lines.iter().enumerate() {
        let may_open_dateline = l.words >= 2 && dateline.is_none() && l.upper_words >= 1;
        if !(may_open_dateline || kept(i)) || hard(i) || form_of(i).is_furniture() {
            continue;
        }
        if may_open_dateline {
            if let Some(d) = dateline::parse(l.span.of(text), l.span.start) {
                let alone = d.span.end >= l.span.end;
                if (alone && d.agency.is_none() && d.date.is_none()) || (!alone && l.words < 8) {
                    continue;
                }
                dateline = Some(d);
                if alone {
                    dateline_line = Some(i);
                    continue;
                }
                first_para = Some(i);
                break;
            }
        }
        if kept(i) && is_paragraph(l) {
            first_para = Some(i);
            break;
        }
    }
    if first_para.is_none() && dateline_line.is_none() {
        // No full paragraph: the first kept line that is not a heading.
        first_para = (0..n).find(|&i| {
            kept(i) && !hard(i) && !form_of(i).is_furniture() && !is_heading_like(&lines[i])
        });
    }
    // A dateline may open one of the first paragraphs after a standfirst.
    if let (None, Some(p)) = (&dateline, first_para) {
        for (i, l) in lines
            .iter()
            .enumerate()
            .take(p + DATELINE_SEARCH)
            .skip(p + 1)
        {
            if hard(i) || form_of(i).is_furniture() || l.words < 8 || l.upper_words == 0 {
                continue;
            }
            if let Some(d) = dateline::parse(l.span.of(text), l.span.start) {
                if d.span.end < l.span.end {
                    dateline = Some(d);
                    break;
                }
            }
        }
    }

    // Title (and standfirst) just before the first paragraph.
    let anchor = dateline_line.or(first_para);
    let skip = |i: usize| {
        matches!(
            form_of(i),
            Form::Caption | Form::Credit | Form::Closing | Form::Byline | Form::Date
        )
    };
    // Candidates for title and standfirst: not chrome on their face, not
    // furniture, and of three words or more unless the classifier kept them.
    let prev_candidate = |from: usize, window: usize| -> Option<usize> {
        (from.saturating_sub(window)..from)
            .rev()
            .find(|&j| !hard(j) && !skip(j) && (lines[j].words >= 3 || kept(j)))
    };
    let mut title = None;
    let mut standfirst = None;
    if let Some(x) = anchor
        .and_then(|a| prev_candidate(a, TITLE_WINDOW))
        .filter(|&x| form_of(x) == Form::Plain)
    {
        // A headline may end with a full stop when nothing the classifier
        // kept stands above it (clean article text opens with its headline).
        let first_kept = (0..n).find(|&j| !hard(j) && kept(j)).unwrap_or(n);
        let opens_text = |i: usize| first_kept >= i;
        let title_like = |i: usize| {
            form_of(i) == Form::Plain
                && (is_heading_like(&lines[i])
                    || (opens_text(i) && is_one_sentence_headline(&lines[i])))
        };
        match prev_candidate(x, STANDFIRST_WINDOW) {
            Some(y)
                if title_like(y)
                    && is_standfirst_like(&lines[x])
                    && lines[y].words < lines[x].words =>
            {
                title = Some(y);
                standfirst = Some(x);
            }
            _ if title_like(x) => title = Some(x),
            _ => {}
        }
    }
    if let (Some(t), None) = (title, standfirst) {
        let s = t + 1;
        if s < n && form_of(s) == Form::Plain && !hard(s) && Some(s) != dateline_line {
            let l = &lines[s];
            let opens_dateline = dateline.as_ref().is_some_and(|d| l.span.contains(d.span));
            let next_is_para = lines
                .get(s + 1)
                .is_some_and(|nl| nl.words >= 10 && !hard(s + 1));
            // Under a headline printed with a full stop, a one-sentence line
            // that also ends with one is the lede, not a standfirst.
            let stop_style = lines[t].ends_sentence() && lines[t].last != '?';
            let sentence_ok = !l.ends_sentence() || (next_is_para && !stop_style);
            if !opens_dateline && is_standfirst_like(l) && sentence_ok {
                standfirst = Some(s);
            }
        }
    }

    // Roles.
    let body_start = first_para.unwrap_or(n);
    let header_start = title.unwrap_or(body_start.min(anchor.unwrap_or(n)));
    // Lines before the header are chrome (the title, if any, opens it).
    let header_start = header_start.min(n);
    let mut elements = Vec::with_capacity(n);
    elements.extend(
        lines[..header_start]
            .iter()
            .map(|l| Element::new(l.span, Role::Chrome)),
    );
    // After a closing run of credits, everything is chrome.
    let mut chrome_from = n;
    let mut credits_until = 0;
    for i in header_start..n {
        let role = if Some(i) == title {
            Role::Title
        } else if Some(i) == standfirst {
            Role::Standfirst
        } else if i >= chrome_from || hard(i) {
            Role::Chrome
        } else if i < credits_until {
            Role::Credit
        } else if Some(i) == dateline_line {
            Role::Dateline
        } else if Some(i) == first_para {
            Role::Body
        } else {
            match form_of(i) {
                Form::Copyright => Role::Chrome,
                Form::Closing if i > body_start => {
                    let mut j = i + 1;
                    while j < n && matches!(form_of(j), Form::Closing | Form::Credit) && !hard(j) {
                        j += 1;
                    }
                    credits_until = j;
                    chrome_from = j;
                    Role::Credit
                }
                Form::Closing | Form::Credit => {
                    // In the header a credit belongs to the article; in the
                    // body only right after a caption.
                    let after_caption = i
                        .checked_sub(1)
                        .and_then(|p| elements.get(p))
                        .is_some_and(|e: &Element| e.role == Role::Caption);
                    if i < body_start || after_caption {
                        Role::Credit
                    } else {
                        Role::Chrome
                    }
                }
                Form::Caption => {
                    if i < body_start
                        || (kept(i) && !hits[i].credit_inside && !lines[i].has_copyright)
                    {
                        Role::Caption
                    } else {
                        Role::Chrome
                    }
                }
                Form::Date => Role::Chrome,
                Form::Byline if i < body_start => Role::Byline,
                _ if !kept(i) => Role::Chrome,
                Form::Byline => Role::Byline,
                _ if i > body_start && is_subheading(lines, classes, i) => Role::Subheading,
                _ => Role::Body,
            }
        };
        let role = if role == Role::Body && is_author_note(text, &lines[i]) {
            Role::Chrome
        } else {
            role
        };
        elements.push(Element::new(lines[i].span, role));
    }
    Assigned {
        elements,
        dateline,
        first_paragraph: first_para,
        dates: dates.get(),
    }
}

/// Whether a line is an author's note (`Jane Doe is a senior writer for
/// ...`): site furniture, not body.
fn is_author_note(text: &str, line: &Line) -> bool {
    line.words <= SHORT_MAX_WORDS * 2 && line.cap_words >= 2 && {
        let s = line.span.of(text);
        may_be_author_note(s) && AUTHOR_NOTE.is_match(s)
    }
}

/// Whether `s` opens with two or three words that start with a capital,
/// each followed by one white space, and then one of [`AUTHOR_NOTE`]'s
/// phrases: true of every line [`AUTHOR_NOTE`] matches, and of few others.
fn may_be_author_note(s: &str) -> bool {
    let mut rest = s;
    for word in 0..3 {
        if !rest.starts_with(char::is_uppercase) {
            return false;
        }
        let Some((end, space)) = rest.char_indices().find(|&(_, c)| c.is_whitespace()) else {
            return false;
        };
        rest = rest.get(end + space.len_utf8()..).unwrap_or("");
        if word >= 1 {
            let first = rest.as_bytes().first().copied();
            if AUTHOR_NOTE_STARTS
                .iter()
                .any(|p| p.as_bytes().first().copied() == first && rest.starts_with(p))
            {
                return true;
            }
        }
    }
    false
}

/// A kept heading-like line inside the body, after a paragraph and before
/// another one.
fn is_subheading(lines: &[Line], classes: &[Class], i: usize) -> bool {
    let l = &lines[i];
    if !is_heading_like(l) || l.words > 16 || l.last == ':' {
        return false;
    }
    let prev = (0..i).rev().find(|&j| classes[j] == Class::Good);
    let next = (i + 1..lines.len()).find(|&j| classes[j] == Class::Good);
    match (prev, next) {
        (Some(p), Some(nx)) => {
            lines[p].ends_sentence() && lines[nx].words > l.words && !is_heading_like(&lines[nx])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_note_test_lets_every_note_through() {
        let mut notes = vec![
            "Jane Doe is a senior writer for the Courier.".to_string(),
            "Ana M. López\u{A0}escribe sobre política.".to_string(),
            "Éric O’Neill-Smith est journaliste.".to_string(),
        ];
        for p in AUTHOR_NOTE_STARTS.iter() {
            notes.push(format!("Max Muster {p} x"));
            notes.push(format!("Jane Q. Doe {p}"));
        }
        for s in &notes {
            assert!(AUTHOR_NOTE.is_match(s), "{s}");
            assert!(may_be_author_note(s), "{s}");
        }
        for s in [
            "Smith is a former Marine.",
            "The minister is a writer",
            "Jane  Doe is a writer",
            "Jane Doe Anne Lee is a writer",
        ] {
            assert!(!AUTHOR_NOTE.is_match(s), "{s}");
        }
        assert!(!may_be_author_note("Jane Doe Anne Lee is a writer"));
        assert!(!may_be_author_note("The minister said"));
    }

    #[test]
    fn narrow_patterns_agree() {
        let mut found = 0;
        for s in [
            "Ida Berg/TASS",
            "© Ida Berg/TASS",
            "The minister at the border  Staff photographer/NTB",
            "Norland’s minister Tomas O’Neill — Ida Berg / AFP",
            "a/b",
            "By Jane Doe",
            "Author:\u{A0}Jane",
            "By the way",
        ] {
            assert!(dateline::is_narrow(s), "{s}");
            let (n, w) = (PHOTO_CREDIT_NARROW.find(s), PHOTO_CREDIT.find(s));
            assert_eq!(n.map(|m| m.range()), w.map(|m| m.range()), "{s}");
            assert_eq!(BYLINE_NARROW.is_match(s), BYLINE.is_match(s), "{s}");
            found += usize::from(n.is_some()) + usize::from(BYLINE_NARROW.is_match(s));
        }
        assert!(found >= 5, "{found}");
    }
}
