//! Lexicons of the quote stage: reporting verbs, cue phrases, titles and role
//! nouns, organisation words, pronouns, stop words and abbreviations.
//!
//! Every list is a data file under `data/quote/`, compiled once on first use.
//! All single-word lists share one open-addressing table ([`entry_id`]): a
//! lookup takes a word as printed and compares it ASCII-case-insensitively
//! without allocating or copying (a word that is not ASCII is lowercased on
//! the heap first, which is rare). The tokeniser looks every word up once
//! and keeps the entry's id in the token.

use super::entries;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The grammatical form of a reporting verb as printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VerbForm {
    /// `say`, `tell`: a bare form (after `to`, `will`, `did`, plural subjects).
    Base,
    /// `says`, `tells`.
    Present,
    /// `said`, `told`.
    Past,
    /// `saying`, `telling`.
    Gerund,
}

/// What the lexicon knows of a reporting verb form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Verb {
    /// The form as printed.
    pub form: VerbForm,
    /// The verb's base form (`say` for `said`).
    pub lemma: &'static str,
}

static VERBS: LazyLock<HashMap<&'static str, Verb>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in entries(include_str!("data/quote/verbs.txt")) {
        let mut forms = line.split_whitespace();
        let Some(lemma) = forms.next() else { continue };
        // A line may start with a past form (`charged`, `stated stating`)
        // when the bare form is too ambiguous to be a cue.
        let form = if lemma.ends_with("ed") {
            VerbForm::Past
        } else {
            VerbForm::Base
        };
        map.entry(lemma).or_insert(Verb { form, lemma });
        for f in forms {
            let form = if f.ends_with("ing") {
                VerbForm::Gerund
            } else if f.ends_with('s') && !f.ends_with("ss") {
                VerbForm::Present
            } else {
                VerbForm::Past
            };
            map.entry(f).or_insert(Verb { form, lemma });
        }
    }
    map
});

/// Multi-word cues, keyed by their first word; each entry is the remaining words.
static PHRASES: LazyLock<HashMap<&'static str, Vec<Vec<&'static str>>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<Vec<&'static str>>> = HashMap::new();
    for line in entries(include_str!("data/quote/phrases.txt")) {
        let mut words = line.split_whitespace();
        if let Some(first) = words.next() {
            map.entry(first).or_default().push(words.collect());
        }
    }
    for list in map.values_mut() {
        list.sort_by_key(|rest| std::cmp::Reverse(rest.len()));
    }
    map
});

// The word lists, one lowercase word a line; each word's facts are read
// from the one table, [`WORDS`].
const TITLES: &str = include_str!("data/quote/titles.txt");
const ORG_WORDS: &str = include_str!("data/quote/org_words.txt");
const STOPWORDS: &str = include_str!("data/quote/stopwords.txt");
const GROUPS: &str = include_str!("data/quote/groups.txt");
const ABBREVIATIONS: &str = include_str!("data/quote/abbreviations.txt");
const FEMALE_NAMES: &str = include_str!("data/quote/female_names.txt");
const MALE_NAMES: &str = include_str!("data/quote/male_names.txt");
const PLACES: &str = include_str!("data/quote/places.txt");
const NOUN_CUES: &str = include_str!("data/quote/noun_cues.txt");
const QUESTION_WORDS: &str = include_str!("data/quote/question_words.txt");
const CLAUSE_WORDS: &str = include_str!("data/quote/clause_words.txt");
const SUBORDINATORS: &str = include_str!("data/quote/subordinators.txt");
const LABELS: &str = include_str!("data/quote/labels.txt");
const NEGATIONS: &str = include_str!("data/quote/negations.txt");
const FUNCTION_WORDS: &str = include_str!("data/quote/function_words.txt");
const AUXILIARIES: &str = include_str!("data/quote/auxiliaries.txt");
const CONNECTORS: &str = include_str!("data/quote/connectors.txt");

/// What a pronoun can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// `he`, `she`.
    Person,
    /// `they`.
    Plural,
    /// `it`.
    Organisation,
    /// `I`, `we`, `you`: the writer or a reader, never resolved.
    Writer,
}

