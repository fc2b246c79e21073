//! Lexicons of the claim stage: negation and denial cues, hedges, report
//! nouns, date words, topic synonyms, predicate classes and the entity
//! gazetteers. They are compiled once into ONE word-start trie, so that
//! the claim stage reads a quote's text in a single pass ([`tag`]) and
//! works from the tagged hits after that.

use super::entries;
use crate::Span;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::quote::FxBuild;

/// Terms of office (world knowledge for years a text does not print; see
/// the file's header), read by the claim stage's date resolution.
pub(crate) const OFFICES: &str = include_str!("data/claim/offices.txt");

/// Dated world events (see the file's header), read like [`OFFICES`].
pub(crate) const EVENTS: &str = include_str!("data/claim/events.txt");

/// What a lexicon hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    /// `not`, `no`, `never`, `no one`, `don't`.
    Negator,
    /// A negation that denies nothing (`not only`, `does not allow`, `did not rule out`).
    Neutral,
    /// A denying predicate (`out of the question`, `groundless`).
    DenialPhrase,
    /// A denying reporting verb (`denied`, `dismissed`, `ruled out`).
    DenialCue,
    /// A critical reporting verb that denies with a report noun (`criticized`).
    CriticalCue,
    /// A report noun (`claims`, `reports`, `rumors`).
    ReportNoun,
    /// A hedge (`may`, `most probably`, `I think`).
    Hedge,
    /// A cue word that does not date a statement (`says`, `has`, `statements`).
    UndatedCue,
    /// A word opening a subordinate clause (`if`, `who`, `which`).
    Subordinator,
    /// A locative preposition (`in`, `to`, `on`).
    Locative,
    /// A word that makes a capitalised name an organisation (`Ministry`).
    OrgWord,
    /// A word joining a contrasting clause (`but`).
    Contrast,
    /// A date word.
    Date(DateWord),
    /// A topic synonym, with its topic key.
    Topic(&'static str),
    /// A predicate class word, with its class.
    Predicate(&'static str),
    /// A place, with its canonical name.
    Place(&'static str),
    /// A demonym adjective, with the place it stands for.
    Demonym(&'static str),
    /// An armed or political group, with its canonical name.
    Group(&'static str),
}

/// A lexicon hit: a whole-word match with its tag, span relative to the
/// text tagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub span: Span,
    pub tag: Tag,
}

/// The patterns (lowercase, deduplicated; ASCII letters of the text read
/// in either case) as a trie walked from each word start, and, for each
/// pattern, the tags it carries with the exact spelling case-sensitive
/// tags require.
///
/// A pattern is only ever found where a word starts: after a byte that is
/// no ASCII letter or digit (or at the start of the text), and, after a
/// byte of a non-ASCII character, where that character is no letter. So
/// the text is not read as one stream: the places a word may start are
/// found eight bytes a step ([`Starts`]), and the trie is walked from each
/// for as long as the text follows a branch of it (a few bytes, at most
/// the longest pattern).
///
/// The trie is a double array: node `s` is slot `s` of `nodes`, and its
/// child by byte class `c` is slot `base + c` if that slot's `check` is
/// `s`. A step is one look-up in a small array (8 bytes a node) whose
/// nodes near the root, read at nearly every word, lie together at its
/// start.
struct Trie {
    /// The class of each byte: one for each byte the patterns have (an
    /// upper-case ASCII letter with its lower case), 0 for the others.
    classes: [u8; 256],
    /// The nodes; slot 0 is the root.
    nodes: Vec<Node>,
    /// For each slot where a pattern ends ([`ENDS`]), the range of `tags`
    /// of that pattern.
    ends: Vec<(u32, u32)>,
    /// The tags of the patterns, those of a pattern together, each with
    /// the exact spelling it requires (for a case-sensitive tag).
    tags: Vec<(Tag, Option<Box<str>>)>,
}

/// A slot of [`Trie::nodes`].
#[derive(Clone, Copy, Debug)]
struct Node {
    /// The slot of the node's parent ([`FREE`] for an unused slot).
    check: u32,
    /// Where the node's children lie (the child by class `c` at
    /// `base + c`), with [`ENDS`] set when a pattern ends at the node.
    base: u32,
}

/// [`Node::check`] of an unused slot (and of the root).
const FREE: u32 = u32::MAX;

/// The bit of [`Node::base`] set when a pattern ends at the node.
const ENDS: u32 = 1 << 31;

/// The tags of one pattern, each with the exact spelling it requires (for
/// a case-sensitive tag).
type PatternTags = Vec<(Tag, Option<String>)>;

/// Every lexicon entry: its spelling, its tag and whether the tag needs
/// that exact spelling.
fn items() -> Vec<(String, Tag, bool)> {
    let mut items: Vec<(String, Tag, bool)> = Vec::new();
    let mut simple = |data: &'static str, tag: Tag| {
        for e in entries(data) {
            items.push((e.to_string(), tag, false));
        }
    };
    simple(include_str!("data/claim/negators.txt"), Tag::Negator);
    simple(
        include_str!("data/claim/neutral_negations.txt"),
        Tag::Neutral,
    );
    simple(
        include_str!("data/claim/denial_phrases.txt"),
        Tag::DenialPhrase,
    );
    simple(include_str!("data/claim/denial_cues.txt"), Tag::DenialCue);
    simple(
        include_str!("data/claim/critical_cues.txt"),
        Tag::CriticalCue,
    );
    simple(include_str!("data/claim/report_nouns.txt"), Tag::ReportNoun);
    simple(include_str!("data/claim/hedges.txt"), Tag::Hedge);
    simple(include_str!("data/claim/undated_cues.txt"), Tag::UndatedCue);
    simple(
        include_str!("data/claim/subordinators.txt"),
        Tag::Subordinator,
    );
    simple(include_str!("data/claim/locatives.txt"), Tag::Locative);
    simple(include_str!("data/claim/contrast.txt"), Tag::Contrast);
    for e in entries(include_str!("data/claim/org_words.txt")) {
        items.push((e.to_string(), Tag::OrgWord, true));
    }
    for (key, words) in keyed(include_str!("data/claim/date_words.txt")) {
        if let Some(word) = date_word(key) {
            items.extend(
                words
                    .into_iter()
                    .map(|w| (w.to_string(), Tag::Date(word), false)),
            );
        }
    }
    let mut keyed_tag = |data: &'static str, make: fn(&'static str) -> Tag, exact: bool| {
        for (key, phrases) in keyed(data) {
            items.extend(
                phrases
                    .into_iter()
                    .map(|p| (p.to_string(), make(key), exact)),
            );
        }
    };
    keyed_tag(include_str!("data/claim/topics.txt"), Tag::Topic, false);
    keyed_tag(
        include_str!("data/claim/predicates.txt"),
        Tag::Predicate,
        false,
    );
    keyed_tag(include_str!("data/claim/places.txt"), Tag::Place, true);
    keyed_tag(include_str!("data/claim/demonyms.txt"), Tag::Demonym, true);
    keyed_tag(include_str!("data/claim/groups.txt"), Tag::Group, true);
    items
}

/// The trie of the entries whose tag `keep` accepts.
fn compile(keep: fn(Tag) -> bool) -> Trie {
    let (patterns, tags) = patterns(keep);
    trie(&patterns, tags)
}

/// The patterns of the entries whose tag `keep` accepts (lowercase,
/// deduplicated, a straight apostrophe also written curly), each with its
/// tags and the exact spelling a case-sensitive one requires. A pattern is
/// only ever found at a word start: one that does not begin with a word
/// character can never be, and is left out.
fn patterns(keep: fn(Tag) -> bool) -> (Vec<String>, Vec<PatternTags>) {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut tags: Vec<PatternTags> = Vec::new();
    for (p, tag, exact) in items().into_iter().filter(|(_, t, _)| keep(*t)) {
        let variants = if p.contains('\'') {
            vec![p.replace('\'', "\u{2019}"), p]
        } else {
            vec![p]
        };
        for v in variants {
            if !v.chars().next().is_some_and(is_word_char) {
                continue;
            }
            let lower = v.to_ascii_lowercase();
            let id = *index.entry(lower.clone()).or_insert_with(|| {
                patterns.push(lower);
                tags.push(Vec::new());
                patterns.len() - 1
            });
            tags[id].push((tag, exact.then_some(v)));
        }
    }
    (patterns, tags)
}

/// The trie of `patterns` (lowercase, each starting with a word character;
/// see [`Trie`]).
fn trie(patterns: &[String], tags: Vec<PatternTags>) -> Trie {
    // Byte classes: one for each byte the patterns have, an upper-case
    // ASCII letter with its lower case; 0 for the bytes of no pattern.
    let mut classes = [0u8; 256];
    let mut ncls = 1usize;
    for p in patterns {
        for b in p.bytes() {
            if classes[usize::from(b)] == 0 {
                let c = u8::try_from(ncls).expect("fewer than 256 byte classes");
                classes[usize::from(b)] = c;
                if b.is_ascii_lowercase() {
                    classes[usize::from(b.to_ascii_uppercase())] = c;
                }
                ncls += 1;
            }
        }
    }
    // The trie as a tree: each node's children by class (sorted), and the
    // pattern that ends there.
    let mut kids: Vec<Vec<(u8, usize)>> = vec![Vec::new()];
    let mut ends: Vec<Option<usize>> = vec![None];
    for (pid, p) in patterns.iter().enumerate() {
        let mut s = 0;
        for b in p.bytes() {
            let c = classes[usize::from(b)];
            s = match kids[s].binary_search_by_key(&c, |&(k, _)| k) {
                Ok(i) => kids[s][i].1,
                Err(i) => {
                    let t = kids.len();
                    kids[s].insert(i, (c, t));
                    kids.push(Vec::new());
                    ends.push(None);
                    t
                }
            };
        }
        ends[s] = Some(pid);
    }
    // Slots, breadth first (the nodes near the root first): each node's
    // children at the first base where every one finds a free slot.
    let slot_of = |n: usize| {
        u32::try_from(n)
            .ok()
            .filter(|&n| n < ENDS)
            .expect("fewer than 2^31 slots")
    };
    let free = Node {
        check: FREE,
        base: 0,
    };
    let mut nodes = vec![free];
    let mut ranges: Vec<(usize, (u32, u32))> = Vec::new();
    let mut flat: Vec<(Tag, Option<Box<str>>)> = Vec::new();
    let mut tags: Vec<Option<PatternTags>> = tags.into_iter().map(Some).collect();
    // No slot before this one is free.
    let mut first_free = 1usize;
    let mut queue = std::collections::VecDeque::from([(0usize, 0usize)]);
    while let Some((s, slot)) = queue.pop_front() {
        let mut base = 0;
        if let Some(&(c0, _)) = kids[s].first() {
            while nodes.get(first_free).is_some_and(|n| n.check != FREE) {
                first_free += 1;
            }
            base = first_free.saturating_sub(usize::from(c0));
            while kids[s].iter().any(|&(c, _)| {
                nodes
                    .get(base + usize::from(c))
                    .is_some_and(|n| n.check != FREE)
            }) {
                base += 1;
            }
            for &(c, t) in &kids[s] {
                let at = base + usize::from(c);
                if nodes.len() <= at {
                    nodes.resize(at + 1, free);
                }
                nodes[at].check = slot_of(slot);
                queue.push_back((t, at));
            }
        }
        nodes[slot].base = slot_of(base);
        if let Some(pid) = ends[s] {
            let lo = flat.len();
            let own = tags.get_mut(pid).and_then(Option::take).unwrap_or_default();
            flat.extend(
                own.into_iter()
                    .map(|(t, e)| (t, e.map(String::into_boxed_str))),
            );
            ranges.push((slot, (slot_of(lo), slot_of(flat.len()))));
            nodes[slot].base |= ENDS;
        }
    }
    // Room for a step by any class from any node: no look-up is out of range.
    let top = nodes
        .iter()
        .map(|n| (n.base & !ENDS) as usize)
        .max()
        .unwrap_or(0)
        + ncls;
    if nodes.len() < top {
        nodes.resize(top, free);
    }
    let mut ends = vec![(0, 0); nodes.len()];
    for (slot, range) in ranges {
        ends[slot] = range;
    }
    Trie {
        classes,
        nodes,
        ends,
        tags: flat,
    }
}

static COMBINED: LazyLock<Trie> = LazyLock::new(|| compile(|_| true));

/// Whether a tag is one of those every body paragraph is read for (the
/// places it locates and its dates), not only those holding quotes.
pub(crate) fn is_context_tag(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Locative | Tag::Place(_) | Tag::Demonym(_) | Tag::Date(_)
    )
}

