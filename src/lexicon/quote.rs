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
        map.entry(lemma).or_insert(Verb {
            form: VerbForm::Base,
            lemma,
        });
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

/// Whether a capitalised `word` is never part of a name.
pub(crate) fn is_stopword(word: &str) -> bool {
    with_lower(word, |w| STOPWORDS.contains(w))
}

/// Whether `word` heads an unnamed plural or vague source (`officials`).
pub(crate) fn is_group(word: &str) -> bool {
    with_lower(word, |w| GROUPS.contains(w))
}

/// Whether `word` (without its period) is an abbreviation that does not end
/// a sentence.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    with_lower(word, |w| ABBREVIATIONS.contains(w))
}

/// Whether `word` may stand between a speaker and its verb (`has`, `also`).
pub(crate) fn is_auxiliary(word: &str) -> bool {
    with_lower(word, |w| AUXILIARIES.contains(w))
}

/// Whether `word` is a lowercase particle inside names (`al`, `de`, `van`).
pub(crate) fn is_connector(word: &str) -> bool {
    CONNECTORS.contains(word)
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
        assert!(is_stopword("Tuesday"));
        assert!(is_group("officials"));
        assert!(is_abbreviation("Sen"));
        assert_eq!(pronoun("He"), Some(Pronoun::Person));
        assert_eq!(pronoun("we"), Some(Pronoun::Writer));
        assert!(!is_title("Rogozin"));
    }
}