static PRONOUNS: LazyLock<HashMap<&'static str, Pronoun>> = LazyLock::new(|| {
    entries(include_str!("data/quote/pronouns.txt"))
        .filter_map(|l| {
            let (w, k) = l.split_once(char::is_whitespace)?;
            let kind = match k.trim() {
                "person" => Pronoun::Person,
                "plural" => Pronoun::Plural,
                "organisation" => Pronoun::Organisation,
                _ => Pronoun::Writer,
            };
            Some((w, kind))
        })
        .collect()
});

/// Word classes, as bit flags of [`WordInfo::flags`].
pub(crate) mod class {
    /// A reporting verb form.
    pub const VERB: u16 = 1;
    /// A title or role noun.
    pub const TITLE: u16 = 1 << 1;
    /// An organisation word.
    pub const ORG: u16 = 1 << 2;
    /// A capitalised word that is never part of a name.
    pub const STOP: u16 = 1 << 3;
    /// An unnamed group head.
    pub const GROUP: u16 = 1 << 4;
    /// An abbreviation whose period does not end a sentence.
    pub const ABBR: u16 = 1 << 5;
    /// A word between subject and verb (`has`, `also`).
    pub const AUX: u16 = 1 << 6;
    /// A particle inside names (`al`, `van`).
    pub const CONNECTOR: u16 = 1 << 7;
    /// A function word.
    pub const FUNCTION: u16 = 1 << 8;
    /// A female first name.
    pub const FEMALE: u16 = 1 << 9;
    /// A male first name.
    pub const MALE: u16 = 1 << 10;
    /// A pronoun.
    pub const PRONOUN: u16 = 1 << 11;
    /// The first word of a multi-word cue.
    pub const PHRASE: u16 = 1 << 12;
    /// A country, city or region that can speak for its government.
    pub const PLACE: u16 = 1 << 13;
    /// A noun that reports speech (`statements`, `claim`) before `that`.
    pub const NOUN_CUE: u16 = 1 << 14;
    /// A negation (`not`, `never`).
    pub const NEGATION: u16 = 1 << 15;
}

/// Lists a word may be in besides the [`class`]es, as bit flags of
/// [`WordInfo::lists`] (asked of a word by string, not kept in tokens).
mod list {
    /// Opens the question after `Asked`.
    pub const QUESTION: u8 = 1;
    /// Opens a writer's clause after a comma.
    pub const CLAUSE: u8 = 1 << 1;
    /// Opens a fronted adverbial clause.
    pub const SUBORDINATOR: u8 = 1 << 2;
    /// Labels a heading or note before a colon.
    pub const LABEL: u8 = 1 << 3;
}

/// Everything the lexicons say of one word, looked up once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordInfo {
    /// [`class`] flags.
    pub flags: u16,
    /// `list` flags.
    lists: u8,
    /// The reporting verb, if the word is one.
    pub verb: Option<Verb>,
    /// The pronoun, if the word is one.
    pub pronoun: Option<Pronoun>,
}

impl WordInfo {
    /// Whether the word opens the question after `Asked` (`whether`, `how`).
    /// With `Tok::info`, a token's word is asked without hashing it again.
    pub(crate) fn is_question_word(&self) -> bool {
        self.lists & list::QUESTION != 0
    }

    /// Whether the word, after a comma, opens a clause of the writer's after
    /// reported speech (`which`, `but`, `although`).
    pub(crate) fn is_clause_word(&self) -> bool {
        self.lists & list::CLAUSE != 0
    }

    /// Whether the word opens a fronted adverbial clause (`while`, `though`,
    /// `when`), whose comma ends reported speech inside it.
    pub(crate) fn is_subordinator(&self) -> bool {
        self.lists & list::SUBORDINATOR != 0
    }

    /// Whether the word labels a heading or note before a colon (`Breaking`,
    /// `Correction`) rather than naming a speaker.
    pub(crate) fn is_label(&self) -> bool {
        self.lists & list::LABEL != 0
    }
}

