//! Dates: when a statement was made.
//!
//! [`expressions`] finds the date expressions of a stretch of text (`on
//! Thursday`, `on October 6`, `6 October 2015`, `a day later`, `yesterday`,
//! `last month`, `in September`); [`resolve`] turns one into a calendar date
//! against an [`Anchor`] (the article's publication date or dateline) and
//! the previous date the text gave, biased to the past as news is: a bare
//! weekday is the latest one on or before the anchor, a month and day
//! without a year the latest one on or before it.
//!
//! The year is never invented. It is known when the text prints it, when the
//! anchor has one, or when the text allows exactly one: a weekday that
//! agrees with one of the years the text prints only, or what world
//! knowledge ([`Knowledge`], data in `src/lexicon/data/claim/offices.txt`
//! and `events.txt`) says of the text's time:
//! - a person named in an office (`US Defense Secretary Ashton Carter`, not
//!   `former`) puts the text in one of their terms;
//! - a known event named with its month and day (`Russia began air strikes
//!   in Syria on September 30`) puts it after the event, and within the year
//!   after it when the year is not printed (news drops the year of recent
//!   dates only); a date that modifies the event's noun (`the June 23
//!   referendum`) dates no statement.
//!
//! The ranges are intersected. A yearless dateline gets its year when one
//! candidate is left, or when among a few (at most three) only one has the
//! dateline's day on the lede's weekday; a yearless printed date when one
//! year is left in the year after a fresh event (else in the year up to the
//! text's time). Otherwise the year stays `None`, and an open term (a person
//! still in office) never fixes one. A year found so carries its
//! [`YearBasis`]. Month and day are given without a year only when they do
//! not depend on it (a day before March 1 is February 28 or 29, so it stays
//! unresolved).

use super::scan;
use super::tagged::{Body, Tagged};
use super::{DateAnchor, DateHow, NoDate, StatementDate};
use crate::article::{Article, Role};
use crate::lexicon::claim::{self, DateWord, Hit, Tag};
use crate::quote::Quotes;
use crate::text::{ceil_char_boundary, floor_char_boundary};
use crate::Span;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

mod knowledge;

/// A date expression as printed, before resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expr {
    /// Month and day, with the year and weekday when printed.
    Explicit {
        year: Option<i32>,
        month: u32,
        day: u32,
        weekday: Option<u32>,
    },
    /// A month, with the year when printed (`in September`).
    Month { year: Option<i32>, month: u32 },
    /// A weekday, 1 = Monday (`on Thursday`).
    Weekday(u32),
    /// Days from the anchor (`yesterday` = -1).
    RelDay(i64),
    /// Days after the previous date of the text (`a day later` = 1).
    Later(i64),
    /// Months from the anchor's month (`last month` = -1).
    RelMonth(i32),
    /// A time too vague to date by (`recently`, `last week`).
    Vague,
}

/// A date expression with its byte span (relative to the text searched).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub span: Span,
    pub expr: Expr,
}

/// The date relative expressions are resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    pub source: DateAnchor,
    /// Why the year is known, when the text does not print it.
    pub basis: Option<YearBasis>,
}

/// A number of 1 or 2 digits at the start of `s` (after spaces), with the
/// bytes it takes (spaces and an ordinal suffix included).
fn day_number(s: &str) -> Option<(u32, usize)> {
    let trimmed = s.trim_start_matches(' ');
    let skip = s.len() - trimmed.len();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n: u32 = trimmed[..digits].parse().ok()?;
    let mut len = skip + digits;
    let rest = &trimmed[digits..];
    for suf in ["st", "nd", "rd", "th"] {
        if rest.get(..2).is_some_and(|r| r.eq_ignore_ascii_case(suf)) {
            len += 2;
            break;
        }
    }
    let after = s[len..].chars().next();
    if after.is_some_and(char::is_alphanumeric) || !(1..=31).contains(&n) {
        return None;
    }
    Some((n, len))
}

