//! News-agency datelines (`BAGHDAD, February 11. /TASS/.`,
//! `MOSCOW (Reuters) -`, `LONDON, Oct 5 (AP) —`, `PARIS, 5 octobre (AFP) -`,
//! `WASHINGTON —`) and printed full dates (`October 1, 2015`, `2015-10-01`).

use super::{Dateline, DatelineDate};
use crate::lexicon::article::month;
use crate::Span;
use chrono::NaiveDate;
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::LazyLock;

/// Only the first bytes of a line are searched for a dateline.
const DATELINE_WINDOW: usize = 160;

/// The dateline pattern (place, then a date or a region, then the agency
/// or the dash or stop that ends the dateline).
const DATELINE_PATTERN: &str = r"(?x)^
    (?P<place>\p{Lu}[\p{Lu}\p{M}'’.\-]+(?:[\ /\-]\p{Lu}[\p{Lu}\p{M}'’.\-]*){0,4})
    (?:,?[\ \u{A0}](?P<date>
        (?:(?P<m1>\p{L}{3,12})\.?[\ \u{A0}](?P<d1>\d{1,2})(?:st|nd|rd|th)?
          | (?P<d2>\d{1,2})\.?[\ \u{A0}](?:de[\ \u{A0}])?(?P<m2>\p{L}{3,12})\.?)
        (?:,?[\ \u{A0}](?:de[\ \u{A0}])?(?P<year>\d{4}))?)
      | ,[\ \u{A0}](?P<region>\p{Lu}[\p{Ll}.]+(?:[\ \u{A0}]\p{Lu}[\p{Ll}.]+){0,2}))?
    (?:
        \.?[\ \u{A0}]?/(?P<a1>\p{L}[\p{L}\-]{0,15})/\.?
      | [\ \u{A0}]?\((?P<a2>\p{L}[\p{L}\ &.\-]{0,24})\)(?:[\ \u{A0}]?[-—–]+)?
      | [\ \u{A0}]?(?P<dash>[—–]|--?)[\ \u{A0}]
      | (?P<dot>\.)[\ \u{A0}]
    )";

static DATELINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(DATELINE_PATTERN).expect("valid dateline regex"));

/// [`DATELINE`] for narrow text (see [`is_narrow`]): the same pattern with
/// every class cut down to its members in that alphabet ([`narrow_pattern`]),
/// so that on narrow input it matches, and captures, exactly where
/// [`DATELINE`] does, with a far smaller automaton (about 300 NFA states
/// against 22 000, which the capture engines pay for per byte of the match).
static DATELINE_NARROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&narrow_pattern(DATELINE_PATTERN)).expect("valid narrow dateline regex")
});

/// Whether every char of `s` is ASCII or one of the common non-ASCII
/// spaces, quotes, dashes and `©` (none a letter, mark or digit, so no class of
/// [`DATELINE`] holds one that [`DATELINE_NARROW`] lacks): the alphabet of
/// [`DATELINE_NARROW`].
pub(super) fn is_narrow(s: &str) -> bool {
    s.is_ascii()
        || s.chars().all(|c| {
            c.is_ascii()
                || matches!(
                    c,
                    '\u{A0}' | '’' | '‘' | '“' | '”' | '«' | '»' | '—' | '–' | '…' | '©'
                )
        })
}

/// `pattern` cut down to the narrow alphabet (see [`is_narrow`]): on narrow
/// text the result matches, and captures, exactly where `pattern` does.
/// `\p{Lu}`, `\p{Ll}`, `\p{L}`, `\p{N}` and `\d` become their ASCII members
/// (bracketed outside a class), `\p{M}` inside a class is dropped (no narrow
/// char is a mark), and `\b` outside a class becomes the ASCII `(?-u:\b)`
/// (no narrow non-ASCII char is a word char). Anything else is kept as it is.
pub(super) fn narrow_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    // Depth of `[...]` classes (nested classes are unions).
    let mut depth = 0usize;
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '\\' => {
                let Some(e) = rest.chars().next() else {
                    out.push(c);
                    break;
                };
                let (members, taken) = match e {
                    'd' => (Some("0-9"), 1),
                    'b' if depth == 0 => {
                        out.push_str(r"(?-u:\b)");
                        rest = &rest[1..];
                        continue;
                    }
                    'p' => {
                        let name = rest[1..]
                            .strip_prefix('{')
                            .and_then(|r| r.find('}').map(|end| &r[..end]));
                        let members = match name {
                            Some("Lu") => Some("A-Z"),
                            Some("Ll") => Some("a-z"),
                            Some("L") => Some("A-Za-z"),
                            Some("N") => Some("0-9"),
                            Some("M") if depth > 0 => Some(""),
                            _ => None,
                        };
                        (members, name.map_or(0, |n| n.len() + 3))
                    }
                    _ => (None, 0),
                };
                if let Some(members) = members {
                    if depth == 0 {
                        out.push('[');
                        out.push_str(members);
                        out.push(']');
                    } else {
                        out.push_str(members);
                    }
                    rest = &rest[taken..];
                } else {
                    // Any other escape is copied whole (`\-`, `\ `, `\u{A0}`).
                    out.push(c);
                    out.push(e);
                    rest = &rest[e.len_utf8()..];
                }
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// The index of the capture group `name` of `re`.
fn group(re: &Regex, name: &str) -> usize {
    re.capture_names()
        .position(|n| n == Some(name))
        .expect("a group of the pattern")
}

/// The capture groups of [`DATELINE_PATTERN`], by index (a lookup by name
/// costs a hash): the same in [`DATELINE`] and [`DATELINE_NARROW`], as
/// [`narrow_pattern`] adds and drops no group.
struct DatelineGroups {
    place: usize,
    date: usize,
    m1: usize,
    d1: usize,
    d2: usize,
    m2: usize,
    year: usize,
    region: usize,
    a1: usize,
    a2: usize,
    dash: usize,
    dot: usize,
}

static DATELINE_GROUPS: LazyLock<DatelineGroups> = LazyLock::new(|| {
    let g = |name| group(&DATELINE_NARROW, name);
    DatelineGroups {
        place: g("place"),
        date: g("date"),
        m1: g("m1"),
        d1: g("d1"),
        d2: g("d2"),
        m2: g("m2"),
        year: g("year"),
        region: g("region"),
        a1: g("a1"),
        a2: g("a2"),
        dash: g("dash"),
        dot: g("dot"),
    }
});

/// A match of [`DATELINE_PATTERN`]: its end and the byte ranges of its
/// groups, as the regex captures them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Parts {
    place: Range<usize>,
    date: Option<Range<usize>>,
    m1: Option<Range<usize>>,
    d1: Option<Range<usize>>,
    d2: Option<Range<usize>>,
    m2: Option<Range<usize>>,
    year: Option<Range<usize>>,
    region: Option<Range<usize>>,
    /// How the dateline ends: its agency or its stop.
    tail: Tail,
}

/// How a dateline ends: the groups of the last part of
/// [`DATELINE_PATTERN`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Tail {
    /// The end of the whole match (which starts at 0).
    end: usize,
    a1: Option<Range<usize>>,
    a2: Option<Range<usize>>,
    dash: Option<Range<usize>>,
    dot: Option<Range<usize>>,
}