/// A small, fast hasher for short words (FxHash).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // Whole 8-byte chunks in one load each; the last one zero-padded.
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.write_u64(short_key(rest));
        }
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    // What `write` makes of the integer's 8 (4) little-endian bytes, without
    // going through the slice: the same hash, for the same map order.
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`FxHasher`]s: the one fast-hash state for every map in the crate
/// whose keys are words, names or the crate's own integers.
pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// One entry of the combined lexicon: a lowercase word and everything the
/// lexicons say of it.
pub(crate) struct Entry {
    /// The first (up to) 8 bytes of the word as a little-endian integer.
    key: u64,
    /// The whole word.
    word: &'static [u8],
    /// What the lexicons say of it.
    pub info: WordInfo,
    /// The continuations of the multi-word cues it starts, longest first.
    pub phrases: Option<&'static [Vec<&'static str>]>,
}

/// The combined lexicon: an open-addressing table (linear probing, at most a
/// quarter full) of indices into `entries`, keyed by a multiplicative hash of
/// the lowercase word. A word not in it costs one hash and, nearly always,
/// one empty slot.
pub(crate) struct Words {
    /// `entries` index + 1 per slot, 0 for an empty slot.
    slots: Vec<u16>,
    /// Entry 0 is the empty entry (ids in tokens are 0 for no entry).
    entries: Vec<Entry>,
    /// The tokeniser's table of the entries of at most 16 bytes, probed by
    /// key alone.
    probe: Prober,
}

const HASH_MUL: u64 = 0x51_7c_c1_b7_27_22_0a_95;
const SLOT_BITS: u32 = 14;
/// Slots of the probe table: a quarter full at most, like `slots` (about
/// an eighth for the lexicon as it is, so that a probe nearly always ends
/// at its first slot).
const PROBE_BITS: u32 = 14;
const PROBE_LEN: usize = 1 << PROBE_BITS;
/// The most entries the lexicon holds (a quarter of `slots`).
const MAX_ENTRIES: usize = (1 << SLOT_BITS) / 4;
/// The probe key's mark of a word longer than 8 bytes: the high bit of its
/// 8th byte, which no ASCII word has, so that no short word's key equals a
/// long word's.
const LONG: u64 = 1 << 63;

/// The first 8 bytes of `w` (zero-padded) as a little-endian integer.
pub(crate) fn head_key(w: &[u8]) -> u64 {
    w.iter()
        .take(8)
        .enumerate()
        .fold(0, |k, (i, &b)| k | u64::from(b) << (8 * i))
}

/// [`head_key`] of 1 to 7 bytes, from two overlapping loads (a byte read
/// twice lands on itself).
#[inline]
fn short_key(w: &[u8]) -> u64 {
    let n = w.len();
    let load2 = |at: usize| {
        let mut b = [0u8; 2];
        b.copy_from_slice(&w[at..at + 2]);
        u64::from(u16::from_le_bytes(b))
    };
    let load4 = |at: usize| {
        let mut b = [0u8; 4];
        b.copy_from_slice(&w[at..at + 4]);
        u64::from(u32::from_le_bytes(b))
    };
    match n {
        0 => 0,
        1 => u64::from(w[0]),
        2 | 3 => load2(0) | load2(n - 2) << (8 * (n - 2)),
        4..=7 => load4(0) | load4(n - 4) << (8 * (n - 4)),
        _ => head_key(w),
    }
}

/// ASCII-lowercase the bytes packed in `x` (every byte ASCII: a byte of 0x80
/// or more could carry into the next).
#[inline]
pub(crate) fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // High bit of each byte: the byte is >= 'A', and (second) > 'Z'.
    let ge_a = x.wrapping_add(ONES * (0x80 - u64::from(b'A')));
    let gt_z = x.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
    let upper = ge_a & !gt_z & (ONES * 0x80);
    x | (upper >> 2)
}

/// An empty probe table, built on the heap (no large array crosses the stack).
fn new_prober() -> Prober {
    Prober {
        slots: super::boxed_array(),
        tails: Vec::new(),
    }
}

/// The probe table's home slot of `key`.
#[inline(always)]
fn probe_slot(key: u64) -> usize {
    (key.wrapping_mul(HASH_MUL) >> (64 - PROBE_BITS)) as usize % PROBE_LEN
}

