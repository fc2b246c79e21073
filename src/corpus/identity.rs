//! Speaker identity across documents: one person, many spellings.
//!
//! Every document names its speakers in its own way: "Sergey Lavrov" in one,
//! "Sergei Lavrov" in the next, "Lavrov" or "the Russian foreign minister" in
//! a third. [`Identities::resolve`] takes every (document, name) mention with
//! the roles the document gives it and decides which mentions are one person.
//!
//! - A name is split into a role ("Russian Foreign Minister"), given names
//!   and a surname. Its surname gets a transliteration key ([`name_key`]):
//!   Sergey/Sergei, Zakharova/Sacharowa, Peskov/Peskow, Rogozin/Rogosin key
//!   alike.
//! - Full names with the same surname key are one person when their given
//!   names key alike (or one is the other's initial); given names that
//!   conflict ("Oleg Danko", "Marta Danko") are two people.
//! - A surname alone joins the only person with that surname, unless its
//!   roles conflict with theirs; among namesakes it joins the one whose roles
//!   it shares, and stays apart when nothing tells them apart.
//! - A role alone ("the Russian foreign minister") joins the person in the
//!   same document whose roles contain it, or else the only person in the
//!   corpus whose roles contain it (a bare "the minister" needs the document).
//! - Bodies ("Russian Foreign Ministry", "the Kremlin") are keyed by their
//!   words; a shorter name joins the only longer one it ends ("Foreign
//!   Ministry").
//!
//! ```
//! use whosaid::corpus::identity::{Identities, Mention};
//! let ids = Identities::resolve(&[
//!     Mention::new(0, "Sergey Lavrov").roles(&["Russian Foreign Minister"]),
//!     Mention::new(1, "Sergei Lavrov"),
//!     Mention::new(2, "Lavrov"),
//!     Mention::new(3, "the Russian foreign minister"),
//!     Mention::new(4, "Oleg Danko"),
//!     Mention::new(5, "Marta Danko"),
//! ]);
//! let lavrov = ids.of_mention(0);
//! assert_eq!([1, 2, 3].map(|m| ids.of_mention(m)), [lavrov; 3]);
//! assert_ne!(ids.of_mention(4), ids.of_mention(5));
//! assert_eq!(ids.get(lavrov).unwrap().name, "Sergey Lavrov");
//! ```

use super::lexicon::{self, RoleWord, TRANSLIT};
use crate::quote::SpeakerKind;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The id of an [`Identity`] in a corpus (an index into its identity list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdentityId(pub u32);

/// What an identity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum IdentityKind {
    /// A named person.
    Person,
    /// A body: ministry, government, country, agency.
    Organisation,
    /// A role nobody could be matched to ("the minister").
    Role,
}

/// One speaker across the corpus: a canonical name and every way the
/// documents write it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Identity {
    /// Its id.
    pub id: IdentityId,
    /// The canonical name: the full name written most often.
    pub name: String,
    /// Person, organisation or unmatched role.
    pub kind: IdentityKind,
    /// Every spelling the documents use, most frequent first.
    pub variants: Vec<String>,
    /// The roles the documents give (normalised, lowercase), most frequent first.
    pub roles: Vec<String>,
    /// Number of mentions (document, name pairs) resolved to it.
    pub mentions: usize,
}

/// One way one document names a speaker: the input of [`Identities::resolve`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Mention<'a> {
    /// The document (any number that tells documents apart).
    pub doc: u32,
    /// The name as the document gives it ("Russian Foreign Minister Sergey
    /// Lavrov", "Lavrov", "the minister").
    pub name: &'a str,
    /// Person or body, when known.
    pub kind: Option<SpeakerKind>,
    /// Titles, roles and organisations the document gives the speaker.
    pub roles: Vec<&'a str>,
    /// How many times the document uses the name (quotes attributed to
    /// it); the canonical name is the full name used most.
    pub uses: u32,
}

impl<'a> Mention<'a> {
    /// A mention of `name` in document `doc`.
    pub fn new(doc: u32, name: &'a str) -> Self {
        Mention {
            doc,
            name,
            kind: None,
            roles: Vec::new(),
            uses: 1,
        }
    }

    /// With the titles and organisations the document gives.
    pub fn roles(mut self, roles: &[&'a str]) -> Self {
        self.roles.extend_from_slice(roles);
        self
    }

    /// With its kind.
    pub fn kind(mut self, kind: SpeakerKind) -> Self {
        self.kind = Some(kind);
        self
    }
}

/// The transliteration key of one name word: letters folded to Latin, the
/// graphemes transliterations disagree on mapped to one class, vowels to one
/// class, runs collapsed.
///
/// ```
/// use whosaid::corpus::identity::name_key;
/// assert_eq!(name_key("Zakharova"), name_key("Sacharowa"));
/// assert_eq!(name_key("Sergey"), name_key("Sergei"));
/// assert_eq!(name_key("Peskov"), name_key("Peskow"));
/// assert_eq!(name_key("Rogozin"), name_key("Rogosin"));
/// assert_eq!(name_key("Лавров"), name_key("Lavrov"));
/// assert_ne!(name_key("Zakharova"), name_key("Zakharov"));
/// ```
pub fn name_key(word: &str) -> String {
    let t = &*TRANSLIT;
    let mut folded = String::with_capacity(word.len());
    for c in word.chars() {
        for lc in c.to_lowercase() {
            if lc.is_ascii_alphabetic() {
                folded.push(lc);
            } else if let Some(f) = t.fold.get(&lc) {
                folded.push_str(f);
            }
        }
    }
    let mut raw = String::with_capacity(folded.len());
    let mut last = 0;
    for m in t.rules.find_iter(&folded) {
        push_plain(&folded[last..m.start()], &mut raw);
        raw.push_str(t.replacements[m.pattern().as_usize()]);
        last = m.end();
    }
    push_plain(&folded[last..], &mut raw);
    let mut key = String::with_capacity(raw.len());
    for c in raw.chars() {
        if !key.ends_with(c) {
            key.push(c);
        }
    }
    key
}

fn push_plain(s: &str, out: &mut String) {
    for c in s.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'j') {
            out.push('a');
        } else {
            out.push(c.to_ascii_uppercase());
        }
    }
}

