//! The non-blank lines of an article with the features the classifiers read:
//! length, words, stopwords per language, capitals, separators. One pass over
//! the text, no allocation per line.

use super::chrome;
use crate::lexicon::article::{
    lane_count, mix_chunk, word_table, StopTable, WordHash, LANES, LANE_HIGHS, LINE_FIRST_WORD,
    N_LANGS, PHRASE_KEY_WORD,
};
use crate::text;
use crate::Span;

/// Words longer than this (in bytes) are not looked up as stopwords.
const MAX_STOPWORD_BYTES: usize = 14;
/// Words longer than this (in bytes) are not looked up as the first words
/// of chrome phrases.
const MAX_PHRASE_WORD_BYTES: usize = 32;

/// One non-blank line, trimmed, with its features, as it is measured (the
/// stopword counts inline; [`Line`] keeps them aside).
#[derive(Clone, Debug, Default)]
pub(crate) struct Measure {
    /// Byte span in the input, trimmed of blank characters.
    pub span: Span,
    /// Visible characters.
    pub chars: u32,
    /// Words (runs of letters and digits; each CJK character counts as one).
    pub words: u32,
    /// Words that start with a capital letter.
    pub cap_words: u32,
    /// Words of two or more letters all in capitals.
    pub upper_words: u32,
    /// Stopwords per language, in [`crate::lexicon::article::LANGS`] order.
    pub stop: [u16; N_LANGS],
    /// Vertical bars and other menu separators (`|`, `•`, `·`).
    pub separators: u32,
    /// Sentence ends inside the line (`. ` followed by more text).
    pub inner_stops: u32,
    /// The last visible character.
    pub last: char,
    /// The visible character before the last one.
    pub before_last: char,
    /// Whether the line holds a slash.
    pub has_slash: bool,
    /// Whether the line holds a copyright sign.
    pub has_copyright: bool,
    /// The [`crate::lexicon::article::word_bits`] of the line's only word,
    /// when it has exactly one (of at most 32 bytes): a one-word line is
    /// looked up, not searched, for whole-line phrases.
    pub single: Option<u64>,
    /// The line's first word is known to open no whole-line phrase or end
    /// marker (see [`LINE_FIRST_WORD`]): no search for them is needed.
    pub no_phrase_start: bool,
    /// Whether the line holds the key word of a chrome marker or credit
    /// phrase, or a word that runs two together (see [`PHRASE_KEY_WORD`]):
    /// lines without one need no phrase search.
    pub phrase_word: bool,
}

/// One non-blank line, trimmed, with its features: a [`Measure`] without
/// its stopword counts, which [`Lines`] keeps aside for the lines whose
/// stopword density is read (see [`needs_density`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    /// Byte span in the input, trimmed of blank characters.
    pub span: Span,
    /// Visible characters.
    pub chars: u32,
    /// Words (see [`Measure::words`]).
    pub words: u32,
    /// Words that start with a capital letter.
    pub cap_words: u32,
    /// Words of two or more letters all in capitals.
    pub upper_words: u32,
    /// Vertical bars and other menu separators.
    pub separators: u32,
    /// Sentence ends inside the line.
    pub inner_stops: u32,
    /// The last visible character.
    pub last: char,
    /// The visible character before the last one.
    pub before_last: char,
    /// See [`Measure::single`].
    pub single: Option<u64>,
    /// Index of the line's stopword counts in [`Lines::stops`], or
    /// [`NO_STOPS`].
    stops: u32,
    /// Whether the line holds a slash.
    pub has_slash: bool,
    /// Whether the line holds a copyright sign.
    pub has_copyright: bool,
    /// See [`Measure::no_phrase_start`].
    pub no_phrase_start: bool,
    /// See [`Measure::phrase_word`].
    pub phrase_word: bool,
}

/// [`Line::stops`] of a line whose stopword counts are not kept.
const NO_STOPS: u32 = u32::MAX;

impl Line {
    /// Whether the line ends like a sentence (`.`, `!`, `?`, `…`, or a
    /// closing quotation mark).
    pub fn ends_sentence(&self) -> bool {
        let stop = |c: char| matches!(c, '.' | '!' | '?' | '…');
        stop(self.last) || (is_closer(self.last) && stop(self.before_last))
    }
}

/// Whether the stopword density of a line of `chars` characters and
/// `separators` menu separators is ever read (by the chrome classifier).
fn needs_density(chars: u32, separators: u32) -> bool {
    chars >= chrome::LENGTH_LOW || separators >= chrome::DENSE_SEPARATORS
}