/// A four-digit year (1900-2099) at the start of `s`, after `, ` or ` `.
fn year_number(s: &str) -> Option<(i32, usize)> {
    let trimmed = s.trim_start_matches([',', ' ']);
    let skip = s.len() - trimmed.len();
    if skip > 2 || trimmed.len() < 4 || !trimmed.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if trimmed[4..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let y: i32 = trimmed[..4].parse().ok()?;
    (1900..=2099).contains(&y).then_some((y, skip + 4))
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The word before byte `at` in `text`, as printed, if any.
fn word_before(text: &str, at: usize) -> Option<&str> {
    let from = crate::text::ceil_char_boundary(text, at.saturating_sub(16));
    let before = text.get(from..at)?;
    let (s, e) = scan::words(before).last()?;
    if before[e..].trim().is_empty() {
        Some(&before[s..e])
    } else {
        None
    }
}

/// Words before a month name that make it a month (`in September`).
const MONTH_OPENERS: [&str; 7] = ["in", "since", "until", "of", "early", "late", "mid"];

/// Whether the word before byte `at` of `text` ([`word_before`]) is one of
/// [`MONTH_OPENERS`]. Most often it is a run of ASCII letters after a space
/// (or at the start of the window [`word_before`] reads) with only spaces
/// after it: that run is the word then, read without splitting the window
/// into words; anything else is read by [`word_before`].
fn month_opened(text: &str, at: usize) -> bool {
    let from = ceil_char_boundary(text, at.saturating_sub(16));
    let Some(before) = text.get(from..at) else {
        return false;
    };
    let b = before.as_bytes();
    let end = b.len() - b.iter().rev().take_while(|&&c| c == b' ').count();
    let start = end
        - b[..end]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
    let is_opener = |w: &str| MONTH_OPENERS.iter().any(|o| o.eq_ignore_ascii_case(w));
    if start < end && (start == 0 || b[start - 1] == b' ') {
        return is_opener(&before[start..end]);
    }
    word_before(text, at).is_some_and(is_opener)
}

/// The date expressions in `t`, in order.
pub(crate) fn expressions(t: &Tagged<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    expressions_of(
        t.text,
        t.longest(claim::is_date_tag).into_iter(),
        0,
        &mut out,
    );
    out
}

/// Push the date expressions of `t` to `out`, in order, their spans
/// shifted by `base` (nothing allocated but what `out` needs).
pub(crate) fn expressions_into(t: &Tagged<'_>, base: usize, out: &mut Vec<Found>) {
    expressions_of(t.text, t.longest_iter(claim::is_date_tag), base, out);
}

/// The date expressions of `text`, read with the date words' automaton only
/// (its hits are the whole lexicon's date hits, at less cost).
pub(crate) fn expressions_in(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    expressions_of(
        text,
        claim::longest_iter(claim::tag_dates(text).into_iter(), claim::is_date_tag),
        0,
        &mut out,
    );
    out
}

/// Push the date expressions of `text` given its date hits (longest first
/// where they overlap) to `out`, their spans shifted by `base`.
fn expressions_of(text: &str, hits: impl Iterator<Item = Hit>, base: usize, all: &mut Vec<Found>) {
    // The expressions of this text: those pushed from here on, read with
    // spans relative to `text` until the end.
    let first = all.len();
    for hit in hits {
        let out = &mut *all;
        let Tag::Date(word) = hit.tag else { continue };
        let span = hit.span;
        let printed = span.of(text);
        let rest = text.get(span.end..).unwrap_or("");
        match word {
            DateWord::Month(month) => {
                if !starts_upper(printed) {
                    continue;
                }
                // "October 6[, 2015]"
                if let Some((day, len)) = day_number(rest) {
                    let mut end = span.end + len;
                    let year = year_number(&text[end..]).map(|(y, l)| {
                        end += l;
                        y
                    });
                    let mut start = span.start;
                    let mut weekday = None;
                    if let Some(prev) = out.last().filter(|_| out.len() > first) {
                        if let Expr::Weekday(w) = prev.expr {
                            if text[prev.span.end..span.start]
                                .trim_matches([',', ' '])
                                .is_empty()
                            {
                                weekday = Some(w);
                                start = prev.span.start;
                                out.pop();
                            }
                        }
                    }
                    out.push(Found {
                        span: Span::new(start, end),
                        expr: Expr::Explicit {
                            year,
                            month,
                            day,
                            weekday,
                        },
                    });
                    continue;
                }
                // "6 October[ 2015]"
                let before = &text[..span.start];
                let trimmed = before.trim_end_matches(' ');
                let digits = trimmed.bytes().rev().take_while(u8::is_ascii_digit).count();
                if (1..=2).contains(&digits) && trimmed.len() < before.len() {
                    let dstart = trimmed.len() - digits;
                    let ok_before = !trimmed[..dstart]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                    if let (true, Ok(day)) = (ok_before, trimmed[dstart..].parse::<u32>()) {
                        if (1..=31).contains(&day) {
                            let mut end = span.end;
                            let year = year_number(rest).map(|(y, l)| {
                                end += l;
                                y
                            });
                            out.push(Found {
                                span: Span::new(dstart, end),
                                expr: Expr::Explicit {
                                    year,
                                    month,
                                    day,
                                    weekday: None,
                                },
                            });
                            continue;
                        }
                    }
                }
                // "in September[ 2015]" (May needs "in" before it; it is also a verb).
                let opened = month_opened(text, span.start);
                let year = year_number(rest);
                if opened || (year.is_some() && month != 5) {
                    let end = span.end + year.map_or(0, |(_, l)| l);
                    out.push(Found {
                        span: Span::new(span.start, end),
                        expr: Expr::Month {
                            year: year.map(|(y, _)| y),
                            month,
                        },
                    });
                }
            }
            DateWord::Weekday(w) => {
                if starts_upper(printed) {
                    out.push(Found {
                        span,
                        expr: Expr::Weekday(w),
                    });
                }
            }
            DateWord::Day(n) => out.push(Found {
                span,
                expr: Expr::RelDay(n),
            }),
            DateWord::Later(n) => out.push(Found {
                span,
                expr: Expr::Later(n),
            }),
            DateWord::Vague => out.push(Found {
                span,
                expr: Expr::Vague,
            }),
            DateWord::MonthRel(n) => out.push(Found {
                span,
                expr: Expr::RelMonth(n),
            }),
        }
    }
    if base > 0 {
        for f in &mut all[first..] {
            f.span = Span::new(base + f.span.start, base + f.span.end);
        }
    }
}

/// Whether `chunk` has an ASCII digit: a test without a branch per byte,
/// which the compiler turns into a few vector instructions.
#[inline]
fn any_digit(chunk: &[u8]) -> bool {
    chunk
        .iter()
        .fold(0u8, |acc, &b| acc | u8::from(b.wrapping_sub(b'0') < 10))
        != 0
}

/// The index of the first ASCII digit of `bytes` at or after `from`; 64
/// bytes, then eight, are tested at once (most text has few digits).
fn next_digit(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(chunk) = bytes.get(from..from + 64) {
        if any_digit(chunk) {
            break;
        }
        from += 64;
    }
    while let Some(chunk) = bytes.get(from..from + 8) {
        if any_digit(chunk) {
            break;
        }
        from += 8;
    }
    bytes
        .get(from..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| from + k)
}

/// The years (1900-2099) printed in `text` (runs of exactly four digits,
/// not glued to a letter), in text order, each passed to `f` until it
/// returns `false`.
fn each_year(text: &str, mut f: impl FnMut(i32) -> bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(start) = next_digit(bytes, i) {
        i = start;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let glued = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic());
        if i - start == 4
            && !glued(start.checked_sub(1).and_then(|s| bytes.get(s)))
            && !glued(bytes.get(i))
        {
            let y = bytes[start..i]
                .iter()
                .fold(0i32, |acc, b| acc * 10 + i32::from(b - b'0'));
            if (1900..=2099).contains(&y) && !f(y) {
                return;
            }
        }
    }
}

/// The years (1900-2099) printed in `text` (runs of exactly four digits),
/// sorted and deduplicated.
#[cfg(test)]
pub(crate) fn years_in(text: &str) -> Vec<i32> {
    let mut years = Vec::new();
    push_years(text, &mut years);
    years.sort_unstable();
    years.dedup();
    years
}

/// Push the years printed in `text` (see [`years_in`]) to `out`, in text order.
#[cfg(test)]
fn push_years(text: &str, out: &mut Vec<i32>) {
    each_year(text, |y| {
        out.push(y);
        true
    });
}

/// Whether `text` prints a year (see [`years_in`]).
pub(crate) fn has_year(text: &str) -> bool {
    let mut any = false;
    each_year(text, |_| {
        any = true;
        false
    });
    any
}

/// The runs of ASCII digits in an article's content (every element but
/// chrome), found in one pass over the whole text (most of it has none),
/// not a scan per element: whether a heading has a digit
/// ([`Knowledge::read`]), and the years the text prints.
#[derive(Debug, Default)]
pub(crate) struct Digits {
    /// The maximal runs of ASCII digits of each content element, absolute
    /// spans, in text order.
    runs: SmallVec<[Span; 8]>,
    /// The years (1900-2099) printed in the content, as [`years_in`] reads
    /// them element by element: sorted, each once.
    years: SmallVec<[i32; 4]>,
}

impl Digits {
    /// The digits of `article`'s content.
    pub(crate) fn of(article: &Article<'_>) -> Self {
        let bytes = article.text().as_bytes();
        let els = article.elements();
        let mut d = Digits::default();
        let mut i = 0;
        while let Some(start) = next_digit(bytes, i) {
            let mut end = start + 1;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            i = end;
            // The run as each content element it lies in reads it (one
            // element, but for elements that share a line): cut to it.
            let mut k = els.partition_point(|e| e.span.end <= start);
            while let Some(e) = els.get(k).filter(|e| e.span.start < end) {
                k += 1;
                let (s, t) = (start.max(e.span.start), end.min(e.span.end));
                if e.role.is_content() && s < t {
                    d.push_run(bytes, e.span, s, t);
                }
            }
        }
        d.years.sort_unstable();
        d.years.dedup();
        d
    }

    /// Add the run `s..t` of the element at `el`, and its year if it is one
    /// (exactly four digits, not glued to a letter of the element).
    fn push_run(&mut self, bytes: &[u8], el: Span, s: usize, t: usize) {
        self.runs.push(Span::new(s, t));
        let letter = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_alphabetic);
        let glued = (s > el.start && letter(s - 1)) || (t < el.end && letter(t));
        if t - s == 4 && !glued {
            let y = bytes[s..t]
                .iter()
                .fold(0i32, |acc, b| acc * 10 + i32::from(b - b'0'));
            if (1900..=2099).contains(&y) {
                self.years.push(y);
            }
        }
    }

    /// Whether an element's `span` has an ASCII digit (`span` one of the
    /// content elements read).
    pub(crate) fn any_in(&self, span: Span) -> bool {
        let i = self.runs.partition_point(|r| r.start < span.start);
        self.runs.get(i).is_some_and(|r| r.start < span.end)
    }

    /// The years printed in the content, sorted, each once.
    pub(crate) fn years(&self) -> &[i32] {
        &self.years
    }
}

/// Whether `text` has an ASCII digit (a date with a day has one).
pub(crate) fn has_digit(text: &str) -> bool {
    next_digit(text.as_bytes(), 0).is_some()
}

