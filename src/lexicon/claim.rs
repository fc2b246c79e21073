//! Lexicons of the claim stage: negation and denial cues, hedges, report
//! nouns, date words, topic synonyms, predicate classes and the entity
//! gazetteers. They are compiled once into ONE Aho-Corasick automaton, so
//! that the claim stage reads a quote's text in a single pass ([`tag`]) and
//! works from the tagged hits after that.

use super::entries;
use super::quote::head_key;
use crate::Span;
use std::collections::HashMap;
use std::sync::LazyLock;

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

/// The combined automaton: a DFA over the patterns (lowercase,
/// deduplicated; ASCII letters of the text read in either case) that finds
/// them where a word starts, walked once over a text, one step a byte; and,
/// for each pattern, its length and the tags it carries with the exact
/// spelling case-sensitive tags require.
///
/// It is the Aho-Corasick automaton of the patterns each put after a
/// character that is not an ASCII letter or digit: a pattern is only ever
/// found after such a byte (or at the start of the text), so that inside a
/// word nothing is reported. (A byte of a non-ASCII character may end a
/// letter: such a start is checked when found.) It is built here rather
/// than by the `aho_corasick` crate so that its walk is a table look-up a
/// byte: states are premultiplied rows of `trans`, numbered breadth-first
/// (the states a walk is most often in share cache lines).
///
/// A match is reported one step late, by the step that reads the byte
/// after it: only a step from a match state by a byte that may end a word
/// (no ASCII letter or digit, or any byte when the match itself ends with
/// no letter or digit) is flagged ([`HIT`]), so that a pattern found
/// inside a longer word (`no` in `nobody`) stops nothing. The flagged entry
/// carries the match state's number, which tells what it reports. A text
/// that ends in a match state reports it after the last step
/// ([`Combined::ends`]).
struct Combined {
    /// The class of each byte.
    classes: [u8; 256],
    /// The transitions: entry `s + class` of row `s` (a premultiplied
    /// state) holds the next state in its low [`STATE_BITS`] bits; when it
    /// is flagged ([`HIT`]), bits `STATE_BITS..30` hold the number of the
    /// match state `s` in [`Combined::found`], and bit 30 ([`CHECK`]) tells
    /// whether the byte read or the last of the match is a byte of a
    /// non-ASCII character. A walk masks an entry with
    /// [`STATE_MASK`] to index the table, which strips the flag and number.
    trans: Box<[u32; 1 << STATE_BITS]>,
    /// The state at the start of a text (premultiplied): that after a
    /// byte that is not a letter or digit.
    start: u32,
    /// What each match state reports.
    found: Vec<Found>,
    /// The tags of the patterns that end in each match state, grouped by
    /// match state, then by pattern (longest first), in one array: a match
    /// reads one short run of it.
    outs: Vec<Out>,
    /// The exact spellings case-sensitive tags require, end to end.
    spellings: String,
}

/// Bits of a transition's next state: `trans` has `1 << STATE_BITS`
/// entries (those beyond the last state are never read).
const STATE_BITS: u32 = 18;

/// The mask of a transition's next state.
const STATE_MASK: usize = (1 << STATE_BITS) - 1;

/// The flag of a transition from a match state that may end its match.
const HIT: u32 = 1 << 31;

/// The flag of a flagged transition by a byte of a non-ASCII character, or
/// from a match that ends with one: whether the match ends a word is
/// checked when found.
const CHECK: u32 = 1 << 30;

/// The mask of a match state's number in a flagged transition (shifted
/// right by [`STATE_BITS`]).
const MATCH_MASK: u32 = (1 << (30 - STATE_BITS)) - 1;

/// The class of the ASCII bytes that no pattern holds and that are no
/// letter or digit: a step by it after a text's last byte tells whether
/// the text ends a match.
const OTHER: u8 = 1;

/// The class of the bytes of non-ASCII characters that no pattern holds.
const WIDE: u8 = 2;

/// What a match state reports.
#[derive(Clone, Copy, Debug)]
struct Found {
    /// The range of [`Combined::outs`] holding its tags.
    lo: u32,
    hi: u32,
    /// The length of its pattern when it reports one (most do; 0 when it
    /// reports several).
    len: u32,
}

/// One tag of a pattern that ends in a match state.
#[derive(Clone, Copy, Debug)]
struct Out {
    /// The pattern's length in bytes.
    len: u32,
    /// The range of [`Combined::spellings`] of the exact spelling the tag
    /// requires, if it is case-sensitive.
    exact: Option<(u32, u32)>,
    tag: Tag,
}

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

