//! Content words: what two translations of one statement have in common.
//!
//! A text becomes the set of its content words: lowercased, function words
//! dropped, stemmed with a small suffix stripper, synonyms mapped to one
//! word, and every negation ("no", "not", "cannot", "nobody") turned into
//! the single token [`NEGATION`]. "There are no and can be no ground
//! operations" and "There are not and cannot be any ground operations" both
//! become `{¬, ground, operation}`.

use super::lexicon;

/// The token every negation word becomes.
pub const NEGATION: &str = "¬";

/// A 64-bit hash of a content word (the same in every run).
pub(crate) fn word_hash(word: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    word.hash(&mut h);
    h.finish()
}

/// The token [`NEGATION`] hashes to.
pub(crate) fn negation_hash() -> u64 {
    word_hash(NEGATION)
}

/// Stem `word` (lowercase): strip common English inflections so that
/// "operations", "operation" and "recruiting", "recruits" agree. Not a full
/// Porter stemmer; only consistent.
pub(crate) fn stem(word: &str) -> String {
    let mut s = String::new();
    stem_into(word, &mut s);
    s
}

/// As [`stem`], into `s` (cleared first).
fn stem_into(word: &str, s: &mut String) {
    s.clear();
    s.push_str(word.trim_matches(|c: char| !c.is_alphanumeric()));
    let n = if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    };
    if n <= 3 {
        return;
    }
    for (suffix, replacement, min_len) in [
        ("ies", "y", 4usize),
        ("sses", "ss", 5),
        ("ing", "", 5),
        ("ed", "", 4),
        ("es", "", 5),
        ("s", "", 4),
    ] {
        if s.ends_with(suffix) && n >= min_len + suffix.len() - replacement.len() {
            if suffix == "s" && (s.ends_with("ss") || s.ends_with("us") || s.ends_with("is")) {
                continue;
            }
            if suffix == "es" && !(s.ends_with("ches") || s.ends_with("shes") || s.ends_with("xes"))
            {
                continue;
            }
            s.truncate(s.len() - suffix.len());
            s.push_str(replacement);
            break;
        }
    }
    // "operations" -> "operation"; "-ly" adverbs.
    if s.len() > 5 && s.ends_with("ly") {
        s.truncate(s.len() - 2);
    }
    // Doubled final consonant after -ing/-ed ("stopped" -> "stopp" -> "stop").
    let b = s.as_bytes();
    if b.len() > 4
        && b[b.len() - 1] == b[b.len() - 2]
        && !matches!(b[b.len() - 1], b'l' | b's' | b'z')
    {
        s.pop();
    }
}

/// The content words of `text`, sorted and deduplicated, each passed to
/// `intern` (which maps a word to a compact id or a hash).
#[cfg(test)]
pub(crate) fn content_words<T: Ord, F: FnMut(&str) -> T>(text: &str, intern: F) -> Vec<T> {
    let mut out = Vec::new();
    content_words_into(text, intern, &mut out);
    out
}

/// As [`content_words`], appended to `out` (what `out` held before is left
/// as it was).
pub(crate) fn content_words_into<T: Ord, F: FnMut(&str) -> T>(
    text: &str,
    mut intern: F,
    out: &mut Vec<T>,
) {
    let from = out.len();
    let (mut lower, mut stemmed) = (String::new(), String::new());
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-')) {
        let raw = raw.trim_matches(|c: char| c == '\'' || c == '’' || c == '-');
        if raw.is_empty() {
            continue;
        }
        lower.clear();
        if raw.is_ascii() {
            lower.push_str(raw);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(raw.chars().flat_map(char::to_lowercase));
        }
        if lexicon::is_negation(&lower) || lower.ends_with("n't") || lower.ends_with("n’t") {
            out.push(intern(NEGATION));
            continue;
        }
        // "no one", "can't": the possessive and contraction tails go.
        let word = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("’s"))
            .unwrap_or(&lower);
        if word.chars().nth(1).is_none() || lexicon::is_stopword(word) {
            continue;
        }
        if word.bytes().all(|c| c.is_ascii_digit()) {
            out.push(intern(word));
            continue;
        }
        stem_into(word, &mut stemmed);
        let canon = lexicon::synonym(&stemmed).unwrap_or(&stemmed);
        out.push(intern(canon));
    }
    let tail = &mut out[from..];
    tail.sort_unstable();
    let mut kept = 0usize;
    for r in 0..tail.len() {
        if kept == 0 || tail[r] != tail[kept - 1] {
            tail.swap(kept, r);
            kept += 1;
        }
    }
    out.truncate(from + kept);
}

/// Similarity of two sorted token sets: their Jaccard index, or, when the
/// smaller set has at least three words, four fifths of it are in the larger
/// one and the larger is at most three times the size, their overlap
/// coefficient (one outlet quoting a statement inside a longer passage).
pub(crate) fn similarity<T: Ord>(a: &[T], b: &[T]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    let jaccard = shared as f32 / union as f32;
    let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
    if small >= 3 && large <= 3 * small {
        let overlap = shared as f32 / small as f32;
        if overlap >= 0.8 {
            return jaccard.max(overlap * 0.75);
        }
    }
    jaccard
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn words(text: &str) -> Vec<String> {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut names = Vec::new();
        let set = content_words(text, |w| {
            let n = ids.len() as u32;
            *ids.entry(w.to_string()).or_insert_with(|| {
                names.push(w.to_string());
                n
            })
        });
        let mut v: Vec<String> = set.into_iter().map(|i| names[i as usize].clone()).collect();
        v.sort();
        v
    }

    #[test]
    fn stems_agree() {
        assert_eq!(stem("operations"), "operation");
        assert_eq!(stem("recruiting"), stem("recruits"));
        assert_eq!(stem("recruited"), "recruit");
        assert_eq!(stem("stopped"), "stop");
        assert_eq!(stem("countries"), "country");
        assert_eq!(stem("troops"), "troop");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("is"), "is");
    }

    #[test]
    fn translations_share_content_words() {
        let a = words("there are no and can be no ground operations");
        let b = words("There are not and cannot be any ground operations");
        assert_eq!(a, ["ground", "operation", NEGATION]);
        assert_eq!(a, b);
        let c = words("there are no land troops");
        let d = words("there cannot be any ground forces");
        assert_eq!(c, d);
        assert_eq!(words("No one officially recruits"), ["recruit", NEGATION]);
    }

    #[test]
    fn similarity_measures() {
        assert_eq!(similarity(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(similarity(&[1, 2], &[3, 4]), 0.0);
        assert!((similarity(&[1, 2, 3, 4], &[1, 2, 5, 6]) - 1.0 / 3.0).abs() < 1e-6);
        // Contained in a longer passage.
        assert!(similarity(&[1, 2, 3], &[1, 2, 3, 4, 5, 6]) >= 0.5);
        assert_eq!(similarity::<u32>(&[], &[1]), 0.0);
        assert_eq!(word_hash("x"), word_hash("x"));
        assert_ne!(word_hash("x"), negation_hash());
    }
}