fn weekday_of(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// A leap year and a common year, for arithmetic that must not depend on the year.
const REFERENCE_YEARS: [i32; 2] = [2004, 2001];

/// `f` applied to the anchor date in each reference year; the month and day
/// when every reference year agrees.
fn yearless<F>(month: u32, day: u32, f: F) -> Option<(u32, u32)>
where
    F: Fn(NaiveDate) -> Option<NaiveDate>,
{
    let mut result = None;
    for y in REFERENCE_YEARS {
        let d = NaiveDate::from_ymd_opt(y, month, day).and_then(&f)?;
        let md = (d.month(), d.day());
        match result {
            None => result = Some(md),
            Some(prev) if prev != md => return None,
            _ => {}
        }
    }
    result
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The latest `month`/`day` on or before the anchor date `a` (for February
/// 29, the latest leap year's).
fn latest_on_or_before(a: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (0..9)
        .map(|back| a.year() - back)
        .find_map(|y| NaiveDate::from_ymd_opt(y, month, day).filter(|d| *d <= a))
}

fn dated(
    year: Option<i32>,
    month: u32,
    day: Option<u32>,
    how: DateHow,
    span: Span,
    anchor: Option<DateAnchor>,
) -> StatementDate {
    StatementDate {
        year,
        month,
        day,
        how,
        span: Some(span),
        anchor,
        inherited: false,
        year_basis: None,
    }
}

/// Resolve `found` (with `span` already absolute) against `anchor`, the
/// previous resolved date of the text `previous`, and the years the text
/// allows, `candidates`.
pub(crate) fn resolve(
    found: Found,
    anchor: Option<Anchor>,
    previous: Option<&StatementDate>,
    candidates: &[i32],
) -> Result<StatementDate, NoDate> {
    let span = found.span;
    let anchor_date = anchor.and_then(|a| {
        a.year
            .and_then(|y| NaiveDate::from_ymd_opt(y, a.month, a.day))
    });
    let src = anchor.map(|a| a.source);
    match found.expr {
        Expr::Explicit {
            year,
            month,
            day,
            weekday,
        } => {
            if NaiveDate::from_ymd_opt(2004, month, day).is_none() {
                return Err(NoDate::Invalid);
            }
            if let Some(y) = year {
                return NaiveDate::from_ymd_opt(y, month, day)
                    .map(|d| {
                        dated(
                            Some(d.year()),
                            month,
                            Some(day),
                            DateHow::Explicit,
                            span,
                            None,
                        )
                    })
                    .ok_or(NoDate::Invalid);
            }
            if let Some(w) = weekday {
                let fits: Vec<i32> = candidates
                    .iter()
                    .copied()
                    .filter(|&y| {
                        NaiveDate::from_ymd_opt(y, month, day)
                            .is_some_and(|d| d.weekday() == weekday_of(w))
                    })
                    .collect();
                if let [y] = fits.as_slice() {
                    return Ok(dated(
                        Some(*y),
                        month,
                        Some(day),
                        DateHow::Explicit,
                        span,
                        None,
                    ));
                }
            }
            if let Some(a) = anchor_date {
                let d = latest_on_or_before(a, month, day).ok_or(NoDate::Invalid)?;
                return Ok(dated(
                    Some(d.year()),
                    month,
                    Some(day),
                    DateHow::Explicit,
                    span,
                    src,
                ));
            }
            Ok(dated(None, month, Some(day), DateHow::Explicit, span, None))
        }
        Expr::Month { year, month } => {
            let year = year.or_else(|| {
                anchor.and_then(|a| a.year.map(|y| if month <= a.month { y } else { y - 1 }))
            });
            Ok(dated(year, month, None, DateHow::Month, span, src))
        }
        Expr::Vague => Err(NoDate::Imprecise),
        Expr::RelMonth(n) => {
            let a = anchor.ok_or(NoDate::NoAnchor)?;
            let m0 = a.month as i32 - 1 + n;
            let month = m0.rem_euclid(12) as u32 + 1;
            let year = a.year.map(|y| y + m0.div_euclid(12));
            Ok(dated(year, month, None, DateHow::RelativeMonth, span, src))
        }
        Expr::RelDay(n) => {
            let a = anchor.ok_or(NoDate::NoAnchor)?;
            if let Some(ad) = anchor_date {
                let d = add_days(ad, n).ok_or(NoDate::Invalid)?;
                return Ok(dated(
                    Some(d.year()),
                    d.month(),
                    Some(d.day()),
                    DateHow::RelativeDay,
                    span,
                    src,
                ));
            }
            let (m, d) = yearless(a.month, a.day, |d| add_days(d, n)).ok_or(NoDate::YearUnknown)?;
            Ok(dated(None, m, Some(d), DateHow::RelativeDay, span, src))
        }
        Expr::Later(n) => {
            let p = previous.ok_or(NoDate::NoAnchor)?;
            let pday = p.day.ok_or(NoDate::Imprecise)?;
            let from = Some(DateAnchor::PreviousDate);
            if let Some(d) = p
                .year
                .and_then(|y| NaiveDate::from_ymd_opt(y, p.month, pday))
            {
                let d = add_days(d, n).ok_or(NoDate::Invalid)?;
                return Ok(dated(
                    Some(d.year()),
                    d.month(),
                    Some(d.day()),
                    DateHow::Later,
                    span,
                    from,
                ));
            }
            let (m, d) = yearless(p.month, pday, |d| add_days(d, n)).ok_or(NoDate::YearUnknown)?;
            Ok(dated(None, m, Some(d), DateHow::Later, span, from))
        }
        Expr::Weekday(w) => {
            let a = anchor.ok_or(NoDate::NoAnchor)?;
            let wd = weekday_of(w);
            let back = |d: NaiveDate| {
                let diff = (7 + d.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                d.checked_sub_days(Days::new(u64::from(diff)))
            };
            if let Some(ad) = anchor_date {
                let d = back(ad).ok_or(NoDate::Invalid)?;
                return Ok(dated(
                    Some(d.year()),
                    d.month(),
                    Some(d.day()),
                    DateHow::Weekday,
                    span,
                    src,
                ));
            }
            // The anchor has no year: a year the text allows in which the
            // anchor day is this weekday fixes it, if there is only one
            // among a few (among many, one would agree by chance).
            let few = candidates.len() <= WEEKDAY_CANDIDATES;
            let fits: Vec<i32> = candidates
                .iter()
                .filter(|_| few)
                .copied()
                .filter(|&y| {
                    NaiveDate::from_ymd_opt(y, a.month, a.day).is_some_and(|d| d.weekday() == wd)
                })
                .collect();
            if let [y] = fits.as_slice() {
                return Ok(dated(
                    Some(*y),
                    a.month,
                    Some(a.day),
                    DateHow::Weekday,
                    span,
                    src,
                ));
            }
            Err(NoDate::YearUnknown)
        }
    }
}

/// A fact of the knowledge base that bounded the years a date may have.
///
/// The knowledge base is shipped as data (`src/lexicon/data/claim/offices.txt`
/// and `events.txt`); a fact is one of its entries, numbered in the order of
/// the data of this version of the crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fact {
    /// A term of office, by its number among the terms.
    Office(u16),
    /// A dated event, by its number among the events.
    Event(u16),
}

fn long_date(d: NaiveDate) -> String {
    d.format("%B %-d").to_string()
}

impl Fact {
    /// The fact in words.
    ///
    /// ```
    /// use whosaid::claim::Fact;
    /// let all = (0..400).filter_map(|i| Fact::Office(i).describe()).collect::<Vec<_>>();
    /// assert!(all.iter().any(|f| f
    ///     == "term of Ashton Carter, US Secretary of Defense 2015-02-17..2017-01-20"));
    /// assert_eq!(Fact::Office(u16::MAX).describe(), None);
    /// ```
    pub fn describe(&self) -> Option<String> {
        match *self {
            Fact::Office(i) => knowledge::term(usize::from(i)).map(|t| {
                let end = t.end.map_or(String::new(), |e| e.to_string());
                format!("term of {}, {} {}..{end}", t.person, t.office, t.start)
            }),
            Fact::Event(i) => {
                knowledge::event(usize::from(i)).map(|e| format!("{} on {}", e.what, e.date))
            }
        }
    }
}

/// Why the year of a date was fixed when the text does not print it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct YearBasis {
    /// Month of the day whose year was fixed (the dateline's or a printed date's).
    pub month: u32,
    /// Its day of the month.
    pub day: u32,
    /// The weekday the text gives for that day (1 = Monday), when the year
    /// is the only candidate in which the day falls on it.
    pub weekday: Option<u32>,
    /// The knowledge-base facts that bounded the candidate years, narrowest
    /// first; none when the candidates were the years the text prints.
    pub facts: [Option<Fact>; 2],
}

impl YearBasis {
    /// The reasoning in words.
    ///
    /// ```
    /// let text = "Talks go on\n\nGENEVA, October 1. /Agency/. The talks will go on, Foreign \
    ///             Minister Sergey Lavrov said on Thursday after he met US Defense Secretary \
    ///             Ashton Carter.";
    /// let article = whosaid::parse(text)?;
    /// let quotes = whosaid::quotes(&article);
    /// let claims = whosaid::claims(&article, &quotes);
    /// let date = claims[0].date.resolved().expect("dated");
    /// assert_eq!(claims[0].date.iso().as_deref(), Some("2015-10-01"));
    /// assert_eq!(
    ///     date.year_basis.map(|b| b.describe()).as_deref(),
    ///     Some("weekday Thursday + October 1 within term of Ashton Carter, \
    ///           US Secretary of Defense 2015-02-17..2017-01-20")
    /// );
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn describe(&self) -> String {
        let day = NaiveDate::from_ymd_opt(2004, self.month, self.day)
            .map_or_else(|| format!("{}/{}", self.month, self.day), long_date);
        const NAMES: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let name = |w: u32| {
            NAMES
                .get(w.saturating_sub(1) as usize)
                .copied()
                .unwrap_or("?")
        };
        let mut out = match self.weekday {
            Some(w) => format!("weekday {} + {day}", name(w)),
            None => day,
        };
        let facts: Vec<String> = self
            .facts
            .iter()
            .flatten()
            .filter_map(Fact::describe)
            .collect();
        if facts.is_empty() {
            out.push_str(" in the only year the text prints that fits");
        } else {
            out.push_str(" within ");
            out.push_str(&facts.join(" and "));
        }
        out
    }
}

/// The most candidate years a weekday may choose among. The weekday of a
/// lede is its dateline's day only most of the time; among many candidate
/// years, one would often agree with it by chance.
const WEEKDAY_CANDIDATES: usize = 3;

/// The word that starts after byte `at` of `text` (after spaces).
fn next_word(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or("").trim_start_matches(' ');
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Bytes either side of a date in a heading or caption read for the event
/// it names.
const EVENT_REACH: usize = 300;

/// The end of an open range (a term still running).
const OPEN: NaiveDate = NaiveDate::MAX;

/// One piece of evidence: the text's time lies in one of these ranges
/// (inclusive), each with the fact that gives it.
type Constraint = Vec<(NaiveDate, NaiveDate, Fact)>;

/// What world knowledge says about the time of one text.
///
/// A text that names a person in an office was written during one of their
/// terms; one that names a dated event was written after it, and within the
/// year after it when it gives the event's month and day without a year
/// (news drops the year only of recent dates). The ranges of all the
/// evidence are intersected; a year is fixed only when one candidate is
/// left, and never when a range is open or the evidence contradicts itself.
#[derive(Debug, Default)]
pub(crate) struct Knowledge {
    constraints: Vec<Constraint>,
    /// The intersection of the constraints: where the text's time lies.
    now: Vec<(NaiveDate, NaiveDate)>,
    /// The year after the earliest fresh event the text dates without a
    /// year, with it.
    fresh: Option<(NaiveDate, NaiveDate, Fact)>,
    /// The date expressions that give an event's date (in text order).
    event_dates: Vec<Span>,
}

fn intersect(
    a: &[(NaiveDate, NaiveDate)],
    b: &[(NaiveDate, NaiveDate)],
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let (lo, hi) = (a0.max(b0), a1.min(b1));
            if lo <= hi {
                out.push((lo, hi));
            }
        }
    }
    out
}

/// The years in which `month`/`day` lies in one of `ranges`; `None` when a
/// range is open (any later year might do).
fn years_within(ranges: &[(NaiveDate, NaiveDate)], month: u32, day: u32) -> Option<Vec<i32>> {
    let mut ys = Vec::new();
    for &(lo, hi) in ranges {
        if hi == OPEN {
            return None;
        }
        for y in lo.year()..=hi.year() {
            if NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| lo <= d && d <= hi) {
                ys.push(y);
            }
        }
    }
    ys.sort_unstable();
    ys.dedup();
    Some(ys)
}

