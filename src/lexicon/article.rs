//! Lexicons of the article stage: stopwords per language, chrome phrases,
//! credit openings and month names, each compiled once from its data file.

use super::{boxed_array, entries};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// The languages with a stopword list, in the order of the lanes of
/// [`word_bits`] values.
pub(crate) const LANGS: [&str; 13] = [
    "en", "de", "es", "fr", "it", "pt", "nl", "ru", "pl", "nb", "sv", "da", "fi",
];

/// Number of languages in [`LANGS`].
pub(crate) const N_LANGS: usize = LANGS.len();

const STOPWORD_DATA: [&str; N_LANGS] = [
    include_str!("data/article/stopwords/en.txt"),
    include_str!("data/article/stopwords/de.txt"),
    include_str!("data/article/stopwords/es.txt"),
    include_str!("data/article/stopwords/fr.txt"),
    include_str!("data/article/stopwords/it.txt"),
    include_str!("data/article/stopwords/pt.txt"),
    include_str!("data/article/stopwords/nl.txt"),
    include_str!("data/article/stopwords/ru.txt"),
    include_str!("data/article/stopwords/pl.txt"),
    include_str!("data/article/stopwords/nb.txt"),
    include_str!("data/article/stopwords/sv.txt"),
    include_str!("data/article/stopwords/da.txt"),
    include_str!("data/article/stopwords/fi.txt"),
];

/// The key of a word: its lowercase UTF-8 bytes, fed one byte or one char
/// at a time, so callers can key words while they scan without a buffer.
/// The bytes are taken eight at a time (little-endian, the last chunk
/// padded with zero bytes, which no word holds): a word of at most eight
/// bytes is its own key, the one chunk, and a longer word's key is its
/// chunks folded by [`mix_chunk`]. Scans of ASCII words build the same keys
/// from whole chunks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordHash {
    /// The chunks folded so far.
    state: u64,
    /// The first chunk, once full.
    first: u64,
    /// The bytes of the chunk being filled.
    chunk: u64,
    /// How many bytes `chunk` holds (0 to 7).
    filled: u32,
    /// How many chunks are full.
    full: u32,
}

/// Fold the next eight bytes of a word (`chunk`, little-endian, zero-padded)
/// into the hash `state` (0 for the first chunk): a folded multiply, which
/// mixes every input bit into every output bit.
#[inline(always)]
pub(crate) const fn mix_chunk(state: u64, chunk: u64) -> u64 {
    const SEED: u64 = 0x243F_6A88_85A3_08D3;
    const MUL: u64 = 0x9E37_79B9_7F4A_7C15;
    let p = ((state ^ chunk ^ SEED) as u128) * (MUL as u128);
    (p as u64) ^ ((p >> 64) as u64)
}

impl WordHash {
    pub(crate) const fn new() -> Self {
        WordHash {
            state: 0,
            first: 0,
            chunk: 0,
            filled: 0,
            full: 0,
        }
    }

    /// Feed an ASCII byte (lowercased here).
    #[inline]
    pub(crate) fn ascii(&mut self, b: u8) {
        self.lower(b.to_ascii_lowercase());
    }

    /// Feed a byte that is already lowercase.
    #[inline]
    pub(crate) fn lower(&mut self, b: u8) {
        self.chunk |= u64::from(b) << (8 * self.filled);
        self.filled += 1;
        if self.filled == 8 {
            if self.full == 0 {
                self.first = self.chunk;
            }
            self.full += 1;
            self.state = mix_chunk(self.state, self.chunk);
            self.chunk = 0;
            self.filled = 0;
        }
    }

    /// Feed any char (lowercased here).
    #[inline]
    pub(crate) fn char(&mut self, c: char) {
        if c.is_ascii() {
            self.ascii(c as u8);
            return;
        }
        if matches!(c, 'À'..='Þ') && c != '×' {
            // Latin-1 capitals: the small letter is 32 code points on.
            let lower = char::from_u32(c as u32 + 32).unwrap_or(c);
            let mut buf = [0u8; 4];
            for &b in lower.encode_utf8(&mut buf).as_bytes() {
                self.lower(b);
            }
            return;
        }
        let mut buf = [0u8; 4];
        for l in c.to_lowercase() {
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                self.lower(b);
            }
        }
    }

    pub(crate) const fn finish(self) -> u64 {
        match (self.full, self.filled) {
            (0, _) => self.chunk,
            (1, 0) => self.first,
            (_, 0) => self.state,
            _ => mix_chunk(self.state, self.chunk),
        }
    }

    fn of(word: &str) -> u64 {
        let mut h = WordHash::new();
        word.chars().for_each(|c| h.char(c));
        h.finish()
    }
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Keys of short words are their bytes: spread them.
        self.0 = n.wrapping_mul(StopTable::SPREAD);
    }
}

