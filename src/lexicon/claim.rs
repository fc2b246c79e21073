//! Lexicons of the claim stage: negation and denial cues, hedges, report
//! nouns, date words, topic synonyms, predicate classes and the entity
//! gazetteers. They are compiled once into ONE Aho-Corasick automaton, so
//! that the claim stage reads a quote's text in a single pass ([`tag`]) and
//! works from the tagged hits after that.

use super::entries;
use crate::Span;
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::quote::FxBuild;

/// Terms of office (world knowledge for years a text does not print; see
/// the file's header), read by the claim stage's date resolution.
pub(crate) const OFFICES: &str = include_str!("data/claim/offices.txt");

/// Dated world events (see the file's header), read like [`OFFICES`].
pub(crate) const EVENTS: &str = include_str!("data/claim/events.txt");

/// What a lexicon hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    /// `not`, `no`, `never`, `no one`, `don't`.
    Negator,
    /// A negation that denies nothing (`not only`, `does not allow`, `did not rule out`).
    Neutral,
    /// A denying predicate (`out of the question`, `groundless`).
    DenialPhrase,
    /// A denying reporting verb (`denied`, `dismissed`, `ruled out`).
    DenialCue,
    /// A critical reporting verb that denies with a report noun (`criticized`).
    CriticalCue,
    /// A report noun (`claims`, `reports`, `rumors`).
    ReportNoun,
    /// A hedge (`may`, `most probably`, `I think`).
    Hedge,
    /// A cue word that does not date a statement (`says`, `has`, `statements`).
    UndatedCue,
    /// A word opening a subordinate clause (`if`, `who`, `which`).
    Subordinator,
    /// A locative preposition (`in`, `to`, `on`).
    Locative,
    /// A word that makes a capitalised name an organisation (`Ministry`).
    OrgWord,
    /// A word joining a contrasting clause (`but`).
    Contrast,
    /// A date word.
    Date(DateWord),
    /// A topic synonym, with its topic key.
    Topic(&'static str),
    /// A predicate class word, with its class.
    Predicate(&'static str),
    /// A place, with its canonical name.
    Place(&'static str),
    /// A demonym adjective, with the place it stands for.
    Demonym(&'static str),
    /// An armed or political group, with its canonical name.
    Group(&'static str),
}

/// A lexicon hit: a whole-word match with its tag, span relative to the
/// text tagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub span: Span,
    pub tag: Tag,
}

/// The combined automaton: patterns (lowercase, deduplicated) and, for
/// each, the tags it carries with the exact spelling case-sensitive tags
/// require.
struct Combined {
    /// An anchored DFA, walked from each word start.
    dfa: DFA,
    tags: Vec<Vec<(Tag, Option<String>)>>,
}

/// Every lexicon entry: its spelling, its tag and whether the tag needs
/// that exact spelling.
fn items() -> Vec<(String, Tag, bool)> {
    let mut items: Vec<(String, Tag, bool)> = Vec::new();
    let mut simple = |data: &'static str, tag: Tag| {
        for e in entries(data) {
            items.push((e.to_string(), tag, false));
        }
    };
    simple(include_str!("data/claim/negators.txt"), Tag::Negator);
    simple(
        include_str!("data/claim/neutral_negations.txt"),
        Tag::Neutral,
    );
    simple(
        include_str!("data/claim/denial_phrases.txt"),
        Tag::DenialPhrase,
    );
    simple(include_str!("data/claim/denial_cues.txt"), Tag::DenialCue);
    simple(
        include_str!("data/claim/critical_cues.txt"),
        Tag::CriticalCue,
    );
    simple(include_str!("data/claim/report_nouns.txt"), Tag::ReportNoun);
    simple(include_str!("data/claim/hedges.txt"), Tag::Hedge);
    simple(include_str!("data/claim/undated_cues.txt"), Tag::UndatedCue);
    simple(
        include_str!("data/claim/subordinators.txt"),
        Tag::Subordinator,
    );
    simple(include_str!("data/claim/locatives.txt"), Tag::Locative);
    simple(include_str!("data/claim/contrast.txt"), Tag::Contrast);
    for e in entries(include_str!("data/claim/org_words.txt")) {
        items.push((e.to_string(), Tag::OrgWord, true));
    }
    for (key, words) in keyed(include_str!("data/claim/date_words.txt")) {
        if let Some(word) = date_word(key) {
            items.extend(
                words
                    .into_iter()
                    .map(|w| (w.to_string(), Tag::Date(word), false)),
            );
        }
    }
    let mut keyed_tag = |data: &'static str, make: fn(&'static str) -> Tag, exact: bool| {
        for (key, phrases) in keyed(data) {
            items.extend(
                phrases
                    .into_iter()
                    .map(|p| (p.to_string(), make(key), exact)),
            );
        }
    };
    keyed_tag(include_str!("data/claim/topics.txt"), Tag::Topic, false);
    keyed_tag(
        include_str!("data/claim/predicates.txt"),
        Tag::Predicate,
        false,
    );
    keyed_tag(include_str!("data/claim/places.txt"), Tag::Place, true);
    keyed_tag(include_str!("data/claim/demonyms.txt"), Tag::Demonym, true);
    keyed_tag(include_str!("data/claim/groups.txt"), Tag::Group, true);
    items
}

/// The automaton of the entries whose tag `keep` accepts.
fn compile(keep: fn(Tag) -> bool) -> Combined {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut tags: Vec<Vec<(Tag, Option<String>)>> = Vec::new();
    for (p, tag, exact) in items().into_iter().filter(|(_, t, _)| keep(*t)) {
        let variants = if p.contains('\'') {
            vec![p.replace('\'', "\u{2019}"), p]
        } else {
            vec![p]
        };
        for v in variants {
            let lower = v.to_ascii_lowercase();
            let id = *index.entry(lower.clone()).or_insert_with(|| {
                patterns.push(lower);
                tags.push(Vec::new());
                patterns.len() - 1
            });
            tags[id].push((tag, exact.then_some(v)));
        }
    }
    let dfa = DFA::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .start_kind(StartKind::Anchored)
        .build(&patterns)
        .expect("claim lexicon compiles");
    Combined { dfa, tags }
}

static COMBINED: LazyLock<Combined> = LazyLock::new(|| compile(|_| true));

/// Whether a tag is one of those every body paragraph is read for (the
/// places it locates and its dates), not only those holding quotes.
pub(crate) fn is_context_tag(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Locative | Tag::Place(_) | Tag::Demonym(_) | Tag::Date(_)
    )
}