/// A role phrase as words: lowercase, function words dropped, synonyms
/// mapped ("Deputy PM" -> deputy prime minister), with its heads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RoleWords {
    pub(crate) words: Vec<String>,
    pub(crate) heads: Vec<String>,
    pub(crate) strong: Vec<String>,
}

pub(crate) fn role_words(text: &str, out: &mut RoleWords) {
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let w = raw.trim_matches('-').to_lowercase();
        if w.is_empty() || lexicon::is_stopword(&w) {
            continue;
        }
        let w = w.strip_suffix("'s").unwrap_or(&w).to_string();
        let canon: Vec<String> = match lexicon::role_canonical(&w) {
            Some(c) => c.iter().map(|s| s.to_string()).collect(),
            None => vec![w],
        };
        for w in canon {
            match lexicon::role_word(&w) {
                Some(RoleWord::Head) => {
                    push_unique(&mut out.heads, &w);
                    push_unique(&mut out.strong, &w);
                }
                Some(RoleWord::GenericHead) => push_unique(&mut out.heads, &w),
                _ => {}
            }
            push_unique(&mut out.words, &w);
        }
    }
}

fn push_unique(v: &mut Vec<String>, w: &str) {
    if !v.iter().any(|x| x == w) {
        v.push(w.to_string());
    }
}

/// What a name is, once parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NameClass {
    /// A person with given names.
    Full {
        surname: String,
        given: String,
        initial: Option<char>,
    },
    /// A surname alone.
    Surname { surname: String },
    /// A role without a name.
    Role,
    /// A body, keyed by its folded words.
    Org { key: String },
}

/// A name split into its role and name parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParsedName {
    pub(crate) class: NameClass,
    /// The name without its role ("Sergey Lavrov"), or the whole phrase for
    /// a role or a body.
    pub(crate) display: String,
    /// The role words the name carries.
    pub(crate) role: RoleWords,
    /// The quote stage took it for a body.
    pub(crate) org_hint: bool,
}

fn clean_token(t: &str) -> &str {
    let t = t.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'));
    let t = t
        .strip_suffix("'s")
        .or_else(|| t.strip_suffix("’s"))
        .unwrap_or(t);
    t.trim_end_matches([',', ';', ':'])
}

fn is_capitalised(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a token can be part of a name: capitalised and not a role word,
/// or a particle-prefixed surname ("al-Assad").
fn is_name_token(t: &str) -> bool {
    if let Some((p, rest)) = t.split_once('-') {
        if lexicon::is_particle(&p.to_lowercase()) && is_capitalised(rest) {
            return true;
        }
    }
    if !is_capitalised(t) {
        return false;
    }
    let lower = t.trim_end_matches('.').to_lowercase();
    lexicon::role_word(&lower).is_none()
        && !lexicon::is_org_word(&lower)
        && !lexicon::is_stopword(&lower)
}

/// Strip a particle prefix from a surname ("al-Assad" -> "Assad").
fn strip_particle(t: &str) -> &str {
    match t.split_once('-') {
        Some((p, rest)) if lexicon::is_particle(&p.to_lowercase()) && !rest.is_empty() => rest,
        _ => t,
    }
}

fn org_key(tokens: &[&str]) -> String {
    let mut key = String::new();
    for t in tokens {
        let lower = t.to_lowercase();
        if lower == "the" {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&name_key(&lower));
    }
    key
}

/// Parse a speaker name.
/// The part of a speaker string that is the name: upstream strings may run
/// a heading or a photo credit into it ("Not recruiting\n\nKremlin", "Yelena
/// Zakhartseva  Anton Melnik/KTA"). Segments split at line breaks and double
/// spaces; credits (with `/` or `©`) are dropped; the last one left wins.
fn name_segment(name: &str) -> &str {
    name.split(['\n', '\r', '\t'])
        .flat_map(|l| l.split("  "))
        .map(str::trim)
        .filter(|seg| !seg.is_empty() && !seg.contains(['/', '©']))
        .last()
        .unwrap_or(name)
}

/// Parse a speaker name.
pub(crate) fn parse_name(name: &str, kind: Option<SpeakerKind>) -> ParsedName {
    let tokens: Vec<&str> = name_segment(name)
        .split_whitespace()
        .map(clean_token)
        .filter(|t| !t.is_empty())
        .collect();
    let has_org_word = tokens
        .iter()
        .any(|t| lexicon::is_org_word(&t.to_lowercase()));
    // A single word the quote stage calls a body may still be a surname
    // ("Rogalin said"): it is parsed as one, and becomes a body only if no
    // person has that surname (see `Identities::resolve`).
    let org_hint = kind == Some(SpeakerKind::Organisation);
    if (org_hint && tokens.len() > 1) || has_org_word {
        let start = usize::from(
            tokens
                .first()
                .is_some_and(|t| t.eq_ignore_ascii_case("the")),
        );
        let body = &tokens[start..];
        return ParsedName {
            class: NameClass::Org { key: org_key(body) },
            display: body.join(" "),
            role: RoleWords::default(),
            org_hint,
        };
    }
    // The name is the longest run of name tokens at the end.
    let mut i = tokens.len();
    while i > 0 {
        let t = tokens[i - 1];
        let particle_inside = i >= 2
            && i < tokens.len()
            && lexicon::is_particle(&t.to_lowercase())
            && is_name_token(tokens[i - 2]);
        if is_name_token(t) || particle_inside {
            i -= 1;
        } else {
            break;
        }
    }
    let (role_part, name_part) = tokens.split_at(i);
    let role = clean_role(&role_part.join(" "));
    let names: Vec<&str> = name_part
        .iter()
        .copied()
        .filter(|t| !lexicon::is_particle(&t.to_lowercase()))
        .collect();
    let class = match names.as_slice() {
        [] => NameClass::Role,
        [surname] => NameClass::Surname {
            surname: name_key(strip_particle(surname)),
        },
        [given, .., surname] => {
            let g = given.trim_end_matches('.');
            let initial = (g.chars().count() == 1).then(|| g.chars().next()).flatten();
            NameClass::Full {
                surname: name_key(strip_particle(surname)),
                given: name_key(g),
                initial: initial.and_then(|c| c.to_lowercase().next()),
            }
        }
    };
    let display = if names.is_empty() {
        let start = usize::from(
            tokens
                .first()
                .is_some_and(|t| t.eq_ignore_ascii_case("the")),
        );
        tokens[start..].join(" ")
    } else {
        name_part.join(" ")
    };
    ParsedName {
        class,
        display,
        role,
        org_hint,
    }
}

/// Whether a role phrase (`role`, as role words) fits someone whose roles
/// have the words `words`: every title word of the phrase is among them, and
/// so is every other word ("Russian", "Kardonian"), unless they have no such
/// word at all (a nationality nobody gave them is unknown, not different).
fn role_fits(words: &HashSet<String>, role: &[String]) -> bool {
    let is_lex = |w: &str| lexicon::role_word(w).is_some();
    let lex_ok = role.iter().filter(|w| is_lex(w)).all(|w| words.contains(w));
    let has_lex = role.iter().any(|w| is_lex(w));
    let others_known = words.iter().any(|w| !is_lex(w));
    let others_ok = !others_known
        || role
            .iter()
            .filter(|w| !is_lex(w))
            .all(|w| words.contains(w));
    has_lex && lex_ok && others_ok
}

/// The entries of `index` (role word -> entries) whose words contain every
/// title word of `role`, then filtered by `fits`.
fn role_candidates<T: Copy + PartialEq>(
    index: &HashMap<String, Vec<T>>,
    role: &[String],
    fits: impl Fn(T) -> bool,
) -> Vec<T> {
    let mut cands: Option<Vec<T>> = None;
    for w in role.iter().filter(|w| lexicon::role_word(w).is_some()) {
        let list = index.get(w.as_str()).map_or(&[][..], Vec::as_slice);
        cands = Some(match cands {
            None => list.to_vec(),
            Some(prev) => prev.into_iter().filter(|c| list.contains(c)).collect(),
        });
    }
    cands
        .unwrap_or_default()
        .into_iter()
        .filter(|&c| fits(c))
        .collect()
}

/// What the clusters' indexes point into.
#[derive(Clone, Copy)]
struct Arenas<'a> {
    parsed: &'a [ParsedName],
    surfaces: &'a [&'a str],
    evidence: &'a [(RoleWords, Vec<String>)],
}

