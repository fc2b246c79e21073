//! Small text scanners the claim stage shares: words and sentence ends.
//! Everything here is linear in the text it is given and allocation-free.

use crate::lexicon::claim::is_word_char;

/// The character at byte `i` of `text` and its length (ASCII fast path).
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    text.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
}

/// The words of `text` as byte ranges: runs of letters and digits, with
/// inner apostrophes (`don't`, `Russia’s`) and hyphens (`al-Nusra`) kept.
pub(crate) fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Iterator of [`words`].
pub(crate) struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl Words<'_> {
    /// Whether a word character starts at byte `i`, and its length.
    #[inline]
    fn word_char(&self, i: usize) -> Option<usize> {
        let b = *self.text.as_bytes().get(i)?;
        if b < 0x80 {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = self.text.get(i..)?.chars().next()?;
        is_word_char(c).then(|| c.len_utf8())
    }

    /// The length of a word joiner (`'`, `’`, `-`) at byte `i`, if any.
    #[inline]
    fn joiner(&self, i: usize) -> Option<usize> {
        match self.text.as_bytes().get(i..)? {
            [b'\'' | b'-', ..] => Some(1),
            [0xE2, 0x80, 0x99, ..] => Some(3),
            _ => None,
        }
    }
}

impl Words<'_> {
    /// Move to byte `p`, which starts a word or lies between words (the
    /// words before it are passed over unread).
    pub(crate) fn skip_to(&mut self, p: usize) {
        self.pos = p;
    }

    /// Move to the start of the next word whose first character is upper
    /// case (or to the end), passing over the words before it unread.
    pub(crate) fn skip_to_capital(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut p = self.pos;
        while let Some(&b) = bytes.get(p) {
            if !maybe_capital(b) {
                // Eight bytes at a time past those that cannot start one.
                p = next_maybe_capital(bytes, p + 1);
                continue;
            }
            let (upper, n) = if b < 0x80 {
                (b.is_ascii_uppercase(), 1)
            } else {
                match text.get(p..).and_then(|t| t.chars().next()) {
                    Some(c) => (is_word_char(c) && c.is_uppercase(), c.len_utf8()),
                    None => (false, 1),
                }
            };
            if upper && self.starts_word(p) {
                break;
            }
            p += n;
        }
        self.pos = p.min(bytes.len());
    }

    /// Whether the word character at byte `p` starts a word: it follows no
    /// word character, nor a joiner that follows one.
    fn starts_word(&self, p: usize) -> bool {
        let mut back = self.text.get(..p).unwrap_or("").chars().rev();
        match back.next() {
            None => true,
            Some(c) if is_word_char(c) => false,
            Some('\'' | '-' | '\u{2019}') => !back.next().is_some_and(is_word_char),
            Some(_) => true,
        }
    }
}

/// Whether a byte is an ASCII letter or digit (a table look-up is cheaper
/// than the range tests).
pub(crate) static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    /// An ASCII word between ASCII separators is read here; anything else
    /// out of line, so that this stays small enough to inline.
    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut p = self.pos;
        loop {
            let Some(&b) = bytes.get(p) else {
                self.pos = p;
                return None;
            };
            if ALNUM[usize::from(b)] {
                break;
            }
            if b >= 0x80 {
                return self.next_from(p);
            }
            p += 1;
        }
        let start = p;
        while bytes.get(p).is_some_and(|&b| ALNUM[usize::from(b)]) {
            p += 1;
        }
        if bytes
            .get(p)
            .is_some_and(|&b| b >= 0x80 || b == b'\'' || b == b'-')
        {
            return self.finish_word(start, p);
        }
        self.pos = p;
        Some((start, p))
    }
}

