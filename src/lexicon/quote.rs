//! Lexicons of the quote stage: reporting verbs, cue phrases, titles and role
//! nouns, organisation words, pronouns, stop words and abbreviations.
//!
//! Every list is a data file under `data/quote/`, compiled once on first use.
//! Lookups take a word as printed and compare it ASCII-case-insensitively
//! without allocating (words longer than a small buffer, or not ASCII, are
//! lowercased on the heap, which is rare).

use super::entries;
use std::collections::{HashMap, HashSet};
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

fn set(data: &'static str) -> HashSet<&'static str> {
    entries(data).collect()
}

static TITLES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/titles.txt")));
static ORG_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/org_words.txt")));
static STOPWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/stopwords.txt")));
static GROUPS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/groups.txt")));
static ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/abbreviations.txt")));
static FEMALE_NAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/female_names.txt")));
static MALE_NAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/male_names.txt")));
static PLACES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/places.txt")));
static NOUN_CUES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/noun_cues.txt")));
static QUESTION_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/question_words.txt")));
static CLAUSE_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/clause_words.txt")));
static LABELS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/labels.txt")));
static NEGATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/negations.txt")));
static FUNCTION_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/function_words.txt")));
static AUXILIARIES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/auxiliaries.txt")));
static CONNECTORS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("data/quote/connectors.txt")));

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

/// Everything the lexicons say of one word, looked up once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordInfo {
    /// [`class`] flags.
    pub flags: u16,
    /// The reporting verb, if the word is one.
    pub verb: Option<Verb>,
    /// The pronoun, if the word is one.
    pub pronoun: Option<Pronoun>,
}

/// A small, fast hasher for short words (FxHash).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// The combined lexicon, keyed by lowercase bytes, with a filter on
/// (length, first byte, last byte) that rejects most words without hashing.
struct Words {
    /// Words of up to 8 bytes, keyed by their bytes as a little-endian integer.
    short: HashMap<u64, WordInfo, FxBuild>,
    /// Longer words.
    long: HashMap<&'static [u8], WordInfo, FxBuild>,
    filter: Vec<u64>,
}

fn short_key(w: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b[..w.len()].copy_from_slice(w);
    u64::from_le_bytes(b)
}

fn filter_slot(w: &[u8]) -> usize {
    let (Some(&f), Some(&l)) = (w.first(), w.last()) else {
        return 0;
    };
    ((w.len().min(31) << 10) | ((f as usize & 31) << 5) | (l as usize & 31)) & 0x7fff
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut by_str: HashMap<&'static str, WordInfo, FxBuild> = HashMap::default();
    let map = &mut by_str;
    let mut add = |w: &'static str, f: u16| by_str_add(map, w, f);
    for (set, flag) in [
        (&*TITLES, class::TITLE),
        (&*ORG_WORDS, class::ORG),
        (&*STOPWORDS, class::STOP),
        (&*GROUPS, class::GROUP),
        (&*ABBREVIATIONS, class::ABBR),
        (&*AUXILIARIES, class::AUX),
        (&*CONNECTORS, class::CONNECTOR),
        (&*FUNCTION_WORDS, class::FUNCTION),
        (&*FEMALE_NAMES, class::FEMALE),
        (&*MALE_NAMES, class::MALE),
        (&*PLACES, class::PLACE),
        (&*NOUN_CUES, class::NOUN_CUE),
        (&*NEGATIONS, class::NEGATION),
    ] {
        for w in set {
            add(w, flag);
        }
    }
    for w in PHRASES.keys() {
        add(w, class::PHRASE);
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
    let mut filter = vec![0u64; 0x8000 / 64];
    for w in by_str.keys() {
        let slot = filter_slot(w.as_bytes());
        filter[slot / 64] |= 1 << (slot % 64);
    }
    let mut short = HashMap::default();
    let mut long = HashMap::default();
    for (k, v) in by_str {
        if k.len() <= 8 {
            short.insert(short_key(k.as_bytes()), v);
        } else {
            long.insert(k.as_bytes(), v);
        }
    }
    Words {
        short,
        long,
        filter,
    }
});

