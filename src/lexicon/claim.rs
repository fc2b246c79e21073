//! Lexicons of the claim stage: negation and denial cues, hedges, report
//! nouns, date words, topic synonyms, predicate classes and the entity
//! gazetteers, each compiled once into an Aho-Corasick automaton.

use super::entries;
use crate::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashSet;
use std::sync::LazyLock;

/// A set of phrases, each with a payload, matched as whole words.
pub(crate) struct Phrases<T> {
    ac: AhoCorasick,
    payload: Vec<T>,
}

impl<T> Phrases<T> {
    /// Compile `items`; a straight apostrophe in a phrase also matches a curly one.
    fn build(items: Vec<(String, T)>, case_insensitive: bool) -> Self
    where
        T: Clone,
    {
        let mut patterns = Vec::with_capacity(items.len());
        let mut payload = Vec::with_capacity(items.len());
        for (p, t) in items {
            if p.contains('\'') {
                patterns.push(p.replace('\'', "\u{2019}"));
                payload.push(t.clone());
            }
            patterns.push(p);
            payload.push(t);
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(case_insensitive)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("claim lexicon compiles");
        Phrases { ac, payload }
    }

    /// Whole-word matches in `text`, leftmost-longest and non-overlapping, as
    /// (span relative to `text`, payload).
    pub(crate) fn find(&self, text: &str) -> Vec<(Span, &T)> {
        let mut all: Vec<(usize, usize, usize)> = self
            .ac
            .find_overlapping_iter(text)
            .filter(|m| is_word_boundary(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut last_end = 0;
        for (s, e, p) in all {
            if s < last_end {
                continue;
            }
            last_end = e;
            if let Some(t) = self.payload.get(p) {
                out.push((Span::new(s, e), t));
            }
        }
        out
    }

    /// Whether any phrase occurs in `text` as whole words.
    pub(crate) fn any(&self, text: &str) -> bool {
        self.ac
            .find_overlapping_iter(text)
            .any(|m| is_word_boundary(text, m.start(), m.end()))
    }
}

/// Whether `start..end` of `text` begins and ends at word boundaries.
pub(crate) fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    let first = text.get(start..).and_then(|s| s.chars().next());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let glued_before = word(before) && word(first);
    let glued_after = word(after) && word(last);
    !glued_before && !glued_after
}

fn list(data: &'static str, case_insensitive: bool) -> Phrases<()> {
    Phrases::build(
        entries(data).map(|e| (e.to_string(), ())).collect(),
        case_insensitive,
    )
}

/// `key: a | b | c` lines (or a bare `a | b` line whose key is `a`).
fn keyed(data: &'static str) -> Vec<(&'static str, Vec<&'static str>)> {
    entries(data)
        .map(|line| match line.split_once(':') {
            Some((k, v)) if !k.contains('|') && !v.trim().is_empty() => (
                k.trim(),
                v.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect(),
            ),
            _ => {
                let all: Vec<&str> = line
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                (all.first().copied().unwrap_or(""), all)
            }
        })
        .collect()
}

fn keyed_phrases(data: &'static str, case_insensitive: bool) -> Phrases<&'static str> {
    let mut items = Vec::new();
    for (key, phrases) in keyed(data) {
        for p in phrases {
            items.push((p.to_string(), key));
        }
    }
    Phrases::build(items, case_insensitive)
}

/// Negators: `not`, `no`, `never`, `no one` ... (words ending in n't are
/// recognised by [`is_nt`]).
pub(crate) static NEGATORS: LazyLock<Phrases<()>> =
    LazyLock::new(|| list(include_str!("data/claim/negators.txt"), true));

/// Negations that deny nothing (`not only`, `does not allow`, `did not rule out`).
pub(crate) static NEUTRAL_NEGATIONS: LazyLock<Phrases<()>> =
    LazyLock::new(|| list(include_str!("data/claim/neutral_negations.txt"), true));

/// Denying predicates (`out of the question`, `groundless`).
pub(crate) static DENIAL_PHRASES: LazyLock<Phrases<()>> =
    LazyLock::new(|| list(include_str!("data/claim/denial_phrases.txt"), true));

/// Denying reporting verbs (`denied`, `dismissed`, `ruled out`).
pub(crate) static DENIAL_CUES: LazyLock<Phrases<()>> =
    LazyLock::new(|| list(include_str!("data/claim/denial_cues.txt"), true));

/// Critical reporting verbs that deny with a report noun (`criticized claims that`).
pub(crate) static CRITICAL_CUES: LazyLock<Phrases<()>> =
    LazyLock::new(|| list(include_str!("data/claim/critical_cues.txt"), true));

/// Report nouns (`claims`, `reports`, `rumors`).
pub(crate) static REPORT_NOUNS: LazyLock<Phrases<()>> =
    LazyLock::new(|| list(include_str!("data/claim/report_nouns.txt"), true));

/// Hedges (`may`, `most probably`, `I think`).
pub(crate) static HEDGES: LazyLock<Phrases<()>> =
    LazyLock::new(|| list(include_str!("data/claim/hedges.txt"), true));

/// What a date word means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateWord {
    /// A month name, 1 to 12.
    Month(u32),
    /// A weekday, 1 = Monday to 7 = Sunday.
    Weekday(u32),
    /// A day relative to the anchor date (`yesterday` = -1).
    Day(i64),
    /// Days after the previous date the text gives (`a day later` = 1).
    Later(i64),
    /// A month relative to the anchor's month (`last month` = -1).
    MonthRel(i32),
}

/// Date words, with what each means.
pub(crate) static DATE_WORDS: LazyLock<Phrases<DateWord>> = LazyLock::new(|| {
    let mut items = Vec::new();
    for (key, words) in keyed(include_str!("data/claim/date_words.txt")) {
        let mut kv = key.split_whitespace();
        let (Some(kind), Some(value)) = (kv.next(), kv.next().and_then(|v| v.parse::<i64>().ok()))
        else {
            continue;
        };
        let word = match kind {
            "month" => DateWord::Month(value.clamp(1, 12) as u32),
            "weekday" => DateWord::Weekday(value.clamp(1, 7) as u32),
            "day" => DateWord::Day(value),
            "later" => DateWord::Later(value),
            "monthrel" => DateWord::MonthRel(value.clamp(-12, 12) as i32),
            _ => continue,
        };
        for w in words {
            items.push((w.to_string(), word));
        }
    }
    Phrases::build(items, true)
});

/// Topic synonyms: phrase -> topic key.
pub(crate) static TOPICS: LazyLock<Phrases<&'static str>> =
    LazyLock::new(|| keyed_phrases(include_str!("data/claim/topics.txt"), true));

/// Predicate classes: phrase -> class.
pub(crate) static PREDICATES: LazyLock<Phrases<&'static str>> =
    LazyLock::new(|| keyed_phrases(include_str!("data/claim/predicates.txt"), true));

/// Places: name as printed -> canonical name.
pub(crate) static PLACES: LazyLock<Phrases<&'static str>> =
    LazyLock::new(|| keyed_phrases(include_str!("data/claim/places.txt"), false));

/// Demonym adjectives: adjective as printed -> place.
pub(crate) static DEMONYMS: LazyLock<Phrases<&'static str>> =
    LazyLock::new(|| keyed_phrases(include_str!("data/claim/demonyms.txt"), false));

/// Locative prepositions (lowercase).
pub(crate) static LOCATIVES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("data/claim/locatives.txt")).collect());