impl Words<'_> {
    /// [`Iterator::next`] from byte `p`, for any text.
    #[inline(never)]
    fn next_from(&mut self, mut p: usize) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let start = loop {
            let Some(&b) = bytes.get(p) else {
                self.pos = p;
                return None;
            };
            if ALNUM[usize::from(b)] {
                break p;
            }
            if b < 0x80 {
                p += 1;
            } else if self.word_char(p).is_some() {
                break p;
            } else {
                p += utf8_len(b);
            }
        };
        self.finish_word(start, p)
    }

    /// The word that starts at byte `start`, read up to `p` so far.
    #[inline(never)]
    fn finish_word(&mut self, start: usize, mut p: usize) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        loop {
            // ASCII letters and digits first, then anything slower.
            p += bytes
                .get(p..)
                .unwrap_or(&[])
                .iter()
                .take_while(|&&b| ALNUM[usize::from(b)])
                .count();
            let Some(&b) = bytes.get(p) else { break };
            // Other ASCII than a joiner ends the word.
            if b < 0x80 && b != b'\'' && b != b'-' {
                break;
            }
            if let Some(k) = self.word_char(p) {
                p += k;
            } else if let Some(k) = self.joiner(p).filter(|&k| self.word_char(p + k).is_some()) {
                p += k;
            } else {
                break;
            }
        }
        self.pos = p;
        Some((start, p))
    }
}

/// Whether byte `b` may start an upper-case character: an ASCII capital
/// or a byte of a non-ASCII character.
#[inline]
fn maybe_capital(b: u8) -> bool {
    b.is_ascii_uppercase() || b >= 0x80
}

/// The index of the first byte of `bytes` at or after `from` that
/// [`maybe_capital`] accepts (the length if none does); eight bytes are
/// tested at once (news prose is mostly lower case), the last few as the
/// last eight.
fn next_maybe_capital(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOWS: u64 = ONES * 0x7F;
    const HIGHS: u64 = ONES * 0x80;
    // The high bit of each ASCII byte above '@' and of each below '[',
    // both set for a capital (no carry crosses bytes: each low seven
    // bits plus at most 0x3F stays below 0x100); and every non-ASCII
    // byte's own high bit: exact, byte by byte.
    let flags = |x: u64| {
        let low = x & LOWS;
        let above_at = low + ONES * (0x7F - b'@' as u64);
        let below_bracket = ONES * (0x7F + b'[' as u64) - low;
        (above_at & below_bracket | x) & HIGHS
    };
    first_flagged(bytes, from, flags).unwrap_or(bytes.len())
}

/// The index of the first byte of `bytes` at or after `from` whose high
/// bit `flags` sets, of the eight bytes it reads at once (little endian),
/// `flags` being exact byte by byte (no carry crossing bytes). Fewer than
/// eight bytes left are read as the last eight of `bytes`, those before
/// `from` shifted out (or, in a text shorter than eight bytes, as zeros
/// after them, masked out).
#[inline]
fn first_flagged(bytes: &[u8], mut from: usize, flags: impl Fn(u64) -> u64) -> Option<usize> {
    // Up to eight bytes, zeros after them.
    let load = |chunk: &[u8]| {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        u64::from_le_bytes(word)
    };
    while let Some(chunk) = bytes.get(from..from + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let f = flags(u64::from_le_bytes(word));
        if f != 0 {
            return Some(from + f.trailing_zeros() as usize / 8);
        }
        from += 8;
    }
    let len = bytes.len();
    let f = if from >= len {
        0
    } else if let Some(last) = bytes.get(len.wrapping_sub(8)..).filter(|_| len >= 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(last);
        flags(u64::from_le_bytes(word)) >> (8 * (from + 8 - len))
    } else {
        flags(load(&bytes[from..])) & (u64::MAX >> (8 * (8 - (len - from))))
    };
    (f != 0).then(|| from + f.trailing_zeros() as usize / 8)
}

