//! Speakers: the noun phrases that name them, a per-document registry of
//! people and organisations, and resolution of every mention to the fullest
//! name the document gives.
//!
//! The registry is built in one pass over the content tokens before any quote
//! is attributed: every run of two or more capitalised name words is a person
//! (`Deputy Prime Minister Dmitry Rogozin` gives the person `Dmitry Rogozin`
//! with the title `Deputy Prime Minister`), every capitalised run ending in an
//! organisation word is an organisation (`Russian Foreign Ministry`).
//! Appositives (`Putin's spokesman, Dmitry Peskov`) add titles.
//!
//! A speaker phrase is then resolved by its head: a pronoun (`he`) to the
//! last person who spoke; a name (`Rogozin`) to the fullest registered name
//! ending with it; a role (`the minister`, `the deputy premier`) to the
//! person with that title who spoke last or was mentioned last; an
//! organisation (`the Foreign Ministry`) to its fullest registered name; a
//! lone capitalised word (`Moscow`, `Russia`) to itself; an unnamed group
//! (`Russian officials`, `a senior official`) to nobody.

use super::token::{Kind, Tok};
use super::{Doc, Entity, Quote, Speaker, SpeakerKind};
use crate::lexicon::quote::class::*;
use crate::lexicon::quote::{self as lex, Pronoun};
use crate::Span;
use std::cell::RefCell;
use std::collections::HashMap;

use lex::FxBuild;

/// A speaker phrase: a token range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Np {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
}

#[inline]
fn word<'t>(text: &'t str, t: &Tok) -> &'t str {
    t.span().of(text)
}

/// The bytes of token `t` (empty for a span off the text): for the tests
/// of a word against ASCII, with no char-boundary checks (a token's span
/// always lies on them).
#[inline]
fn bytes<'t>(text: &'t str, t: &Tok) -> &'t [u8] {
    let s = t.span();
    text.as_bytes().get(s.start..s.end).unwrap_or_default()
}

/// Whether the token `t` is exactly `w`: the lengths compared first, the
/// bytes without slicing the text as a `str`.
#[inline]
fn is_text(text: &str, t: &Tok, w: &str) -> bool {
    let s = t.span();
    s.len() == w.len() && text.as_bytes().get(s.start..s.end) == Some(w.as_bytes())
}

impl Speaker {
    /// This speaker, as named by `mention`.
    fn at(&self, mention: Span) -> Speaker {
        Speaker {
            name: self.name.clone(),
            mention,
            kind: self.kind,
            entity: self.entity,
        }
    }
}

fn is_det(w: &[u8]) -> bool {
    matches!(w, b"the" | b"The" | b"a" | b"A" | b"an" | b"An")
}

/// Whether a word can stand in a name: capitalised, or a hyphenated word whose
/// last part is (`al-Nusra`), and not a stop word, title or organisation word.
/// (The token says it all.)
#[inline]
pub(crate) fn is_name_word(t: &Tok) -> bool {
    // The token's bits, tested together (no branch on each: on real text
    // each of them goes either way), then the rare capitalised verb.
    let plain =
        t.is_word() & !t.is(STOP | TITLE | ORG | PRONOUN | FUNCTION) & (t.cap() | t.hyphen_cap());
    plain & !(t.is(VERB) && inflected_verb(t))
}

/// Whether the word `t` of the class `VERB` is an inflected form: `Says`,
/// `Warns`, `Following` in a title-case heading or opening a sentence are
/// not names. (A word of a lexicon class has its entry in the token.)
#[inline(never)]
fn inflected_verb(t: &Tok) -> bool {
    lex::entry(t.entry)
        .info
        .verb
        .is_some_and(|v| v.form != lex::VerbForm::Base)
}

#[inline]
fn is_np_word(t: &Tok) -> bool {
    t.is_word() && ((t.cap() && !t.is(STOP)) || t.is(TITLE | GROUP | ORG))
}

/// The speaker phrase ending right before token `at` (auxiliaries such as
/// `has` or `also` skipped), not reaching before `lo`.
pub(crate) fn np_before(text: &str, toks: &[Tok], lo: usize, at: usize) -> Option<Np> {
    let mut j = at;
    while j > lo && toks[j - 1].is_word() && (toks[j - 1].is(AUX) || is_adverb(text, &toks[j - 1]))
    {
        j -= 1;
    }
    // `Trump, whose views …, last year proposed`: a time between subject
    // and verb.
    if j > lo + 2
        && toks[j - 1].is_word()
        && toks[j - 2].is_word()
        && matches!(
            bytes(text, &toks[j - 2]),
            b"last" | b"this" | b"earlier" | b"later"
        )
        && matches!(
            bytes(text, &toks[j - 1]),
            b"year"
                | b"month"
                | b"week"
                | b"night"
                | b"weekend"
                | b"spring"
                | b"summer"
                | b"fall"
                | b"winter"
        )
    {
        j -= 2;
        while j > lo && toks[j - 1].is_word() && toks[j - 1].is(AUX) {
            j -= 1;
        }
    }
    // A time between subject and verb: `McAuliffe on Friday announced`.
    let mut t = j;
    while t > lo && toks[t - 1].is_word() && toks[t - 1].cap() && toks[t - 1].is(STOP) && t + 3 > j
    {
        t -= 1;
    }
    if t < j
        && t > lo
        && toks[t - 1].is_word()
        && matches!(bytes(text, &toks[t - 1]), b"on" | b"last" | b"this")
    {
        j = t - 1;
        while j > lo && toks[j - 1].is_word() && (toks[j - 1]).is(AUX) {
            j -= 1;
        }
    }
    // A relative clause: `Trump, who said …`.
    if j > lo + 2
        && toks[j - 1].is_word()
        && bytes(text, &toks[j - 1]) == b"who"
        && toks[j - 2].is_punct(',')
    {
        return np_before_plain(text, toks, lo, j - 2);
    }
    let sep = |t: &Tok| t.is_punct(',') || t.is_dash() || t.is_punct(')');
    if j > lo + 1 && sep(&toks[j - 1]) {
        if toks[j - 1].is_punct(',') {
            // An appositive: `the mayor, Jonas Berg, said` / `Jonas Berg, the mayor, said`.
            if let Some(inner) = np_before_plain(text, toks, lo, j - 1) {
                if inner.first > lo + 1 && toks[inner.first - 1].is_punct(',') {
                    // The outer phrase opens the clause; not the tail of
                    // `the editor of the Vatican's newspaper, L'Osservatore`.
                    let outer = np_before_plain(text, toks, lo, inner.first - 1)
                        .filter(|o| o.first == lo || toks[o.first - 1].is_punct(','));
                    if let Some(outer) = outer {
                        return Some(Np {
                            first: outer.first,
                            end: j - 1,
                        });
                    }
                }
            }
        }
        // A parenthesis, appositive or relative clause between subject and
        // verb: `Dunwoody, who worked for Obama, said`, `Kall -- co-editor
        // of a book -- said`. The subject opening the sentence wins.
        let stop = j.saturating_sub(50).max(lo);
        let mut best: Option<Np> = None;
        let mut p = j - 1;
        while p > stop {
            p -= 1;
            let t = &toks[p];
            // A full stop ends a sentence; not the one of `(I-Vt.)`,
            // `R-Fla.,` or `Mr.`.
            if t.is_terminal()
                && !matches!(toks[p + 1].punct(), Some(')' | ','))
                && !(t.is_punct('.') && super::sentence::abbreviation_before(text, toks, p, lo))
            {
                break;
            }
            if t.is_punct(',') || t.is_dash() || t.is_punct('(') {
                if let Some(np) = np_before_plain(text, toks, lo, p) {
                    // It opens the sentence, perhaps after `And` or `But`.
                    if np.first == lo || (np.first == lo + 1 && toks[lo].cap() && toks[lo].is(STOP))
                    {
                        return Some(np);
                    }
                    if best.is_none() && toks[np.first - 1].is_punct(',') {
                        best = Some(np);
                    }
                }
            }
        }
        return best;
    }
    np_before_plain(text, toks, lo, j)
}

