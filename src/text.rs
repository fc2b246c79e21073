//! Low-level text helpers shared by every stage: what counts as blank, line
//! splitting with byte spans, and trimming.
//!
//! Scraped text is full of invisible characters; these helpers treat no-break
//! spaces, zero-width spaces, the byte-order mark and other format characters
//! as white space everywhere, so that every stage agrees on what is empty.

use crate::Span;
use memchr::memchr2_iter;

/// Whether `c` is white space or an invisible format character (zero-width
/// space and joiners, word joiner, byte-order mark, soft hyphen).
pub fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
}

/// Trim blank characters (see [`is_blank`]) from both ends of `span` in `text`.
/// Returns an empty span at the original end if nothing is left.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let start_trim = s.len() - s.trim_start_matches(is_blank).len();
    let rest = &s[start_trim..];
    let kept = rest.trim_end_matches(is_blank).len();
    if kept == 0 {
        return Span::new(span.end, span.end);
    }
    Span::new(span.start + start_trim, span.start + start_trim + kept)
}

/// The largest char boundary of `text` at or before byte `i` (the text's
/// length when `i` lies past its end).
///
/// ```
/// use whosaid::text::{ceil_char_boundary, floor_char_boundary};
/// let s = "a€b"; // '€' is bytes 1..4
/// assert_eq!(floor_char_boundary(s, 2), 1);
/// assert_eq!(ceil_char_boundary(s, 2), 4);
/// assert_eq!(ceil_char_boundary(s, 99), s.len());
/// ```
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `text` at or after byte `i` (the text's
/// length when `i` lies past its end).
pub fn ceil_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Iterate over the lines of `text` as byte spans, without their line
/// terminators (`\n`, `\r\n` or a lone `\r`). Linear time, driven by `memchr`.
pub fn line_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut pending_lf_after_cr = false;
    let mut it = memchr2_iter(b'\n', b'\r', bytes);
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        match it.next() {
            Some(i) => {
                if pending_lf_after_cr {
                    pending_lf_after_cr = false;
                    if bytes[i] == b'\n' && i == start {
                        start = i + 1;
                        continue;
                    }
                }
                let span = Span::new(start, i);
                start = i + 1;
                if bytes[i] == b'\r' {
                    pending_lf_after_cr = true;
                }
                return Some(span);
            }
            None => {
                done = true;
                if start < bytes.len() {
                    return Some(Span::new(start, bytes.len()));
                }
                return None;
            }
        }
    })
}

/// Iterate over the non-blank lines of `text`, each trimmed of blank
/// characters at both ends.
pub fn content_lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    line_spans(text).filter_map(move |l| {
        let t = trim_span(text, l);
        (!t.is_empty()).then_some(t)
    })
}

/// Number of words (runs of alphanumeric characters) in `s`.
pub fn word_count(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        let w = c.is_alphanumeric();
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// The word `w` lowercased (ASCII letters only, like `to_ascii_lowercase`)
/// into `buf`, without allocating; `None` for a word longer than the buffer
/// (callers size it past every word they compare with).
#[inline]
pub(crate) fn ascii_lower<'b, const N: usize>(w: &str, buf: &'b mut [u8; N]) -> Option<&'b [u8]> {
    let b = buf.get_mut(..w.len())?;
    b.copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        line_spans(text).map(|s| s.of(text)).collect()
    }

    #[test]
    fn splits_every_line_ending() {
        assert_eq!(lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(lines("a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(lines("\r\n\r\n"), ["", ""]);
        assert!(lines("").is_empty());
    }

    #[test]
    fn trims_invisible_characters() {
        let text = "\u{FEFF}\u{00A0} Hello\u{200B}\t";
        let t = trim_span(text, Span::new(0, text.len()));
        assert_eq!(t.of(text), "Hello");
        assert!(trim_span(" \u{00A0} ", Span::new(0, 4)).is_empty());
    }

    #[test]
    fn content_lines_skip_blank_ones() {
        let text = "\u{FEFF}Title\r\n \u{00A0}\r\n  Body text. \n";
        let got: Vec<_> = content_lines(text).map(|s| s.of(text)).collect();
        assert_eq!(got, ["Title", "Body text."]);
    }

    #[test]
    fn counts_words() {
        assert_eq!(word_count("Russia’s Lavrov says, no!"), 5);
        assert_eq!(word_count(""), 0);
    }
}