/// The automaton of the entries whose tag `keep` accepts.
fn compile(keep: fn(Tag) -> bool) -> Combined {
    let (patterns, tags) = patterns(keep);
    automaton(&patterns, tags)
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

/// The automaton of `patterns` (lowercase, each starting with a word
/// character; see [`Combined`]).
fn automaton(patterns: &[String], tags: Vec<PatternTags>) -> Combined {
    // Byte classes: one for each byte the patterns have (an upper-case
    // ASCII letter with its lower case), one for the other ASCII letters
    // and digits, one for the other ASCII bytes, one for every other byte.
    // A class is all "word" (ASCII letters and digits) or all "other",
    // and all ASCII or all not.
    let mut classes = [0u8; 256];
    for b in 0..=255u8 {
        if !b.is_ascii() {
            classes[usize::from(b)] = WIDE;
        } else if !b.is_ascii_alphanumeric() {
            classes[usize::from(b)] = OTHER;
        }
    }
    let mut ncls = 3usize;
    let mut assigned = [false; 256];
    for p in patterns {
        for b in p.bytes() {
            if !assigned[usize::from(b)] {
                let c = u8::try_from(ncls).expect("fewer than 256 byte classes");
                classes[usize::from(b)] = c;
                assigned[usize::from(b)] = true;
                if b.is_ascii_lowercase() {
                    classes[usize::from(b.to_ascii_uppercase())] = c;
                    assigned[usize::from(b.to_ascii_uppercase())] = true;
                }
                ncls += 1;
            }
        }
    }
    let mut is_other = vec![false; ncls];
    let mut is_wide = vec![false; ncls];
    for b in 0..=255u8 {
        let c = usize::from(classes[usize::from(b)]);
        is_other[c] |= !b.is_ascii_alphanumeric();
        is_wide[c] |= !b.is_ascii();
    }
    // The trie: `goto[s * ncls + c]` is the child of state `s` by class `c`
    // (`NONE` for none). State 0 is the root, state 1 the state after a
    // byte that is no letter or digit, under which the patterns hang.
    const NONE: u32 = u32::MAX;
    let mut goto: Vec<u32> = vec![NONE; 2 * ncls];
    for (c, &other) in is_other.iter().enumerate() {
        goto[c] = if other { 1 } else { 0 };
    }
    let mut own: Vec<Option<u32>> = vec![None, None];
    // The class of the byte that leads to each state.
    let mut last: Vec<usize> = vec![0, OTHER.into()];
    for (pid, p) in patterns.iter().enumerate() {
        let mut s = 1usize;
        for b in p.bytes() {
            let class = usize::from(classes[usize::from(b)]);
            let at = s * ncls + class;
            s = match goto[at] {
                NONE => {
                    let t = own.len();
                    goto[at] = u32::try_from(t).expect("fewer than 2^32 states");
                    goto.extend(std::iter::repeat(NONE).take(ncls));
                    own.push(None);
                    last.push(class);
                    t
                }
                t => t as usize,
            };
        }
        own[s] = Some(u32::try_from(pid).expect("fewer than 2^32 patterns"));
    }
    // Failure links in breadth-first order (the root's row is complete and
    // state 1 fails to it), turning the trie into a DFA; each state's
    // patterns are its own and those of its failure state.
    let n = own.len();
    let mut fail = vec![0usize; n];
    let mut outs: Vec<Vec<u32>> = own.iter().map(|o| o.iter().copied().collect()).collect();
    let mut queue = std::collections::VecDeque::from([1usize]);
    // The states in breadth-first order.
    let mut order = vec![0usize, 1];
    while let Some(s) = queue.pop_front() {
        let inherited = outs[fail[s]].clone();
        outs[s].extend(inherited);
        for c in 0..ncls {
            let via_fail = goto[fail[s] * ncls + c];
            match goto[s * ncls + c] {
                NONE => goto[s * ncls + c] = via_fail,
                t => {
                    fail[t as usize] = via_fail as usize;
                    queue.push_back(t as usize);
                    order.push(t as usize);
                }
            }
        }
    }
    // Renumber breadth-first; premultiply; number the match states.
    assert!(
        order.len() == n && n * ncls <= 1 << STATE_BITS,
        "the DFA fits in 2^STATE_BITS entries"
    );
    let mut new_id = vec![0u32; n];
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = (new * ncls) as u32;
    }
    let mut trans: Box<[u32; 1 << STATE_BITS]> = vec![0; 1 << STATE_BITS]
        .into_boxed_slice()
        .try_into()
        .unwrap_or_else(|_| unreachable!());
    let mut found = Vec::new();
    let mut flat = Vec::new();
    let mut spellings = String::new();
    for (new, &old) in order.iter().enumerate() {
        let row = &mut trans[new * ncls..(new + 1) * ncls];
        for (c, entry) in row.iter_mut().enumerate() {
            *entry = new_id[goto[old * ncls + c] as usize];
        }
        if outs[old].is_empty() {
            continue;
        }
        let m = u32::try_from(found.len())
            .ok()
            .filter(|&m| m <= MATCH_MASK)
            .expect("the match states are numbered in 30 - STATE_BITS bits");
        // A step by a byte that is no letter or digit may end the match;
        // when the match ends with such a byte, any step may.
        for (c, entry) in row.iter_mut().enumerate() {
            if is_other[c] || is_other[last[old]] {
                let check = if is_wide[c] || is_wide[last[old]] {
                    CHECK
                } else {
                    0
                };
                *entry |= HIT | check | m << STATE_BITS;
            }
        }
        let lo = flat.len() as u32;
        for &pid in &outs[old] {
            for (tag, exact) in &tags[pid as usize] {
                let exact = exact.as_deref().map(|e| {
                    let at = spellings.len() as u32;
                    spellings.push_str(e);
                    (at, spellings.len() as u32)
                });
                flat.push(Out {
                    len: patterns[pid as usize].len() as u32,
                    exact,
                    tag: *tag,
                });
            }
        }
        let len = flat[lo as usize].len;
        let one = flat[lo as usize..].iter().all(|o| o.len == len);
        found.push(Found {
            lo,
            hi: flat.len() as u32,
            len: if one { len } else { 0 },
        });
    }
    Combined {
        classes,
        trans,
        start: new_id[1],
        found,
        outs: flat,
        spellings,
    }
}