impl Parts {
    /// The parts the regex captured.
    fn of(c: &Captures<'_>) -> Option<Parts> {
        let g = &*DATELINE_GROUPS;
        let r = |k: usize| c.get(k).map(|m| m.range());
        Some(Parts {
            place: r(g.place)?,
            date: r(g.date),
            m1: r(g.m1),
            d1: r(g.d1),
            d2: r(g.d2),
            m2: r(g.m2),
            year: r(g.year),
            region: r(g.region),
            tail: Tail {
                end: c.get(0)?.end(),
                a1: r(g.a1),
                a2: r(g.a2),
                dash: r(g.dash),
                dot: r(g.dot),
            },
        })
    }
}

/// The bytes of narrow text (see [`is_narrow`]), read by the hand-written
/// matchers of this module ([`Head`], [`NarrowDates`]).
struct Bytes<'s> {
    b: &'s [u8],
}

impl Bytes<'_> {
    /// The byte at `i` (0 past the end, which no class of a pattern here
    /// holds).
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }
    /// The end of the run of bytes from `i` that pass `f`.
    fn run(&self, i: usize, f: impl Fn(u8) -> bool) -> usize {
        let mut j = i;
        while j < self.b.len() && f(self.b[j]) {
            j += 1;
        }
        j
    }
    /// After the space (`[\ \u{A0}]`) at `i`, if there is one.
    fn space(&self, i: usize) -> Option<usize> {
        match self.at(i) {
            b' ' => Some(i + 1),
            0xC2 if self.at(i + 1) == 0xA0 => Some(i + 2),
            _ => None,
        }
    }
    /// After the byte `x` at `i`, or at `i` if the byte is another.
    fn optional(&self, i: usize, x: u8) -> usize {
        i + usize::from(self.at(i) == x)
    }
    /// After an optional `de` and space (`(?:de[\ \u{A0}])?`) at `i`.
    fn de(&self, i: usize) -> usize {
        if self.at(i) == b'd' && self.at(i + 1) == b'e' {
            if let Some(j) = self.space(i + 2) {
                return j;
            }
        }
        i
    }
    /// The run of one or two digits from `i`, if no digit follows it.
    fn one_or_two(&self, i: usize) -> Option<Range<usize>> {
        let e = self.run(i, |x| x.is_ascii_digit());
        (1..=2).contains(&(e - i)).then_some(i..e)
    }
    /// A month word (`\p{L}{3,12}`, cut to ASCII letters) from `i`, if no
    /// letter follows it.
    fn word(&self, i: usize) -> Option<Range<usize>> {
        let e = self.run(i, |x| x.is_ascii_alphabetic());
        (3..=12).contains(&(e - i)).then_some(i..e)
    }
}

impl<'s> std::ops::Deref for Head<'s> {
    type Target = Bytes<'s>;

    fn deref(&self) -> &Bytes<'s> {
        &self.s
    }
}

impl<'s> std::ops::Deref for NarrowDates<'s> {
    type Target = Bytes<'s>;

    fn deref(&self) -> &Bytes<'s> {
        &self.s
    }
}

/// The most steps [`Head`] takes over the place name's possible ends
/// before it leaves the line to [`DATELINE_NARROW`] (which needs no more
/// than a few dozen on real datelines; a long run of capitals joined by
/// hyphens could take quadratically many).
const PLACE_STEPS: usize = 400;

/// [`DATELINE_NARROW`] read straight from the bytes of narrow text (see
/// [`is_narrow`]), with the regex's leftmost-first choices: every
/// quantifier tries its longest run first and every alternation its first
/// branch, and a later choice is only tried when all that follows an
/// earlier one fails. Outside the place name, each run is either followed
/// by a byte its own class lacks and the pattern needs (so only the whole
/// run can match), or its shorter choices are tried in order; the place
/// name's ends are searched depth first, each (end, repetition) once.
struct Head<'s> {
    s: Bytes<'s>,
    /// Place-name ends searched, one bit per byte, per repetition count.
    searched: [[u64; 3]; 5],
    /// Place-name ends whose continuation was tried.
    tried: [u64; 3],
    /// Steps left before the search gives up (see [`PLACE_STEPS`]).
    steps: usize,
}

/// A byte of the place-name class `[A-Z'’.\-]` but `’`.
fn is_place_byte(x: u8) -> bool {
    x.is_ascii_uppercase() || matches!(x, b'\'' | b'.' | b'-')
}

/// Whether bit `i` of `set` is set, setting it.
fn mark(set: &mut [u64; 3], i: usize) -> bool {
    let (w, bit) = (i / 64, 1u64 << (i % 64));
    let was = set[w] & bit != 0;
    set[w] |= bit;
    was
}

impl<'s> Head<'s> {
    /// A search of `s`, which must be narrow and at most [`DATELINE_WINDOW`]
    /// bytes long.
    fn new(s: &'s str) -> Self {
        debug_assert!(s.len() <= DATELINE_WINDOW);
        Head {
            s: Bytes { b: s.as_bytes() },
            searched: [[0; 3]; 5],
            tried: [0; 3],
            steps: PLACE_STEPS,
        }
    }

    /// After the `’` at `i`, if there is one.
    fn apostrophe(&self, i: usize) -> Option<usize> {
        (self.b.get(i..i + 3) == Some("’".as_bytes())).then_some(i + 3)
    }

    /// After one char of the place-name class `[A-Z'’.\-]` at `i`.
    fn place_char(&self, i: usize) -> Option<usize> {
        if is_place_byte(self.at(i)) {
            Some(i + 1)
        } else {
            self.apostrophe(i)
        }
    }

    /// The end of the run of place-name chars from `i`.
    fn place_run(&self, mut i: usize) -> usize {
        while let Some(j) = self.place_char(i) {
            i = j;
        }
        i
    }

    /// The char boundary before `e` inside a run of place-name chars (whose
    /// only non-ASCII char, `’`, ends with the byte 0x99).
    fn place_back(&self, e: usize) -> usize {
        if self.at(e - 1) == 0x99 {
            e - 3
        } else {
            e - 1
        }
    }

    /// After one dash (`[-—–]`) at `i`.
    fn dash(&self, i: usize) -> Option<usize> {
        match (self.at(i), self.at(i + 1), self.at(i + 2)) {
            (b'-', ..) => Some(i + 1),
            (0xE2, 0x80, 0x93 | 0x94) => Some(i + 3),
            _ => None,
        }
    }

    /// The match, `None` if there is none, and `Err` if the place name's
    /// ends took more than [`PLACE_STEPS`] steps.
    fn parts(&mut self) -> Result<Option<Parts>, ()> {
        // `\p{Lu}[\p{Lu}\p{M}'’.\-]+`, then the repetitions.
        if !self.at(0).is_ascii_uppercase() {
            return Ok(None);
        }
        let Some(start) = self.place_char(1) else {
            return Ok(None);
        };
        let mut e = self.place_run(start);
        loop {
            if let Some(p) = self.after_place_word(e, 0)? {
                return Ok(Some(p));
            }
            if e == start {
                return Ok(None);
            }
            e = self.place_back(e);
        }
    }