type PrehashedMap<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;

/// An open-addressing table from word hashes to [`word_bits`] values: one
/// probe for most words, no pointer chasing, and each slot holds its key
/// beside its value (one cache line for both).
pub(crate) struct StopTable {
    slots: Box<[Slot; STOP_SLOTS + STOP_PAD]>,
}

/// One slot of a [`StopTable`]: a word's hash (0 for none) and its value.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    value: u64,
}

/// Slots of the [`StopTable`] that keys hash to: a power of two, four or
/// more for every word the lexicons hold (about 1,600), so most words take
/// one probe; a fixed size, so a slot index needs no bounds check.
const STOP_SLOTS: usize = 1 << 13;

/// Slots after the last one keys hash to, for the keys pushed past it (no
/// probe wraps around); the last is always empty.
const STOP_PAD: usize = 16;

impl StopTable {
    /// Multiplier that spreads every byte of a key over the high bits.
    const SPREAD: u64 = 0x9E37_79B9_7F4A_7C15;

    /// The first slot probed for `key`.
    #[inline(always)]
    fn slot(key: u64) -> usize {
        (key.wrapping_mul(Self::SPREAD) >> (64 - STOP_SLOTS.trailing_zeros())) as usize
    }

    fn new(words: &PrehashedMap<u64>) -> Self {
        assert!(words.len() * 4 <= STOP_SLOTS, "the stop table is too small");
        let mut t = StopTable {
            slots: boxed_array(),
        };
        // In a fixed order, so the table is the same on every run.
        let mut entries: Vec<(u64, u64)> = words.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        for (k, v) in entries {
            let mut i = Self::slot(k);
            while t.slots[i].key != 0 {
                i += 1;
            }
            assert!(
                i + 1 < STOP_SLOTS + STOP_PAD,
                "the stop table's pad is too small"
            );
            t.slots[i] = Slot { key: k, value: v };
        }
        t
    }

    /// The [`word_bits`] of the word with this [`WordHash`] (0 for none).
    #[inline]
    pub(crate) fn get(&self, hash: u64) -> u64 {
        let mut i = Self::slot(hash);
        // A key is found in the first slot that holds it or is empty; the
        // last slot is always empty.
        while let Some(s) = self.slots.get(i) {
            if s.key == hash {
                return s.value;
            }
            if s.key == 0 {
                break;
            }
            i += 1;
        }
        0
    }
}

/// The stopword lane of language `lang` (an index into [`LANGS`]) in a
/// [`word_bits`] value: four bits a language, so a line's stopwords are
/// counted for every language at once by adding values (see
/// [`LANE_HIGHS`]).
pub(crate) const fn lang_lane(lang: usize) -> u64 {
    1 << (4 * lang)
}

/// The stopword lanes of a [`word_bits`] value: a one in the low bit of
/// the lane of every language whose list holds the word.
pub(crate) const LANES: u64 = (1 << (4 * N_LANGS)) - 1;

/// The high bit of every lane of [`LANES`]: a sum of values with none of
/// them set may take another value without a lane overflowing.
pub(crate) const LANE_HIGHS: u64 = LANES / 0xF * 0x8;

/// The count of language `lang` in a sum of [`LANES`].
#[inline(always)]
pub(crate) const fn lane_count(sum: u64, lang: usize) -> u16 {
    ((sum >> (4 * lang)) & 0xF) as u16
}

/// Bit of a [`word_bits`] value set for the key word of a chrome marker or
/// credit phrase (the phrases of [`Phrases::others`]): its longest word, a
/// whole word wherever the phrase matches (but for a last word glued to the
/// next link text, which the line scan notes on its own). Only lines holding
/// a key word are searched for the phrases.
pub(crate) const PHRASE_KEY_WORD: u64 = 1 << 63;