fn np_before_plain(text: &str, toks: &[Tok], lo: usize, j: usize) -> Option<Np> {
    let end = j;
    if j > lo && toks[j - 1].is_word() && (toks[j - 1]).is(PRONOUN) {
        return Some(Np { first: j - 1, end });
    }
    let mut k = j;
    let mut head = false;
    let mut adjectives = 0;
    // A common noun as head: `strategists say`, `the agency said`.
    let noun_after_det = k > lo + 1
        && toks[k - 1].is(VERB)
        && !toks[k - 1].cap()
        && toks[k - 2].is_word()
        && is_det(bytes(text, &toks[k - 2]));
    if k > lo
        && toks[k - 1].is_word()
        && !toks[k - 1].cap()
        && (is_common_noun(text, &toks[k - 1]) || noun_after_det)
    {
        head = true;
        k -= 1;
    }
    // The token's tag is tested (a word, nearly always), not matched on
    // its `Kind` (which decodes a punctuation's character first).
    while k > lo {
        let t = &toks[k - 1];
        if t.is_word() {
            let w = bytes(text, t);
            if is_np_word(t) {
                head = true;
                k -= 1;
            } else if is_det(w) {
                if head {
                    k -= 1;
                }
                break;
            } else if head
                && (w == b"of" || t.is(CONNECTOR))
                && k - 1 > lo
                && is_np_word(&toks[k - 2])
            {
                k -= 1;
            } else if head
                && adjectives < 3
                && !t.cap()
                && !t.is(VERB | AUX | STOP | FUNCTION | PRONOUN)
                && letters(w, false)
                && k < end
                && toks[k].is_word()
                && (toks[k].is(TITLE | GROUP | ORG)
                    || toks[k].cap()
                    || (k + 1 == end && is_common_noun(text, &toks[k])))
                && preceded_by_det_or_np(text, toks, lo, k - 1)
            {
                adjectives += 1;
                k -= 1;
            } else {
                break;
            }
        } else if head
            && (t.is_kind(Kind::Poss)
                // The full stop of an abbreviation: `Gov. Ed Rendell`.
                || (t.is_punct('.')
                    && k - 1 > lo
                    && toks[k - 2].is_word()
                    && (toks[k - 2].is(ABBR) || bytes(text, &toks[k - 2]).contains(&b'.'))))
        {
            k -= 1;
        } else if !head && t.is_punct(')') {
            // A parenthesis after a name: `Lindsey Graham (R-SC)`.
            let mut m = k - 1;
            let stop = m.saturating_sub(8).max(lo);
            while m > stop && !toks[m].is_punct('(') {
                m -= 1;
            }
            if toks[m].is_punct('(') && m > lo && is_np_word(&toks[m - 1]) {
                k = m;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    head.then_some(Np { first: k, end })
}

/// Whether the name in tokens `i..end` opens its sentence or clause (after
/// at most a title, a determiner or an introductory phrase ending in a
/// comma), or is the subject of a postposed attribution (`"We stay," Holm
/// said`, not `"We stay," Holm's office said`).
fn is_subject(doc: &Doc<'_>, i: usize, end: usize) -> bool {
    if doc
        .q
        .get(i)
        .is_some_and(|q| *q != super::sentence::InQuote::Out)
    {
        return false;
    }
    let Some(&s) = doc.sents.of.get(i) else {
        return false;
    };
    let Some(&(a, _)) = doc.sents.ranges.get(s as usize) else {
        return false;
    };
    // An abbreviated title before the name: `Gov. Ed Rendell`.
    let mut i = i;
    if i >= a + 2
        && doc.toks[i - 1].is_punct('.')
        && doc.toks[i - 2].is_word()
        && doc.toks[i - 2].is(TITLE | ABBR)
    {
        i -= 2;
    }
    if i == a || doc.toks[i - 1].is_punct(',') || doc.toks[i - 1].is_punct(';') {
        return true;
    }
    // The subject of a clause opened by `while`, `when`, `although`:
    // `While Comey said …, he said …` (`but` only opening the sentence, not
    // in `for Obama in 2008 but Romney in 2012`).
    let w = &doc.toks[i - 1];
    if w.is_word()
        && !w.is(FUNCTION)
        && w.info(word(doc.text, w)).is_clause_word()
        && (i - 1 == a || !word(doc.text, w).eq_ignore_ascii_case("but"))
    {
        return true;
    }
    let np = np_before_plain(doc.text, &doc.toks, a, i);
    if np.is_some_and(|np| np.first == a) {
        return true;
    }
    // The phrase the name ends, if it is all titles and names: `Trump
    // attorney Alan Garten`.
    let f = np
        .filter(|np| (np.first..i).all(|k| doc.toks[k].cap() || doc.toks[k].is(TITLE)))
        .map_or(i, |np| np.first);
    // After an opening phrase, as a bare name is: `In Washington, President
    // Barack Obama released …`.
    if f < i
        && f > a + 1
        && doc.toks[f - 1].is_punct(',')
        && doc.toks[a].is(STOP)
        && !(a..f - 1).any(|k| doc.toks[k].is_punct(','))
        && !doc.toks.get(end).is_some_and(|t| t.kind() == Kind::Poss)
    {
        return true;
    }
    f >= a + 2
        && matches!(doc.toks[f - 1].kind(), Kind::Mark(_))
        && doc.toks[f - 2].is_punct(',')
        && !doc.toks.get(end).is_some_and(|t| t.kind() == Kind::Poss)
}

/// Where the name in `run[from..]` starts: a first word that is an adverb
/// (`Interestingly Blocher`), an auxiliary (`Had Sanders`), shouted
/// (`EXPECTED TURNOUT`), or a
/// capitalised word before a known first name (`State Hillary Clinton`,
/// `Elections Susan Bucher`) is not part of it.
fn trim_name_start(text: &str, run: &[Tok], from: usize) -> usize {
    let mut r = from;
    while r + 1 < run.len() {
        let w = bytes(text, &run[r]);
        let adverb = w.len() > 6 && w.ends_with(b"ly") && !run[r].is(MALE | FEMALE);
        // `Following`, `Chasing`: a participle opening the sentence.
        let participle = w.len() > 5 && w.ends_with(b"ing") && !run[r].is(MALE | FEMALE);
        let shouted = w.len() > 3 && w.iter().all(|b| b.is_ascii_uppercase());
        let before_first_name =
            run[r + 1].is(MALE | FEMALE) && !run[r].is(MALE | FEMALE) && r + 2 < run.len();
        // `Had Sanders won`: an auxiliary opening the sentence.
        let auxiliary = matches!(
            w,
            b"Had"
                | b"Has"
                | b"Have"
                | b"Did"
                | b"Does"
                | b"Is"
                | b"Was"
                | b"Were"
                | b"Would"
                | b"Could"
        );
        if adverb || participle || shouted || before_first_name || auxiliary {
            r += 1;
        } else {
            break;
        }
    }
    r
}

/// Whether the clause ends right after the verb at or after token `at`
/// (auxiliaries and adverbs skipped): `he said.`, `he added,`.
fn clause_ends_after_verb(text: &str, toks: &[Tok], at: usize) -> bool {
    let mut k = at;
    while k < toks.len()
        && k < at + 3
        && toks[k].is_word()
        && (toks[k].is(AUX) || is_adverb(text, &toks[k]))
    {
        k += 1;
    }
    match toks.get(k + 1) {
        None => true,
        Some(t) => matches!(
            t.kind(),
            Kind::Punct('.' | ',' | ';' | '!' | '?' | ':') | Kind::Mark(_)
        ),
    }
}

/// Whether `t` is a lowercase adverb in `-ly` (`pointedly`, `generously`).
fn is_adverb(text: &str, t: &Tok) -> bool {
    let w = bytes(text, t);
    !t.cap() && w.len() > 4 && w.ends_with(b"ly")
}

/// Whether a lowercase `w` may head a speaker phrase (`strategists`,
/// `insiders`): a content word, not a function word, verb or adverb.
fn is_common_noun(text: &str, t: &Tok) -> bool {
    let w = bytes(text, t);
    w.len() >= 3
        && !t.is(STOP | AUX | VERB | PRONOUN | FUNCTION)
        && !w.ends_with(b"ly")
        && letters(w, true)
}

/// Whether every character of the word `w` (the UTF-8 bytes of a token)
/// is alphabetic (or, if `hyphen`, a hyphen): the bytes of an ASCII word,
/// without decoding.
#[inline]
fn letters(w: &[u8], hyphen: bool) -> bool {
    // One pass over the bytes; the characters are decoded only from a
    // byte that is not ASCII on (the ASCII bytes before it passed, so it
    // starts a character).
    for (i, &b) in w.iter().enumerate() {
        if !(b.is_ascii_alphabetic() || (hyphen && b == b'-')) {
            return !b.is_ascii()
                && std::str::from_utf8(&w[i..]).is_ok_and(|rest| {
                    rest.chars()
                        .all(|c| c.is_alphabetic() || (hyphen && c == '-'))
                });
        }
    }
    true
}

/// Whether the lowercase word at `i` is an adjective inside a noun phrase:
/// preceded by a determiner, a possessive or another NP word.
fn preceded_by_det_or_np(text: &str, toks: &[Tok], lo: usize, i: usize) -> bool {
    i == lo || toks[i - 1].is_punct(',') || {
        let p = &toks[i - 1];
        p.is_kind(Kind::Poss)
            || (p.is_word() && {
                let w = bytes(text, p);
                is_det(w) || is_np_word(p) || (!p.cap() && !p.is(VERB) && letters(w, false))
            })
    }
}

/// The speaker phrase starting at token `at` and ending before `hi`
/// (`said [Putin's spokesman, Dmitry Peskov].`, `according to [Sergey Lavrov],`).
pub(crate) fn np_after(text: &str, toks: &[Tok], at: usize, hi: usize) -> Option<Np> {
    let mut k = at;
    if k < hi && toks[k].is_word() {
        let w = bytes(text, &toks[k]);
        if toks[k].is(PRONOUN)
            || matches!(w, b"him" | b"her" | b"them" | b"his" | b"their" | b"its")
        {
            return Some(Np {
                first: k,
                end: k + 1,
            });
        }
        if is_det(w) {
            k += 1;
        }
    }
    let mut head = false;
    let mut last = k;
    while k < hi {
        let t = &toks[k];
        match t.kind() {
            Kind::Word => {
                let w = bytes(text, t);
                if is_np_word(t) {
                    head = true;
                } else if t.is(CONNECTOR) || (w == b"of" && head) {
                    // keep going; only counts if a NP word follows
                } else if !t.cap() && k + 1 < hi && toks[k + 1].is(TITLE | GROUP | ORG) {
                    // an adjective before a role noun: `senior official`
                } else {
                    break;
                }
            }
            Kind::Poss => {}
            Kind::Punct('.') if k > at && toks[k - 1].is_word() && (toks[k - 1]).is(ABBR) => {}
            _ => break,
        }
        k += 1;
        if head && toks[k - 1].is_word() && is_np_word(&toks[k - 1]) {
            last = k;
        }
    }
    if !head {
        return None;
    }
    let mut end = last;
    // An appositive name: `Putin's spokesman, Dmitry Peskov.`
    if end + 1 < hi && toks[end].is_punct(',') && is_name_word(&toks[end + 1]) {
        let mut m = end + 1;
        while m < hi && (is_name_word(&toks[m]) || toks[m].is_word() && (toks[m]).is(CONNECTOR)) {
            m += 1;
        }
        let closes = m >= hi
            || matches!(
                toks[m].kind(),
                Kind::Punct('.' | ',' | ';' | '!' | '?') | Kind::Mark(_)
            );
        if closes {
            end = m;
        }
    }
    Some(Np { first: at, end })
}

/// Everything the document says of a person or body while the registry is
/// being built.
#[derive(Default)]
pub(crate) struct Registry {
    /// The entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// The newest entity by lowercase last word of its name; the older
    /// ones with the same word are chained through `prev_same`.
    by_last: HashMap<LastKey, u32, FxBuild>,
    /// For each entity, the entity registered before it with the same
    /// lowercase last word ([`NONE`] for none).
    prev_same: Vec<u32>,
    /// A filter on the keys of `by_last`: the bit [`key_bit`] of every key
    /// is set, so that a word whose bit is clear is known to end no name
    /// without lowercasing and hashing it.
    last_bits: u64,
    /// Every mention of a person found while building, in text order.
    mentions: Vec<Mention>,
    /// Grammatical gender of each entity, where the document tells.
    genders: Vec<Option<Gender>>,
    /// Capitalised names ending in an organisation word (`Russian Foreign
    /// Ministry`), at most [`MAX_ORGS`] of them, for fullest-name lookups:
    /// their spans in the text, distinct as strings.
    orgs: Vec<Span>,
    /// Every mention of an entity for its [`Entity::mentions`], in the
    /// order noted: gathered here and handed out, each entity's in one
    /// array of the right size, by [`Registry::finish`].
    said: Vec<(u32, Span)>,
    /// How many mentions of each entity `said` holds.
    n_said: Vec<u32>,
    /// Scratch arrays of [`Registry::build`], kept for the next document.
    honorifics: Vec<Option<Gender>>,
    extra: Vec<Mention>,
    starts: Vec<u32>,
    /// Whether the document shows the entity is a person (a title, a known
    /// first name, or speech), not just a capitalised phrase.
    confirmed: Vec<bool>,
    /// The last lookup in `by_last`, for the next one (a speaker is
    /// often named again and again).
    lookup: RefCell<Lookup>,
    /// The last fresh resolution, for the same phrase asked for again before
    /// anything changed (`"…," X said` is resolved as reported speech and
    /// as the quote's attribution). Every fresh resolution (the only thing
    /// that changes the registry after it is built, but for the mentions
    /// the memo notes again) replaces it.
    memo: Option<Memo>,
    /// What the resolution under way found, for the memo: `None` for a
    /// speaker that is no registered entity's (not kept).
    outcome: Option<Outcome>,
}

impl Outcome {
    /// Whether a resolution with this outcome, made in the context of
    /// stamp `then`, holds in `ctx`: a name (an entity recorded in text
    /// order) is resolved without the context.
    fn agrees(self, then: u64, ctx: &Context) -> bool {
        matches!(self, Outcome::Entity(_, true)) || then == ctx.stamp
    }
}

/// What a resolution found, for [`Memo`].
#[derive(Clone, Copy)]
enum Outcome {
    /// Nobody.
    Nobody,
    /// The entity `e` (the speaker is [`Registry::speaker_of`] it), noted
    /// and, if `true`, recorded among the mentions in text order.
    Entity(usize, bool),
    /// The entity `e`, not noted (a pronoun's referent).
    Referent(usize),
}

/// A resolution of [`Registry::resolve`]: the phrase, the context's stamp
/// after it, and what it found.
///
/// Resolving the phrase again with no fresh resolution in between (the
/// memo is the last one) and the context's stamp unchanged gives the same
/// speaker: the resolution only adds a mention of the speaker's (which
/// the lookups by name, role and pronoun do not read before the phrase),
/// a gender the pronoun agrees with, or a person a second lookup finds.
/// So it is answered from the memo, noting the mention again as the
/// resolution would have.
struct Memo {
    np: Np,
    ctx: u64,
    outcome: Outcome,
}

/// A lookup in [`Registry`]'s `by_last`: the last word as written, the
/// number of entities at the time (the map only changes when an entity is
/// added), and the newest [`LOOKBACK`] ids found, in order of registration
/// (none for a word that ends no name). The default, no word at no
/// entities, is a true lookup too: the map is empty then.
#[derive(Default)]
struct Lookup {
    word: String,
    entities: usize,
    ids: Vec<usize>,
}

/// No entity, in [`Registry::prev_same`].
const NONE: u32 = u32::MAX;

/// The lowercase last word of a name, as a key of [`Registry::by_last`]:
/// a short one held in place (no allocation), a longer one boxed.
#[derive(Clone, PartialEq, Eq, Hash)]
enum LastKey {
    /// A key of at most [`SHORT_KEY`] bytes: its length and bytes (zeros
    /// after them).
    Short(u8, [u8; SHORT_KEY]),
    /// A longer key.
    Long(Box<[u8]>),
}

/// The longest key [`LastKey::Short`] holds.
const SHORT_KEY: usize = 22;

impl LastKey {
    /// The key of the lowercase word `l`. The form depends on the length
    /// alone, so that equal words give equal keys.
    fn of(l: &[u8]) -> LastKey {
        match u8::try_from(l.len()) {
            Ok(n) if l.len() <= SHORT_KEY => {
                let mut b = [0u8; SHORT_KEY];
                b[..l.len()].copy_from_slice(l);
                LastKey::Short(n, b)
            }
            _ => LastKey::Long(l.into()),
        }
    }
}

thread_local! {
    /// This thread's registry arrays, emptied, between two documents.
    static POOL: std::cell::Cell<Registry> = std::cell::Cell::new(Registry::default());
}

/// How many candidates a lookup considers at most (keeps every lookup
/// bounded on adversarial input).
const LOOKBACK: usize = 256;
/// How many organisation names the registry keeps.
const MAX_ORGS: usize = 256;

/// A mention of a registered person.
#[derive(Clone, Copy, Debug)]
struct Mention {
    /// Byte position.
    pos: usize,
    /// The entity.
    e: usize,
    /// Whether the mention opens its sentence (its likely subject).
    subject: bool,
}

/// Grammatical gender, for `he` and `she`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

fn gender_of_name(name: &str) -> Option<Gender> {
    let first = name.split_whitespace().next()?;
    let last = name.split_whitespace().last()?;
    let (female, male) = lex::first_name_genders(first);
    if female {
        Some(Gender::Female)
    } else if male {
        Some(Gender::Male)
    } else if ["ova", "eva", "ina", "aya"]
        .iter()
        .any(|s| last.ends_with(s))
        && name.contains(' ')
    {
        Some(Gender::Female)
    } else {
        None
    }
}

fn gender_of_title(title: &str) -> Option<Gender> {
    if title.is_ascii() {
        // An ASCII title splits the same at its ASCII bytes (split here
        // by hand: one test a byte).
        let b = title.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // `i` starts a word (empty between two separators).
            let rest = &b[i..];
            let len = rest
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            if let Some(g) = gender_of_title_word(&rest[..len]) {
                return Some(g);
            }
            i += len + 1;
        }
        return None;
    }
    title
        .split(|c: char| !c.is_alphanumeric())
        .find_map(|w| gender_of_title_word(w.as_bytes()))
}

fn gender_of_title_word(w: &[u8]) -> Option<Gender> {
    // Every word matched is ASCII and of 2 to 13 bytes: another word
    // matches none, and ASCII lowercasing leaves other bytes as they are.
    if !(2..=13).contains(&w.len())
        || !matches!(
            w[0].to_ascii_lowercase(),
            b'b' | b'c' | b'k' | b'm' | b'p' | b'q' | b's'
        )
    {
        return None;
    }
    let mut buf = [0u8; 13];
    let lw = &mut buf[..w.len()];
    lw.copy_from_slice(w);
    lw.make_ascii_lowercase();
    match &*lw {
        b"mr" | b"spokesman" | b"congressman" | b"chairman" | b"businessman" | b"king"
        | b"prince" => Some(Gender::Male),
        b"mrs" | b"ms" | b"miss" | b"spokeswoman" | b"congresswoman" | b"chairwoman"
        | b"businesswoman" | b"queen" | b"princess" => Some(Gender::Female),
        _ => None,
    }
}

/// The state of attribution while walking the document in order.
///
/// Each speaker is kept once: the last person is the last speaker when that
/// is a person, and the last quote's speaker, if it had one, is the last
/// speaker (both were remembered with it).
#[derive(Default, Clone)]
pub(crate) struct Context {
    /// The last person who spoke before `last`, kept for when `last` is
    /// not a person (see [`Context::last_person`]).
    earlier_person: Option<Speaker>,
    /// The last speaker of any kind.
    pub last: Option<Speaker>,
    /// The last quote, without its speaker (see
    /// [`Context::last_quote_speaker`]), and the paragraph it ended in.
    pub last_quote: Option<(Quote, usize)>,
    /// Whether the last quote had a speaker.
    last_quote_spoken: bool,
    /// Where the last person's quote ended (byte offset).
    pub last_person_at: usize,
    /// How many quotes were remembered: the context is unchanged while it
    /// is (see [`Registry::resolve`]).
    stamp: u64,
}

impl Context {
    /// The last speaker who is a person.
    pub(crate) fn last_person(&self) -> Option<&Speaker> {
        match &self.last {
            Some(s) if s.kind == SpeakerKind::Person => Some(s),
            _ => self.earlier_person.as_ref(),
        }
    }

    /// The speaker of the last quote, if it had one.
    pub(crate) fn last_quote_speaker(&self) -> Option<&Speaker> {
        self.last.as_ref().filter(|_| self.last_quote_spoken)
    }

    /// Remember `q`, which ends in paragraph `para`, as the latest quote.
    pub(crate) fn remember(&mut self, q: &Quote, para: usize) {
        self.stamp += 1;
        if let Some(s) = &q.speaker {
            if s.kind != SpeakerKind::Person
                && self
                    .last
                    .as_ref()
                    .is_some_and(|l| l.kind == SpeakerKind::Person)
            {
                // The person steps back behind a body; its buffer is reused
                // for the body's name.
                std::mem::swap(&mut self.last, &mut self.earlier_person);
            }
            assign(&mut self.last, s);
            if s.kind == SpeakerKind::Person {
                self.last_person_at = q.span.end;
            }
        }
        self.last_quote_spoken = q.speaker.is_some();
        match &mut self.last_quote {
            Some((last, p)) => {
                let Quote {
                    span,
                    kind,
                    cue,
                    speaker: _,
                    section,
                } = q;
                last.span = *span;
                last.kind = *kind;
                last.cue.clone_from(cue);
                last.section = *section;
                *p = para;
            }
            None => {
                let last = Quote {
                    span: q.span,
                    kind: q.kind,
                    cue: q.cue.clone(),
                    speaker: None,
                    section: q.section,
                };
                self.last_quote = Some((last, para));
            }
        }
    }
}

/// `*dst = Some(src.clone())`, reusing the name's buffer.
fn assign(dst: &mut Option<Speaker>, src: &Speaker) {
    let Speaker {
        name,
        mention,
        kind,
        entity,
    } = src;
    match dst {
        Some(d) => {
            d.name.clone_from(name);
            d.mention = *mention;
            d.kind = *kind;
            d.entity = *entity;
        }
        None => *dst = Some(src.clone()),
    }
}

impl Registry {
    /// Build the registry from the content tokens.
    pub(crate) fn build(doc: &Doc<'_>) -> Registry {
        let (text, toks) = (doc.text, &doc.toks[..]);
        // The arrays of the thread's last document, empty.
        let mut reg = POOL.with(std::cell::Cell::take);
        // Every pass below starts only at a capitalised word (a name word, an
        // organisation word, a surname): the tokeniser lists those.
        let caps = &doc.caps;
        // The words each pass starts at, sorted out of `caps` in one loop
        // that does not branch on what a word is (on real text each test
        // goes either way): every word is written to all three lists, and
        // each list's end moves past it if it belongs there.
        let mut starts = std::mem::take(&mut reg.starts);
        let n = caps.len();
        starts.clear();
        starts.resize(3 * n, 0);
        let (mut names, mut orgs, mut lone) = (0, n, 2 * n);
        for &c in caps {
            let t = &toks[c as usize];
            starts[names] = c;
            starts[orgs] = c;
            names += usize::from(is_name_word(t));
            orgs += usize::from(t.cap() & t.is(ORG));
        }
        // A surname alone (`Berg said`): no name word next to it. A name
        // word is capitalised, so its neighbours that are name words are
        // its neighbours in the list.
        for k in 0..names {
            let c = starts[k];
            let t = &toks[c as usize];
            let prev = k > 0 && starts[k - 1] + 1 == c;
            let next = starts.get(k + 1).is_some_and(|&x| x == c + 1) & (k + 1 < names);
            starts[lone] = c;
            lone += usize::from(t.cap() & !next & !(prev & t.space_before()));
        }
        // People: runs of name words.
        // The first token no pass has consumed yet.
        let mut next = 0;
        for i in starts[..names].iter().map(|&i| i as usize) {
            if i < next {
                continue;
            }
            // A run of name words (with connectors inside).
            let start = i;
            let mut j = i + 1;
            while j < toks.len() {
                let t = &toks[j];
                if doc.para_of[j] != doc.para_of[start] {
                    break;
                }
                // A wide gap (`Dmitry Rogozin  Ivan Petrov/TASS`) runs a
                // caption into its credit; a `Name/AGENCY` word is a credit.
                // (Looked at only for a name word after a blank.)
                let wide = || {
                    let gap = &text[toks[j - 1].span().end..t.span().start];
                    gap.len() > 1 && gap.chars().nth(1).is_some()
                };
                let credit = || t.span().of(text).bytes().any(|b| b == b'/');
                let name = is_name_word(t) && t.space_before() && !wide() && !credit();
                let connector =
                    t.is_word() && (t).is(CONNECTOR) && toks.get(j + 1).is_some_and(is_name_word);
                if name || connector {
                    j += 1;
                } else {
                    break;
                }
            }
            let next_is_org = toks.get(j).is_some_and(|t| t.is_word() && (t).is(ORG));
            let start = start + trim_name_start(text, &toks[start..j], 0);
            // `of New York`, `in San Jose`: places, not people (but `of
            // State John Kerry` is a person).
            let after_preposition = start > 0
                && toks[start - 1].is_word()
                && matches!(
                    bytes(text, &toks[start - 1]),
                    b"of"
                        | b"in"
                        | b"from"
                        | b"at"
                        | b"to"
                        | b"near"
                        | b"across"
                        | b"outside"
                        | b"inside"
                        | b"into"
                );
            let place = toks[j - 1].is(PLACE);
            if j - start >= 2 && !next_is_org && !after_preposition && !place {
                let span = Span::new(toks[start].span().start, toks[j - 1].span().end);
                let e = reg.add_name(span.of(text), span.start);
                if let Some(m) = reg.mentions.last_mut() {
                    m.subject = is_subject(doc, start, j);
                }
                if (reg.n_said[e] as usize) < LOOKBACK {
                    reg.said_at(e, span);
                }
                // Titles: the speaker phrase before the name, or an
                // appositive (`Putin's spokesman, Dmitry Peskov`).
                // Never across a line: the title ends its own paragraph's words.
                let para_first = doc.paras[doc.para_of[start] as usize].first;
                let lo = start.saturating_sub(8).max(para_first);
                let title = match np_before(text, toks, lo, start) {
                    Some(np) if np.end > np.first => Some(np),
                    Some(_) => None,
                    None if start >= lo + 2 && toks[start - 1].is_punct(',') => {
                        np_before(text, toks, lo, start - 1)
                            .filter(|np| toks[np.first..np.end].iter().any(|t| t.is(TITLE)))
                    }
                    None => None,
                };
                if let Some(np) = title {
                    let t = Span::new(toks[np.first].span().start, toks[np.end - 1].span().end)
                        .of(text);
                    let ent = &mut reg.entities[e];
                    push_unique(
                        &mut ent.titles,
                        t.trim_start_matches(|c: char| !c.is_alphanumeric()),
                    );
                    // The bodies named in the title: `Russian Foreign Ministry spokeswoman`.
                    let mut k = np.first;
                    while k < np.end {
                        if toks[k].cap() && !toks[k].is(STOP) {
                            let s0 = k;
                            while k < np.end
                                && toks[k].cap()
                                && !toks[k].is(STOP)
                                && toks[k].is_word()
                            {
                                k += 1;
                            }
                            if let Some(last) = (s0..k).rev().find(|&x| toks[x].is(ORG | PLACE)) {
                                let org = Span::new(toks[s0].span().start, toks[last].span().end)
                                    .of(text);
                                push_unique(&mut ent.organisations, org);
                            }
                        }
                        k += 1;
                    }
                }
            }
            next = j;
        }
        // Organisation names: capitalised runs ending in an organisation word.
        let mut next = 0;
        for i in starts[n..orgs].iter().map(|&i| i as usize) {
            if reg.orgs.len() >= MAX_ORGS {
                break;
            }
            if i < next {
                continue;
            }
            let mut s = i;
            while s > 0
                && doc.para_of[s - 1] == doc.para_of[i]
                && toks[s - 1].cap()
                && !toks[s - 1].is(STOP | FUNCTION)
                && toks[s - 1].is_word()
                && i - s < 6
            {
                s -= 1;
            }
            let mut e = i + 1;
            while e < toks.len()
                && doc.para_of[e] == doc.para_of[i]
                && toks[e].cap()
                && toks[e].is(ORG)
                && e - i < 3
            {
                e += 1;
            }
            if s < i || e > i + 1 {
                let span = Span::new(toks[s].span().start, toks[e - 1].span().end);
                let name = span.of(text);
                if !reg.orgs.iter().any(|o| o.of(text) == name) {
                    reg.orgs.push(span);
                }
            }
            next = e;
        }
        // Surname-only mentions of registered people.
        let mut extra = std::mem::take(&mut reg.extra);
        let mut honorifics = std::mem::take(&mut reg.honorifics);
        honorifics.resize(reg.entities.len(), None);
        for i in starts[2 * n..lone].iter().map(|&i| i as usize) {
            let t = &toks[i];
            let w = word(text, t);
            if !reg.may_end_a_name(w) {
                continue;
            }
            if let Some(e) = reg.person_ending_with(w, t.span().start) {
                extra.push(Mention {
                    pos: t.span().start,
                    e,
                    subject: is_subject(doc, i, i + 1),
                });
                // `Ms. Malik`, `Mr. Hannity`: the honorific tells the gender.
                let honorific = if i >= 2 && toks[i - 1].is_punct('.') {
                    Some(i - 2)
                } else {
                    i.checked_sub(1)
                };
                if let Some(h) = honorific {
                    if let (Some(g), Some(slot)) =
                        (gender_of_title(word(text, &toks[h])), honorifics.get_mut(e))
                    {
                        slot.get_or_insert(g);
                    }
                }
            }
        }
        if !extra.is_empty() {
            reg.mentions.append(&mut extra);
            reg.mentions.sort_by_key(|m| m.pos);
        }
        for e in 0..reg.entities.len() {
            let ent = &reg.entities[e];
            let g = gender_of_name(&ent.name)
                .or_else(|| ent.titles.iter().find_map(|t| gender_of_title(t)));
            let g = g.or_else(|| honorifics.get(e).copied().flatten());
            reg.genders[e] = g;
            reg.confirmed[e] = g.is_some() || !ent.titles.is_empty();
        }
        (reg.honorifics, reg.extra, reg.starts) = (honorifics, extra, starts);
        reg
    }

    /// The entities, each with its mentions, for [`super::Quotes::people`];
    /// the registry's arrays, emptied, are kept for the thread's next
    /// document (the small ones: see [`super::KEEP`]).
    pub(crate) fn finish(mut self) -> Vec<Entity> {
        let mut entities = std::mem::take(&mut self.entities);
        for (ent, &n) in entities.iter_mut().zip(&self.n_said) {
            ent.mentions = Vec::with_capacity(n as usize);
        }
        for &(e, span) in &self.said {
            if let Some(ent) = entities.get_mut(e as usize) {
                ent.mentions.push(span);
            }
        }
        use super::kept;
        self.said = kept(std::mem::take(&mut self.said));
        self.n_said = kept(std::mem::take(&mut self.n_said));
        self.prev_same = kept(std::mem::take(&mut self.prev_same));
        self.genders = kept(std::mem::take(&mut self.genders));
        self.confirmed = kept(std::mem::take(&mut self.confirmed));
        self.orgs = kept(std::mem::take(&mut self.orgs));
        self.mentions = kept(std::mem::take(&mut self.mentions));
        self.honorifics = kept(std::mem::take(&mut self.honorifics));
        self.extra = kept(std::mem::take(&mut self.extra));
        self.starts = kept(std::mem::take(&mut self.starts));
        if self.by_last.capacity() > super::KEEP {
            self.by_last = HashMap::default();
        }
        self.by_last.clear();
        self.last_bits = 0;
        let lookup = self.lookup.get_mut();
        lookup.word.clear();
        lookup.entities = 0;
        lookup.ids.clear();
        self.memo = None;
        self.outcome = None;
        POOL.with(|p| p.set(self));
        entities
    }

    /// Note a mention of entity `e` at `span` for its [`Entity::mentions`].
    #[inline]
    fn said_at(&mut self, e: usize, span: Span) {
        if let Some(n) = self.n_said.get_mut(e) {
            *n += 1;
            self.said.push((e as u32, span));
        }
    }

    /// Add a mention of the person `name` at byte `pos`, a new entity (with
    /// the gender of its first name) if no known person's name ends with
    /// `name` or is ended by it.
    fn add_person(&mut self, name: &str, pos: usize) -> usize {
        let known = self.entities.len();
        let e = self.add_name(name, pos);
        if self.entities.len() > known {
            if let Some(g) = self.genders.get_mut(e) {
                *g = gender_of_name(name);
            }
        }
        e
    }

    /// [`Registry::add_person`] leaving a new entity's gender unknown (for
    /// [`Registry::build`], which settles every gender at its end).
    fn add_name(&mut self, name: &str, pos: usize) -> usize {
        let last = last_word(name);
        let found = self.ids_ending(last).take(LOOKBACK).find(|&e| {
            let n = &self.entities[e].name;
            ends_with_words(n, name) || ends_with_words(name, n)
        });
        let e = match found {
            Some(e) => {
                if name.len() > self.entities[e].name.len() {
                    self.entities[e].name = name.to_string();
                }
                e
            }
            None => {
                self.entities.push(Entity {
                    name: name.to_string(),
                    kind: Some(SpeakerKind::Person),
                    ..Entity::default()
                });
                self.genders.push(None);
                self.confirmed.push(false);
                self.n_said.push(0);
                let e = self.entities.len() - 1;
                let key = lex::with_lower_bytes(last, |l| {
                    self.last_bits |= key_bit(l);
                    LastKey::of(l)
                });
                let prev = self.by_last.insert(key, e as u32);
                self.prev_same.push(prev.unwrap_or(NONE));
                e
            }
        };
        self.mentions.push(Mention {
            pos,
            e,
            subject: false,
        });
        e
    }

    /// How many of the mentions (in text order) stand before byte `pos`:
    /// all of them, most often, once the attribution walks past the last
    /// one the building found, which is told without a binary search.
    #[inline]
    fn mentions_before(&self, pos: usize) -> usize {
        match self.mentions.last() {
            Some(m) if m.pos < pos => self.mentions.len(),
            _ => self.mentions.partition_point(|m| m.pos < pos),
        }
    }

    /// Record a mention of `e` at byte `pos`, found while attributing, in
    /// text order among the mentions (not if one is there already, nor
    /// further back than [`LOOKBACK`] mentions: a bounded move), as a
    /// subject if `subject()` says so (asked only for a mention recorded:
    /// a name is mostly mentioned where the building found it already).
    fn record(&mut self, e: usize, pos: usize, subject: impl FnOnce() -> bool) {
        let at = self.mentions_before(pos);
        if self.mentions.get(at).is_some_and(|m| m.pos == pos)
            || self.mentions.len() - at > LOOKBACK
        {
            return;
        }
        let subject = subject();
        self.mentions.insert(at, Mention { pos, e, subject });
    }

    /// Move the mention [`Registry::add_person`] just pushed to its place in
    /// text order (see [`Registry::record`]).
    fn reorder_last(&mut self, subject: impl FnOnce() -> bool) {
        if let Some(m) = self.mentions.pop() {
            self.record(m.e, m.pos, subject);
        }
    }

    /// The person whose name ends with `name` (by whole words), preferring the
    /// one mentioned last before `pos`.
    fn person_ending_with(&self, name: &str, pos: usize) -> Option<usize> {
        self.with_last(last_word(name), |ids| {
            let mut fits = ids
                .iter()
                .rev()
                .copied()
                .filter(|&e| ends_with_words(&self.entities[e].name, name));
            let first = fits.next()?;
            let Some(second) = fits.next() else {
                return Some(first);
            };
            // The people `fits` yields, tested without collecting them.
            let fits = |e: usize| ids.contains(&e) && ends_with_words(&self.entities[e].name, name);
            debug_assert!(fits(first) && fits(second));
            self.last_mention_where(pos, fits).or(Some(first))
        })
        .flatten()
    }

    /// `f` of the newest [`LOOKBACK`] entities whose name ends with the word
    /// `last` (in any case), `None` if there are none. A word found is kept
    /// for the next call that asks for it: a surname comes back again and
    /// again.
    fn with_last<R>(&self, last: &str, f: impl FnOnce(&[usize]) -> R) -> Option<R> {
        {
            let c = self.lookup.borrow();
            if c.entities == self.entities.len() && c.word == last {
                return (!c.ids.is_empty()).then(|| f(&c.ids));
            }
        }
        let mut c = self.lookup.borrow_mut();
        c.entities = self.entities.len();
        c.word.clear();
        c.word.push_str(last);
        c.ids.clear();
        c.ids.extend(self.ids_ending(last).take(LOOKBACK));
        c.ids.reverse();
        drop(c);
        let c = self.lookup.borrow();
        (!c.ids.is_empty()).then(|| f(&c.ids))
    }

    /// The entities whose name ends with the word `last` (in any case),
    /// newest first.
    fn ids_ending(&self, last: &str) -> impl Iterator<Item = usize> + '_ {
        let newest = if self.may_end_a_name(last) {
            lex::with_lower_bytes(last, |l| self.by_last.get(&LastKey::of(l)).copied())
        } else {
            None
        };
        std::iter::successors(newest, |&e| {
            Some(self.prev_same[e as usize]).filter(|&p| p != NONE)
        })
        .map(|e| e as usize)
    }

    /// Whether the word `last` may end a registered name: not if it is
    /// ASCII and its key's bit is clear (an ASCII word lowercases to as
    /// many bytes, so its bit is known before it is lowercased).
    #[inline]
    fn may_end_a_name(&self, last: &str) -> bool {
        !(last.is_ascii() && self.last_bits & key_bit(last.as_bytes()) == 0)
    }

    /// [`Registry::person_ending_with`], among the people not known to be
    /// of another gender than `want` if there are any.
    fn person_ending_with_gender(
        &self,
        name: &str,
        pos: usize,
        want: Option<Gender>,
    ) -> Option<usize> {
        let any = self.person_ending_with(name, pos)?;
        if self.gender_agrees(any, want) {
            return Some(any);
        }
        let fits: Vec<usize> = self.with_last(last_word(name), |ids| {
            ids.iter()
                .rev()
                .copied()
                .filter(|&e| {
                    ends_with_words(&self.entities[e].name, name) && self.gender_agrees(e, want)
                })
                .collect()
        })?;
        self.last_mention_among(&fits, pos)
            .or(fits.first().copied())
            .or(Some(any))
    }

    fn last_mention_among(&self, ids: &[usize], pos: usize) -> Option<usize> {
        self.last_mention_where(pos, |e| ids.contains(&e))
    }

    /// The entity of the last of the [`LOOKBACK`] mentions before `pos`
    /// whose entity passes `fits`.
    fn last_mention_where(&self, pos: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
        let upto = self.mentions_before(pos);
        self.mentions[..upto]
            .iter()
            .rev()
            .take(LOOKBACK)
            .find(|m| fits(m.e))
            .map(|m| m.e)
    }

    /// The person mentioned last before `pos`.
    /// The speaker of a quote with no attribution of its own, starting at
    /// `pos`: a person who opened a sentence since the last quote.
    pub(crate) fn implicit_speaker(&self, pos: usize, ctx: &Context) -> Option<Speaker> {
        let upto = self.mentions_before(pos);
        let since = ctx.last_quote.as_ref().map_or(0, |(q, _)| q.span.end);
        let m = self.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| m.pos >= since)
            .find(|m| m.subject && self.confirmed.get(m.e).copied().unwrap_or(false))?;
        Some(self.speaker_of(m.e, Span::new(m.pos, m.pos)))
    }

    /// The person whose name opens the clause between byte offsets `from`
    /// and `to` (a sentence's subject, for a participle such as `saying`
    /// that names none: `Mr. Trump, in an interview, dwelled on it, saying`).
    pub(crate) fn subject_between(&self, from: usize, to: usize) -> Option<Speaker> {
        let at = self.mentions_before(from);
        let m = self.mentions[at..]
            .iter()
            .take(LOOKBACK)
            .take_while(|m| m.pos < to)
            .find(|m| m.subject)?;
        Some(self.speaker_of(m.e, Span::new(m.pos, m.pos)))
    }

    /// Whether entity `e` is not known to be of another gender than `want`.
    fn gender_agrees(&self, e: usize, want: Option<Gender>) -> bool {
        match (want, self.genders.get(e).copied().flatten()) {
            (Some(w), Some(g)) => w == g,
            _ => true,
        }
    }

    fn fits_gender(&self, e: usize, want: Option<Gender>) -> bool {
        if !self.confirmed.get(e).copied().unwrap_or(false) && want.is_some() {
            return false;
        }
        self.gender_agrees(e, want)
    }

    /// The person `he` or `she` at `pos` stands for: the person who opened a
    /// sentence since the last speaker's quote, else the last speaker, else
    /// the last person mentioned, each of the pronoun's gender where known.
    fn pronoun_referent(
        &self,
        want: Option<Gender>,
        pos: usize,
        at: usize,
        ctx: &Context,
    ) -> Option<usize> {
        let upto = self.mentions_before(pos);
        // The subject of the pronoun's own sentence, before it: `Trump
        // blasted the system, which he said was rigged`.
        let own = self.mentions[upto..]
            .iter()
            .take(LOOKBACK)
            .take_while(|m| m.pos < at)
            .find(|m| m.subject && self.gender_agrees(m.e, want));
        if let Some(m) = own {
            return Some(m.e);
        }
        let since = ctx.last_person_at;
        let recent = self.mentions[..upto]
            .iter()
            .rev()
            .take_while(|m| m.pos >= since)
            .find(|m| m.subject && self.gender_agrees(m.e, want))
            .map(|m| m.e);
        if recent.is_some() {
            return recent;
        }
        if let Some(e) = ctx.last_person().and_then(|s| s.entity) {
            if self.fits_gender(e, want) {
                return Some(e);
            }
        }
        self.mentions[..upto]
            .iter()
            .rev()
            .take(400)
            .find(|m| self.fits_gender(m.e, want))
            .map(|m| m.e)
    }

    /// The person with a title containing `role`, preferring the last speaker,
    /// then the last mention before `pos`, then the first mention after it.
    fn person_with_role(&self, role: &str, pos: usize, ctx: &Context) -> Option<usize> {
        if let Some(e) = ctx.last_person().and_then(|s| s.entity) {
            if self.entities.get(e).is_some_and(|ent| has_role(ent, role)) {
                return Some(e);
            }
        }
        // The nearest mention before, then after, within a bounded window.
        let upto = self.mentions_before(pos);
        let fits = |m: &&Mention| has_role(&self.entities[m.e], role);
        self.mentions[..upto]
            .iter()
            .rev()
            .take(LOOKBACK)
            .find(fits)
            .or_else(|| self.mentions[upto..].iter().take(LOOKBACK).find(fits))
            .map(|m| m.e)
    }

    /// Record a mention of entity `e` at `mention`.
    fn note(&mut self, e: usize, mention: Span) {
        if let Some(c) = self.confirmed.get_mut(e) {
            *c = true;
        }
        self.said_at(e, mention);
    }

    /// Resolve the speaker phrase `np` at its place in the text.
    pub(crate) fn resolve(&mut self, doc: &Doc<'_>, np: Np, ctx: &Context) -> Option<Speaker> {
        self.resolve_reusing(doc, np, ctx, None)
    }

    /// [`Registry::resolve`], answering with `spare` (a speaker resolved
    /// earlier that its holder gives up) where it is the very speaker the
    /// memo answers, instead of a copy of the entity's name.
    pub(crate) fn resolve_reusing(
        &mut self,
        doc: &Doc<'_>,
        np: Np,
        ctx: &Context,
        spare: Option<Speaker>,
    ) -> Option<Speaker> {
        if let Some(m) = self
            .memo
            .as_ref()
            .filter(|m| m.np == np && m.outcome.agrees(m.ctx, ctx))
        {
            let mention = doc.span(np.first, np.end);
            return match m.outcome {
                Outcome::Nobody => None,
                Outcome::Referent(e) => Some(self.speaker_reusing(e, mention, spare)),
                Outcome::Entity(e, recorded) => {
                    self.note(e, mention);
                    if recorded {
                        self.record(e, mention.start, || is_subject(doc, np.first, np.end));
                    }
                    Some(self.speaker_reusing(e, mention, spare))
                }
            };
        }
        self.outcome = None;
        let speaker = self.resolve_fresh(doc, np, ctx);
        let outcome = match speaker {
            None => Some(Outcome::Nobody),
            Some(_) => self.outcome,
        };
        self.memo = outcome.map(|outcome| Memo {
            np,
            ctx: ctx.stamp,
            outcome,
        });
        speaker
    }

    /// [`Registry::resolve`] without the memo.
    fn resolve_fresh(&mut self, doc: &Doc<'_>, np: Np, ctx: &Context) -> Option<Speaker> {
        let (text, toks) = (doc.text, &doc.toks[..]);
        if np.first >= np.end || np.end > toks.len() {
            return None;
        }
        // Pronouns look for their referent before the sentence they stand in.
        let sentence_start = doc
            .sents
            .of
            .get(np.first)
            .and_then(|&s| doc.sents.ranges.get(s as usize))
            .map_or(0, |&(a, _)| toks[a].span().start);
        let mention = Span::new(toks[np.first].span().start, toks[np.end - 1].span().end);
        let pos = mention.start;
        // A closing parenthesis after a name is dropped: `Sen. Rob Portman
        // (R-Ohio), another …`.
        fn unparen(p: &[Tok]) -> &[Tok] {
            match p.iter().position(|t| t.is_punct('(')) {
                Some(k) if k > 0 && p.last().is_some_and(|t| t.is_punct(')')) => &p[..k],
                _ => p,
            }
        }
        let mut words: &[Tok] = unparen(&toks[np.first..np.end]);
        if let Some(c) = words.iter().position(|t| t.is_punct(',')) {
            // An appositive: keep the part that ends in a name.
            let (a, b) = (unparen(&words[..c]), unparen(&words[c + 1..]));
            let named = |p: &[Tok]| p.last().is_some_and(is_name_word);
            // `Steve Cohen, Democrat of Tennessee`: the first name wins.
            words = if named(a) || !named(b) { a } else { b };
            if words.is_empty() {
                return None;
            }
        }
        // `Lee Zeldin of New York`: the person, not the place.
        if let Some(c) = words
            .iter()
            .position(|t| t.is_word() && is_text(text, t, "of"))
        {
            if c > 0 && is_name_word(&words[c - 1]) {
                words = &words[..c];
            }
        }
        // `Mr. Peck and Mr. Mahaney`: the first of several speakers.
        if let Some(c) = words
            .iter()
            .position(|t| t.is_word() && is_text(text, t, "and"))
        {
            if c > 0 && words[..c].last().is_some_and(is_name_word) {
                words = &words[..c];
            }
        }
        // A pronoun. (A one-word phrase is also its own head: its word's
        // facts are looked up once.)
        let mut one_info = None;
        if words.len() == 1 {
            let w = word(text, &words[0]);
            let info = words[0].info(w);
            one_info = Some(info);
            // The object and possessive forms are of three to five
            // letters: a longer ASCII word is none of them.
            let p = info.pronoun.or_else(|| {
                if w.len() > 5 && w.is_ascii() {
                    return None;
                }
                lex::with_lower_bytes(w, |l| match l {
                    b"him" | b"his" | b"her" => Some(Pronoun::Person),
                    b"them" | b"their" => Some(Pronoun::Plural),
                    b"its" => Some(Pronoun::Organisation),
                    _ => None,
                })
            });
            if let Some(p) = p {
                return match p {
                    Pronoun::Person => {
                        let is = |p: &str| w.eq_ignore_ascii_case(p);
                        let want = if is("she") || is("her") {
                            Some(Gender::Female)
                        } else if is("he") || is("him") || is("his") {
                            Some(Gender::Male)
                        } else {
                            None
                        };
                        // `…, he said.` or `… — he said.` after the words it
                        // attributes: their subject is what was said about,
                        // not the speaker (but `While Comey said so, he said
                        // that …`, `Carson looks tired — he told the AP that …`).
                        let postposed = np.first > 0 && {
                            let b = &toks[np.first - 1];
                            matches!(b.kind(), Kind::Mark(_))
                                || ((b.is_punct(',') || b.is_dash())
                                    && clause_ends_after_verb(text, toks, np.end))
                        };
                        let at = if postposed { sentence_start } else { pos };
                        match self.pronoun_referent(want, sentence_start, at, ctx) {
                            Some(e) => {
                                // `she said` tells the referent's gender from now on.
                                if let Some(g) = self.genders.get_mut(e) {
                                    if g.is_none() {
                                        *g = want;
                                    }
                                }
                                self.outcome = Some(Outcome::Referent(e));
                                Some(self.speaker_of(e, mention))
                            }
                            None => ctx
                                .last_person()
                                .filter(|s| s.entity.is_none())
                                .map(|s| s.at(mention)),
                        }
                    }
                    Pronoun::Organisation | Pronoun::Plural => ctx
                        .last
                        .as_ref()
                        .filter(|s| s.kind == SpeakerKind::Organisation)
                        .map(|s| s.at(mention)),
                    Pronoun::Writer => None,
                };
            }
        }
        // The head part: after the last possessive.
        let head_from = words
            .iter()
            .rposition(|t| t.is_kind(Kind::Poss))
            .map_or(0, |i| i + 1);
        let head = &words[head_from..];
        if head.is_empty() {
            return None;
        }
        let last = &head[head.len() - 1];
        let last_w = word(text, last);
        let first_w = word(text, &head[0]);
        // The name run at the end of the head.
        let mut r = head.len();
        while r > 0
            && (is_name_word(&head[r - 1]) || (r < head.len() && (head[r - 1]).is(CONNECTOR)))
        {
            r -= 1;
        }
        r = trim_name_start(text, head, r);
        let last_info = match one_info {
            Some(info) if head.len() == words.len() => info,
            _ => last.info(last_w),
        };
        if last_info.flags & ORG != 0 {
            // An organisation: the capitalised run ending with the org word.
            let mut s = head.len();
            while s > 0 && head[s - 1].cap() && !(head[s - 1]).is(STOP) {
                s -= 1;
            }
            if s == head.len() && !last.cap() {
                // `the Sanders campaign`, `Powell's office`: the body of
                // the person or group named just before it.
                let mut o = head.len() - 1;
                while o > 0 && head[o - 1].cap() && !head[o - 1].is(STOP | TITLE) {
                    o -= 1;
                }
                let owner = if o + 1 < head.len() {
                    Some(Span::new(
                        head[o].span().start,
                        head[head.len() - 2].span().end,
                    ))
                } else if head_from >= 2 && words[head_from - 1].is_kind(Kind::Poss) {
                    let end = head_from - 1;
                    let mut b = end;
                    while b > 0 && words[b - 1].cap() && !words[b - 1].is(STOP | TITLE) {
                        b -= 1;
                    }
                    (b < end).then(|| Span::new(words[b].span().start, words[end - 1].span().end))
                } else {
                    None
                };
                if let Some(owner) = owner {
                    return Some(Speaker {
                        name: format!("{} {last_w}", owner.of(text)),
                        mention,
                        kind: SpeakerKind::Organisation,
                        entity: None,
                    });
                }
            }
            if s == head.len() {
                // `the ministry`: the last organisation spoken of.
                return ctx
                    .last
                    .as_ref()
                    .filter(|sp| sp.kind == SpeakerKind::Organisation)
                    .map(|sp| sp.at(mention));
            }
            let name = Span::new(head[s].span().start, last.span().end).of(text);
            let name = self.fullest_org(text, name);
            return Some(Speaker {
                name,
                mention,
                kind: SpeakerKind::Organisation,
                entity: None,
            });
        }
        if r < head.len() {
            let name = Span::new(head[r].span().start, last.span().end).of(text);
            let subject = || is_subject(doc, np.first, np.end);
            // `Mr. Clinton` is not `Hillary Clinton`.
            let want = head[..r]
                .iter()
                .find_map(|t| gender_of_title(word(text, t)));
            let found = match want {
                Some(_) => self.person_ending_with_gender(name, pos, want),
                None => self.person_ending_with(name, pos),
            };
            if let Some(e) = found {
                self.note(e, mention);
                self.record(e, pos, subject);
                self.outcome = Some(Outcome::Entity(e, true));
                return Some(self.speaker_of(e, mention));
            }
            let titled = r > 0 && (head[r - 1]).is(TITLE);
            if (head.len() - r >= 2 || titled) && !last.is(PLACE) {
                let e = self.add_person(name, pos);
                self.reorder_last(subject);
                self.note(e, mention);
                self.outcome = Some(Outcome::Entity(e, true));
                return Some(self.speaker_of(e, mention));
            }
            // A lone capitalised word: a country, city or body (`Moscow`,
            // `NATO`), or else a person known by surname (`Comey`).
            if name.len() > 6 && name.ends_with("ly") && !last.is(MALE | FEMALE) {
                // `Hastily, …`: an adverb, not a name.
                return None;
            }
            let body =
                last.is(PLACE) || name.len() <= 4 && name.bytes().all(|b| b.is_ascii_uppercase());
            if body || head.len() - r != 1 {
                return Some(Speaker {
                    name: name.to_string(),
                    mention,
                    kind: SpeakerKind::Organisation,
                    entity: None,
                });
            }
            let e = self.add_person(name, pos);
            self.reorder_last(subject);
            self.note(e, mention);
            self.outcome = Some(Outcome::Entity(e, true));
            return Some(self.speaker_of(e, mention));
        }
        // A role without a name.
        if matches!(first_w, "a" | "A" | "an" | "An")
            || last_info.flags & GROUP != 0 && last_info.flags & TITLE == 0
        {
            return None;
        }
        if last_info.flags & GROUP != 0 && last_w.ends_with('s') {
            return None;
        }
        // An ASCII word's classes are in its token: looked up again only
        // for another word.
        let role = head
            .iter()
            .rev()
            .map(|t| (t, word(text, t)))
            .find(|&(t, w)| {
                if t.is_word() && w.is_ascii() {
                    t.is(TITLE)
                } else {
                    lex::is_title(w)
                }
            })?
            .1;
        let e = self
            .person_with_role(role, pos, ctx)
            .or_else(|| ctx.last_person().and_then(|s| s.entity));
        match e {
            Some(e) => {
                self.note(e, mention);
                self.outcome = Some(Outcome::Entity(e, false));
                Some(self.speaker_of(e, mention))
            }
            None => ctx.last_person().map(|s| s.at(mention)),
        }
    }

    /// [`Registry::speaker_of`], which `spare` is if it is equal to it
    /// (then returned as it is, no name copied).
    fn speaker_reusing(&self, e: usize, mention: Span, spare: Option<Speaker>) -> Speaker {
        let ent = &self.entities[e];
        // Every field compared (a pattern that names them all), so that
        // the spare answers only for the speaker `speaker_of` would build.
        let fits = spare.as_ref().is_some_and(|s| {
            let Speaker {
                name,
                mention: m,
                kind,
                entity,
            } = s;
            *entity == Some(e)
                && *m == mention
                && *kind == ent.kind.unwrap_or(SpeakerKind::Person)
                && *name == ent.name
        });
        match spare {
            Some(s) if fits => s,
            _ => self.speaker_of(e, mention),
        }
    }

    fn speaker_of(&self, e: usize, mention: Span) -> Speaker {
        let ent = &self.entities[e];
        Speaker {
            name: ent.name.clone(),
            mention,
            kind: ent.kind.unwrap_or(SpeakerKind::Person),
            entity: Some(e),
        }
    }

    /// The fullest organisation name in the document ending with `name`.
    fn fullest_org(&self, text: &str, name: &str) -> String {
        let bare = name.trim_start_matches("the ").trim_start_matches("The ");
        self.orgs
            .iter()
            .map(|o| o.of(text))
            .filter(|o| o.len() > bare.len() && ends_with_words(o, bare))
            .max_by_key(|o| o.len())
            .unwrap_or(bare)
            .to_string()
    }
}

