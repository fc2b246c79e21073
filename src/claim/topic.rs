//! Topic keys, proposition keys and the positive form of a claim.
//!
//! The topic key is the highest-priority topic of the synonym lexicon the
//! claim mentions (`ground operation`, `land troops` and `troops on the
//! ground` are all `ground troops`), qualified by the first place the claim
//! names (`ground troops in syria`). A claim that mentions no lexicon topic
//! (a partial quote such as "cannot be stopped") takes it from the writer's
//! sentence around the quote; failing that, its first content words are the
//! key. The proposition key adds the claim's predicate class (`prevent`,
//! `recruit`, `reduce` ...) to the topic key, so that "X is recruiting
//! volunteers" and "X is preventing volunteers" differ while "there can be
//! no ground operation" and "Russia is not considering deploying ground
//! troops" agree. The group id is a stable hash of the proposition key.

use super::polarity;
use super::scan;
use crate::lexicon::claim::{
    is_nt, DEMONYMS, LOCATIVES, PLACES, PREDICATES, REPORT_NOUNS, STOPWORDS, TOPICS,
};
use crate::Span;

/// A claim's topic and proposition group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Key {
    pub topic: String,
    pub group: u64,
}

/// The parts of `content` that carry separate claims, relative to it: two
/// when its first sentence contrasts a denial with an assertion (`We are
/// not talking about X, but Y may remain`), else the whole content.
pub(crate) fn parts(content: &str) -> Vec<Span> {
    let whole = vec![Span::new(0, content.len())];
    let first = &content[..scan::first_sentence_end(content)];
    let Some(at) = contrast(first) else {
        return whole;
    };
    let left = content[..at].trim_end_matches([',', ';', ' ', '-', '–', '—']);
    let right_start = at + 3;
    let right = content[right_start..].trim_start();
    let right_start = content.len() - right.len();
    if left.is_empty() || right.is_empty() {
        return whole;
    }
    if polarity::negated(left) == polarity::negated(right) {
        return whole;
    }
    vec![
        Span::new(0, left.len()),
        Span::new(right_start, content.len()),
    ]
}

/// Byte offset of a clause-joining `but` in `s` (after a comma, or after a
/// negated clause), if any.
fn contrast(s: &str) -> Option<usize> {
    let mut buf = String::new();
    for (st, e) in scan::words(s) {
        scan::lower_into(&s[st..e], &mut buf);
        if buf == "but" && st > 0 {
            let before = s[..st].trim_end();
            let after_comma = before.ends_with(',') || before.ends_with(';');
            if after_comma || polarity::negated(before) {
                return Some(st);
            }
        }
    }
    None
}

/// Words at the start of a claim searched for its topic: a topic named
/// only deep in a long quote is an aside, not what the claim is about.
const TOPIC_WORDS: usize = 25;

/// The topic lexicon's key for `text`: the topic mentioned first within its
/// first [`TOPIC_WORDS`] words.
fn lexicon_topic(text: &str) -> Option<&'static str> {
    let head = scan::words(text)
        .nth(TOPIC_WORDS)
        .map_or(text.len(), |(s, _)| s);
    TOPICS.find(&text[..head]).first().map(|(_, k)| **k)
}

/// The places of `text` that follow a locative preposition (`in Iraq`, `to
/// the United States`, `on Syrian soil`), as lowercase keys in text order.
pub(crate) fn located_places(text: &str) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = Vec::new();
    for (s, name) in PLACES.find(text).into_iter().chain(DEMONYMS.find(text)) {
        let mut before: Vec<&str> = Vec::with_capacity(2);
        let head = &text[..s.start];
        for (a, b) in scan::words(head)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .take(2)
        {
            before.push(&head[a..b]);
        }
        let prep = match before.as_slice() {
            [w, ..] if LOCATIVES.contains(w.to_ascii_lowercase().as_str()) => true,
            [the, w, ..] if the.eq_ignore_ascii_case("the") => {
                LOCATIVES.contains(w.to_ascii_lowercase().as_str())
            }
            _ => false,
        };
        if prep {
            out.push((s.start, *name));
        }
    }
    out.sort_unstable();
    out
}

