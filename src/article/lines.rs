//! The non-blank lines of an article with the features the classifiers read:
//! length, words, stopwords per language, capitals, separators. One pass over
//! the text, no allocation per line.

use crate::lexicon::article::{word_bits, WordHash, N_LANGS, PHRASE_KEY_WORD};
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
    /// Key ([`WordHash`]) of the line's only word, when it has exactly one.
    pub single_word: u64,
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

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
}

/// Count one word (`w`, a run of letters and digits) into the line.
fn add_word(line: &mut Line, w: &str, ascii: bool) {
    line.words += 1;
    line.single_word = 0;
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
        word_key(line, h.finish(), bytes.len());
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

/// Look up the word of `len` bytes with this key: stopwords, phrase first
/// words, and the line's only word.
#[inline(always)]
fn word_key(line: &mut Line, key: u64, len: usize) {
    if len <= MAX_STOPWORD_BYTES {
        if line.words == 1 {
            line.single_word = key;
        }
        let bits = word_bits(key);
        line.phrase_word |= bits & PHRASE_KEY_WORD != 0;
        count_stopword(line, bits & !PHRASE_KEY_WORD);
    } else if len <= MAX_PHRASE_WORD_BYTES {
        line.phrase_word |= word_bits(key) & PHRASE_KEY_WORD != 0;
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
#[inline]
fn add_ascii_word(line: &mut Line, w: &[u8], h: WordHash, inner_capital: bool) {
    line.words += 1;
    line.single_word = 0;
    if w.first().is_some_and(u8::is_ascii_uppercase) {
        line.cap_words += 1;
        let letters = w.iter().filter(|b| b.is_ascii_alphabetic()).count();
        if letters >= 2 && !w.iter().any(u8::is_ascii_lowercase) {
            line.upper_words += 1;
        }
    }
    word_key(line, h.finish(), w.len());
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

/// Add the word with this key to the line's stopword counts.
#[inline]
fn count_stopword(line: &mut Line, mut mask: u16) {
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
        .is_some_and(|c| c.is_alphanumeric() && !is_cjk(c))
}

/// Features of the line `span` of `text`: one pass over the bytes, a word at
/// a time, with an ASCII fast path. Characters are counted, and the last two
/// visible ones read, from the bytes afterwards.
pub(crate) fn measure(text: &str, span: Span) -> Line {
    let s = span.of(text);
    let b = s.as_bytes();
    if b.len() <= MAX_PHRASE_WORD_BYTES {
        if let Some(line) = one_ascii_word(span, b) {
            return line;
        }
    }
    measure_words(s, span)
}

/// [`measure`] for any line: the words one at a time.
#[inline(never)]
fn measure_words(s: &str, span: Span) -> Line {
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
                add_word(&mut line, s.get(start..end).unwrap_or(""), ascii);
                i = end.max(i);
            } else {
                add_ascii_word(&mut line, &b[start..i], h, rest_and & 0x20 == 0);
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
        if c.is_alphanumeric() && !is_cjk(c) {
            let (end, ascii) = word_end(s, i);
            if after_stop && c.is_uppercase() {
                line.inner_stops += 1;
            }
            after_stop = false;
            prev_stop = false;
            add_word(&mut line, s.get(i..end).unwrap_or(""), ascii);
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
    line
}

/// The features of a line that is one ASCII word and nothing else (`Home`,
/// `Impressum`) straight from its bytes, as [`measure`] would find them;
/// `None` for any other line.
fn one_ascii_word(span: Span, b: &[u8]) -> Option<Line> {
    let (&first, rest) = b.split_first()?;
    let mut h = WordHash::new();
    let lower = WORD_BYTES[usize::from(first)];
    if lower == 0 {
        return None;
    }
    h.lower(lower);
    // The AND of the bytes after the first: bit 0x20 is clear if one of
    // them is a capital.
    let mut rest_and = 0xFFu8;
    for &x in rest {
        let lower = WORD_BYTES[usize::from(x)];
        if lower == 0 {
            return None;
        }
        h.lower(lower);
        rest_and &= x;
    }
    let mut line = Line {
        span,
        chars: b.len() as u32,
        last: char::from(*rest.last().unwrap_or(&first)),
        before_last: b.len().checked_sub(2).map_or('\0', |k| char::from(b[k])),
        ..Line::default()
    };
    add_ascii_word(&mut line, b, h, rest_and & 0x20 == 0);
    Some(line)
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
    // About one line in 64 bytes of prose: few regrowths on any input.
    let mut out = Vec::with_capacity(b.len() / 64 + 1);
    let mut start = 0;
    while start < b.len() {
        // Short lines are run through by hand, long ones by memchr.
        let end = if matches!(b[start], b'\n' | b'\r') {
            start
        } else {
            let near = b.len().min(start + 16);
            match b[start..near]
                .iter()
                .position(|&x| x == b'\n' || x == b'\r')
            {
                Some(k) => start + k,
                None => memchr::memchr2(b'\n', b'\r', &b[near..]).map_or(b.len(), |k| near + k),
            }
        };
        if end > start {
            let t = trim(text, Span::new(start, end));
            if !t.is_empty() {
                out.push(measure(text, t));
            }
        }
        start = if b.get(end) == Some(&b'\r') && b.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
    }
    out
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
            let fast = one_ascii_word(span, w.as_bytes()).expect("one ASCII word");
            let full = measure_words(w, span);
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{w}");
        }
        assert!(one_ascii_word(Span::new(0, 3), b"a b").is_none());
        assert!(one_ascii_word(Span::new(0, 5), b"word.").is_none());
    }

    #[test]
    fn scan_skips_blank_lines() {
        let text = "a\n\n\nb\r\n  \r\n\u{00A0}\nc d";
        let got: Vec<_> = scan(text)
            .iter()
            .map(|l| (l.span.of(text), l.single_word != 0))
            .collect();
        assert_eq!(got, [("a", true), ("b", true), ("c d", false)]);
    }
}