/// Bit of a [`word_bits`] value set for a word that is a whole-line chrome
/// phrase on its own (`Home`, `Impressum`): a one-word line is looked up, not
/// searched.
pub(crate) const SINGLE_LINE: u64 = 1 << 62;

/// Bit of a [`word_bits`] value set for a word that is, on its own, a heading
/// that ends the article ([`Phrases::ends`]); such words also carry
/// [`SINGLE_LINE`].
pub(crate) const SINGLE_END: u64 = 1 << 61;

/// Bit of a [`word_bits`] value set for the first word of a whole-line
/// phrase or an end marker: a line whose first word lacks it (and is no
/// number) is made of no such phrases, and is not searched for them.
pub(crate) const LINE_FIRST_WORD: u64 = 1 << 60;

const _: () = assert!(4 * N_LANGS <= 60, "language lanes would overlap the flags");

/// Stopword languages of every word, and [`PHRASE_KEY_WORD`].
static WORD_TABLE: LazyLock<StopTable> = LazyLock::new(|| {
    let mut map: PrehashedMap<u64> = PrehashedMap::default();
    for (i, data) in STOPWORD_DATA.iter().enumerate() {
        for word in entries(data).flat_map(str::split_whitespace) {
            *map.entry(WordHash::of(word)).or_insert(0) |= lang_lane(i);
        }
    }
    let one_word = |p: &str| p.chars().all(char::is_alphanumeric);
    for (kind, data) in PHRASE_SOURCES {
        if kind == PhraseKind::Line {
            for p in entries(data).map(str::to_lowercase).filter(|p| one_word(p)) {
                *map.entry(WordHash::of(&p)).or_insert(0) |= SINGLE_LINE;
            }
            continue;
        }
        for phrase in entries(data) {
            for v in variants(&phrase.to_lowercase()) {
                let stop = |w: &str| {
                    map.get(&WordHash::of(w))
                        .is_some_and(|&m| m & !PHRASE_KEY_WORD != 0)
                };
                if let Some(w) = key_word(&v, stop) {
                    *map.entry(WordHash::of(w)).or_insert(0) |= PHRASE_KEY_WORD;
                }
            }
        }
    }
    for p in entries(END_MARKERS)
        .map(str::to_lowercase)
        .filter(|p| one_word(p))
    {
        *map.entry(WordHash::of(&p)).or_insert(0) |= SINGLE_LINE | SINGLE_END;
    }
    let line_phrases = PHRASE_SOURCES
        .iter()
        .filter(|(kind, _)| *kind == PhraseKind::Line)
        .flat_map(|(_, data)| entries(data));
    for p in line_phrases.chain(entries(END_MARKERS)) {
        let p = p.to_lowercase();
        if let Some(first) = p
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
        {
            *map.entry(WordHash::of(first)).or_insert(0) |= LINE_FIRST_WORD;
        }
    }
    StopTable::new(&map)
});

/// The table of [`word_bits`], for scans that look up many words.
pub(crate) fn word_table() -> &'static StopTable {
    &WORD_TABLE
}

const END_MARKERS: &str = include_str!("data/article/end_markers.txt");

/// The key word of a phrase: its longest run of letters and digits that is
/// no stopword (`stop` gives a word's stopword languages), or its longest
/// if all are; the first of equals.
fn key_word(phrase: &str, stop: impl Fn(&str) -> bool) -> Option<&str> {
    let rank = |w: &str| (!stop(w), w.len());
    phrase
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .fold(None, |best: Option<&str>, w| match best {
            Some(b) if rank(b) >= rank(w) => Some(b),
            _ => Some(w),
        })
}

/// The languages (lanes in [`LANGS`] order, see [`lang_lane`]) whose
/// stopword list holds the word with this [`WordHash`], and its flags
/// ([`PHRASE_KEY_WORD`], [`SINGLE_LINE`], [`SINGLE_END`],
/// [`LINE_FIRST_WORD`]); 0 for none.
#[cfg(test)]
pub(crate) fn word_bits(hash: u64) -> u64 {
    if hash == 0 {
        return 0;
    }
    WORD_TABLE.get(hash)
}