/// The non-blank lines of a text, with the stopword counts the classifier
/// reads and the document's stopword totals.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    /// The lines, in order.
    pub lines: Vec<Line>,
    /// Stopword counts per language of the lines that keep them.
    stops: Vec<[u16; N_LANGS]>,
    /// Stopwords per language over the whole text (a stopword takes two
    /// bytes with its separator: any input of at most `MAX_INPUT` bytes
    /// fits in 32 bits).
    pub totals: [u32; N_LANGS],
    /// Words over the whole text.
    pub words: u64,
}

impl Lines {
    /// Stopwords of language `lang` per word in `line` (0 for a line without
    /// words, or whose counts are not kept: see [`needs_density`]).
    pub fn stop_density(&self, line: &Line, lang: usize) -> f32 {
        if line.words == 0 {
            return 0.0;
        }
        debug_assert!(line.stops != NO_STOPS, "density of a line without counts");
        let n = self
            .stops
            .get(line.stops as usize)
            .and_then(|s| s.get(lang))
            .copied()
            .unwrap_or(0);
        f32::from(n) / line.words as f32
    }

    /// Add the line `span` that is the ASCII word `w` alone (of at most
    /// [`MAX_PHRASE_WORD_BYTES`]), as [`ascii_word`] read it:
    /// [`measure_words`] and [`Lines::push`] in one, straight from the bytes.
    #[inline(always)]
    fn push_word(&mut self, table: &StopTable, span: Span, w: &[u8], word: AsciiWord) {
        let n = w.len();
        debug_assert!(n <= MAX_PHRASE_WORD_BYTES && !needs_density(n as u32, 0));
        let bits = table.get(word.key);
        let first = w.first().copied().unwrap_or(0);
        let cap = first.is_ascii_uppercase();
        let upper = cap && is_upper_word(w);
        if n <= MAX_STOPWORD_BYTES {
            let mut lanes = bits & LANES;
            while lanes != 0 {
                let i = lanes.trailing_zeros() as usize / 4;
                if let Some(t) = self.totals.get_mut(i) {
                    *t = t.saturating_add(1);
                }
                lanes &= lanes - 1;
            }
        }
        self.words += 1;
        self.lines.push(Line {
            span,
            chars: n as u32,
            words: 1,
            cap_words: u32::from(cap),
            upper_words: u32::from(upper),
            separators: 0,
            inner_stops: 0,
            last: w.last().map_or('\0', |&x| char::from(x)),
            before_last: n.checked_sub(2).map_or('\0', |k| char::from(w[k])),
            single: Some(bits),
            stops: NO_STOPS,
            has_slash: false,
            has_copyright: false,
            // Numbers are skipped before whole-line phrases.
            no_phrase_start: bits & LINE_FIRST_WORD == 0 && !first.is_ascii_digit(),
            phrase_word: bits & PHRASE_KEY_WORD != 0 || (word.inner_capital && glued_capital(w)),
        });
    }

    /// Add a measured line.
    #[inline(always)]
    fn push(&mut self, m: Measure) {
        self.words += u64::from(m.words);
        let mut stops = NO_STOPS;
        if m.stop != [0; N_LANGS] {
            for (t, &s) in self.totals.iter_mut().zip(&m.stop) {
                *t = t.saturating_add(u32::from(s));
            }
        }
        if needs_density(m.chars, m.separators) {
            stops = self.stops.len() as u32;
            self.stops.push(m.stop);
        }
        self.lines.push(Line {
            span: m.span,
            chars: m.chars,
            words: m.words,
            cap_words: m.cap_words,
            upper_words: m.upper_words,
            separators: m.separators,
            inner_stops: m.inner_stops,
            last: m.last,
            before_last: m.before_last,
            single: m.single,
            stops,
            has_slash: m.has_slash,
            has_copyright: m.has_copyright,
            no_phrase_start: m.no_phrase_start,
            phrase_word: m.phrase_word,
        });
    }
}

/// Whether `c` closes a quotation or a parenthesis.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '“' | '»' | '«' | '\'' | '’' | ')' | ']')
}