/// Armed and political groups: name as printed -> canonical name.
pub(crate) static GROUPS: LazyLock<Phrases<&'static str>> =
    LazyLock::new(|| keyed_phrases(include_str!("data/claim/groups.txt"), false));

/// Words that make a capitalised name an organisation.
pub(crate) static ORG_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("data/claim/org_words.txt")).collect());

/// Words that open a subordinate clause (lowercase).
pub(crate) static SUBORDINATORS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("data/claim/subordinators.txt")).collect());

/// Cue words that do not date a statement to the news day (`has said`, `statements`).
pub(crate) static UNDATED_CUES: LazyLock<Phrases<()>> =
    LazyLock::new(|| list(include_str!("data/claim/undated_cues.txt"), true));

/// Words left out of topic and proposition keys (lowercase).
pub(crate) static STOPWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("data/claim/stopwords.txt")).collect());

/// Whether `word` is a contracted negation (`don't`, `can’t`, `won't`).
pub(crate) fn is_nt(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    (n >= 4
        && b[n - 1].eq_ignore_ascii_case(&b't')
        && b[n - 2] == b'\''
        && b[n - 3].eq_ignore_ascii_case(&b'n'))
        || word.ends_with("n\u{2019}t")
        || word.ends_with("N\u{2019}T")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_compile_and_match_whole_words() {
        let t = "There are no and can be no land troops, nothing else.";
        assert_eq!(NEGATORS.find(t).len(), 3);
        assert!(NEGATORS
            .find("Notably, nobody")
            .iter()
            .all(|(s, _)| s.of("Notably, nobody") == "nobody"));
        assert_eq!(
            TOPICS.find(t).first().map(|(_, k)| **k),
            Some("ground troops")
        );
        assert!(DENIAL_PHRASES.any("It is out of the question."));
        assert!(!DENIAL_PHRASES.any("falsehood"));
        assert!(
            NEUTRAL_NEGATIONS.any("We don’t allow"),
            "curly apostrophes are not matched by 'don't allow'"
        );
    }

    #[test]
    fn date_words_parse() {
        let found = DATE_WORDS.find("on Thursday, October 1, a day later, yesterday");
        let words: Vec<DateWord> = found.iter().map(|(_, w)| **w).collect();
        assert_eq!(
            words,
            [
                DateWord::Weekday(4),
                DateWord::Month(10),
                DateWord::Later(1),
                DateWord::Day(-1)
            ]
        );
    }

    #[test]
    fn places_are_case_sensitive() {
        assert!(PLACES.find("tell us more").is_empty());
        assert_eq!(PLACES.find("the US and Syria").len(), 2);
        assert_eq!(GROUPS.find("ISIS and IS").len(), 2);
    }

    #[test]
    fn contracted_negation() {
        assert!(is_nt("don't") && is_nt("can’t") && is_nt("WON'T"));
        assert!(!is_nt("nt") && !is_nt("don"));
    }
}
