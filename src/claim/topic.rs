//! Topic keys, proposition keys and the positive form of a claim.
//!
//! The topic key is the highest-priority topic of the synonym lexicon the
//! claim mentions (`ground operation`, `land troops` and `troops on the
//! ground` are all `ground troops`), qualified by the first place the claim
//! names (`ground troops in syria`). A claim that mentions no lexicon topic
//! (a partial quote such as "cannot be stopped") takes it from the writer's
//! sentence around the quote; failing that, its first content words are the
//! key. The proposition key adds the claim's predicate class (`prevent`,
//! `recruit`, `reduce` ...) to the topic key, so that "X is recruiting
//! volunteers" and "X is preventing volunteers" differ while "there can be
//! no ground operation" and "Russia is not considering deploying ground
//! troops" agree. The group id is a stable hash of the proposition key.

use super::polarity;
use super::scan;
use super::tagged::Tagged;
use super::TagSet;
use crate::lexicon::claim::{is_nt, is_stopword, packed, stopwords, Stopwords, Tag};
use crate::lexicon::quote::lower8;
use crate::Span;
use std::sync::LazyLock;

/// A claim's topic and proposition group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Key {
    pub topic: String,
    pub group: u64,
}

/// The parts of `content` that carry separate claims, relative to it: two
/// when its first sentence contrasts a denial with an assertion (`We are
/// not talking about X, but Y may remain`), else the whole content.
pub(crate) fn parts(content: &Tagged<'_>, tags: TagSet) -> impl Iterator<Item = Span> {
    // Without a contrast word anywhere (most quotes), none is cut out to be read.
    let (first, second) = if tags.any(&[Tag::Contrast]) {
        split(content)
    } else {
        (Span::new(0, content.text.len()), None)
    };
    std::iter::once(first).chain(second)
}

/// The one or two parts of [`parts`] of a content with a contrast word.
fn split(content: &Tagged<'_>) -> (Span, Option<Span>) {
    let whole = (Span::new(0, content.text.len()), None);
    let first = content.first_sentence();
    let Some(at) = contrast(&first) else {
        return whole;
    };
    let text = content.text;
    let left_end = text[..at]
        .trim_end_matches([',', ';', ' ', '-', '–', '—'])
        .len();
    let word_end = at + scan::words(&text[at..]).next().map_or(0, |(_, e)| e);
    let right_start = text.len() - text[word_end..].trim_start().len();
    if left_end == 0 || right_start >= text.len() {
        return whole;
    }
    let (left, right) = (
        content.sub(0, left_end),
        content.sub(right_start, text.len()),
    );
    if polarity::negated(&left) == polarity::negated(&right) {
        return whole;
    }
    (
        Span::new(0, left_end),
        Some(Span::new(right_start, text.len())),
    )
}

/// Contrast words looked at in a claim's first sentence.
const MAX_CONTRASTS: usize = 4;

/// Byte offset of a clause-joining `but` in `t` (after a comma, or after a
/// negated clause), if any.
fn contrast(t: &Tagged<'_>) -> Option<usize> {
    t.hits()
        .filter(|h| matches!(h.tag, Tag::Contrast) && h.span.start > 0)
        .take(MAX_CONTRASTS)
        .find_map(|h| {
            let st = h.span.start;
            let before = t.text[..st].trim_end();
            let after_comma = before.ends_with(',') || before.ends_with(';');
            (after_comma || polarity::negated(&t.sub(0, st))).then_some(st)
        })
}

/// Words at the start of a claim searched for its topic: a topic named
/// only deep in a long quote is an aside, not what the claim is about.
const TOPIC_WORDS: usize = 25;

/// The topic lexicon's key for `t`: the topic mentioned first within its
/// first [`TOPIC_WORDS`] words.
fn lexicon_topic(t: &Tagged<'_>) -> Option<&'static str> {
    let (key, start) = t.hits().find_map(|h| match h.tag {
        Tag::Topic(k) => Some((k, h.span.start)),
        _ => None,
    })?;
    let too_deep = scan::words(&t.text[..start]).nth(TOPIC_WORDS - 1).is_some();
    (!too_deep).then_some(key)
}

/// The places of `t` that follow a locative preposition (`in Iraq`, `to
/// the United States`, `on Syrian soil`), in text order.
#[cfg(test)]
pub(crate) fn located_places(t: &Tagged<'_>) -> Vec<(usize, &'static str)> {
    located(t).collect()
}

/// [`located_places`] as an iterator (nothing allocated).
pub(crate) fn located<'a>(t: &'a Tagged<'_>) -> impl Iterator<Item = (usize, &'static str)> + 'a {
    // End of the last locative preposition, and of the last place taken.
    let mut locative_end: Option<usize> = None;
    let mut taken_end = 0;
    t.hits().filter_map(move |h| {
        let name = match h.tag {
            Tag::Locative => {
                locative_end = Some(h.span.end);
                return None;
            }
            Tag::Place(n) | Tag::Demonym(n) if h.span.start >= taken_end => n,
            _ => return None,
        };
        let end = locative_end.filter(|&e| e <= h.span.start)?;
        // Only white space, or "the", between the preposition and the place.
        let gap = t.text[end..h.span.start].trim();
        if gap.is_empty() || gap.eq_ignore_ascii_case("the") {
            taken_end = h.span.end;
            Some((h.span.start, name))
        } else {
            None
        }
    })
}