fn has_role(e: &Entity, role: &str) -> bool {
    // ASCII-case-insensitive comparisons throughout: no lowercased copy.
    let role_is = |names: &[&str]| names.iter().any(|n| role.eq_ignore_ascii_case(n));
    let synonyms: &[&str] = if role_is(&["premier", "pm"]) {
        &["premier", "prime minister"]
    } else if role_is(&["spokeswoman", "spokesman", "spokesperson"]) {
        &[
            "spokeswoman",
            "spokesman",
            "spokesperson",
            "press secretary",
        ]
    } else {
        // An ASCII title splits the same at its ASCII bytes, without
        // decoding characters.
        return e.titles.iter().any(|t| {
            if t.is_ascii() {
                has_ascii_word(t.as_bytes(), role.as_bytes())
            } else {
                t.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case(role))
            }
        });
    };
    // ASCII-case-insensitive `contains`, without lowercasing each title.
    e.titles.iter().any(|t| {
        synonyms
            .iter()
            .any(|s| find_ignore_ascii_case(t.as_bytes(), s.as_bytes(), |_, _| true))
    })
}

/// Whether `w` is one of the words of the ASCII `title` split at bytes that
/// are not letters or digits (ASCII case ignored): only the places where
/// `w`'s first letter stands (found with `memchr2`, in either case) are
/// compared, without splitting.
fn has_ascii_word(title: &[u8], w: &[u8]) -> bool {
    let word_byte = |b: &u8| b.is_ascii_alphanumeric();
    if w.is_empty() || !w.iter().all(word_byte) {
        // The empty word is only in a title with two separators in a row
        // (or at an end); a word with a separator is in none.
        return w.is_empty() && title.split(|b| !word_byte(b)).any(<[u8]>::is_empty);
    }
    find_ignore_ascii_case(title, w, |i, end| {
        (i == 0 || !word_byte(&title[i - 1])) && title.get(end).map_or(true, |b| !word_byte(b))
    })
}