static COMBINED: LazyLock<Combined> = LazyLock::new(|| compile(|_| true));

/// Whether a tag is one of those every body paragraph is read for (the
/// places it locates and its dates), not only those holding quotes.
pub(crate) fn is_context_tag(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Locative | Tag::Place(_) | Tag::Demonym(_) | Tag::Date(_)
    )
}

static CONTEXT: LazyLock<Combined> = LazyLock::new(|| compile(is_context_tag));

/// Whether a tag is a date word.
/// Whether `tag` is a date word's.
pub(crate) fn is_date_tag(tag: Tag) -> bool {
    matches!(tag, Tag::Date(_))
}

static DATES: LazyLock<Combined> = LazyLock::new(|| compile(is_date_tag));

/// Every lexicon hit in `text` (whole words only; proper-noun lexicons
/// case-sensitively), sorted by start, longer first. Overlapping hits are
/// all kept (`no` inside `no one`): each user keeps the longest of the tags
/// it reads. One pass over `text`: one DFA step a byte, every match
/// reported and those at a word start kept.
pub(crate) fn tag(text: &str) -> Vec<Hit> {
    tag_with(&COMBINED, text)
}

/// The hits of [`tag`] whose tag [`is_context_tag`], from a smaller
/// automaton: the same hits in the same order, at less cost.
pub(crate) fn tag_context(text: &str) -> Vec<Hit> {
    tag_with(&CONTEXT, text)
}

/// The hits of [`tag`] whose tag is a date word, from the smallest
/// automaton: the same hits in the same order, at less cost still.
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

fn tag_with(c: &Combined, text: &str) -> Vec<Hit> {
    // News prose has about one hit per 40 bytes: room for one per 16
    // is rarely regrown, and is not the megabytes a 1 MB text would
    // otherwise ask for up front.
    let mut out = Vec::with_capacity(text.len() / 16);
    c.walk(&mut Stream::new(c, (0, 0, text), 0), &mut out);
    out
}