/// The place an article is mostly about: the one most often named after a
/// locative preposition in its `body` paragraphs (earliest on a tie).
pub(crate) fn main_place<'b, 't: 'b>(
    body: impl Iterator<Item = &'b Tagged<'t>>,
) -> Option<&'static str> {
    let mut counts: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut order = 0;
    for para in body {
        for (_, name) in located(para) {
            order += 1;
            match counts.iter_mut().find(|(n, _, _)| *n == name) {
                Some(c) => c.1 += 1,
                None => counts.push((name, 1, order)),
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(n, _, _)| n)
}

/// Content words in a fallback key.
const KEY_WORDS: usize = 4;

/// What [`content_words`] found besides the words it wrote.
struct ContentWords {
    /// How many content words there are.
    count: usize,
    /// Where the first three end in the output.
    three: usize,
}

/// The first [`KEY_WORDS`] content words of `text`, lowercased, each once,
/// written to `out` joined by single spaces (a fallback key).
fn content_words(text: &str, out: &mut Vec<u8>) -> ContentWords {
    out.clear();
    let stop = stopwords();
    let bytes = text.as_bytes();
    // Where each word taken so far starts and ends in `out`.
    let mut taken = [(0usize, 0usize); KEY_WORDS];
    let mut count = 0;
    let mut three = 0;
    let mut pos = 0;
    while let Some((s, e, short)) = next_word(text, pos) {
        pos = e;
        if e - s < 3 {
            continue;
        }
        let mark = out.len();
        let ws = mark + usize::from(count > 0);
        // The word's length in the key and whether a `y` follows (`None`:
        // not a content word); the word is written.
        let kept = match short {
            Some(x) => short_word(x, e - s, stop, out, count > 0),
            None => {
                let raw = &text[s..e];
                match ascii8(bytes, s, e) {
                    Some((lower, _)) => ascii_word(raw, lower, stop, out, count > 0),
                    None => content_word(raw, out, count > 0),
                }
            }
        };
        let Some((keep, y)) = kept else {
            continue;
        };
        debug_assert_eq!(out.len(), ws + keep);
        if y {
            out.push(b'y');
        }
        let we = out.len();
        if taken[..count]
            .iter()
            .any(|&(a, b)| b - a == we - ws && out[a..b] == out[ws..we])
        {
            out.truncate(mark);
            continue;
        }
        taken[count] = (ws, we);
        count += 1;
        if count <= 3 {
            three = we;
        }
        if count == KEY_WORDS {
            break;
        }
    }
    ContentWords { count, three }
}

/// The next word of `text` at or after byte `pos`, as [`scan::words`]
/// reads it from there: its byte range and, when it is one to eight ASCII
/// letters and digits, its bytes as a number (see [`packed`]). Such a word
/// (most of them) is found eight bytes at a time, without a branch per
/// byte; any other is left to [`scan::words`].
#[inline]
fn next_word(text: &str, pos: usize) -> Option<(usize, usize, Option<u64>)> {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut p = pos;
    // ASCII separators, and curly quotation marks and dashes, are passed
    // here; anything else is read below.
    while let Some(&b) = bytes.get(p) {
        if scan::ALNUM[usize::from(b)] {
            break;
        }
        if b >= 0x80 {
            if !is_mark(bytes, p) {
                return slow_word(text, p);
            }
            p += 3;
            continue;
        }
        p += 1;
    }
    // Eight bytes, or at the end of the text those left, zero-padded (a
    // zero byte is no letter or digit: it ends the word).
    let eight = match bytes.get(p..p + 8) {
        Some(eight) => {
            let mut b = [0u8; 8];
            b.copy_from_slice(eight);
            Some(u64::from_le_bytes(b))
        }
        None => bytes.get(p..).and_then(packed),
    };
    if let Some(x) = eight {
        // The word's length in the eight bytes (0 when it does not start
        // with an ASCII letter or digit); it must end before a byte that
        // cannot go on with it (a joiner or non-ASCII byte may).
        let n = (!alnum_bits(x) & HIGHS).trailing_zeros() as usize / 8;
        let at = p + n;
        if n > 0
            && bytes
                .get(at)
                .map_or(true, |&b| ENDS[usize::from(b)] || is_mark(bytes, at))
        {
            let word = x & (u64::MAX >> (64 - 8 * n));
            return Some((p, p + n, Some(word)));
        }
    }
    slow_word(text, p)
}

/// [`next_word`] by [`scan::words`], from byte `p`.
fn slow_word(text: &str, p: usize) -> Option<(usize, usize, Option<u64>)> {
    let (s, e) = scan::words(text.get(p..)?).next()?;
    Some((p + s, p + e, None))
}

/// The ASCII bytes that end a word read eight bytes at a time: all but
/// letters, digits and the joiners `'` and `-`.
static ENDS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !scan::ALNUM[b] && b != b'\'' as usize && b != b'-' as usize;
        b += 1;
    }
    t
};