#[inline]
fn slot_of(key: u64, len: usize) -> usize {
    ((key ^ len as u64).wrapping_mul(HASH_MUL) >> (64 - SLOT_BITS)) as usize
}

impl Words {
    /// The id of the entry for the ASCII word `w` (any case) whose first 8
    /// bytes, lowercased, are `key`; 0 if none.
    #[inline(always)]
    fn find(&self, key: u64, w: &[u8]) -> u16 {
        let mask = self.slots.len() - 1;
        let mut s = slot_of(key, w.len());
        loop {
            let id = self.slots[s];
            if id == 0 {
                return 0;
            }
            let e = &self.entries[usize::from(id)];
            if e.key == key
                && e.word.len() == w.len()
                && (w.len() <= 8 || e.word[8..].eq_ignore_ascii_case(&w[8..]))
            {
                return id;
            }
            s = (s + 1) & mask;
        }
    }

    /// The probe table, for a caller that probes many words (the
    /// tokeniser takes it once per paragraph).
    #[inline]
    pub(crate) fn prober(&self) -> &Prober {
        &self.probe
    }

    fn insert(&mut self, word: &'static str, info: WordInfo) {
        let w = word.as_bytes();
        let key = head_key(w);
        let mask = self.slots.len() - 1;
        let mut s = slot_of(key, w.len());
        while self.slots[s] != 0 {
            s = (s + 1) & mask;
        }
        let id = u16::try_from(self.entries.len()).unwrap_or(0);
        self.slots[s] = id;
        if w.len() <= 8 {
            self.probe.insert(key, id, info.flags, 0);
        } else if w.len() <= 16 {
            self.probe
                .insert(key | LONG, id, info.flags, head_key(&w[8..]));
        }
        self.entries.push(Entry {
            key,
            word: w,
            info,
            phrases: PHRASES.get(word).map(Vec::as_slice),
        });
    }
}

/// One slot of the probe table ([`Prober`]).
#[derive(Clone, Copy, Default)]
pub(crate) struct Slot {
    /// The lowercase word's first 8 bytes, zero-padded ([`LONG`] set for a
    /// word of more than 8), 0 if the slot is empty.
    key: u64,
    /// The entry's id and its [`class`] flags (`id | flags << 16`), with
    /// [`SPILLED`] set if some key whose home this slot is lies further on.
    meta: u32,
}

/// The mark, in [`Slot::meta`] (above every entry id, see [`MAX_ENTRIES`]),
/// of a home slot some key spilled from (the slot was taken when it came):
/// only from such a slot can a probe go on past a slot of another key.
const SPILLED: u32 = 1 << 15;
const _: () = assert!(MAX_ENTRIES as u32 <= SPILLED);

/// The id and flags in a slot's `meta`, without the [`SPILLED`] mark.
#[inline(always)]
fn id_flags(meta: u32) -> (u16, u16) {
    ((meta & !SPILLED) as u16, (meta >> 16) as u16)
}

impl Slot {
    /// Whether some key spilled from this home slot.
    #[cfg(test)]
    fn spilled(&self) -> bool {
        self.meta & SPILLED != 0
    }
}

/// The probe table of the lexicon's entries of at most 16 bytes, found by
/// their key alone: a word has no NUL byte, so equal zero-padded keys (and
/// tails) are equal words, and no byte is compared. Open addressing with
/// linear probing, an eighth full; a home slot some key spilled from is
/// marked ([`SPILLED`]), so that a short word is nearly always answered
/// from its home slot alone, without a branch on the answer.
pub(crate) struct Prober {
    slots: Box<[Slot; PROBE_LEN]>,
    /// Per entry id: bytes 8 to 16 of the word (zero-padded), the rest of a
    /// long word's key.
    tails: Vec<u64>,
}

/// The slots of the probe table (see [`probe_short`]).
pub(crate) type Slots = [Slot; PROBE_LEN];

