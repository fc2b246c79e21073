//! The publisher, read from credits, copyright lines and disclaimers.
//!
//! Sources, strongest first: a copyright or rights line (`All rights reserved
//! by X.`, `© 2019 X`, `Copyright X`), a self-description in the footer (`X
//! journalists report ...`), the dateline's agency, a source credit (`First
//! published by X.`), and last the agency of a photo credit (`© Name/TASS`).

use super::dateline::narrow_pattern;
use super::{Dateline, Publisher};
use crate::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Lines longer than this (in bytes) are not searched.
const MAX_LINE: usize = 600;

const NAME: &str = r"(?P<name>\p{Lu}[\p{L}\p{N}/&'’\-]*(?:\.[\p{L}\p{N}]+)*(?:[\ \u{A0}](?:\p{Lu}|of\ |and\ |de\ )[\p{L}\p{N}/&'’\-]*(?:\.[\p{L}\p{N}]+)*){0,4})";

struct Rule {
    regex: Regex,
    rank: u8,
    /// The cheap tests (see [`tests`]) that every line the rule matches
    /// passes.
    needs: u8,
}

// The cheap tests of a line, one bit each (see [`tests`]). `YEAR` holds
// in text that is not narrow whatever its digits (`\d` is any decimal digit
// there); case is ASCII case, ignored where said.
const RIGHTS: u8 = 1; // `reserv` or `vorbehalten`, case ignored
const COPYRIGHT: u8 = 2; // `©`, or `copyright` with case ignored
const COPYRIGHT_WORD: u8 = 4; // `copyright`, case ignored
const YEAR: u8 = 8; // four ASCII digits in a row
const REPORT: u8 = 16; // `journalists`, `correspondents` or `reporters`, a space, `report`
const SOURCE: u8 = 32; // opens with `firs`, `orig` or `this`, case ignored
const PHOTO: u8 = 64; // opens with `©`

/// Whether `hay` opens with `needle` (lowercase ASCII), ASCII case ignored.
#[inline]
pub(super) fn starts_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.get(..needle.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(needle))
}

/// Whether `before` ends with one of the words the self-description rule
/// reads before `report`, and a space (`[\ \u{A0}]`).
fn reporters_before(before: &[u8]) -> bool {
    let word = before
        .strip_suffix(b" ")
        .or_else(|| before.strip_suffix("\u{A0}".as_bytes()));
    word.is_some_and(|w| {
        [&b"journalists"[..], b"correspondents", b"reporters"]
            .iter()
            .any(|x| w.ends_with(x))
    })
}

/// The cheap tests `line` passes (see [`RIGHTS`] and the other flags;
/// [`YEAR`] only for ASCII digits, and only sought where [`COPYRIGHT`] is
/// found).
fn tests(line: &str) -> u8 {
    let b = line.as_bytes();
    let mut have = words(b);
    if have & COPYRIGHT != 0 && super::dateline::has_year_digits(line) {
        have |= YEAR;
    }
    if ["firs", "orig", "this"]
        .iter()
        .any(|p| starts_ci(b, p.as_bytes()))
    {
        have |= SOURCE;
    }
    if line.starts_with('©') {
        have |= PHOTO;
    }
    have
}

/// The tests of [`tests`] that look for words anywhere in the line
/// ([`RIGHTS`], [`COPYRIGHT`], [`COPYRIGHT_WORD`] and [`REPORT`]).
fn words(b: &[u8]) -> u8 {
    let mut have = 0;
    // Each word is found by a byte of it that prose holds more rarely than
    // its first: the `v` of `reserv` and `vorbehalten`, the `y` of
    // `copyright`, the `p` of `report` and the second byte of `©` (0xA9,
    // which follows 0xC2 in no other char).
    let copyright = |at: usize| at >= 3 && starts_ci(&b[at - 3..], b"copyright");
    for at in memchr::memchr3_iter(b'v', b'V', b'y', b) {
        if b[at] == b'y' {
            if copyright(at) {
                have |= COPYRIGHT | COPYRIGHT_WORD;
            }
        } else if (at >= 5 && starts_ci(&b[at - 5..], b"reserv"))
            || starts_ci(&b[at..], b"vorbehalten")
        {
            have |= RIGHTS;
        }
    }
    for at in memchr::memchr3_iter(b'Y', b'p', 0xA9, b) {
        match b[at] {
            b'Y' if copyright(at) => have |= COPYRIGHT | COPYRIGHT_WORD,
            b'p' if at >= 2
                && b[at - 2..].starts_with(b"report")
                && reporters_before(&b[..at - 2]) =>
            {
                have |= REPORT
            }
            0xA9 if at >= 1 && b[at - 1] == 0xC2 => have |= COPYRIGHT,
            _ => {}
        }
    }
    have
}