/// The length of the UTF-8 sequence that starts with byte `b` (1 for a
/// continuation byte, so that scanning moves on).
#[inline]
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Byte offset just past the end of the first sentence of `text` (the whole
/// text if it has one sentence). A sentence ends at `.`, `!`, `?` or `…`
/// (with any closing quotes or brackets) followed by white space and an
/// upper-case letter or an opening quotation mark, or at a line break.
pub(crate) fn first_sentence_end(text: &str) -> usize {
    sentence_ends(text).next().unwrap_or(text.len())
}

/// Bytes that can make a sentence end: `.`, `!`, `?`, a line break, and
/// the last byte of `…` (E2 80 A6; the lead byte E2 starts every curly
/// quotation mark too, A6 ends few other characters).
static MARK_START: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[0xA6] = true;
    t
};

/// The index of the first byte of `bytes` at or after `from` that
/// [`MARK_START`] holds; eight bytes are tested at once (sentence ends are
/// far apart).
fn next_mark(bytes: &[u8], mut from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `x` that is `b` (a zero byte of
    // `x ^ b..b`; a byte above one may be flagged too, harmlessly: the
    // search below finds the exact byte).
    let zeros = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y
    };
    while let Some(chunk) = bytes.get(from..from + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // All five tests at once, without a branch each.
        let any =
            zeros(x, b'.') | zeros(x, b'!') | zeros(x, b'?') | zeros(x, b'\n') | zeros(x, 0xA6);
        if any & HIGHS != 0 {
            break;
        }
        from += 8;
    }
    bytes
        .get(from..)?
        .iter()
        .position(|&b| MARK_START[usize::from(b)])
        .map(|k| from + k)
}

/// Offsets just past each sentence end in `text` (see [`first_sentence_end`]);
/// the end of the text is not included.
pub(crate) fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            // Skip to the next byte that can end a sentence.
            match next_mark(bytes, pos) {
                Some(k) => pos = k,
                None => {
                    pos = bytes.len();
                    break;
                }
            }
            let at = pos;
            let b = bytes[at];
            pos += 1;
            let (i, mark_len) = match b {
                b'\n' => return Some(at),
                b'.' | b'!' | b'?' => (at, 1),
                // "…" is E2 80 A6: it starts two bytes back.
                0xA6 if at >= 2 && bytes.get(at - 2..at) == Some(&[0xE2, 0x80]) => (at - 2, 3),
                _ => continue,
            };
            pos = i + mark_len;
            // Closing quotes, brackets and further dots stay with the sentence.
            let mut j = pos;
            while let Some((d, n)) = char_at(text, j) {
                if matches!(
                    d,
                    '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '»' | '.'
                ) {
                    j += n;
                } else {
                    break;
                }
            }
            let end = j;
            let mut k = j;
            while let Some((d, n)) = char_at(text, k) {
                if d.is_whitespace() {
                    k += n;
                } else {
                    break;
                }
            }
            let next = char_at(text, k).map(|(c, _)| c);
            let opens = next.is_some_and(|n| {
                n.is_uppercase() || matches!(n, '"' | '\u{201C}' | '«' | '\'' | '\u{2018}')
            });
            if k > j && opens && !(b == b'.' && is_initial(text, i)) {
                pos = end;
                return Some(end);
            }
        }
        None
    })
}

