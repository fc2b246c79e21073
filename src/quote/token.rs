//! Tokens of the quote stage: words, numbers, punctuation and quotation
//! marks of the content paragraphs, in one array for the whole document
//! (each [`Para`] knows its token range).
//!
//! Apostrophes inside words (`don't`, `Russia’s`, `the '90s`) never become
//! mark tokens; a possessive `'s`/`’s` is its own token so that `Putin's
//! spokesman` splits into owner and role.
//!
//! A run of the same quotation mark, three or more with nothing between
//! (`"""`, `“““`, `’’’’`), is three tokens, not one a mark: its first mark,
//! one mark token for all the marks between, its last mark. Every mark
//! inside a run has the same flanks (a mark on each side, no blank), so
//! pairing (`marks`) gives them the same act, which can only close or open an
//! empty stretch, and a second such mark changes nothing a first did not:
//! the run pairs as it did mark by mark, and a page of a million `"` makes
//! three tokens. (Two apostrophes `''` are one double mark, as before; a run
//! of those, of `'` or of `＂` stays a mark a token.)

use crate::article::Role;
use crate::lexicon::quote::{probe_short, Slots};
use crate::text::is_blank;
use crate::Span;

/// A quotation-mark glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
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
    /// The glyph whose discriminant is `i` (the packed token's payload).
    #[inline]
    fn from_index(i: u16) -> Option<Glyph> {
        Some(match i {
            0 => Glyph::Straight,
            1 => Glyph::DoubleApos,
            2 => Glyph::LeftDouble,
            3 => Glyph::RightDouble,
            4 => Glyph::LowDouble,
            5 => Glyph::LeftAngle,
            6 => Glyph::RightAngle,
            7 => Glyph::Apos,
            8 => Glyph::LeftSingle,
            9 => Glyph::RightSingle,
            10 => Glyph::LowSingle,
            11 => Glyph::LeftSingleAngle,
            12 => Glyph::RightSingleAngle,
            _ => return None,
        })
    }

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

// `Tok::tag`: what the token is; `Tok::ch` holds a punctuation character
// (one outside the Basic Multilingual Plane as U+FFFD: none is ever asked
// for by name) or a mark's glyph.
const TAG_WORD: u8 = 0;
const TAG_POSS: u8 = 1;
const TAG_PUNCT: u8 = 2;
const TAG_MARK: u8 = 3;
// `Tok::flags`.
const SPACE_BEFORE: u8 = 1;
const SPACE_AFTER: u8 = 1 << 1;
const CAP: u8 = 1 << 2;
const HYPHEN_CAP: u8 = 1 << 3;

/// One token, in 16 bytes: the byte offsets are `u32` (an article is at
/// most [`crate::article::MAX_INPUT`] bytes, `u32::MAX`), the kind is a tag
/// byte and a 16-bit payload, the spacing flags share a byte, so that a
/// document of nothing but marks (one token per byte) stays small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    /// First byte in the article text.
    start: u32,
    /// One past the last byte.
    end: u32,
    /// The word's lexicon classes (`lexicon::quote::class`), 0 for other tokens.
    pub class: u16,
    /// The word's lexicon entry (`lexicon::quote::entry`), 0 for none.
    pub entry: u16,
    /// A punctuation character or a mark's glyph (0 for words).
    ch: u16,
    /// Word, possessive, punctuation or mark.
    tag: u8,
    /// Spacing and capitalisation flags.
    flags: u8,
}

/// The payload of the punctuation token `c` (U+FFFD outside the Basic
/// Multilingual Plane).
#[inline]
fn punct_payload(c: char) -> u16 {
    u16::try_from(u32::from(c)).unwrap_or(0xFFFD)
}