/// The id and [`class`] flags of the entry of at most 8 bytes whose
/// lowercase bytes, zero-padded, are `key`; `(0, 0)` if none.
#[inline(always)]
pub(crate) fn probe_short(slots: &Slots, key: u64) -> (u16, u16) {
    let s = probe_slot(key);
    let slot = slots[s];
    if slot.meta & SPILLED != 0 {
        return probe_chain(slots, key, s);
    }
    // Only the home slot can hold the word: no branch on whether it does
    // (a word in the lexicon and one not alike would mispredict it); `meta`
    // read for the test above is not read again under a branch.
    let meta = slot.meta & u32::from(slot.key == key).wrapping_neg();
    (meta as u16, (meta >> 16) as u16)
}

/// [`probe_short`] from a home slot `s` some key has spilled from: the
/// linear probe, to the word or an empty slot.
#[inline(never)]
fn probe_chain(slots: &Slots, key: u64, mut s: usize) -> (u16, u16) {
    loop {
        let slot = slots[s];
        if slot.key == key {
            return id_flags(slot.meta);
        }
        if slot.key == 0 {
            return (0, 0);
        }
        s = (s + 1) % PROBE_LEN;
    }
}

impl Prober {
    /// The table's slots, for a caller that probes many short words.
    #[inline]
    pub(crate) fn slots(&self) -> &Slots {
        &self.slots
    }

    /// The id and [`class`] flags of the entry of 9 to 16 bytes whose first
    /// 8 bytes, lowercase, are `head` and whose others, lowercase and
    /// zero-padded, are `tail`; `(0, 0)` if none.
    pub(crate) fn probe_long(&self, head: u64, tail: u64) -> (u16, u16) {
        let key = head | LONG;
        let mut s = probe_slot(key);
        loop {
            let slot = self.slots[s];
            if slot.key == key {
                let (id, flags) = id_flags(slot.meta);
                if self.tails.get(usize::from(id)) == Some(&tail) {
                    return (id, flags);
                }
            } else if slot.key == 0 {
                return (0, 0);
            }
            s = (s + 1) % PROBE_LEN;
        }
    }

    fn insert(&mut self, key: u64, id: u16, flags: u16, tail: u64) {
        let mut p = probe_slot(key);
        if self.slots[p].key != 0 {
            // Taken: the key spills from its home slot.
            self.slots[p].meta |= SPILLED;
        }
        while self.slots[p].key != 0 {
            p = (p + 1) % PROBE_LEN;
        }
        self.slots[p].key = key;
        self.slots[p].meta = u32::from(id) | u32::from(flags) << 16;
        let id = usize::from(id);
        if self.tails.len() <= id {
            self.tails.resize(id + 1, 0);
        }
        self.tails[id] = tail;
    }
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut by_str: HashMap<&'static str, WordInfo, FxBuild> = HashMap::default();
    let map = &mut by_str;
    let mut add = |w: &'static str, f: u16| by_str_add(map, w, f);
    for (set, flag) in [
        (TITLES, class::TITLE),
        (ORG_WORDS, class::ORG),
        (STOPWORDS, class::STOP),
        (GROUPS, class::GROUP),
        (ABBREVIATIONS, class::ABBR),
        (AUXILIARIES, class::AUX),
        (CONNECTORS, class::CONNECTOR),
        (FUNCTION_WORDS, class::FUNCTION),
        (FEMALE_NAMES, class::FEMALE),
        (MALE_NAMES, class::MALE),
        (PLACES, class::PLACE),
        (NOUN_CUES, class::NOUN_CUE),
        (NEGATIONS, class::NEGATION),
    ] {
        for w in entries(set) {
            add(w, flag);
        }
    }
    for w in PHRASES.keys() {
        add(w, class::PHRASE);
    }
    for (set, flag) in [
        (QUESTION_WORDS, list::QUESTION),
        (CLAUSE_WORDS, list::CLAUSE),
        (SUBORDINATORS, list::SUBORDINATOR),
        (LABELS, list::LABEL),
    ] {
        for w in entries(set) {
            map.entry(w).or_default().lists |= flag;
        }
    }
    for (w, v) in VERBS.iter() {
        let e = map.entry(w).or_default();
        e.flags |= class::VERB;
        e.verb = Some(*v);
    }
    for (w, p) in PRONOUNS.iter() {
        let e = map.entry(w).or_default();
        e.flags |= class::PRONOUN;
        e.pronoun = Some(*p);
    }
    let mut words = Words {
        slots: vec![0; 1 << SLOT_BITS],
        entries: vec![Entry {
            key: 0,
            word: b"",
            info: WordInfo::default(),
            phrases: None,
        }],
        probe: new_prober(),
    };
    // Lookups lowercase the word first: an entry with an uppercase letter,
    // or one too many for the table, can never be found.
    let mut list: Vec<_> = by_str
        .into_iter()
        .filter(|(w, _)| !w.bytes().any(|b| b.is_ascii_uppercase()) && w.is_ascii())
        .collect();
    list.sort_unstable_by_key(|(w, _)| *w);
    for (w, info) in list.into_iter().take(MAX_ENTRIES) {
        words.insert(w, info);
    }
    words
});