static CONTEXT: LazyLock<Trie> = LazyLock::new(|| compile(is_context_tag));

/// Whether a tag is a date word.
/// Whether `tag` is a date word's.
pub(crate) fn is_date_tag(tag: Tag) -> bool {
    matches!(tag, Tag::Date(_))
}

static DATES: LazyLock<Trie> = LazyLock::new(|| compile(is_date_tag));

/// Every lexicon hit in `text` (whole words only; proper-noun lexicons
/// case-sensitively), sorted by start, longer first. Overlapping hits are
/// all kept (`no` inside `no one`): each user keeps the longest of the tags
/// it reads. One pass over `text`: the trie walked from each word start
/// while the text follows it (see [`Trie`]).
pub(crate) fn tag(text: &str) -> Vec<Hit> {
    tag_with(&COMBINED, text)
}

/// The hits of [`tag`] whose tag [`is_context_tag`], from a smaller
/// trie: the same hits in the same order, at less cost.
pub(crate) fn tag_context(text: &str) -> Vec<Hit> {
    tag_with(&CONTEXT, text)
}

/// The hits of [`tag`] whose tag is a date word, from the smallest
/// trie: the same hits in the same order, at less cost still.
pub(crate) fn tag_dates(text: &str) -> Vec<Hit> {
    tag_with(&DATES, text)
}

