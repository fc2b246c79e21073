//! Small text scanners the claim stage shares: words and sentence ends.
//! Everything here is linear in the text it is given and allocation-free.

/// Whether `c` can be part of a word (letters, digits, apostrophes and
/// hyphens inside words are handled by [`words`]).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text` as byte ranges: runs of letters and digits, with
/// inner apostrophes (`don't`, `Russia’s`) and hyphens (`al-Nusra`) kept.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = it.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = it.peek() {
            if is_word_char(c) {
                it.next();
                continue;
            }
            if matches!(c, '\'' | '\u{2019}' | '-') {
                // Keep the joiner only when a word character follows it.
                let next = text.get(i + c.len_utf8()..).and_then(|s| s.chars().next());
                if next.is_some_and(is_word_char) {
                    it.next();
                    continue;
                }
            }
            end = i;
            break;
        }
        Some((start, end))
    })
}

/// Byte offset just past the end of the first sentence of `text` (the whole
/// text if it has one sentence). A sentence ends at `.`, `!`, `?` or `…`
/// (with any closing quotes or brackets) followed by white space and an
/// upper-case letter or an opening quotation mark, or at a line break.
pub(crate) fn first_sentence_end(text: &str) -> usize {
    sentence_ends(text).next().unwrap_or(text.len())
}

/// Offsets just past each sentence end in `text` (see [`first_sentence_end`]);
/// the end of the text is not included.
pub(crate) fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            let i = pos;
            let c = text.get(i..).and_then(|s| s.chars().next())?;
            pos += c.len_utf8();
            if c == '\n' {
                return Some(i);
            }
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            // Abbreviations such as "U.S." or "Oct." followed by a digit are not ends.
            let mut j = pos;
            while let Some(d) = text.get(j..).and_then(|s| s.chars().next()) {
                if matches!(
                    d,
                    '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '»' | '.'
                ) {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let end = j;
            let mut k = j;
            let mut saw_space = false;
            while let Some(d) = text.get(k..).and_then(|s| s.chars().next()) {
                if d.is_whitespace() {
                    saw_space = true;
                    k += d.len_utf8();
                } else {
                    break;
                }
            }
            let next = text.get(k..).and_then(|s| s.chars().next());
            if saw_space
                && next.is_some_and(|n| {
                    n.is_uppercase() || matches!(n, '"' | '\u{201C}' | '«' | '\'' | '\u{2018}')
                })
                && !is_initial(text, i)
            {
                pos = end;
                return Some(end);
            }
        }
        None
    })
}

/// Whether the `.` at byte `dot` ends a single capital letter (`U.S.`,
/// `J. Smith`), which is not a sentence end.
fn is_initial(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let mut rev = before.chars().rev();
    match (rev.next(), rev.next()) {
        (Some(a), Some(b)) => a.is_uppercase() && !is_word_char(b),
        (Some(a), None) => a.is_uppercase(),
        _ => false,
    }
}

/// Lowercase ASCII copy of a word into `buf` (non-ASCII kept as is).
pub(crate) fn lower_into(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        buf.push(c.to_ascii_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_joiners() {
        let t = "We don’t, al-Nusra's -- 'quoted' 2015.";
        let w: Vec<&str> = words(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["We", "don’t", "al-Nusra's", "quoted", "2015"]);
    }

    #[test]
    fn sentences_split_at_ends_not_abbreviations() {
        let t = "The U.S. said no. On Oct. 6 it did. \"Yes,\" he said.";
        let ends: Vec<usize> = sentence_ends(t).collect();
        assert_eq!(ends.len(), 2, "{ends:?}");
        assert_eq!(&t[..ends[0]], "The U.S. said no.");
        assert_eq!(first_sentence_end("No end"), 6);
    }
}
