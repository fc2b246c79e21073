//! The entities a claim names: places and groups from gazetteers, people
//! from the quote stage's registry, organisations and remaining names from
//! capitalised word runs.

use super::scan;
use super::tagged::Tagged;
use super::{ClaimEntity, EntityKind, FastMap, TagSet};
use crate::lexicon::claim::Tag;
use crate::quote::{Quotes, SpeakerKind};
use crate::Span;

/// The people of the quote stage's registry, by full name and by last name.
pub(crate) struct People<'q> {
    /// Full name and last name -> full name, the first entry of a key
    /// winning: in a list when there are few (most articles: no map is
    /// built), else in a map.
    names: Names<'q>,
    /// One bit per length of a key of `names` (bit 63 for 63 bytes or
    /// more): a run of another length is not looked up (most runs are not
    /// names of the registry).
    lengths: u64,
}

/// Keys of [`People`] held in a list, at most this many.
const LISTED: usize = 16;

/// The keys of [`People`] and their full names. (One lives on the stack
/// per article: the list is large on purpose, boxing it would allocate.)
#[allow(clippy::large_enum_variant)]
enum Names<'q> {
    /// The first `.1` entries, in registry order.
    List([(&'q str, &'q str); LISTED], usize),
    /// Each key once, with the full name of its first entry.
    Map(FastMap<&'q str, &'q str>),
}

/// The bit of [`People::lengths`] for a key of `len` bytes.
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

impl<'q> People<'q> {
    /// Index the people (not organisations) of `quotes`' registry.
    pub(crate) fn new(quotes: &'q Quotes) -> Self {
        let entries = quotes
            .people
            .iter()
            .filter(|p| p.kind != Some(SpeakerKind::Organisation))
            .filter_map(|p| {
                let last = p.name.split_whitespace().last()?;
                Some([(p.name.as_str(), p.name.as_str()), (last, p.name.as_str())])
            })
            .flatten();
        let mut list = [("", ""); LISTED];
        let mut n = 0;
        let mut lengths = 0;
        for (key, full) in entries.clone() {
            lengths |= length_bit(key.len());
            if let Some(slot) = list.get_mut(n) {
                *slot = (key, full);
            }
            n += 1;
        }
        let names = if n <= LISTED {
            Names::List(list, n)
        } else {
            let mut map = FastMap::default();
            for (key, full) in entries {
                map.entry(key).or_insert(full);
            }
            Names::Map(map)
        };
        People { names, lengths }
    }

    /// The full name of the key `name`, if it is one.
    fn get(&self, name: &str) -> Option<&'q str> {
        if self.lengths & length_bit(name.len()) == 0 {
            return None;
        }
        match &self.names {
            Names::List(list, n) => list[..*n]
                .iter()
                .find(|(key, _)| *key == name)
                .map(|&(_, full)| full),
            Names::Map(map) => map.get(name).copied(),
        }
    }

    /// The full name of the person `run` names (their full name, or a run
    /// ending in their last name, which starts at byte `last` of it).
    fn lookup(&self, run: &str, last: usize) -> Option<&'q str> {
        if self.lengths == 0 {
            return None;
        }
        if let Some(full) = self.get(run) {
            return Some(full);
        }
        // A one-word run is its own last word, just looked up.
        if last == 0 {
            return None;
        }
        self.get(&run[last..])
    }
}

/// Entities named in `clause`, whose hits are of the kinds `tags` and
/// which starts at byte `base` of the text; spans are absolute.
/// Non-overlapping (gazetteer names first, then the longer), in text order.
pub(crate) fn find(
    clause: &Tagged<'_>,
    tags: TagSet,
    base: usize,
    people: &People<'_>,
) -> Vec<ClaimEntity> {
    let text = clause.text;
    let entity = |span: Span, name: &str, kind| ClaimEntity {
        name: name.to_string(),
        kind,
        span: Span::new(base + span.start, base + span.end),
    };
    // Gazetteer names (disjoint, in order) win over the runs that overlap
    // them: they are the first `gazetteer` entities of `out`.
    let mut out: Vec<ClaimEntity> = Vec::new();
    if tags.any(&[Tag::Group(""), Tag::Place("")]) {
        for h in clause.longest_iter(|g| matches!(g, Tag::Group(_) | Tag::Place(_))) {
            let (name, kind) = match h.tag {
                Tag::Group(name) => (name, EntityKind::Group),
                Tag::Place(name) => (name, EntityKind::Place),
                _ => continue,
            };
            out.push(entity(h.span, name, kind));
        }
    }
    let gazetteer = out.len();
    let org_words = tags.any(&[Tag::OrgWord]);
    let mut org = clause
        .hits()
        .take_while(|_| org_words)
        .filter(|h| matches!(h.tag, Tag::OrgWord))
        .map(|h| h.span)
        .peekable();
    let mut gaz = 0;
    for_each_run(
        text,
        |Run {
             start: s,
             end: e,
             last,
             words,
         }| {
            // A run of one word names a person of the registry only if a
            // key has its length, an organisation only with an
            // organisation word, and nothing else (most runs: `We`).
            if words == 1 && !org_words && people.lengths & length_bit(e - s) == 0 {
                return;
            }
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
            if let Some(full) = people.lookup(run, last - s) {
                out.push(entity(span, full, EntityKind::Person));
            } else if org.peek().is_some_and(|o| span.contains(*o)) {
                out.push(entity(span, run, EntityKind::Organisation));
            } else if s > 0 && (2..=3).contains(&words) {
                out.push(entity(span, run, EntityKind::Person));
            }
        },
    );
    out.sort_by_key(|e| e.span);
    out
}