/// Whether `c` is a letter or digit ([`char::is_alphanumeric`]), answering
/// for ASCII and for the punctuation around words in news text (quotation
/// marks, dashes, guillemets, no-break space) without the Unicode tables.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xA0 | 0xAB | 0xBB | 0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

fn tag_with(t: &Trie, text: &str) -> Vec<Hit> {
    // About one hit per six bytes of news prose: rarely regrown.
    let mut out = Vec::with_capacity(text.len() / 6);
    let bytes = text.as_bytes();
    // Whether the byte before the block is an ASCII letter or digit.
    let mut carry = 0;
    for (k, block) in bytes.chunks(64).enumerate() {
        let Starts { word, start } = Starts::of(block);
        let mut starts = start & !(word << 1 | carry);
        carry = word >> 63;
        while starts != 0 {
            let at = k * 64 + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            let Some(s) = bytes.get(at).and_then(|&b| t.child(0, b)) else {
                continue;
            };
            // After a byte of a non-ASCII character, only if that
            // character is no letter (every pattern begins with one).
            if at > 0 && bytes[at - 1] >= 0x80 && !ends_word_cold(text, at) {
                continue;
            }
            t.walk(text, at, s, &mut out);
        }
    }
    out
}

/// Bit masks over a block of up to 64 bytes of a text: bit `i` for byte `i`.
struct Starts {
    /// The ASCII letters and digits.
    word: u64,
    /// The bytes a word may start with: ASCII letters and digits and the
    /// first bytes of non-ASCII characters.
    start: u64,
}