/// The place an article is mostly about: the one most often named after a
/// locative preposition in `body` paragraphs (earliest on a tie).
pub(crate) fn main_place<'b>(body: impl Iterator<Item = &'b str>) -> Option<&'static str> {
    let mut counts: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut order = 0;
    for para in body {
        for (_, name) in located_places(para) {
            order += 1;
            match counts.iter_mut().find(|(n, _, _)| *n == name) {
                Some(c) => c.1 += 1,
                None => counts.push((name, 1, order)),
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(n, _, _)| n)
}

/// The first content words of `text`, lowercased (a fallback key).
fn content_words(text: &str, n: usize) -> String {
    let mut buf = String::new();
    let mut out: Vec<String> = Vec::new();
    for (s, e) in scan::words(text) {
        scan::lower_into(&text[s..e], &mut buf);
        if buf.len() < 3
            || STOPWORDS.contains(buf.as_str())
            || is_nt(&buf)
            || buf.bytes().all(|b| b.is_ascii_digit())
        {
            continue;
        }
        let w = buf
            .trim_end_matches(['\'', '\u{2019}'])
            .trim_end_matches("\u{2019}s")
            .trim_end_matches("'s");
        let w = if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
            &w[..w.len() - 1]
        } else {
            w
        };
        if !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
        if out.len() == n {
            break;
        }
    }
    out.join(" ")
}

/// The topic and proposition group of a claim with text `clause` taken from
/// the quote `quote`, the writer's sentence around it `context`, and the
/// article's main place. The topic is the quote's (the claims of one quote
/// share it); the proposition is the clause's.
pub(crate) fn key(clause: &str, quote: &str, context: &str, main_place: Option<&str>) -> Key {
    let place = main_place
        .or_else(|| located_places(clause).first().map(|(_, p)| *p))
        .or_else(|| located_places(context).first().map(|(_, p)| *p))
        .map(str::to_ascii_lowercase);
    let concept = lexicon_topic(quote).or_else(|| lexicon_topic(context));
    let topic = match (concept, place) {
        (Some(c), Some(p)) => format!("{c} in {p}"),
        (Some(c), None) => c.to_string(),
        (None, _) => content_words(clause, 3),
    };
    let predicate = PREDICATES.find(clause).first().map(|(_, k)| *k);
    let prop = match predicate {
        Some(p) if concept.is_some() => format!("{topic} | {p}"),
        _ if concept.is_some() => topic.clone(),
        _ => format!("{topic} | {}", content_words(clause, 4)),
    };
    Key {
        topic,
        group: stable_hash(&prop),
    }
}

/// FNV-1a, kept under 2^53 so that JSON readers keep it exact.
pub(crate) fn stable_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h & ((1 << 53) - 1)
}

/// `clause` in positive form: negators dropped or turned positive
/// (`cannot` → `can`, `no one` → `someone`), a report-noun frame (`claims
/// that`, `As for the statements that`) removed, quotes and final
/// punctuation trimmed. When the cue denies (`denied that X`), the content
/// is already positive.
pub(crate) fn positive_form(clause: &str, cue_denies: bool) -> String {
    let first = &clause[..scan::first_sentence_end(clause)];
    let framed = strip_frame(first);
    let text = if cue_denies {
        framed.to_string()
    } else {
        drop_negation(framed)
    };
    let t = text.trim().trim_matches(|c: char| {
        matches!(
            c,
            '"' | '\u{201C}' | '\u{201D}' | '\'' | ',' | '.' | ';' | ':' | ' '
        )
    });
    t.to_string()
}

/// Remove a leading `As for the statements that`, `claims that`.
fn strip_frame(s: &str) -> &str {
    let head_end = scan::words(s).nth(5).map_or(s.len(), |(st, _)| st);
    if let Some((span, _)) = REPORT_NOUNS.find(&s[..head_end]).first() {
        let rest = s[span.end..].trim_start();
        if rest.len() >= 5 && rest[..5].eq_ignore_ascii_case("that ") {
            let body = &rest[5..];
            // "As for the statements that X, they are not serious": X.
            if let Some(i) = body.rfind(", they ").or_else(|| body.rfind(", it ")) {
                return &body[..i];
            }
            return body;
        }
    }
    s
}