/// A cluster under construction.
#[derive(Default)]
struct Cluster {
    kind: Option<IdentityKind>,
    surname: Option<String>,
    given: Option<String>,
    /// The first letter of the given name as written (for initials).
    given_first: Option<char>,
    words: HashSet<String>,
    heads: HashSet<String>,
    strong: HashSet<String>,
    /// Parsed name (index) -> (mentions, uses, first mention).
    names: HashMap<usize, (usize, usize, usize)>,
    /// Role evidence (index) -> mentions.
    evidence: HashMap<usize, usize>,
    mentions: usize,
    /// Merged into another cluster.
    merged_into: Option<usize>,
}

impl Cluster {
    /// Add a mention of parsed name `p` with role evidence `e` (indexes
    /// into the arenas of [`Identities::resolve`]).
    fn absorb(&mut self, p: usize, e: usize, uses: u32, roles: &RoleWords) {
        self.mentions += 1;
        let first = self.mentions;
        let n = self.names.entry(p).or_insert((0, 0, first));
        n.0 += 1;
        n.1 += uses.max(1) as usize;
        let seen = self.evidence.entry(e).or_insert(0);
        *seen += 1;
        if *seen == 1 {
            self.words.extend(roles.words.iter().cloned());
            self.heads.extend(roles.heads.iter().cloned());
            self.strong.extend(roles.strong.iter().cloned());
        }
    }

    fn conflicts(&self, roles: &RoleWords) -> bool {
        !self.strong.is_empty()
            && !roles.strong.is_empty()
            && !roles.strong.iter().any(|h| self.strong.contains(h))
    }

    fn shares_head(&self, roles: &RoleWords) -> bool {
        roles.heads.iter().any(|h| self.heads.contains(h))
    }

    fn has_all(&self, words: &[String]) -> bool {
        role_fits(&self.words, words)
    }
}

/// The identities of a set of mentions.
#[derive(Clone, Debug, Default)]
pub struct Identities {
    identities: Vec<Identity>,
    of_mention: Vec<IdentityId>,
    /// Lowercased variant -> identities.
    by_variant: HashMap<String, Vec<IdentityId>>,
    /// Surname key -> person identities (full and surname-only).
    by_surname: HashMap<String, Vec<(IdentityId, Option<String>)>>,
    /// Org key -> identity.
    by_org: HashMap<String, IdentityId>,
    /// Role word -> identities whose roles contain it.
    by_role_word: HashMap<String, Vec<IdentityId>>,
    /// Role words of each identity.
    role_words: Vec<HashSet<String>>,
}