static CONTEXT: LazyLock<Combined> = LazyLock::new(|| compile(is_context_tag));

/// Whether a tag is a date word.
/// Whether `tag` is a date word's.
pub(crate) fn is_date_tag(tag: Tag) -> bool {
    matches!(tag, Tag::Date(_))
}

static DATES: LazyLock<Combined> = LazyLock::new(|| compile(is_date_tag));

/// Every lexicon hit in `text` (whole words only; proper-noun lexicons
/// case-sensitively), sorted by start, longer first. Overlapping hits are
/// all kept (`no` inside `no one`): each user keeps the longest of the tags
/// it reads. One pass over `text`: an anchored search at each word start.
pub(crate) fn tag(text: &str) -> Vec<Hit> {
    tag_with(&COMBINED, text)
}

/// The hits of [`tag`] whose tag [`is_context_tag`], from a smaller
/// automaton: the same hits in the same order, at less cost.
pub(crate) fn tag_context(text: &str) -> Vec<Hit> {
    tag_with(&CONTEXT, text)
}

/// The hits of [`tag`] whose tag is a date word, from the smallest
/// automaton: the same hits in the same order, at less cost still.
pub(crate) fn tag_dates(text: &str) -> Vec<Hit> {
    tag_with(&DATES, text)
}

/// [`WORD_BYTE`] of an ASCII letter or digit.
const ASCII_WORD: u8 = 1;
/// [`WORD_BYTE`] of any other ASCII character.
const ASCII_OTHER: u8 = 0;

