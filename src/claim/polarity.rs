//! Polarity: does the speaker assert the proposition or deny it?
//!
//! Two sources, combined by parity: negation in the content (`is not going
//! to`, `there are no and can be no`, `no one is recruiting`, `out of the
//! question`, `We don't come`) and a denying cue (`denied that`, `rejected
//! claims that`, `dismissed`). A denied denial (`denied that Russia is not
//! ...`) asserts. A negated denial cue (`did not rule out`, `did not deny`)
//! denies nothing: it is a hedged assertion. Negations that deny nothing
//! (`not only`, `no doubt`, `does not allow`) and negations inside
//! subordinate clauses (`if not invited`, `those who do not`) are ignored.
//! Hedges (`may`, `most probably`, `I think`) keep the polarity of what they
//! hedge and only set [`Reading::hedged`].

use super::scan;
use crate::lexicon::claim::{
    is_nt, CRITICAL_CUES, DENIAL_CUES, DENIAL_PHRASES, HEDGES, NEGATORS, NEUTRAL_NEGATIONS,
    REPORT_NOUNS, SUBORDINATORS,
};
use crate::{Polarity, Span};

/// How a claim's polarity was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reading {
    /// The polarity.
    pub polarity: Polarity,
    /// Whether the content is hedged or the denial cue negated.
    pub hedged: bool,
    /// Whether the content itself negates (before the cue is applied).
    pub content_negated: bool,
}

/// The negations of `text` that deny: spans of negators and denying
/// predicates outside neutral phrases and subordinate clauses.
pub(crate) fn negations(text: &str) -> Vec<Span> {
    let neutral: Vec<Span> = NEUTRAL_NEGATIONS
        .find(text)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let inside_neutral = |s: Span| neutral.iter().any(|n| n.overlap(s) > 0);
    let mut out: Vec<Span> = Vec::new();
    for (s, _) in NEGATORS
        .find(text)
        .into_iter()
        .chain(DENIAL_PHRASES.find(text))
    {
        if !inside_neutral(s) && !out.iter().any(|o| o.overlap(s) > 0) {
            out.push(s);
        }
    }
    for (s, e) in scan::words(text) {
        let span = Span::new(s, e);
        if is_nt(&text[s..e]) && !inside_neutral(span) && !out.iter().any(|o| o.overlap(span) > 0) {
            out.push(span);
        }
    }
    out.retain(|s| !in_subordinate_clause(text, s.start));
    out.sort();
    out
}

/// Whether byte `at` of `text` lies in a subordinate clause: a subordinator
/// (`if`, `who`, `which` ...) occurs earlier in the same comma-delimited
/// stretch, and the stretch does not start the text with it
/// (`If X, then not Y` negates the main clause).
fn in_subordinate_clause(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    let stretch_start = before.rfind([',', ';', ':', '—', '–']).map_or(0, |i| i + 1);
    let stretch = &before[stretch_start..];
    let mut buf = String::new();
    scan::words(stretch).any(|(s, e)| {
        scan::lower_into(&stretch[s..e], &mut buf);
        SUBORDINATORS.contains(buf.as_str())
    })
}

/// Whether the first sentence of `text` negates what it says.
pub(crate) fn negated(text: &str) -> bool {
    let first = &text[..scan::first_sentence_end(text)];
    !negations(first).is_empty()
}

/// How the cue bears on polarity: `Some(true)` a denial (`denied`),
/// `Some(false)` a negated denial (`did not rule out`), `None` neutral.
/// `cue` is the cue as printed; `before` a few words before it; `between`
/// the text from the cue to the content, and `content` the content (a report
/// noun there, `criticized claims that`, makes a critical cue deny).
pub(crate) fn cue_denies(cue: &str, before: &str, between: &str, content: &str) -> Option<bool> {
    let window = format!("{before} {cue}");
    if NEUTRAL_NEGATIONS.any(&window) && (DENIAL_CUES.any(cue) || DENIAL_CUES.any(&window)) {
        return Some(false);
    }
    if DENIAL_CUES.any(cue) {
        let negated = !NEGATORS.find(&window).is_empty()
            || scan::words(&window).any(|(s, e)| is_nt(&window[s..e]));
        return Some(!negated);
    }
    if CRITICAL_CUES.any(cue) && (REPORT_NOUNS.any(between) || opens_with_report_noun(content)) {
        return Some(true);
    }
    None
}