/// Whether a curly quotation mark (`“ ” ‘`) or a dash (`– —`) starts at
/// byte `i`: no word character, and no joiner (`’` is one).
#[inline]
fn is_mark(bytes: &[u8], i: usize) -> bool {
    matches!(
        bytes.get(i..i + 3),
        Some([0xE2, 0x80, 0x93 | 0x94 | 0x98 | 0x9C | 0x9D])
    )
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
fn alnum_bits(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Seven low bits of each byte, and with bit 5 set (letters folded to
    // lower case); `at_least(v, c)` has the high bit of each byte of `v`
    // that is `c` or more (no carry crosses a byte: 0x7F + 0x80 < 0x100).
    let low = x & (ONES * 0x7F);
    let folded = low | (ONES * 0x20);
    let at_least = |v: u64, c: u8| v + ONES * u64::from(0x80 - c);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    (digit | letter) & !x & (ONES * 0x80)
}

/// [`ascii_word`] for a word of `n` ASCII letters and digits (n at most
/// eight) packed in `x` as [`next_word`] read it: it has no apostrophe,
/// so no possessive and no contracted negation.
#[inline]
fn short_word(
    x: u64,
    n: usize,
    stop: &Stopwords,
    out: &mut Vec<u8>,
    space: bool,
) -> Option<(usize, bool)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let lower = lower8(x);
    if stop.contains_packed(lower) {
        return None;
    }
    // Every one of the `n` bytes a digit: a number.
    let used = if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
    let digits = x ^ (ONES * u64::from(b'0'));
    if (digits | (digits + ONES * 0x76)) & used & (ONES * 0x80) == 0 {
        return None;
    }
    let word = lower.to_le_bytes();
    let (keep, y) = if (x as u8).is_ascii_uppercase() {
        (n, false)
    } else {
        singular_cut(word.get(..n)?)
    };
    if space {
        out.push(b' ');
    }
    out.extend_from_slice(word.get(..keep)?);
    Some((keep, y))
}

/// The content word `raw`, ASCII of at most eight bytes, which
/// [`ascii8`] read as `lower` (lowercased), for [`content_words`]: `None` for a stop word, a contracted negation or
/// a number; else the word's first `keep` bytes, lowercased and after a
/// space when `space`, are written to the end of `out` and `(keep, y)`
/// returned, `y` when a `y` follows. Nothing is written for a word left out.
#[inline]
fn ascii_word(
    raw: &str,
    lower: u64,
    stop: &Stopwords,
    out: &mut Vec<u8>,
    space: bool,
) -> Option<(usize, bool)> {
    let word = lower.to_le_bytes();
    let word = word.get(..raw.len())?;
    if stop.contains_packed(lower) || is_nt(raw) || word.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let stem = &word[..possessive_len(word)];
    let (keep, y) = if raw.as_bytes()[0].is_ascii_uppercase() {
        (stem.len(), false)
    } else {
        singular_cut(stem)
    };
    if space {
        out.push(b' ');
    }
    out.extend_from_slice(&word[..keep]);
    Some((keep, y))
}

/// [`ascii_word`] for a word `raw` of any length and script.
#[inline(never)]
fn content_word(raw: &str, out: &mut Vec<u8>, space: bool) -> Option<(usize, bool)> {
    let mark = out.len();
    let ws = mark + usize::from(space);
    // The word lowercased (ASCII): itself when it has no upper-case
    // ASCII letter, else a copy at the end of `out`.
    let upper = raw.bytes().any(|b| b.is_ascii_uppercase());
    if upper {
        if space {
            out.push(b' ');
        }
        out.extend_from_slice(raw.as_bytes());
        out[ws..].make_ascii_lowercase();
    }
    // ASCII lowercasing keeps UTF-8 valid: the copy is read as it was.
    let word = if upper {
        std::str::from_utf8(&out[ws..]).unwrap_or(raw)
    } else {
        raw
    };
    if is_stopword(word) || is_nt(word) || word.bytes().all(|b| b.is_ascii_digit()) {
        out.truncate(mark);
        return None;
    }
    let stem = &word.as_bytes()[..possessive_len(word.as_bytes())];
    let (keep, y) = if raw.starts_with(char::is_uppercase) {
        (stem.len(), false)
    } else {
        singular_cut(stem)
    };
    if upper {
        out.truncate(ws + keep);
    } else {
        if space {
            out.push(b' ');
        }
        out.extend_from_slice(&raw.as_bytes()[..keep]);
    }
    Some((keep, y))
}

/// The word `bytes[s..e]` as a number (see [`packed`]) with its ASCII
/// letters lowercased, and whether it has an upper-case one, when it is
/// ASCII and one to eight bytes long.
#[inline]
fn ascii8(bytes: &[u8], s: usize, e: usize) -> Option<(u64, bool)> {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let n = e.checked_sub(s).filter(|n| (1..=8).contains(n))?;
    let x = match bytes.get(s..s + 8) {
        // Eight bytes loaded at once, those past the word masked off.
        Some(eight) => {
            let mut b = [0u8; 8];
            b.copy_from_slice(eight);
            u64::from_le_bytes(b) & (u64::MAX >> (64 - 8 * n))
        }
        None => packed(bytes.get(s..e)?)?,
    };
    if x & HIGHS != 0 {
        return None;
    }
    // Every byte is ASCII: `lower8` is exact, and changes the word only
    // if it has an upper-case letter.
    let lower = lower8(x);
    Some((lower, lower != x))
}

/// The length of `word` without final apostrophes and possessive `'s` /
/// `’s`.
fn possessive_len(word: &[u8]) -> usize {
    const CURLY: [u8; 3] = [0xE2, 0x80, 0x99];
    // Only a word ending in `s`, `'` or `’` (last byte 0x99) has any.
    if !matches!(word.last(), Some(b's' | b'\'' | 0x99)) {
        return word.len();
    }
    let mut w = word;
    loop {
        if let Some(rest) = w.strip_suffix(b"'") {
            w = rest;
        } else if let Some(rest) = w.strip_suffix(&CURLY) {
            w = rest;
        } else {
            break;
        }
    }
    while let Some(rest) = w.strip_suffix(b"\xE2\x80\x99s") {
        w = rest;
    }
    while let Some(rest) = w.strip_suffix(b"'s") {
        w = rest;
    }
    w.len()
}

/// How much of `w` its singular keeps (see [`singular`]), and whether a
/// `y` follows (`families` → `famil` + `y`).
fn singular_cut(b: &[u8]) -> (usize, bool) {
    let n = b.len();
    if n <= 3 || b[n - 1] != b's' {
        return (n, false);
    }
    if n > 4 && b.ends_with(b"ies") {
        return (n - 3, true);
    }
    // `ses`, `xes`, `zes`, `ches`, `shes`, but not `uses`.
    let es = n > 4
        && b[n - 2] == b'e'
        && (matches!(b[n - 3], b's' | b'x' | b'z')
            || (b[n - 3] == b'h' && matches!(b[n - 4], b'c' | b's')));
    if es && !b.ends_with(b"uses") {
        return (n - 2, false);
    }
    if matches!(b[n - 2], b's' | b'u' | b'i' | b'o') {
        return (n, false);
    }
    (n - 1, false)
}

/// A plural common noun in the singular (`families` → `family`,
/// `taxes` → `tax`, `troops` → `troop`); other words unchanged.
#[cfg(test)]
fn singular(w: &str) -> String {
    let (keep, y) = singular_cut(w.as_bytes());
    let mut s = w[..keep].to_string();
    if y {
        s.push('y');
    }
    s
}

/// The writer's sentence around a claim's quote, found only when a key
/// reads it: most keys need not, the quote's paragraph naming no lexicon
/// topic and the quote naming none either.
pub(crate) struct Context<'c, 't: 'c, F: Fn() -> &'c Tagged<'t>> {
    /// Whether the sentence may name a lexicon topic (false when the text
    /// it lies in names none).
    pub may_name_topic: bool,
    /// The sentence, tagged.
    pub sentence: F,
}

