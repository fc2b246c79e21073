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
    /// The word's lexicon entry (`lexicon::quote::entry`), 0 for none.
    pub entry: u16,
    /// A hyphenated word whose last part is capitalised (`al-Nusra`).
    pub hyphen_cap: bool,
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

/// Byte classes of ASCII characters for the tokeniser's fast path.
const BLANK: u8 = 1;
const ALNUM: u8 = 2;

static ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        // `char::is_whitespace` on ASCII (with the vertical tab).
        if matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            t[b] = BLANK;
        } else if c.is_ascii_alphanumeric() {
            t[b] = ALNUM;
        }
        b += 1;
    }
    t
};

/// The character starting at byte `i` of `s` and its length (`None` past the
/// end or off a char boundary).
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// [`is_blank`] for a character that is not ASCII: a quotation mark is
/// answered without the Unicode white-space table.
#[inline]
fn is_blank_wide(c: char) -> bool {
    Glyph::of(c).is_none() && is_blank(c)
}

/// Whether the char at byte `i` of `s` is blank (see [`is_blank`]); `true` past the end.
#[inline(always)]
fn blank_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => true,
        Some(&b) if b < 0x80 => ASCII[usize::from(b)] == BLANK,
        Some(_) => char_at(s, i).map_or(true, |(c, _)| is_blank_wide(c)),
    }
}

/// `c.is_alphanumeric()`, answering without the Unicode tables for the
/// punctuation around words: the General Punctuation block (dashes, curly
/// quotes, `…`) and the angle quotes hold no letter or digit.
#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) || matches!(c, '«' | '»') {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// Whether the char at byte `i` of `s` is alphanumeric; `false` past the end.
#[inline]
fn alnum_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => ASCII[usize::from(b)] == ALNUM,
        Some(_) => char_at(s, i).is_some_and(|(c, _)| is_alnum(c)),
    }
}

/// Append the tokens of the paragraph `span` of `text` to `out`.
///
/// One pass over the bytes: ASCII letters, digits and blanks are classed by
/// table, and only other characters are decoded. Each word is looked up in
/// the lexicon once, without copying.
pub(crate) fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    let s = span.of(text);
    let base = span.start;
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    let mut prev_blank = true;
    while i < n {
        let b = bytes[i];
        let (c, clen) = if b < 0x80 {
            match ASCII[usize::from(b)] {
                BLANK => {
                    prev_blank = true;
                    i += 1;
                    continue;
                }
                _ => (char::from(b), 1),
            }
        } else {
            match char_at(s, i) {
                Some((c, _)) if is_blank_wide(c) => {
                    prev_blank = true;
                    i += c.len_utf8();
                    continue;
                }
                Some(x) => x,
                None => break,
            }
        };
        let start = i;
        let mut end = i + clen;
        let kind;
        let mut cap = false;
        let mut ascii = b < 0x80;
        let mut last_hyphen = None;
        // Non-ASCII marks and punctuation are never alphanumeric: test the
        // cheap glyph first.
        let glyph = if b < 0x80 { None } else { Glyph::of(c) };
        let alnum = if b < 0x80 {
            ASCII[usize::from(b)] == ALNUM
        } else {
            glyph.is_none() && is_alnum(c)
        };
        if alnum || (is_apos(c) && next_is_digit(bytes, end) && prev_blank) {
            // A word; an initial apostrophe before a digit is an elision ('90s).
            cap = if b < 0x80 {
                b.is_ascii_uppercase()
            } else {
                c.is_uppercase()
            };
            while end < n {
                let j = end;
                let d = bytes[j];
                if d < 0x80 && ASCII[usize::from(d)] == ALNUM {
                    end += 1;
                    continue;
                }
                let Some((d, dlen)) = char_at(s, j) else {
                    break;
                };
                let after = j + dlen;
                if d as u32 >= 0x80 && is_alnum(d) {
                    ascii = false;
                    end = after;
                } else if is_apos(d) && alnum_at(s, after) {
                    // Possessive 's ends the word; other contractions stay in.
                    if next_is_possessive_s(s, after) {
                        break;
                    }
                    ascii &= dlen == 1;
                    end = after;
                } else if matches!(d, '-' | '.' | '&' | '/') && alnum_at(s, after) {
                    if d == '.' && !abbreviation_dot(s, start, j) {
                        break;
                    }
                    if d == '-' {
                        last_hyphen = Some(after);
                    }
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
                end += 1;
            }
            kind = Kind::Word;
        } else if is_apos(c) && next_is_possessive_s(s, end) && !prev_blank {
            // The 's of a possessive.
            end += 1;
            kind = Kind::Poss;
        } else if c == '\'' && bytes.get(end) == Some(&b'\'') {
            end += 1;
            kind = Kind::Mark(Glyph::DoubleApos);
        } else if let Some(g) = glyph.or_else(|| Glyph::of(c)) {
            kind = Kind::Mark(g);
        } else if c == '-' && bytes.get(end) == Some(&b'-') {
            end += 1;
            kind = Kind::Punct('—');
        } else {
            kind = Kind::Punct(c);
        }
        let space_after = blank_at(s, end);
        let entry = if kind == Kind::Word && ascii {
            crate::lexicon::quote::entry_id_in(bytes, start, end)
        } else {
            0
        };
        let hyphen_cap =
            last_hyphen.is_some_and(|h| char_at(s, h).is_some_and(|(c, _)| c.is_uppercase()));
        out.push(Tok {
            // `start <= end` always: no need for `Span::new`'s swap.
            span: Span {
                start: base + start,
                end: base + end,
            },
            kind,
            space_before: prev_blank,
            space_after,
            cap,
            class: if entry == 0 {
                0
            } else {
                crate::lexicon::quote::entry(entry).info.flags
            },
            entry,
            hyphen_cap,
        });
        prev_blank = false;
        i = end;
    }
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn next_is_digit(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_some_and(u8::is_ascii_digit)
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
    fn punctuation_blocks_hold_no_alphanumerics() {
        for c in ('\u{2000}'..='\u{206F}').chain(['«', '»']) {
            assert!(!c.is_alphanumeric(), "{c:?}");
            assert!(!is_alnum(c), "{c:?}");
        }
        assert!(is_alnum('é') && is_alnum('Ж') && is_alnum('7') && !is_alnum('-'));
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