/// The phrase lexicons of [`PHRASES`], with their kinds.
const PHRASE_SOURCES: [(PhraseKind, &str); 4] = [
    (
        PhraseKind::Line,
        include_str!("data/article/chrome_lines.txt"),
    ),
    (
        PhraseKind::Marker,
        include_str!("data/article/chrome_phrases.txt"),
    ),
    (PhraseKind::Credit, include_str!("data/article/credits.txt")),
    (
        PhraseKind::Closing,
        include_str!("data/article/closing_credits.txt"),
    ),
];

/// What a phrase of the article lexicons says about the line it occurs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    /// Chrome when it is the whole line (`Read more`, `Share`).
    Line,
    /// Chrome wherever it occurs in a short or middling line (`uses cookies`).
    Marker,
    /// A credit line when the line opens with it (`©`,
    /// `Photo:`).
    Credit,
    /// A source credit that closes the article when the line opens with it
    /// (`First published by`, `With reporting by`).
    Closing,
}

/// The article phrase lexicons, compiled into two automata: whole-line
/// phrases, searched anchored at the start of short lines, and the rest
/// (markers and credits), searched once over the whole text.
pub(crate) struct Phrases {
    /// Whole-line phrases (`Read more`, `Share`); anchored searches.
    pub(crate) lines: AhoCorasick,
    /// Markers and credits; unanchored searches.
    pub(crate) others: AhoCorasick,
    /// Headings that open the part of a page after the article; anchored.
    pub(crate) ends: AhoCorasick,
    kinds: Vec<PhraseKind>,
}

impl Phrases {
    /// The kind of the pattern of [`Phrases::others`] with this id.
    pub(crate) fn kind(&self, pattern: usize) -> PhraseKind {
        self.kinds
            .get(pattern)
            .copied()
            .unwrap_or(PhraseKind::Marker)
    }
}

/// Case variants of a phrase that ASCII case folding misses: the phrase as
/// written, with its first letter capitalised, and in capitals.
fn variants(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    if !phrase.is_ascii() {
        let mut chars = phrase.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_uppercase().chain(chars).collect());
        }
        out.push(phrase.to_uppercase());
    }
    out
}

/// Every article phrase lexicon, compiled once.
pub(crate) static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let mut line_patterns = Vec::new();
    let mut patterns = Vec::new();
    let mut kinds = Vec::new();
    for (kind, data) in PHRASE_SOURCES {
        for phrase in entries(data) {
            for v in variants(&phrase.to_lowercase()) {
                if kind == PhraseKind::Line {
                    line_patterns.push(v);
                } else {
                    patterns.push(v);
                    kinds.push(kind);
                }
            }
        }
    }
    let build = |patterns: &[String], start: StartKind, kind: MatchKind| {
        AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(start)
            .ascii_case_insensitive(true)
            .match_kind(kind)
            .build(patterns)
            .expect("article phrase lexicons compile")
    };
    let ends: Vec<String> = entries(END_MARKERS)
        .flat_map(|p| variants(&p.to_lowercase()))
        .collect();
    Phrases {
        ends: build(&ends, StartKind::Anchored, MatchKind::LeftmostLongest),
        lines: build(
            &line_patterns,
            StartKind::Anchored,
            MatchKind::LeftmostLongest,
        ),
        // Earliest matches are enough to count markers and find credits, and
        // the search need not look past them.
        others: build(&patterns, StartKind::Unanchored, MatchKind::Standard),
        kinds,
    }
});

/// The phrases that follow an author's name in an author's note.
const AUTHOR_NOTE_PHRASES: &str = include_str!("data/article/author_notes.txt");

/// `Name Name <bio phrase>`: the opening of an author's note.
pub(crate) static AUTHOR_NOTE: LazyLock<regex::Regex> = LazyLock::new(|| {
    let phrases: Vec<String> = entries(AUTHOR_NOTE_PHRASES).map(regex::escape).collect();
    let pattern = format!(
        r"^\p{{Lu}}[\p{{L}}'’\-]+(?:\s\p{{Lu}}[\p{{L}}.'’\-]*){{1,2}}\s(?:{})\b",
        phrases.join("|")
    );
    regex::Regex::new(&pattern).expect("valid author note regex")
});

/// The phrases of [`AUTHOR_NOTE`], for a test before it runs.
pub(crate) static AUTHOR_NOTE_STARTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(AUTHOR_NOTE_PHRASES).collect());