/// Per-mention role evidence: the name's own role words plus the titles.
/// A title as the quote stage gives it, cut to the role it names: the words
/// up to its last head noun, back to the first word that is neither a role
/// nor an organisation word, plus one qualifier before ("Russian"). Titles
/// with no head are kept only if short (organisation names).
/// "rogozin mikhail japaridze tass russia's deputy prime minister" becomes
/// "russia deputy prime minister".
pub(crate) fn clean_role(text: &str) -> RoleWords {
    let mut all = RoleWords::default();
    role_words(text, &mut all);
    let words: Vec<&str> = all
        .words
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().count() > 1)
        .collect();
    let is_head = |w: &str| {
        matches!(
            lexicon::role_word(w),
            Some(RoleWord::Head | RoleWord::GenericHead)
        )
    };
    let kept: &[&str] = match words.iter().rposition(|w| is_head(w)) {
        Some(last) => {
            let mut start = last;
            while start > 0
                && (lexicon::role_word(words[start - 1]).is_some()
                    || lexicon::is_org_word(words[start - 1]))
            {
                start -= 1;
            }
            start = start.saturating_sub(1);
            &words[start..=last]
        }
        None if words.len() <= 3 => &words,
        None => &[],
    };
    let mut out = RoleWords::default();
    role_words(&kept.join(" "), &mut out);
    out
}

/// The role evidence of a mention; `cleaned` keeps [`clean_role`] of each
/// distinct title (corpora repeat a few titles many times).
fn mention_roles<'a>(
    parsed: &ParsedName,
    m: &Mention<'a>,
    cleaned: &mut HashMap<&'a str, RoleWords>,
) -> (RoleWords, Vec<String>) {
    let mut rw = parsed.role.clone();
    let mut texts = Vec::new();
    if !parsed.role.words.is_empty() {
        texts.push(parsed.role.words.join(" "));
    }
    for &r in &m.roles {
        let one = cleaned.entry(r).or_insert_with(|| clean_role(r));
        if !one.words.is_empty() {
            texts.push(one.words.join(" "));
        }
        for w in &one.words {
            push_unique(&mut rw.words, w);
        }
        for w in &one.heads {
            push_unique(&mut rw.heads, w);
        }
        for w in &one.strong {
            push_unique(&mut rw.strong, w);
        }
    }
    (rw, texts)
}

impl Identities {
    /// Decide which mentions are one speaker. Linear in the number of
    /// mentions (names are parsed once per distinct spelling).
    pub fn resolve(mentions: &[Mention<'_>]) -> Identities {
        // Parse each distinct name once, and read each distinct (name, roles)
        // evidence once: large corpora repeat both.
        let mut parse_ix: HashMap<(&str, Option<SpeakerKind>), usize> = HashMap::new();
        let mut parsed_arena: Vec<ParsedName> = Vec::new();
        let mut evidence_ix: HashMap<(usize, &[&str]), usize> = HashMap::new();
        let mut evidence_arena: Vec<(RoleWords, Vec<String>)> = Vec::new();
        let mut surfaces: Vec<&str> = Vec::new();
        let mut slots: Vec<(usize, usize)> = Vec::with_capacity(mentions.len());
        let mut cleaned: HashMap<&str, RoleWords> = HashMap::new();
        for m in mentions {
            let p = *parse_ix.entry((m.name, m.kind)).or_insert_with(|| {
                parsed_arena.push(parse_name(m.name, m.kind));
                surfaces.push(m.name);
                parsed_arena.len() - 1
            });
            let e = *evidence_ix
                .entry((p, m.roles.as_slice()))
                .or_insert_with(|| {
                    evidence_arena.push(mention_roles(&parsed_arena[p], m, &mut cleaned));
                    evidence_arena.len() - 1
                });
            slots.push((p, e));
        }
        let parsed: Vec<&ParsedName> = slots.iter().map(|&(p, _)| &parsed_arena[p]).collect();
        let evidence: Vec<&(RoleWords, Vec<String>)> =
            slots.iter().map(|&(_, e)| &evidence_arena[e]).collect();
        let absorb = |clusters: &mut Vec<Cluster>, c: usize, i: usize| {
            let (p, e) = slots[i];
            clusters[c].absorb(p, e, mentions[i].uses, &evidence_arena[e].0);
        };
        // Parsed full name -> its cluster (every later mention of it joins).
        let mut full_of_parsed: HashMap<usize, usize> = HashMap::new();

        let mut clusters: Vec<Cluster> = Vec::new();
        let mut assign: Vec<usize> = vec![usize::MAX; mentions.len()];
        // Surname key -> full-name clusters.
        let mut full_by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        let mut org_by_key: HashMap<String, usize> = HashMap::new();

        // Pass 1: full names and bodies.
        for (i, p) in parsed.iter().enumerate() {
            if let Some(&c) = full_of_parsed.get(&slots[i].0) {
                absorb(&mut clusters, c, i);
                assign[i] = c;
                continue;
            }
            let c = match &p.class {
                NameClass::Full {
                    surname,
                    given,
                    initial: None,
                } => {
                    let list = full_by_surname.entry(surname.clone()).or_default();
                    match list
                        .iter()
                        .find(|&&c| clusters[c].given.as_deref() == Some(given.as_str()))
                    {
                        Some(&c) => c,
                        None => {
                            clusters.push(Cluster {
                                kind: Some(IdentityKind::Person),
                                surname: Some(surname.clone()),
                                given: Some(given.clone()),
                                given_first: p
                                    .display
                                    .chars()
                                    .next()
                                    .and_then(|c| c.to_lowercase().next()),
                                ..Cluster::default()
                            });
                            list.push(clusters.len() - 1);
                            clusters.len() - 1
                        }
                    }
                }
                NameClass::Org { key } => *org_by_key.entry(key.clone()).or_insert_with(|| {
                    clusters.push(Cluster {
                        kind: Some(IdentityKind::Organisation),
                        ..Cluster::default()
                    });
                    clusters.len() - 1
                }),
                _ => continue,
            };
            full_of_parsed.insert(slots[i].0, c);
            absorb(&mut clusters, c, i);
            assign[i] = c;
        }

        // Pass 2: initials ("S. Lavrov") join the only full name they fit.
        for (i, p) in parsed.iter().enumerate() {
            let NameClass::Full {
                surname,
                initial: Some(ch),
                ..
            } = &p.class
            else {
                continue;
            };
            let fits: Vec<usize> = full_by_surname
                .get(surname)
                .map(|l| {
                    l.iter()
                        .copied()
                        .filter(|&c| clusters[c].given_first == Some(*ch))
                        .collect()
                })
                .unwrap_or_default();
            let c = if let [c] = fits.as_slice() {
                *c
            } else {
                clusters.push(Cluster {
                    kind: Some(IdentityKind::Person),
                    surname: Some(surname.clone()),
                    given: Some(ch.to_string()),
                    given_first: Some(*ch),
                    ..Cluster::default()
                });
                clusters.len() - 1
            };
            absorb(&mut clusters, c, i);
            assign[i] = c;
        }

        // Pass 3: surnames alone.
        let mut surname_only: HashMap<String, Vec<usize>> = HashMap::new();
        // Mentions by document: the clusters of a document are those its
        // mentions are assigned to so far.
        let mut by_doc: Vec<u32> = (0..mentions.len() as u32).collect();
        by_doc.sort_by_key(|&j| mentions[j as usize].doc);
        let of_doc = |doc: u32| {
            let from = by_doc.partition_point(|&j| mentions[j as usize].doc < doc);
            let to = by_doc.partition_point(|&j| mentions[j as usize].doc <= doc);
            by_doc.get(from..to).unwrap_or(&[])
        };
        for (i, (m, p)) in mentions.iter().zip(&parsed).enumerate() {
            let NameClass::Surname { surname } = &p.class else {
                continue;
            };
            let (rw, _) = &evidence[i];
            let candidates: &[usize] = full_by_surname.get(surname).map_or(&[], Vec::as_slice);
            let same_doc: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&c| of_doc(m.doc).iter().any(|&j| assign[j as usize] == c))
                .collect();
            let sharing: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&c| clusters[c].shares_head(rw))
                .collect();
            if candidates.is_empty() && p.org_hint {
                let key = org_key(&[p.display.as_str()]);
                let c = *org_by_key.entry(key).or_insert_with(|| {
                    clusters.push(Cluster {
                        kind: Some(IdentityKind::Organisation),
                        ..Cluster::default()
                    });
                    clusters.len() - 1
                });
                absorb(&mut clusters, c, i);
                assign[i] = c;
                continue;
            }
            let chosen = if let [c] = same_doc.as_slice() {
                Some(*c)
            } else if let [c] = sharing.as_slice() {
                Some(*c)
            } else if let [c] = candidates {
                (!clusters[*c].conflicts(rw)).then_some(*c)
            } else {
                None
            };
            let c = match chosen {
                Some(c) => c,
                None => {
                    let list = surname_only.entry(surname.clone()).or_default();
                    match list.iter().copied().find(|&c| !clusters[c].conflicts(rw)) {
                        Some(c) => c,
                        None => {
                            clusters.push(Cluster {
                                kind: Some(IdentityKind::Person),
                                surname: Some(surname.clone()),
                                ..Cluster::default()
                            });
                            list.push(clusters.len() - 1);
                            clusters.len() - 1
                        }
                    }
                }
            };
            absorb(&mut clusters, c, i);
            assign[i] = c;
        }