/// The rules for any text.
static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| rules(false));

/// The rules for narrow text: far smaller automata, cheaper to build and to
/// capture with.
static RULES_NARROW: LazyLock<Vec<Rule>> = LazyLock::new(|| rules(true));

fn rules(narrow: bool) -> Vec<Rule> {
    let rule = |rank, needs, pattern: String| Rule {
        regex: Regex::new(&if narrow {
            narrow_pattern(&pattern)
        } else {
            pattern
        })
        .expect("valid publisher regex"),
        rank,
        needs,
    };
    vec![
        rule(
            0,
            RIGHTS,
            format!(
                r"(?i:all rights reserved by|todos los derechos reservados por|alle rechte vorbehalten von)[\ \u{{A0}}]+{NAME}"
            ),
        ),
        rule(
            1,
            COPYRIGHT | YEAR,
            format!(
                r"(?:(?i:copyright)[\ \u{{A0}}]*©?|©)[\ \u{{A0}}]*(?:\d{{4}}(?:[-–]\d{{4}})?[\ \u{{A0}},]*)+{NAME}"
            ),
        ),
        rule(
            1,
            COPYRIGHT_WORD,
            format!(r"(?i:copyright)[\ \u{{A0}}]+{NAME}"),
        ),
        rule(
            2,
            REPORT,
            format!(
                r"^{NAME}[\ \u{{A0}}](?:journalists|correspondents|reporters)[\ \u{{A0}}]report"
            ),
        ),
        rule(
            4,
            SOURCE,
            format!(
                r"^(?i:first published by|first published in|originally published by|originally published in|originally appeared on|this post originally appeared on|this article originally appeared on|this story originally appeared on)[\ \u{{A0}}]+{NAME}"
            ),
        ),
        rule(
            5,
            PHOTO,
            r"^©[\ \u{A0}]*[^/\d]{2,60}?/[\ \u{A0}]?(?P<name>\p{Lu}[\p{L}\-]{1,20})\.?$"
                .to_string(),
        ),
    ]
}

/// Rank of the dateline's agency among the rules.
const DATELINE_RANK: u8 = 3;

fn clean(name: &str) -> &str {
    let mut s = name.trim_end_matches(|c: char| {
        matches!(c, '.' | ',' | ';' | ':' | '-' | '’' | '\'') || c.is_whitespace()
    });
    // "Salon.com, LLC" stops at the comma already; drop a trailing " and"/"of".
    for tail in [" and", " of", " de"] {
        if let Some(t) = s.strip_suffix(tail) {
            s = t;
        }
    }
    s
}