    /// After a word of the place name that ends at `pos`, the `reps`-th of
    /// `(?:[\ /\-]\p{Lu}[\p{Lu}\p{M}'’.\-]*){0,4}`: another word (each of
    /// its ends, longest first), then the rest of the pattern.
    fn after_place_word(&mut self, pos: usize, reps: usize) -> Result<Option<Parts>, ()> {
        if mark(&mut self.searched[reps], pos) {
            return Ok(None);
        }
        self.steps = self.steps.checked_sub(1).ok_or(())?;
        if reps < 4
            && matches!(self.at(pos), b' ' | b'/' | b'-')
            && self.at(pos + 1).is_ascii_uppercase()
        {
            let start = pos + 2;
            let mut e = self.place_run(start);
            loop {
                if let Some(p) = self.after_place_word(e, reps + 1)? {
                    return Ok(Some(p));
                }
                if e == start {
                    break;
                }
                e = self.place_back(e);
            }
        }
        if mark(&mut self.tried, pos) {
            return Ok(None);
        }
        Ok(self.after_place(pos))
    }

    /// The rest of the pattern after a place name that ends at `pos`: the
    /// optional date or region, then the tail.
    fn after_place(&self, pos: usize) -> Option<Parts> {
        let place = 0..pos;
        // `,?[\ \u{A0}](?P<date>...)`
        if let Some(j) = self.space(self.optional(pos, b',')) {
            if let Some(p) = self.date(j) {
                return Some(Parts { place, ..p });
            }
        }
        // `,[\ \u{A0}](?P<region>...)`
        if self.at(pos) == b',' {
            if let Some(j) = self.space(pos + 1) {
                if let Some((end, tail)) = self.region_word(j, 0) {
                    return Some(Parts {
                        place,
                        region: Some(j..end),
                        tail,
                        ..Parts::default()
                    });
                }
            }
        }
        let tail = self.tail(pos)?;
        Some(Parts {
            place,
            tail,
            ..Parts::default()
        })
    }

    /// The date from `j` and the tail after it.
    fn date(&self, j: usize) -> Option<Parts> {
        let x = self.at(j);
        if x.is_ascii_alphabetic() {
            // `(?P<m1>\p{L}{3,12})\.?[\ \u{A0}](?P<d1>\d{1,2})(?:st|nd|rd|th)?`
            let m1 = self.word(j)?;
            let d1 = self.one_or_two(self.space(self.optional(m1.end, b'.'))?)?;
            let mut e = d1.end;
            // A day without its suffix would leave a letter, which nothing
            // after it takes.
            if matches!(
                (self.at(e), self.at(e + 1)),
                (b's', b't') | (b'n', b'd') | (b'r', b'd') | (b't', b'h')
            ) {
                e += 2;
            }
            let p = Parts {
                m1: Some(m1),
                d1: Some(d1),
                ..Parts::default()
            };
            return self.year_and_tail(j, e, p);
        }
        if x.is_ascii_digit() {
            // `(?P<d2>\d{1,2})\.?[\ \u{A0}](?:de[\ \u{A0}])?(?P<m2>\p{L}{3,12})\.?`
            let d2 = self.one_or_two(j)?;
            let m2 = self.word(self.de(self.space(self.optional(d2.end, b'.'))?))?;
            let e = m2.end;
            let p = Parts {
                d2: Some(d2),
                m2: Some(m2),
                ..Parts::default()
            };
            if self.at(e) == b'.' {
                // The stop is the month's first, then the tail's (no year
                // follows a stop).
                return self
                    .year_and_tail(j, e + 1, p.clone())
                    .or_else(|| self.dated(j, e, None, p));
            }
            return self.year_and_tail(j, e, p);
        }
        None
    }

    /// After a date from `j` whose month and day end at `e`: the year
    /// (`(?:,?[\ \u{A0}](?:de[\ \u{A0}])?(?P<year>\d{4}))?`), then the tail;
    /// without the year if the tail does not follow it.
    fn year_and_tail(&self, j: usize, e: usize, p: Parts) -> Option<Parts> {
        if let Some(s) = self.space(self.optional(e, b',')) {
            let s = self.de(s);
            let four = self
                .b
                .get(s..s + 4)
                .is_some_and(|y| y.iter().all(u8::is_ascii_digit));
            if four {
                if let Some(d) = self.dated(j, s + 4, Some(s..s + 4), p.clone()) {
                    return Some(d);
                }
            }
        }
        self.dated(j, e, None, p)
    }

    /// The date `j..e` with its `year`, if the tail follows it.
    fn dated(&self, j: usize, e: usize, year: Option<Range<usize>>, p: Parts) -> Option<Parts> {
        let tail = self.tail(e)?;
        Some(Parts {
            date: Some(j..e),
            year,
            tail,
            ..p
        })
    }

    /// A word of the region from `w`, the `reps`-th of
    /// `\p{Lu}[\p{Ll}.]+(?:[\ \u{A0}]\p{Lu}[\p{Ll}.]+){0,2}`, and the tail
    /// after the region: the region's end and the tail.
    fn region_word(&self, w: usize, reps: usize) -> Option<(usize, Tail)> {
        if !self.at(w).is_ascii_uppercase() {
            return None;
        }
        let r = self.run(w + 1, |x| x.is_ascii_lowercase() || x == b'.');
        if r == w + 1 {
            return None;
        }
        // Only the whole run is followed by a space, for another word.
        if reps < 2 {
            if let Some(s) = self.space(r) {
                if let Some(found) = self.region_word(s, reps + 1) {
                    return Some(found);
                }
            }
        }
        (w + 2..=r).rev().find_map(|e| Some((e, self.tail(e)?)))
    }

    /// The tail from `pos`: the agency (`/TASS/`, `(Reuters) -`), a dash or
    /// a stop.
    fn tail(&self, pos: usize) -> Option<Tail> {
        // `\.?[\ \u{A0}]?/(?P<a1>\p{L}[\p{L}\-]{0,15})/\.?`
        let i = self.optional(pos, b'.');
        let i = self.space(i).unwrap_or(i);
        if self.at(i) == b'/' && self.at(i + 1).is_ascii_alphabetic() {
            let r = self.run(i + 2, |x| x.is_ascii_alphabetic() || x == b'-');
            if r - (i + 2) <= 15 && self.at(r) == b'/' {
                return Some(Tail {
                    end: self.optional(r + 1, b'.'),
                    a1: Some(i + 1..r),
                    ..Tail::default()
                });
            }
        }
        let i = self.space(pos).unwrap_or(pos);
        // `[\ \u{A0}]?\((?P<a2>\p{L}[\p{L}\ &.\-]{0,24})\)(?:[\ \u{A0}]?[-—–]+)?`
        if self.at(i) == b'(' && self.at(i + 1).is_ascii_alphabetic() {
            let r = self.run(i + 2, |x| {
                x.is_ascii_alphabetic() || matches!(x, b' ' | b'&' | b'.' | b'-')
            });
            if r - (i + 2) <= 24 && self.at(r) == b')' {
                let mut end = r + 1;
                let k = self.space(end).unwrap_or(end);
                if let Some(mut d) = self.dash(k) {
                    while let Some(next) = self.dash(d) {
                        d = next;
                    }
                    end = d;
                }
                return Some(Tail {
                    end,
                    a2: Some(i + 1..r),
                    ..Tail::default()
                });
            }
        }
        // `[\ \u{A0}]?(?P<dash>[—–]|--?)[\ \u{A0}]`
        if let Some(d) = self.dash(i) {
            let d = match self.at(i) {
                b'-' if self.at(d) == b'-' && self.space(d + 1).is_some() => d + 1,
                _ => d,
            };
            if let Some(end) = self.space(d) {
                return Some(Tail {
                    end,
                    dash: Some(i..d),
                    ..Tail::default()
                });
            }
        }
        // `(?P<dot>\.)[\ \u{A0}]`
        if self.at(pos) == b'.' {
            let end = self.space(pos + 1)?;
            return Some(Tail {
                end,
                dot: Some(pos..pos + 1),
                ..Tail::default()
            });
        }
        None
    }
}

