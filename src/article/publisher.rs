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
    /// A cheap test that every line the rule matches passes.
    may_match: fn(&str) -> bool,
    /// The rule before this one has the same test.
    same_test: bool,
}

/// Whether `hay` holds `needle` (lowercase ASCII), ASCII case ignored.
fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), h).any(|at| {
        h.get(at..at + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

fn may_be_rights(s: &str) -> bool {
    contains_ci(s, "reserv") || contains_ci(s, "vorbehalten")
}

fn may_be_copyright(s: &str) -> bool {
    s.contains('©') || contains_ci(s, "copyright")
}

fn may_be_report(s: &str) -> bool {
    s.contains("report")
}

fn may_be_source(s: &str) -> bool {
    s.get(..4).is_some_and(|h| {
        ["firs", "orig", "this"]
            .iter()
            .any(|p| h.eq_ignore_ascii_case(p))
    })
}

fn may_be_photo_credit(s: &str) -> bool {
    s.starts_with('©')
}

/// The rules for any text.
static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| rules(false));

/// The rules for narrow text: far smaller automata, cheaper to build and to
/// capture with.
static RULES_NARROW: LazyLock<Vec<Rule>> = LazyLock::new(|| rules(true));

fn rules(narrow: bool) -> Vec<Rule> {
    let rule = |rank, may_match, pattern: String| Rule {
        regex: Regex::new(&if narrow {
            narrow_pattern(&pattern)
        } else {
            pattern
        })
        .expect("valid publisher regex"),
        rank,
        may_match,
        same_test: false,
    };
    let mut rules = vec![
        rule(
            0,
            may_be_rights,
            format!(
                r"(?i:all rights reserved by|todos los derechos reservados por|alle rechte vorbehalten von)[\ \u{{A0}}]+{NAME}"
            ),
        ),
        rule(
            1,
            may_be_copyright,
            format!(
                r"(?:(?i:copyright)[\ \u{{A0}}]*©?|©)[\ \u{{A0}}]*(?:\d{{4}}(?:[-–]\d{{4}})?[\ \u{{A0}},]*)+{NAME}"
            ),
        ),
        rule(
            1,
            may_be_copyright,
            format!(r"(?i:copyright)[\ \u{{A0}}]+{NAME}"),
        ),
        rule(
            2,
            may_be_report,
            format!(
                r"^{NAME}[\ \u{{A0}}](?:journalists|correspondents|reporters)[\ \u{{A0}}]report"
            ),
        ),
        rule(
            4,
            may_be_source,
            format!(
                r"^(?i:first published by|first published in|originally published by|originally published in|originally appeared on|this post originally appeared on|this article originally appeared on|this story originally appeared on)[\ \u{{A0}}]+{NAME}"
            ),
        ),
        rule(
            5,
            may_be_photo_credit,
            r"^©[\ \u{A0}]*[^/\d]{2,60}?/[\ \u{A0}]?(?P<name>\p{Lu}[\p{L}\-]{1,20})\.?$"
                .to_string(),
        ),
    ];
    // Equal addresses are the same test (a test that got two addresses is
    // only run twice).
    for i in 1..rules.len() {
        rules[i].same_test = rules[i].may_match as usize == rules[i - 1].may_match as usize;
    }
    rules
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
pub(crate) fn find(text: &str, lines: &[Span], dateline: Option<&Dateline>) -> Option<Publisher> {
    let mut best: Option<(u8, Publisher)> = dateline.and_then(|d| {
        let agency = d.agency.as_ref()?;
        // The agency's own span inside the dateline.
        let at = d.span.of(text).find(agency.as_str())?;
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
    for &span in lines {
        if span.len() > MAX_LINE {
            continue;
        }
        let line = span.of(text);
        if !line.contains(['©', 'b', 'B', 'y', 'Y', 'd', 'D', 's', 'S', 'r', 'R']) {
            continue;
        }
        // A rule that shares its test with the rule before it (the two
        // copyright rules) takes that rule's answer.
        let mut may = false;
        let rules = if super::dateline::is_narrow(line) {
            &*RULES_NARROW
        } else {
            &*RULES
        };
        for rule in rules.iter() {
            if best.as_ref().is_some_and(|(r, _)| *r <= rule.rank) {
                break;
            }
            if !rule.same_test {
                may = (rule.may_match)(line);
            }
            if !may {
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
            }
        }
        assert!(found >= 9, "{found}");
        assert!(RULES_NARROW
            .iter()
            .all(|r| !r.regex.as_str().contains(r"\p")));
    }

    fn publisher(text: &str) -> Option<String> {
        let lines: Vec<Span> = crate::text::content_lines(text).collect();
        find(text, &lines, None).map(|p| {
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
        let p = find(text, &lines, Some(&d)).unwrap();
        assert_eq!(p.name, "TASS");
        assert_eq!(p.span.of(text), "TASS");
    }
}
