//! World knowledge for the years a text does not print.
//!
//! Two small data files (`src/lexicon/data/claim/offices.txt` and
//! `events.txt`, see their headers for provenance) are compiled once:
//! - terms of office: a text that names a person in an office ("US Defense
//!   Secretary Ashton Carter", "President Putin") was written during one of
//!   that person's terms in it;
//! - dated events: a sentence that names an event and gives its month and
//!   day ("Russia began air strikes in Syria on September 30") ties the text
//!   to the event's year.
//!
//! This module only finds the facts a text mentions; [`super::Knowledge`]
//! combines them.

use crate::claim::scan::ALNUM;
use crate::lexicon::claim::{is_word_boundary, EVENTS, OFFICES};
use crate::lexicon::entries;
use crate::lexicon::quote::FxBuild;
use crate::text::{ceil_char_boundary, floor_char_boundary};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// One term of one person in one office.
#[derive(Debug)]
pub(crate) struct Term {
    pub person: &'static str,
    pub office: &'static str,
    keywords: Vec<&'static str>,
    pub start: NaiveDate,
    /// The last day in office; `None` while in office.
    pub end: Option<NaiveDate>,
}

/// A dated event and the words that name it.
#[derive(Debug)]
pub(crate) struct Event {
    pub date: NaiveDate,
    /// Whether a date without a year names it only in the year after it.
    pub fresh: bool,
    pub what: &'static str,
    /// Every group must have a word in the sentence.
    groups: Vec<Vec<&'static str>>,
}

struct Kb {
    terms: Vec<Term>,
    events: Vec<Event>,
    /// Names (full spellings and surnames) of the terms' people.
    names: AhoCorasick,
    /// Per pattern of `names`: the terms and whether it is a full spelling.
    name_terms: Vec<Vec<(usize, bool)>>,
    /// The last run of letters and digits of each pattern of `names`: a
    /// text names no one unless one of its runs is among them.
    last_runs: HashSet<&'static str, FxBuild>,
    /// A bit per [`run_bit`] of each of `last_runs`: a run whose bit is
    /// clear is none of them, known without hashing it.
    run_bits: [u64; RUN_WORDS],
    /// Events by month and day.
    by_day: HashMap<(u32, u32), Vec<usize>>,
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn list(s: &'static str) -> Vec<&'static str> {
    s.split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect()
}

fn parse_terms(data: &'static str) -> Vec<(Term, Vec<&'static str>)> {
    entries(data)
        .filter_map(|line| {
            let f: Vec<&'static str> = line.split('|').map(str::trim).collect();
            let [person, others, office, keywords, start, end] = f.as_slice() else {
                return None;
            };
            let mut spellings = vec![*person];
            spellings.extend(list(others));
            let term = Term {
                person,
                office,
                keywords: list(keywords),
                start: date(start)?,
                end: if end.is_empty() {
                    None
                } else {
                    Some(date(end)?)
                },
            };
            Some((term, spellings))
        })
        .collect()
}

fn parse_events(data: &'static str) -> Vec<Event> {
    entries(data)
        .filter_map(|line| {
            let f: Vec<&'static str> = line.split('|').map(str::trim).collect();
            let [day, kind, what, groups @ ..] = f.as_slice() else {
                return None;
            };
            if groups.is_empty() {
                return None;
            }
            Some(Event {
                date: date(day)?,
                fresh: *kind == "fresh",
                what,
                groups: groups.iter().map(|g| list(g)).collect(),
            })
        })
        .collect()
}

static KB: LazyLock<Kb> = LazyLock::new(|| {
    let parsed = parse_terms(OFFICES);
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    let mut patterns: Vec<&'static str> = Vec::new();
    let mut name_terms: Vec<Vec<(usize, bool)>> = Vec::new();
    let mut add = |p: &'static str, t: usize, full: bool| {
        let id = *index.entry(p).or_insert_with(|| {
            patterns.push(p);
            name_terms.push(Vec::new());
            patterns.len() - 1
        });
        if !name_terms[id].contains(&(t, full)) {
            name_terms[id].push((t, full));
        }
    };
    for (t, (_, spellings)) in parsed.iter().enumerate() {
        for s in spellings {
            add(s, t, true);
            if let Some(surname) = s.rsplit(' ').next().filter(|w| w.len() < s.len()) {
                add(surname, t, false);
            }
        }
    }
    let last_runs: HashSet<&'static str, FxBuild> =
        patterns.iter().filter_map(|p| runs(p).last()).collect();
    let mut run_bits = [0u64; RUN_WORDS];
    for r in &last_runs {
        let b = run_bit(r.as_bytes());
        run_bits[b / 64] |= 1 << (b % 64);
    }
    let names = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("office names compile");
    let events = parse_events(EVENTS);
    let mut by_day: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        use chrono::Datelike;
        by_day
            .entry((e.date.month(), e.date.day()))
            .or_default()
            .push(i);
    }
    Kb {
        terms: parsed.into_iter().map(|(t, _)| t).collect(),
        events,
        names,
        name_terms,
        last_runs,
        run_bits,
        by_day,
    }
});

