//! Tokens of the quote stage: words, numbers, punctuation and quotation
//! marks of the content paragraphs, in one array for the whole document
//! (each [`Para`] knows its token range).
//!
//! Apostrophes inside words (`don't`, `Russia’s`, `the '90s`) never become
//! mark tokens; a possessive `'s`/`’s` is its own token so that `Putin's
//! spokesman` splits into owner and role.

use crate::article::Role;
use crate::text::is_blank;
use crate::Span;

/// A quotation-mark glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Glyph {
    /// `"`
    Straight,
    /// `''` (two apostrophes standing for a double mark)
    DoubleApos,
    /// `“`
    LeftDouble,
    /// `”`
    RightDouble,
    /// `„`
    LowDouble,
    /// `«`
    LeftAngle,
    /// `»`
    RightAngle,
    /// `'`
    Apos,
    /// `‘`
    LeftSingle,
    /// `’`
    RightSingle,
    /// `‚`
    LowSingle,
    /// `‹`
    LeftSingleAngle,
    /// `›`
    RightSingleAngle,
}

impl Glyph {
    fn of(c: char) -> Option<Glyph> {
        Some(match c {
            '"' | '\u{FF02}' => Glyph::Straight,
            '\u{201C}' | '\u{201F}' => Glyph::LeftDouble,
            '\u{201D}' | '\u{2033}' => Glyph::RightDouble,
            '\u{201E}' => Glyph::LowDouble,
            '\u{00AB}' => Glyph::LeftAngle,
            '\u{00BB}' => Glyph::RightAngle,
            '\'' => Glyph::Apos,
            '\u{2018}' | '\u{201B}' => Glyph::LeftSingle,
            '\u{2019}' => Glyph::RightSingle,
            '\u{201A}' => Glyph::LowSingle,
            '\u{2039}' => Glyph::LeftSingleAngle,
            '\u{203A}' => Glyph::RightSingleAngle,
            _ => return None,
        })
    }

    /// Whether the glyph is of the double family (outer quotes).
    pub(crate) fn is_double(self) -> bool {
        matches!(
            self,
            Glyph::Straight
                | Glyph::DoubleApos
                | Glyph::LeftDouble
                | Glyph::RightDouble
                | Glyph::LowDouble
                | Glyph::LeftAngle
                | Glyph::RightAngle
        )
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word (letters, digits, internal hyphens, apostrophes and dots).
    Word,
    /// A possessive ending `'s` / `’s`.
    Poss,
    /// One punctuation character.
    Punct(char),
    /// A quotation mark.
    Mark(Glyph),
}

/// One token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Byte span in the article text.
    pub span: Span,
    /// What it is.
    pub kind: Kind,
    /// Blank (or the paragraph's start) right before the token.
    pub space_before: bool,
    /// Blank (or the paragraph's end) right after the token.
    pub space_after: bool,
    /// A word starting with an uppercase letter.
    pub cap: bool,
    /// The word's lexicon classes (`lexicon::quote::class`), 0 for other tokens.
    pub class: u16,
}

impl Tok {
    /// Whether the word is of a lexicon class in `flag` (`lexicon::quote::class`).
    pub(crate) fn is(&self, flag: u16) -> bool {
        self.class & flag != 0
    }

    /// Whether the token is a word.
    pub(crate) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    /// Whether the token is the punctuation character `c`.
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// Whether the token ends a sentence (`.`, `?`, `!`, `…`).
    pub(crate) fn is_terminal(&self) -> bool {
        matches!(self.kind, Kind::Punct('.' | '?' | '!' | '…'))
    }

    /// Whether the token is a dash (`-`, `--`, `–`, `—`) standing alone.
    pub(crate) fn is_dash(&self) -> bool {
        matches!(self.kind, Kind::Punct('-' | '–' | '—'))
    }
}

/// A content paragraph: its element index, role and token range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Para {
    /// Byte span of the paragraph.
    pub span: Span,
    /// Its role.
    pub role: Role,
    /// First token.
    pub first: usize,
    /// One past its last token.
    pub end: usize,
}

