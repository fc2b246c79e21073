//! The non-blank lines of an article with the features the classifiers read:
//! length, words, stopwords per language, capitals, separators. One pass over
//! the text, no allocation per line.

use crate::lexicon::article::{
    word_table, StopTable, WordHash, LANG_BITS, LINE_FIRST_WORD, N_LANGS, PHRASE_KEY_WORD,
};
use crate::text;
use crate::Span;

/// Words longer than this (in bytes) are not looked up as stopwords.
const MAX_STOPWORD_BYTES: usize = 14;
/// Words longer than this (in bytes) are not looked up as the first words
/// of chrome phrases.
const MAX_PHRASE_WORD_BYTES: usize = 32;

/// One non-blank line, trimmed, with its features.
#[derive(Clone, Debug, Default)]
pub(crate) struct Line {
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
    /// Whether the line's first visible character is a bullet or arrow.
    pub bullet: bool,
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
    pub single: Option<u32>,
    /// The line's first word is known to open no whole-line phrase or end
    /// marker (see [`LINE_FIRST_WORD`]): no search for them is needed.
    pub no_phrase_start: bool,
    /// Whether the line holds the key word of a chrome marker or credit
    /// phrase, or a word that runs two together (see [`PHRASE_KEY_WORD`]):
    /// lines without one need no phrase search.
    pub phrase_word: bool,
}

impl Line {
    /// Stopwords of language `lang` per word (0 for a line without words).
    pub fn stop_density(&self, lang: usize) -> f32 {
        if self.words == 0 {
            return 0.0;
        }
        f32::from(self.stop.get(lang).copied().unwrap_or(0)) / self.words as f32
    }

    /// Whether the line ends like a sentence (`.`, `!`, `?`, `…`, or a
    /// closing quotation mark).
    pub fn ends_sentence(&self) -> bool {
        let stop = |c: char| matches!(c, '.' | '!' | '?' | '…');
        stop(self.last) || (is_closer(self.last) && stop(self.before_last))
    }
}

/// Whether `c` closes a quotation or a parenthesis.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '“' | '»' | '«' | '\'' | '’' | ')' | ']')
}