/// Whether a non-ASCII character goes into a word: a letter or digit that is
/// not CJK (the general punctuation block, quotes and dashes, is ruled out
/// without a table lookup).
#[inline]
fn is_word_char(c: char) -> bool {
    !matches!(c, '\u{2000}'..='\u{206F}') && c.is_alphanumeric() && !is_cjk(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

/// Count one word (`w`, a run of letters and digits) into the line.
fn add_word(line: &mut Measure, table: &StopTable, w: &str, ascii: bool) {
    line.words += 1;
    let bytes = w.as_bytes();
    let first_upper = if ascii {
        bytes.first().is_some_and(u8::is_ascii_uppercase)
    } else {
        w.chars().next().is_some_and(char::is_uppercase)
    };
    if first_upper {
        line.cap_words += 1;
        let (letters, all_upper) = if ascii {
            let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
            (letters, !bytes.iter().any(u8::is_ascii_lowercase))
        } else {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            (letters, !w.chars().any(char::is_lowercase))
        };
        if letters >= 2 && all_upper {
            line.upper_words += 1;
        }
    }
    if bytes.len() <= MAX_PHRASE_WORD_BYTES {
        let mut h = WordHash::new();
        if ascii {
            bytes.iter().for_each(|&b| h.ascii(b));
        } else {
            w.chars().for_each(|c| h.char(c));
        }
        let numeric = w.chars().next().is_some_and(char::is_numeric);
        word_key(line, table, h.finish(), bytes.len(), numeric);
    }
    if !line.phrase_word {
        let mut prev_lower = false;
        for c in w.chars() {
            if prev_lower && c.is_uppercase() {
                line.phrase_word = true;
                break;
            }
            prev_lower = c.is_lowercase();
        }
    }
}

/// Look up the word of `len` bytes (at most [`MAX_PHRASE_WORD_BYTES`]) with
/// this key (`numeric` if it opens with a digit): stopwords, phrase key
/// words, the line's only word, and whether its first may open a phrase.
#[inline(always)]
fn word_key(line: &mut Measure, table: &StopTable, key: u64, len: usize, numeric: bool) {
    let bits = table.get(key);
    line.phrase_word |= bits & PHRASE_KEY_WORD != 0;
    if len <= MAX_STOPWORD_BYTES {
        add_lanes(line, bits & LANES);
    }
    if line.words == 1 {
        line.single = Some(bits);
        // Numbers are skipped before whole-line phrases.
        line.no_phrase_start = bits & LINE_FIRST_WORD == 0 && !numeric;
    }
}

/// The end of the word that starts at byte `start` of `s`, and whether it is
/// all ASCII. CJK characters are words of their own and end a word.
fn word_end(s: &str, start: usize) -> (usize, bool) {
    let b = s.as_bytes();
    let mut i = start;
    let mut ascii = true;
    loop {
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i + 1 < b.len() && b[i] == 0xC3 && b[i + 1] != 0x97 && b[i + 1] != 0xB7 {
            // Latin-1 letters (U+00C0 to U+00FF but × and ÷): the accented
            // letters of most European languages, without a table lookup.
            ascii = false;
            i += 2;
            continue;
        }
        if i < b.len() && b[i] >= 0x80 {
            if let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
                if c.is_alphanumeric() && !is_cjk(c) {
                    ascii = false;
                    i += c.len_utf8();
                    continue;
                }
            }
        }
        return (i, ascii);
    }
}

/// `0x01` in every byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a `u64`.
const HIGHS: u64 = ONES * 0x80;

/// The high bit of every byte of `v` (eight bytes of text) that is an ASCII
/// letter or digit. Per byte without carries between bytes (the `hasbetween`
/// of Bit Twiddling Hacks): for a byte `x` below 0x80, `127 + n - x` has its
/// high bit set when `x < n` and `x + 127 - m` when `x > m`; bytes of 0x80
/// and over are ruled out by `!v`. Letters are tested with the case bit set.
#[inline(always)]
const fn alnum_bits(v: u64) -> u64 {
    const fn between(v: u64, m: u64, n: u64) -> u64 {
        let low = v & (ONES * 0x7F);
        (ONES * (127 + n) - low) & !v & (low + ONES * (127 - m)) & HIGHS
    }
    between(v, b'0' as u64 - 1, b'9' as u64 + 1)
        | between(v | (ONES * 0x20), b'a' as u64 - 1, b'z' as u64 + 1)
}

/// The eight bytes of `t` from byte `i`, little-endian, padded with zero
/// bytes past its end.
#[inline(always)]
fn chunk_at(t: &[u8], i: usize) -> u64 {
    if let Some(c) = t.get(i..).and_then(|r| r.first_chunk::<8>()) {
        return u64::from_le_bytes(*c);
    }
    let rest = t.get(i..).unwrap_or_default();
    let mut a = [0u8; 8];
    for (d, &x) in a.iter_mut().zip(rest) {
        *d = x;
    }
    u64::from_le_bytes(a)
}

/// An ASCII word (a run of ASCII letters and digits) as [`ascii_word`] reads
/// it.
#[derive(Clone, Copy)]
struct AsciiWord {
    /// The byte after its last.
    end: usize,
    /// The [`WordHash`] of the word (read only for words of at most
    /// [`MAX_PHRASE_WORD_BYTES`]).
    key: u64,
    /// Whether a byte after the first is a capital.
    inner_capital: bool,
}

/// The ASCII word that opens at byte `start` of `t` (an ASCII letter or
/// digit), read eight bytes at a time: its end, its [`WordHash`] (the bytes
/// of a letter or digit lowercased by setting their case bit, each chunk
/// folded by [`mix_chunk`] as [`WordHash`] does), and whether it holds a
/// capital after its first byte (a letter or digit without the case bit).
#[inline(always)]
fn ascii_word(t: &[u8], start: usize) -> AsciiWord {
    let v = chunk_at(t, start);
    let stops = !alnum_bits(v) & HIGHS;
    if stops == 0 {
        long_word(t, start, v)
    } else {
        short_word(start, v, stops)
    }
}

/// [`ascii_word`] for a word of fewer than eight bytes: `v` holds the eight
/// bytes from its first, `stops` the high bits of those that are no ASCII
/// letter or digit (not the first).
#[inline(always)]
fn short_word(start: usize, v: u64, stops: u64) -> AsciiWord {
    let n = stops.trailing_zeros() / 8;
    let mask = (1u64 << (8 * n)) - 1;
    AsciiWord {
        end: start + n as usize,
        // A word of less than eight bytes is its own key.
        key: (v & mask) | ((ONES * 0x20) & mask),
        inner_capital: !(v << 2) & HIGHS & mask & !0x80 != 0,
    }
}

/// [`ascii_word`] for a word of eight bytes or more, whose first eight are
/// `v`.
#[inline(always)]
fn long_word(t: &[u8], start: usize, v: u64) -> AsciiWord {
    let first = v | (ONES * 0x20);
    let mut key = mix_chunk(0, first);
    // The first byte's capital is not an inner one.
    let mut caps = !(v << 2) & HIGHS & !0x80;
    let mut i = start + 8;
    loop {
        let v = chunk_at(t, i);
        let stops = !alnum_bits(v) & HIGHS;
        if stops == 0 {
            key = mix_chunk(key, v | (ONES * 0x20));
            caps |= !(v << 2) & HIGHS;
            i += 8;
            continue;
        }
        // The word's bytes in this chunk: fewer than eight.
        let n = stops.trailing_zeros() / 8;
        if n > 0 {
            let mask = (1u64 << (8 * n)) - 1;
            key = mix_chunk(key, (v & mask) | ((ONES * 0x20) & mask));
            caps |= !(v << 2) & HIGHS & mask;
        }
        i += n as usize;
        break;
    }
    AsciiWord {
        end: i,
        // A word of eight bytes is its own key.
        key: if i - start == 8 { first } else { key },
        inner_capital: caps != 0,
    }
}

/// Count the ASCII words from byte `i` of `text` (an ASCII letter or digit)
/// into the line that ends at byte `end`, with the bytes between them that
/// leave the sentence state as it is after a word (no sentence end), until
/// another byte or the end of the line. Returns where it stopped, and
/// whether that is the first byte of a word that goes on in non-ASCII
/// letters (for [`add_word`]).
///
/// Words of less than eight bytes (most) are read here from one chunk,
/// with no test of their length; longer ones by [`long_ascii_word`]. Their
/// stopwords are summed in the lanes of their table values (no branch on a
/// word's languages) and added to the line's counts before a lane can
/// overflow. Not inlined: the loop keeps its state in registers, apart
/// from the rest of the line's measure.
#[inline(never)]
fn ascii_words(
    line: &mut Measure,
    table: &StopTable,
    text: &str,
    mut i: usize,
    end: usize,
) -> (usize, bool) {
    let t = text.as_bytes();
    // Words in the low half, capitalised words in the high half: one
    // register for both.
    const CAP: u64 = 1 << 32;
    let mut counts = u64::from(line.words) | u64::from(line.cap_words) << 32;
    // The stopword lanes, and [`PHRASE_KEY_WORD`] for the line's
    // `phrase_word`: one register for both.
    let mut acc = if line.phrase_word { PHRASE_KEY_WORD } else { 0 };
    let stopped = 'words: loop {
        let v = chunk_at(t, i);
        let alnum = alnum_bits(v);
        let stops = !alnum & HIGHS;
        // Letters and digits without the case bit are capitals.
        let cap = v & 0x20 == 0;
        if stops == 0 {
            let (e, n) = long_ascii_word(line, table, text, i, end, v, counts as u32);
            if n == 0 {
                break (i, true);
            }
            counts += 1 + CAP * u64::from(cap);
            acc |= PHRASE_KEY_WORD * u64::from(n == 2);
            i = e;
        } else {
            // `short_word`'s work, written out here: calling it (even
            // inlined) costs 1.5 instructions a byte more in this loop.
            let n = stops.trailing_zeros() / 8;
            let mask = (1u64 << (8 * n)) - 1;
            // A word of less than eight bytes is its own key.
            let key = (v | (ONES * 0x20)) & mask;
            let w_end = i + n as usize;
            let word = || t.get(i..w_end).unwrap_or_default();
            let next = (v >> (8 * n)) as u8;
            if next >= 0x80 && w_end < end && continues_word(text, w_end) {
                break (i, true);
            }
            let bits = table.get(key);
            acc += bits & LANES;
            acc |= bits & PHRASE_KEY_WORD;
            if acc & LANE_HIGHS != 0 {
                add_lanes(line, acc & LANES);
                acc &= PHRASE_KEY_WORD;
            }
            counts += 1 + CAP * u64::from(cap);
            // Most capitalised words go on in small letters (the second
            // byte, or the byte after a one-letter word, is in `v`).
            if cap && !((v >> 8) as u8).is_ascii_lowercase() {
                line.upper_words += u32::from(is_upper_word(word()));
            }
            if counts as u32 == 1 {
                first_word(line, bits, v as u8);
            }
            // A byte after the first without the case bit: a capital.
            if !(v << 2) & HIGHS & mask & !0x80 != 0
                && acc & PHRASE_KEY_WORD == 0
                && glued_capital(word())
            {
                acc |= PHRASE_KEY_WORD;
            }
            i = w_end;
            // The commonest case: one space to the next word.
            // (The byte after the space is in `v` for words of up to six bytes.)
            if next == b' ' && ((alnum >> (8 * n)) >> 15) & 1 != 0 && i < end {
                i += 1;
                continue;
            }
        }
        // Two tests a byte, no jump table: a letter or digit goes on to the
        // next word, a byte that leaves the sentence state is passed over.
        while i < end {
            let class = BYTE_CLASS[usize::from(t[i])];
            if class == Byte::Word {
                continue 'words;
            }
            if !class.keeps_after_word() {
                break 'words (i, false);
            }
            i += 1;
        }
        break (i, false);
    };
    add_lanes(line, acc & LANES);
    line.words = counts as u32;
    line.cap_words = (counts >> 32) as u32;
    line.phrase_word = acc & PHRASE_KEY_WORD != 0;
    stopped
}