/// The topic and proposition group of a claim `clause` taken from the
/// quote `quote` (whose hits are of the kinds `quote_tags`), with the writer's sentence around it `context` and the
/// article's main place, asked of `main_place` only for a lexicon topic
/// (the only key that reads it). The topic is the quote's (the claims of
/// one quote share it); the proposition is the clause's. `scratch` is
/// working room, kept from claim to claim so that it is allocated once.
pub(crate) fn key<'p, 'c, 't: 'c>(
    clause: &Tagged<'_>,
    quote: &Tagged<'_>,
    quote_tags: TagSet,
    context: &Context<'c, 't, impl Fn() -> &'c Tagged<'t>>,
    main_place: impl FnOnce() -> Option<&'p str>,
    scratch: &mut Vec<u8>,
) -> Key {
    let in_quote = if quote_tags.any(&[Tag::Topic("")]) {
        lexicon_topic(quote)
    } else {
        None
    };
    let concept = in_quote.or_else(|| {
        context
            .may_name_topic
            .then(|| lexicon_topic((context.sentence)()))
            .flatten()
    });
    // The fallback words, all of them (the topic has the first three).
    let fallback = scratch;
    fallback.clear();
    let topic = match concept {
        Some(c) => {
            let place = main_place()
                .or_else(|| located(clause).next().map(|(_, p)| p))
                .or_else(|| located((context.sentence)()).next().map(|(_, p)| p));
            match place {
                Some(p) => {
                    let mut t = String::with_capacity(c.len() + 4 + p.len());
                    t.push_str(c);
                    t.push_str(" in ");
                    t.push_str(p);
                    t[c.len() + 4..].make_ascii_lowercase();
                    t
                }
                None => c.to_string(),
            }
        }
        None => {
            // Room for four words of the usual length: no regrowth.
            fallback.reserve(FALLBACK_ROOM);
            let found = content_words(clause.text, fallback);
            let end = if found.count == 0 {
                // Only function words: the first three words themselves.
                for (i, (a, b)) in scan::words(clause.text).take(3).enumerate() {
                    if i > 0 {
                        fallback.push(b' ');
                    }
                    push_lowercase(fallback, &clause.text[a..b]);
                }
                fallback.len()
            } else {
                found.three
            };
            // Whole words of a str, lowercased: UTF-8 still (checked
            // all the same, the bytes having been written one by one).
            match std::str::from_utf8(&fallback[..end]) {
                Ok(t) => t.to_owned(),
                Err(_) => String::from_utf8_lossy(&fallback[..end]).into_owned(),
            }
        }
    };
    // The proposition key, hashed piece by piece (no string built).
    let mut h = Fnv::new();
    h.write(topic.as_bytes());
    if concept.is_some() {
        // The first predicate hit (the first that `longest` would keep).
        let predicate = clause.first_sentence().hits().find_map(|h| match h.tag {
            Tag::Predicate(p) => Some(p),
            _ => None,
        });
        if let Some(p) = predicate {
            h.write(b" | ");
            h.write(p.as_bytes());
        }
    } else {
        h.write(b" | ");
        h.write(fallback);
    }
    Key {
        topic,
        group: h.finish(),
    }
}