/// What a byte is to the word scan: [`ASCII_WORD`], [`ASCII_OTHER`], or
/// (2) part of a non-ASCII character, which is read as a `char`.
static WORD_BYTE: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            ASCII_WORD
        } else {
            ASCII_OTHER
        };
        b += 1;
    }
    t
};

/// Whether `c` is a letter or digit ([`char::is_alphanumeric`]), answering
/// for ASCII and for the punctuation around words in news text (quotation
/// marks, dashes, guillemets, no-break space) without the Unicode tables.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xA0 | 0xAB | 0xBB | 0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

fn tag_with(c: &Combined, text: &str) -> Vec<Hit> {
    // About one hit per six bytes of news prose: rarely regrown.
    let mut out = Vec::with_capacity(text.len() / 6);
    let Ok(start) = c.dfa.start_state(Anchored::Yes) else {
        return out;
    };
    let bytes = text.as_bytes();
    // Patterns found at one word start, shortest first.
    let mut here: Vec<(usize, usize)> = Vec::new();
    // The length of the word character at byte `i` (a non-ASCII one), or
    // `Err` with the length of the other character there.
    let wide = |i: usize| -> Result<usize, usize> {
        match text.get(i..).and_then(|s| s.chars().next()) {
            Some(ch) if is_word_char(ch) => Ok(ch.len_utf8()),
            Some(ch) => Err(ch.len_utf8()),
            None => Err(1),
        }
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let n = match WORD_BYTE[usize::from(b)] {
            ASCII_WORD => 1,
            ASCII_OTHER => {
                i += 1;
                continue;
            }
            _ => match wide(i) {
                Ok(n) => n,
                Err(n) => {
                    i += n;
                    continue;
                }
            },
        };
        {
            here.clear();
            let rest = bytes.get(i..).unwrap_or(&[]);
            let (dfa, mut sid, mut k) = (&c.dfa, start, 0);
            'walk: loop {
                // A tight loop through the ordinary states: only the dead
                // and the match states are special.
                loop {
                    let Some(&b) = rest.get(k) else {
                        break 'walk;
                    };
                    sid = dfa.next_state(Anchored::Yes, sid, b);
                    k += 1;
                    if dfa.is_special(sid) {
                        break;
                    }
                }
                if dfa.is_dead(sid) {
                    break;
                }
                if dfa.is_match(sid) {
                    for m in 0..dfa.match_len(sid) {
                        let pid = dfa.match_pattern(sid, m);
                        if k == dfa.pattern_len(pid) {
                            here.push((pid.as_usize(), i + k));
                        }
                    }
                }
            }
            for &(pid, end) in here.iter().rev() {
                let span = Span::new(i, end);
                // `i` starts a word: only the end can be glued to a word.
                if !ends_word(text, span.end) {
                    continue;
                }
                for (tag, exact) in c.tags.get(pid).map_or(&[][..], Vec::as_slice) {
                    if exact.as_deref().map_or(true, |e| span.of(text) == e) {
                        out.push(Hit { span, tag: *tag });
                    }
                }
            }
        }
        // Move past the rest of the word: no word starts inside it.
        i += n;
        loop {
            // ASCII letters and digits in a run, without a bounds check each.
            i += bytes
                .get(i..)
                .unwrap_or(&[])
                .iter()
                .take_while(|&&b| WORD_BYTE[usize::from(b)] == ASCII_WORD)
                .count();
            match bytes.get(i).map(|&b| WORD_BYTE[usize::from(b)]) {
                Some(ASCII_WORD | ASCII_OTHER) | None => break,
                Some(_) => match wide(i) {
                    Ok(n) => i += n,
                    Err(_) => break,
                },
            }
        }
    }
    out
}