/// Whether `needle` (not empty) occurs in `hay`, ASCII case ignored, at a
/// place `at(start, end)` accepts: only the places where its first byte
/// stands, in either case, are compared.
#[inline]
fn find_ignore_ascii_case(hay: &[u8], needle: &[u8], at: impl Fn(usize, usize) -> bool) -> bool {
    let Some(&first) = needle.first() else {
        return false;
    };
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), hay).any(|i| {
        let end = i + needle.len();
        hay.get(i..end)
            .is_some_and(|s| s.eq_ignore_ascii_case(needle))
            && at(i, end)
    })
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !s.is_empty() && !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// The bit of [`Registry::last_bits`] for the key `w`: of its length and its
/// first and last bytes, ASCII-lowercased (so that an ASCII word and its
/// lowercase key have the same bit).
#[inline]
fn key_bit(w: &[u8]) -> u64 {
    let (Some(&a), Some(&z)) = (w.first(), w.last()) else {
        return 1;
    };
    let h = usize::from(a.to_ascii_lowercase())
        ^ usize::from(z.to_ascii_lowercase()).wrapping_mul(5)
        ^ w.len().wrapping_mul(11);
    1 << (h & 63)
}

/// The last space-separated word of `name` (all of it if it has no space).
fn last_word(name: &str) -> &str {
    // A space is one byte, so the byte after it starts a character.
    match name.as_bytes().iter().rposition(|&b| b == b' ') {
        Some(i) => name.get(i + 1..).unwrap_or(name),
        None => name,
    }
}