/// The dateline match in narrow text (see [`is_narrow`]) of at most
/// [`DATELINE_WINDOW`] bytes.
fn narrow_parts(s: &str) -> Option<Parts> {
    let searched = (s.len() <= DATELINE_WINDOW).then(|| Head::new(s).parts());
    match searched.unwrap_or(Err(())) {
        Ok(p) => p,
        Err(()) => Parts::of(&DATELINE_NARROW.captures(s)?),
    }
}

/// The dateline match in a line's head.
fn dateline_parts(head: &str) -> Option<Parts> {
    if is_narrow(head) {
        return narrow_parts(head);
    }
    // The lazy DFA finds the match cheaply; captures are then resolved over
    // the matched text only, where the match is the same (the pattern
    // looks at nothing past its match).
    let end = DATELINE.find(head)?.end();
    let matched = head.get(..end)?;
    if is_narrow(matched) {
        return narrow_parts(matched);
    }
    Parts::of(&DATELINE.captures(matched)?)
}

/// A date from a month word, a day and an optional year; `None` if the word
/// is not a month or the day cannot be in it.
pub(crate) fn month_day(month_word: &str, day: &str, year: Option<&str>) -> Option<DatelineDate> {
    let m = month(month_word.trim_end_matches('.'))?;
    let d: u32 = day.parse().ok()?;
    let y = match year {
        Some(y) => Some(y.parse::<i32>().ok()?),
        None => None,
    };
    // Check against a leap year when no year is printed.
    NaiveDate::from_ymd_opt(y.unwrap_or(2000), m, d)?;
    Some(DatelineDate::new(y, m, d))
}

/// The date a match gives (its month and day, and year if printed).
fn date_of(head: &str, p: &Parts) -> Option<DatelineDate> {
    let text = |r: &Option<Range<usize>>| r.clone().and_then(|r| head.get(r));
    let year = text(&p.year);
    if let (Some(m), Some(d)) = (text(&p.m1), text(&p.d1)) {
        return month_day(m, d, year);
    }
    if let (Some(m), Some(d)) = (text(&p.m2), text(&p.d2)) {
        return month_day(m, d, year);
    }
    None
}

/// Whether `head` may open a dateline: a place name in capitals opens every
/// one, so two bytes tell most lines apart before any regex runs.
fn may_open(head: &str) -> bool {
    !matches!(
        head.as_bytes(),
        [a, ..] if a.is_ascii() && !a.is_ascii_uppercase()
    ) && !matches!(
        head.as_bytes(),
        [_, b, ..] if b.is_ascii_lowercase() || b.is_ascii_digit()
    )
}

/// The dateline that opens `line` (which starts at byte `offset` of the
/// input), if there is one.
pub(crate) fn parse(line: &str, offset: usize) -> Option<Dateline> {
    let mut end = line.len().min(DATELINE_WINDOW);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let head = line.get(..end)?;
    if !may_open(head) {
        return None;
    }
    let p = dateline_parts(head)?;
    let text = |r: &Range<usize>| head.get(r.clone());
    let date = date_of(head, &p);
    let date_text = match &p.date {
        Some(r) => Some(text(r)?.to_string()),
        None => None,
    };
    if date_text.is_some() && date.is_none() {
        return None;
    }
    let agency = match p.tail.a1.as_ref().or(p.tail.a2.as_ref()) {
        Some(r) => Some(text(r)?.trim().to_string()),
        None => None,
    };
    let place = text(&p.place)?;
    let letters = place.chars().filter(|ch| ch.is_alphabetic()).count();
    if agency.is_none() {
        // Without an agency, demand a date or a dash and a real place name.
        if (p.tail.dot.is_some() && date.is_none()) || letters < 3 {
            return None;
        }
    }
    let whole = head.get(..p.tail.end)?;
    // Leave the trailing space out of the span.
    let span_end = whole.trim_end().len();
    let place = match &p.region {
        Some(r) => format!("{place}, {}", text(r)?),
        _ => place.to_string(),
    };
    Some(Dateline {
        span: Span::new(offset, offset + span_end),
        place,
        date_text,
        agency,
        date,
    })
}

/// A full date: ISO, `D.M.YYYY`, `Month D, YYYY` or `D Month YYYY`.
const FULL_DATE_PATTERN: &str = r"(?x)
    \b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?:\b|T)
  | \b(?P<ed>\d{1,2})\.(?P<em>\d{1,2})\.(?P<ey>\d{4})\b
  | \b(?P<m1>\p{L}{3,12})\.?[\ \u{A0}](?P<d1>\d{1,2})(?:st|nd|rd|th)?,?[\ \u{A0}](?P<y1>\d{4})\b
  | \b(?P<d2>\d{1,2})\.?[\ \u{A0}](?:de[\ \u{A0}])?(?P<m2>\p{L}{3,12})\.?,?[\ \u{A0}](?:de[\ \u{A0}])?(?P<y2>\d{4})\b";

static FULL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(FULL_DATE_PATTERN).expect("valid date regex"));

/// [`FULL_DATE`] for narrow text (see [`is_narrow`]), cut down by
/// [`narrow_pattern`]; its word boundaries are ASCII ones, which agree with
/// Unicode ones there (no narrow non-ASCII char is a word char). Narrow text
/// is read by [`NarrowDates`] instead; the tests hold the two to the same
/// matches.
#[cfg(test)]
static FULL_DATE_NARROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&narrow_pattern(FULL_DATE_PATTERN)).expect("valid narrow date regex")
});

/// The capture groups of [`FULL_DATE_PATTERN`] by index, the same in
/// [`FULL_DATE`] and its narrow cut (see [`DatelineGroups`]).
struct FullDateGroups {
    /// Year, month, day of an ISO date.
    iso: [usize; 3],
    /// Day, month, year of a dotted date.
    dotted: [usize; 3],
    /// Month, day, year of `Month D, YYYY`.
    month_first: [usize; 3],
    /// Month, day, year of `D Month YYYY`.
    day_first: [usize; 3],
}