impl Starts {
    #[inline]
    fn of(block: &[u8]) -> Starts {
        let (mut word, mut start) = (0, 0);
        let mut chunks = block.chunks_exact(8);
        let mut shift = 0;
        for c in &mut chunks {
            let (w, s) = Self::eight(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
            word |= w << shift;
            start |= s << shift;
            shift += 8;
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut eight = [0u8; 8];
            eight[..rest.len()].copy_from_slice(rest);
            let (w, s) = Self::eight(u64::from_le_bytes(eight));
            word |= w << shift;
            start |= s << shift;
        }
        Starts { word, start }
    }

    /// The masks of eight bytes (little-endian in `x`), in bits 0 to 7
    /// (SWAR: no branch, no table).
    #[inline]
    fn eight(x: u64) -> (u64, u64) {
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const fn each(b: u8) -> u64 {
            u64::from_le_bytes([b; 8])
        }
        // Per byte (no carry crosses a byte): its high bit set where the
        // byte's low seven bits are a digit, or a letter in either case.
        let low = x & LOW7;
        let digit = (low + each(0x80 - b'0')) & !(low + each(0x80 - b'9' - 1));
        let folded = low | each(0x20);
        let letter = (folded + each(0x80 - b'a')) & !(folded + each(0x80 - b'z' - 1));
        let word = (digit | letter) & !x & HIGH;
        // A first byte of a non-ASCII character: 0b11xxxxxx.
        let first = x & (x << 1) & HIGH;
        // Gather the high bits into bits 0 to 7.
        let gather = |m: u64| (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        (gather(word), gather(word | first))
    }
}

impl Trie {
    /// The child of node `s` by byte `b`.
    #[inline]
    fn child(&self, s: u32, b: u8) -> Option<u32> {
        let base = self.nodes.get(s as usize).map_or(0, |n| n.base & !ENDS);
        let t = base + u32::from(self.classes[usize::from(b)]);
        self.nodes
            .get(t as usize)
            .filter(|n| n.check == s)
            .map(|_| t)
    }

    /// Push to `out` the hits of the patterns that start at byte `start`
    /// of `text` and end a word, longer first, given `s`, the node of the
    /// first byte.
    #[inline(always)]
    fn walk(&self, text: &str, start: usize, mut s: u32, out: &mut Vec<Hit>) {
        let bytes = text.as_bytes();
        let (nodes, classes) = (&self.nodes[..], &self.classes);
        // Where the hits of this start go: a longer one, found later,
        // before those found so far.
        let first = out.len();
        let mut base = nodes.get(s as usize).map_or(0, |n| n.base);
        let mut end = start + 1;
        loop {
            if base & ENDS != 0 {
                self.found(text, Span::new(start, end), s, first, out);
            }
            let Some(&b) = bytes.get(end) else { return };
            let t = (base & !ENDS) + u32::from(classes[usize::from(b)]);
            match nodes.get(t as usize) {
                Some(n) if n.check == s => (s, base, end) = (t, n.base, end + 1),
                _ => return,
            }
        }
    }

    /// Insert in `out` at `at` the hits of the pattern that ends at node
    /// `s`, found at `span` of `text`, if it ends a word there.
    #[inline(never)]
    fn found(&self, text: &str, span: Span, s: u32, mut at: usize, out: &mut Vec<Hit>) {
        if !ends_word(text, span.end) {
            return;
        }
        let (lo, hi) = self.ends.get(s as usize).copied().unwrap_or((0, 0));
        for (tag, exact) in self.tags.get(lo as usize..hi as usize).unwrap_or(&[]) {
            if exact.as_deref().map_or(true, |e| span.of(text) == e) {
                out.insert(at, Hit { span, tag: *tag });
                at += 1;
            }
        }
    }
}

/// The hits of `hits` (sorted by start, longer first) that `keep` accepts,
/// without those overlapping a longer (or earlier) accepted one.
pub(crate) fn longest(hits: impl Iterator<Item = Hit>, keep: impl Fn(Tag) -> bool) -> Vec<Hit> {
    longest_iter(hits, keep).collect()
}

/// [`longest`] as an iterator (nothing allocated).
pub(crate) fn longest_iter(
    hits: impl Iterator<Item = Hit>,
    keep: impl Fn(Tag) -> bool,
) -> impl Iterator<Item = Hit> {
    // The end of the last accepted hit (`None` before the first).
    let mut reach: Option<usize> = None;
    hits.filter(move |h| {
        // Sorted by start: a hit overlaps an accepted one iff it starts
        // before the furthest accepted end.
        let take = keep(h.tag) && reach.map_or(true, |r| h.span.start >= r);
        if take {
            reach = Some(h.span.end);
        }
        take
    })
}

/// Whether a match that ends at byte `end` of `text` ends at a word
/// boundary: its last character and the next are not both word characters.
#[inline]
fn ends_word(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    let (Some(&after), Some(&last)) = (b.get(end), end.checked_sub(1).and_then(|i| b.get(i)))
    else {
        return true;
    };
    if after.is_ascii() && last.is_ascii() {
        return !(after.is_ascii_alphanumeric() && last.is_ascii_alphanumeric());
    }
    let word = |c: Option<char>| c.is_some_and(is_word_char);
    let after = text.get(end..).and_then(|s| s.chars().next());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    !(word(after) && word(last))
}

/// [`ends_word`] out of line (for the rare word start after a non-ASCII
/// character).
#[cold]
#[inline(never)]
fn ends_word_cold(text: &str, end: usize) -> bool {
    ends_word(text, end)
}

/// Whether `start..end` of `text` begins and ends at word boundaries.
pub(crate) fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    // ASCII fast path: the bytes either side and at both ends.
    let ascii = |i: usize| {
        b.get(i)
            .filter(|x| x.is_ascii())
            .map(|x| x.is_ascii_alphanumeric())
    };
    let before = if start == 0 {
        Some(false)
    } else {
        ascii(start - 1)
    };
    let first = ascii(start);
    let last = if end == 0 {
        Some(false)
    } else {
        ascii(end - 1)
    };
    let after = if end >= b.len() {
        Some(false)
    } else {
        ascii(end)
    };
    if let (Some(bf), Some(f), Some(l), Some(a)) = (before, first, last, after) {
        let glued_before = bf && f;
        let glued_after = a && l;
        return !glued_before && !glued_after;
    }
    let word = |c: Option<char>| c.is_some_and(is_word_char);
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    let first = text.get(start..).and_then(|s| s.chars().next());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    let glued_before = word(before) && word(first);
    let glued_after = word(after) && word(last);
    !glued_before && !glued_after
}

/// `key: a | b | c` lines (or a bare `a | b` line whose key is `a`).
fn keyed(data: &'static str) -> Vec<(&'static str, Vec<&'static str>)> {
    entries(data)
        .map(|line| match line.split_once(':') {
            Some((k, v)) if !k.contains('|') && !v.trim().is_empty() => (
                k.trim(),
                v.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect(),
            ),
            _ => {
                let all: Vec<&str> = line
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                (all.first().copied().unwrap_or(""), all)
            }
        })
        .collect()
}

/// What a date word means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateWord {
    /// A month name, 1 to 12.
    Month(u32),
    /// A weekday, 1 = Monday to 7 = Sunday.
    Weekday(u32),
    /// A day relative to the anchor date (`yesterday` = -1).
    Day(i64),
    /// Days after the previous date the text gives (`a day later` = 1).
    Later(i64),
    /// A month relative to the anchor's month (`last month` = -1).
    MonthRel(i32),
    /// A time too vague to date by (`recently`, `last week`).
    Vague,
}