impl Tok {
    /// Byte span in the article text.
    #[inline]
    pub(crate) fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }

    /// What it is.
    #[inline]
    pub(crate) fn kind(&self) -> Kind {
        match self.tag {
            TAG_WORD => Kind::Word,
            TAG_POSS => Kind::Poss,
            TAG_PUNCT => Kind::Punct(char::from_u32(u32::from(self.ch)).unwrap_or('\u{FFFD}')),
            _ => Kind::Mark(Glyph::from_index(self.ch).unwrap_or(Glyph::Straight)),
        }
    }

    /// The quotation mark's glyph, if the token is one.
    #[inline]
    pub(crate) fn mark(&self) -> Option<Glyph> {
        if self.tag == TAG_MARK {
            Glyph::from_index(self.ch)
        } else {
            None
        }
    }

    /// The punctuation character, if the token is one.
    #[inline]
    pub(crate) fn punct(&self) -> Option<char> {
        if self.tag == TAG_PUNCT {
            char::from_u32(u32::from(self.ch))
        } else {
            None
        }
    }

    /// Whether the token is of `kind`.
    #[inline]
    pub(crate) fn is_kind(&self, kind: Kind) -> bool {
        match kind {
            Kind::Word => self.tag == TAG_WORD,
            Kind::Poss => self.tag == TAG_POSS,
            Kind::Punct(c) => self.is_punct(c),
            Kind::Mark(g) => self.tag == TAG_MARK && self.ch == g as u16,
        }
    }

    /// Blank (or the paragraph's start) right before the token.
    #[inline]
    pub(crate) fn space_before(&self) -> bool {
        self.flags & SPACE_BEFORE != 0
    }

    /// Blank (or the paragraph's end) right after the token.
    #[inline]
    pub(crate) fn space_after(&self) -> bool {
        self.flags & SPACE_AFTER != 0
    }

    /// A word starting with an uppercase letter.
    #[inline]
    pub(crate) fn cap(&self) -> bool {
        self.flags & CAP != 0
    }

    /// A hyphenated word whose last part is capitalised (`al-Nusra`).
    #[inline]
    pub(crate) fn hyphen_cap(&self) -> bool {
        self.flags & HYPHEN_CAP != 0
    }

    /// What the lexicons say of the token's text `w` lowercased by Unicode
    /// rules (`lexicon::quote::info_lower`): for an ASCII word, the entry
    /// the tokeniser looked up, without a second lookup.
    #[inline]
    pub(crate) fn info(&self, w: &str) -> crate::lexicon::quote::WordInfo {
        if self.is_word() && w.is_ascii() {
            crate::lexicon::quote::entry(self.entry).info
        } else {
            crate::lexicon::quote::info_lower(w)
        }
    }

    /// Whether the word is of a lexicon class in `flag` (`lexicon::quote::class`).
    #[inline]
    pub(crate) fn is(&self, flag: u16) -> bool {
        self.class & flag != 0
    }

    /// Whether the token is a word.
    #[inline]
    pub(crate) fn is_word(&self) -> bool {
        self.tag == TAG_WORD
    }

    /// Whether the token is a quotation mark.
    #[inline]
    pub(crate) fn is_mark(&self) -> bool {
        self.tag == TAG_MARK
    }

    /// Whether the token is the punctuation character `c`.
    #[inline]
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.tag == TAG_PUNCT && u32::from(self.ch) == u32::from(c)
    }

    /// Whether the token ends a sentence (`.`, `?`, `!`, `…`).
    #[inline]
    pub(crate) fn is_terminal(&self) -> bool {
        self.tag == TAG_PUNCT && matches!(self.ch, 0x2E | 0x3F | 0x21 | 0x2026)
    }

    /// Whether the token is a dash (`-`, `–`, `—`) standing alone.
    #[inline]
    pub(crate) fn is_dash(&self) -> bool {
        self.tag == TAG_PUNCT && matches!(self.ch, 0x2D | 0x2013 | 0x2014)
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

/// Byte classes of ASCII characters for the tokeniser's fast path (a byte
/// of a character that is not ASCII is of neither class).
const BLANK: u8 = 1;
const ALNUM: u8 = 2;

static ASCII: [u8; 256] = {
    let mut t = [0u8; 256];
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

/// The bytes of `x` (8 bytes of text, little-endian) that are ASCII letters
/// or digits, as the high bit of each byte (SWAR: no byte carries into the
/// next).
#[inline]
fn alnum_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // Each byte of `y` is below 0x80, so adding at most 0x80 never carries.
    let y = x & !HIGH;
    // High bit set: the byte is >= `lo` (first), > `hi` (second).
    let ge = |v: u64, lo: u8| v.wrapping_add(ONES * u64::from(0x80 - lo));
    let gt = |v: u64, hi: u8| v.wrapping_add(ONES * u64::from(0x7F - hi));
    let digit = ge(y, b'0') & !gt(y, b'9');
    let folded = y | (ONES * 0x20);
    let letter = ge(folded, b'a') & !gt(folded, b'z');
    (digit | letter) & !x & HIGH
}

/// Whether the word `bytes[start..end]` is a middle initial, which keeps its
/// period: `Charles E. Grassley`.
#[inline]
fn middle_initial(bytes: &[u8], start: usize, end: usize) -> bool {
    end - start == 1
        && bytes[start].is_ascii_uppercase()
        && bytes.get(end) == Some(&b'.')
        && bytes.get(end + 1) == Some(&b' ')
        && bytes.get(end + 2).is_some_and(u8::is_ascii_uppercase)
        && start > 0
        && bytes[start - 1] == b' '
}

/// The flags byte of a token.
#[inline]
fn flags(space_before: bool, space_after: bool, cap: bool, hyphen_cap: bool) -> u8 {
    (u8::from(space_before) * SPACE_BEFORE)
        | (u8::from(space_after) * SPACE_AFTER)
        | (u8::from(cap) * CAP)
        | (u8::from(hyphen_cap) * HYPHEN_CAP)
}

/// What the byte after the letters and digits of an ASCII word does to it
/// ([`AFTER`]): ends it (0), ends it and is blank, may join it to more
/// letters (`'`, `-`, `.`, `&`, `/`), or starts a character that is not
/// ASCII (the general path reads the word).
const AFTER_END: u8 = 0;
const AFTER_BLANK: u8 = 1;
const AFTER_JOIN: u8 = 2;
const AFTER_WIDE: u8 = 3;

static AFTER: [u8; 256] = {
    let mut t = [AFTER_END; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b >= 0x80 {
            AFTER_WIDE
        } else if ASCII[b] == BLANK {
            AFTER_BLANK
        } else if matches!(b as u8, b'\'' | b'-' | b'.' | b'&' | b'/') {
            AFTER_JOIN
        } else {
            AFTER_END
        };
        b += 1;
    }
    t
};

/// The 8 bytes of `bytes` from `at` (below its length) as a little-endian
/// integer, zero-padded past the end.
#[inline(always)]
fn load8(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(head) => {
            let mut b = [0u8; 8];
            b.copy_from_slice(head);
            u64::from_le_bytes(b)
        }
        None => load_short(bytes, at),
    }
}