/// The hits of `hits` (sorted by start, longer first) that `keep` accepts,
/// without those overlapping a longer (or earlier) accepted one.
pub(crate) fn longest(hits: impl Iterator<Item = Hit>, keep: impl Fn(Tag) -> bool) -> Vec<Hit> {
    longest_iter(hits, keep).collect()
}

/// [`longest`] as an iterator (nothing allocated).
pub(crate) fn longest_iter(
    hits: impl Iterator<Item = Hit>,
    keep: impl Fn(Tag) -> bool,
) -> impl Iterator<Item = Hit> {
    // The end of the last accepted hit (`None` before the first).
    let mut reach: Option<usize> = None;
    hits.filter(move |h| {
        // Sorted by start: a hit overlaps an accepted one iff it starts
        // before the furthest accepted end.
        let take = keep(h.tag) && reach.map_or(true, |r| h.span.start >= r);
        if take {
            reach = Some(h.span.end);
        }
        take
    })
}

/// Whether a match that ends at byte `end` of `text` ends at a word
/// boundary: its last character and the next are not both word characters.
#[inline]
fn ends_word(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    let (Some(&after), Some(&last)) = (b.get(end), end.checked_sub(1).and_then(|i| b.get(i)))
    else {
        return true;
    };
    if after.is_ascii() && last.is_ascii() {
        return !(after.is_ascii_alphanumeric() && last.is_ascii_alphanumeric());
    }
    let word = |c: Option<char>| c.is_some_and(is_word_char);
    let after = text.get(end..).and_then(|s| s.chars().next());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    !(word(after) && word(last))
}

/// Whether `start..end` of `text` begins and ends at word boundaries.
pub(crate) fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    // ASCII fast path: the bytes either side and at both ends.
    let ascii = |i: usize| {
        b.get(i)
            .filter(|x| x.is_ascii())
            .map(|x| x.is_ascii_alphanumeric())
    };
    let before = if start == 0 {
        Some(false)
    } else {
        ascii(start - 1)
    };
    let first = ascii(start);
    let last = if end == 0 {
        Some(false)
    } else {
        ascii(end - 1)
    };
    let after = if end >= b.len() {
        Some(false)
    } else {
        ascii(end)
    };
    if let (Some(bf), Some(f), Some(l), Some(a)) = (before, first, last, after) {
        let glued_before = bf && f;
        let glued_after = a && l;
        return !glued_before && !glued_after;
    }
    let word = |c: Option<char>| c.is_some_and(is_word_char);
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    let first = text.get(start..).and_then(|s| s.chars().next());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    let glued_before = word(before) && word(first);
    let glued_after = word(after) && word(last);
    !glued_before && !glued_after
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
    /// A time too vague to date by (`recently`, `last week`).
    Vague,
}

/// The date word a `kind value` key of the date lexicon stands for.
fn date_word(key: &str) -> Option<DateWord> {
    let mut kv = key.split_whitespace();
    let (kind, value) = (kv.next()?, kv.next()?.parse::<i64>().ok()?);
    Some(match kind {
        "month" => DateWord::Month(value.clamp(1, 12) as u32),
        "weekday" => DateWord::Weekday(value.clamp(1, 7) as u32),
        "day" => DateWord::Day(value),
        "later" => DateWord::Later(value),
        "monthrel" => DateWord::MonthRel(value.clamp(-12, 12) as i32),
        "vague" => DateWord::Vague,
        _ => return None,
    })
}

/// Words left out of topic and proposition keys (lowercase).
static STOPWORDS: LazyLock<HashSet<&'static str, FxBuild>> =
    LazyLock::new(|| entries(include_str!("data/claim/stopwords.txt")).collect());