/// The date word a `kind value` key of the date lexicon stands for.
fn date_word(key: &str) -> Option<DateWord> {
    let mut kv = key.split_whitespace();
    let (kind, value) = (kv.next()?, kv.next()?.parse::<i64>().ok()?);
    Some(match kind {
        "month" => DateWord::Month(value.clamp(1, 12) as u32),
        "weekday" => DateWord::Weekday(value.clamp(1, 7) as u32),
        "day" => DateWord::Day(value),
        "later" => DateWord::Later(value),
        "monthrel" => DateWord::MonthRel(value.clamp(-12, 12) as i32),
        "vague" => DateWord::Vague,
        _ => return None,
    })
}

/// Words left out of topic and proposition keys (lowercase), with a
/// filter that answers "no" for most other words without hashing them.
struct Stopwords {
    words: HashSet<&'static str, FxBuild>,
    /// One bit per [`Stopwords::slot`]: set when a stop word falls there.
    filter: [u64; 64],
}

impl Stopwords {
    /// A word's place in the filter, from its length and its first and
    /// last bytes.
    fn slot(word: &str) -> usize {
        let b = word.as_bytes();
        let (first, last) = (b.first().copied(), b.last().copied());
        let (first, last) = (
            usize::from(first.unwrap_or(0)),
            usize::from(last.unwrap_or(0)),
        );
        (first * 61 + last * 11 + b.len()) & 4095
    }
}