/// [`load8`] near the end of `bytes`, where fewer than 8 bytes are left.
#[inline(never)]
fn load_short(bytes: &[u8], at: usize) -> u64 {
    crate::lexicon::quote::head_key(bytes.get(at..).unwrap_or_default())
}

/// The common word: ASCII letters and digits from `start` (whose byte is
/// one), ended by a byte that cannot continue it (a blank, most punctuation,
/// the paragraph's end). Pushes it and returns where the next token may start
/// and whether a blank precedes it; `None`, pushing nothing, for a word the
/// general path must read (an apostrophe, hyphen, dot, `&` or `/` before a
/// letter or digit, a character that is not ASCII).
///
/// The run and the lexicon key come from one 8-byte load (zero bytes past
/// the paragraph end end the word); a word of at most 16 bytes is found in
/// the lexicon by its key alone ([`probe_short`]).
#[inline(always)]
fn ascii_word(
    bytes: &[u8],
    start: usize,
    prev_blank: bool,
    slots: &Slots,
    base: usize,
    out: &mut Vec<Tok>,
    caps: &mut Vec<u32>,
) -> Option<(usize, bool)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = load8(bytes, start);
    let stop = !alnum_bytes(x) & (ONES * 0x80);
    // Setting bit 5 of a letter lowercases it and leaves a digit (or the
    // period of an initial) as it is.
    let folded = x | (ONES * 0x20);
    let (mut end, mut key) = if stop != 0 {
        // The bytes below the first stop (its high bit is bit 8 * len + 7).
        let len = (stop.trailing_zeros() / 8) as usize;
        (start + len, folded & ((stop ^ (stop - 1)) >> 8))
    } else {
        let run = bytes[start + 8..]
            .iter()
            .take_while(|&&d| ASCII[usize::from(d)] == ALNUM)
            .count();
        (start + 8 + run, folded)
    };
    let cap = (x as u8).is_ascii_uppercase();
    // Blank after the word (or the paragraph's end), and where the next
    // token may start: a blank after the word is skipped here, not by
    // another turn of the loop.
    let (mut space_after, mut next) = (true, end);
    if let Some(&d) = bytes.get(end) {
        match AFTER[usize::from(d)] {
            AFTER_BLANK => next = end + 1,
            AFTER_END => space_after = false,
            AFTER_WIDE => return None,
            _ => {
                // The general path's word loop ends here too only if no
                // letter or digit follows the joiner.
                match bytes.get(end + 1) {
                    Some(&e) if e >= 0x80 || ASCII[usize::from(e)] == ALNUM => return None,
                    _ => {}
                }
                if middle_initial(bytes, start, end) {
                    // `E. ` keeps its period; the blank after it is skipped.
                    end += 1;
                    key = folded & 0xFFFF;
                    next = end + 1;
                } else {
                    space_after = false;
                }
            }
        }
    }
    let len = end - start;
    let (entry, class) = if len <= 8 {
        probe_short(slots, key)
    } else {
        long_word(bytes, start, end, key)
    };
    if cap {
        // In range: the token count is below the text length.
        caps.push(out.len() as u32);
    }
    out.push(Tok {
        // In range: checked for the paragraph's end by the caller.
        start: (base + start) as u32,
        end: (base + end) as u32,
        class,
        entry,
        ch: 0,
        tag: TAG_WORD,
        flags: flags(prev_blank, space_after, cap, false),
    });
    Some((next, next != end))
}