/// Note the [`word_bits`](crate::lexicon::article) of a line's first word,
/// which opens with the byte `first`.
#[cold]
fn first_word(line: &mut Measure, bits: u64, first: u8) {
    line.single = Some(bits);
    // Numbers are skipped before whole-line phrases.
    line.no_phrase_start = bits & LINE_FIRST_WORD == 0 && !first.is_ascii_digit();
}

/// [`ascii_words`] for one word of eight bytes or more at byte `i` (the
/// line's word number `words + 1`), whose first eight are `v`: where it
/// ends, and 0 if it goes on in non-ASCII letters (not counted), 2 if it
/// holds a key word or glued capital (see [`Measure::phrase_word`]), else
/// 1. Its stopwords are added to the line's counts at once.
#[inline(always)]
fn long_ascii_word(
    line: &mut Measure,
    table: &StopTable,
    text: &str,
    i: usize,
    end: usize,
    v: u64,
    words: u32,
) -> (usize, u32) {
    let t = text.as_bytes();
    let w = long_word(t, i, v);
    debug_assert!(w.end <= end, "a word runs past its line");
    if w.end < end && t.get(w.end).is_some_and(|&b| b >= 0x80) && continues_word(text, w.end) {
        return (i, 0);
    }
    let wb = t.get(i..w.end).unwrap_or_default();
    let first = v as u8;
    if first & 0x20 == 0 && is_upper_word(wb) {
        line.upper_words += 1;
    }
    let len = w.end - i;
    let mut phrase = false;
    if len <= MAX_PHRASE_WORD_BYTES {
        let bits = table.get(w.key);
        phrase = bits & PHRASE_KEY_WORD != 0;
        if len <= MAX_STOPWORD_BYTES {
            add_lanes(line, bits & LANES);
        }
        if words == 0 {
            first_word(line, bits, first);
        }
    }
    if w.inner_capital && glued_capital(wb) {
        phrase = true;
    }
    (w.end, 1 + u32::from(phrase))
}