static MONTHS: LazyLock<PrehashedMap<u32>> = LazyLock::new(|| {
    let mut map = PrehashedMap::default();
    for line in entries(include_str!("data/article/months.txt")) {
        let mut parts = line.split_whitespace();
        if let (Some(name), Some(Ok(n))) = (parts.next(), parts.next().map(str::parse::<u32>)) {
            map.insert(WordHash::of(name), n);
        }
    }
    map
});

/// The month number (1 to 12) of a month name or abbreviation in any of the
/// lexicon's languages, compared case-insensitively.
pub(crate) fn month(word: &str) -> Option<u32> {
    if word.len() > 24 {
        return None;
    }
    MONTHS.get(&WordHash::of(word)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_by_language() {
        let en = word_bits(WordHash::of("The"));
        assert_ne!(en & lang_lane(0), 0);
        let de = word_bits(WordHash::of("ÜBER"));
        assert_ne!(de & lang_lane(1), 0);
        assert_eq!(de & lang_lane(0), 0);
        assert_eq!(word_bits(WordHash::of("Lavrov")), 0);
    }

    #[test]
    fn stop_table_finds_keys_pushed_past_their_slot() {
        // Keys that all hash to one slot, and one that hashes there but is
        // not in the table.
        let home = StopTable::slot(1);
        let keys: Vec<u64> = (1..)
            .filter(|&k| StopTable::slot(k) == home)
            .take(5)
            .collect();
        let mut map = PrehashedMap::default();
        for (n, &k) in keys.iter().enumerate().skip(1) {
            map.insert(k, n as u64 * 3 + 1);
        }
        let t = StopTable::new(&map);
        for (n, &k) in keys.iter().enumerate().skip(1) {
            assert_eq!(t.get(k), n as u64 * 3 + 1);
        }
        assert_eq!(t.get(keys[0]), 0);
        assert_eq!(t.get(u64::MAX), 0);
    }

    #[test]
    fn lanes_count_languages() {
        let sum = lang_lane(0) * 3 + lang_lane(12) * 15 + lang_lane(5);
        assert_eq!(lane_count(sum, 0), 3);
        assert_eq!(lane_count(sum, 5), 1);
        assert_eq!(lane_count(sum, 12), 15);
        assert_eq!(lane_count(sum, 1), 0);
        assert_eq!(LANES & PHRASE_KEY_WORD, 0);
        assert_eq!(LANE_HIGHS, 0x0008_8888_8888_8888);
        assert_eq!(LANE_HIGHS & (lang_lane(0) * 7 + lang_lane(12) * 7), 0);
        assert_ne!(LANE_HIGHS & (lang_lane(12) * 8), 0);
    }

    #[test]
    fn phrase_key_words() {
        let key = |w: &str| word_bits(WordHash::of(w)) & PHRASE_KEY_WORD != 0;
        assert!(key("Cookies") && key("PHOTO") && key("unsubscribe"));
        assert!(!key("Lavrov") && !key("the"));
        let stop = |w: &str| matches!(w, "this" | "here" | "x");
        assert_eq!(key_word("(photo: x", stop), Some("photo"));
        assert_eq!(key_word("all rights reserved", stop), Some("reserved"));
        assert_eq!(key_word("this site uses", stop), Some("site"));
        assert_eq!(key_word("tap here", stop), Some("tap"));
    }

    #[test]
    fn months_in_several_languages() {
        assert_eq!(month("October"), Some(10));
        assert_eq!(month("octobre"), Some(10));
        assert_eq!(month("Oct"), Some(10));
        assert_eq!(month("März"), Some(3));
        assert_eq!(month("октября"), Some(10));
        assert_eq!(month("Lavrov"), None);
    }

    #[test]
    fn phrases_compile_with_kinds() {
        let p = &*PHRASES;
        let m = p.others.find("Please Subscribe to our newsletter").unwrap();
        assert_eq!(p.kind(m.pattern().as_usize()), PhraseKind::Marker);
        let m = p.others.find("Foto: dpa").unwrap();
        assert_eq!(p.kind(m.pattern().as_usize()), PhraseKind::Credit);
        let input =
            aho_corasick::Input::new("ZURÜCK zur Startseite").anchored(aho_corasick::Anchored::Yes);
        assert_eq!(p.lines.find(input).map(|m| m.end()), Some("ZURÜCK".len()));
    }
}