/// The lexicon entry and classes of the ASCII word `bytes[start..end]` of
/// letters and digits, longer than 8 bytes, whose first 8 are lowercased
/// in `key`.
#[inline(never)]
fn long_word(bytes: &[u8], start: usize, end: usize, key: u64) -> (u16, u16) {
    let words = crate::lexicon::quote::words();
    let len = end - start;
    if len <= 16 {
        let mask = u64::MAX >> (8 * (16 - len));
        let tail = (load8(bytes, start + 8) | 0x2020_2020_2020_2020) & mask;
        words.prober().probe_long(key, tail)
    } else {
        words.lookup(key, &bytes[start..end])
    }
}

/// Append the tokens of the paragraph `span` of `text` to `out`.
#[cfg(test)]
pub(crate) fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) {
    tokenize_noting(text, span, out, &mut Vec::new(), &mut Vec::new());
}

/// Whether a token of tag `tag` and payload `ch` is noted by
/// [`tokenize_noting`]: a quotation mark or a sentence terminal.
#[inline]
fn noted(tag: u8, ch: u16) -> bool {
    tag == TAG_MARK || (tag == TAG_PUNCT && matches!(ch, 0x2E | 0x3F | 0x21 | 0x2026))
}

impl Tok {
    /// Whether [`tokenize_noting`] notes the token (a quotation mark or a
    /// sentence terminal).
    #[cfg(test)]
    pub(crate) fn is_noted(&self) -> bool {
        noted(self.tag, self.ch)
    }
}

/// The tokens `toks` of `text` with the middle token of every run of marks
/// (see the module docs) split into one token a mark, as they were before
/// runs were read as one, and the notes of those tokens.
#[cfg(test)]
pub(crate) fn split_runs(text: &str, toks: &[Tok]) -> (Vec<Tok>, Vec<u32>) {
    let mut out = Vec::new();
    for t in toks {
        let span = t.span().of(text);
        if !t.is_mark() || span.chars().nth(1).is_none() {
            out.push(*t);
            continue;
        }
        // A middle token: no blank on either side.
        assert_eq!(t.flags, 0, "{span:?}");
        let mut at = t.start;
        for c in span.chars() {
            let end = at + c.len_utf8() as u32;
            out.push(Tok {
                start: at,
                end,
                ..*t
            });
            at = end;
        }
    }
    let notes = (0..out.len() as u32)
        .filter(|&k| out[k as usize].is_noted())
        .collect();
    (out, notes)
}