/// Add a sum of [`LANES`] (each lane below 16) to the line's stopword
/// counts.
#[inline]
fn add_lanes(line: &mut Measure, lanes: u64) {
    if lanes == 0 {
        return;
    }
    for (lang, n) in line.stop.iter_mut().enumerate() {
        *n = n.saturating_add(lane_count(lanes, lang));
    }
}

/// What a byte is to the line scan ([`BYTE_CLASS`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Byte {
    /// An ASCII letter or digit.
    Word,
    /// ASCII white space (a sentence end before it counts).
    Space,
    /// `.`, `!`, `?`.
    Stop,
    /// `"`, `'`, `(`: what may stand between a sentence end and the next
    /// sentence.
    Opener,
    /// Any other ASCII byte.
    Other,
    /// `|`, a menu separator.
    Pipe,
    /// `/`.
    Slash,
    /// A byte of a non-ASCII character.
    High,
}

impl Byte {
    /// Whether the byte leaves the sentence state as it is after a word (no
    /// sentence end read): white space, an opening mark, or any other ASCII
    /// byte but a sentence end, `|` and `/`.
    #[inline(always)]
    fn keeps_after_word(self) -> bool {
        (self as u8) < Byte::Pipe as u8 && self != Byte::Stop
    }
}

/// What each byte is to the line scan.
static BYTE_CLASS: [Byte; 256] = {
    let mut t = [Byte::Other; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = match b {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => Byte::Word,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => Byte::Space,
            b'.' | b'!' | b'?' => Byte::Stop,
            b'"' | b'\'' | b'(' => Byte::Opener,
            b'|' => Byte::Pipe,
            b'/' => Byte::Slash,
            0x80..=0xFF => Byte::High,
            _ => Byte::Other,
        };
        i += 1;
    }
    t
};