/// Bytes reserved for the fallback words of a key.
const FALLBACK_ROOM: usize = 64;

/// Push `word` lowercased onto `out` (in place when it is ASCII).
fn push_lowercase(out: &mut Vec<u8>, word: &str) {
    if word.is_ascii() {
        let from = out.len();
        out.extend_from_slice(word.as_bytes());
        out[from..].make_ascii_lowercase();
    } else {
        out.extend_from_slice(word.to_lowercase().as_bytes());
    }
}

/// FNV-1a of the text written to it, kept under 2^53 so that JSON readers
/// keep it exact.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, s: &[u8]) {
        for &b in s {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0 & ((1 << 53) - 1)
    }
}

/// [`Fnv`] of `s`.
#[cfg(test)]
pub(crate) fn stable_hash(s: &str) -> u64 {
    let mut h = Fnv::new();
    h.write(s.as_bytes());
    h.finish()
}

/// [`positive_first`] of `clause`.
#[cfg(test)]
pub(crate) fn positive_form(clause: &Tagged<'_>, cue_denies: bool) -> String {
    positive_first(&polarity::First::of(clause, TagSet::of(clause)), cue_denies)
}

/// The clause whose first sentence is `first` in positive form: negators
/// dropped or turned positive (`cannot` → `can`, `no one` → `someone`), a
/// report-noun frame (`claims that`, `As for the statements that`)
/// removed, quotes and final punctuation trimmed. When the cue denies (`denied that X`), the content
/// is already positive.
pub(crate) fn positive_first(first: &polarity::First<'_>, cue_denies: bool) -> String {
    let (s, e) = if first.framing {
        strip_frame(&first.tagged)
    } else {
        (0, first.tagged.text.len())
    };
    // Most clauses have no frame: the first sentence itself, not a copy.
    let whole = (s, e) == (0, first.tagged.text.len());
    let cut;
    let framed = if whole {
        &first.tagged
    } else {
        cut = first.tagged.sub(s, e);
        &cut
    };
    // The frame's part has no negator the sentence lacks, and the whole
    // sentence's negations are known when it was read for its polarity.
    if cue_denies || !first.negating || (whole && !first.negated) {
        return trimmed(framed.text).to_string();
    }
    let mut negs = polarity::negations(framed).peekable();
    if negs.peek().is_none() {
        return trimmed(framed.text).to_string();
    }
    let mut text = drop_negation(framed.text, negs);
    let t = trimmed(&text);
    let start = t.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + t.len();
    text.truncate(end);
    text.drain(..start);
    text
}