/// Append the tokens of the paragraph `span` of `text` to `out`, and the
/// indices in `out` of its quotation marks and sentence terminals
/// (see [`noted`]), in order, to `notes`: the only tokens that pair
/// quotes (`marks`) or end sentences (`sentence`) before the paragraph's
/// end, so that those need not walk every token; and the indices of its
/// capitalised words ([`Tok::cap`] or [`Tok::hyphen_cap`]), in order, to
/// `caps`: the only tokens a name starts at (`speaker::Registry::build`).
///
/// One pass over the bytes: ASCII letters, digits and blanks are classed by
/// table, and only other characters are decoded. A word of ASCII letters and
/// digits takes a fast path ([`ascii_word`]); each word is looked up in the
/// lexicon once, without copying.
pub(crate) fn tokenize_noting(
    text: &str,
    span: Span,
    out: &mut Vec<Tok>,
    notes: &mut Vec<u32>,
    caps: &mut Vec<u32>,
) {
    if u32::try_from(span.end).is_err() {
        // Past `MAX_INPUT`: never from an article.
        return;
    }
    let s = span.of(text);
    let base = span.start;
    let bytes = s.as_bytes();
    let n = bytes.len();
    let slots = crate::lexicon::quote::words().prober().slots();
    let mut i = 0;
    let mut prev_blank = true;
    while i < n {
        let b = bytes[i];
        // A byte of a character that is not ASCII is of no class.
        match ASCII[usize::from(b)] {
            ALNUM => {
                if let Some(next) = ascii_word(bytes, i, prev_blank, slots, base, out, caps) {
                    (i, prev_blank) = next;
                    continue;
                }
            }
            BLANK => {
                prev_blank = true;
                i += 1;
                continue;
            }
            // ASCII punctuation that is no mark, apostrophe or dash: one
            // token of its own.
            _ if b < 0x80 && !matches!(b, b'\'' | b'"' | b'-') => {
                if matches!(b, b'.' | b'?' | b'!') {
                    // In range: the token count is below the text length.
                    notes.push(out.len() as u32);
                }
                let space_after = blank_at(s, i + 1);
                out.push(Tok {
                    start: (base + i) as u32,
                    end: (base + i + 1) as u32,
                    class: 0,
                    entry: 0,
                    ch: u16::from(b),
                    tag: TAG_PUNCT,
                    flags: flags(prev_blank, space_after, false, false),
                });
                prev_blank = false;
                i += 1;
                continue;
            }
            _ if matches!(b, b'"' | 0xC2 | 0xE2) => {
                if let Some(next) = mark_at(s, i, prev_blank, base, out, notes) {
                    (i, prev_blank) = (next, false);
                    continue;
                }
            }
            _ => {}
        }
        match token_at(s, i, prev_blank, base, out, notes, caps) {
            Some(next) => (i, prev_blank) = next,
            None => break,
        }
    }
}

/// The quotation mark starting at byte `i` of `bytes` (a whole `str`'s) and
/// its length, for `"` and the marks of two or three bytes that are not
/// ASCII (`«`, `»` and those of the General Punctuation block): the char
/// is read from its known bytes without a general decode, and
/// [`Glyph::of`] tells the mark; `None` for anything else (`＂` and `'`
/// too, which the general path reads).
#[inline(always)]
fn mark_glyph(bytes: &[u8], i: usize) -> Option<(Glyph, usize)> {
    let (c, len) = match bytes[i] {
        b'"' => ('"', 1),
        // U+0080 to U+00BF: the second byte is the char's value.
        0xC2 => (char::from(*bytes.get(i + 1)?), 2),
        // U+2000 to U+203F: the low six bits of the third byte.
        0xE2 if bytes.get(i + 1) == Some(&0x80) => {
            let low = u32::from(bytes.get(i + 2)? & 0x3F);
            (char::from_u32(0x2000 + low)?, 3)
        }
        _ => return None,
    };
    Some((Glyph::of(c)?, len))
}

/// The token of the quotation mark at byte `i` of the paragraph `s`
/// (starting at `base` in the text), if one starts there ([`mark_glyph`])
/// that the general path ([`token_at`]) would make a mark token of: any but
/// `’` before a digit after a blank (an elision, `’90s`) or before a
/// possessive `s` after a word. Pushes it, noted, and returns where the next
/// token may start. Out of the main loop, whose registers it would take.
#[inline(never)]
fn mark_at(
    s: &str,
    i: usize,
    prev_blank: bool,
    base: usize,
    out: &mut Vec<Tok>,
    notes: &mut Vec<u32>,
) -> Option<usize> {
    let bytes = s.as_bytes();
    let (g, len) = mark_glyph(bytes, i)?;
    let end = i + len;
    if g == Glyph::RightSingle
        && ((next_is_digit(bytes, end) && prev_blank)
            || (next_is_possessive_s(s, end) && !prev_blank))
    {
        return None;
    }
    let t = Tok {
        // In range: checked for the paragraph's end by the caller.
        start: (base + i) as u32,
        end: (base + end) as u32,
        class: 0,
        entry: 0,
        ch: g as u16,
        tag: TAG_MARK,
        flags: flags(prev_blank, blank_at(s, end), false, false),
    };
    // The same first byte after the mark: perhaps a run.
    if bytes.get(end) == bytes.get(i) {
        let last = run_end(s, i, len, g);
        if last > i {
            return Some(push_run(s, base, t, last + len, out, notes));
        }
    }
    // In range: the token count is below the text length.
    notes.push(out.len() as u32);
    out.push(t);
    Some(end)
}