/// Tag each text of `texts` (an id, its origin and the text) as [`tag`]
/// does, into two lanes of hits: each text's hits are a run of one lane,
/// their spans shifted by the text's origin. `put` is handed each text's
/// id, lane (0 or 1) and the index range of its run, and `room` is the
/// number of hits to make room for in a lane at first.
///
/// A walk step is a load that needs the step before it, so one walk goes
/// no faster than the latency of a load a byte. Two texts are walked side
/// by side, a byte of each a step: their steps do not wait on each other.
/// When one ends, the next text takes its place (in its lane: the texts
/// of a lane come in the order of `texts`).
pub(crate) fn tag_each<'a>(
    mut texts: impl Iterator<Item = (usize, usize, &'a str)>,
    room: usize,
    mut put: impl FnMut(usize, usize, (usize, usize)),
) -> [Vec<Hit>; 2] {
    let c = &*COMBINED;
    let mut lanes = [Vec::new(), Vec::new()];
    let mut next = |lane: &mut Vec<Hit>| {
        let text = texts.next()?;
        if lane.capacity() == 0 {
            lane.reserve(room);
        }
        Some(Stream::new(c, text, lane.len()))
    };
    let (mut a, mut b) = (next(&mut lanes[0]), next(&mut lanes[1]));
    while let (Some(x), Some(y)) = (&mut a, &mut b) {
        let [l0, l1] = &mut lanes;
        c.walk2(x, l0, y, l1);
        if x.at == x.text.len() {
            x.ends(c, &mut lanes[0]);
            if let Some(done) = std::mem::replace(&mut a, next(&mut lanes[0])) {
                put(done.id, 0, (done.first, lanes[0].len()));
            }
        }
        if let Some(y) = b.as_mut().filter(|y| y.at == y.text.len()) {
            y.ends(c, &mut lanes[1]);
            if let Some(done) = std::mem::replace(&mut b, next(&mut lanes[1])) {
                put(done.id, 1, (done.first, lanes[1].len()));
            }
        }
    }
    // The last text: walked alone.
    let last = match (a.take(), b.take()) {
        (Some(s), _) => Some((s, 0)),
        (None, s) => s.map(|s| (s, 1)),
    };
    if let Some((mut s, lane)) = last {
        c.walk(&mut s, &mut lanes[lane]);
        put(s.id, lane, (s.first, lanes[lane].len()));
    }
    lanes
}

/// A text being tagged: where the walk is, in what state, and where its
/// hits start in its lane.
struct Stream<'a> {
    id: usize,
    /// Added to the spans of the text's hits.
    origin: usize,
    text: &'a str,
    at: usize,
    /// The last entry of `trans` the walk read (a state, perhaps flagged).
    sid: u32,
    /// The index of the text's first hit in its lane.
    first: usize,
}

impl<'a> Stream<'a> {
    fn new(c: &Combined, (id, origin, text): (usize, usize, &'a str), first: usize) -> Self {
        Stream {
            id,
            origin,
            text,
            at: 0,
            sid: c.start,
            first,
        }
    }

    /// Add the hits of the match state that flagged entry `e` names, ending
    /// at byte `end`.
    #[inline]
    fn hits(&self, c: &Combined, e: u32, end: usize, lane: &mut Vec<Hit>) {
        matched(c, self.text, e, end, (self.first, self.origin), lane);
    }

    /// Add the hits that end at the end of the text (walked to its end).
    #[inline]
    fn ends(&self, c: &Combined, lane: &mut Vec<Hit>) {
        let e = c.trans[(self.sid as usize + usize::from(OTHER)) & STATE_MASK];
        if e & HIT != 0 {
            self.hits(c, e, self.at, lane);
        }
    }
}

impl Combined {
    /// Walk the texts of `x` and `y` side by side, a byte of each a step,
    /// until the shorter rest ends, adding the hits of each to its lane.
    #[inline(never)]
    fn walk2(&self, x: &mut Stream, lx: &mut Vec<Hit>, y: &mut Stream, ly: &mut Vec<Hit>) {
        let (classes, trans) = (&self.classes, &*self.trans);
        // The mask keeps the index in the table: no bounds check.
        let step = |sid: u32, b: u8| {
            trans[(sid as usize + usize::from(classes[usize::from(b)])) & STATE_MASK]
        };
        let (xs, ys) = (&x.text.as_bytes()[x.at..], &y.text.as_bytes()[y.at..]);
        let n = xs.len().min(ys.len());
        let (a, b) = (&xs[..n], &ys[..n]);
        let (mut sa, mut sb) = (x.sid, y.sid);
        let mut k = 0;
        while k < n {
            // Two bytes of each a round (fewer loop tests) until a step is
            // flagged, then the last.
            let pairs = a[k..].chunks_exact(2).zip(b[k..].chunks_exact(2));
            for (x, y) in pairs {
                sa = step(sa, x[0]);
                sb = step(sb, y[0]);
                k += 1;
                if (sa | sb) & HIT != 0 {
                    break;
                }
                sa = step(sa, x[1]);
                sb = step(sb, y[1]);
                k += 1;
                if (sa | sb) & HIT != 0 {
                    break;
                }
            }
            if (sa | sb) & HIT == 0 {
                if let (Some(&x), Some(&y)) = (a.get(k), b.get(k)) {
                    sa = step(sa, x);
                    sb = step(sb, y);
                    k += 1;
                }
            }
            if sa & HIT != 0 {
                x.hits(self, sa, x.at + k - 1, lx);
            }
            if sb & HIT != 0 {
                y.hits(self, sb, y.at + k - 1, ly);
            }
            // Found: the walk goes on from the states.
            (sa, sb) = (sa & !HIT, sb & !HIT);
        }
        (x.sid, y.sid) = (sa, sb);
        x.at += n;
        y.at += n;
    }