/// Whether a small letter is followed by a capital in the ASCII word `w`:
/// glued link texts (`Previous articleTransforming`), where a phrase may end
/// inside the word.
#[inline]
fn glued_capital(w: &[u8]) -> bool {
    w.windows(2)
        .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
}

/// Whether an ASCII word that opens with a capital is all in capitals, with
/// two letters or more.
#[inline]
fn is_upper_word(w: &[u8]) -> bool {
    // Most capitalised words go on in small letters.
    if w.get(1).is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let letters = w.iter().filter(|b| b.is_ascii_alphabetic()).count();
    letters >= 2 && !w.iter().any(u8::is_ascii_lowercase)
}

/// Whether the non-ASCII character at byte `i` of `s` goes on a word (so the
/// word before it is not all ASCII).
fn continues_word(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    if b.get(i) == Some(&0xC3) {
        return true;
    }
    s.get(i..)
        .and_then(|r| r.chars().next())
        .is_some_and(is_word_char)
}

/// Features of the line `span` of `text`: one pass over the bytes, a word at
/// a time, with an ASCII fast path. Characters are counted, and the last two
/// visible ones read, from the bytes afterwards.
#[cfg(test)]
pub(crate) fn measure(text: &str, span: Span) -> Measure {
    measure_words(word_table(), text, span)
}

/// Measure the line `span` of `text` into `out`, with the word table at
/// hand: a line that is one ASCII word (`Home`, `Impressum`) straight from
/// its bytes, any other by [`measure_words`].
#[inline]
fn push_line(out: &mut Lines, table: &StopTable, text: &str, span: Span) {
    let t = text.as_bytes();
    let short = span.len() <= MAX_PHRASE_WORD_BYTES;
    if short && t.get(span.start).is_some_and(u8::is_ascii_alphanumeric) {
        let w = ascii_word(t, span.start);
        if w.end == span.end {
            out.push_word(table, span, span.of(text).as_bytes(), w);
            return;
        }
    }
    out.push(measure_words(table, text, span));
}

/// [`measure`] for any line (`span` of `text`, trimmed: the byte after it is
/// no ASCII letter or digit, so words read past it end there): the words
/// one at a time.
#[inline(never)]
fn measure_words(table: &StopTable, text: &str, span: Span) -> Measure {
    let t = text.as_bytes();
    let s = span.of(text);
    let (start, end) = (span.start, span.start + s.len());
    let mut line = Measure {
        span,
        ..Measure::default()
    };
    let mut after_stop = false;
    let mut prev_stop = false;
    let mut non_ascii = false;
    let mut i = start;
    while i < end {
        let x = t[i];
        // Tests in the order of the bytes' frequency, not a jump table.
        let class = BYTE_CLASS[usize::from(x)];
        if class != Byte::Word && class != Byte::High {
            if class == Byte::Space {
                after_stop |= prev_stop;
            } else if class != Byte::Stop && class != Byte::Opener {
                line.separators += u32::from(class == Byte::Pipe);
                line.has_slash |= class == Byte::Slash;
                after_stop = false;
            }
            prev_stop = class == Byte::Stop;
            i += 1;
            continue;
        }
        if x < 0x80 {
            if after_stop && x.is_ascii_uppercase() {
                line.inner_stops += 1;
            }
            after_stop = false;
            prev_stop = false;
            let (j, continued) = ascii_words(&mut line, table, text, i, end);
            i = j;
            if continued {
                non_ascii = true;
                let (e, ascii) = word_end(s, i - start);
                add_word(&mut line, table, s.get(i - start..e).unwrap_or(""), ascii);
                i = (start + e).max(i + 1);
            }
            continue;
        }
        non_ascii = true;
        let Some(c) = s.get(i - start..).and_then(|r| r.chars().next()) else {
            break;
        };
        if is_word_char(c) {
            let (e, ascii) = word_end(s, i - start);
            if after_stop && c.is_uppercase() {
                line.inner_stops += 1;
            }
            after_stop = false;
            prev_stop = false;
            add_word(&mut line, table, s.get(i - start..e).unwrap_or(""), ascii);
            i = (start + e).max(i + 1);
            continue;
        }
        i += c.len_utf8();
        if is_cjk(c) {
            line.words += 1;
            after_stop = false;
            prev_stop = false;
            continue;
        }
        match c {
            '•' | '·' | '¦' => line.separators += 1,
            '©' => line.has_copyright = true,
            _ => {}
        }
        if text::is_blank(c) {
            after_stop |= prev_stop;
        } else if matches!(c, '。' | '！' | '？') {
            line.inner_stops += 1;
        } else if !matches!(c, '“' | '„' | '«' | '‘' | '‚') {
            after_stop = false;
        }
        prev_stop = false;
    }
    line.chars = if non_ascii {
        s.chars().count()
    } else {
        s.len()
    } as u32;
    (line.before_last, line.last) = last_two(s);
    if line.words != 1 {
        line.single = None;
    }
    line
}