fn year_after(d: NaiveDate) -> NaiveDate {
    d.checked_add_months(Months::new(12))
        .and_then(|e| e.pred_opt())
        .unwrap_or(OPEN)
}

impl Knowledge {
    /// Read the offices held by the people `quotes` registers (at their
    /// mentions), and the events that the date expressions `found`
    /// (absolute spans, in `body`) and those of the headings and captions
    /// stand beside.
    pub(crate) fn read(
        article: &Article<'_>,
        quotes: &Quotes,
        body: &Body<'_>,
        found: &[Found],
        digits: &Digits,
    ) -> Self {
        let mut k = Knowledge::default();
        // The registry's mentions that may hold a name, in text order: one
        // automaton run over each, the title looked for around it in its
        // element. Most articles name no one the knowledge base knows, and
        // nothing is collected then.
        let text = article.text();
        // The last few texts that name no one (a person's mentions repeat
        // a few spellings): tested once each.
        let mut unnamed: [&str; 4] = [""; 4];
        let mut next = 0;
        let mut mentions: Vec<Span> = quotes
            .people
            .iter()
            .flat_map(|p| p.mentions.iter().copied())
            .filter(|m| {
                let printed = m.of(text);
                // The same mention (most repeat) is the same place of the text.
                let seen = |u: &&str| {
                    u.len() == printed.len() && (u.as_ptr() == printed.as_ptr() || *u == printed)
                };
                if unnamed.iter().any(seen) {
                    return false;
                }
                let may = knowledge::may_name(printed);
                if !may {
                    unnamed[next % unnamed.len()] = printed;
                    next += 1;
                }
                may
            })
            .collect();
        mentions.sort_unstable();
        mentions.dedup();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for m in mentions {
            let Some(e) = article
                .element_at(m.start)
                .filter(|e| e.role.is_content() && e.span.contains(m))
            else {
                continue;
            };
            let (base, el) = (e.span.start, article.slice(e.span));
            knowledge::offices_at(el, m.start - base, m.end - base, &mut groups);
        }
        for group in groups {
            let c: Constraint = group
                .into_iter()
                .filter_map(|t| {
                    let term = knowledge::term(t)?;
                    let id = u16::try_from(t).ok()?;
                    Some((term.start, term.end.unwrap_or(OPEN), Fact::Office(id)))
                })
                .collect();
            if !c.is_empty() && !k.constraints.contains(&c) {
                k.constraints.push(c);
            }
        }
        for f in found {
            if !knowledge::has_event_on(f.expr) {
                continue;
            }
            let sentence = body.sentence(f.span).of(text);
            if k.event(f.expr, sentence, next_word(text, f.span.end)) {
                k.event_dates.push(f.span);
            }
        }
        // Headings, standfirsts and captions name events too ("... on
        // November 24" in a standfirst); each is read as one sentence.
        for e in article
            .elements()
            .iter()
            .filter(|e| e.role.is_content() && e.role != Role::Body)
        {
            // Only a month and day names an event: no digit, no such date.
            if !digits.any_in(e.span) {
                continue;
            }
            let el = article.slice(e.span);
            for f in expressions_in(el) {
                if !knowledge::has_event_on(f.expr) {
                    continue;
                }
                let lo = floor_char_boundary(el, f.span.start.saturating_sub(EVENT_REACH));
                let hi = ceil_char_boundary(el, f.span.end + EVENT_REACH);
                k.event(f.expr, el.get(lo..hi).unwrap_or(""), "");
            }
        }
        // Without a constraint the text's time is any time: nothing to settle.
        if !k.is_blank() {
            k.settle();
        }
        k
    }