/// What the lexicons say of `word` (case-insensitive).
pub(crate) fn info(word: &str) -> WordInfo {
    let bytes = word.as_bytes();
    let mut buf = [0u8; 40];
    if bytes.len() > buf.len() || !word.is_ascii() {
        // Every lexicon entry is short ASCII.
        return WordInfo::default();
    }
    let b = &mut buf[..bytes.len()];
    b.copy_from_slice(bytes);
    b.make_ascii_lowercase();
    let words = &*WORDS;
    let slot = filter_slot(b);
    if words.filter[slot / 64] & (1 << (slot % 64)) == 0 {
        return WordInfo::default();
    }
    let found = if b.len() <= 8 {
        words.short.get(&short_key(b))
    } else {
        words.long.get(&b[..])
    };
    found.copied().unwrap_or_default()
}

fn by_str_add(map: &mut HashMap<&'static str, WordInfo, FxBuild>, w: &'static str, f: u16) {
    map.entry(w).or_default().flags |= f;
}

/// Call `f` with `word` lowercased, without allocating for short ASCII words.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 40];
    if word.len() <= buf.len() && word.is_ascii() {
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        // ASCII stays valid UTF-8 after lowercasing.
        f(std::str::from_utf8(b).unwrap_or(""))
    } else {
        f(&word.to_lowercase())
    }
}

/// The reporting verb `word` is a form of, if any.
pub(crate) fn verb(word: &str) -> Option<Verb> {
    with_lower(word, |w| VERBS.get(w).copied())
}

/// The continuations of multi-word cues starting with `word`, longest first.
pub(crate) fn phrases(word: &str) -> Option<&'static [Vec<&'static str>]> {
    with_lower(word, |w| PHRASES.get(w).map(Vec::as_slice))
}

/// Whether `word` is a title or role noun (`minister`, `Sen.`, `spokesman`).
pub(crate) fn is_title(word: &str) -> bool {
    with_lower(word, |w| TITLES.contains(w))
}

/// Whether `word` marks an organisation (`Ministry`, `Kremlin`).
pub(crate) fn is_org_word(word: &str) -> bool {
    with_lower(word, |w| ORG_WORDS.contains(w))
}

/// Whether `word` heads an unnamed plural or vague source (`officials`).
pub(crate) fn is_group(word: &str) -> bool {
    with_lower(word, |w| GROUPS.contains(w))
}

/// Whether `word` opens the question after `Asked` (`whether`, `how`).
pub(crate) fn is_question_word(word: &str) -> bool {
    with_lower(word, |w| QUESTION_WORDS.contains(w))
}

/// Whether `word`, after a comma, opens a clause of the writer's after
/// reported speech (`which`, `but`, `although`).
pub(crate) fn is_clause_word(word: &str) -> bool {
    with_lower(word, |w| CLAUSE_WORDS.contains(w))
}

/// Whether `word` labels a heading or note before a colon (`Breaking`,
/// `Correction`) rather than naming a speaker.
pub(crate) fn is_label(word: &str) -> bool {
    with_lower(word, |w| LABELS.contains(w))
}

/// Whether `word` is a common female first name.
pub(crate) fn is_female_name(word: &str) -> bool {
    with_lower(word, |w| FEMALE_NAMES.contains(w))
}

/// Whether `word` is a common male first name.
pub(crate) fn is_male_name(word: &str) -> bool {
    with_lower(word, |w| MALE_NAMES.contains(w))
}

/// The pronoun `word` is, if any.
pub(crate) fn pronoun(word: &str) -> Option<Pronoun> {
    with_lower(word, |w| PRONOUNS.get(w).copied())
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
        assert!(phrases("According").is_some_and(|p| p.iter().any(|r| r == &["to"])));
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
}