/// The last two visible characters of a trimmed line (`'\0'` for none).
fn last_two(s: &str) -> (char, char) {
    let visible_ascii = |x: u8| x < 0x80 && !x.is_ascii_whitespace() && x != 0x0b;
    match s.as_bytes() {
        [.., p, l] if visible_ascii(*p) && visible_ascii(*l) => (char::from(*p), char::from(*l)),
        [l] if visible_ascii(*l) => ('\0', char::from(*l)),
        _ => {
            let mut tail = s.chars().rev().filter(|&c| !text::is_blank(c));
            let last = tail.next().unwrap_or_default();
            (tail.next().unwrap_or_default(), last)
        }
    }
}

/// Trim `span` of blank characters, with a fast path for a line that opens
/// and ends with visible ASCII.
#[inline]
fn trim(text: &str, span: Span) -> Span {
    let b = text.as_bytes();
    let visible = |i: usize| b.get(i).is_some_and(|&x| x.is_ascii_graphic());
    if span.start < span.end && visible(span.start) && visible(span.end - 1) {
        span
    } else {
        text::trim_span(text, span)
    }
}

/// The non-blank lines of `text`, trimmed, with their features. Lines end
/// at `\n`, `\r\n` or a lone `\r`, as in [`text::line_spans`]; empty lines
/// cost a byte test each.
pub(crate) fn scan(text: &str) -> Lines {
    let b = text.as_bytes();
    // No more lines than line breaks, nor than one in five bytes (a word of
    // four letters and its break): room for all, but on inputs of ever
    // shorter lines, without regrowth.
    // Short texts regrow a few times at most and need no count.
    let cap = if b.len() <= 1 << 14 {
        b.len() / 32 + 1
    } else {
        (memchr::memchr_iter(b'\n', b).count() + 1).min(b.len() / 5 + 1)
    };
    // The lines that keep stopword counts are fewer, but most on an
    // article's page: room for all, without regrowth.
    let mut out = Lines {
        lines: Vec::with_capacity(cap),
        stops: Vec::with_capacity(cap),
        ..Lines::default()
    };
    let table = word_table();
    let mut start = 0;
    while start < b.len() {
        let x = b[start];
        if x == b'\n' {
            start += 1;
            continue;
        }
        if x.is_ascii_alphanumeric() {
            // A line that is one ASCII word (a menu entry) is measured as
            // its end is found.
            let w = ascii_word(b, start);
            let k = w.end;
            if k - start <= MAX_PHRASE_WORD_BYTES
                && !matches!(b.get(k), Some(&y) if y != b'\n' && y != b'\r')
            {
                out.push_word(table, Span::new(start, k), &b[start..k], w);
                start = line_after(b, k);
                continue;
            }
        }
        // Short lines are run through by hand, long ones by memchr.
        let end = if matches!(x, b'\n' | b'\r') {
            start
        } else {
            let near = b.len().min(start + 8);
            let mut k = start;
            while k < near && b[k] != b'\n' && b[k] != b'\r' {
                k += 1;
            }
            if k < near {
                k
            } else {
                memchr::memchr2(b'\n', b'\r', &b[near..]).map_or(b.len(), |k| near + k)
            }
        };
        if end > start {
            let t = trim(text, Span::new(start, end));
            if !t.is_empty() {
                push_line(&mut out, table, text, t);
            }
        }
        start = line_after(b, end);
    }
    out
}