/// Whether `long` ends with `short` by whole words.
pub(crate) fn ends_with_words(long: &str, short: &str) -> bool {
    long == short || (long.ends_with(short) && long[..long.len() - short.len()].ends_with(' '))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::has;
    use super::super::QuoteKind::{Direct, Indirect};

    #[test]
    fn last_word_is_what_follows_the_last_space() {
        assert_eq!(super::last_word("Sergei Lavrov"), "Lavrov");
        assert_eq!(super::last_word("Zoë Ólafsdóttir"), "Ólafsdóttir");
        assert_eq!(super::last_word("Lavrov"), "Lavrov");
        assert_eq!(super::last_word("Lavrov "), "");
    }

    #[test]
    fn a_spare_answers_only_when_it_is_the_memos_speaker() {
        use super::super::Doc;
        use super::{np_before, Context, Registry};
        use crate::{Element, Role};
        let text = "Talks\n\nThe mayor, Jonas Berg, met Anna Holm.\n\n\"We stay,\" Berg said.\n";
        let elements: Vec<Element> = crate::text::content_lines(text)
            .enumerate()
            .map(|(i, s)| Element::new(s, if i == 0 { Role::Title } else { Role::Body }))
            .collect();
        let doc = Doc::from_parts(text, &elements, None);
        let said = (0..doc.toks.len())
            .find(|&i| doc.word(i) == "said")
            .unwrap();
        let np = np_before(text, &doc.toks, 0, said).unwrap();
        let mut reg = Registry::build(&doc);
        let ctx = Context::default();
        let first = reg.resolve(&doc, np, &ctx).unwrap();
        assert_eq!(first.name, "Jonas Berg");
        // The very speaker: handed back as it is, its name not copied.
        let spare = first.clone();
        let at = spare.name.as_ptr();
        let again = reg.resolve_reusing(&doc, np, &ctx, Some(spare)).unwrap();
        assert_eq!(again, first);
        assert_eq!(again.name.as_ptr(), at);
        // Any other (here another name): the memo's own speaker.
        let mut other = first.clone();
        other.name = "Anna Holm".to_string();
        let third = reg.resolve_reusing(&doc, np, &ctx, Some(other)).unwrap();
        assert_eq!(third, first);
    }

    #[test]
    fn a_phrase_resolved_again_is_answered_as_afresh() {
        use super::super::Doc;
        use super::{np_before, Context, Registry};
        use crate::{Element, Role};
        let text = "Talks\n\nThe mayor, Jonas Berg, met Anna Holm on Monday.\n\n\
                    \"We stay,\" Berg said. \"We go,\" Holm said. The mayor said he stays. \
                    She said so.\n";
        let elements: Vec<Element> = crate::text::content_lines(text)
            .enumerate()
            .map(|(i, s)| Element::new(s, if i == 0 { Role::Title } else { Role::Body }))
            .collect();
        let doc = Doc::from_parts(text, &elements, None);
        // Every phrase before a verb, each asked for twice in a row.
        let nps: Vec<_> = (0..doc.toks.len())
            .filter(|&i| doc.word(i) == "said")
            .filter_map(|i| np_before(text, &doc.toks, 0, i))
            .collect();
        assert!(nps.len() >= 4);
        let (mut memo, mut fresh) = (Registry::build(&doc), Registry::build(&doc));
        let ctx = Context::default();
        for np in nps {
            for _ in 0..2 {
                fresh.memo = None;
                assert_eq!(memo.resolve(&doc, np, &ctx), fresh.resolve(&doc, np, &ctx));
            }
        }
        assert_eq!(memo.said, fresh.said);
        let pos = |r: &Registry| {
            r.mentions
                .iter()
                .map(|m| (m.pos, m.e, m.subject))
                .collect::<Vec<_>>()
        };
        assert_eq!(pos(&memo), pos(&fresh));
        assert_eq!(memo.finish(), fresh.finish());
    }

    #[test]
    fn ascii_title_words_are_found_where_they_start() {
        use super::has_ascii_word;
        for (title, w) in [
            ("Energy Minister", "minister"),
            ("Energy Minister", "Energy"),
            ("Energy Minister", "ministers"),
            ("Energy Minister", "inister"),
            ("Norland's Energy-Minister", "s"),
            ("Norland's Energy-Minister", "minister"),
            ("a  b", ""),
            ("ab", ""),
            ("x-y", "x-y"),
            ("", "x"),
        ] {
            let split = title
                .as_bytes()
                .split(|b| !b.is_ascii_alphanumeric())
                .any(|p| p.eq_ignore_ascii_case(w.as_bytes()));
            assert_eq!(
                has_ascii_word(title.as_bytes(), w.as_bytes()),
                split,
                "{title} {w}"
            );
        }
    }

    #[test]
    fn letters_decode_only_from_the_first_byte_not_ascii() {
        use super::letters;
        for (w, hyphen) in [
            ("Berg", false),
            ("al-Nusra", false),
            ("al-Nusra", true),
            ("Zoë", false),
            ("Zoë-Ann", true),
            ("Zoë-Ann", false),
            ("x1", false),
            ("", false),
            ("Ólafs–dóttir", true),
            ("naïve2", false),
        ] {
            let chars = w.chars().all(|c| c.is_alphabetic() || (hyphen && c == '-'));
            assert_eq!(letters(w.as_bytes(), hyphen), chars, "{w} {hyphen}");
        }
    }

    #[test]
    fn role_synonyms_are_found_in_any_case_at_any_place() {
        use super::find_ignore_ascii_case;
        let any = |_: usize, _: usize| true;
        assert!(find_ignore_ascii_case(
            b"Kremlin PRESS Secretary",
            b"press secretary",
            any
        ));
        assert!(!find_ignore_ascii_case(
            b"Kremlin spokes",
            b"spokesman",
            any
        ));
        assert!(find_ignore_ascii_case(b"PM", b"pm", any));
        assert!(!find_ignore_ascii_case(b"p", b"pm", any));
        // Every place of the first letter is tried, not only the first.
        assert!(find_ignore_ascii_case(
            b"spokes Spokesman",
            b"spokesman",
            any
        ));
        // The place must be accepted too.
        assert!(!find_ignore_ascii_case(
            b"spokesman",
            b"spokesman",
            |i, _| i > 0
        ));
    }

    #[test]
    fn mentions_before_answers_as_a_binary_search() {
        let mut r = super::Registry::default();
        assert_eq!(r.mentions_before(5), 0);
        for pos in [3, 8, 8, 20] {
            r.mentions.push(super::Mention {
                pos,
                e: 0,
                subject: false,
            });
        }
        for pos in 0..25 {
            assert_eq!(
                r.mentions_before(pos),
                r.mentions.partition_point(|m| m.pos < pos),
                "{pos}"
            );
        }
    }

    #[test]
    fn surname_filter_bits_ignore_ascii_case() {
        use super::key_bit;
        for w in ["Lavrov", "LAVROV", "a", "", "Ólafsdóttir", "al-Nusra"] {
            let lower = w.to_lowercase();
            if w.is_ascii() {
                assert_eq!(key_bit(w.as_bytes()), key_bit(lower.as_bytes()), "{w}");
            }
        }
    }

    #[test]
    fn list_tests_skip_words_with_no_entry() {
        use crate::lexicon::quote as lex;
        let s = "Which which WHILE Berg Ünal when x";
        let mut toks = Vec::new();
        super::super::token::tokenize(s, crate::Span::new(0, s.len()), &mut toks);
        for t in &toks {
            let w = t.span().of(s);
            assert_eq!(
                t.info(w).is_clause_word(),
                lex::info_lower(w).is_clause_word(),
                "{w}"
            );
            assert_eq!(
                t.info(w).is_subordinator(),
                lex::info_lower(w).is_subordinator(),
                "{w}"
            );
        }
    }

    #[test]
    fn title_words_tell_gender_in_any_case() {
        use super::{gender_of_title, Gender};
        assert_eq!(
            gender_of_title("Foreign Ministry SPOKESWOMAN"),
            Some(Gender::Female)
        );
        assert_eq!(gender_of_title("Mr"), Some(Gender::Male));
        assert_eq!(gender_of_title("chairmanship adviser"), None);
        assert_eq!(gender_of_title("Mrś"), None);
        // Split at characters that are not ASCII too.
        assert_eq!(gender_of_title("Ünal–Mrs"), Some(Gender::Female));
        assert_eq!(gender_of_title("Congresswomanly"), None);
    }

    #[test]
    fn titles_roles_and_surnames() {
        let t = "Deputy PM: port will stay open\n\n\
                 Norway's Deputy Prime Minister Anna Lindqvist visited the port.\n\n\
                 \"We stay,\" Lindqvist said.\n\n\
                 The deputy premier added that fees would not rise.\n";
        has(t, Indirect, "port will stay open", Some("Anna Lindqvist"));
        has(t, Direct, "We stay,", Some("Anna Lindqvist"));
        has(t, Indirect, "fees would not rise", Some("Anna Lindqvist"));
    }

    #[test]
    fn appositives_pronouns_and_gender() {
        let t = "Talks resume\n\n\
                 Berg's spokeswoman, Maria Holm, spoke after the mayor, John Berg, left.\n\n\
                 \"We are patient,\" said Berg's spokeswoman, Maria Holm.\n\n\
                 \"Nobody is in a hurry,\" she said.\n\n\
                 John Berg said the talks went well. \"We will meet again,\" he said.\n";
        has(t, Direct, "We are patient,", Some("Maria Holm"));
        has(t, Direct, "Nobody is in a hurry,", Some("Maria Holm"));
        has(t, Direct, "We will meet again,", Some("John Berg"));
        let t = "Talks resume\n\n\
                 \"We wait,\" said Maria Holm.\n\n\
                 Sen. John Berg (R-Ore.), another port veteran, said the talks went well.\n";
        has(t, Indirect, "the talks went well", Some("John Berg"));
        // Words opening a sentence are no part of a name.
        let t = "Talks resume\n\n\
                 Had Berg won the vote, the port would be open. Against Berg stood the unions.\n\n\
                 \"We lost,\" Berg said.\n";
        has(t, Direct, "We lost,", Some("Berg"));
    }

    #[test]
    fn registry_keeps_titles_and_organisations() {
        let t = "Talks resume\n\n\
                 Norwegian Fisheries Ministry spokeswoman Kari Lunde met the press.\n";
        let elements: Vec<crate::Element> = crate::text::content_lines(t)
            .map(|s| crate::Element::new(s, crate::Role::Body))
            .collect();
        let doc = super::super::Doc::from_parts(t, &elements, None);
        let people = super::Registry::build(&doc).finish();
        let kari = people
            .iter()
            .find(|e| e.name == "Kari Lunde")
            .expect("registered");
        assert!(
            kari.titles.iter().any(|x| x.contains("spokeswoman")),
            "{kari:?}"
        );
        assert_eq!(kari.organisations, ["Norwegian Fisheries Ministry"]);
        assert_eq!(kari.mentions.len(), 1);
    }

    fn registry(t: &str) -> super::Registry {
        let elements: Vec<crate::Element> = crate::text::content_lines(t)
            .map(|s| crate::Element::new(s, crate::Role::Body))
            .collect();
        let doc = super::super::Doc::from_parts(t, &elements, None);
        super::Registry::build(&doc)
    }

    #[test]
    fn a_registry_starts_empty_after_another_document() {
        // The second registry reuses the first one's arrays: it keeps none
        // of its people, names or mentions.
        let long = "Abcdefghijklmnopqrstuvwxyzabc";
        let first = format!(
            "Talks\n\nAnna Lindqvist met Jonas {long} and the Norwegian Fisheries Ministry.\n"
        );
        let people = registry(&first).finish();
        assert_eq!(people.len(), 2, "{people:?}");
        assert!(people.iter().all(|p| p.mentions.len() == 1), "{people:?}");
        let second = format!(
            "Talks\n\nLindqvist said so. Nils Abcdefghijklmnopqrstuvwxyzabd and \
             Kari {long} met.\n\n{long} said the port stays open.\n"
        );
        let reg = registry(&second);
        assert!(reg.orgs.is_empty(), "{:?}", reg.orgs);
        // A long surname (a boxed key) finds its person, not the one whose
        // surname shares all but its last letter.
        let of: Vec<usize> = reg.mentions.iter().map(|m| m.e).collect();
        assert_eq!(of, [0, 1, 1]);
        let people = reg.finish();
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        let kari = format!("Kari {long}");
        assert_eq!(
            names,
            ["Nils Abcdefghijklmnopqrstuvwxyzabd", kari.as_str()],
            "{people:?}"
        );
        let t = format!("Talks\n\nKari {long} met the unions.\n\n\"We stay,\" {long} said.\n");
        has(&t, Direct, "We stay,", Some(&kari));
    }

    #[test]
    fn names_and_titles_stop_at_line_breaks() {
        let t = "Norway Says Port Stays Open, No New Fees\n\n\
                 Harbour spokeswoman Kari Lunde said so.\n\n\
                 Norway's Deputy Prime Minister Anna Lindqvist  Olav Dahl/NTB\n\n\
                 Lindqvist said the port stays open.\n";
        let reg = registry(t);
        for e in &reg.entities {
            assert!(!e.name.contains('\n') && !e.name.contains('/'), "{e:?}");
            for t in e.titles.iter().chain(&e.organisations) {
                assert!(!t.contains('\n') && !t.contains("Fees"), "{e:?}");
                assert!(!t.contains("Dahl") && !t.contains("NTB"), "{e:?}");
            }
        }
        let kari = reg.entities.iter().find(|e| e.name == "Kari Lunde");
        assert!(
            kari.is_some_and(|k| k.titles == ["Harbour spokeswoman"]),
            "{:?}",
            reg.entities
        );
        let anna = reg.entities.iter().find(|e| e.name == "Anna Lindqvist");
        assert!(anna.is_some_and(|a| a.titles.iter().any(|t| t.contains("Deputy Prime Minister"))));
        assert!(
            reg.orgs.iter().all(|o| !o.of(t).contains('\n')),
            "{:?}",
            reg.orgs
        );
    }

    #[test]
    fn places_are_not_people() {
        let t = "Talks resume\n\n\
                 Anna Holm visited New York on Monday to meet the unions.\n\n\
                 \"We stay,\" she said.\n";
        let reg = registry(t);
        assert!(
            reg.entities.iter().all(|e| e.name != "New York"),
            "{:?}",
            reg.entities
        );
        has(t, Direct, "We stay,", Some("Anna Holm"));
    }

    #[test]
    fn the_subject_opening_the_sentence_wins() {
        has(
            &super::super::testutil::doc(
                "Jonas Berg, the editor of the city's paper, Havnebladet, said every port was political.",
            ),
            Indirect,
            "every port was political",
            Some("Jonas Berg"),
        );
    }

    #[test]
    fn abbreviation_stops_inside_the_subject_are_no_sentence_ends() {
        for body in [
            "Nick Holm, a spokesman for Mrs. Lunde, said that the port stays open.",
            "Sen. Nick Holm, R-Fla., speaking on the radio, said the port stays open.",
        ] {
            has(
                &super::super::testutil::doc(body),
                Indirect,
                "the port stays open",
                Some("Nick Holm"),
            );
        }
    }

    #[test]
    fn a_pronoun_takes_the_subject_of_its_own_sentence_unless_postposed() {
        let t = super::super::testutil::doc(
            "Union leader Nils Holm spoke next. \"We stay,\" Berg said. \
             Holm left the hall, and he said the fees were unfair to the fleet. \
             \"We wait,\" Holm said. Berg is worried about the fleet, he said.",
        );
        has(&t, Indirect, "the fees were unfair", Some("Nils Holm"));
        has(&t, Indirect, "Berg is worried", Some("Nils Holm"));
        // A dash before the pronoun in the writer's own words; a subject
        // after an opening phrase.
        let t = super::super::testutil::doc(
            "\"We stay,\" Berg said. Nils Holm looked tired — he told reporters that \
             the fees were unfair. \"We wait,\" Berg said. In Oslo, Union leader Nils Holm \
             left the hall. He said the port was lost.",
        );
        has(&t, Indirect, "the fees were unfair", Some("Nils Holm"));
        has(&t, Indirect, "the port was lost", Some("Nils Holm"));
        // A time between the subject and the verb.
        let t = super::super::testutil::doc(
            "\"We stay,\" Berg said. Nils Holm, whose views upset the unions, \
             last week proposed a ban on night shifts.",
        );
        has(&t, Indirect, "a ban on night shifts", Some("Nils Holm"));
    }

    #[test]
    fn a_participle_takes_the_subject_its_sentence_opens_with() {
        let t = super::super::testutil::doc(
            "\"We stay,\" Berg said. Union leader Nils Holm, in a radio interview on Monday, \
             turned to the fleet, saying the fees were unfair.",
        );
        has(&t, Indirect, "the fees were unfair", Some("Nils Holm"));
    }

    #[test]
    fn first_names_tell_the_gender_of_a_pronoun() {
        let t = super::super::testutil::doc(
            "Whitney Lunde met the unions. \"We stay,\" Brent Holm said. \"We wait,\" she said.",
        );
        has(&t, Direct, "We wait,", Some("Whitney Lunde"));
    }

    #[test]
    fn clause_subjects_after_titles_and_subordinators_are_antecedents() {
        let t = "Port talks resume\n\n\
                 \"We stay,\" Jonas Berg told reporters.\n\n\
                 Minister of Fisheries John Holm said the fleet would wait, \
                 and he urged the unions to resume talks.\n\n\
                 While Lunde said the fees were fair, he said that nobody would pay them.\n";
        has(t, Indirect, "the unions to resume talks", Some("John Holm"));
        has(t, Indirect, "nobody would pay them", Some("Lunde"));
    }

    #[test]
    fn an_honorific_picks_the_namesake_of_its_gender() {
        let t = super::super::testutil::doc(
            "Bill Lunde met the unions. Hillary Lunde met the mayor. \
             \"We stay,\" Mr. Lunde said. \"We wait,\" Mrs. Lunde said.",
        );
        has(&t, Direct, "We stay,", Some("Bill Lunde"));
        has(&t, Direct, "We wait,", Some("Hillary Lunde"));
    }

    #[test]
    fn a_named_persons_campaign_or_office_speaks_as_a_body() {
        let t = super::super::testutil::doc(
            "The Berg campaign said the port stays open. Holm’s office said the fees would fall.",
        );
        has(&t, Indirect, "the port stays open", Some("Berg campaign"));
        has(&t, Indirect, "the fees would fall", Some("Holm office"));
    }

    #[test]
    fn organisations_and_unnamed_sources() {
        let t = "Talks resume\n\n\
                 The Norwegian Fisheries Ministry said the quotas would stay.\n\n\
                 The ministry also said that no licences would be sold.\n\n\
                 Officials said the fleet was ready.\n\n\
                 A senior official said that the talks were over.\n";
        has(
            t,
            Indirect,
            "the quotas would stay",
            Some("Norwegian Fisheries Ministry"),
        );
        has(
            t,
            Indirect,
            "no licences would be sold",
            Some("Norwegian Fisheries Ministry"),
        );
        has(t, Indirect, "the fleet was ready", None);
        has(t, Indirect, "the talks were over", None);
    }
}
