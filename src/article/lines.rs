//! The non-blank lines of an article with the features the classifiers read:
//! length, words, stopwords per language, capitals, separators. One pass over
//! the text, no allocation per line.

use crate::lexicon::article::{stopword_langs, WordHash, N_LANGS};
use crate::text;
use crate::Span;

/// Words longer than this (in bytes) are not looked up as stopwords.
const MAX_STOPWORD_BYTES: usize = 24;

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
    /// Number of blank lines between this line and the previous one.
    #[allow(dead_code)]
    pub gap_before: u32,
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

/// Per-word state while scanning a line.
struct WordScan {
    in_word: bool,
    hash: WordHash,
    bytes: usize,
    letters: u32,
    uppers: u32,
    first_upper: bool,
}

impl WordScan {
    const fn new() -> Self {
        WordScan {
            in_word: false,
            hash: WordHash::new(),
            bytes: 0,
            letters: 0,
            uppers: 0,
            first_upper: false,
        }
    }
}

fn end_word(line: &mut Line, w: &mut WordScan) {
    if !w.in_word {
        return;
    }
    line.words += 1;
    if w.first_upper {
        line.cap_words += 1;
    }
    if w.letters >= 2 && w.uppers == w.letters {
        line.upper_words += 1;
    }
    if w.bytes <= MAX_STOPWORD_BYTES {
        let mut mask = stopword_langs(w.hash.finish());
        let mut i = 0;
        while mask != 0 && i < N_LANGS {
            if mask & 1 != 0 {
                line.stop[i] = line.stop[i].saturating_add(1);
            }
            mask >>= 1;
            i += 1;
        }
    }
    *w = WordScan::new();
}

/// Features of the line `span` of `text`.
pub(crate) fn measure(text: &str, span: Span, gap_before: u32) -> Line {
    let s = span.of(text);
    let mut line = Line {
        span,
        gap_before,
        ..Line::default()
    };
    let mut w = WordScan::new();
    let mut prev = ' ';
    let mut after_stop = false;
    let mut first = true;
    for c in s.chars() {
        line.chars += 1;
        if first {
            line.bullet = is_bullet(c);
            first = false;
        }
        let letter = if c.is_ascii() {
            let b = c as u8;
            b.is_ascii_alphanumeric().then(|| {
                w.hash.ascii(b);
                w.bytes += 1;
                (b.is_ascii_alphabetic(), b.is_ascii_uppercase())
            })
        } else if is_cjk(c) {
            end_word(&mut line, &mut w);
            line.words += 1;
            None
        } else {
            c.is_alphanumeric().then(|| {
                w.hash.char(c);
                w.bytes += c.len_utf8();
                (c.is_alphabetic(), c.is_uppercase())
            })
        };
        if let Some((alphabetic, upper)) = letter {
            if !w.in_word {
                w.in_word = true;
                w.first_upper = upper;
            }
            if alphabetic {
                w.letters += 1;
                w.uppers += u32::from(upper);
            }
            if after_stop && upper {
                line.inner_stops += 1;
            }
            after_stop = false;
        } else {
            end_word(&mut line, &mut w);
            if matches!(c, '|' | '•' | '·' | '¦') {
                line.separators += 1;
            }
            if text::is_blank(c) {
                if matches!(prev, '.' | '!' | '?') {
                    after_stop = true;
                }
            } else if matches!(c, '。' | '！' | '？') {
                line.inner_stops += 1;
            } else if !matches!(c, '"' | '\'' | '(' | '“' | '„' | '«' | '‘' | '‚') {
                after_stop = false;
            }
        }
        if !text::is_blank(c) {
            line.before_last = line.last;
            line.last = c;
        }
        prev = c;
    }
    end_word(&mut line, &mut w);
    line
}

/// The non-blank lines of `text`, trimmed, with their features.
pub(crate) fn scan(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut gap = 0u32;
    for l in text::line_spans(text) {
        let t = text::trim_span(text, l);
        if t.is_empty() {
            gap = gap.saturating_add(1);
            continue;
        }
        out.push(measure(text, t, gap));
        gap = 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str) -> Line {
        measure(s, Span::new(0, s.len()), 0)
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
    fn scan_records_gaps() {
        let text = "a\n\n\nb\r\n  \r\nc";
        let got: Vec<_> = scan(text)
            .iter()
            .map(|l| (l.span.of(text).to_string(), l.gap_before))
            .collect();
        assert_eq!(got, [("a".into(), 0), ("b".into(), 2), ("c".into(), 1)]);
    }
}