/// Push, noted, the run of marks (see [`run_end`]) from the mark token
/// `first` to byte `stop` of the paragraph `s` (starting at `base` in the
/// text) as three tokens at most: its first mark, one token for the marks
/// between, its last mark. Returns `stop`.
#[inline(never)]
fn push_run(
    s: &str,
    base: usize,
    first: Tok,
    stop: usize,
    out: &mut Vec<Tok>,
    notes: &mut Vec<u32>,
) -> usize {
    let len = first.end - first.start;
    // In range: checked for the paragraph's end by the caller.
    let end = (base + stop) as u32;
    let mut push = |start: u32, end: u32, flags: u8| {
        // In range: the token count is below the text length.
        notes.push(out.len() as u32);
        out.push(Tok {
            start,
            end,
            flags,
            ..first
        });
    };
    // No blank after the first mark, nor before the last.
    push(first.start, first.end, first.flags);
    if end - first.end > len {
        push(first.end, end - len, 0);
    }
    push(
        end - len,
        end,
        flags(false, blank_at(s, stop), false, false),
    );
    stop
}

/// Where the last mark starts of the run of marks the same as the mark of
/// glyph `g` and length `len` at byte `i` of the paragraph `s` (`i` for a
/// mark alone): a mark directly followed by the same bytes, again and
/// again. A `’` that is a possessive's (`’’s`) ends the run before it, as
/// the general path reads it as one.
///
/// Inside such a run every mark but the first and last has the same flanks
/// (no blank on either side, a mark on each), and the pairing of `marks`
/// gives such a mark the same act, which can only close or open an empty
/// stretch; a second one changes nothing more. So the marks between are one
/// token (and noted once) without changing what pairs: the arrays of a page
/// of a million `"` hold three tokens, not a million.
#[inline(never)]
fn run_end(s: &str, i: usize, len: usize, g: Glyph) -> usize {
    let bytes = s.as_bytes();
    let mark = &bytes[i..i + len];
    let rest = &bytes[i + len..];
    let more = if len == 1 {
        rest.iter().take_while(|&&b| b == mark[0]).count()
    } else {
        rest.chunks_exact(len).take_while(|c| *c == mark).count()
    };
    let mut last = i + len * more;
    if more > 0 && g == Glyph::RightSingle && next_is_possessive_s(s, last + len) {
        last -= len;
    }
    last
}