/// Whether `content` opens with a report noun and `that` (`claims that ...`).
pub(crate) fn opens_with_report_noun(content: &str) -> bool {
    let head: usize = scan::words(content)
        .nth(3)
        .map_or(content.len(), |(s, _)| s);
    let head = &content[..head];
    REPORT_NOUNS.find(head).first().is_some_and(|(s, _)| {
        head[s.end..]
            .trim_start()
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("that"))
    })
}

/// Read the polarity of a claim with content `content` and cue information.
pub(crate) fn read(content: &str, cue: Option<bool>) -> Reading {
    let content_negated = negated(content);
    let first = &content[..scan::first_sentence_end(content)];
    let mut hedged = HEDGES.any(first);
    let denies = match cue {
        Some(true) => !content_negated,
        Some(false) => {
            hedged = true;
            content_negated
        }
        None => content_negated,
    };
    let polarity = if denies {
        Polarity::Denied
    } else {
        Polarity::Asserted
    };
    Reading {
        polarity,
        hedged,
        content_negated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pol(content: &str) -> Polarity {
        read(content, None).polarity
    }

    #[test]
    fn content_negation_denies() {
        for t in [
            "Russia is not going to expand the operation to neighbouring countries",
            "there are no and can be no ground operations, there are no and can be no land troops",
            "No one is recruiting volunteers to serve abroad",
            "any ground operation in the region is out of the question. This has been stated clearly.",
            "We don’t come if not invited",
            "We don't come if not invited",
            "The company has no plans to close the plant",
            "the issue has nothing to do with the ministry's agenda.",
            "the talks are neither failing nor stalling",
            "I cannot really share the general's assessment. We know better.",
            "We will never agree to that",
        ] {
            assert_eq!(pol(t), Polarity::Denied, "{t}");
        }
    }

    #[test]
    fn assertions_stay_asserted() {
        for t in [
            "We act exclusively at the invitation of the government",
            "The targets are the militants and other armed groups,",
            "units of volunteers will most probably appear in the ranks of the army.",
            "the army, together with its allies, does not allow the rebels to create a state",
            "Not only the ministry but also the army agreed",
            "There is no doubt the plan works",
            "It is impossible to avoid the impression the plan works",
            "Those who do not pay will be fined",
            "the outlook for settling the conflict remains uncertain",
        ] {
            assert_eq!(pol(t), Polarity::Asserted, "{t}");
        }
    }

    #[test]
    fn only_the_first_sentence_counts() {
        assert_eq!(
            pol("We reduced our presence. Nobody doubts it."),
            Polarity::Asserted
        );
        assert_eq!(pol("We did not. Everybody agrees."), Polarity::Denied);
    }

    #[test]
    fn cues_deny_and_double_negation_asserts() {
        let denied = cue_denies("denied", "The ministry", " that ", "troops were sent");
        assert_eq!(denied, Some(true));
        assert_eq!(read("troops were sent", denied).polarity, Polarity::Denied);
        assert_eq!(
            read("troops were not sent", denied).polarity,
            Polarity::Asserted
        );
        for cue in ["rejected", "dismissed", "dispelled", "ruled out"] {
            assert_eq!(cue_denies(cue, "He", " ", "x"), Some(true), "{cue}");
        }
    }

    #[test]
    fn negated_denial_cue_is_a_hedged_assertion() {
        let c = cue_denies("rule out", "the minister did not", " ", "new talks");
        assert_eq!(c, Some(false));
        let r = read("new talks in May", c);
        assert_eq!(r.polarity, Polarity::Asserted);
        assert!(r.hedged);
        assert_eq!(cue_denies("deny", "He didn't", " ", "x"), Some(false));
        assert_eq!(cue_denies("did not rule out", "He", " ", "x"), Some(false));
    }

    #[test]
    fn critical_cue_with_report_noun_denies() {
        assert_eq!(
            cue_denies("criticized", "He", " ", "claims that the plan failed"),
            Some(true)
        );
        assert_eq!(
            cue_denies("criticized", "He", " reports that ", "the plan failed"),
            Some(true)
        );
        assert_eq!(cue_denies("criticized", "He", " ", "the plan"), None);
        assert_eq!(cue_denies("said", "He", " ", "claims that x"), None);
    }

    #[test]
    fn hedges_keep_polarity() {
        let r = read("the bases may remain for a while", None);
        assert_eq!(r.polarity, Polarity::Asserted);
        assert!(r.hedged);
        let r = read("I think it will probably not happen", None);
        assert_eq!(r.polarity, Polarity::Denied);
        assert!(r.hedged);
    }
}