    /// Walk the rest of the text of `s`, adding its hits to `out`, and
    /// those that end with it.
    #[inline(never)]
    fn walk(&self, s: &mut Stream, out: &mut Vec<Hit>) {
        let (classes, trans) = (&self.classes, &*self.trans);
        let step = |sid: u32, b: u8| {
            trans[(sid as usize + usize::from(classes[usize::from(b)])) & STATE_MASK]
        };
        let bytes = s.text.as_bytes();
        let mut sid = s.sid;
        let mut at = s.at;
        while at < bytes.len() {
            // Four bytes a round (fewer loop tests) until a step is
            // flagged, then one at a time.
            loop {
                if let Some(&[b0, b1, b2, b3]) = bytes.get(at..at + 4) {
                    sid = step(sid, b0);
                    at += 1;
                    if sid & HIT != 0 {
                        break;
                    }
                    sid = step(sid, b1);
                    at += 1;
                    if sid & HIT != 0 {
                        break;
                    }
                    sid = step(sid, b2);
                    at += 1;
                    if sid & HIT != 0 {
                        break;
                    }
                    sid = step(sid, b3);
                    at += 1;
                    if sid & HIT != 0 {
                        break;
                    }
                } else if let Some(&b0) = bytes.get(at) {
                    sid = step(sid, b0);
                    at += 1;
                    if sid & HIT != 0 {
                        break;
                    }
                } else {
                    break;
                }
            }
            if sid & HIT != 0 {
                s.hits(self, sid, at - 1, out);
            }
        }
        s.sid = sid;
        s.at = at;
        s.ends(self, out);
    }
}

/// Add to `out` the hits of the patterns of the match state that flagged
/// entry `e` names that end at byte `end` of `text` as whole words, in
/// their place: sorted by start, longer first. A match is found at its
/// end, so one that starts earlier may come after another (`no one` after
/// `on`): it is moved back past the few hits that end within its length,
/// not past index `floor` (where the text's hits start in `out`). The
/// spans put in `out` are shifted by `origin`.
#[inline(always)]
fn matched(
    c: &Combined,
    text: &str,
    e: u32,
    end: usize,
    (floor, origin): (usize, usize),
    out: &mut Vec<Hit>,
) {
    let m = ((e >> STATE_BITS) & MATCH_MASK) as usize;
    let bytes = text.as_bytes();
    // Most often: one pattern, no non-ASCII character at its ends (the
    // automaton flags a step only by a byte that may end a word, and tells
    // whether the bytes about the end are ASCII; the byte before is read)
    // and after the last hit.
    if let Some(&Found { lo, hi, len }) = c.found.get(m) {
        let start = end.wrapping_sub(len as usize);
        let ascii_before = bytes.get(start.wrapping_sub(1)).map_or(true, u8::is_ascii);
        if e & CHECK == 0 && len != 0 && start <= end && ascii_before {
            let span = Span {
                start: origin + start,
                end: origin + end,
            };
            if out.len() <= floor || out.last().is_some_and(|h| h.span.start < span.start) {
                for o in c.outs.get(lo as usize..hi as usize).unwrap_or(&[]) {
                    let spelled = o.exact.map_or(true, |(a, b)| {
                        c.spellings.as_bytes().get(a as usize..b as usize) == bytes.get(start..end)
                    });
                    if spelled {
                        out.push(Hit { span, tag: o.tag });
                    }
                }
                return;
            }
        }
    }
    matched_all(c, text, m, end, (floor, origin), out);
}

/// [`matched`] for match state `m` in every case: one of several patterns,
/// a match with non-ASCII bytes about it, one that starts before the last
/// hit.
#[inline(never)]
fn matched_all(
    c: &Combined,
    text: &str,
    m: usize,
    end: usize,
    (floor, origin): (usize, usize),
    out: &mut Vec<Hit>,
) {
    let bytes = text.as_bytes();
    let wide = |i: usize| bytes.get(i).is_some_and(|&b| b >= 0x80);
    if (wide(end) || end.checked_sub(1).is_some_and(wide)) && !ends_word(text, end) {
        return;
    }
    // The automaton found the match after a byte that is no ASCII letter
    // or digit: it starts a word unless that byte ends a non-ASCII letter.
    // Every pattern begins with a word character, so the word boundary
    // test at the start is the one at an end.
    let starts_word = |start: usize| !(start > 0 && wide(start - 1)) || ends_word(text, start);
    let Some(&Found { lo, hi, .. }) = c.found.get(m) else {
        return;
    };
    let outs = c.outs.get(lo as usize..hi as usize).unwrap_or(&[]);
    // The tags of one pattern are consecutive, and patterns of a state
    // differ in length.
    let mut i = 0;
    while let Some(first) = outs.get(i) {
        let len = first.len;
        let same = outs[i..].iter().take_while(|o| o.len == len).count();
        let tags = &outs[i..i + same];
        i += same;
        let Some(start) = end.checked_sub(len as usize).filter(|&s| starts_word(s)) else {
            continue;
        };
        let span = Span::new(start, end);
        let (start, end) = (origin + start, origin + end);
        let mut at = place(out, floor, start, end);
        for o in tags {
            let spelled = o.exact.map_or(true, |(a, b)| {
                c.spellings.get(a as usize..b as usize) == Some(span.of(text))
            });
            let span = Span::new(start, end);
            if spelled {
                out.insert(at, Hit { span, tag: o.tag });
                at += 1;
            }
        }
    }
}

/// Where in `out` (sorted by start, longer first, from index `floor`) a
/// hit `start..end` goes: before the hits at its end that start after it,
/// or at its start and are shorter.
#[inline]
fn place(out: &[Hit], floor: usize, start: usize, end: usize) -> usize {
    let mut at = out.len();
    while at > floor && (out[at - 1].span.start, end) > (start, out[at - 1].span.end) {
        at -= 1;
    }
    at
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

/// Words left out of topic and proposition keys (lowercase), found
/// without hashing a string: a word of up to eight bytes is a number
/// ([`packed`]) that a perfect hash (hash and displace) sends to the one
/// slot where it can be. A probe is two multiplications, two loads and a
/// comparison.
pub(crate) struct Stopwords {
    /// The packed stop word of each slot (0 for none).
    slots: Vec<u64>,
    /// The number of slots is `1 << bits`.
    bits: u32,
    /// Each bucket's displacement, chosen when the table is built so that
    /// no two stop words share a slot.
    disp: [u16; STOP_BUCKETS],
    /// Stop words longer than eight bytes (`regarding`), compared in turn.
    long: Vec<&'static str>,
}

/// Buckets of the stop word hash.
const STOP_BUCKETS: usize = 64;

/// Odd multipliers of the stop word hash.
const STOP_MIX: u64 = 0x9E37_79B9_7F4A_7C15;
const STOP_DISP: u64 = 0xD6E8_FEB8_6659_FD93;

/// `word` as a number when it has one to eight bytes: its bytes read
/// little-endian, zero-padded ([`head_key`]; no word has a NUL byte, so
/// different words give different numbers, none of them 0).
pub(crate) fn packed(word: &[u8]) -> Option<u64> {
    (1..=8).contains(&word.len()).then(|| head_key(word))
}

impl Stopwords {
    /// The bucket of a packed word.
    #[inline]
    fn bucket(key: u64) -> usize {
        (key.wrapping_mul(STOP_MIX) >> 58) as usize
    }

    /// The slot of a packed word under displacement `d` among `1 << bits`.
    #[inline]
    fn slot(key: u64, d: u16, bits: u32) -> usize {
        ((key ^ u64::from(d).wrapping_mul(STOP_DISP)).wrapping_mul(STOP_MIX) >> (64 - bits))
            as usize
    }

    /// The table of `words`, with the fewest slots (a power of two, at
    /// least 256) that give every short word a slot of its own.
    fn new(words: impl Iterator<Item = &'static str>) -> Self {
        let mut keys = Vec::new();
        let mut long = Vec::new();
        for w in words {
            match packed(w.as_bytes()) {
                Some(k) => keys.push(k),
                None => long.push(w),
            }
        }
        keys.sort_unstable();
        keys.dedup();
        let mut bits = 8;
        loop {
            if let Some((slots, disp)) = Self::place(&keys, bits) {
                return Stopwords {
                    slots,
                    bits,
                    disp,
                    long,
                };
            }
            bits += 1;
        }
    }

    /// Slots and displacements that place every key of `keys` (distinct,
    /// non-zero) in a slot of its own among `1 << bits`, if there are any.
    fn place(keys: &[u64], bits: u32) -> Option<(Vec<u64>, [u16; STOP_BUCKETS])> {
        let mut buckets: Vec<Vec<u64>> = vec![Vec::new(); STOP_BUCKETS];
        for &k in keys {
            buckets[Self::bucket(k)].push(k);
        }
        // The fullest buckets first, while most slots are free.
        let mut order: Vec<usize> = (0..STOP_BUCKETS).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(buckets[b].len()));
        let mut slots = vec![0u64; 1 << bits];
        let mut disp = [0u16; STOP_BUCKETS];
        let mut taken = Vec::new();
        for b in order {
            let d = (0..=u16::MAX).find(|&d| {
                taken.clear();
                buckets[b].iter().all(|&k| {
                    let i = Self::slot(k, d, bits);
                    let free = slots[i] == 0 && !taken.contains(&i);
                    taken.push(i);
                    free
                })
            })?;
            disp[b] = d;
            for &k in &buckets[b] {
                slots[Self::slot(k, d, bits)] = k;
            }
        }
        Some((slots, disp))
    }

    /// Whether the word packed as `key` by [`packed`] is a stop word.
    #[inline]
    pub(crate) fn contains_packed(&self, key: u64) -> bool {
        let d = self.disp[Self::bucket(key)];
        key != 0 && self.slots.get(Self::slot(key, d, self.bits)) == Some(&key)
    }

    /// Whether `word` (lowercase) is a stop word.
    pub(crate) fn contains(&self, word: &str) -> bool {
        match packed(word.as_bytes()) {
            Some(k) => self.contains_packed(k),
            None => self.long.contains(&word),
        }
    }
}

static STOPWORDS: LazyLock<Stopwords> =
    LazyLock::new(|| Stopwords::new(entries(include_str!("data/claim/stopwords.txt"))));

/// The stop words.
pub(crate) fn stopwords() -> &'static Stopwords {
    &STOPWORDS
}