/// Runs of capitalised words (joined by single spaces, `of` and `the`
/// allowed inside), as byte ranges.
#[cfg(test)]
fn capitalised_runs(text: &str) -> Vec<(usize, usize)> {
    runs(text, true)
        .into_iter()
        .map(|r| (r.start, r.end))
        .collect()
}

/// [`for_each_run`] collected, or [`for_each_run_by_word`] unless `jump`.
#[cfg(test)]
fn runs(text: &str, jump: bool) -> Vec<Run> {
    let mut runs = Vec::new();
    if jump {
        for_each_run(text, |r| runs.push(r));
    } else {
        for_each_run_by_word(text, |r| runs.push(r));
    }
    runs
}

/// A run of capitalised words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    /// Where the run starts in the text.
    start: usize,
    /// Where it ends.
    end: usize,
    /// Where its last word starts.
    last: usize,
    /// How many words it has (a joining `of` or `the` counted).
    words: usize,
}

impl Run {
    /// The run of the one word `start..end`.
    fn word(start: usize, end: usize) -> Run {
        Run {
            start,
            end,
            last: start,
            words: 1,
        }
    }
}

/// Whether the word starting at byte `s` of `text` is capitalised.
#[inline]
fn capitalised(text: &str, s: usize) -> bool {
    match text.as_bytes().get(s) {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        Some(_) => text[s..].chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

/// Call `f` with each run of capitalised words (joined by single spaces,
/// `of` and `the` allowed inside), jumping from one run to the next
/// capitalised word: a run is read word by word from its first word to
/// the word that ends it.
fn for_each_run(text: &str, mut f: impl FnMut(Run)) {
    let bytes = text.as_bytes();
    let mut words = scan::words(text);
    'runs: loop {
        // Between runs only a capitalised word matters: jump to the next.
        words.skip_to_capital();
        let Some((start, end)) = words.next() else {
            return;
        };
        // One word followed by a space and a lower-case ASCII word that
        // cannot link (most runs: `We are`) is a run of its own: the word
        // after it is passed over unread.
        if bytes.get(end) == Some(&b' ')
            && bytes
                .get(end + 1)
                .is_some_and(|&b| b.is_ascii_lowercase() && b != b'o' && b != b't')
        {
            f(Run::word(start, end));
            words.skip_to(end + 1);
            continue;
        }
        let mut r = Run::word(start, end);
        while let Some((s, e)) = words.next() {
            // Joined to the run by a single space.
            let joined = s - r.end <= 1 && bytes[r.end..s].iter().all(|&b| b == b' ');
            if capitalised(text, s) {
                if joined {
                    (r.end, r.last, r.words) = (e, s, r.words + 1);
                } else {
                    f(r);
                    r = Run::word(s, e);
                }
                continue;
            }
            if !(joined && matches!(&text[s..e], "of" | "the")) {
                f(r);
                continue 'runs;
            }
            // A link word: the run goes on through it to a capitalised
            // word after spaces (or letters), else ends before it.
            let Some((s, e)) = words.next() else { break };
            if !capitalised(text, s) {
                f(r);
                continue 'runs;
            }
            if text[r.end..s]
                .chars()
                .all(|c| c == ' ' || c.is_alphabetic())
            {
                (r.end, r.last, r.words) = (e, s, r.words + 2);
            } else {
                f(r);
                r = Run::word(s, e);
            }
        }
        f(r);
        return;
    }
}

/// [`for_each_run`] as it was first written, reading every word: one
/// state machine over the words (the same runs).
#[cfg(test)]
fn for_each_run_by_word(text: &str, mut f: impl FnMut(Run)) {
    let mut cur: Option<Run> = None;
    let mut pending_link = false;
    for (s, e) in scan::words(text) {
        let w = &text[s..e];
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        let joined =
            cur.is_some_and(|r| text[r.end..s].chars().all(|c| c == ' ') && s - r.end <= 1);
        if cap {
            match cur.as_mut() {
                Some(r)
                    if joined
                        || (pending_link
                            && text[r.end..s]
                                .chars()
                                .all(|c| c == ' ' || c.is_alphabetic())) =>
                {
                    // The link word, then this one.
                    r.words += 1 + usize::from(pending_link);
                    r.end = e;
                    r.last = s;
                }
                _ => {
                    if let Some(r) = cur.take() {
                        f(r);
                    }
                    cur = Some(Run::word(s, e));
                }
            }
            pending_link = false;
        } else if cur.is_some() && joined && matches!(w, "of" | "the") && !pending_link {
            pending_link = true;
        } else {
            if let Some(r) = cur.take() {
                f(r);
            }
            pending_link = false;
        }
    }
    if let Some(r) = cur {
        f(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn runs_agree_with_reading_every_word(s in "([A-Za-z]{1,4}|É|é|Ω|ß|[ '’\\-.,]|of|the|O'|al-|Ñ|ǅ|Ⅻ|x’A){0,30}") {
            let found = runs(&s, true);
            prop_assert_eq!(&found, &runs(&s, false));
            // A run's last word and word count are those of its text.
            for r in found {
                let run = &s[r.start..r.end];
                let words: Vec<(usize, usize)> = scan::words(run).collect();
                prop_assert_eq!(words.len(), r.words);
                prop_assert_eq!(words.last().map(|w| r.start + w.0), Some(r.last));
            }
        }
    }

    #[test]
    fn gazetteer_registry_and_runs() {
        let quotes = Quotes::default();
        let t = "the UN Security Council and Islamic State militants in Iraq, said Anna Berg";
        let t = Tagged::new(t);
        let found = find(&t, TagSet::of(&t), 10, &People::new(&quotes));
        let t = t.text;
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
    fn people_are_found_by_full_and_last_name_only() {
        let text = "T\n\nMOSCOW, March 3. /TASS/. \"We will stay,\" Anna Berg said.";
        let article = crate::parse(text).expect("parses");
        let quotes = crate::quotes(&article);
        let people = People::new(&quotes);
        assert_eq!(people.lookup("Anna Berg", 5), Some("Anna Berg"));
        assert_eq!(people.lookup("Berg", 0), Some("Anna Berg"));
        assert_eq!(people.lookup("Ms Berg", 3), Some("Anna Berg"));
        assert_eq!(people.lookup("Bergs", 0), None);
        assert_eq!(
            people.lookup("Gerb", 0),
            None,
            "a length of a name, not a name"
        );
        assert_ne!(people.lengths & length_bit(4), 0);
        assert_eq!(people.lengths & length_bit(5), 0);
    }

    #[test]
    fn a_listed_registry_answers_as_a_map() {
        // Two people share a last name: the first entry of a key wins.
        let entries = [
            ("Anna Berg", "Anna Berg"),
            ("Berg", "Anna Berg"),
            ("Ivan Berg", "Ivan Berg"),
            ("Berg", "Ivan Berg"),
        ];
        let lengths = entries.iter().fold(0, |m, (k, _)| m | length_bit(k.len()));
        let mut list = [("", ""); LISTED];
        list[..entries.len()].copy_from_slice(&entries);
        let mut map = FastMap::default();
        for (k, full) in entries {
            map.entry(k).or_insert(full);
        }
        let listed = People {
            names: Names::List(list, entries.len()),
            lengths,
        };
        let mapped = People {
            names: Names::Map(map),
            lengths,
        };
        for (run, last) in [
            ("Berg", 0),
            ("Ivan Berg", 5),
            ("Mr Berg", 3),
            ("Anna", 0),
            ("X", 0),
        ] {
            assert_eq!(listed.lookup(run, last), mapped.lookup(run, last), "{run}");
        }
        assert_eq!(listed.lookup("Ms Berg", 3), Some("Anna Berg"));
    }

    #[test]
    fn runs_take_of() {
        let t = "the Ministry of Defence said";
        assert_eq!(capitalised_runs(t), [(4, 23)]);
    }
}
