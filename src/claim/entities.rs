//! The entities a claim names: places and groups from gazetteers, people
//! from the quote stage's registry, organisations and remaining names from
//! capitalised word runs.

use super::scan;
use super::tagged::Tagged;
use super::{ClaimEntity, EntityKind, FastMap};
use crate::lexicon::claim::Tag;
use crate::quote::{Quotes, SpeakerKind};
use crate::Span;

/// The people of the quote stage's registry, by full name and by last name.
pub(crate) struct People<'q> {
    /// Full name and last name -> full name.
    names: FastMap<&'q str, &'q str>,
}

impl<'q> People<'q> {
    /// Index the people (not organisations) of `quotes`' registry.
    pub(crate) fn new(quotes: &'q Quotes) -> Self {
        let mut names = FastMap::default();
        for p in quotes
            .people
            .iter()
            .filter(|p| p.kind != Some(SpeakerKind::Organisation))
        {
            if let Some(last) = p.name.split_whitespace().last() {
                names.entry(p.name.as_str()).or_insert(p.name.as_str());
                names.entry(last).or_insert(p.name.as_str());
            }
        }
        People { names }
    }

    /// The full name of the person `run` names (their full name, or a run
    /// ending in their last name).
    fn lookup(&self, run: &str) -> Option<&'q str> {
        if self.names.is_empty() {
            return None;
        }
        if let Some(&full) = self.names.get(run) {
            return Some(full);
        }
        let last = scan::words(run).last().map_or("", |(s, e)| &run[s..e]);
        // A one-word run is its own last word, just looked up.
        if last.len() == run.len() {
            return None;
        }
        self.names.get(last).copied()
    }
}

/// Entities named in `clause`, which starts at byte `base` of the text;
/// spans are absolute. Non-overlapping (gazetteer names first, then the
/// longer), in text order.
pub(crate) fn find(clause: &Tagged<'_>, base: usize, people: &People<'_>) -> Vec<ClaimEntity> {
    let text = clause.text;
    let entity = |span: Span, name: &str, kind| ClaimEntity {
        name: name.to_string(),
        kind,
        span: Span::new(base + span.start, base + span.end),
    };
    // Gazetteer names (disjoint, in order) win over the runs that overlap
    // them: they are the first `gazetteer` entities of `out`.
    let mut out: Vec<ClaimEntity> = Vec::new();
    for h in clause.longest_iter(|g| matches!(g, Tag::Group(_) | Tag::Place(_))) {
        let (name, kind) = match h.tag {
            Tag::Group(name) => (name, EntityKind::Group),
            Tag::Place(name) => (name, EntityKind::Place),
            _ => continue,
        };
        out.push(entity(h.span, name, kind));
    }
    let gazetteer = out.len();
    let mut org = clause
        .hits()
        .filter(|h| h.tag == Tag::OrgWord)
        .map(|h| h.span)
        .peekable();
    let mut gaz = 0;
    for_each_run(text, true, |s, e| {
        let span = Span::new(s, e);
        let run = span.of(text);
        while org.peek().is_some_and(|o| o.end <= s) {
            org.next();
        }
        while gaz < gazetteer && out[gaz].span.end <= base + s {
            gaz += 1;
        }
        if gaz < gazetteer && out[gaz].span.start < base + e {
            return;
        }
        if let Some(full) = people.lookup(run) {
            out.push(entity(span, full, EntityKind::Person));
        } else if org.peek().is_some_and(|o| span.contains(*o)) {
            out.push(entity(span, run, EntityKind::Organisation));
        } else if s > 0 && (2..=3).contains(&scan::words(run).count()) {
            out.push(entity(span, run, EntityKind::Person));
        }
    });
    out.sort_by_key(|e| e.span);
    out
}

/// Runs of capitalised words (joined by single spaces, `of` and `the`
/// allowed inside), as byte ranges.
#[cfg(test)]
fn capitalised_runs(text: &str) -> Vec<(usize, usize)> {
    runs(text, true)
}

/// [`for_each_run`] collected.
#[cfg(test)]
fn runs(text: &str, jump: bool) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    for_each_run(text, jump, |s, e| runs.push((s, e)));
    runs
}

/// Call `f` with each run of capitalised words (joined by single spaces,
/// `of` and `the` allowed inside), as byte ranges, jumping from one run to
/// the next capitalised word when `jump`, else reading every word (the
/// same runs).
fn for_each_run(text: &str, jump: bool, mut f: impl FnMut(usize, usize)) {
    let mut cur: Option<(usize, usize)> = None;
    let mut pending_link = false;
    let mut words = scan::words(text);
    loop {
        // Between runs only a capitalised word matters: jump to the next.
        if jump && cur.is_none() {
            words.skip_to_capital();
        }
        let Some((s, e)) = words.next() else { break };
        let w = &text[s..e];
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        let joined =
            cur.is_some_and(|(_, ce)| text[ce..s].chars().all(|c| c == ' ') && s - ce <= 1);
        if cap {
            match cur {
                Some((cs, ce))
                    if joined
                        || (pending_link
                            && text[ce..s].chars().all(|c| c == ' ' || c.is_alphabetic())) =>
                {
                    cur = Some((cs, e));
                }
                _ => {
                    if let Some(r) = cur.take() {
                        f(r.0, r.1);
                    }
                    cur = Some((s, e));
                }
            }
            pending_link = false;
        } else if cur.is_some() && joined && matches!(w, "of" | "the") && !pending_link {
            pending_link = true;
        } else {
            if let Some(r) = cur.take() {
                f(r.0, r.1);
            }
            pending_link = false;
        }
    }
    if let Some(r) = cur {
        f(r.0, r.1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn runs_agree_with_reading_every_word(s in "([A-Za-z]{1,4}|É|é|Ω|ß|[ '’\\-.,]|of|the|O'|al-|Ñ|ǅ|Ⅻ|x’A){0,30}") {
            prop_assert_eq!(runs(&s, true), runs(&s, false));
        }
    }

    #[test]
    fn gazetteer_registry_and_runs() {
        let quotes = Quotes::default();
        let t = "the UN Security Council and Islamic State militants in Iraq, said Anna Berg";
        let found = find(&Tagged::new(t), 10, &People::new(&quotes));
        let kinds: Vec<(&str, EntityKind)> =
            found.iter().map(|e| (e.name.as_str(), e.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("UN Security Council", EntityKind::Organisation),
                ("Islamic State", EntityKind::Group),
                ("Iraq", EntityKind::Place),
                ("Anna Berg", EntityKind::Person),
            ]
        );
        assert_eq!(
            found[2].span,
            Span::new(
                10 + t.find("Iraq").unwrap_or(0),
                10 + t.find("Iraq").unwrap_or(0) + 4
            )
        );
    }

    #[test]
    fn runs_take_of() {
        let t = "the Ministry of Defence said";
        assert_eq!(capitalised_runs(t), [(4, 23)]);
    }
}