/// Whether `word` (lowercase) is a stop word.
pub(crate) fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(word)
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
            // Word starts and a two-word entry near and across the
            // 64-byte mark, non-ASCII neighbours, repeated overlaps.
            "..............................................................no one",
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
    fn flagged_steps_leave_the_match_states_by_word_ends() {
        for c in [&*COMBINED, &*CONTEXT, &*DATES] {
            let stride = usize::from(c.classes.iter().copied().max().unwrap_or(0)) + 1;
            let rows = (0..c.trans.len() / stride)
                .take_while(|&r| r == 0 || c.trans[r * stride..][..stride].iter().any(|&e| e != 0))
                .count();
            assert!(rows > c.found.len() && c.found.len() > 10);
            // Each match state has its flagged row, every entry of which
            // names it; no other row has a flagged entry.
            let mut named = vec![0; c.found.len()];
            for r in 0..rows {
                let row = &c.trans[r * stride..][..stride];
                let flagged: Vec<u32> = row.iter().filter(|&&e| e & HIT != 0).copied().collect();
                assert!(row.iter().all(|&e| e as usize & STATE_MASK < rows * stride));
                if let Some(&e) = flagged.first() {
                    let m = ((e >> STATE_BITS) & MATCH_MASK) as usize;
                    let number = |f: u32| (f >> STATE_BITS) & MATCH_MASK;
                    assert!(flagged.iter().all(|&f| number(f) == number(e)));
                    named[m] += 1;
                    // The class of a space, and the class after a text, end a word.
                    assert!(row[usize::from(OTHER)] & HIT != 0);
                    assert!(row[usize::from(c.classes[usize::from(b' ')])] & HIT != 0);
                    // A byte of a non-ASCII character is checked; an ASCII
                    // byte after a match ending in one is too.
                    assert!(row[usize::from(WIDE)] & CHECK != 0);
                    assert_eq!(
                        row[usize::from(OTHER)] & CHECK,
                        row[usize::from(c.classes[usize::from(b',')])] & CHECK
                    );
                }
            }
            assert!(named.iter().all(|&k| k == 1), "one row per match state");
            // A letter after a match ending with a letter is no word end.
            let no = tag_step(c, c.start as usize, b"no");
            assert!(no & HIT == 0);
            let nob =
                c.trans[(no as usize + usize::from(c.classes[usize::from(b'b')])) & STATE_MASK];
            assert!(nob & HIT == 0, "no in nobody");
        }
    }

    /// The entry after walking `bytes` from premultiplied state `s`.
    fn tag_step(c: &Combined, mut s: usize, bytes: &[u8]) -> u32 {
        let mut e = 0;
        for &b in bytes {
            e = c.trans[(s + usize::from(c.classes[usize::from(b)])) & STATE_MASK];
            s = e as usize & STATE_MASK;
        }
        e
    }

    #[test]
    fn texts_tagged_side_by_side_get_the_hits_of_each_alone() {
        // Texts of many lengths and hits, long and short side by side, so
        // that each ends while the other is at every kind of place.
        let unit = "Not in Syria, no one, “no” one said: US, (U.S.) Iraq’s no-fly \
                    zone, on Thursday, October 6, a day later, \"no\"—ruled out. ";
        let three = unit.repeat(3);
        let mut texts: Vec<&str> = (0..three.len()).filter_map(|n| three.get(..n)).collect();
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..400 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let i = (x % texts.len() as u64) as usize;
            texts.push(texts[i]);
        }
        texts.extend(["", "no one", "", "", "Syria"]);
        // Each text at its own origin, as paragraphs of one article.
        let origins: Vec<usize> = texts
            .iter()
            .scan(0, |at, t| {
                *at += t.len() + 2;
                Some(*at - t.len())
            })
            .collect();
        let mut runs: Vec<Option<(usize, (usize, usize))>> = vec![None; texts.len()];
        let queue = texts.iter().enumerate().map(|(i, t)| (i, origins[i], *t));
        let lanes = tag_each(queue, 8, |i, lane, range| {
            assert!(runs[i].replace((lane, range)).is_none(), "each text once");
        });
        let mut seen = 0;
        for (i, t) in texts.iter().enumerate() {
            let (lane, (lo, hi)) = runs[i].unwrap_or_else(|| panic!("{t}"));
            let shifted: Vec<Hit> = tag(t)
                .into_iter()
                .map(|h| Hit {
                    span: Span::new(h.span.start + origins[i], h.span.end + origins[i]),
                    tag: h.tag,
                })
                .collect();
            assert_eq!(lanes[lane][lo..hi], shifted, "{t}");
            seen += hi - lo;
        }
        assert_eq!(seen, lanes[0].len() + lanes[1].len());
        assert!(tag(unit).len() > 10 && !lanes[1].is_empty());
        // One text, and none.
        let mut one = Vec::new();
        let lanes = tag_each([(7, 3, unit)].into_iter(), 0, |i, lane, range| {
            one.push((i, lane, range))
        });
        let n = tag(unit).len();
        assert_eq!(one, [(7, 0, (0, n))]);
        assert!(lanes[0].len() == n && lanes[1].is_empty() && lanes[1].capacity() == 0);
        let lanes = tag_each(std::iter::empty(), 9, |_, _, _| panic!("no text"));
        assert!(lanes.iter().all(|l| l.capacity() == 0));
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
        assert!(!is_stopword("regard") && !is_stopword("regardings") && !is_stopword("don"));
        assert!(!stopwords().contains_packed(0));
    }

    #[test]
    fn the_stop_word_table_answers_as_a_set() {
        // Every short word over a small alphabet, and the words of a text.
        let set: std::collections::HashSet<&str> =
            entries(include_str!("data/claim/stopwords.txt")).collect();
        let alphabet = ["a", "e", "h", "i", "n", "o", "s", "t", "'"];
        let mut words: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        words.sort();
        words.dedup();
        for w in &words {
            assert_eq!(is_stopword(w), set.contains(w.as_str()), "{w}");
        }
        // A table too small for the words is never built: more slots are taken.
        let many = Stopwords::new((0..400).map(|i| -> &'static str { format!("w{i}").leak() }));
        assert!(many.slots.len() >= 512);
        assert!((0..400).all(|i| many.contains(&format!("w{i}"))));
        assert!(!many.contains("w400"));
    }

    #[test]
    fn contracted_negation() {
        assert!(is_nt("don't") && is_nt("can’t") && is_nt("WON'T"));
        assert!(!is_nt("nt") && !is_nt("don"));
    }
}
