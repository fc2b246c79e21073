//! Lexicons: the word lists every stage works from, as data in one place.
//!
//! Each list lives in a plain text file under `src/lexicon/data/` (one entry a
//! line, `#` starts a comment) and is compiled once, on first use, into the
//! matcher it is read with (a hash set or an Aho-Corasick automaton). Nothing
//! here is compiled on a hot path.

pub(crate) mod article;
pub(crate) mod claim;
pub(crate) mod quote;

/// The entries of a lexicon file: trimmed, non-empty lines not starting with `#`.
pub(crate) fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A boxed array of `N` default values, built on the heap (no large array
/// crosses the stack): the fixed-size tables the lexicons are probed in.
pub(crate) fn boxed_array<T: Clone + Default, const N: usize>() -> Box<[T; N]> {
    match vec![T::default(); N].into_boxed_slice().try_into() {
        Ok(a) => a,
        Err(_) => unreachable!("a vector of N elements"),
    }
}