/// `t` without surrounding white space, then quotation marks and
/// punctuation.
fn trimmed(t: &str) -> &str {
    // ASCII edges (the usual case) byte by byte: white space, then marks.
    let b = t.as_bytes();
    let (mut s, mut e) = (0, b.len());
    let space = |x: u8| matches!(x, b' ' | b'\t'..=b'\r');
    let mark = |x: u8| matches!(x, b'"' | b'\'' | b',' | b'.' | b';' | b':' | b' ');
    while s < e && space(b[s]) {
        s += 1;
    }
    while e > s && space(b[e - 1]) {
        e -= 1;
    }
    while s < e && mark(b[s]) {
        s += 1;
    }
    while e > s && mark(b[e - 1]) {
        e -= 1;
    }
    let ascii_edges = |i: usize| b.get(i).map_or(true, u8::is_ascii);
    if ascii_edges(s) && (e == 0 || ascii_edges(e - 1)) {
        return t.get(s..e).unwrap_or("");
    }
    // A non-ASCII character at an edge: it may be white space or a mark.
    t.trim().trim_matches(|c: char| {
        matches!(
            c,
            '"' | '\u{201C}' | '\u{201D}' | '\'' | ',' | '.' | ';' | ':' | ' '
        )
    })
}

/// Reverse searchers of the words that resume a frame's subject (`As for
/// the statements that X, they are ...`), built once.
static THEY: LazyLock<memchr::memmem::FinderRev<'static>> =
    LazyLock::new(|| memchr::memmem::FinderRev::new(", they "));
static IT: LazyLock<memchr::memmem::FinderRev<'static>> =
    LazyLock::new(|| memchr::memmem::FinderRev::new(", it "));

/// The range of `t` without a leading `As for the statements that`, `claims that`.
fn strip_frame(t: &Tagged<'_>) -> (usize, usize) {
    let s = t.text;
    let whole = (0, s.len());
    let that_follows = |end: usize| {
        s[end..]
            .trim_start()
            .get(..5)
            .is_some_and(|w| w.eq_ignore_ascii_case("that "))
    };
    // The words are counted only when a report noun is followed by `that`
    // (a noun read without it frames nothing).
    if !t
        .hits()
        .any(|h| matches!(h.tag, Tag::ReportNoun) && that_follows(h.span.end))
    {
        return whole;
    }
    let Some(h) = t.first_in_head(5, |g| matches!(g, Tag::ReportNoun)) else {
        return whole;
    };
    if !that_follows(h.span.end) {
        return whole;
    }
    let rest = s[h.span.end..].trim_start();
    let body_start = s.len() - rest.len() + 5;
    let body = &s[body_start..];
    // "As for the statements that X, they are not serious": X.
    let b = body.as_bytes();
    match THEY.rfind(b).or_else(|| IT.rfind(b)) {
        Some(i) => (body_start, body_start + i),
        None => (body_start, s.len()),
    }
}

/// The part of a contracted negation before its `n't` (`do` of `don't`,
/// `Ca` of `Can’t`), or `""` when it has none.
fn nt_stem(x: &str) -> &str {
    let b = x.as_bytes();
    let n = b.len();
    let cut = if n >= 3 && b[n - 1].eq_ignore_ascii_case(&b't') && b[n - 2] == b'\'' {
        Some(n - 2)
    } else if n >= 5
        && b[n - 1].eq_ignore_ascii_case(&b't')
        && b[n - 4..n - 1] == [0xE2, 0x80, 0x99]
    {
        Some(n - 4)
    } else {
        None
    };
    match cut {
        Some(c) if c >= 1 && b[c - 1].eq_ignore_ascii_case(&b'n') => x.get(..c - 1).unwrap_or(""),
        _ => "",
    }
}

/// Bytes a positive form may grow by without the string growing again
/// (`nobody` → `someone` adds one, `nothing` → `something` two).
const POSITIVE_ROOM: usize = 16;

