//! Lexicons of the corpus stage: stopwords, negations, synonyms, role and
//! organisation words, name particles and transliteration rules.
//!
//! Each list is a plain text file under `src/corpus/data/` (one entry a line,
//! `#` starts a comment), compiled once on first use.

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The entries of a lexicon file: trimmed, non-empty lines not starting with `#`.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The fast hasher for the word lists: their entries are fixed, so words
/// from the input are only looked up, never inserted, and chosen input
/// cannot lengthen a probe.
use crate::lexicon::quote::FxBuild as Fx;

type WordSet = HashSet<&'static str, Fx>;

fn set(data: &'static str) -> WordSet {
    entries(data).collect()
}

static STOPWORDS: LazyLock<WordSet> = LazyLock::new(|| set(include_str!("data/stopwords.txt")));
static NEGATIONS: LazyLock<WordSet> = LazyLock::new(|| set(include_str!("data/negations.txt")));
static ORG_WORDS: LazyLock<WordSet> = LazyLock::new(|| set(include_str!("data/org_words.txt")));
static PARTICLES: LazyLock<WordSet> =
    LazyLock::new(|| set(include_str!("data/name_particles.txt")));

/// What a role word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RoleWord {
    /// A word that qualifies a role ("foreign", "deputy").
    Qualifier,
    /// A head that many people share with others ("official", "admiral").
    GenericHead,
    /// An office or occupation that tells people apart ("minister", "coach").
    Head,
}

static ROLE_WORDS: LazyLock<HashMap<&'static str, RoleWord, Fx>> = LazyLock::new(|| {
    let mut m = HashMap::default();
    for e in entries(include_str!("data/role_words.txt")) {
        if let Some(head) = e.strip_prefix('*') {
            m.insert(head, RoleWord::Head);
        } else if let Some(head) = e.strip_prefix('+') {
            m.insert(head, RoleWord::GenericHead);
        } else {
            m.entry(e).or_insert(RoleWord::Qualifier);
        }
    }
    m
});

static ROLE_SYNONYMS: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    entries(include_str!("data/role_synonyms.txt"))
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim(), v.split_whitespace().collect()))
        .collect()
});

/// Word synonyms, stemmed: variant stem -> canonical stem.
static SYNONYMS: LazyLock<HashMap<String, String, Fx>> = LazyLock::new(|| {
    let mut m = HashMap::default();
    for line in entries(include_str!("data/synonyms.txt")) {
        let Some((canon, variants)) = line.split_once(':') else {
            continue;
        };
        let canon = super::content::stem(canon.trim());
        for v in variants.split(',') {
            let v = super::content::stem(v.trim());
            if !v.is_empty() && v != canon {
                m.insert(v, canon.clone());
            }
        }
    }
    m
});

/// Transliteration tables: folded letters and grapheme rules.
pub(crate) struct Translit {
    /// Non-ASCII letter -> its Latin spelling.
    pub(crate) fold: HashMap<char, &'static str>,
    /// Leftmost-longest matcher over the rule patterns.
    pub(crate) rules: AhoCorasick,
    /// Replacement of each rule, by pattern index.
    pub(crate) replacements: Vec<&'static str>,
}

pub(crate) static TRANSLIT: LazyLock<Translit> = LazyLock::new(|| {
    let mut fold = HashMap::new();
    let mut patterns = Vec::new();
    let mut replacements = Vec::new();
    for line in entries(include_str!("data/translit.txt")) {
        let mut parts = line.split_whitespace();
        match (parts.next(), parts.next(), parts.next()) {
            (Some("fold"), Some(from), to) => {
                if let Some(c) = from.chars().next() {
                    fold.insert(c, to.unwrap_or(""));
                }
            }
            (Some("rule"), Some(from), Some(to)) => {
                patterns.push(from);
                replacements.push(to);
            }
            _ => {}
        }
    }
    let rules = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .unwrap_or_else(|_| AhoCorasick::new(Vec::<&str>::new()).expect("empty automaton builds"));
    Translit {
        fold,
        rules,
        replacements,
    }
});

/// Whether `word` (lowercase) is a function word.
pub(crate) fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(word)
}

/// Whether `word` (lowercase) negates.
pub(crate) fn is_negation(word: &str) -> bool {
    NEGATIONS.contains(word)
}

/// Whether `word` (lowercase) names a body ("ministry", "kremlin").
pub(crate) fn is_org_word(word: &str) -> bool {
    ORG_WORDS.contains(word)
}

/// Whether `word` (lowercase) is a particle inside names ("al", "von").
pub(crate) fn is_particle(word: &str) -> bool {
    PARTICLES.contains(word)
}

/// What `word` (lowercase) is, if it is a role word.
pub(crate) fn role_word(word: &str) -> Option<RoleWord> {
    ROLE_WORDS.get(word).copied()
}

/// The canonical words of role word `word` (lowercase): itself unless a
/// synonym is listed.
pub(crate) fn role_canonical(word: &str) -> Option<&'static [&'static str]> {
    ROLE_SYNONYMS.get(word).map(Vec::as_slice)
}

/// The canonical stem of stem `stem`.
pub(crate) fn synonym(stem: &str) -> Option<&'static str> {
    SYNONYMS.get(stem).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load() {
        assert!(is_stopword("the"));
        assert!(is_negation("cannot"));
        assert!(!is_stopword("no"));
        assert_eq!(role_word("minister"), Some(RoleWord::Head));
        assert_eq!(role_word("admiral"), Some(RoleWord::GenericHead));
        assert_eq!(role_word("deputy"), Some(RoleWord::GenericHead));
        assert_eq!(role_word("foreign"), Some(RoleWord::Qualifier));
        assert!(is_org_word("ministry"));
        assert!(is_particle("al"));
        assert_eq!(role_canonical("pm"), Some(&["prime", "minister"][..]));
        assert_eq!(synonym("land"), Some("ground"));
        assert!(TRANSLIT.replacements.len() > 20);
        assert_eq!(TRANSLIT.fold.get(&'ж'), Some(&"zh"));
    }
}