    /// Whether the knowledge says nothing of the text's time: no
    /// constraint (an event dated in the text is one), so it fixes no year
    /// and dates no event (as no knowledge at all).
    pub(crate) fn is_blank(&self) -> bool {
        self.constraints.is_empty()
    }

    /// Read the event `sentence` names with the date `expr`, if any; `true`
    /// when the date modifies the event's noun (`the June 23 referendum`),
    /// its first word `next`: a date no statement was made on.
    fn event(&mut self, expr: Expr, sentence: &str, next: &str) -> bool {
        let Expr::Explicit {
            year, month, day, ..
        } = expr
        else {
            return false;
        };
        let [id] = knowledge::events_named(sentence, month, day)[..] else {
            return false;
        };
        let modifies = knowledge::is_event_word(id, next);
        let (Some(e), Ok(id16)) = (knowledge::event(id), u16::try_from(id)) else {
            return false;
        };
        let fact = Fact::Event(id16);
        let range = match year {
            Some(y) if y != e.date.year() => return false,
            None if e.fresh => {
                let end = year_after(e.date);
                if self.fresh.map_or(true, |(d, _, _)| e.date < d) {
                    self.fresh = Some((e.date, end, fact));
                }
                (e.date, end, fact)
            }
            _ => (e.date, OPEN, fact),
        };
        if !self.constraints.contains(&vec![range]) {
            self.constraints.push(vec![range]);
        }
        modifies
    }

    /// The knowledge of `constraints`, with the fresh event among them.
    #[cfg(test)]
    fn of(constraints: Vec<Constraint>, fresh: Option<(NaiveDate, NaiveDate, Fact)>) -> Self {
        let mut k = Knowledge {
            constraints,
            fresh,
            ..Knowledge::default()
        };
        k.settle();
        k
    }

    /// Intersect the constraints into the text's time.
    fn settle(&mut self) {
        self.now = vec![(NaiveDate::MIN, OPEN)];
        for c in &self.constraints {
            let ranges: Vec<(NaiveDate, NaiveDate)> = c.iter().map(|&(a, b, _)| (a, b)).collect();
            self.now = intersect(&self.now, &ranges);
        }
        if self.now.is_empty() {
            // Contradicting evidence (a wrong reading somewhere): fix nothing.
            self.fresh = None;
        }
    }

    /// Whether the date expression at `span` modifies a known event's noun
    /// (`the June 23 referendum`): the event's date, not a statement's.
    pub(crate) fn dates_event(&self, span: Span) -> bool {
        self.event_dates
            .binary_search_by_key(&span.start, |s| s.start)
            .is_ok()
    }

    /// The facts that fix a year: the constraints, narrowest first (an open
    /// one by its start, latest first), until their intersection alone
    /// `fixes` it; at most two are kept.
    fn binding_facts(
        &self,
        date: NaiveDate,
        fixes: impl Fn(&[(NaiveDate, NaiveDate)]) -> bool,
    ) -> [Option<Fact>; 2] {
        let mut order: Vec<(i64, &Constraint)> = self
            .constraints
            .iter()
            .filter_map(|c| {
                let &(a, b, _) = c.iter().find(|&&(a, b, _)| a <= date && date <= b)?;
                let width = if b == OPEN {
                    1_000_000 + (date - a).num_days()
                } else {
                    (b - a).num_days()
                };
                Some((width, c))
            })
            .collect();
        order.sort_by_key(|&(w, _)| w);
        let mut acc = vec![(NaiveDate::MIN, OPEN)];
        let mut facts = [None, None];
        for (n, (_, c)) in order.into_iter().enumerate() {
            let ranges: Vec<(NaiveDate, NaiveDate)> = c.iter().map(|&(a, b, _)| (a, b)).collect();
            acc = intersect(&acc, &ranges);
            if let Some(slot) = facts.get_mut(n) {
                *slot = c
                    .iter()
                    .find(|&&(a, b, _)| a <= date && date <= b)
                    .map(|&(_, _, f)| f);
            }
            if fixes(&acc) {
                break;
            }
        }
        facts
    }

