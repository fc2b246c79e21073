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

use super::tagged::Tagged;
use super::TagSet;
use crate::lexicon::claim::Tag;
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

/// The negations of `t` that deny: spans of negators and denying
/// predicates outside neutral phrases and subordinate clauses, in text
/// order (nothing allocated).
pub(crate) fn negations<'a>(t: &'a Tagged<'_>) -> impl Iterator<Item = Span> + 'a {
    // The neutral phrases, disjoint and in order, read alongside: a
    // negation overlaps one iff it overlaps the first that ends after its start.
    let mut neutral = t
        .longest_iter(|g| matches!(g, Tag::Neutral))
        .map(|h| h.span)
        .peekable();
    // A subordinate clause opens at a subordinator among `t`'s hits: in a
    // text without one (most), no clause is looked for.
    let subordinated = t.has(|g| matches!(g, Tag::Subordinator));
    t.longest_iter(|g| matches!(g, Tag::Negator | Tag::DenialPhrase))
        .map(|h| h.span)
        .filter(move |s| {
            while neutral.next_if(|n| n.end <= s.start).is_some() {}
            !neutral.peek().is_some_and(|n| n.overlap(*s) > 0)
        })
        .filter(move |s| !(subordinated && in_subordinate_clause(t, s.start)))
}

/// Whether byte `at` of `t` lies in a subordinate clause: a subordinator
/// (`if`, `who`, `which` ...) occurs earlier in the same comma-delimited
/// stretch.
fn in_subordinate_clause(t: &Tagged<'_>, at: usize) -> bool {
    let from = crate::text::ceil_char_boundary(t.text, at.saturating_sub(CLAUSE_REACH));
    let before = t.text.get(from..at).unwrap_or("");
    let stretch_start = from + last_clause_mark(before).map_or(0, |i| i + 1);
    t.sub(stretch_start, at)
        .has(|g| matches!(g, Tag::Subordinator))
}

/// Where the last `,` `;` `:` `—` or `–` of `s` starts, read byte by byte
/// from the end (the dashes are E2 80 94 and E2 80 93).
fn last_clause_mark(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut end = b.len();
    while let Some(j) = b[..end]
        .iter()
        .rposition(|&x| matches!(x, b',' | b';' | b':' | 0x93 | 0x94))
    {
        if b[j] < 0x80 {
            return Some(j);
        }
        if j >= 2 && b[j - 2] == 0xE2 && b[j - 1] == 0x80 {
            return Some(j - 2);
        }
        end = j;
    }
    None
}

/// Bytes before a negation searched for the subordinator that opens its clause.
const CLAUSE_REACH: usize = 200;

/// Whether the first sentence of `t` negates what it says.
pub(crate) fn negated(t: &Tagged<'_>) -> bool {
    negations(&t.first_sentence()).next().is_some()
}

/// How the cue bears on polarity: `Some(true)` a denial (`denied`),
/// `Some(false)` a negated denial (`did not rule out`), `None` neutral.
/// `cue` is the cue with a few words before it (`did not rule out`), of
/// which the cue itself starts at byte `cue_start`; `between` gives the
/// text from the cue to the content (read only for a critical cue), and
/// `content` is the content (a report noun there, `criticized claims
/// that`, makes a critical cue deny).
pub(crate) fn cue_denies<'t>(
    window: &Tagged<'_>,
    cue_start: usize,
    between: impl FnOnce() -> Tagged<'t>,
    content: &Tagged<'_>,
) -> Option<bool> {
    // The cue's own hits are among the window's: a denial cue in either is
    // one in the window, and only a window with a critical cue has one in
    // the cue's part.
    let (mut denial, mut critical, mut neutral, mut negator) = (false, false, false, false);
    for h in window.hits() {
        denial |= matches!(h.tag, Tag::DenialCue);
        critical |= matches!(h.tag, Tag::CriticalCue);
        neutral |= matches!(h.tag, Tag::Neutral);
        negator |= matches!(h.tag, Tag::Negator);
    }
    if denial {
        return Some(!neutral && !negator);
    }
    if critical
        && window
            .sub(cue_start, window.text.len())
            .has(|g| matches!(g, Tag::CriticalCue))
        && (between().has(|g| matches!(g, Tag::ReportNoun)) || opens_with_report_noun(content))
    {
        return Some(true);
    }
    None
}

/// Whether `content` opens with a report noun and `that` (`claims that ...`).
pub(crate) fn opens_with_report_noun(content: &Tagged<'_>) -> bool {
    content
        .first_in_head(3, |g| matches!(g, Tag::ReportNoun))
        .is_some_and(|h| {
            let rest = content.text[h.span.end..].trim_start();
            rest.get(..4)
                .is_some_and(|w| w.eq_ignore_ascii_case("that"))
        })
}