        // Pass 4: roles alone.
        let mut word_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (c, cl) in clusters.iter().enumerate() {
            if cl.kind == Some(IdentityKind::Person) {
                for w in &cl.words {
                    word_index.entry(w.clone()).or_default().push(c);
                }
            }
        }
        let mut corpus_wide: HashMap<Vec<String>, Option<usize>> = HashMap::new();
        let mut role_clusters: HashMap<Vec<String>, usize> = HashMap::new();
        let mut pending: Vec<(usize, usize)> = Vec::new();
        for (i, (m, p)) in mentions.iter().zip(&parsed).enumerate() {
            if p.class != NameClass::Role {
                continue;
            }
            let (rw, _) = &evidence[i];
            let mut key = p.role.words.clone();
            key.sort();
            let mut in_doc: Vec<usize> = of_doc(m.doc)
                .iter()
                .map(|&j| assign[j as usize])
                .filter(|&c| {
                    c != usize::MAX
                        && clusters[c].kind == Some(IdentityKind::Person)
                        && (clusters[c].has_all(&p.role.words) || clusters[c].shares_head(rw))
                })
                .collect();
            in_doc.sort_unstable();
            in_doc.dedup();
            let chosen = if let [c] = in_doc.as_slice() {
                Some(*c)
            } else if in_doc.is_empty() && p.role.words.len() >= 2 && !p.role.heads.is_empty() {
                *corpus_wide.entry(key.clone()).or_insert_with(|| {
                    let cands = role_candidates(&word_index, &p.role.words, |c| {
                        clusters[c].has_all(&p.role.words)
                    });
                    match cands.as_slice() {
                        [c] => Some(*c),
                        _ => None,
                    }
                })
            } else {
                None
            };
            let c = chosen.unwrap_or_else(|| {
                *role_clusters.entry(key).or_insert_with(|| {
                    clusters.push(Cluster {
                        kind: Some(IdentityKind::Role),
                        ..Cluster::default()
                    });
                    clusters.len() - 1
                })
            });
            pending.push((i, c));
        }
        for (i, c) in pending {
            absorb(&mut clusters, c, i);
            assign[i] = c;
        }