/// Term number `i` of the knowledge base.
pub(crate) fn term(i: usize) -> Option<&'static Term> {
    KB.terms.get(i)
}

/// Event number `i` of the knowledge base.
pub(crate) fn event(i: usize) -> Option<&'static Event> {
    KB.events.get(i)
}

/// Words before an office title that make it another office, a past or a
/// future one (`Vice President`, `former Prime Minister`).
const NOT_IN_OFFICE: [&str; 14] = [
    "vice",
    "deputy",
    "former",
    "ex",
    "then",
    "late",
    "onetime",
    "erstwhile",
    "previous",
    "past",
    "future",
    "incoming",
    "shadow",
    "assistant",
];

/// Words that may stand between a title and a name (`President of Russia
/// Vladimir Putin`, `the defense secretary, Ashton Carter`).
fn linking_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) || matches!(w, "the" | "of" | "a" | "an")
}

/// Whether `gap` (the text between a title and a name) is at most `max`
/// linking words, an optional comma and spaces.
fn short_gap(gap: &str, max: usize) -> bool {
    let gap = gap.trim_matches(' ');
    let gap = gap.strip_prefix(',').unwrap_or(gap);
    let gap = gap.strip_suffix(',').unwrap_or(gap);
    let mut n = 0;
    for w in gap.split(' ').filter(|w| !w.is_empty()) {
        let w = w.trim_end_matches(['\'', '\u{2019}', 's']);
        if w.is_empty() || !w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.') {
            return false;
        }
        if !linking_word(w) {
            return false;
        }
        n += 1;
    }
    n <= max
}

/// The position of the last whole-word `keyword` (lowercase) in `hay`,
/// whose ASCII-lowercased bytes are `lower`.
fn rfind_word(hay: &str, lower: &[u8], keyword: &str) -> Option<usize> {
    memchr::memmem::rfind_iter(lower, keyword.as_bytes())
        .find(|&i| is_word_boundary(hay, i, i + keyword.len()))
}

/// The position of the first `keyword` in `hay` (case-insensitively, whole
/// words).
fn find_word(hay: &str, keyword: &str) -> Option<usize> {
    let k = keyword.as_bytes();
    let (&first, n) = (k.first()?, k.len());
    let b = hay.as_bytes();
    // Candidates start with the keyword's first byte in either case.
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), b).find(|&i| {
        b.get(i..i + n).is_some_and(|w| w.eq_ignore_ascii_case(k))
            && is_word_boundary(hay, i, i + n)
    })
}

/// Words before a title searched for one that negates it.
const NEGATOR_REACH: usize = 3;

