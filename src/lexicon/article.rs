//! Lexicons of the article stage.

use super::entries;
use std::collections::HashSet;
use std::sync::LazyLock;

static CHROME_PHRASES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    entries(include_str!("data/article/chrome_phrases.txt"))
        .map(str::to_lowercase)
        .collect()
});

/// Whether the whole line is a known chrome phrase.
pub(crate) fn is_chrome_phrase(line: &str) -> bool {
    CHROME_PHRASES.contains(&line.trim().to_lowercase())
}