/// A claim's first sentence, with what its hits say read in one walk (the
/// polarity and the positive form of a claim both read them).
pub(crate) struct First<'t> {
    /// The first sentence.
    pub tagged: Tagged<'t>,
    /// Whether a hit may negate (a negator or a denial phrase).
    pub negating: bool,
    /// Whether a hit is a hedge.
    pub hedged: bool,
    /// Whether a hit is a report noun (a frame such as `claims that` may open it).
    pub framing: bool,
    /// Whether the sentence negates what it says (a negation that denies,
    /// see [`negations`]).
    pub negated: bool,
}

impl<'t> First<'t> {
    /// The first sentence of `content`, whose hits are of the kinds
    /// `tags`, read.
    pub(crate) fn of(content: &Tagged<'t>, tags: TagSet) -> Self {
        let tagged = content.first_sentence();
        let (mut negating, mut hedged, mut framing) = (false, false, false);
        // The first sentence's hits are among the content's: only a
        // content with a hit of a kind read here has them read.
        if tags.any(&[Tag::Negator, Tag::DenialPhrase, Tag::Hedge, Tag::ReportNoun]) {
            for h in tagged.hits() {
                negating |= matches!(h.tag, Tag::Negator | Tag::DenialPhrase);
                hedged |= matches!(h.tag, Tag::Hedge);
                framing |= matches!(h.tag, Tag::ReportNoun);
            }
        }
        let negated = negating && negations(&tagged).next().is_some();
        First {
            tagged,
            negating,
            hedged,
            framing,
            negated,
        }
    }
}

/// Read the polarity of a claim with content `content` and cue information.
pub(crate) fn read(content: &Tagged<'_>, cue: Option<bool>) -> Reading {
    read_first(&First::of(content, TagSet::of(content)), cue)
}

/// [`read`] of a claim whose first sentence is `first`.
pub(crate) fn read_first(first: &First<'_>, cue: Option<bool>) -> Reading {
    let mut hedged = first.hedged;
    let content_negated = first.negated;
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
        read(&Tagged::new(content), None).polarity
    }

    /// `cue_denies` on a cue window "before cue".
    fn cue(cue: &str, before: &str, between: &str, content: &str) -> Option<bool> {
        let window = format!("{before} {cue}");
        let (window, between) = (Tagged::new(&window), Tagged::new(between));
        cue_denies(&window, before.len() + 1, || between, &Tagged::new(content))
    }

    fn read_with(content: &str, c: Option<bool>) -> Reading {
        read(&Tagged::new(content), c)
    }

    proptest::proptest! {
        #[test]
        fn clause_marks_are_found_as_by_char(s in "([a-z ]|,|;|:|—|–|“|”|’|‘|…|é){0,40}") {
            proptest::prop_assert_eq!(
                last_clause_mark(&s),
                s.rfind([',', ';', ':', '—', '–'])
            );
        }
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
        let denied = cue("denied", "The ministry", " that ", "troops were sent");
        assert_eq!(denied, Some(true));
        assert_eq!(
            read_with("troops were sent", denied).polarity,
            Polarity::Denied
        );
        assert_eq!(
            read_with("troops were not sent", denied).polarity,
            Polarity::Asserted
        );
        for verb in ["rejected", "dismissed", "dispelled", "ruled out"] {
            assert_eq!(cue(verb, "He", " ", "x"), Some(true), "{verb}");
        }
    }

    #[test]
    fn negated_denial_cue_is_a_hedged_assertion() {
        let c = cue("rule out", "the minister did not", " ", "new talks");
        assert_eq!(c, Some(false));
        let r = read_with("new talks in May", c);
        assert_eq!(r.polarity, Polarity::Asserted);
        assert!(r.hedged);
        assert_eq!(cue("deny", "He didn't", " ", "x"), Some(false));
        assert_eq!(cue("did not rule out", "He", " ", "x"), Some(false));
    }

    #[test]
    fn critical_cue_with_report_noun_denies() {
        assert_eq!(
            cue("criticized", "He", " ", "claims that the plan failed"),
            Some(true)
        );
        assert_eq!(
            cue("criticized", "He", " reports that ", "the plan failed"),
            Some(true)
        );
        assert_eq!(cue("criticized", "He", " ", "the plan"), None);
        assert_eq!(cue("said", "He", " ", "claims that x"), None);
    }

    #[test]
    fn hedges_keep_polarity() {
        let r = read_with("the bases may remain for a while", None);
        assert_eq!(r.polarity, Polarity::Asserted);
        assert!(r.hedged);
        let r = read_with("I think it will probably not happen", None);
        assert_eq!(r.polarity, Polarity::Denied);
        assert!(r.hedged);
    }
}