/// Drop the negators of `s`, turning the common ones positive.
fn drop_negation(s: &str) -> String {
    let negs = polarity::negations(s);
    if negs.is_empty() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for n in negs {
        if n.start < last {
            continue;
        }
        out.push_str(&s[last..n.start]);
        let w = n.of(s);
        let lower = w.to_ascii_lowercase();
        let replacement = match lower.as_str() {
            "cannot" => "can",
            "no one" | "nobody" => "someone",
            "nothing" => "something",
            "none" => "some",
            "never" => "",
            "neither" => "either",
            "nor" => "or",
            "out of the question" => "possible",
            "impossible" => "possible",
            "inadmissible" => "admissible",
            "unacceptable" => "acceptable",
            "untrue" | "false" => "true",
            "non-existent" | "nonexistent" => "existent",
            _ if is_nt(w) => {
                let stem = &lower[..lower.len() - 3];
                match stem {
                    "wo" => "will",
                    "ca" => "can",
                    "sha" => "shall",
                    _ => {
                        out.push_str(&w[..w.len() - 3].replace('\u{2019}', ""));
                        ""
                    }
                }
            }
            _ => "",
        };
        out.push_str(replacement);
        last = n.end;
        if replacement.is_empty()
            && s[last..].starts_with(' ')
            && (out.ends_with(' ') || out.is_empty())
        {
            last += 1;
        }
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key of a claim that is a whole quote, with no context.
    fn whole(quote: &str) -> Key {
        key(quote, quote, "", None)
    }

    #[test]
    fn synonyms_share_a_topic() {
        let a = whole("there are no and can be no land troops");
        let b = whole("Russia has no plans to carry out a ground operation");
        assert_eq!(a.topic, "ground troops");
        assert_eq!(a.topic, b.topic);
        assert_eq!(a.group, b.group);
        let c = key(
            "troops on the ground",
            "troops on the ground",
            "",
            Some("Syria"),
        );
        assert_eq!(c.topic, "ground troops in syria");
    }

    #[test]
    fn context_gives_the_topic_of_a_fragment() {
        let fragment = "cannot be stopped";
        let k = key(
            fragment,
            fragment,
            "volunteers who want to join \"cannot be stopped\"",
            None,
        );
        assert_eq!(k.topic, "volunteers");
        let k2 = whole("is not recruiting volunteers");
        assert_eq!(k2.topic, "volunteers");
        assert_ne!(
            k.group, k2.group,
            "prevent and recruit are different propositions"
        );
    }

    #[test]
    fn topic_comes_from_the_head_of_a_long_quote() {
        let long = "As we all saw over many long months of hard and patient work, and with \
                    the help of many partners across the whole wide region, these lines of \
                    volunteers grew";
        assert_ne!(whole(long).topic, "volunteers");
    }

    #[test]
    fn fallback_key_uses_content_words() {
        let k = whole("The outlook for settling the conflict remains uncertain");
        assert_eq!(k.topic, "outlook settling conflict");
    }

    #[test]
    fn main_place_is_the_most_located() {
        let body = [
            "Strikes in Syria went on.",
            "Russia sent jets to Syria and to Iraq.",
        ];
        assert_eq!(main_place(body.into_iter()), Some("Syria"));
        assert_eq!(
            located_places("on Syrian soil, Russia said"),
            [(3, "Syria")]
        );
    }

    #[test]
    fn contrast_splits_into_two_claims() {
        let c = "We are not talking about a full presence, but our bases may remain for a while.";
        let p = parts(c);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].of(c), "We are not talking about a full presence");
        assert_eq!(p[1].of(c), "our bases may remain for a while.");
        assert_eq!(parts("Opinions differ but we agree.").len(), 1);
        assert_eq!(parts("We cannot join, but we cannot leave.").len(), 1);
    }

    #[test]
    fn positive_form_drops_negation() {
        assert_eq!(
            positive_form("Russia is not going to expand the operation.", false),
            "Russia is going to expand the operation"
        );
        assert_eq!(
            positive_form("No one is recruiting volunteers", false),
            "someone is recruiting volunteers"
        );
        assert_eq!(
            positive_form("We don't come if not invited", false),
            "We do come if not invited"
        );
        assert_eq!(
            positive_form("Russia cannot be part of it", false),
            "Russia can be part of it"
        );
        assert_eq!(
            positive_form("claims that the balance is disrupted", false),
            "the balance is disrupted"
        );
        assert_eq!(
            positive_form(
                "As for the statements that the war will end soon, they are not serious",
                false
            ),
            "the war will end soon"
        );
        assert_eq!(positive_form("troops were sent", true), "troops were sent");
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(stable_hash("ground troops"), stable_hash("ground troops"));
        assert!(stable_hash("x") < (1 << 53));
    }
}