/// Whether the `.` at byte `dot` ends a single capital letter (`U.S.`,
/// `J. Smith`), which is not a sentence end.
fn is_initial(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let mut rev = before.chars().rev();
    match (rev.next(), rev.next()) {
        (Some(a), Some(b)) => a.is_uppercase() && !is_word_char(b),
        (Some(a), None) => a.is_uppercase(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_joiners() {
        let t = "We don’t, al-Nusra's -- 'quoted' 2015.";
        let w: Vec<&str> = words(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["We", "don’t", "al-Nusra's", "quoted", "2015"]);
    }

    #[test]
    fn the_ascii_fast_path_reads_what_the_general_one_reads() {
        for t in [
            "We don’t, al-Nusra's -- 'quoted' 2015.",
            "Ávila’s «Kyiv» naïve x-’y a' b- -c 'd ’e’ é É9 a\u{a0}b",
            "plain words only",
            "",
            "-",
            "ab-",
            "ab'c'd-e--f",
        ] {
            let fast: Vec<(usize, usize)> = words(t).collect();
            let mut general = words(t);
            let mut slow = Vec::new();
            while let Some(w) = general.next_from(general.pos) {
                slow.push(w);
            }
            assert_eq!(fast, slow, "{t}");
        }
    }

    #[test]
    fn the_capital_search_finds_what_a_byte_search_finds() {
        let t = "lower @[`{ Zebra AZaz éÉ “Quote” 09 @A Z[ ".repeat(3);
        let bytes = t.as_bytes();
        for from in 0..=bytes.len() {
            let expect = bytes[from..]
                .iter()
                .position(|&b| maybe_capital(b))
                .map_or(bytes.len(), |k| from + k);
            assert_eq!(next_maybe_capital(bytes, from), expect, "{from}");
        }
        for b in 0..=255u8 {
            let one = [b; 9];
            let expect = if maybe_capital(b) { 0 } else { 9 };
            assert_eq!(next_maybe_capital(&one, 0), expect, "{b}");
        }
        // Texts shorter than eight bytes, and the last few bytes of longer
        // ones (read as the last eight), from every offset.
        for n in 0..=20 {
            let bytes = &bytes[..n];
            for from in 0..=n {
                let expect = bytes[from..]
                    .iter()
                    .position(|&b| maybe_capital(b))
                    .map_or(n, |k| from + k);
                assert_eq!(next_maybe_capital(bytes, from), expect, "{n} {from}");
            }
        }
    }

    #[test]
    fn the_mark_search_finds_what_a_byte_search_finds() {
        let t = "One. Two! “Three?” Four…\nFive æ six — seven".repeat(3);
        let bytes = t.as_bytes();
        for from in 0..=bytes.len() + 1 {
            let expect = bytes
                .get(from..)
                .and_then(|b| b.iter().position(|&b| MARK_START[usize::from(b)]))
                .map(|k| from + k);
            assert_eq!(next_mark(bytes, from), expect, "{from}");
        }
        // Every length up to 20 (shorter than a chunk, or a chunk and a
        // few bytes), from every offset; marks after a mark, a byte one
        // above a mark after it (`./`, `!"`), and each mark alone.
        for t in [t.as_str(), "a./b!\"c?@\n\x0b…x", "........", ".!?\n…"] {
            let bytes = t.as_bytes();
            for n in 0..=bytes.len().min(20) {
                let bytes = &bytes[..n];
                for from in 0..=n {
                    let expect = bytes[from..]
                        .iter()
                        .position(|&b| MARK_START[usize::from(b)])
                        .map(|k| from + k);
                    assert_eq!(next_mark(bytes, from), expect, "{t:?} {n} {from}");
                }
            }
        }
        for b in 0..=255u8 {
            for n in [3, 9, 12] {
                let expect = MARK_START[usize::from(b)].then_some(0);
                assert_eq!(next_mark(&vec![b; n], 0), expect, "{b} {n}");
            }
        }
    }

    #[test]
    fn an_ellipsis_ends_a_sentence_and_curly_marks_do_not() {
        let t = "“We waited…” Then ‘nothing’. Æther… and more… “Yes.” Done";
        let ends: Vec<&str> = sentence_ends(t).map(|e| &t[..e]).collect();
        assert_eq!(
            ends,
            [
                "“We waited…”",
                "“We waited…” Then ‘nothing’.",
                "“We waited…” Then ‘nothing’. Æther… and more…",
                "“We waited…” Then ‘nothing’. Æther… and more… “Yes.”"
            ]
        );
    }

    #[test]
    fn sentences_split_at_ends_not_abbreviations() {
        let t = "The U.S. said no. On Oct. 6 it did. \"Yes,\" he said.";
        let ends: Vec<usize> = sentence_ends(t).collect();
        assert_eq!(ends.len(), 2, "{ends:?}");
        assert_eq!(&t[..ends[0]], "The U.S. said no.");
        assert_eq!(first_sentence_end("No end"), 6);
    }
}