/// Whether `c` is a bullet, arrow or similar list marker.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '*'
            | '►'
            | '▶'
            | '▸'
            | '›'
            | '»'
            | '→'
            | '■'
            | '□'
            | '▪'
            | '◦'
            | '○'
            | '●'
            | '-'
            | '–'
            | '—'
            | '>'
            | '+'
    )
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
fn add_word(line: &mut Line, table: &StopTable, w: &str, ascii: bool) {
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
fn word_key(line: &mut Line, table: &StopTable, key: u64, len: usize, numeric: bool) {
    let bits = table.get(key);
    line.phrase_word |= bits & PHRASE_KEY_WORD != 0;
    if len <= MAX_STOPWORD_BYTES {
        count_stopword(line, bits & LANG_BITS);
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

/// ASCII letters and digits, lowercased; 0 for every other byte.
static WORD_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() {
            t[i] = b.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// Count an all-ASCII word (`w`, non-empty, with its [`WordHash`] `h`)
/// into the line: [`add_word`] without decoding.
#[inline(always)]
fn add_ascii_word(line: &mut Line, table: &StopTable, w: &[u8], h: WordHash, inner_capital: bool) {
    line.words += 1;
    if w.first().is_some_and(u8::is_ascii_uppercase) {
        line.cap_words += 1;
        if is_upper_word(w) {
            line.upper_words += 1;
        }
    }
    if w.len() <= MAX_PHRASE_WORD_BYTES {
        let numeric = w.first().is_some_and(u8::is_ascii_digit);
        word_key(line, table, h.finish(), w.len(), numeric);
    }
    if inner_capital
        && !line.phrase_word
        && w.windows(2)
            .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
    {
        // Glued link texts (`Previous articleTransforming`): a phrase may
        // end inside the word.
        line.phrase_word = true;
    }
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

/// Add the word with this key to the line's stopword counts.
#[inline]
fn count_stopword(line: &mut Line, mut mask: u32) {
    while mask != 0 {
        let i = mask.trailing_zeros() as usize;
        if let Some(n) = line.stop.get_mut(i) {
            *n = n.saturating_add(1);
        }
        mask &= mask - 1;
    }
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
pub(crate) fn measure(text: &str, span: Span) -> Line {
    measure_with(word_table(), text, span)
}

/// [`measure`] with the word table at hand.
#[inline]
fn measure_with(table: &StopTable, text: &str, span: Span) -> Line {
    let s = span.of(text);
    let b = s.as_bytes();
    if b.len() <= MAX_PHRASE_WORD_BYTES {
        if let Some(line) = one_ascii_word(table, span, b) {
            return line;
        }
    }
    measure_words(table, s, span)
}

/// [`measure`] for any line: the words one at a time.
#[inline(never)]
fn measure_words(table: &StopTable, s: &str, span: Span) -> Line {
    let b = s.as_bytes();
    let mut line = Line {
        span,
        ..Line::default()
    };
    line.bullet = match b.first() {
        Some(x) if x.is_ascii_alphanumeric() => false,
        _ => s.chars().next().is_some_and(is_bullet),
    };
    let mut after_stop = false;
    let mut prev_stop = false;
    let mut non_ascii = false;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x == b' ' {
            // The commonest character: a plain space.
            after_stop |= prev_stop;
            prev_stop = false;
            i += 1;
            continue;
        }
        if x.is_ascii_alphanumeric() {
            let start = i;
            let mut h = WordHash::new();
            h.lower(WORD_BYTES[usize::from(x)]);
            i += 1;
            // The AND of the bytes after the first: bit 0x20 is clear if one
            // of them is a capital (letters and digits alike set it).
            let mut rest_and = 0xFFu8;
            while let Some(&y) = b.get(i) {
                let lower = WORD_BYTES[usize::from(y)];
                if lower == 0 {
                    break;
                }
                h.lower(lower);
                rest_and &= y;
                i += 1;
            }
            if after_stop && x.is_ascii_uppercase() {
                line.inner_stops += 1;
            }
            if i < b.len() && b[i] >= 0x80 && continues_word(s, i) {
                non_ascii = true;
                let (end, ascii) = word_end(s, start);
                add_word(&mut line, table, s.get(start..end).unwrap_or(""), ascii);
                i = end.max(i);
            } else {
                add_ascii_word(&mut line, table, &b[start..i], h, rest_and & 0x20 == 0);
            }
            after_stop = false;
            prev_stop = false;
            continue;
        }
        if x < 0x80 {
            i += 1;
            match x {
                b'|' => line.separators += 1,
                b'/' => line.has_slash = true,
                _ => {}
            }
            if x.is_ascii_whitespace() || x == 0x0b {
                after_stop |= prev_stop;
                prev_stop = false;
            } else {
                if !matches!(x, b'"' | b'\'' | b'(' | b'.' | b'!' | b'?') {
                    after_stop = false;
                }
                prev_stop = matches!(x, b'.' | b'!' | b'?');
            }
            continue;
        }
        non_ascii = true;
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        if is_word_char(c) {
            let (end, ascii) = word_end(s, i);
            if after_stop && c.is_uppercase() {
                line.inner_stops += 1;
            }
            after_stop = false;
            prev_stop = false;
            add_word(&mut line, table, s.get(i..end).unwrap_or(""), ascii);
            i = end.max(i + 1);
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
    // Every character once: the bytes that do not continue a character.
    let continuations: usize = if non_ascii {
        b.iter().map(|&x| usize::from((x as i8) < -64)).sum()
    } else {
        0
    };
    line.chars = (b.len() - continuations) as u32;
    (line.before_last, line.last) = last_two(s);
    if line.words != 1 {
        line.single = None;
    }
    line
}

/// The features of a line that is one ASCII word and nothing else (`Home`,
/// `Impressum`) straight from its bytes, as [`measure`] would find them;
/// `None` for any other line.
fn one_ascii_word(table: &StopTable, span: Span, b: &[u8]) -> Option<Line> {
    let lower = WORD_BYTES[usize::from(*b.first()?)];
    if lower == 0 {
        return None;
    }
    let (end, h, rest_and) = ascii_word_at(b, 0, lower);
    (end == b.len()).then(|| word_line(table, span, b, h, rest_and))
}

/// The ASCII word that opens at byte `start` of `b` (whose first byte,
/// lowercased, is `lower`): its end, its [`WordHash`], and the AND of its
/// bytes after the first (bit 0x20 is clear if one of them is a capital).
#[inline(always)]
fn ascii_word_at(b: &[u8], start: usize, lower: u8) -> (usize, WordHash, u8) {
    let mut h = WordHash::new();
    h.lower(lower);
    let mut rest_and = 0xFFu8;
    let mut k = start + 1;
    while let Some(&y) = b.get(k) {
        let lower = WORD_BYTES[usize::from(y)];
        if lower == 0 {
            break;
        }
        h.lower(lower);
        rest_and &= y;
        k += 1;
    }
    (k, h, rest_and)
}

/// The features of the line `span` that is the ASCII word `w` alone, with
/// the word's hash and [`ascii_word_at`]'s AND of its later bytes.
#[inline(always)]
fn word_line(table: &StopTable, span: Span, w: &[u8], h: WordHash, rest_and: u8) -> Line {
    let n = w.len();
    let mut line = Line {
        span,
        chars: n as u32,
        last: w.last().map_or('\0', |&x| char::from(x)),
        before_last: n.checked_sub(2).map_or('\0', |k| char::from(w[k])),
        ..Line::default()
    };
    add_ascii_word(&mut line, table, w, h, rest_and & 0x20 == 0);
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
pub(crate) fn scan(text: &str) -> Vec<Line> {
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
    let mut out = Vec::with_capacity(cap);
    let table = word_table();
    let mut start = 0;
    while start < b.len() {
        let x = b[start];
        if x == b'\n' {
            start += 1;
            continue;
        }
        let lower = WORD_BYTES[usize::from(x)];
        if lower != 0 {
            // A line that is one ASCII word (a menu entry) is measured as
            // its end is found.
            let (k, h, rest_and) = ascii_word_at(b, start, lower);
            if k - start <= MAX_PHRASE_WORD_BYTES
                && !matches!(b.get(k), Some(&y) if y != b'\n' && y != b'\r')
            {
                out.push(word_line(
                    table,
                    Span::new(start, k),
                    &b[start..k],
                    h,
                    rest_and,
                ));
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
                out.push(measure_with(table, text, t));
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

    fn line(s: &str) -> Line {
        measure(s, Span::new(0, s.len()))
    }

    #[test]
    fn counts_words_and_stopwords() {
        let l = line("The minister said that the talks would go on.");
        assert_eq!(l.words, 9);
        assert!(l.stop[0] >= 4, "{:?}", l.stop);
        assert!(l.ends_sentence());
        let de = line("Der Minister sagte, dass die Gespräche über Nacht weitergehen.");
        assert!(de.stop[1] >= 4);
    }

    #[test]
    fn capitals_separators_and_bullets() {
        let l = line("• HOME | NEWS | Sport");
        assert!(l.bullet);
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
            "word", "Home", "NEWS", "iPhone", "a", "X", "X1", "2019", "Cookies",
        ] {
            let span = Span::new(0, w.len());
            let table = word_table();
            let fast = one_ascii_word(table, span, w.as_bytes()).expect("one ASCII word");
            let full = measure_words(table, w, span);
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{w}");
        }
        assert!(one_ascii_word(word_table(), Span::new(0, 3), b"a b").is_none());
        assert!(one_ascii_word(word_table(), Span::new(0, 5), b"word.").is_none());
    }

    #[test]
    fn scan_skips_blank_lines() {
        let text = "a\n\n\nb\r\n  \r\n\u{00A0}\nc d";
        let got: Vec<_> = scan(text)
            .iter()
            .map(|l| (l.span.of(text), l.single.is_some()))
            .collect();
        assert_eq!(got, [("a", true), ("b", true), ("c d", false)]);
    }
}