/// The entry with id `id` (as [`entry_id`] gives; 0 is the empty entry).
#[inline]
pub(crate) fn entry(id: u16) -> &'static Entry {
    let words = &*WORDS;
    words
        .entries
        .get(usize::from(id))
        .unwrap_or(&words.entries[0])
}

/// The combined lexicon, for a caller that looks many words up (the
/// tokeniser reaches it once per paragraph, not once per word).
pub(crate) fn words() -> &'static Words {
    &WORDS
}

impl Words {
    /// The id and [`class`] flags of the entry for the ASCII word `w` (any
    /// case) whose first 8 bytes (zero-padded) are `raw`; `(0, 0)` if none.
    #[inline(always)]
    pub(crate) fn lookup(&self, raw: u64, w: &[u8]) -> (u16, u16) {
        let id = self.find(lower8(raw), w);
        let flags = self
            .entries
            .get(usize::from(id))
            .map_or(0, |e| e.info.flags);
        (id, flags)
    }
}

/// The id and [`class`] flags of the lexicon entry for the word
/// `bytes[start..end]` (any case), `(0, 0)` if none: [`entry_id`] reading
/// the word's first 8 bytes in one load where the text goes on that far, and
/// the table reached once for both.
#[inline]
pub(crate) fn entry_in(bytes: &[u8], start: usize, end: usize) -> (u16, u16) {
    let Some(word) = bytes.get(start..end) else {
        return (0, 0);
    };
    let key = match bytes.get(start..start + 8) {
        Some(head) => {
            let mut b = [0u8; 8];
            b.copy_from_slice(head);
            let raw = u64::from_le_bytes(b);
            if word.len() >= 8 {
                raw
            } else {
                raw & ((1u64 << (8 * word.len())) - 1)
            }
        }
        None => head_key(word),
    };
    if key & 0x8080_8080_8080_8080 != 0 {
        // Not ASCII (see `find_word`).
        return (0, 0);
    }
    WORDS.lookup(key, word)
}

/// The entry for `word`, whose first 8 bytes (zero-padded) are `head`.
#[inline]
fn find_word(head: u64, word: &[u8]) -> u16 {
    if head & 0x8080_8080_8080_8080 != 0 {
        // Not ASCII; past the first 8 bytes a byte that is not ASCII never
        // equals an entry's, so checking these is enough.
        return 0;
    }
    WORDS.find(lower8(head), word)
}

/// The id of the lexicon entry for the word `word` (ASCII, any case), 0 if
/// there is none or the word is not ASCII. No allocation, no copy: the first
/// 8 bytes are lowercased in a register, the rest compared case-insensitively.
pub(crate) fn entry_id(word: &[u8]) -> u16 {
    find_word(head_key(word), word)
}

/// What the lexicons say of `word` (case-insensitive; non-ASCII words are in
/// no lexicon).
pub(crate) fn info(word: &str) -> WordInfo {
    entry(entry_id(word.as_bytes())).info
}

/// What the lexicons say of `word` lowercased by Unicode rules (a word that
/// is not ASCII may lowercase to one that is).
pub(crate) fn info_lower(word: &str) -> WordInfo {
    if word.is_ascii() {
        info(word)
    } else {
        info(&word.to_lowercase())
    }
}