/// Append the tokens of the paragraph `span` of `text` to `out`.
pub(crate) fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    let s = span.of(text);
    let base = span.start;
    let bytes = s.as_bytes();
    let mut it = s.char_indices().peekable();
    let mut prev_blank = true;
    while let Some((i, c)) = it.next() {
        if is_blank(c) {
            prev_blank = true;
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let kind;
        let mut cap = false;
        if c.is_alphanumeric() || (is_apos(c) && next_is_digit(bytes, end) && prev_blank) {
            // A word; an initial apostrophe before a digit is an elision ('90s).
            cap = c.is_uppercase();
            while let Some(&(j, d)) = it.peek() {
                let after = j + d.len_utf8();
                if d.is_alphanumeric() {
                    it.next();
                    end = after;
                } else if is_apos(d) && next_is_alnum(s, after) {
                    // Possessive 's ends the word; other contractions stay in.
                    if next_is_possessive_s(s, after) {
                        break;
                    }
                    it.next();
                    end = after;
                } else if matches!(d, '-' | '.' | '&' | '/') && next_is_alnum(s, after) {
                    if d == '.' && !abbreviation_dot(s, start, j) {
                        break;
                    }
                    it.next();
                    end = after;
                } else {
                    break;
                }
            }
            // A middle initial keeps its period: `Charles E. Grassley`.
            if end - start == 1
                && c.is_ascii_uppercase()
                && bytes.get(end) == Some(&b'.')
                && bytes.get(end + 1) == Some(&b' ')
                && bytes.get(end + 2).is_some_and(u8::is_ascii_uppercase)
                && start > 0
                && bytes[start - 1] == b' '
            {
                it.next();
                end += 1;
            }
            kind = Kind::Word;
        } else if is_apos(c) && next_is_possessive_s(s, end) && !prev_blank {
            // The 's of a possessive.
            it.next();
            end += 1;
            kind = Kind::Poss;
        } else if c == '\'' && s.as_bytes().get(end) == Some(&b'\'') {
            it.next();
            end += 1;
            kind = Kind::Mark(Glyph::DoubleApos);
        } else if let Some(g) = Glyph::of(c) {
            kind = Kind::Mark(g);
        } else if c == '-' && s.as_bytes().get(end) == Some(&b'-') {
            it.next();
            end += 1;
            kind = Kind::Punct('—');
        } else {
            kind = Kind::Punct(c);
        }
        let space_after = s[end..].chars().next().map_or(true, is_blank);
        let class = if kind == Kind::Word {
            crate::lexicon::quote::info(&s[start..end]).flags
        } else {
            0
        };
        out.push(Tok {
            span: Span::new(base + start, base + end),
            kind,
            space_before: prev_blank,
            space_after,
            cap,
            class,
        });
        prev_blank = false;
    }
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn next_is_digit(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_some_and(u8::is_ascii_digit)
}

fn next_is_alnum(s: &str, at: usize) -> bool {
    s.get(at..)
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// Whether `s[at..]` is `s` or `S` not followed by a letter or digit.
fn next_is_possessive_s(s: &str, at: usize) -> bool {
    let b = s.as_bytes();
    matches!(b.get(at), Some(b's' | b'S'))
        && !s
            .get(at + 1..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_alphanumeric)
}

/// Whether the dot at `dot` inside the word starting at `start` belongs to an
/// abbreviation like `U.S.` or `D.C.` (single letters between dots).
fn abbreviation_dot(s: &str, start: usize, dot: usize) -> bool {
    let word = &s.as_bytes()[start..dot];
    let last = word.rsplit(|&b| b == b'.').next().unwrap_or(word);
    last.len() == 1 && last[0].is_ascii_alphabetic() && {
        let next = s.as_bytes().get(dot + 2);
        // `U.S` followed by `.` or a non-letter: the next segment is one letter.
        !next.is_some_and(u8::is_ascii_alphabetic)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, Kind)> {
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        out.iter()
            .map(|t| (t.span.of(s).to_string(), t.kind))
            .collect()
    }

    #[test]
    fn apostrophes_stay_in_words() {
        let t = toks("Russia’s don't the '90s Jabhat al-Nusra's U.S. troops");
        let words: Vec<_> = t.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            [
                "Russia", "’s", "don't", "the", "'90s", "Jabhat", "al-Nusra", "'s", "U.S", ".",
                "troops"
            ]
        );
        assert_eq!(t[1].1, Kind::Poss);
        assert!(t.iter().all(|(_, k)| !matches!(k, Kind::Mark(_))));
    }

    #[test]
    fn marks_are_tokens() {
        let t = toks("“A,” he said. ''B'' 'c' «d»");
        let marks: Vec<_> = t
            .iter()
            .filter_map(|(_, k)| match k {
                Kind::Mark(g) => Some(*g),
                _ => None,
            })
            .collect();
        assert_eq!(
            marks,
            [
                Glyph::LeftDouble,
                Glyph::RightDouble,
                Glyph::DoubleApos,
                Glyph::DoubleApos,
                Glyph::Apos,
                Glyph::Apos,
                Glyph::LeftAngle,
                Glyph::RightAngle
            ]
        );
    }

    #[test]
    fn spacing_flags() {
        let s = "a \"b\" c";
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        assert!(out[1].space_before && !out[1].space_after);
        assert!(!out[3].space_before && out[3].space_after);
    }
}