    /// The one year of `month`/`day` in `ranges` that agrees with `weekdays`
    /// (any year when empty), with the weekday that agreed.
    fn one_year(
        ranges: &[(NaiveDate, NaiveDate)],
        month: u32,
        day: u32,
        weekdays: &[u32],
    ) -> Option<(NaiveDate, Option<u32>)> {
        let ys = years_within(ranges, month, day)?;
        let fits: Vec<(NaiveDate, Option<u32>)> = ys
            .into_iter()
            .filter_map(|y| {
                let d = NaiveDate::from_ymd_opt(y, month, day)?;
                if weekdays.is_empty() {
                    return Some((d, None));
                }
                let w = d.weekday().number_from_monday();
                weekdays.contains(&w).then_some((d, Some(w)))
            })
            .collect();
        match fits[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    /// `anchor` with its year fixed, when it has none and the text's time
    /// allows only one year for its day, or a few ([`WEEKDAY_CANDIDATES`])
    /// of which only one has the day on the lede's weekday (`lede_weekdays`:
    /// a report's lede dates its news by the weekday of its dateline).
    pub(crate) fn fix_anchor(
        &self,
        anchor: Option<Anchor>,
        lede_weekdays: &[u32],
    ) -> Option<Anchor> {
        let a = anchor?;
        if a.year.is_some() || self.now.is_empty() {
            return anchor;
        }
        let few = years_within(&self.now, a.month, a.day)
            .is_some_and(|ys| ys.len() <= WEEKDAY_CANDIDATES);
        let fixed = Self::one_year(&self.now, a.month, a.day, &[]).or_else(|| {
            if few && !lede_weekdays.is_empty() {
                Self::one_year(&self.now, a.month, a.day, lede_weekdays)
            } else {
                None
            }
        });
        let Some((d, weekday)) = fixed else {
            return anchor;
        };
        Some(Anchor {
            year: Some(d.year()),
            basis: Some(YearBasis {
                month: a.month,
                day: a.day,
                weekday,
                facts: self.binding_facts(d, |acc| {
                    let wd: Vec<u32> = weekday.into_iter().collect();
                    Self::one_year(acc, a.month, a.day, &wd).is_some_and(|(x, _)| x == d)
                }),
            }),
            ..a
        })
    }

    /// The date of a printed `month`/`day` without a year, when the text's
    /// time allows only one: in the year after a fresh event the text dates,
    /// else in the year up to the text's time (news is about the past).
    fn statement_date(
        &self,
        month: u32,
        day: u32,
        weekday: Option<u32>,
    ) -> Option<(NaiveDate, YearBasis)> {
        if self.now.is_empty() {
            return None;
        }
        let weekdays: Vec<u32> = weekday.into_iter().collect();
        // A year back from the earliest time of the text.
        let back = |ranges: &[(NaiveDate, NaiveDate)]| -> Vec<(NaiveDate, NaiveDate)> {
            ranges
                .iter()
                .map(|&(a, b)| {
                    let a = a
                        .checked_sub_months(Months::new(12))
                        .and_then(|d| d.succ_opt())
                        .unwrap_or(NaiveDate::MIN);
                    (a, b)
                })
                .collect()
        };
        let (d, w, facts) = match self.fresh {
            Some((a, _, f)) => {
                // From the earliest fresh event to the latest time of the text.
                let ranges: Vec<(NaiveDate, NaiveDate)> = self
                    .now
                    .iter()
                    .filter(|&&(_, b)| b >= a)
                    .map(|&(_, b)| (a, b))
                    .collect();
                let (d, w) = Self::one_year(&ranges, month, day, &weekdays)?;
                (d, w, [Some(f), None])
            }
            None => {
                let (d, w) = Self::one_year(&back(&self.now), month, day, &weekdays)?;
                let facts = self.binding_facts(d, |acc| {
                    Self::one_year(&back(acc), month, day, &weekdays).is_some_and(|(x, _)| x == d)
                });
                (d, w, facts)
            }
        };
        Some((
            d,
            YearBasis {
                month,
                day,
                weekday: w,
                facts,
            },
        ))
    }
}

/// [`resolve`] with what world knowledge says of the text's time: a printed
/// month and day without a year (against an anchor without one) is dated
/// when the knowledge allows one year only. A year the text does not print
/// carries its [`YearBasis`].
pub(crate) fn resolve_with(
    found: Found,
    anchor: Option<Anchor>,
    previous: Option<&StatementDate>,
    candidates: &[i32],
    know: Option<&Knowledge>,
) -> Result<StatementDate, NoDate> {
    let yearless_anchor = anchor.map_or(true, |a| a.year.is_none());
    if let (
        Expr::Explicit {
            year: None,
            month,
            day,
            weekday,
        },
        Some(k),
        true,
    ) = (found.expr, know, yearless_anchor)
    {
        if let Some((d, basis)) = k.statement_date(month, day, weekday) {
            let mut out = dated(
                Some(d.year()),
                month,
                Some(day),
                DateHow::Explicit,
                found.span,
                None,
            );
            out.year_basis = Some(basis);
            return Ok(out);
        }
    }
    let mut d = resolve(found, anchor, previous, candidates)?;
    if d.year.is_none() || d.year_basis.is_some() {
        return Ok(d);
    }
    let none = [None, None];
    d.year_basis = match found.expr {
        Expr::Explicit { year: Some(_), .. } | Expr::Month { year: Some(_), .. } => None,
        Expr::Later(_) => previous.and_then(|p| p.year_basis),
        Expr::Explicit {
            weekday: Some(w),
            month,
            day,
            ..
        } if yearless_anchor => Some(YearBasis {
            month,
            day,
            weekday: Some(w),
            facts: none,
        }),
        Expr::Weekday(w) if yearless_anchor => anchor.map(|a| YearBasis {
            month: a.month,
            day: a.day,
            weekday: Some(w),
            facts: none,
        }),
        _ => anchor.and_then(|a| a.basis),
    };
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Ymd = (Option<i32>, u32, Option<u32>);
    /// Expression, anchor, previous date, candidate years, expected result.
    type Case<'a> = (
        &'a str,
        Option<Anchor>,
        Option<StatementDate>,
        &'a [i32],
        Result<Ymd, NoDate>,
    );

    fn anchor(year: Option<i32>, month: u32, day: u32) -> Option<Anchor> {
        Some(Anchor {
            year,
            month,
            day,
            source: DateAnchor::Dateline,
            basis: None,
        })
    }

    fn one(text: &str) -> Found {
        let f = expressions(&Tagged::new(text));
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        f[0]
    }

    fn prev(year: Option<i32>, month: u32, day: u32) -> StatementDate {
        dated(
            year,
            month,
            Some(day),
            DateHow::Explicit,
            Span::new(0, 0),
            None,
        )
    }

    /// Each case: expression, anchor, previous date, candidate years, expected.
    fn check(cases: &[Case<'_>]) {
        for (text, a, p, years, want) in cases {
            let got = resolve(one(text), *a, p.as_ref(), years).map(|d| (d.year, d.month, d.day));
            assert_eq!(got, *want, "{text} against {a:?} / {p:?} / {years:?}");
        }
    }

    #[test]
    fn finds_every_form() {
        let t = "on Thursday, on October 6, 6 October 2015, Oct. 5, a day later, yesterday, \
                 last month, in September, earlier on June 28";
        let kinds: Vec<Expr> = expressions(&Tagged::new(t))
            .into_iter()
            .map(|f| f.expr)
            .collect();
        let ex = |year, month, day| Expr::Explicit {
            year,
            month,
            day,
            weekday: None,
        };
        assert_eq!(
            kinds,
            [
                Expr::Weekday(4),
                ex(None, 10, 6),
                ex(Some(2015), 10, 6),
                ex(None, 10, 5),
                Expr::Later(1),
                Expr::RelDay(-1),
                Expr::RelMonth(-1),
                Expr::Month {
                    year: None,
                    month: 9
                },
                ex(None, 6, 28),
            ]
        );
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(expressions(&Tagged::new("the bases may remain, May be")).is_empty());
        assert_eq!(
            one("on May 9").expr,
            Expr::Explicit {
                year: None,
                month: 5,
                day: 9,
                weekday: None
            }
        );
        assert_eq!(
            one("in May").expr,
            Expr::Month {
                year: None,
                month: 5
            }
        );
    }

    #[test]
    fn weekdays() {
        let y15 = anchor(Some(2015), 10, 1); // a Thursday
        let no_year = anchor(None, 10, 1);
        check(&[
            ("on Thursday", y15, None, &[], Ok((Some(2015), 10, Some(1)))),
            ("on Tuesday", y15, None, &[], Ok((Some(2015), 9, Some(29)))),
            // Across a year end: 2016-01-01 was a Friday.
            (
                "on Monday",
                anchor(Some(2016), 1, 1),
                None,
                &[],
                Ok((Some(2015), 12, Some(28))),
            ),
            // A yearless anchor: one candidate year where October 1 is a Thursday fixes it.
            (
                "on Thursday",
                no_year,
                None,
                &[2014, 2015, 2016],
                Ok((Some(2015), 10, Some(1))),
            ),
            (
                "on Thursday",
                no_year,
                None,
                &[2009, 2015],
                Err(NoDate::YearUnknown),
            ),
            // Among more than three printed years, agreement may be chance.
            (
                "on Thursday",
                no_year,
                None,
                &[1991, 2011, 2014, 2015],
                Err(NoDate::YearUnknown),
            ),
            ("on Thursday", no_year, None, &[], Err(NoDate::YearUnknown)),
            ("on Thursday", None, None, &[2015], Err(NoDate::NoAnchor)),
            (
                "on Thursday, October 1",
                None,
                None,
                &[2014, 2015],
                Ok((Some(2015), 10, Some(1))),
            ),
        ]);
    }

    #[test]
    fn explicit_dates_are_past_biased() {
        check(&[
            (
                "on October 6",
                anchor(Some(2015), 10, 7),
                None,
                &[],
                Ok((Some(2015), 10, Some(6))),
            ),
            (
                "on December 30",
                anchor(Some(2016), 1, 2),
                None,
                &[],
                Ok((Some(2015), 12, Some(30))),
            ),
            (
                "on October 6",
                anchor(None, 10, 7),
                None,
                &[],
                Ok((None, 10, Some(6))),
            ),
            (
                "earlier on June 28",
                None,
                None,
                &[],
                Ok((None, 6, Some(28))),
            ),
            (
                "on June 28, 2017",
                None,
                None,
                &[],
                Ok((Some(2017), 6, Some(28))),
            ),
            ("on February 30", None, None, &[], Err(NoDate::Invalid)),
        ]);
    }

    #[test]
    fn leap_days() {
        check(&[
            // February 29 before an anchor in a common year is the last leap year's.
            (
                "on February 29",
                anchor(Some(2017), 3, 10),
                None,
                &[],
                Ok((Some(2016), 2, Some(29))),
            ),
            (
                "yesterday",
                anchor(Some(2016), 3, 1),
                None,
                &[],
                Ok((Some(2016), 2, Some(29))),
            ),
            (
                "yesterday",
                anchor(Some(2015), 3, 1),
                None,
                &[],
                Ok((Some(2015), 2, Some(28))),
            ),
            // Without a year, the day before March 1 is unknown.
            (
                "yesterday",
                anchor(None, 3, 1),
                None,
                &[],
                Err(NoDate::YearUnknown),
            ),
            (
                "a day later",
                None,
                Some(prev(None, 2, 28)),
                &[],
                Err(NoDate::YearUnknown),
            ),
            (
                "a day later",
                None,
                Some(prev(Some(2016), 2, 28)),
                &[],
                Ok((Some(2016), 2, Some(29))),
            ),
        ]);
    }

    #[test]
    fn relative_days_across_month_and_year_ends() {
        check(&[
            (
                "yesterday",
                anchor(Some(2015), 11, 1),
                None,
                &[],
                Ok((Some(2015), 10, Some(31))),
            ),
            (
                "yesterday",
                anchor(Some(2016), 1, 1),
                None,
                &[],
                Ok((Some(2015), 12, Some(31))),
            ),
            (
                "yesterday",
                anchor(None, 10, 7),
                None,
                &[],
                Ok((None, 10, Some(6))),
            ),
            (
                "yesterday",
                anchor(None, 1, 1),
                None,
                &[],
                Ok((None, 12, Some(31))),
            ),
            ("yesterday", None, None, &[], Err(NoDate::NoAnchor)),
            (
                "today",
                anchor(Some(2015), 10, 1),
                None,
                &[],
                Ok((Some(2015), 10, Some(1))),
            ),
        ]);
    }

    #[test]
    fn a_day_later_counts_from_the_previous_date() {
        check(&[
            (
                "a day later",
                None,
                Some(prev(Some(2015), 10, 5)),
                &[],
                Ok((Some(2015), 10, Some(6))),
            ),
            (
                "the next day",
                None,
                Some(prev(Some(2015), 12, 31)),
                &[],
                Ok((Some(2016), 1, Some(1))),
            ),
            (
                "a day later",
                None,
                Some(prev(None, 10, 5)),
                &[],
                Ok((None, 10, Some(6))),
            ),
            ("a day later", None, None, &[], Err(NoDate::NoAnchor)),
        ]);
    }

    #[test]
    fn months() {
        check(&[
            (
                "last month",
                anchor(Some(2016), 1, 15),
                None,
                &[],
                Ok((Some(2015), 12, None)),
            ),
            (
                "last month",
                anchor(None, 3, 15),
                None,
                &[],
                Ok((None, 2, None)),
            ),
            (
                "in September",
                anchor(Some(2015), 10, 1),
                None,
                &[],
                Ok((Some(2015), 9, None)),
            ),
            (
                "in November",
                anchor(Some(2015), 10, 1),
                None,
                &[],
                Ok((Some(2014), 11, None)),
            ),
            ("in September", None, None, &[], Ok((None, 9, None))),
            (
                "in September 2015",
                None,
                None,
                &[],
                Ok((Some(2015), 9, None)),
            ),
        ]);
    }

    #[test]
    fn years_the_text_mentions() {
        assert_eq!(
            years_in("in 2011, on September 30, 2015 and 12345 or 1991"),
            [1991, 2011, 2015]
        );
    }

    #[test]
    fn digits_and_years_at_every_offset() {
        for pad in 0..80 {
            let text = format!("{}in 2015.", "x".repeat(pad));
            assert_eq!(next_digit(text.as_bytes(), 0), Some(pad + 3), "{text}");
            assert_eq!(years_in(&text), [2015], "{text}");
            assert!(has_year(&text) && has_digit(&text));
            let none = "é".repeat(pad) + "no digit here at all";
            assert!(!has_digit(&none) && !has_year(&none));
        }
        assert!(!has_year("call 12015 or x2015 or 2015x"));
        assert!(has_year("(2015)"));
    }

    #[test]
    fn digits_of_an_article_are_those_of_its_content_elements() {
        let texts = [
            "Home | News 2014\n\nTalks end\n\nGENEVA, October 9, 2015. /Agency/. Talks went on \
             in 2011 and x2012 and 2013y and 12345 and 1899.\n\nPhoto: Jane Roe (2016)\n\n\
             \u{a9} 2017 Agency\n\nIn 2018 they met again, 3 times.\n",
            "Title 2015\n\nNo digits in this one at all, nor in the next.\n\nMore words.\n",
            "Short\n\n2019\n",
            "",
        ];
        let wants: [&[i32]; 4] = [&[2011, 2015, 2018], &[2015], &[], &[]];
        for (text, want) in texts.into_iter().zip(wants) {
            let article = crate::parse(text).expect("parses");
            let digits = Digits::of(&article);
            let mut years = Vec::new();
            for e in article.elements().iter().filter(|e| e.role.is_content()) {
                push_years(article.slice(e.span), &mut years);
                assert_eq!(
                    digits.any_in(e.span),
                    has_digit(article.slice(e.span)),
                    "{:?}",
                    article.slice(e.span)
                );
            }
            years.sort_unstable();
            years.dedup();
            assert_eq!(digits.years(), years, "{text}");
            assert_eq!(digits.years(), want, "chrome's years are not read");
        }
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    /// A term of office from `a` to `b` (open when `None`), as fact `id`.
    fn term(a: NaiveDate, b: Option<NaiveDate>, id: u16) -> Constraint {
        vec![(a, b.unwrap_or(OPEN), Fact::Office(id))]
    }

    /// The year a yearless anchor on `month`/`day` gets from `k`.
    fn anchor_year(k: &Knowledge, month: u32, day: u32, weekdays: &[u32]) -> Option<i32> {
        k.fix_anchor(anchor(None, month, day), weekdays)
            .and_then(|a| a.year)
    }

    #[test]
    fn terms_of_office_intersect() {
        // 2015-02-17..2017-01-20 and 2016-03-01..: October 1 only in 2016.
        let carter = term(ymd(2015, 2, 17), Some(ymd(2017, 1, 20)), 1);
        let later = term(ymd(2016, 3, 1), None, 2);
        let k = Knowledge::of(vec![carter.clone(), later], None);
        assert_eq!(anchor_year(&k, 10, 1, &[]), Some(2016));
        let a = k.fix_anchor(anchor(None, 10, 1), &[]).and_then(|a| a.basis);
        assert_eq!(
            a.map(|b| b.facts),
            Some([Some(Fact::Office(1)), Some(Fact::Office(2))])
        );
        // Alone, the term allows 2015 and 2016: unknown.
        let k = Knowledge::of(vec![carter], None);
        assert_eq!(anchor_year(&k, 10, 1, &[]), None);
        // February 1 lies in the term in 2016 and 2017, not in 2015.
        assert_eq!(
            Knowledge::of(
                vec![term(ymd(2015, 2, 17), Some(ymd(2016, 12, 31)), 1)],
                None
            )
            .fix_anchor(anchor(None, 2, 1), &[])
            .and_then(|a| a.year),
            Some(2016)
        );
        // A union of terms (an ambiguous name) and a term that contradicts it.
        let union = vec![
            (ymd(2001, 1, 20), ymd(2009, 1, 20), Fact::Office(3)),
            (ymd(1989, 1, 20), ymd(1993, 1, 20), Fact::Office(4)),
        ];
        let other = term(ymd(1992, 6, 1), Some(ymd(1993, 6, 1)), 5);
        assert_eq!(
            anchor_year(&Knowledge::of(vec![union.clone(), other], None), 1, 1, &[]),
            Some(1993)
        );
        let never = term(ymd(2012, 1, 1), Some(ymd(2012, 12, 31)), 6);
        assert_eq!(
            anchor_year(&Knowledge::of(vec![union, never], None), 3, 1, &[]),
            None
        );
    }

    #[test]
    fn a_lede_weekday_picks_the_one_year_it_fits() {
        let carter = term(ymd(2015, 2, 17), Some(ymd(2017, 1, 20)), 1);
        let k = Knowledge::of(vec![carter], None);
        // October 1 was a Thursday in 2015, a Saturday in 2016.
        assert_eq!(anchor_year(&k, 10, 1, &[4]), Some(2015));
        assert_eq!(anchor_year(&k, 10, 1, &[6]), Some(2016));
        assert_eq!(anchor_year(&k, 10, 1, &[5]), None, "no year fits");
        assert_eq!(anchor_year(&k, 10, 1, &[4, 6]), None, "two fit");
        let basis = k
            .fix_anchor(anchor(None, 10, 1), &[4])
            .and_then(|a| a.basis);
        assert_eq!(basis.and_then(|b| b.weekday), Some(4));
        // Among many candidate years a weekday fits one by chance: unknown.
        let long = term(ymd(2009, 1, 20), Some(ymd(2017, 1, 20)), 2);
        let k = Knowledge::of(vec![long], None);
        assert_eq!(anchor_year(&k, 8, 24, &[2]), None);
    }

    #[test]
    fn a_month_is_opened_as_the_word_before_it_reads() {
        let texts = [
            "in May",
            "In  May",
            "since May",
            "grew in May",
            "x-in May",
            "1in May",
            "éin May",
            "in\tMay",
            "in\u{a0}May",
            "in, May",
            "May",
            " May",
            "a very long word in May",
            "averylongwordbefore May",
            "thisisaverylongin May",
            "thisisaverylongiin May",
            "the day of  May",
            "it was late May",
            "it was latex May",
            "’in May",
            "don’t in May",
        ];
        for t in texts {
            let at = t.rfind("May").expect("a month");
            let want = word_before(t, at)
                .is_some_and(|w| MONTH_OPENERS.iter().any(|o| o.eq_ignore_ascii_case(w)));
            assert_eq!(month_opened(t, at), want, "{t:?}");
        }
        assert!(month_opened("would open in May", 14));
        assert!(!month_opened("would open x May", 13));
    }

    #[test]
    fn digits_past_the_room_kept_in_place_are_all_read() {
        // More runs and years than the inline room (8 runs, 4 years), with
        // repeats: the years come sorted, each once.
        let text = "T\n\nIn 2019, 2011, 2015, 2011, 2018 and 2012 the 3 sides met 7 times; \
                    in 2015 and 2019 too.";
        let article = crate::parse(text).expect("parses");
        let digits = Digits::of(&article);
        assert_eq!(digits.years(), [2011, 2012, 2015, 2018, 2019]);
        let body = article
            .elements()
            .iter()
            .find(|e| e.role.is_content() && article.slice(e.span).contains("2012"));
        assert!(digits.any_in(body.expect("a content element").span));
    }

    #[test]
    fn blank_knowledge_fixes_nothing() {
        let text = "Talks go on\n\nGENEVA, October 1. /Agency/. The talks will go on, Foreign \
                    Minister Anna Berg said on Thursday after she met the envoy.";
        let article = crate::parse(text).expect("parses");
        let quotes = crate::quotes(&article);
        let body = Body::new(&article, std::iter::empty());
        let digits = Digits::of(&article);
        let k = Knowledge::read(&article, &quotes, &body, &[], &digits);
        assert!(k.is_blank());
        // What a blank knowledge gives is what none gives.
        let anchor = Some(Anchor {
            year: None,
            month: 10,
            day: 1,
            source: DateAnchor::Dateline,
            basis: None,
        });
        assert_eq!(k.fix_anchor(anchor, &[4]), anchor);
        assert_eq!(k.statement_date(10, 1, None), None);
        assert_eq!(k.statement_date(10, 1, Some(4)), None);
        assert!(!k.dates_event(Span::new(0, 4)));
        let f = Found {
            span: Span::new(0, 9),
            expr: Expr::Explicit {
                year: None,
                month: 9,
                day: 30,
                weekday: None,
            },
        };
        assert_eq!(
            resolve_with(f, anchor, None, &[], Some(&k)),
            resolve_with(f, anchor, None, &[], None)
        );
        // The same as the knowledge of no constraint, settled.
        let settled = Knowledge::of(Vec::new(), None);
        assert!(settled.is_blank());
        assert_eq!(settled.fix_anchor(anchor, &[4]), anchor);
        assert_eq!(settled.statement_date(10, 1, None), None);
        // A known office holder is a constraint.
        let text = "Talks go on\n\nGENEVA, October 1. /Agency/. The talks will go on, Foreign \
                    Minister Sergey Lavrov said on Thursday after he met US Defense Secretary \
                    Ashton Carter.";
        let article = crate::parse(text).expect("parses");
        let quotes = crate::quotes(&article);
        let body = Body::new(&article, std::iter::empty());
        let digits = Digits::of(&article);
        let k = Knowledge::read(&article, &quotes, &body, &[], &digits);
        assert!(!k.is_blank());
    }

    #[test]
    fn a_fresh_event_dates_the_year_after_it() {
        let e = ymd(2015, 9, 30);
        let fresh = (e, year_after(e), Fact::Event(0));
        let k = Knowledge::of(vec![vec![fresh]], Some(fresh));
        let date = |text: &str| {
            resolve_with(one(text), None, None, &[], Some(&k)).map(|d| (d.year, d.month, d.day))
        };
        assert_eq!(date("on October 6"), Ok((Some(2015), 10, Some(6))));
        assert_eq!(date("on September 29"), Ok((Some(2016), 9, Some(29))));
        assert_eq!(date("on September 30"), Ok((Some(2015), 9, Some(30))));
        let got = resolve_with(one("on October 6"), None, None, &[], Some(&k));
        assert_eq!(
            got.ok().and_then(|d| d.year_basis).map(|b| b.facts[0]),
            Some(Some(Fact::Event(0)))
        );
        // A dateline day in that year fixes the anchor too.
        assert_eq!(anchor_year(&k, 10, 7, &[]), Some(2015));
        // Two fresh events: yearless dates run from the earlier one to the
        // latest time the text allows (before a year after the earlier).
        let later = (
            ymd(2015, 11, 24),
            year_after(ymd(2015, 11, 24)),
            Fact::Event(1),
        );
        let two = Knowledge::of(vec![vec![fresh], vec![later]], Some(fresh));
        let got = resolve_with(one("on October 6"), None, None, &[], Some(&two));
        assert_eq!(got.map(|d| d.year), Ok(Some(2015)));
        let got = resolve_with(one("on September 29"), None, None, &[], Some(&two));
        assert_eq!(got.map(|d| d.year), Ok(Some(2016)));
        // Against an anchor with a year, the anchor decides.
        let a = anchor(Some(2019), 10, 7);
        let got = resolve_with(one("on October 6"), a, None, &[], Some(&k));
        assert_eq!(got.map(|d| d.year), Ok(Some(2019)));
    }

    #[test]
    fn open_or_missing_knowledge_leaves_the_year_unknown() {
        // A term still running allows any later year.
        let k = Knowledge::of(vec![term(ymd(2004, 3, 9), None, 1)], None);
        assert_eq!(anchor_year(&k, 10, 1, &[4]), None);
        let got = resolve_with(one("on October 6"), None, None, &[], Some(&k));
        assert_eq!(got.map(|d| d.year), Ok(None));
        // An event with its year printed only says the text is later.
        let past = (ymd(2015, 9, 30), OPEN, Fact::Event(0));
        let k = Knowledge::of(vec![vec![past]], None);
        assert_eq!(anchor_year(&k, 2, 11, &[]), None);
        // No knowledge at all.
        let k = Knowledge::of(Vec::new(), None);
        assert_eq!(anchor_year(&k, 10, 1, &[4]), None);
        let got = resolve_with(one("on Thursday, October 1"), None, None, &[], Some(&k));
        assert_eq!(got.map(|d| d.year), Ok(None));
    }

    #[test]
    fn the_basis_reads_as_a_sentence() {
        let b = YearBasis {
            month: 10,
            day: 1,
            weekday: Some(4),
            facts: [None, None],
        };
        assert_eq!(
            b.describe(),
            "weekday Thursday + October 1 in the only year the text prints that fits"
        );
    }

    #[test]
    fn vague_times_are_imprecise() {
        check(&[
            (
                "last week",
                anchor(Some(2015), 10, 1),
                None,
                &[],
                Err(NoDate::Imprecise),
            ),
            ("recently", None, None, &[], Err(NoDate::Imprecise)),
        ]);
        // "two days ago" is a day, not a vague time.
        assert_eq!(one("two days ago").expr, Expr::RelDay(-2));
    }
}