/// Whether the title at `at..end` in `text` is glued to a word before it
/// (`vice-president`, `ex-minister`) or after it (`President-elect`), or has
/// one of [`NOT_IN_OFFICE`] among the few words before it in its clause
/// (`former US Defense Secretary`, `Russia's former foreign minister`).
fn not_in_office(text: &str, at: usize, end: usize) -> bool {
    let lo = floor_char_boundary(text, at.saturating_sub(48));
    let before = text.get(lo..at).unwrap_or("");
    if before.ends_with('-') && before.len() > 1
        || text.get(end..).is_some_and(|r| r.starts_with('-'))
    {
        return true;
    }
    let clause = before
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            matches!(
                c,
                ',' | ';' | ':' | '(' | ')' | '\n' | '"' | '\u{201C}' | '\u{201D}'
            )
        })
        .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
    clause
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .rev()
        .take(NEGATOR_REACH)
        .any(|w| NOT_IN_OFFICE.iter().any(|n| n.eq_ignore_ascii_case(w)))
}

/// Bytes before a name searched for its title.
const TITLE_BEFORE: usize = 72;
/// Bytes after a name searched for `, the ... minister`.
const TITLE_AFTER: usize = 48;

/// Whether the name at `name` in `text` is beside one of `keywords`: right
/// before it (`Foreign Minister Sergey Lavrov`; for a surname alone, with
/// nothing between), or after a comma (`Lavrov, Russia's foreign minister`).
fn titled(text: &str, name: (usize, usize), keywords: &[&str], full: bool) -> bool {
    let lo = floor_char_boundary(text, name.0.saturating_sub(TITLE_BEFORE));
    let before = text.get(lo..name.0).unwrap_or("");
    // The window lowercased once, on the stack (it holds at most
    // TITLE_BEFORE bytes and a character's).
    let mut buf = [0u8; TITLE_BEFORE + 4];
    let lower = &mut buf[..before.len().min(TITLE_BEFORE + 4)];
    lower.copy_from_slice(&before.as_bytes()[..lower.len()]);
    lower.make_ascii_lowercase();
    for k in keywords {
        if let Some(i) = rfind_word(before, lower, k) {
            let gap = &before[i + k.len()..];
            let ok = if full {
                short_gap(gap, 4)
            } else {
                gap.chars().all(|c| c == ' ')
            };
            if ok && !not_in_office(text, lo + i, lo + i + k.len()) {
                return true;
            }
        }
    }
    if !full {
        return false;
    }
    let hi = ceil_char_boundary(text, name.1 + TITLE_AFTER);
    let after = text.get(name.1..hi).unwrap_or("");
    if !after.starts_with(',') {
        return false;
    }
    keywords.iter().any(|k| {
        find_word(after, k).is_some_and(|i| {
            short_gap(&after[..i], 4) && !not_in_office(text, name.1 + i, name.1 + i + k.len())
        })
    })
}

/// Whether the sentence around byte `at` prints a year (1900-2099): a
/// mention of an office holder there may be history, not the text's time.
fn sentence_has_year(text: &str, at: usize) -> bool {
    let lo = floor_char_boundary(text, at.saturating_sub(240));
    let hi = ceil_char_boundary(text, at + 240);
    let s = text.get(lo..at).unwrap_or("");
    let start = s.rfind(['.', '\n', '!', '?']).map_or(0, |i| i + 1);
    let e = text.get(at..hi).unwrap_or("");
    let end = e.find(['\n', '!', '?']).unwrap_or(e.len());
    // A period ends the sentence only before a space (not in "U.S.").
    let end = e[..end].find(". ").map_or(end, |i| i + 1);
    super::has_year(&s[start..]) || super::has_year(&e[..end])
}

/// The terms of office `text` names people in: one group per mention, the
/// terms it may stand for (several for an ambiguous name: `President Bush`).
#[cfg(test)]
pub(crate) fn offices_in(text: &str) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    offices_at(text, 0, text.len(), &mut out);
    out
}

/// The maximal runs of letters and digits of `text`.
fn runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|r| !r.is_empty())
}

/// Words of [`Kb::run_bits`].
const RUN_WORDS: usize = 64;