/// Call `f` with the bytes of `word` lowercased (as `str::to_lowercase`
/// would), without allocating for short ASCII words.
pub(crate) fn with_lower_bytes<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let w = word.as_bytes();
    let mut buf = [0u8; 40];
    if let Some(b) = buf.get_mut(..w.len()) {
        // Copied and lowercased 8 bytes at a time; the high bits of every
        // byte gathered to tell an ASCII word (`lower8` is exact on those).
        let mut high = 0u64;
        let mut src = w.chunks_exact(8);
        let mut dst = b.chunks_exact_mut(8);
        for (d, s) in (&mut dst).zip(&mut src) {
            let mut x = [0u8; 8];
            x.copy_from_slice(s);
            let x = u64::from_le_bytes(x);
            high |= x;
            d.copy_from_slice(&lower8(x).to_le_bytes());
        }
        for (d, &s) in dst.into_remainder().iter_mut().zip(src.remainder()) {
            high |= u64::from(s);
            *d = s.to_ascii_lowercase();
        }
        if high & 0x8080_8080_8080_8080 == 0 {
            return f(b);
        }
    }
    f(word.to_lowercase().as_bytes())
}

fn by_str_add(map: &mut HashMap<&'static str, WordInfo, FxBuild>, w: &'static str, f: u16) {
    map.entry(w).or_default().flags |= f;
}

/// The reporting verb `word` is a form of, if any.
pub(crate) fn verb(word: &str) -> Option<Verb> {
    info_lower(word).verb
}

/// Whether `word` is a title or role noun (`minister`, `Sen.`, `spokesman`).
pub(crate) fn is_title(word: &str) -> bool {
    info_lower(word).flags & class::TITLE != 0
}

/// Whether `word` marks an organisation (`Ministry`, `Kremlin`).
// The quote stage reads this from a token (`Tok::info`); the lookup by
// string is kept for the lexicon's own tests.
#[cfg(test)]
pub(crate) fn is_org_word(word: &str) -> bool {
    info_lower(word).flags & class::ORG != 0
}

/// Whether `word` heads an unnamed plural or vague source (`officials`).
// The quote stage reads this from a token (`Tok::info`); the lookup by
// string is kept for the lexicon's own tests.
#[cfg(test)]
pub(crate) fn is_group(word: &str) -> bool {
    info_lower(word).flags & class::GROUP != 0
}

/// Whether `word` is a common female first name and whether it is a common
/// male one (one lookup for both).
pub(crate) fn first_name_genders(word: &str) -> (bool, bool) {
    let flags = info_lower(word).flags;
    (flags & class::FEMALE != 0, flags & class::MALE != 0)
}