/// Whether `word` (lowercase) is a stop word.
pub(crate) fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(word)
}

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
    fn context_automaton_gives_the_context_hits_of_the_whole() {
        let text = "In Syria on Thursday, the U.S. and Russian jets flew to Iraq \
                    a day later; Ms. Ávila didn’t say in Kyiv, on October 6, 2015.";
        // The context automaton, and the date automaton, each with the
        // least number of hits it must find.
        agrees(text, is_context_tag, tag_context, 6);
        agrees(text, is_date_tag, tag_dates, 3);
    }

    /// Whether `tag_some` gives the hits of [`tag`] that `keep` accepts,
    /// at least `least` of them.
    fn agrees(text: &str, keep: fn(Tag) -> bool, tag_some: fn(&str) -> Vec<Hit>, least: usize) {
        let whole: Vec<Hit> = tag(text).into_iter().filter(|h| keep(h.tag)).collect();
        assert!(whole.len() >= least, "{whole:?}");
        assert_eq!(tag_some(text), whole);
    }

    fn tags(text: &str, keep: impl Fn(Tag) -> bool) -> Vec<(&str, Tag)> {
        longest(tag(text).into_iter(), keep)
            .into_iter()
            .map(|h| (h.span.of(text), h.tag))
            .collect()
    }

    #[test]
    fn one_pass_finds_every_lexicon() {
        let t = "There are no and can be no land troops, no one else, in Syria.";
        let negs = tags(t, |t| t == Tag::Negator);
        assert_eq!(
            negs.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            ["no", "no", "no one"]
        );
        assert_eq!(
            tags(t, |t| matches!(t, Tag::Topic(_))),
            [("land troops", Tag::Topic("ground troops"))]
        );
        assert_eq!(
            tags(t, |t| matches!(t, Tag::Place(_))),
            [("Syria", Tag::Place("Syria"))]
        );
        assert_eq!(
            tags("It is out of the question.", |t| t == Tag::DenialPhrase).len(),
            1
        );
        assert!(tags("falsehood", |t| t == Tag::DenialPhrase).is_empty());
        assert_eq!(
            tags("We don’t allow it", |t| t == Tag::Neutral).len(),
            1,
            "curly apostrophes"
        );
    }

    #[test]
    fn walk_stops_at_the_end_of_the_text() {
        // The text ends inside a longer entry (`no one`) and right after one.
        let negs = tags("there is no", |t| t == Tag::Negator);
        assert_eq!(negs, [("no", Tag::Negator)]);
        let places = tags("flew to Syria", |t| matches!(t, Tag::Place(_)));
        assert_eq!(places, [("Syria", Tag::Place("Syria"))]);
        assert!(tag("").is_empty());
        let cut = tag("no on");
        assert!(cut.iter().any(|h| h.span == Span::new(0, 2)));
        assert!(cut
            .iter()
            .filter(|h| h.span.start == 0)
            .all(|h| h.span.end == 2));
    }

    #[test]
    fn date_words_parse() {
        let t = "on Thursday, October 1, a day later, yesterday";
        let words: Vec<Tag> = tags(t, |t| matches!(t, Tag::Date(_)))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            words,
            [
                Tag::Date(DateWord::Weekday(4)),
                Tag::Date(DateWord::Month(10)),
                Tag::Date(DateWord::Later(1)),
                Tag::Date(DateWord::Day(-1))
            ]
        );
    }

    #[test]
    fn proper_nouns_are_case_sensitive() {
        let places = |t| tags(t, |t| matches!(t, Tag::Place(_)));
        assert!(places("tell us more").is_empty());
        assert_eq!(places("the US and Syria").len(), 2);
        assert_eq!(tags("ISIS and IS", |t| matches!(t, Tag::Group(_))).len(), 2);
    }

    #[test]
    fn word_chars_agree_with_unicode() {
        for c in (0..=0x2FFF).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn contracted_negation() {
        assert!(is_nt("don't") && is_nt("can’t") && is_nt("WON'T"));
        assert!(!is_nt("nt") && !is_nt("don"));
    }
}