/// The bit of [`Kb::run_bits`] of the run `r` (not empty): its length and
/// its first and last bytes, mixed.
fn run_bit(r: &[u8]) -> usize {
    let (first, last) = (r.first().copied(), r.last().copied());
    let key = u32::from(first.unwrap_or(0))
        | u32::from(last.unwrap_or(0)) << 8
        | (r.len().min(255) as u32) << 16;
    // The top bits of a multiplicative hash: 12 bits, RUN_WORDS * 64.
    (key.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// Whether the run `r` may be the last run of a name: its [`run_bit`] is
/// set, and then it is looked up in the hashed set.
#[inline]
fn may_end_name(kb: &Kb, r: &str) -> bool {
    let b = run_bit(r.as_bytes());
    kb.run_bits[b / 64] >> (b % 64) & 1 == 1 && ends_name(kb, r)
}

/// Whether the run `r` is the last run of a name (hashed: rarely asked).
#[inline(never)]
fn ends_name(kb: &Kb, r: &str) -> bool {
    kb.last_runs.contains(r)
}

/// Whether `text` may hold a knowledge-base name as whole words: a name's
/// last run of letters and digits is a whole run of the text ([`offices_at`]
/// then finds the names). An ASCII text's runs are read byte by byte, and
/// only a run whose [`run_bit`] is set is looked up in the hashed set.
pub(crate) fn may_name(text: &str) -> bool {
    let kb = &*KB;
    if !text.is_ascii() {
        return runs(text).any(|r| may_end_name(kb, r));
    }
    let b = text.as_bytes();
    if b.len() <= 64 {
        return may_name_short(kb, text);
    }
    let (n, mut i) = (b.len(), 0);
    loop {
        while i < n && !ALNUM[usize::from(b[i])] {
            i += 1;
        }
        if i == n {
            return false;
        }
        let start = i;
        while i < n && ALNUM[usize::from(b[i])] {
            i += 1;
        }
        if may_end_name(kb, &text[start..i]) {
            return true;
        }
    }
}

/// [`may_name`] of an ASCII text of at most 64 bytes (a mention is most
/// often a name or a title and a name): its letters and digits as the bits
/// of one word ([`alnum_bits`], eight bytes at a time), each run's start
/// and end found by a bit operation, not a branch per byte.
fn may_name_short(kb: &Kb, text: &str) -> bool {
    let b = text.as_bytes();
    let mut alnum = 0u64;
    let chunks = b.chunks_exact(8);
    // The last bytes, fewer than eight, as a word padded with zeros.
    let tail = chunks
        .remainder()
        .iter()
        .rev()
        .fold(0u64, |w, &c| w << 8 | u64::from(c));
    let n = b.len() / 8;
    for (k, chunk) in chunks.enumerate() {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        alnum |= u64::from(alnum_bits(word)) << (8 * k);
    }
    if n < 8 {
        alnum |= u64::from(alnum_bits(tail)) << (8 * n);
    }
    // A run starts at a bit whose lower neighbour is clear, and ends before
    // a clear bit above a set one.
    let mut starts = alnum & !(alnum << 1);
    let mut ends = alnum & !(alnum >> 1);
    while starts != 0 {
        let s = starts.trailing_zeros() as usize;
        let e = ends.trailing_zeros() as usize + 1;
        starts &= starts - 1;
        ends &= ends - 1;
        // ASCII: every byte is a character boundary.
        if may_end_name(kb, text.get(s..e).unwrap_or("")) {
            return true;
        }
    }
    false
}

/// A bit per byte of the eight ASCII bytes of `v` (byte `i` at bit `i`):
/// whether it is an ASCII letter or digit. A byte below 0x80 plus `0x80 -
/// lo` sets its high bit exactly when it is at least `lo`, with no carry
/// into the next byte; an ASCII letter with bit 5 set is its lower case,
/// and no other byte becomes a lower-case letter so.
fn alnum_bits(v: u64) -> u8 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least = |x: u64, lo: u8| x + ONES * u64::from(0x80 - lo);
    let within = |x: u64, lo: u8, hi: u8| at_least(x, lo) & !at_least(x, hi + 1);
    let lower = v | (ONES * 0x20);
    let high = (within(lower, b'a', b'z') | within(v, b'0', b'9')) & (ONES * 0x80);
    // Gather the eight high bits into one byte.
    ((high >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// [`offices_in`] for the names within bytes `start..end` of `text` (a
/// name's mention; its title is looked for in the rest of `text`): adds
/// each group not in `out` yet.
pub(crate) fn offices_at(text: &str, start: usize, end: usize, out: &mut Vec<Vec<usize>>) {
    let kb = &*KB;
    let Some(range) = text.get(start..end).map(|_| start..end) else {
        return;
    };
    for m in kb.names.find_iter(Input::new(text).range(range)) {
        let (s, e) = (m.start(), m.end());
        if !is_word_boundary(text, s, e) {
            continue;
        }
        let Some(terms) = kb.name_terms.get(m.pattern().as_usize()) else {
            continue;
        };
        let group: Vec<usize> = terms
            .iter()
            .filter(|&&(t, full)| {
                kb.terms
                    .get(t)
                    .is_some_and(|term| titled(text, (s, e), &term.keywords, full))
            })
            .map(|&(t, _)| t)
            .collect();
        if group.is_empty() || sentence_has_year(text, s) {
            continue;
        }
        if !out.contains(&group) {
            out.push(group);
        }
    }
}

/// Whether `sentence` has `word`: case-sensitively for a word with a
/// capital (a name), else case-insensitively; whole words only.
fn has_word(sentence: &str, word: &str) -> bool {
    if word.chars().any(char::is_uppercase) {
        sentence
            .match_indices(word)
            .any(|(i, _)| is_word_boundary(sentence, i, i + word.len()))
    } else {
        find_word(sentence, word).is_some()
    }
}

/// Whether a known event falls on the month and day of `expr` (a hashed
/// lookup: only such a date is read for the event it names).
pub(crate) fn has_event_on(expr: super::Expr) -> bool {
    match expr {
        super::Expr::Explicit { month, day, .. } => KB.by_day.contains_key(&(month, day)),
        _ => false,
    }
}

/// The events dated `month`/`day` that `sentence` names (a word of each of
/// their keyword groups).
pub(crate) fn events_named(sentence: &str, month: u32, day: u32) -> Vec<usize> {
    let kb = &*KB;
    kb.by_day.get(&(month, day)).map_or_else(Vec::new, |ids| {
        ids.iter()
            .copied()
            .filter(|&i| {
                kb.events.get(i).is_some_and(|e| {
                    e.groups
                        .iter()
                        .all(|g| g.iter().any(|w| has_word(sentence, w)))
                })
            })
            .collect()
    })
}

/// Whether `word` is one of the keywords of event `id` (`referendum` for
/// a referendum).
pub(crate) fn is_event_word(id: usize, word: &str) -> bool {
    !word.is_empty()
        && KB.events.get(id).is_some_and(|e| {
            e.groups.iter().flatten().any(|k| {
                if k.chars().any(char::is_uppercase) {
                    *k == word
                } else {
                    k.eq_ignore_ascii_case(word)
                }
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<Vec<&'static str>> {
        offices_in(text)
            .into_iter()
            .map(|g| {
                g.into_iter()
                    .filter_map(|t| term(t).map(|t| t.person))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_data_parses() {
        assert!(KB.terms.len() > 150, "{}", KB.terms.len());
        assert!(KB.events.len() > 90, "{}", KB.events.len());
        for t in &KB.terms {
            assert!(t.end.map_or(true, |e| t.start < e), "{t:?}");
            assert!(!t.keywords.is_empty(), "{t:?}");
        }
    }

    #[test]
    fn a_name_beside_its_title_is_a_term() {
        assert_eq!(
            people("said US Defense Secretary Ashton Carter on Monday"),
            [["Ashton Carter"]]
        );
        assert_eq!(
            people("Sergey Lavrov, Russia's foreign minister, said"),
            [["Sergey Lavrov"]]
        );
        assert_eq!(
            people("the Defence Secretary Carter said"),
            [["Ashton Carter"]]
        );
        // Both presidents Bush.
        assert_eq!(people("President Bush said")[0].len(), 2);
    }

    #[test]
    fn other_offices_and_past_ones_are_not() {
        assert!(people("Vice President Joe Biden said").is_empty());
        assert!(people("the vice-president Joe Biden said").is_empty());
        assert!(people("former Defense Secretary Ashton Carter said").is_empty());
        assert!(people("Former U.S. Defense Secretary Ashton Carter said").is_empty());
        assert!(people("Sergey Lavrov, Russia's former foreign minister").is_empty());
        assert!(people("Russia's ex-foreign minister Sergey Lavrov").is_empty());
        assert!(people("“Équipe” Former Foreign Minister Sergey Lavrov").is_empty());
        assert_eq!(people("“Équipe” Foreign Minister Sergey Lavrov").len(), 1);
        assert!(people("President-elect Donald Trump said").is_empty());
        assert!(people("Ashton Carter said").is_empty());
        assert!(people("the president said Carter was wrong").is_empty());
        assert!(people("Carter, who was defense secretary, said").is_empty());
        // A sentence that prints a year may be history.
        assert!(people("In 2016, Defense Secretary Ashton Carter said so.").is_empty());
    }

    #[test]
    fn a_text_that_names_someone_may_name() {
        for text in [
            "US Defense Secretary Ashton Carter",
            "Ashton Carter's",
            "Lavrov",
            "Sergey Lavrov, Russia's foreign minister",
        ] {
            assert!(may_name(text), "{text}");
        }
        assert!(!may_name("Jane Roe"));
        assert!(!may_name("Lavrovsky"), "a longer run is another word");
        assert!(!may_name(""));
        // Runs are split at any character that is not a letter or digit,
        // and non-ASCII letters belong to them.
        assert!(may_name("“Erdoğan’s”"));
        assert!(may_name("(Lavrov)"));
        assert!(!may_name("Lavrové"));
        assert!(!may_name("éLavrov"));
        // Every name's last run passes the bit filter.
        for r in &KB.last_runs {
            assert!(may_name(r), "{r}");
            assert_eq!(may_name(r), runs(r).any(|x| KB.last_runs.contains(x)));
        }
    }

    #[test]
    fn a_short_text_may_name_as_its_runs_do() {
        let texts = [
            "Lavrov",
            " Lavrov",
            "Lavrov ",
            "Foreign Minister Sergey Lavrov",
            "x-Lavrov's",
            "Jane Roe",
            "Lavrovsky",
            "",
            " ",
            "a",
            "Sergey Lavrov, Russia's foreign minister, and Ashton Carter!!",
            "Minister Sergey Lavrov and Defense Secretary Ashton Carter",
        ];
        for t in texts {
            let by_runs = runs(t).any(|r| KB.last_runs.contains(r));
            assert_eq!(may_name(t), by_runs, "{t:?}");
            if t.len() <= 64 {
                assert_eq!(may_name_short(&KB, t), by_runs, "{t:?}");
            }
        }
        // Every ASCII byte, alone and among others.
        for c in 0u8..128 {
            let v = u64::from(c) << 16 | u64::from(b'a') << 40 | u64::from(b' ') << 48;
            let want = u8::from(c.is_ascii_alphanumeric()) << 2 | 1 << 5;
            assert_eq!(alnum_bits(v), want, "{c}");
            assert_eq!(alnum_bits(u64::from(c) * 0x0101_0101_0101_0101), {
                if c.is_ascii_alphanumeric() {
                    0xFF
                } else {
                    0
                }
            });
        }
        // A run ending at the 64th byte.
        let t = format!("{}Lavrov", "x ".repeat(29));
        assert_eq!(t.len(), 64);
        assert!(may_name_short(&KB, &t));
        assert!(!may_name_short(&KB, &format!("{}Lavrovx", "x ".repeat(28))));
    }

    #[test]
    fn an_event_needs_every_keyword_group() {
        let s = "Russia began air strikes in Syria on September 30.";
        assert_eq!(events_named(s, 9, 30).len(), 1);
        assert!(events_named(s, 9, 29).is_empty());
        assert!(
            events_named("The US began air strikes in Syria on September 30.", 9, 30).is_empty()
        );
        // Proper names match case-sensitively: "us" is not the US.
        assert!(events_named("they told us about the election on November 8", 11, 8).is_empty());
    }
}
