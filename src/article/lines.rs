//! The non-blank lines of an article with the features the classifiers read:
//! length, words, stopwords per language, capitals, separators. One pass over
//! the text, no allocation per line.

use crate::lexicon::article::{stopword_langs, WordHash, N_LANGS};
use crate::text;
use crate::Span;

/// Words longer than this (in bytes) are not looked up as stopwords.
const MAX_STOPWORD_BYTES: usize = 14;

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
    if bytes.len() <= MAX_STOPWORD_BYTES {
        let mut h = WordHash::new();
        if ascii {
            bytes.iter().for_each(|&b| h.ascii(b));
        } else {
            w.chars().for_each(|c| h.char(c));
        }
        let key = h.finish();
        line.single_word = if line.words == 1 { key } else { 0 };
        let mut mask = stopword_langs(key);
        let mut i = 0;
        while mask != 0 && i < N_LANGS {
            if mask & 1 != 0 {
                line.stop[i] = line.stop[i].saturating_add(1);
            }
            mask >>= 1;
            i += 1;
        }
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

/// Features of the line `span` of `text`: one pass over the bytes, a word at
/// a time, with an ASCII fast path.
pub(crate) fn measure(text: &str, span: Span) -> Line {
    let s = span.of(text);
    let b = s.as_bytes();
    let mut line = Line {
        span,
        ..Line::default()
    };
    line.bullet = s.chars().next().is_some_and(is_bullet);
    let mut after_stop = false;
    let mut prev_stop = false;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let c = if x < 0x80 {
            x as char
        } else {
            match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => c,
                None => break,
            }
        };
        if (x < 0x80 && x.is_ascii_alphanumeric())
            || (x >= 0x80 && c.is_alphanumeric() && !is_cjk(c))
        {
            let (end, ascii) = word_end(s, i);
            let w = s.get(i..end).unwrap_or("");
            if after_stop && c.is_uppercase() {
                line.inner_stops += 1;
            }
            after_stop = false;
            prev_stop = false;
            add_word(&mut line, w, ascii);
            if ascii {
                line.chars += w.len() as u32;
                let wb = w.as_bytes();
                line.before_last = match wb.len() {
                    0 | 1 => line.last,
                    n => char::from(wb[n - 2]),
                };
                line.last = wb.last().map_or(c, |&b| char::from(b));
            } else {
                line.chars += w.chars().count() as u32;
                let mut tail = w.chars().rev();
                let last = tail.next().unwrap_or(c);
                line.before_last = tail.next().unwrap_or(line.last);
                line.last = last;
            }
            i = end.max(i + 1);
            continue;
        }
        i += c.len_utf8();
        line.chars += 1;
        if x == b' ' {
            // The commonest character: a plain space.
            after_stop |= prev_stop;
            prev_stop = false;
            continue;
        }
        if is_cjk(c) {
            line.words += 1;
            after_stop = false;
            prev_stop = false;
            line.before_last = line.last;
            line.last = c;
            continue;
        }
        match c {
            '|' | '•' | '·' | '¦' => line.separators += 1,
            '/' => line.has_slash = true,
            '©' => line.has_copyright = true,
            _ => {}
        }
        if text::is_blank(c) {
            if prev_stop {
                after_stop = true;
            }
        } else {
            if matches!(c, '。' | '！' | '？') {
                line.inner_stops += 1;
            } else if !matches!(
                c,
                '"' | '\'' | '(' | '“' | '„' | '«' | '‘' | '‚' | '.' | '!' | '?'
            ) {
                after_stop = false;
            }
            line.before_last = line.last;
            line.last = c;
        }
        prev_stop = matches!(c, '.' | '!' | '?');
    }
    line
}

/// Whether a line (without its terminator) is blank, with a fast path for
/// ASCII white space.
fn is_blank_line(s: &str) -> bool {
    s.bytes()
        .all(|b| b == b' ' || b == b'\t' || b == b'\x0b' || b == b'\x0c')
        || s.chars().all(text::is_blank)
}

/// The non-blank lines of `text`, trimmed, with their features.
pub(crate) fn scan(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for l in text::line_spans(text) {
        if l.is_empty() || is_blank_line(l.of(text)) {
            continue;
        }
        out.push(measure(text, text::trim_span(text, l)));
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
    fn scan_skips_blank_lines() {
        let text = "a\n\n\nb\r\n  \r\n\u{00A0}\nc d";
        let got: Vec<_> = scan(text)
            .iter()
            .map(|l| (l.span.of(text), l.single_word != 0))
            .collect();
        assert_eq!(got, [("a", true), ("b", true), ("c d", false)]);
    }
}