/// The general path of [`tokenize_noting`], out of its loop: the token (or blank
/// that is not ASCII) at byte `i` of the paragraph `s`, starting at `base`
/// in the text, whatever it is. Pushes it and returns where the next token
/// may start and whether a blank precedes it; `None` off a char boundary.
#[inline(never)]
fn token_at(
    s: &str,
    i: usize,
    prev_blank: bool,
    base: usize,
    out: &mut Vec<Tok>,
    notes: &mut Vec<u32>,
    caps: &mut Vec<u32>,
) -> Option<(usize, bool)> {
    let bytes = s.as_bytes();
    let n = bytes.len();
    let b = bytes[i];
    let (c, clen) = if b < 0x80 {
        (char::from(b), 1)
    } else {
        match char_at(s, i)? {
            (c, len) if is_blank_wide(c) => return Some((i + len, true)),
            x => x,
        }
    };
    let start = i;
    let mut end = i + clen;
    // The token's tag and payload (see `Tok`).
    let (tag, ch);
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
        loop {
            // A run of ASCII letters and digits in one sweep.
            end += bytes[end..]
                .iter()
                .take_while(|&&d| ASCII[usize::from(d)] == ALNUM)
                .count();
            let j = end;
            if j >= n {
                break;
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
        if middle_initial(bytes, start, end) {
            end += 1;
        }
        (tag, ch) = (TAG_WORD, 0);
    } else if is_apos(c) && next_is_possessive_s(s, end) && !prev_blank {
        // The 's of a possessive.
        end += 1;
        (tag, ch) = (TAG_POSS, 0);
    } else if c == '\'' && bytes.get(end) == Some(&b'\'') {
        end += 1;
        (tag, ch) = (TAG_MARK, Glyph::DoubleApos as u16);
    } else if let Some(g) = glyph.or_else(|| Glyph::of(c)) {
        (tag, ch) = (TAG_MARK, g as u16);
    } else if c == '-' && bytes.get(end) == Some(&b'-') {
        end += 1;
        (tag, ch) = (TAG_PUNCT, punct_payload('—'));
    } else {
        (tag, ch) = (TAG_PUNCT, punct_payload(c));
    }
    let space_after = blank_at(s, end);
    let (entry, class) = if tag == TAG_WORD && ascii {
        crate::lexicon::quote::entry_in(bytes, start, end)
    } else {
        (0, 0)
    };
    let hyphen_cap =
        last_hyphen.is_some_and(|h| char_at(s, h).is_some_and(|(c, _)| c.is_uppercase()));
    if noted(tag, ch) {
        notes.push(out.len() as u32);
    }
    if cap || hyphen_cap {
        caps.push(out.len() as u32);
    }
    out.push(Tok {
        // In range: checked for the paragraph's end above.
        start: (base + start) as u32,
        end: (base + end) as u32,
        class,
        entry,
        ch,
        tag,
        flags: flags(prev_blank, space_after, cap, hyphen_cap),
    });
    Some((end, false))
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
            .map(|t| (t.span().of(s).to_string(), t.kind()))
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
    fn tokens_are_small_and_round_trip() {
        assert_eq!(std::mem::size_of::<Tok>(), 16);
        let s = "“Said,” he — Russia’s 😀 x";
        let mut out = Vec::new();
        tokenize(s, Span::new(3, s.len()), &mut out);
        let kinds: Vec<_> = out.iter().map(Tok::kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Word,
                Kind::Punct(','),
                Kind::Mark(Glyph::RightDouble),
                Kind::Word,
                Kind::Punct('—'),
                Kind::Word,
                Kind::Poss,
                // Outside the Basic Multilingual Plane: a placeholder.
                Kind::Punct('\u{FFFD}'),
                Kind::Word
            ]
        );
        assert_eq!(out[0].span().of(s), "Said");
        assert!(out[0].cap() && out[2].space_after() && !out[1].space_before());
        assert!(out[4].is_dash() && out[1].is_punct(',') && out[2].is_mark());
        assert_eq!(out[2].mark(), Some(Glyph::RightDouble));
        assert!(
            out[0].is_word() && out[0].entry != 0 && out[0].is(crate::lexicon::quote::class::VERB)
        );
    }

    #[test]
    fn swar_alnum_bytes_match_the_table() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                // Neighbours of every kind: letters, high bytes, blanks.
                for fill in [b'a', 0xFF, b' ', b'Z'] {
                    let mut x = [fill; 8];
                    x[lane] = b;
                    let m = alnum_bytes(u64::from_le_bytes(x));
                    let got = m >> (8 * lane + 7) & 1 == 1;
                    assert_eq!(got, ASCII[usize::from(b)] == ALNUM, "{b:#x} in lane {lane}");
                }
            }
        }
    }

    #[test]
    fn fast_and_general_word_paths_agree() {
        // Words ended by every kind of byte, near and far from the end.
        let s = "A. B E. Grassley don't x-y U.S. 4.5 a&b a/b ab' ab- ab. ab'x café Ünal \
                 abcdefghijkl, abcdefgh. abcdefg'h ab\u{00A0}cd ab\u{2019}s ab\u{2014}cd ab";
        let t = toks(s);
        let words: Vec<_> = t.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            [
                "A",
                ".",
                "B",
                "E.",
                "Grassley",
                "don't",
                "x-y",
                "U.S",
                ".",
                "4",
                ".",
                "5",
                "a&b",
                "a/b",
                "ab",
                "'",
                "ab",
                "-",
                "ab",
                ".",
                "ab'x",
                "café",
                "Ünal",
                "abcdefghijkl",
                ",",
                "abcdefgh",
                ".",
                "abcdefg'h",
                "ab",
                "cd",
                "ab",
                "\u{2019}s",
                "ab",
                "\u{2014}",
                "cd",
                "ab"
            ]
        );
    }

    /// The tokens, notes and caps of `s` by the general path alone, which
    /// reads a mark a token (the main loop skips ASCII blanks itself).
    fn general_path(s: &str) -> (Vec<Tok>, Vec<u32>, Vec<u32>) {
        let (mut slow, mut slow_notes, mut slow_caps) = (Vec::new(), Vec::new(), Vec::new());
        let (mut i, mut prev_blank) = (0, true);
        while i < s.len() {
            if s.as_bytes()[i] == b' ' {
                (i, prev_blank) = (i + 1, true);
                continue;
            }
            match token_at(
                s,
                i,
                prev_blank,
                0,
                &mut slow,
                &mut slow_notes,
                &mut slow_caps,
            ) {
                Some(next) => (i, prev_blank) = next,
                None => break,
            }
        }
        (slow, slow_notes, slow_caps)
    }

    #[test]
    fn runs_split_are_the_marks_one_by_one() {
        let s = "\"\"\"a \"\"\"\" b\"\"\". “““c”””””, «««d»»»» „„„e‘‘‘‘ f’’’s ’’’’’ ‹‹‹g››› \"\"";
        let (mut fast, mut notes) = (Vec::new(), Vec::new());
        tokenize_noting(
            s,
            Span::new(0, s.len()),
            &mut fast,
            &mut notes,
            &mut Vec::new(),
        );
        let (slow, slow_notes, _) = general_path(s);
        assert_eq!(fast.len() + 7, slow.len());
        assert_eq!(split_runs(s, &fast), (slow, slow_notes));
    }

    #[test]
    fn fast_and_general_mark_paths_agree() {
        // Every glyph, before and after words, blanks, digits and `s`.
        let s = "\"a\" “b” ‟c″ „d“ «e» ‘f’ ‛g’ ‚h‘ ‹i› ＂j＂ x’s x’ s ’90s x’9 ’s’ \
                 ’ “” a“b ”, «»x ‘’ ”s a’sb";
        let (mut fast, mut fast_notes, mut fast_caps) = (Vec::new(), Vec::new(), Vec::new());
        tokenize_noting(
            s,
            Span::new(0, s.len()),
            &mut fast,
            &mut fast_notes,
            &mut fast_caps,
        );
        let (slow, slow_notes, slow_caps) = general_path(s);
        assert_eq!(fast, slow);
        assert_eq!(fast_notes, slow_notes);
        assert_eq!(fast_caps, slow_caps);
        assert!(fast.iter().filter(|t| t.is_mark()).count() > 30);
    }

    #[test]
    fn token_entries_answer_the_list_tests() {
        use crate::lexicon::quote as lex;
        let s = "While Asked whether, which Breaking: Though WHEN Élan how-to Correction";
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        for t in out.iter().filter(|t| t.is_word()) {
            let w = t.span().of(s);
            let info = t.info(w);
            assert_eq!(
                info.is_subordinator(),
                lex::info_lower(w).is_subordinator(),
                "{w}"
            );
            assert_eq!(
                info.is_clause_word(),
                lex::info_lower(w).is_clause_word(),
                "{w}"
            );
            assert_eq!(
                info.is_question_word(),
                lex::info_lower(w).is_question_word(),
                "{w}"
            );
            assert_eq!(info.is_label(), lex::info_lower(w).is_label(), "{w}");
        }
        assert!(out[0].info("While").is_subordinator());
    }

    #[test]
    fn runs_of_marks_are_three_tokens() {
        let t = toks("a \"\"\"\"\" b “““ c ’’’s ««d\"\"");
        let words: Vec<_> = t.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            [
                "a", "\"", "\"\"\"", "\"", "b", "“", "“", "“", "c", "’", "’", "’s", "«", "«", "d",
                "\"", "\""
            ]
        );
        assert_eq!(t[2].1, Kind::Mark(Glyph::Straight));
        assert_eq!(t[11].1, Kind::Poss);
        let s = "x \"\"\"\"y";
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        assert!(out[1].space_before() && !out[1].space_after());
        assert!(!out[2].space_before() && !out[2].space_after());
        assert!(!out[3].space_before() && !out[3].space_after());
        // A page of marks: three tokens, all noted.
        let page = "“".repeat(1000);
        let (mut out, mut notes) = (Vec::new(), Vec::new());
        tokenize_noting(
            &page,
            Span::new(0, page.len()),
            &mut out,
            &mut notes,
            &mut Vec::new(),
        );
        assert_eq!(out.len(), 3);
        assert_eq!(notes, [0, 1, 2]);
        assert_eq!(out[1].span(), Span::new(3, 2997));
        assert!(out[0].space_before() && out[2].space_after());
    }

    #[test]
    fn spacing_flags() {
        let s = "a \"b\" c";
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        assert!(out[1].space_before() && !out[1].space_after());
        assert!(!out[3].space_before() && out[3].space_after());
    }
}
