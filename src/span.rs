//! Byte spans into the caller's text, and their conversion to code points.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `start..end` into the text an [`Article`](crate::Article)
/// was parsed from.
///
/// Spans always lie on `char` boundaries of that text, so slicing with
/// [`Span::of`] never panics for a span the crate produced.
///
/// ```
/// use whosaid::Span;
/// let text = "Lavrov said: “No.”";
/// let span = Span::new(0, 6);
/// assert_eq!(span.of(text), "Lavrov");
/// assert_eq!(span.len(), 6);
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (swapped if given the wrong way round).
    pub const fn new(start: usize, end: usize) -> Self {
        if start <= end {
            Span { start, end }
        } else {
            Span {
                start: end,
                end: start,
            }
        }
    }

    /// The text this span covers, or `""` if the span does not fit `text`
    /// (out of range or not on `char` boundaries).
    #[inline]
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range<usize>`.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether `other` lies wholly inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the byte `offset` lies inside this span.
    pub const fn contains_offset(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Number of bytes the two spans share.
    pub fn overlap(&self, other: Span) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// Converts byte offsets of one text to code-point (Unicode scalar value)
/// offsets, as Python and the interchange format count them.
///
/// Built once per text in linear time; each conversion then costs at most a
/// few dozen bytes of scanning.
///
/// ```
/// use whosaid::CharOffsets;
/// let text = "«Да», he said";
/// let offsets = CharOffsets::new(text);
/// assert_eq!(offsets.to_chars(text.find("he").unwrap()), 6);
/// ```
#[derive(Debug, Clone)]
pub struct CharOffsets<'a> {
    text: &'a str,
    /// Code-point count before byte `i * STRIDE` (rounded down to a char boundary).
    marks: Vec<usize>,
}

const STRIDE: usize = 64;

impl<'a> CharOffsets<'a> {
    /// Index `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut marks = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut count = 0usize;
        for (i, &b) in bytes.iter().enumerate() {
            if i % STRIDE == 0 {
                marks.push(count);
            }
            // Count leading bytes (anything that is not a continuation byte).
            if (b as i8) >= -0x40 {
                count += 1;
            }
        }
        if bytes.len() % STRIDE == 0 {
            marks.push(count);
        }
        CharOffsets { text, marks }
    }

    /// The code-point offset of byte offset `byte` (clamped to the text's end;
    /// an offset inside a character counts that character as before it).
    pub fn to_chars(&self, byte: usize) -> usize {
        let bytes = self.text.as_bytes();
        let byte = byte.min(bytes.len());
        let block = byte / STRIDE;
        let base = self.marks[block.min(self.marks.len() - 1)];
        let from = block * STRIDE;
        base + bytes[from.min(byte)..byte]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
    }

    /// A byte span as a code-point range.
    pub fn span_to_chars(&self, span: Span) -> (usize, usize) {
        (self.to_chars(span.start), self.to_chars(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_agree_with_char_indices() {
        let text = "a«б»c ”ü€𝄞x".repeat(40);
        let offsets = CharOffsets::new(&text);
        for (n, (i, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.to_chars(i), n, "at byte {i}");
        }
        assert_eq!(offsets.to_chars(text.len()), text.chars().count());
        assert_eq!(offsets.to_chars(text.len() + 10), text.chars().count());
    }

    #[test]
    fn empty_text() {
        let offsets = CharOffsets::new("");
        assert_eq!(offsets.to_chars(0), 0);
    }

    #[test]
    fn span_helpers() {
        let s = Span::new(5, 2);
        assert_eq!(s, Span { start: 2, end: 5 });
        assert_eq!(s.overlap(Span::new(4, 9)), 1);
        assert_eq!(s.cover(Span::new(7, 9)), Span::new(2, 9));
        assert_eq!(Span::new(0, 3).of("ab"), "");
    }
}