/// Where the line after the line that ends at byte `end` (a line break or
/// the end of the text) starts.
#[inline]
fn line_after(b: &[u8], end: usize) -> usize {
    if b.get(end) == Some(&b'\r') && b.get(end + 1) == Some(&b'\n') {
        end + 2
    } else {
        end + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> Measure {
        measure(s, Span::new(0, s.len()))
    }

    #[test]
    fn counts_words_and_stopwords() {
        let l = line("The minister said that the talks would go on.");
        assert_eq!(l.words, 9);
        assert!(l.stop[0] >= 4, "{:?}", l.stop);
        assert_eq!(l.last, '.');
        let de = line("Der Minister sagte, dass die Gespräche über Nacht weitergehen.");
        assert!(de.stop[1] >= 4);
    }

    #[test]
    fn capitals_and_separators() {
        let l = line("• HOME | NEWS | Sport");
        assert_eq!(l.separators, 3);
        assert_eq!(l.upper_words, 2);
        assert_eq!(l.cap_words, 3);
    }

    #[test]
    fn sentence_ends_inside() {
        assert_eq!(line("One. Two! \"Three\" four.").inner_stops, 2);
        assert_eq!(line("He said 3.5 per cent.").inner_stops, 0);
    }

    #[test]
    fn cjk_characters_are_words() {
        assert_eq!(line("话剧结尾").words, 4);
    }

    #[test]
    fn one_word_fast_path_agrees_with_the_full_measure() {
        for w in [
            "word", "Home", "NEWS", "iPhone", "a", "X", "X1", "2019", "Cookies", "the", "The",
            "a b", "word.",
        ] {
            let span = Span::new(0, w.len());
            let table = word_table();
            let mut fast = Lines::default();
            push_line(&mut fast, table, w, span);
            let mut full = Lines::default();
            full.push(measure_words(table, w, span));
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{w}");
        }
    }

    /// A line's word features counted word by word through [`add_word`]
    /// (the path for words with non-ASCII letters).
    fn word_by_word(s: &str) -> Measure {
        let table = word_table();
        let mut r = Measure::default();
        let mut i = 0;
        while let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
            if c.is_ascii_alphanumeric() || is_word_char(c) {
                let (e, ascii) = word_end(s, i);
                add_word(&mut r, table, &s[i..e], ascii);
                i = e.max(i + 1);
            } else {
                r.words += u32::from(is_cjk(c));
                i += c.len_utf8();
            }
        }
        if r.words != 1 {
            r.single = None;
        }
        r
    }

    #[test]
    fn ascii_words_agree_with_the_word_by_word_measure() {
        let lines = [
            "The minister said that the talks would go on for as long as they had to.",
            "Seven1 letters follow: ABCDEFG abcdefg Abcdefg 1234567 then more words here",
            "Letters abcdefg (paren) Abcdefg \"quoted\" 1234567 - dash abcdefg  two spaces",
            "of the the the the the the the the the the the the the the the the the the of",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L",
            "Strafverfolgungsbehörden und Verschlüsselungspläne für iCloud-Konten",
            "NATO and the UN | Home | News / Sport. Previous articleTransforming the city",
            "Supercalifragilisticexpialidocious antidisestablishmentarianism words!",
            "I, A, OK. U.S. officials (AP) said: \"It's done,\" he said; 12345678 times",
        ];
        for s in lines {
            let fast = line(s);
            let slow = word_by_word(s);
            let features = |m: &Measure| {
                (
                    m.words,
                    m.cap_words,
                    m.upper_words,
                    m.stop,
                    m.phrase_word,
                    m.single,
                    m.no_phrase_start,
                )
            };
            assert_eq!(features(&fast), features(&slow), "{s}");
        }
        // More stopwords than a lane holds.
        assert_eq!(line(lines[3]).stop[0], 20);
    }

    #[test]
    fn stopword_counts_are_kept_for_long_lines_and_totalled_for_all() {
        let long = "The minister said that the talks would go on for as long as they had to.";
        let text = format!("the\n{long}\nHome | News | the Sport\nof it");
        let all = scan(&text);
        assert_eq!(all.lines.len(), 4);
        // English is the first language: the, the, the, that, as, as, the, of, it ...
        assert!(all.totals[0] >= 8, "{:?}", all.totals);
        assert_eq!(all.words, 1 + 16 + 4 + 2);
        assert!(all.stop_density(&all.lines[1], 0) > 0.3);
        assert!(all.stop_density(&all.lines[2], 0) > 0.2);
        assert_eq!(all.lines[0].stops, NO_STOPS);
        assert_eq!(all.lines[3].stops, NO_STOPS);
    }

    #[test]
    fn scan_skips_blank_lines() {
        let text = "a\n\n\nb\r\n  \r\n\u{00A0}\nc d";
        let got: Vec<_> = scan(text)
            .lines
            .iter()
            .map(|l| (l.span.of(text), l.single.is_some()))
            .collect();
        assert_eq!(got, [("a", true), ("b", true), ("c d", false)]);
    }
}