static STOPWORDS: LazyLock<Stopwords> = LazyLock::new(|| {
    let words: HashSet<&'static str, FxBuild> =
        entries(include_str!("data/claim/stopwords.txt")).collect();
    let mut filter = [0u64; 64];
    for w in &words {
        let k = Stopwords::slot(w);
        filter[k / 64] |= 1 << (k % 64);
    }
    Stopwords { words, filter }
});

/// Whether `word` (lowercase) is a stop word.
pub(crate) fn is_stopword(word: &str) -> bool {
    let s = &*STOPWORDS;
    let k = Stopwords::slot(word);
    s.filter[k / 64] & (1 << (k % 64)) != 0 && s.words.contains(word)
}

/// Whether `word` is a contracted negation (`don't`, `can’t`, `won't`).
pub(crate) fn is_nt(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    (n >= 4
        && b[n - 1].eq_ignore_ascii_case(&b't')
        && b[n - 2] == b'\''
        && b[n - 3].eq_ignore_ascii_case(&b'n'))
        || word.ends_with("n\u{2019}t")
        || word.ends_with("N\u{2019}T")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_automaton_gives_the_context_hits_of_the_whole() {
        let text = "In Syria on Thursday, the U.S. and Russian jets flew to Iraq \
                    a day later; Ms. Ávila didn’t say in Kyiv, on October 6, 2015.";
        // The context automaton, and the date automaton, each with the
        // least number of hits it must find.
        agrees(text, is_context_tag, tag_context, 6);
        agrees(text, is_date_tag, tag_dates, 3);
    }

    /// Whether `tag_some` gives the hits of [`tag`] that `keep` accepts,
    /// at least `least` of them.
    fn agrees(text: &str, keep: fn(Tag) -> bool, tag_some: fn(&str) -> Vec<Hit>, least: usize) {
        let whole: Vec<Hit> = tag(text).into_iter().filter(|h| keep(h.tag)).collect();
        assert!(whole.len() >= least, "{whole:?}");
        assert_eq!(tag_some(text), whole);
    }

    /// The hits of the lexicon of `keep` in `text` found the slow way: at
    /// every word start, every pattern that the text continues with (ASCII
    /// case-insensitively) and that ends a word there.
    fn naive(text: &str, keep: fn(Tag) -> bool) -> Vec<Hit> {
        let (patterns, tags) = patterns(keep);
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        for (i, ch) in text.char_indices() {
            let starts = is_word_char(ch) && !prev.is_some_and(is_word_char);
            prev = Some(ch);
            if !starts {
                continue;
            }
            let rest = &text.as_bytes()[i..];
            let mut here: Vec<(usize, usize)> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes())
                })
                .map(|(id, p)| (i + p.len(), id))
                .filter(|&(end, _)| ends_word(text, end))
                .collect();
            here.sort_by_key(|&(end, _)| std::cmp::Reverse(end));
            for (end, id) in here {
                let span = Span::new(i, end);
                for (tag, exact) in &tags[id] {
                    if exact.as_deref().map_or(true, |e| span.of(text) == e) {
                        out.push(Hit { span, tag: *tag });
                    }
                }
            }
        }
        out
    }

    #[test]
    fn the_automaton_finds_what_a_search_at_every_word_start_finds() {
        let mut texts: Vec<String> = [
            "There are no and can be no land troops, no one else, in Syria.",
            "Ms. Ávila didn’t say in Kyiv, on October 6, 2015; éno, “no” one—not in-Syria.",
            "no one no on no onE NO ONE nonone no-one don't don’t DON'T won’tx",
            "US us U.S. the US’s ISIS-led IS, al-Nusra Front; Thursday.Friday",
            "",
            "n",
            "’no’",
            "Σno Syria Syriaé éSyria «Syria» Syria2 2Syria",
            // Word starts on both sides of the 64-byte blocks the starts
            // are found in, and a walk that runs past a block's end.
            "..............................................................no one",
            "...............................................................no one",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxno Syria",
            "Σ\u{2019}no “Syria”—Syria\u{a0}Syria Ñno ñ no 9no no9 no_one no\tone",
            "no one no one no one no one no one no one no one no one no one no one no one",
            "Mr. Ávila’s Kyiv-born Syrians said no—not ever—in Syria’s north.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for dir in ["tests/fixtures/corpus", "examples/data"] {
            let Ok(files) = std::fs::read_dir(dir) else {
                continue;
            };
            for f in files.flatten().take(12) {
                if let Ok(t) = std::fs::read_to_string(f.path()) {
                    texts.push(t);
                }
            }
        }
        assert!(texts.len() > 10, "the fixtures are read");
        type Keep = fn(Tag) -> bool;
        type Tagger = fn(&str) -> Vec<Hit>;
        let lexicons: [(Keep, Tagger); 3] = [
            (|_| true, tag),
            (is_context_tag, tag_context),
            (is_date_tag, tag_dates),
        ];
        for text in &texts {
            for (keep, tag_some) in lexicons {
                assert_eq!(tag_some(text), naive(text, keep), "{text}");
            }
        }
    }

    fn tags(text: &str, keep: impl Fn(Tag) -> bool) -> Vec<(&str, Tag)> {
        longest(tag(text).into_iter(), keep)
            .into_iter()
            .map(|h| (h.span.of(text), h.tag))
            .collect()
    }

    #[test]
    fn one_pass_finds_every_lexicon() {
        let t = "There are no and can be no land troops, no one else, in Syria.";
        let negs = tags(t, |t| t == Tag::Negator);
        assert_eq!(
            negs.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            ["no", "no", "no one"]
        );
        assert_eq!(
            tags(t, |t| matches!(t, Tag::Topic(_))),
            [("land troops", Tag::Topic("ground troops"))]
        );
        assert_eq!(
            tags(t, |t| matches!(t, Tag::Place(_))),
            [("Syria", Tag::Place("Syria"))]
        );
        assert_eq!(
            tags("It is out of the question.", |t| t == Tag::DenialPhrase).len(),
            1
        );
        assert!(tags("falsehood", |t| t == Tag::DenialPhrase).is_empty());
        assert_eq!(
            tags("We don’t allow it", |t| t == Tag::Neutral).len(),
            1,
            "curly apostrophes"
        );
    }

    #[test]
    fn walk_stops_at_the_end_of_the_text() {
        // The text ends inside a longer entry (`no one`) and right after one.
        let negs = tags("there is no", |t| t == Tag::Negator);
        assert_eq!(negs, [("no", Tag::Negator)]);
        let places = tags("flew to Syria", |t| matches!(t, Tag::Place(_)));
        assert_eq!(places, [("Syria", Tag::Place("Syria"))]);
        assert!(tag("").is_empty());
        let cut = tag("no on");
        assert!(cut.iter().any(|h| h.span == Span::new(0, 2)));
        assert!(cut
            .iter()
            .filter(|h| h.span.start == 0)
            .all(|h| h.span.end == 2));
    }

    #[test]
    fn date_words_parse() {
        let t = "on Thursday, October 1, a day later, yesterday";
        let words: Vec<Tag> = tags(t, |t| matches!(t, Tag::Date(_)))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(
            words,
            [
                Tag::Date(DateWord::Weekday(4)),
                Tag::Date(DateWord::Month(10)),
                Tag::Date(DateWord::Later(1)),
                Tag::Date(DateWord::Day(-1))
            ]
        );
    }

    #[test]
    fn proper_nouns_are_case_sensitive() {
        let places = |t| tags(t, |t| matches!(t, Tag::Place(_)));
        assert!(places("tell us more").is_empty());
        assert_eq!(places("the US and Syria").len(), 2);
        assert_eq!(tags("ISIS and IS", |t| matches!(t, Tag::Group(_))).len(), 2);
    }

    #[test]
    fn start_masks_agree_with_a_byte_at_a_time() {
        // Every byte value, at each of the 64 places of a block.
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for block in bytes.chunks(64).chain(bytes[5..].chunks(61)) {
            let m = Starts::of(block);
            for (i, &b) in block.iter().enumerate() {
                let word = b.is_ascii_alphanumeric();
                assert_eq!(m.word >> i & 1 == 1, word, "{b:#x}");
                assert_eq!(m.start >> i & 1 == 1, word || b >= 0xC0, "{b:#x}");
            }
            let past = m.start.checked_shr(block.len() as u32).unwrap_or(0);
            assert_eq!(past, 0, "nothing past the block");
        }
    }

    #[test]
    fn word_chars_agree_with_unicode() {
        for c in (0..=0x2FFF).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn the_stop_word_filter_keeps_every_stop_word() {
        for w in entries(include_str!("data/claim/stopwords.txt")) {
            assert!(is_stopword(w), "{w}");
        }
        assert!(!is_stopword("pipeline") && !is_stopword("") && !is_stopword("Syria"));
    }

    #[test]
    fn contracted_negation() {
        assert!(is_nt("don't") && is_nt("can’t") && is_nt("WON'T"));
        assert!(!is_nt("nt") && !is_nt("don"));
    }
}