static FULL_DATE_GROUPS: LazyLock<FullDateGroups> = LazyLock::new(|| {
    let g = |names: [&str; 3]| names.map(|n| group(&FULL_DATE, n));
    FullDateGroups {
        iso: g(["iy", "im", "id"]),
        dotted: g(["ed", "em", "ey"]),
        month_first: g(["m1", "d1", "y1"]),
        day_first: g(["m2", "d2", "y2"]),
    }
});

/// Whether `s` holds four ASCII digits in a row (every full date prints
/// its year).
pub(super) fn has_year_digits(s: &str) -> bool {
    let mut run = 0;
    for b in s.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// The first full date (year, month and day) printed in `s`.
pub(crate) fn full_date(s: &str) -> Option<NaiveDate> {
    full_date_searched(s).flatten()
}

/// [`full_date`] where the pattern is searched for, `None` where `s`
/// prints no year and cannot hold a full date.
pub(crate) fn full_date_searched(s: &str) -> Option<Option<NaiveDate>> {
    if !has_year_digits(s) {
        return None;
    }
    Some(full_date_in(s))
}

/// [`full_date`] for a text that prints a year.
fn full_date_in(s: &str) -> Option<NaiveDate> {
    if is_narrow(s) {
        return NarrowDates::new(s).find_map(|d| d.date(s));
    }
    let g = &*FULL_DATE_GROUPS;
    for c in FULL_DATE.captures_iter(s) {
        let part = |k: usize| c.get(k).map(|m| m.range());
        let [iy, im, id] = g.iso;
        let [ed, em, ey] = g.dotted;
        let found = if let (Some(year), Some(month), Some(day)) = (part(iy), part(im), part(id)) {
            PrintedDate::Numbers { year, month, day }
        } else if let (Some(day), Some(month), Some(year)) = (part(ed), part(em), part(ey)) {
            PrintedDate::Numbers { year, month, day }
        } else {
            let [m, d, y] = if c.get(g.month_first[0]).is_some() {
                g.month_first
            } else {
                g.day_first
            };
            match (part(m), part(d), part(y)) {
                (Some(month), Some(day), Some(year)) => PrintedDate::Named { month, day, year },
                _ => continue,
            }
        };
        if let Some(date) = found.date(s) {
            return Some(date);
        }
    }
    None
}

/// A full date as printed: the byte ranges of its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
enum PrintedDate {
    /// An ISO or dotted date: year, month and day in digits.
    Numbers {
        year: Range<usize>,
        month: Range<usize>,
        day: Range<usize>,
    },
    /// `Month D, YYYY` or `D Month YYYY`: a month word.
    Named {
        month: Range<usize>,
        day: Range<usize>,
        year: Range<usize>,
    },
}

impl PrintedDate {
    /// The date the parts of `s` give, if it is one of 1900 to 2100.
    fn date(&self, s: &str) -> Option<NaiveDate> {
        let part = |r: &Range<usize>| s.get(r.clone()).unwrap_or("");
        let num = |r: &Range<usize>| part(r).parse::<u32>().ok();
        let found = match self {
            PrintedDate::Numbers { year, month, day } => match (num(year), num(month), num(day)) {
                (Some(y), Some(m), Some(d)) => {
                    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
                }
                _ => None,
            },
            PrintedDate::Named { month, day, year } => {
                month_day(part(month), part(day), Some(part(year)))
                    .and_then(|dd| NaiveDate::from_ymd_opt(dd.year?, dd.month, dd.day))
            }
        };
        found.filter(|d| (1900..=2100).contains(&chrono::Datelike::year(d)))
    }
}

/// The full dates the narrow cut of [`FULL_DATE`] matches in narrow text (see
/// [`is_narrow`]), in order (leftmost first, each search from the end of
/// the last match), read straight from the bytes. On narrow text every
/// quantifier of the pattern takes a whole run of digits or letters, or an
/// optional byte that what follows could not take instead, so the match at
/// a given start, and the alternative that makes it, need no backtracking.
struct NarrowDates<'s> {
    s: Bytes<'s>,
    /// Where the next search starts.
    from: usize,
}

/// Whether `x` is a word byte to the ASCII `\b`.
fn is_word_byte(x: u8) -> bool {
    x.is_ascii_alphanumeric() || x == b'_'
}

impl<'s> NarrowDates<'s> {
    fn new(s: &'s str) -> Self {
        NarrowDates {
            s: Bytes { b: s.as_bytes() },
            from: 0,
        }
    }

    /// Two digits from `i`.
    fn two(&self, i: usize) -> Option<Range<usize>> {
        let ok = self.b.get(i..i + 2)?.iter().all(u8::is_ascii_digit);
        ok.then_some(i..i + 2)
    }

    /// Four digits from `i`.
    fn four(&self, i: usize) -> Option<Range<usize>> {
        let ok = self.b.get(i..i + 4)?.iter().all(u8::is_ascii_digit);
        ok.then_some(i..i + 4)
    }

    /// Four digits from `i` and a word boundary after them (`\d{4}\b`).
    fn year(&self, i: usize) -> Option<Range<usize>> {
        self.four(i).filter(|r| !is_word_byte(self.at(r.end)))
    }

    /// `\d{4}-\d{2}-\d{2}(?:\b|T)` from `p`: its end and parts.
    fn iso(&self, p: usize) -> Option<(usize, PrintedDate)> {
        let year = self.four(p)?;
        let month = self
            .two(year.end + 1)
            .filter(|_| self.at(year.end) == b'-')?;
        let day = self
            .two(month.end + 1)
            .filter(|_| self.at(month.end) == b'-')?;
        let end = match self.at(day.end) {
            x if !is_word_byte(x) => day.end,
            b'T' => day.end + 1,
            _ => return None,
        };
        Some((end, PrintedDate::Numbers { year, month, day }))
    }

    /// `\d{1,2}\.\d{1,2}\.\d{4}\b` from `p`.
    fn dotted(&self, p: usize) -> Option<(usize, PrintedDate)> {
        let day = self.one_or_two(p).filter(|d| self.at(d.end) == b'.')?;
        let month = self.one_or_two(day.end + 1)?;
        let year = self
            .year(month.end + 1)
            .filter(|_| self.at(month.end) == b'.')?;
        Some((year.end, PrintedDate::Numbers { year, month, day }))
    }

    /// `\p{L}{3,12}\.?[\ \u{A0}]\d{1,2}(?:st|nd|rd|th)?,?[\ \u{A0}]\d{4}\b`
    /// from `p`.
    fn month_first(&self, p: usize) -> Option<(usize, PrintedDate)> {
        let month = self.word(p)?;
        let i = self.space(self.optional(month.end, b'.'))?;
        let day = self.one_or_two(i)?;
        let mut j = day.end;
        if matches!(
            (self.at(j), self.at(j + 1)),
            (b's', b't') | (b'n', b'd') | (b'r', b'd') | (b't', b'h')
        ) {
            j += 2;
        }
        let i = self.space(self.optional(j, b','))?;
        let year = self.year(i)?;
        Some((year.end, PrintedDate::Named { month, day, year }))
    }