        // Bodies: a shorter name joins the only longer one it ends.
        let keys: Vec<(String, usize)> = org_by_key.iter().map(|(k, &c)| (k.clone(), c)).collect();
        let mut suffixes: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, c) in &keys {
            let words: Vec<&str> = k.split(' ').collect();
            for s in 1..words.len() {
                suffixes.entry(words[s..].join(" ")).or_default().push(*c);
            }
        }
        for (k, c) in &keys {
            if let Some([longer]) = suffixes.get(k).map(Vec::as_slice) {
                clusters[*c].merged_into = Some(*longer);
            }
        }
        let arenas = Arenas {
            parsed: &parsed_arena,
            surfaces: &surfaces,
            evidence: &evidence_arena,
        };
        Self::finish(clusters, assign, &parsed, arenas)
    }

    fn finish(
        mut clusters: Vec<Cluster>,
        assign: Vec<usize>,
        parsed: &[&ParsedName],
        arenas: Arenas<'_>,
    ) -> Identities {
        // Follow merges (bodies only, one level deep by construction, but be safe).
        let root = |mut c: usize, clusters: &[Cluster]| {
            let mut steps = 0;
            while let Some(n) = clusters[c].merged_into {
                c = n;
                steps += 1;
                if steps > clusters.len() {
                    break;
                }
            }
            c
        };
        let roots: Vec<usize> = (0..clusters.len()).map(|c| root(c, &clusters)).collect();
        for c in 0..clusters.len() {
            let r = roots[c];
            if r != c {
                let taken = std::mem::take(&mut clusters[c]);
                let target = &mut clusters[r];
                target.mentions += taken.mentions;
                for (k, (n, u, _)) in taken.names {
                    let e = target.names.entry(k).or_insert((0, 0, usize::MAX));
                    e.0 += n;
                    e.1 += u;
                }
                for (k, v) in taken.evidence {
                    *target.evidence.entry(k).or_default() += v;
                }
            }
        }
        // Number the clusters that got mentions, in order of first mention.
        let mut id_of: Vec<Option<IdentityId>> = vec![None; clusters.len()];
        let mut order = Vec::new();
        for &c in &assign {
            if c == usize::MAX {
                continue;
            }
            let r = roots[c];
            if id_of[r].is_none() {
                id_of[r] = Some(IdentityId(order.len() as u32));
                order.push(r);
            }
        }
        let mut out = Identities::default();
        for (n, &c) in order.iter().enumerate() {
            let cl = &clusters[c];
            let mut surfaces: HashMap<&str, usize> = HashMap::new();
            let mut displays: HashMap<&str, (u8, usize, usize)> = HashMap::new();
            for (&p, &(n, uses, first)) in &cl.names {
                *surfaces.entry(arenas.surfaces[p]).or_default() += n;
                let parsed = &arenas.parsed[p];
                let priority = match parsed.class {
                    NameClass::Full { initial: None, .. } => 3,
                    NameClass::Full { .. } => 2,
                    NameClass::Surname { .. } | NameClass::Org { .. } => 1,
                    NameClass::Role => 0,
                };
                let d = displays
                    .entry(parsed.display.as_str())
                    .or_insert((priority, 0, first));
                d.1 += uses;
                d.2 = d.2.min(first);
            }
            let mut roles: HashMap<&str, usize> = HashMap::new();
            for (&e, &n) in &cl.evidence {
                for r in &arenas.evidence[e].1 {
                    *roles.entry(r.as_str()).or_default() += n;
                }
            }
            let ranked = |m: &HashMap<&str, usize>| {
                let mut v: Vec<(&&str, &usize)> = m.iter().collect();
                v.sort_by(|a, b| {
                    b.1.cmp(a.1)
                        .then(b.0.len().cmp(&a.0.len()))
                        .then(a.0.cmp(b.0))
                });
                v.into_iter()
                    .map(|(k, _)| k.to_string())
                    .collect::<Vec<_>>()
            };
            let kind = cl.kind.unwrap_or(IdentityKind::Person);
            let name = displays
                .iter()
                .max_by(|a, b| {
                    (a.1 .0, a.1 .1)
                        .cmp(&(b.1 .0, b.1 .1))
                        .then(b.1 .2.cmp(&a.1 .2))
                        .then(b.0.cmp(a.0))
                })
                .map(|(k, _)| k.to_string())
                .unwrap_or_default();
            let id = IdentityId(n as u32);
            let variants = ranked(&surfaces);
            for v in &variants {
                out.by_variant.entry(v.to_lowercase()).or_default().push(id);
            }
            if let Some(s) = &cl.surname {
                out.by_surname
                    .entry(s.clone())
                    .or_default()
                    .push((id, cl.given.clone()));
            }
            for w in &cl.words {
                out.by_role_word.entry(w.clone()).or_default().push(id);
            }
            out.role_words.push(cl.words.clone());
            out.identities.push(Identity {
                id,
                name,
                kind,
                variants,
                roles: ranked(&roles),
                mentions: cl.mentions,
            });
        }
        for (i, &c) in assign.iter().enumerate() {
            if let (NameClass::Org { key }, true) = (&parsed[i].class, c != usize::MAX) {
                if let Some(id) = id_of[roots[c]] {
                    out.by_org.entry(key.clone()).or_insert(id);
                }
            }
        }
        out.of_mention = assign
            .iter()
            .map(|&c| {
                if c == usize::MAX {
                    IdentityId(u32::MAX)
                } else {
                    id_of[roots[c]].unwrap_or(IdentityId(u32::MAX))
                }
            })
            .collect();
        out
    }

    /// The identity of mention `i` (in the order given to [`resolve`](Self::resolve)).
    ///
    /// # Panics
    /// If `i` is out of range.
    pub fn of_mention(&self, i: usize) -> IdentityId {
        self.of_mention[i]
    }

    /// The identity with id `id`.
    pub fn get(&self, id: IdentityId) -> Option<&Identity> {
        self.identities.get(id.0 as usize)
    }

    /// All identities, in order of first mention.
    pub fn iter(&self) -> std::slice::Iter<'_, Identity> {
        self.identities.iter()
    }

    /// All identities as a slice, in order of first mention.
    pub fn as_slice(&self) -> &[Identity] {
        &self.identities
    }

    /// Number of identities.
    pub fn len(&self) -> usize {
        self.identities.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.identities.is_empty()
    }

    /// The identities a name given by a user may mean: the identity that
    /// uses exactly this spelling, or else every identity it fits by the
    /// same rules as [`resolve`](Self::resolve) (a surname alone fits every
    /// namesake).
    ///
    /// ```
    /// use whosaid::corpus::identity::{Identities, Mention};
    /// let ids = Identities::resolve(&[Mention::new(0, "Sergey Lavrov"), Mention::new(1, "Maria Zakharova")]);
    /// assert_eq!(ids.lookup("Sergei Lavrov"), [ids.of_mention(0)]);
    /// assert_eq!(ids.lookup("Sacharowa"), [ids.of_mention(1)]);
    /// assert!(ids.lookup("Oleg Danko").is_empty());
    /// ```
    pub fn lookup(&self, name: &str) -> Vec<IdentityId> {
        let exact = self
            .by_variant
            .get(&name.trim().to_lowercase())
            .cloned()
            .unwrap_or_default();
        let p = parse_name(name, None);
        let mut out: Vec<IdentityId> = match &p.class {
            NameClass::Full {
                surname,
                given,
                initial,
            } => self
                .by_surname
                .get(surname)
                .map(|l| {
                    let full: Vec<IdentityId> = l
                        .iter()
                        .filter(|(id, g)| match (g, initial) {
                            (Some(g), None) => g == given,
                            (Some(_), Some(ch)) => {
                                self.identities[id.0 as usize]
                                    .name
                                    .chars()
                                    .next()
                                    .and_then(|c| c.to_lowercase().next())
                                    == Some(*ch)
                            }
                            (None, _) => false,
                        })
                        .map(|(id, _)| *id)
                        .collect();
                    full
                })
                .unwrap_or_default(),
            NameClass::Surname { surname } => self
                .by_surname
                .get(surname)
                .map(|l| l.iter().map(|(id, _)| *id).collect())
                .unwrap_or_default(),
            NameClass::Org { key } => self.by_org.get(key).copied().into_iter().collect(),
            NameClass::Role => role_candidates(&self.by_role_word, &p.role.words, |id| {
                self.role_words
                    .get(id.0 as usize)
                    .is_some_and(|w| role_fits(w, &p.role.words))
            }),
        };
        out.extend(exact);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Identities as a plain list (for saving or exporting).
    pub fn into_vec(self) -> Vec<Identity> {
        self.identities
    }
}