/// The pronoun `word` is, if any.
// The quote stage reads this from a token (`Tok::info`); the lookup by
// string is kept for the lexicon's own tests.
#[cfg(test)]
pub(crate) fn pronoun(word: &str) -> Option<Pronoun> {
    info_lower(word).pronoun
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_know_their_forms() {
        assert_eq!(verb("Said").map(|v| v.form), Some(VerbForm::Past));
        assert_eq!(verb("says").map(|v| v.form), Some(VerbForm::Present));
        assert_eq!(
            verb("adding").map(|v| (v.form, v.lemma)),
            Some((VerbForm::Gerund, "add"))
        );
        assert_eq!(verb("told").map(|v| v.lemma), Some("tell"));
        assert!(verb("believes").is_none());
        assert!(verb("thinks").is_none());
    }

    #[test]
    fn phrases_and_word_classes() {
        let according = entry(entry_id(b"According")).phrases;
        assert!(according.is_some_and(|p| p.iter().any(|r| r == &["to"])));
        assert!(is_title("Spokeswoman"));
        assert!(is_org_word("Ministry"));
        assert!(info("Tuesday").flags & class::STOP != 0);
        assert!(is_group("officials"));
        assert!(info("Sen").flags & class::ABBR != 0);
        assert!(info("has").flags & class::AUX != 0);
        assert_eq!(info("said").verb.map(|v| v.lemma), Some("say"));
        assert_eq!(info("Russia’s"), WordInfo::default());
        assert_eq!(pronoun("He"), Some(Pronoun::Person));
        assert_eq!(pronoun("we"), Some(Pronoun::Writer));
        assert!(!is_title("Rogozin"));
    }

    #[test]
    fn word_lists_are_found_in_the_one_table() {
        for (set, ask) in [
            (
                QUESTION_WORDS,
                WordInfo::is_question_word as fn(&WordInfo) -> bool,
            ),
            (CLAUSE_WORDS, WordInfo::is_clause_word),
            (SUBORDINATORS, WordInfo::is_subordinator),
            (LABELS, WordInfo::is_label),
        ] {
            for w in entries(set) {
                assert!(w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()));
                assert!(
                    ask(&info_lower(w)) && ask(&info_lower(&w.to_uppercase())),
                    "{w}"
                );
            }
        }
        assert!(!info_lower("whichever").is_clause_word());
        assert!(!info_lower("Berg").is_label() && info_lower("Editor's").is_label());
        // Every entry fits the table (none is dropped for want of room).
        assert!(WORDS.entries.len() < (1 << SLOT_BITS) / 4);
    }

    #[test]
    fn short_keys_and_lowercase_copies_match_the_plain_ones() {
        let words = [
            "",
            "a",
            "Ab",
            "abC",
            "abcD",
            "Spokes",
            "SpokesWoman",
            "ÉcoleX",
            "x\u{212A}y",
        ];
        for w in words {
            for n in 0..=w.len().min(8) {
                if let Some(p) = w.as_bytes().get(..n) {
                    assert_eq!(short_key(p), head_key(p), "{w:?} {n}");
                }
            }
            with_lower_bytes(w, |l| assert_eq!(l, w.to_lowercase().as_bytes()));
        }
        let long = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-abcdef";
        for n in 0..long.len() {
            with_lower_bytes(&long[..n], |l| {
                assert_eq!(l, long[..n].to_lowercase().as_bytes())
            });
        }
    }

    #[test]
    fn probes_find_what_the_byte_compare_finds() {
        let words = &*WORDS;
        let raw = |w: &[u8]| head_key(w.get(..8).unwrap_or(w));
        let ask = |w: &[u8]| match w.len() {
            0 => (0, 0),
            1..=8 => probe_short(words.prober().slots(), lower8(raw(w))),
            9..=16 => words
                .prober()
                .probe_long(lower8(raw(w)), lower8(head_key(&w[8..]))),
            _ => words.lookup(raw(w), w),
        };
        for e in &words.entries[1..] {
            let upper = e.word.to_ascii_uppercase();
            let longer = [e.word, b"s"].concat();
            for w in [e.word, &upper[..], &longer[..], &e.word[..e.word.len() - 1]] {
                let id = entry_id(w);
                assert_eq!(
                    ask(w),
                    (id, entry(id).info.flags),
                    "{:?}",
                    std::str::from_utf8(w)
                );
            }
        }
        // Some keys spilled from their home slots: the chain is walked too.
        let spilled = words
            .prober()
            .slots()
            .iter()
            .filter(|s| s.spilled())
            .count();
        assert!(spilled > 0 && spilled < PROBE_LEN / 16, "{spilled}");
        assert_eq!(ask(b"spokeswoman").0, entry_id(b"spokeswoman"));
        assert_eq!(ask(b"Quetzalcoatlus"), (0, 0));
    }

    #[test]
    fn one_table_any_case_any_length() {
        // Only A-Z change case; `@`, `[`, `` ` `` and `{` sit beside them.
        let raw = u64::from_le_bytes(*b"AZ@[`{az");
        assert_eq!(lower8(raw).to_le_bytes(), *b"az@[`{az");
        let id = entry_id(b"spokeswoman");
        assert_ne!(id, 0);
        assert_eq!(entry_id(b"SpokesWOMAN"), id);
        assert_eq!(entry_id(b"spokeswomen"), 0);
        assert_eq!(entry_id(b"spokes"), 0);
        assert!(entry(id).info.flags & class::TITLE != 0);
        assert_eq!(entry(entry_id("Said".as_bytes())).info.verb, verb("said"));
        // Not ASCII: in no lexicon by bytes; lowercased by Unicode rules, a
        // Kelvin sign becomes `k`.
        assert_eq!(entry_id("K\u{212A}".as_bytes()), 0);
        assert!(is_title("\u{212A}ing"));
    }
}