    /// `\d{1,2}\.?[\ \u{A0}](?:de[\ \u{A0}])?\p{L}{3,12}\.?,?[\ \u{A0}](?:de[\ \u{A0}])?\d{4}\b`
    /// from `p`.
    fn day_first(&self, p: usize) -> Option<(usize, PrintedDate)> {
        let day = self.one_or_two(p)?;
        let i = self.space(self.optional(day.end, b'.'))?;
        let month = self.word(self.de(i))?;
        let j = self.optional(self.optional(month.end, b'.'), b',');
        let year = self.year(self.de(self.space(j)?))?;
        Some((year.end, PrintedDate::Named { month, day, year }))
    }

    /// The match that starts at `p`, by the pattern's first alternative
    /// that matches there.
    fn match_at(&self, p: usize) -> Option<(usize, PrintedDate)> {
        let x = self.at(p);
        // Every alternative opens with `\b` and a letter or digit.
        if p > 0 && is_word_byte(self.at(p - 1)) {
            return None;
        }
        if x.is_ascii_digit() {
            self.iso(p)
                .or_else(|| self.dotted(p))
                .or_else(|| self.day_first(p))
        } else if x.is_ascii_alphabetic() {
            self.month_first(p)
        } else {
            None
        }
    }
}

impl Iterator for NarrowDates<'_> {
    type Item = PrintedDate;

    fn next(&mut self) -> Option<PrintedDate> {
        for p in self.from..self.b.len() {
            if let Some((end, date)) = self.match_at(p) {
                self.from = end;
                return Some(date);
            }
        }
        self.from = self.b.len();
        None
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    #[test]
    fn full_dates_print_three_words() {
        // The published date is only sought on lines of three words or more.
        for s in [
            "2019-10-05",
            "5.10.2019",
            "October 5, 2019",
            "5 de octubre de 2019",
        ] {
            assert!(full_date(s).is_some(), "{s}");
        }
        for s in ["20191005", "2019", "October2019", "2019-10"] {
            assert!(full_date(s).is_none(), "{s}");
        }
    }

    fn dl(s: &str) -> Dateline {
        parse(s, 0).unwrap_or_else(|| panic!("no dateline in {s:?}"))
    }

    #[test]
    fn tass_form() {
        let d = dl("BAGHDAD, February 11. /TASS/. Russia is not going to expand the operation.");
        assert_eq!(d.place, "BAGHDAD");
        assert_eq!(d.date_text.as_deref(), Some("February 11"));
        assert_eq!(d.agency.as_deref(), Some("TASS"));
        assert_eq!(d.date, Some(DatelineDate::new(None, 2, 11)));
        assert_eq!(d.span, Span::new(0, "BAGHDAD, February 11. /TASS/.".len()));
        let d = dl("UNITED NATIONS, October 1. /TASS/. Russia is not planning airstrikes.");
        assert_eq!(d.place, "UNITED NATIONS");
        assert_eq!(d.date, Some(DatelineDate::new(None, 10, 1)));
    }

    #[test]
    fn reuters_and_ap_forms() {
        let d = dl("MOSCOW (Reuters) - Russia said on Tuesday it would not send troops.");
        assert_eq!(
            (d.place.as_str(), d.agency.as_deref(), d.date),
            ("MOSCOW", Some("Reuters"), None)
        );
        assert_eq!(d.span.of("MOSCOW (Reuters) - Russia"), "MOSCOW (Reuters) -");
        let d = dl("LONDON, Oct 5 (AP) — The prime minister said.");
        assert_eq!(d.agency.as_deref(), Some("AP"));
        assert_eq!(d.date_text.as_deref(), Some("Oct 5"));
        assert_eq!(d.date, Some(DatelineDate::new(None, 10, 5)));
        let d = dl("KYIV, Ukraine (AP) — Officials said on Monday.");
        assert_eq!(d.place, "KYIV, Ukraine");
    }

    #[test]
    fn dash_only_and_years() {
        let d = dl("WASHINGTON — The Pentagon said on Thursday.");
        assert_eq!(
            (d.place.as_str(), d.agency.as_deref(), d.date),
            ("WASHINGTON", None, None)
        );
        let d = dl("NEW YORK, Oct. 5, 2015 (AP) — Stocks fell.");
        assert_eq!(d.date, Some(DatelineDate::new(Some(2015), 10, 5)));
    }

    #[test]
    fn other_languages() {
        let d = dl("PARIS, 5 octobre (AFP) - Le ministre a déclaré.");
        assert_eq!(d.date, Some(DatelineDate::new(None, 10, 5)));
        assert_eq!(d.agency.as_deref(), Some("AFP"));
        let d = dl("MADRID, 3 de marzo (EFE) - El ministro dijo.");
        assert_eq!(d.date, Some(DatelineDate::new(None, 3, 3)));
        let d = dl("BERLIN, 12. März (dpa) - Der Minister sagte.");
        assert_eq!(d.date, Some(DatelineDate::new(None, 3, 12)));
    }

    #[test]
    fn not_datelines() {
        for s in [
            "The minister said on Tuesday.",
            "NATO",
            "UK. The end.",
            "MOSCOW, Blahblah 5 (TASS) - x",
            "I — the minister — said",
            "BAGHDAD, February 31. /TASS/. Impossible date.",
        ] {
            assert!(parse(s, 0).is_none(), "{s}");
        }
    }

    #[test]
    fn narrow_patterns_have_the_same_groups() {
        for (n, w) in [
            (&DATELINE_NARROW, &DATELINE),
            (&FULL_DATE_NARROW, &FULL_DATE),
        ] {
            assert!(n.capture_names().eq(w.capture_names()));
        }
    }

    /// A pseudo-random `0..n` for each `n` asked, from `seed` (xorshift).
    pub(in crate::article) fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    /// What the regex captures in narrow `s` (of at most
    /// [`DATELINE_WINDOW`] bytes), checked against the full pattern.
    fn regex_parts(s: &str) -> Option<Parts> {
        let narrow = DATELINE_NARROW.captures(s).and_then(|c| Parts::of(&c));
        let wide = DATELINE.captures(s).and_then(|c| Parts::of(&c));
        assert_eq!(narrow, wide, "{s:?}");
        narrow
    }

    /// Holds [`Head`] to the regex on `s`; whether it matched.
    fn head_agrees(s: &str) -> bool {
        assert!(is_narrow(s) && s.len() <= DATELINE_WINDOW, "{s:?}");
        let want = regex_parts(s);
        assert_eq!(Head::new(s).parts(), Ok(want.clone()), "{s:?}");
        want.is_some()
    }

    /// The text lines of the fixtures, and of the files and folders named
    /// in `WHOSAID_ORACLE` (separated by `:`); JSON lines are read for
    /// their strings.
    pub(in crate::article) fn real_lines() -> Vec<String> {
        fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
                serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
                _ => {}
            }
        }
        fn read(path: &std::path::Path, out: &mut Vec<String>) {
            if path.is_dir() {
                let mut entries: Vec<_> = std::fs::read_dir(path)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect();
                entries.sort();
                entries.iter().for_each(|p| read(p, out));
                return;
            }
            let Ok(text) = std::fs::read_to_string(path) else {
                return;
            };
            let mut texts = Vec::new();
            match path.extension().and_then(|e| e.to_str()) {
                Some("jsonl") => {
                    for line in text.lines() {
                        if let Ok(v) = serde_json::from_str(line) {
                            strings(&v, &mut texts);
                        }
                    }
                }
                Some("json") => {
                    if let Ok(v) = serde_json::from_str(&text) {
                        strings(&v, &mut texts);
                    }
                }
                _ => texts.push(text),
            }
            for t in texts {
                out.extend(t.lines().map(|l| l.trim().to_string()));
            }
        }
        let mut out = Vec::new();
        read(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
            &mut out,
        );
        if let Ok(more) = std::env::var("WHOSAID_ORACLE") {
            more.split(':')
                .for_each(|p| read(std::path::Path::new(p), &mut out));
        }
        out
    }

    /// The head [`parse`] reads of `s`.
    fn head_of(s: &str) -> &str {
        let mut end = s.len().min(DATELINE_WINDOW);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        &s[..end]
    }

    #[test]
    fn head_matches_as_the_pattern_on_real_lines() {
        let (mut heads, mut found) = (0, 0);
        for line in real_lines() {
            // Every word start, as if a line opened there.
            let starts = std::iter::once(0).chain(
                line.char_indices()
                    .filter(|&(_, c)| c == ' ')
                    .map(|(i, _)| i + 1),
            );
            for i in starts {
                let head = head_of(&line[i..]);
                if may_open(head) && !head.is_empty() && is_narrow(head) {
                    heads += 1;
                    found += usize::from(head_agrees(head));
                }
            }
        }
        assert!(heads > 40 && found > 10, "{heads} {found}");
    }

    #[test]
    fn head_matches_as_the_pattern_on_generated_lines() {
        const OPENING: [&str; 14] = [
            "MOSCOW",
            "UNITED NATIONS",
            "ST. PETERSBURG",
            "O’HARE",
            "O'HARE-NORTH",
            "A",
            "KYIV",
            "NEW-YORK/WEST",
            "AB",
            "UK.",
            "US-",
            "BAGHDAD-",
            "X.Y.",
            "RIO DE",
        ];
        const PIECES: [&str; 71] = [
            ",",
            " ",
            "\u{A0}",
            ".",
            "/",
            "-",
            "--",
            "—",
            "–",
            "’",
            "'",
            "(",
            ")",
            "&",
            "A",
            "B",
            "AB",
            "NEW",
            "YORK",
            "ST.",
            "Ukraine",
            "Ukr.",
            "Mr",
            "Aa",
            "a",
            "ab",
            "x",
            "March",
            "Oct",
            "Oct.",
            "octubre",
            "Blahblah",
            "Abcdefghijklm",
            "de",
            "de ",
            "1",
            "5",
            "12",
            "123",
            "2015",
            "20151",
            "st",
            "nd",
            "th",
            "rd",
            "/TASS/",
            "/TASS/.",
            "/A-B/",
            "(AP)",
            "(Reuters)",
            "(A & B.)",
            "(AP) —",
            "(AP) -- ",
            ", Ukraine",
            ", Kyiv Oblast",
            " — ",
            " - ",
            ". ",
            ", 5 March",
            ", March 5",
            " (AP) - x",
            ". /TASS/. x",
            ", 2015",
            " 2015",
            " de 2015",
            ",\u{A0}2019",
            ", March 5, 2015",
            ", 5 de marzo de 2020",
            ", Oct. 12th 2019",
            ", 3. Marz 2015",
            " 5 octobre. 2015",
        ];
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        let (mut found, mut kinds) = (0, [0usize; 8]);
        for _ in 0..30_000 {
            let mut s = OPENING[next(OPENING.len())].to_string();
            for _ in 0..next(10) {
                s.push_str(PIECES[next(PIECES.len())]);
            }
            let s = head_of(&s);
            if head_agrees(s) {
                found += 1;
                let p = Head::new(s).parts().unwrap().unwrap();
                for (k, hit) in [
                    p.m1.is_some(),
                    p.m2.is_some(),
                    p.year.is_some(),
                    p.region.is_some(),
                    p.tail.a1.is_some(),
                    p.tail.a2.is_some(),
                    p.tail.dash.is_some(),
                    p.tail.dot.is_some(),
                ]
                .into_iter()
                .enumerate()
                {
                    kinds[k] += usize::from(hit);
                }
            }
        }
        assert!(found > 3000, "{found}");
        assert!(kinds.iter().all(|&k| k > 50), "{kinds:?}");
    }

    #[test]
    fn head_leaves_long_searches_to_the_regex() {
        // Every hyphen may end a word of the place name or join two.
        let s = "A-B".repeat(60);
        let s = head_of(&s);
        assert_eq!(Head::new(s).parts(), Err(()));
        assert_eq!(narrow_parts(s), regex_parts(s));
        let s = format!("{}X - the end", "A-B-".repeat(30));
        assert_eq!(narrow_parts(&s), regex_parts(&s));
        assert!(narrow_parts(&s).is_some());
    }

    #[test]
    fn narrow_pattern_agrees() {
        let names = [
            "place", "date", "m1", "d1", "d2", "m2", "year", "region", "a1", "a2", "dash", "dot",
        ];
        for s in [
            "BAGHDAD, February 11. /TASS/. Russia is not going to expand.",
            "UNITED NATIONS, October 1. /TASS/. Russia.",
            "MOSCOW (Reuters) - Russia said on Tuesday.",
            "LONDON, Oct 5 (AP) -- The prime minister said.",
            "KYIV, Ukraine (AP) - Officials said on Monday.",
            "NEW YORK, Oct. 5, 2015 (AP) - Stocks fell.",
            "PARIS, 5 octobre (AFP) - Le ministre.",
            "MADRID, 3 de marzo de 2020 (EFE) - El ministro dijo.",
            "WASHINGTON - The Pentagon said.",
            "ST. PETERSBURG, June 2. /TASS/. x",
            "O'HARE-NORTH / WEST (X & Y) - z",
            "UK. The end.",
            "NATO",
            "The minister said on Tuesday.",
            "MOSCOW, Blahblah 5 (TASS) - x",
            "KYIV,\u{A0}5\u{A0}March (AP) – O’Neill said.",
            "O’HARE — x",
            "LONDON, Oct 5 (AP) —— x",
            "LONDON —— x",
            "GENEVA, March 6 (“AP”) — x",
            "ROME, 5 March … x",
        ] {
            assert!(is_narrow(s), "{s}");
            let (a, u) = (DATELINE_NARROW.captures(s), DATELINE.captures(s));
            assert_eq!(a.is_some(), u.is_some(), "{s}");
            if let (Some(a), Some(u)) = (a, u) {
                for n in names {
                    assert_eq!(
                        a.name(n).map(|m| m.range()),
                        u.name(n).map(|m| m.range()),
                        "{s} {n}"
                    );
                }
            }
        }
    }

    /// Every dateline form the tests above parse.
    const FORMS: [&str; 13] = [
        "BAGHDAD, February 11. /TASS/. Russia is not going to expand.",
        "UNITED NATIONS, October 1. /TASS/. Russia.",
        "MOSCOW (Reuters) - Russia said on Tuesday.",
        "LONDON, Oct 5 (AP) — The prime minister said.",
        "KYIV, Ukraine (AP) — Officials said on Monday.",
        "WASHINGTON — The Pentagon said on Thursday.",
        "NEW YORK, Oct. 5, 2015 (AP) — Stocks fell.",
        "PARIS, 5 octobre (AFP) - Le ministre a déclaré.",
        "MADRID, 3 de marzo (EFE) - El ministro dijo.",
        "BERLIN, 12. März (dpa) - Der Minister sagte.",
        "ST. PETERSBURG, June 2. /TASS/. x",
        "KYIV,\u{A0}5\u{A0}March (AP) – O’Neill said.",
        "MOSCOW (TASS) - x",
    ];

    #[test]
    fn prefilter_lets_every_form_through() {
        for s in FORMS {
            assert!(may_open(s), "{s}");
            assert!(parse(s, 0).is_some(), "{s}");
        }
        for s in ["The minister", "5 March", "Mr SMITH", "“QUOTE”", "US-led"] {
            assert!(!may_open(s) || parse(s, 0).is_none(), "{s}");
        }
        assert!(!may_open("the end"));
        assert!(!may_open("Moscow"));
        assert!(!may_open("A1"));
        assert!(may_open("ÉVIAN, 5 mars (AFP) - x"));
    }

    #[test]
    fn narrow_pattern_cuts_classes_to_ascii() {
        assert_eq!(
            narrow_pattern(r"\p{Lu}[\p{Lu}\p{M}'.\-]+ \p{L}{3} [\p{L}\p{N}] \d[^/\d]"),
            r"[A-Z][A-Z'.\-]+ [A-Za-z]{3} [A-Za-z0-9] [0-9][^/0-9]"
        );
        // Word boundaries outside a class become ASCII ones; other escapes,
        // unknown classes and a class's literal brackets are kept.
        assert_eq!(
            narrow_pattern(r"\b(?:\b|T)[\u{A0}\[\]]\p{Greek}\p{M}\s"),
            r"(?-u:\b)(?:(?-u:\b)|T)[\u{A0}\[\]]\p{Greek}\p{M}\s"
        );
        assert_eq!(narrow_pattern("a\\"), "a\\");
    }

    #[test]
    fn narrow_alphabet() {
        assert!(is_narrow("KYIV,\u{A0}5 March (AP) – “x” ‘y’ «z» …"));
        assert!(!is_narrow("ÉVIAN"));
        assert!(!is_narrow("BERLIN, 12. März"));
        // Wider heads still parse, through the full pattern.
        let d = dl("ÉVIAN, 5 mars (AFP) - Le ministre a déclaré.");
        assert_eq!(d.place, "ÉVIAN");
        let d = dl("BERLIN, 12. März (dpa) — Der Minister sagte.");
        assert_eq!(d.date, Some(DatelineDate::new(None, 3, 12)));
    }

    #[test]
    fn offsets_are_kept() {
        let d = parse("MOSCOW (TASS) - x", 100).unwrap();
        assert_eq!(d.span, Span::new(100, 115));
    }

    #[test]
    fn narrow_date_pattern_agrees() {
        for s in [
            "Published October 1, 2015 10:32",
            "2015-10-01T10:00",
            "Stand: 12.03.2021, 14:00 Uhr",
            "5 de octubre de 2019",
            "1. Oktober 2015",
            "Room 12, 2015",
            "x2015-10-01 — 5\u{A0}March\u{A0}2019",
            "“October 1, 2015” – 3rd March, 2020",
            "October 12th 2019 and 2019-13-01…",
            "A12.10.2019_ 12.10.20199 Mar 5 2019",
        ] {
            assert!(is_narrow(s), "{s}");
            let names = [
                "iy", "im", "id", "ed", "em", "ey", "m1", "d1", "y1", "d2", "m2", "y2",
            ];
            let a: Vec<_> = FULL_DATE_NARROW.captures_iter(s).collect();
            let u: Vec<_> = FULL_DATE.captures_iter(s).collect();
            assert_eq!(a.len(), u.len(), "{s}");
            for (a, u) in a.iter().zip(&u) {
                for n in names {
                    assert_eq!(
                        a.name(n).map(|m| m.range()),
                        u.name(n).map(|m| m.range()),
                        "{s} {n}"
                    );
                }
            }
        }
    }

    /// The dates `re` (of [`FULL_DATE_PATTERN`]) matches in `s`, as
    /// [`NarrowDates`] gives them.
    fn regex_dates(re: &Regex, s: &str) -> Vec<PrintedDate> {
        let g = &*FULL_DATE_GROUPS;
        re.captures_iter(s)
            .map(|c| {
                let part = |k: usize| c.get(k).map(|m| m.range());
                let [[iy, im, id], [ed, em, ey]] = [g.iso, g.dotted];
                if let (Some(year), Some(month), Some(day)) = (part(iy), part(im), part(id)) {
                    return PrintedDate::Numbers { year, month, day };
                }
                if let (Some(day), Some(month), Some(year)) = (part(ed), part(em), part(ey)) {
                    return PrintedDate::Numbers { year, month, day };
                }
                let [m, d, y] = if c.get(g.month_first[0]).is_some() {
                    g.month_first
                } else {
                    g.day_first
                };
                let (month, day, year) = (part(m).unwrap(), part(d).unwrap(), part(y).unwrap());
                PrintedDate::Named { month, day, year }
            })
            .collect()
    }

    #[test]
    fn narrow_dates_match_the_pattern() {
        const PIECES: [&str; 34] = [
            "2019",
            "10",
            "5",
            "12",
            "-",
            ".",
            " ",
            "\u{A0}",
            ",",
            "de ",
            "de",
            "March",
            "Oct",
            "octubre",
            "st",
            "th",
            "nd",
            "rd",
            "T",
            "x",
            "_",
            "’",
            "2015-10-01",
            "12.03.2021",
            "abcdefghijklmn",
            "Ma",
            "1",
            "123",
            "20199",
            "9 ",
            "Mar ",
            "—",
            "«",
            "2020-13-45",
        ];
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        let mut found = 0;
        for _ in 0..20_000 {
            let len = 1 + next(12);
            let s: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
            assert!(is_narrow(&s), "{s:?}");
            let want = regex_dates(&FULL_DATE_NARROW, &s);
            let got: Vec<_> = NarrowDates::new(&s).collect();
            assert_eq!(got, want, "{s:?}");
            assert_eq!(regex_dates(&FULL_DATE, &s), want, "{s:?}");
            found += want.len();
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn full_dates() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(full_date("Published October 1, 2015 10:32"), d(2015, 10, 1));
        assert_eq!(full_date("2015-10-01T10:00"), d(2015, 10, 1));
        assert_eq!(full_date("Stand: 12.03.2021, 14:00 Uhr"), d(2021, 3, 12));
        assert_eq!(full_date("5 de octubre de 2019"), d(2019, 10, 5));
        assert_eq!(full_date("1. Oktober 2015"), d(2015, 10, 1));
        assert_eq!(full_date("October 1"), None);
        assert_eq!(full_date("Room 12, 2015"), None);
    }
}