/// The publisher of the article whose lines (spans into `text`) are given,
/// with the dateline found.
pub(crate) fn find(
    text: &str,
    lines: impl IntoIterator<Item = Span>,
    dateline: Option<&Dateline>,
) -> Option<Publisher> {
    let mut best: Option<(u8, Publisher)> = dateline.and_then(|d| {
        let agency = d.agency.as_ref()?;
        // The agency's own span inside the dateline.
        // (A dateline is short: a plain search, with no searcher to build.)
        let (hay, needle) = (d.span.of(text).as_bytes(), agency.as_bytes());
        let at = match needle.first() {
            None => 0,
            Some(&first) => {
                (0..hay.len()).find(|&i| hay[i] == first && hay[i..].starts_with(needle))?
            }
        };
        let start = d.span.start + at;
        let span = Span::new(start, start + agency.len());
        Some((
            DATELINE_RANK,
            Publisher {
                name: agency.clone(),
                span,
            },
        ))
    });
    for span in lines {
        if span.len() > MAX_LINE {
            continue;
        }
        let line = span.of(text);
        let mut have = tests(line);
        if have & !YEAR == 0 {
            continue;
        }
        let rules = if super::dateline::is_narrow(line) {
            &*RULES_NARROW
        } else {
            have |= YEAR;
            &*RULES
        };
        for rule in rules.iter() {
            if best.as_ref().is_some_and(|(r, _)| *r <= rule.rank) {
                break;
            }
            if have & rule.needs != rule.needs {
                continue;
            }
            if let Some(m) = rule.regex.captures(line).and_then(|c| c.name("name")) {
                let name = clean(m.as_str());
                if name.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                    let start = span.start + m.start();
                    let publisher = Publisher {
                        name: name.to_string(),
                        span: Span::new(start, start + name.len()),
                    };
                    best = Some((rule.rank, publisher));
                    break;
                }
            }
        }
    }
    best.map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_rules_agree() {
        let mut found = 0;
        for line in [
            "All rights reserved by Daily Courier Ltd.",
            "Todos los derechos reservados por El Diario 2019",
            "© 2019-2021, 2022 The Norland Post and Partners",
            "Copyright © 2020 Salon.com, LLC",
            "Copyright Vess News Agency",
            "Kardonia Today journalists report from the border",
            "RFE/RL correspondents\u{A0}report",
            "The reporters report",
            "First published by The Ostra Times.",
            "This article originally appeared on O’Reilly Media – “x”",
            "© Ida Berg/TASS",
            "© Photo: 2019/AFP",
            "copyright 12 of the",
        ] {
            assert!(super::super::dateline::is_narrow(line), "{line}");
            for (n, w) in RULES_NARROW.iter().zip(RULES.iter()) {
                let name = |r: &Rule| {
                    r.regex
                        .captures(line)
                        .and_then(|c| c.name("name").map(|m| m.range()))
                };
                assert_eq!(name(n), name(w), "{line}");
                found += usize::from(name(n).is_some());
                // A line a rule matches passes the rule's tests.
                assert!(
                    name(n).is_none() || tests(line) & n.needs == n.needs,
                    "{line}"
                );
            }
        }
        assert!(found >= 9, "{found}");
        assert!(RULES_NARROW
            .iter()
            .all(|r| !r.regex.as_str().contains(r"\p")));
    }

    /// [`words`] byte by byte, as [`tests`] was first written: the oracle.
    fn words_bytewise(b: &[u8]) -> u8 {
        let mut have = 0;
        for at in 0..b.len() {
            let rest = &b[at..];
            match rest[0] {
                b'r' | b'R' => {
                    if starts_ci(rest, b"reserv") {
                        have |= RIGHTS;
                    }
                    if rest.starts_with(b"report") && reporters_before(&b[..at]) {
                        have |= REPORT;
                    }
                }
                b'v' | b'V' if starts_ci(rest, b"vorbehalten") => have |= RIGHTS,
                b'c' | b'C' if starts_ci(rest, b"copyright") => have |= COPYRIGHT | COPYRIGHT_WORD,
                0xC2 if rest.get(1) == Some(&0xA9) => have |= COPYRIGHT,
                _ => {}
            }
        }
        have
    }

    #[test]
    fn tests_find_every_word_sought() {
        let mut lines = super::super::dateline::tests::real_lines();
        const PIECES: [&str; 24] = [
            "reserv",
            "RESERVED",
            "Reserv",
            "vorbehalten",
            "VORBEHALTEN",
            "copyright",
            "COPYRIGHT",
            "Copyright",
            "©",
            "report",
            "Report",
            "reporters",
            "journalists",
            "correspondents",
            " ",
            "\u{A0}",
            "2019",
            "x",
            "v",
            "y",
            "p",
            "é",
            "First",
            "this",
        ];
        let mut next = super::super::dateline::tests::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            lines.push((0..next(8)).map(|_| PIECES[next(PIECES.len())]).collect());
        }
        let mut seen = 0;
        for line in &lines {
            let want = words_bytewise(line.as_bytes());
            assert_eq!(words(line.as_bytes()), want, "{line:?}");
            seen |= want;
        }
        assert_eq!(seen, RIGHTS | COPYRIGHT | COPYRIGHT_WORD | REPORT);
    }

    fn publisher(text: &str) -> Option<String> {
        let lines: Vec<Span> = crate::text::content_lines(text).collect();
        find(text, lines, None).map(|p| {
            assert_eq!(p.span.of(text), p.name);
            p.name
        })
    }

    #[test]
    fn publishers_by_source() {
        let cases = [
            // Rights lines beat source credits.
            (
                "Body.\nFirst published by TASS.\nAll rights reserved by Rossiyskaya Gazeta.\n",
                Some("Rossiyskaya Gazeta"),
            ),
            ("Body.\nFirst published by TASS.\n", Some("TASS")),
            (
                "x\nCopyright © 2019 Salon.com, LLC. Reproduction prohibited.",
                Some("Salon.com"),
            ),
            (
                "x\n© 2004-2020 Healthline Media UK Ltd, Brighton",
                Some("Healthline Media UK Ltd"),
            ),
            (
                "RFE/RL journalists report the news in 27 languages.",
                Some("RFE/RL"),
            ),
            ("© Mikhail Ivanov/TASS", Some("TASS")),
            ("Nothing here at all.", None),
        ];
        for (text, want) in cases {
            assert_eq!(publisher(text).as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn dateline_agency_ranks_between() {
        let text = "MOSCOW (TASS) - Talks went on.\n© Anna Petrova/Reuters\n";
        let lines: Vec<Span> = crate::text::content_lines(text).collect();
        let d = super::super::dateline::parse(text, 0).unwrap();
        let p = find(text, lines, Some(&d)).unwrap();
        assert_eq!(p.name, "TASS");
        assert_eq!(p.span.of(text), "TASS");
    }
}