/// Canonical role phrase of a role text.
#[cfg(test)]
pub(crate) fn normalise_role(text: &str) -> String {
    let mut rw = RoleWords::default();
    role_words(text, &mut rw);
    rw.words.join(" ")
}

/// The distinct surname keys of a set of names.
#[cfg(test)]
pub(crate) fn surname_keys<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> std::collections::BTreeSet<String> {
    names
        .into_iter()
        .filter_map(|n| match parse_name(n, None).class {
            NameClass::Full { surname, .. } | NameClass::Surname { surname } => Some(surname),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(names: &[(u32, &str, &[&str])]) -> Identities {
        let mentions: Vec<Mention<'_>> = names
            .iter()
            .map(|(d, n, r)| Mention::new(*d, n).roles(r))
            .collect();
        Identities::resolve(&mentions)
    }

    #[test]
    fn keys_of_transliterations_agree() {
        for (a, b) in [
            ("Sergey", "Sergei"),
            ("Sergej", "Serguei"),
            ("Zakharova", "Sacharowa"),
            ("Peskov", "Peskow"),
            ("Rogozin", "Rogosin"),
            ("Dmitry", "Dmitri"),
            ("Yelena", "Jelena"),
            ("Gorbachev", "Gorbatschow"),
            ("Khrushchev", "Chruschtschow"),
            ("Yeltsin", "Jelzin"),
            ("Aleksandr", "Alexandr"),
            ("Mikhail", "Michail"),
            ("Zelensky", "Selenskyj"),
            ("Lavrov", "Лавров"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} vs {b}");
        }
        for (a, b) in [
            ("Zakharova", "Zakharov"),
            ("Oleg", "Marta"),
            ("Lavrov", "Lavrova"),
            ("Putin", "Peskov"),
        ] {
            assert_ne!(name_key(a), name_key(b), "{a} vs {b}");
        }
    }

    #[test]
    fn parses_roles_and_names() {
        let p = parse_name("Russian Foreign Minister Sergey Lavrov", None);
        assert_eq!(p.display, "Sergey Lavrov");
        assert_eq!(p.role.words, ["russian", "foreign", "minister"]);
        assert!(matches!(p.class, NameClass::Full { .. }));
        let p = parse_name("the Russian foreign minister", None);
        assert_eq!(p.class, NameClass::Role);
        assert_eq!(p.display, "Russian foreign minister");
        let p = parse_name("Russian Foreign Ministry", None);
        assert!(matches!(p.class, NameClass::Org { .. }));
        let p = parse_name("Bashar al-Assad", None);
        assert_eq!(p.class, parse_name("Bashar Assad", None).class);
        let p = parse_name("Lavrov's", None);
        assert!(matches!(p.class, NameClass::Surname { .. }));
        let p = parse_name("Admiral Vladimir Komoyedov", None);
        assert_eq!(p.display, "Vladimir Komoyedov");
        assert_eq!(p.role.heads, ["admiral"]);
        assert_eq!(normalise_role("Deputy PM"), "deputy prime minister");
        assert_eq!(
            surname_keys(["Sergey Lavrov", "Lavrov", "Maria Zakharova"]).len(),
            2
        );
    }

    #[test]
    fn one_person_many_spellings() {
        let ids = resolve(&[
            (0, "Sergey Lavrov", &["Russian Foreign Minister"]),
            (1, "Sergei Lavrov", &[]),
            (2, "Lavrov", &[]),
            (3, "Russian Foreign Minister Sergey Lavrov", &[]),
            (4, "the Russian foreign minister", &[]),
            (5, "Maria Zakharova", &["Foreign Ministry spokeswoman"]),
            (6, "Sacharowa", &[]),
            (7, "Dmitry Peskov", &[]),
            (8, "Dmitri Peskow", &[]),
            (9, "Rogosin", &[]),
            (10, "Dmitry Rogozin", &["Deputy Prime Minister"]),
            (10, "the deputy premier", &[]),
        ]);
        let l = ids.of_mention(0);
        for m in 1..5 {
            assert_eq!(ids.of_mention(m), l, "mention {m}");
        }
        assert_eq!(ids.of_mention(5), ids.of_mention(6));
        assert_eq!(ids.of_mention(7), ids.of_mention(8));
        assert_eq!(ids.of_mention(9), ids.of_mention(10));
        assert_eq!(ids.of_mention(11), ids.of_mention(10));
        assert_eq!(ids.len(), 4);
        let lavrov = ids.get(l).unwrap();
        assert_eq!(lavrov.name, "Sergey Lavrov");
        assert_eq!(lavrov.kind, IdentityKind::Person);
        assert_eq!(lavrov.variants.len(), 5);
        assert!(lavrov
            .roles
            .contains(&"russian foreign minister".to_string()));
    }

    #[test]
    fn namesakes_stay_apart() {
        let ids = resolve(&[
            (0, "Oleg Danko", &["Chief of the General Staff", "General"]),
            (1, "Marta Danko", &["opposition MP"]),
            (2, "Danko", &[]),
            (3, "Danko", &["MP"]),
            (4, "General Danko", &[]),
        ]);
        let (oleg, marta) = (ids.of_mention(0), ids.of_mention(1));
        assert_ne!(oleg, marta);
        // Nothing tells who the bare surname is: it joins neither.
        assert_ne!(ids.of_mention(2), oleg);
        assert_ne!(ids.of_mention(2), marta);
        assert_eq!(ids.of_mention(3), marta);
        assert_eq!(ids.of_mention(4), oleg);
        assert_eq!(ids.lookup("Danko").len(), 3);
        assert_eq!(ids.lookup("Marta Danko"), [marta]);
    }

    #[test]
    fn conflicting_roles_do_not_merge_a_surname() {
        let ids = resolve(&[
            (0, "Viktor Marek", &["Defence Minister"]),
            (1, "Marek", &["football coach"]),
        ]);
        assert_ne!(ids.of_mention(0), ids.of_mention(1));
        let ids = resolve(&[
            (0, "Viktor Marek", &["Defence Minister"]),
            (1, "Marek", &["the minister"]),
        ]);
        assert_eq!(ids.of_mention(0), ids.of_mention(1));
    }

    #[test]
    fn initials_and_bodies() {
        let ids = resolve(&[
            (0, "Sergey Lavrov", &[]),
            (1, "S. Lavrov", &[]),
            (2, "Russian Foreign Ministry", &[]),
            (3, "Foreign Ministry", &[]),
            (4, "the Kremlin", &[]),
            (5, "Kremlin", &[]),
        ]);
        assert_eq!(ids.of_mention(0), ids.of_mention(1));
        assert_eq!(ids.of_mention(2), ids.of_mention(3));
        assert_eq!(ids.of_mention(4), ids.of_mention(5));
        assert_ne!(ids.of_mention(2), ids.of_mention(4));
        assert_eq!(
            ids.get(ids.of_mention(4)).unwrap().kind,
            IdentityKind::Organisation
        );
        assert_eq!(ids.lookup("Foreign Ministry"), [ids.of_mention(2)]);
    }

    #[test]
    fn bare_role_needs_its_document() {
        let ids = resolve(&[
            (0, "Sergey Lavrov", &["Foreign Minister"]),
            (1, "the minister", &[]),
            (0, "the minister", &[]),
        ]);
        assert_ne!(ids.of_mention(1), ids.of_mention(0));
        assert_eq!(ids.get(ids.of_mention(1)).unwrap().kind, IdentityKind::Role);
        assert_eq!(ids.of_mention(2), ids.of_mention(0));
    }

    #[test]
    fn upstream_noise_is_cut() {
        assert_eq!(
            name_segment("Yelena Zakhartseva  Anton Melnik/KTA"),
            "Yelena Zakhartseva"
        );
        assert_eq!(
            name_segment("Not Recruiting Volunteers\n\nKremlin"),
            "Kremlin"
        );
        assert_eq!(name_segment("Sergey Lavrov"), "Sergey Lavrov");
        let r = clean_role("rogozin mikhail japaridze tass russia's deputy prime minister");
        assert_eq!(r.words, ["russia", "deputy", "prime", "minister"]);
        let r = clean_role("according russian defence ministry spokesperson");
        assert_eq!(r.words, ["russian", "defence", "ministry", "spokesperson"]);
        assert!(clean_role("border troops").words.len() == 2);
        assert!(
            clean_role("minister sergey lavrov alexander scherbak tass russian foreign").words
                == ["minister"]
        );
        assert!(clean_role("a very long phrase with no role in it at all")
            .words
            .is_empty());
        // A surname the quote stage took for a body stays a person when
        // someone has that surname, and is a body otherwise.
        let ids = Identities::resolve(&[
            Mention::new(0, "Arkady Rogalin"),
            Mention::new(1, "Rogalin").kind(SpeakerKind::Organisation),
            Mention::new(1, "Vessgrad").kind(SpeakerKind::Organisation),
        ]);
        assert_eq!(ids.of_mention(0), ids.of_mention(1));
        assert_eq!(
            ids.get(ids.of_mention(2)).unwrap().kind,
            IdentityKind::Organisation
        );
    }

    #[test]
    fn empty_and_odd_names() {
        let ids = resolve(&[
            (0, "", &[]),
            (1, "   ", &[]),
            (2, "\"“”", &[]),
            (3, "ÄÖÜ", &[]),
        ]);
        assert_eq!(ids.len(), 2);
        let _ = ids.lookup("");
        let _ = ids.lookup("ÄÖÜ");
    }
}