/// Drop the negators `negs` of `s`, turning the common ones positive.
fn drop_negation(s: &str, negs: impl Iterator<Item = Span>) -> String {
    let mut out = String::with_capacity(s.len() + POSITIVE_ROOM);
    let mut last = 0;
    for n in negs {
        if n.start < last {
            continue;
        }
        out.push_str(&s[last..n.start]);
        let w = n.of(s);
        // `w` lowercased, or itself when it does not fit (no replacement is
        // that long), compared as bytes.
        let mut small = [0u8; 24];
        let lower = crate::text::ascii_lower(w, &mut small).unwrap_or(w.as_bytes());
        let replacement = match lower {
            b"cannot" => "can",
            b"no one" | b"nobody" => "someone",
            b"nothing" => "something",
            b"none" => "some",
            b"never" => "",
            b"neither" => "either",
            b"nor" => "or",
            b"out of the question" => "possible",
            b"impossible" => "possible",
            b"inadmissible" => "admissible",
            b"unacceptable" => "acceptable",
            b"untrue" | b"false" => "true",
            b"non-existent" | b"nonexistent" => "existent",
            _ if is_nt(w) => {
                let stem = nt_stem(w);
                if stem.eq_ignore_ascii_case("wo") {
                    "will"
                } else if stem.eq_ignore_ascii_case("ca") {
                    "can"
                } else if stem.eq_ignore_ascii_case("sha") {
                    "shall"
                } else {
                    out.push_str(stem);
                    ""
                }
            }
            _ => "",
        };
        out.push_str(replacement);
        last = n.end;
        if replacement.is_empty()
            && s[last..].starts_with(' ')
            && (out.ends_with(' ') || out.is_empty())
        {
            last += 1;
        }
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key of `clause` from `quote` with `context`.
    fn key_of(clause: &str, quote: &str, context: &str, main: Option<&str>) -> Key {
        let context = Tagged::new(context);
        let context = Context {
            may_name_topic: true,
            sentence: || &context,
        };
        let quote = Tagged::new(quote);
        key(
            &Tagged::new(clause),
            &quote,
            TagSet::of(&quote),
            &context,
            || main,
            &mut Vec::new(),
        )
    }

    /// The key of a claim that is a whole quote, with no context.
    fn whole(quote: &str) -> Key {
        key_of(quote, quote, "", None)
    }

    fn parts_of(text: &str) -> Vec<Span> {
        let t = Tagged::new(text);
        parts(&t, TagSet::of(&t)).collect()
    }

    fn positive(text: &str, cue_denies: bool) -> String {
        positive_form(&Tagged::new(text), cue_denies)
    }

    #[test]
    fn synonyms_share_a_topic() {
        let a = whole("there are no and can be no land troops");
        let b = whole("Russia has no plans to carry out a ground operation");
        assert_eq!(a.topic, "ground troops");
        assert_eq!(a.topic, b.topic);
        assert_eq!(a.group, b.group);
        let c = key_of(
            "troops on the ground",
            "troops on the ground",
            "",
            Some("Syria"),
        );
        assert_eq!(c.topic, "ground troops in syria");
    }

    #[test]
    fn context_gives_the_topic_of_a_fragment() {
        let fragment = "cannot be stopped";
        let k = key_of(
            fragment,
            fragment,
            "volunteers who want to join \"cannot be stopped\"",
            None,
        );
        assert_eq!(k.topic, "volunteers");
        let k2 = whole("is not recruiting volunteers");
        assert_eq!(k2.topic, "volunteers");
        assert_ne!(
            k.group, k2.group,
            "prevent and recruit are different propositions"
        );
    }

    #[test]
    fn topic_comes_from_the_head_of_a_long_quote() {
        let long = "As we all saw over many long months of hard and patient work, and with \
                    the help of many partners across the whole wide region, these lines of \
                    volunteers grew";
        assert_ne!(whole(long).topic, "volunteers");
    }

    #[test]
    fn singular_forms() {
        let words = [
            "families", "taxes", "troops", "crisis", "campus", "news", "boss",
        ];
        let got: Vec<String> = words.iter().map(|w| singular(w)).collect();
        assert_eq!(
            got,
            ["family", "tax", "troop", "crisis", "campus", "new", "boss"]
        );
        assert_eq!(whole("Anna Matthews speaks").topic, "anna matthews speak");
        assert_eq!(whole("It is what it is.").topic, "it is what");
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_reads_a_word_as_the_general_one(
            w in "([a-zA-Z0-9']|’|é|É|n't|'s|s|ies|es|uses|the|The|THE|don't|regarding|to){1,5}"
        ) {
            let t = format!("x {w} y");
            let (s, e) = (2, 2 + w.len());
            if let Some((lower, _)) = ascii8(t.as_bytes(), s, e) {
                let (mut fast, mut general) = (b"x".to_vec(), b"x".to_vec());
                let a = ascii_word(&w, lower, stopwords(), &mut fast, true);
                let b = content_word(&w, &mut general, true);
                proptest::prop_assert_eq!(a, b);
                if a.is_some() {
                    proptest::prop_assert_eq!(&fast, &general);
                }
                // A word of letters and digits only, as `next_word` reads it.
                if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    let mut short = b"x".to_vec();
                    let c = short_word(packed(w.as_bytes()).unwrap_or(0), w.len(), stopwords(), &mut short, true);
                    proptest::prop_assert_eq!(a, c);
                    if a.is_some() {
                        proptest::prop_assert_eq!(&fast, &short);
                    }
                }
            } else {
                proptest::prop_assert!(!w.is_ascii() || w.len() > 8);
            }
            // At the very end of a text (fewer than eight bytes left) too.
            let end = format!("x {w}");
            proptest::prop_assert_eq!(ascii8(end.as_bytes(), s, e), ascii8(t.as_bytes(), s, e));
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_read_as_scan_reads_them(
            t in "([a-zA-Z0-9]{1,10}|[ ,.;'\\-]|’|‘|“|”|–|—|é|É|n't|'s|\\.\\.\\.){0,30}"
        ) {
            let mut fast = Vec::new();
            let mut pos = 0;
            while let Some((s, e, short)) = next_word(&t, pos) {
                fast.push((s, e));
                if let Some(x) = short {
                    proptest::prop_assert_eq!(Some(x), packed(&t.as_bytes()[s..e]));
                    proptest::prop_assert!(t[s..e].bytes().all(|b| b.is_ascii_alphanumeric()));
                }
                pos = e;
            }
            proptest::prop_assert_eq!(fast, scan::words(&t).collect::<Vec<_>>());
        }
    }

    #[test]
    fn letters_and_digits_are_found_eight_at_a_time() {
        let bits = alnum_bits(u64::from_le_bytes(*b"aZ09 @[`"));
        assert_eq!(bits, 0x8080_8080);
        let bits = alnum_bits(u64::from_le_bytes(*b"/:{\x7f\xc3z\xa9A"));
        assert_eq!(bits, 0x8000_8000_0000_0000);
        assert_eq!(
            next_word("a new compressor", 1),
            Some((2, 5, packed(b"new")))
        );
        assert_eq!(next_word("don't go", 0), Some((0, 5, None)), "a joiner");
        assert_eq!(
            [b' ', b',', 0, b'\'', b'-', b'a', b'Z', b'7', 0xE2].map(|b| ENDS[usize::from(b)]),
            [true, true, true, false, false, false, false, false, false]
        );
        assert_eq!(
            next_word("ab", 0),
            Some((0, 2, packed(b"ab"))),
            "at the end of the text"
        );
        assert_eq!(
            next_word("ab’c", 0),
            Some((0, 6, None)),
            "a joiner at the end"
        );
    }

    #[test]
    fn ascii_words_are_read_lowercased() {
        let t = "Don't STOP the 2015 Pipeline's";
        let word = |s: usize, e: usize| ascii8(t.as_bytes(), s, e);
        assert_eq!(word(0, 5), Some((packed(b"don't").unwrap_or(0), true)));
        assert_eq!(word(11, 14), Some((packed(b"the").unwrap_or(0), false)));
        assert_eq!(word(20, 30), None, "longer than eight bytes");
        assert_eq!(ascii8("naïve".as_bytes(), 0, 6), None, "not ASCII");
        assert!(stopwords().contains_packed(packed(b"the").unwrap_or(0)));
    }

    #[test]
    fn fallback_key_uses_content_words() {
        let k = whole("The outlook for settling the conflict remains uncertain");
        assert_eq!(k.topic, "outlook settling conflict");
    }

    #[test]
    fn main_place_is_the_most_located() {
        let body = [
            "Strikes in Syria went on.",
            "Russia sent jets to Syria and to Iraq.",
        ];
        let tagged: Vec<Tagged<'_>> = body.iter().map(|p| Tagged::new(p)).collect();
        assert_eq!(main_place(tagged.iter()), Some("Syria"));
        assert_eq!(
            located_places(&Tagged::new("on Syrian soil, Russia said")),
            [(3, "Syria")]
        );
    }

    #[test]
    fn contrast_splits_into_two_claims() {
        let c = "We are not talking about a full presence, but our bases may remain for a while.";
        let p = parts_of(c);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].of(c), "We are not talking about a full presence");
        assert_eq!(p[1].of(c), "our bases may remain for a while.");
        assert_eq!(parts_of("Opinions differ but we agree.").len(), 1);
        assert_eq!(parts_of("We cannot join, but we cannot leave.").len(), 1);
    }

    #[test]
    fn positive_form_drops_negation() {
        assert_eq!(
            positive("Russia is not going to expand the operation.", false),
            "Russia is going to expand the operation"
        );
        assert_eq!(
            positive("No one is recruiting volunteers", false),
            "someone is recruiting volunteers"
        );
        assert_eq!(
            positive("We don't come if not invited", false),
            "We do come if not invited"
        );
        assert_eq!(
            positive("Russia cannot be part of it", false),
            "Russia can be part of it"
        );
        assert_eq!(
            positive("claims that the balance is disrupted", false),
            "the balance is disrupted"
        );
        assert_eq!(
            positive(
                "As for the statements that the war will end soon, they are not serious",
                false
            ),
            "the war will end soon"
        );
        assert_eq!(positive("troops were sent", true), "troops were sent");
        assert_eq!(
            positive("Nobody is talking about it, and nobody won't", false),
            "someone is talking about it, and someone will"
        );
        assert_eq!(
            positive("We CAN'T stay and Shan’t leave", false),
            "We can stay and shall leave"
        );
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(stable_hash("ground troops"), stable_hash("ground troops"));
        assert!(stable_hash("x") < (1 << 53));
        let mut h = Fnv::new();
        h.write(b"ground troops");
        h.write(b" | ");
        h.write(b"send");
        assert_eq!(h.finish(), stable_hash("ground troops | send"));
    }
}
