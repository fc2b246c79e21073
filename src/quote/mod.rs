//! Stage 2: quotations in an [`Article`] and who said them.
//!
//! [`quotes`](crate::quotes) finds every direct, partial and indirect
//! quotation in the article's content (title, standfirst, captions,
//! subheadings and body; never chrome or credits) and resolves its speaker
//! to the fullest name the document gives.
//!
//! ```
//! use whosaid::{QuoteKind, Role};
//! let text = "\
//! Minister: talks will go on
//!
//! GENEVA, March 3. /TASS/. The talks will go on, Foreign Minister Anna Berg said on Tuesday.
//!
//! \"We are not leaving the table,\" she told reporters. Berg added that the next round was \"a matter of weeks.\"
//! ";
//! let article = whosaid::parse(text)?;
//! let quotes = whosaid::quotes(&article);
//! let found: Vec<_> = quotes
//!     .iter()
//!     .map(|q| (q.kind, q.text(&article), q.speaker_name(), q.section))
//!     .collect();
//! assert!(found.contains(&(QuoteKind::Direct, "We are not leaving the table,", Some("Anna Berg"), Role::Body)));
//! assert!(found.contains(&(QuoteKind::Indirect, "The talks will go on", Some("Anna Berg"), Role::Body)));
//! assert!(found.contains(&(QuoteKind::Partial, "a matter of weeks.", Some("Anna Berg"), Role::Body)));
//! // The registry knows the minister by her title.
//! let berg = quotes.people.iter().find(|p| p.name == "Anna Berg").unwrap();
//! assert!(berg.titles.iter().any(|t| t.contains("Foreign Minister")));
//! # Ok::<(), whosaid::Error>(())
//! ```
//!
//! How it works, in one linear pass per step: the content lines are
//! tokenised once (`token`, each word looked up once in the lexicons), the
//! quotation marks are paired (`marks`), the writer's sentences are found
//! around them (`sentence`), a registry of the people and bodies the
//! document names is built (`speaker`), and then each sentence's quotes in
//! marks (`direct`) and reported speech (`indirect`) are attributed in text
//! order, so that pronouns and role nouns resolve to the people spoken of
//! just before.

mod cue;
mod direct;
mod indirect;
mod marks;
mod sentence;
mod speaker;
mod token;

use crate::article::{Article, Role};
use crate::Span;
use marks::Marked;
use sentence::{InQuote, Sentences};
use serde::{Deserialize, Serialize};
use token::{Para, Tok};

/// How a quotation is presented.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuoteKind {
    /// Words in quotation marks standing as someone's words:
    /// `"We will not," Rogozin said.`
    Direct,
    /// A quoted fragment inside the writer's own sentence: committing "crimes".
    Partial,
    /// Reported speech without quotation marks: `Lavrov said (that) ...`.
    Indirect,
}

impl QuoteKind {
    /// The lowercase name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Whether a speaker is a person or a body (ministry, government, country).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SpeakerKind {
    /// A named person.
    Person,
    /// An organisation, institution, government or country.
    Organisation,
}

/// The words that attribute a quotation: a reporting verb (`said`,
/// `stressed`), a phrase (`according to`, `told reporters`), or a colon
/// lead-in (`Foreign Ministry:`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cue {
    /// Byte span of the cue in the text.
    pub span: Span,
}

/// Who said a quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Speaker {
    /// The fullest name the document gives (`"Dmitry Rogozin"`, `"Russian
    /// Foreign Ministry"`), titles dropped.
    pub name: String,
    /// The mention the speaker was resolved from (`he`, `the minister`,
    /// `Rogozin`), as a byte span.
    pub mention: Span,
    /// Person or organisation.
    pub kind: SpeakerKind,
    /// Index of the speaker in [`Quotes::people`], if registered.
    pub entity: Option<usize>,
}

/// One quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Quote {
    /// The quoted words, without quotation marks (for an indirect quote, the
    /// reported content without speaker, verb and `that`).
    pub span: Span,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The attributing verb or phrase, if any.
    pub cue: Option<Cue>,
    /// Who said it, if the document says.
    pub speaker: Option<Speaker>,
    /// The role of the line the quote starts in (title, standfirst, caption,
    /// subheading or body).
    pub section: Role,
}

impl Quote {
    /// The quoted words in the article's text (`""` for a span that does not fit).
    pub fn text<'t>(&self, article: &'t Article<'_>) -> &'t str {
        article.slice(self.span)
    }

    /// The speaker's name, if the document says who.
    pub fn speaker_name(&self) -> Option<&str> {
        self.speaker.as_ref().map(|s| s.name.as_str())
    }
}

/// A person or body the document mentions, with everything it says of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Entity {
    /// The fullest name the document gives.
    pub name: String,
    /// Person or organisation (`None` when the document does not tell).
    pub kind: Option<SpeakerKind>,
    /// Titles and roles the document gives (`"Deputy Prime Minister"`).
    pub titles: Vec<String>,
    /// Organisations the entity belongs to or speaks for.
    pub organisations: Vec<String>,
    /// Every mention resolved to this entity, in text order.
    pub mentions: Vec<Span>,
}

/// The quotations of one article, with its registry of speakers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Quotes {
    /// The quotations, ordered by start offset.
    pub quotes: Vec<Quote>,
    /// People and bodies the document mentions (the speaker registry).
    pub people: Vec<Entity>,
}

impl Quotes {
    /// Iterate over the quotations.
    pub fn iter(&self) -> std::slice::Iter<'_, Quote> {
        self.quotes.iter()
    }

    /// Number of quotations.
    pub fn len(&self) -> usize {
        self.quotes.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.quotes.is_empty()
    }
}

impl<'q> IntoIterator for &'q Quotes {
    type Item = &'q Quote;
    type IntoIter = std::slice::Iter<'q, Quote>;
    fn into_iter(self) -> Self::IntoIter {
        self.quotes.iter()
    }
}

/// Whether quotes are looked for in lines of this role.
fn is_quotable(role: Role) -> bool {
    matches!(
        role,
        Role::Title | Role::Standfirst | Role::Caption | Role::Subheading | Role::Body
    )
}

/// The most tokens reserved up front (64 MiB of address space); a larger
/// document's token arrays grow as they fill.
const MAX_RESERVE: usize = 1 << 22;

/// The most elements a buffer of [`Buffers`] keeps from one document to
/// the next (a larger one, from a large document, is freed).
const KEEP: usize = 1 << 16;

/// The arrays of a [`Doc`], kept (empty) on each thread from one document
/// to the next so that a document allocates none of them.
#[derive(Default)]
struct Buffers {
    toks: Vec<Tok>,
    paras: Vec<Para>,
    para_of: Vec<u32>,
    notes: Vec<u32>,
    caps: Vec<u32>,
    marked: Vec<Marked>,
    q: Vec<InQuote>,
    ranges: Vec<(usize, usize)>,
    of: Vec<u32>,
    scratch: Scratch,
}

/// The arrays [`extract_doc_with`] fills and empties again for each sentence
/// (and once to sort the quotes), kept like [`Buffers`].
#[derive(Default)]
struct Scratch {
    found: Vec<indirect::Found>,
    /// The reported speech of every sentence, in order, and where each
    /// sentence's starts (one more: the end).
    all_found: Vec<indirect::Found>,
    found_at: Vec<usize>,
    candidates: Vec<(indirect::Found, bool)>,
    resolved: Vec<Option<Speaker>>,
    keys: Vec<(usize, usize, usize)>,
}

impl Scratch {
    /// The arrays, emptied, if small enough to keep (see [`kept`]).
    fn kept(self) -> Scratch {
        Scratch {
            found: kept(self.found),
            all_found: kept(self.all_found),
            found_at: kept(self.found_at),
            candidates: kept(self.candidates),
            resolved: kept(self.resolved),
            keys: kept(self.keys),
        }
    }
}

thread_local! {
    /// This thread's buffers, between two documents.
    static BUFFERS: std::cell::Cell<Buffers> = std::cell::Cell::new(Buffers::default());
}

/// `v`, empty, if it is small enough to keep.
fn kept<T>(mut v: Vec<T>) -> Vec<T> {
    if v.capacity() > KEEP {
        return Vec::new();
    }
    v.clear();
    v
}

/// The tokenised content of an article with its marks and sentences.
pub(crate) struct Doc<'a> {
    /// The article text.
    pub text: &'a str,
    /// Tokens of every quotable paragraph, in order.
    pub toks: Vec<Tok>,
    /// The quotable paragraphs.
    pub paras: Vec<Para>,
    /// Paragraph index of each token.
    pub para_of: Vec<u32>,
    /// Quoted stretches, ordered and disjoint.
    pub marked: Vec<Marked>,
    /// Each token's place with respect to the marks.
    pub q: Vec<InQuote>,
    /// The writer's sentences.
    pub sents: Sentences,
    /// The noted tokens (see `token::tokenize_noting`).
    notes: Vec<u32>,
    /// The capitalised words, in order (see `token::tokenize_noting`).
    pub caps: Vec<u32>,
    /// What the per-cue scans of reported speech have already seen, so that
    /// a long sentence with many cues is scanned once, not once per cue.
    pub seen: indirect::Seen,
}

impl<'a> Doc<'a> {
    /// A document from `text`, its lines with their roles, and the span of
    /// its dateline (left out of the writer's sentences).
    #[cfg(test)]
    fn from_parts(text: &'a str, elements: &[crate::Element], dateline: Option<Span>) -> Doc<'a> {
        Doc::with_buffers(text, elements, dateline, Buffers::default())
    }

    /// A document from `text`, its lines with their roles, and the span of
    /// its dateline, in the arrays of `b` (emptied first: their room is
    /// reused).
    fn with_buffers(
        text: &'a str,
        elements: &[crate::Element],
        dateline: Option<Span>,
        b: Buffers,
    ) -> Doc<'a> {
        // A token takes at least one byte: reserve that many tokens, up to
        // `MAX_RESERVE`, so the arrays are allocated once (pages never
        // written cost nothing) and a document of marks does not regrow them.
        let (mut quotable, mut lines) = (0, 0);
        for e in elements.iter().filter(|e| is_quotable(e.role)) {
            quotable += e.span.len();
            lines += 1;
        }
        let reserve = quotable.min(MAX_RESERVE);
        let (mut toks, mut paras, mut para_of) = (b.toks, b.paras, b.para_of);
        toks.clear();
        paras.clear();
        para_of.clear();
        toks.reserve(reserve);
        paras.reserve(lines);
        para_of.reserve(reserve);
        // The marks and terminals: what pairs quotes and ends sentences.
        let mut notes = b.notes;
        notes.clear();
        // The capitalised words: where names start.
        let mut caps = b.caps;
        caps.clear();
        for e in elements {
            if !is_quotable(e.role) {
                continue;
            }
            let first = toks.len();
            token::tokenize_noting(text, e.span, &mut toks, &mut notes, &mut caps);
            if let Some(d) = dateline.filter(|d| e.span.contains_offset(d.start)) {
                // The dateline is not the writer's sentence.
                drop_inside(&mut toks, [&mut notes, &mut caps], first, d);
            }
            if toks.len() > first {
                para_of.resize(toks.len(), paras.len() as u32);
                paras.push(Para {
                    span: e.span,
                    role: e.role,
                    first,
                    end: toks.len(),
                });
            }
        }
        let mut marked = marks::scan(&toks, &paras, &notes, b.marked);
        direct::repair(text, &toks, &para_of, &mut marked);
        let mut q = b.q;
        q.clear();
        q.resize(toks.len(), InQuote::Out);
        for m in &marked {
            if let Some(o) = m.open {
                q[o] = InQuote::Open;
            }
            for x in &mut q[m.first..m.end] {
                *x = InQuote::In;
            }
            if let Some(c) = m.close {
                q[c] = InQuote::Close;
            }
        }
        let sents = sentence::split(text, &toks, &paras, &q, &notes, (b.ranges, b.of));
        Doc {
            text,
            toks,
            paras,
            para_of,
            marked,
            q,
            sents,
            notes,
            caps,
            seen: indirect::Seen::default(),
        }
    }

    /// A document in this thread's buffers, with the scratch arrays for
    /// [`extract_doc_with`] ([`Doc::recycle`] gives them back).
    fn in_thread_buffers(article: &'a Article<'_>) -> (Doc<'a>, Scratch) {
        let mut b = BUFFERS.with(std::cell::Cell::take);
        let scratch = std::mem::take(&mut b.scratch);
        let doc = Doc::with_buffers(
            article.text(),
            article.elements(),
            article.dateline().map(|d| d.span),
            b,
        );
        (doc, scratch)
    }

    /// Give the document's arrays and `scratch`, emptied, back to this
    /// thread's buffers for the next document (the small ones: see [`KEEP`]).
    fn recycle(self, scratch: Scratch) {
        let b = Buffers {
            toks: kept(self.toks),
            paras: kept(self.paras),
            para_of: kept(self.para_of),
            notes: kept(self.notes),
            caps: kept(self.caps),
            marked: kept(self.marked),
            q: kept(self.q),
            ranges: kept(self.sents.ranges),
            of: kept(self.sents.of),
            scratch: scratch.kept(),
        };
        BUFFERS.with(|cell| cell.set(b));
    }

    /// The byte span from the start of token `first` to the end of token `end - 1`.
    pub(crate) fn span(&self, first: usize, end: usize) -> Span {
        if first >= end || end > self.toks.len() {
            return Span::default();
        }
        Span::new(self.toks[first].span().start, self.toks[end - 1].span().end)
    }

    /// The role of the paragraph holding token `i`.
    pub(crate) fn role_at(&self, i: usize) -> Role {
        self.para_of
            .get(i)
            .and_then(|&p| self.paras.get(p as usize))
            .map_or(Role::Body, |p| p.role)
    }

    /// The word at token `i` (empty for tokens out of range).
    #[inline]
    pub(crate) fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.span().of(self.text))
    }
}

/// Remove from `toks[first..]` the tokens lying wholly inside `d`, and from
/// each of `lists` (token indices in order: the noted and the capitalised
/// ones) theirs, moving the later ones to the tokens' new places. The tokens are ordered and disjoint, so
/// those inside one span are one run: it is found and cut out in place,
/// with no second array.
fn drop_inside(toks: &mut Vec<Tok>, lists: [&mut Vec<u32>; 2], first: usize, d: Span) {
    let tail = toks.get(first..).unwrap_or_default();
    let Some(a) = tail.iter().position(|t| d.contains(t.span())) else {
        return;
    };
    let n = tail[a..]
        .iter()
        .take_while(|t| d.contains(t.span()))
        .count();
    let (a, b) = (first + a, first + a + n);
    toks.drain(a..b);
    for list in lists {
        let from = list.partition_point(|&k| (k as usize) < a);
        let mut w = from;
        for r in from..list.len() {
            let k = list[r] as usize;
            if k >= b {
                // In range: below the old token count.
                list[w] = (k - n) as u32;
                w += 1;
            }
        }
        list.truncate(w);
    }
}

/// Find the quotations of `article` and their speakers.
pub(crate) fn extract(article: &Article<'_>) -> Quotes {
    let (doc, mut scratch) = Doc::in_thread_buffers(article);
    let quotes = extract_doc_with(&doc, &mut scratch);
    doc.recycle(scratch);
    quotes
}

/// The quotations of `doc`.
#[cfg(test)]
fn extract_doc(doc: &Doc<'_>) -> Quotes {
    extract_doc_with(doc, &mut Scratch::default())
}

/// The quotations of `doc`, using the arrays of `scratch`.
fn extract_doc_with(doc: &Doc<'_>, scratch: &mut Scratch) -> Quotes {
    let mut reg = speaker::Registry::build(doc);
    let mut ctx = speaker::Context::default();
    // Room for a quote per quoted stretch and one per sentence, so that
    // the (large) quotes are seldom moved by a regrowth.
    let mut quotes = Vec::with_capacity(doc.marked.len() + doc.sents.ranges.len());
    let mut next_marked = 0;
    // Buffers reused from sentence to sentence.
    let Scratch {
        found,
        all_found,
        found_at,
        candidates,
        resolved,
        keys,
    } = scratch;
    // The reported speech of every sentence first: it reads the document
    // alone (neither the registry nor the context), and its scans, run one
    // after the other, keep their code in the instruction cache instead of
    // taking turns with the attribution's in every sentence.
    all_found.clear();
    found_at.clear();
    found_at.push(0);
    for s in 0..doc.sents.ranges.len() {
        indirect::find(doc, s, found, candidates);
        all_found.extend_from_slice(found);
        found_at.push(all_found.len());
    }
    for s in 0..doc.sents.ranges.len() {
        let found = &all_found[found_at[s]..found_at[s + 1]];
        indirect::resolve(doc, found, &mut reg, &mut ctx, resolved);
        while next_marked < doc.marked.len() {
            let m = doc.marked[next_marked];
            let start = m.open.unwrap_or(m.first);
            if doc.sents.of.get(start).is_some_and(|&x| x as usize > s) {
                break;
            }
            next_marked += 1;
            if let Some(q) =
                direct::attribute(doc, next_marked - 1, found, resolved, &mut reg, &mut ctx)
            {
                quotes.push(q);
            }
        }
        indirect::emit(doc, found, resolved, &mut ctx, &mut quotes);
    }
    quotes.retain(|q: &Quote| !q.span.is_empty());
    sort_by_span(&mut quotes, keys);
    Quotes {
        quotes,
        people: reg.finish(),
    }
}

/// Sort `quotes` by (start, end), stably, moving each quote once: the keys
/// are sorted (in `keys`, emptied first), not the (large) quotes.
fn sort_by_span(quotes: &mut [Quote], keys: &mut Vec<(usize, usize, usize)>) {
    let key = |q: &Quote| (q.span.start, q.span.end);
    if quotes.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return;
    }
    // The index makes every key distinct, so an unstable sort keeps the
    // order of equal spans.
    keys.clear();
    keys.extend(
        quotes
            .iter()
            .enumerate()
            .map(|(i, q)| (q.span.start, q.span.end, i)),
    );
    // Quotes come out in sentence order, each a few places at most from its
    // own: an insertion sort, bounded so that it stays linear, nearly always
    // finishes the job.
    let budget = 8 * keys.len();
    if !insertion_sort_bounded(keys, budget) {
        keys.sort_unstable();
    }
    // Position `p` takes the quote now at `keys[p].2`: apply the
    // permutation in place, cycle by cycle (no second array of quotes),
    // marking each place done by setting its index to itself.
    for start in 0..keys.len() {
        let mut cur = start;
        // The quote first at `start` travels along its cycle at `cur`.
        while keys[cur].2 != start {
            let src = keys[cur].2;
            keys[cur].2 = cur;
            quotes.swap(cur, src);
            cur = src;
        }
        keys[cur].2 = cur;
    }
}

/// Sort `v` by insertion, moving elements at most `budget` places in all;
/// `false` (with `v` still a permutation of what it was) when that is not
/// enough.
fn insertion_sort_bounded<T: Ord + Copy>(v: &mut [T], mut budget: usize) -> bool {
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && v[j - 1] > x {
            if budget == 0 {
                v[j] = x;
                return false;
            }
            budget -= 1;
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_tokens_are_cut_out_and_notes_follow() {
        let text = "Intro. OSLAND, March 14. /TASS/. Norland said \"no.\" Then.";
        let (mut toks, mut notes, mut caps) = (Vec::new(), Vec::new(), Vec::new());
        token::tokenize_noting(text, Span::new(0, 6), &mut toks, &mut notes, &mut caps);
        let first = toks.len();
        token::tokenize_noting(
            text,
            Span::new(7, text.len()),
            &mut toks,
            &mut notes,
            &mut caps,
        );
        let d = Span::new(7, 32);
        assert_eq!(d.of(text), "OSLAND, March 14. /TASS/.");
        // What the cut must give: the tokens outside the dateline, and the
        // noted ones among all tokens, at their new places.
        let want: Vec<Tok> = toks
            .iter()
            .enumerate()
            .filter(|&(k, t)| k < first || !d.contains(t.span()))
            .map(|(_, t)| *t)
            .collect();
        let want_notes: Vec<u32> = (0..want.len())
            .filter(|&k| want[k].is_noted())
            .map(|k| k as u32)
            .collect();
        let want_caps: Vec<u32> = (0..want.len())
            .filter(|&k| want[k].cap() || want[k].hyphen_cap())
            .map(|k| k as u32)
            .collect();
        drop_inside(&mut toks, [&mut notes, &mut caps], first, d);
        assert_eq!(toks, want);
        assert_eq!(notes, want_notes);
        assert_eq!(caps, want_caps);
        assert_eq!(toks[first].span().of(text), "Norland");
        // A span holding no token leaves both as they are.
        drop_inside(&mut toks, [&mut notes, &mut caps], first, Span::new(6, 7));
        assert_eq!(toks, want);
        assert_eq!(notes, want_notes);
        assert_eq!(caps, want_caps);
    }

    #[test]
    fn bounded_insertion_sort_sorts_or_keeps_a_permutation() {
        let mut v = [3, 1, 2, 5, 4];
        assert!(insertion_sort_bounded(&mut v, 3));
        assert_eq!(v, [1, 2, 3, 4, 5]);
        let mut w = [5, 4, 3, 2, 1];
        assert!(!insertion_sort_bounded(&mut w, 3));
        let mut sorted = w;
        sorted.sort_unstable();
        assert_eq!(sorted, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn sort_by_span_is_stable_and_moves_whole_cycles() {
        let q = |start, end, kind| Quote {
            span: Span::new(start, end),
            kind,
            cue: None,
            speaker: None,
            section: Role::Body,
        };
        let (d, p, i) = (QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Indirect);
        // Two cycles (0 -> 2 -> 4 -> 0 and 1 <-> 3) and equal spans.
        let mut quotes = vec![q(5, 9, d), q(7, 8, d), q(1, 2, p), q(3, 4, d), q(1, 2, i)];
        // The keys' array comes from the last document, not empty.
        let mut keys = vec![(0, 0, 7); 9];
        sort_by_span(&mut quotes, &mut keys);
        let got: Vec<_> = quotes
            .iter()
            .map(|q| (q.span.start, q.span.end, q.kind))
            .collect();
        assert_eq!(got, [(1, 2, p), (1, 2, i), (3, 4, d), (5, 9, d), (7, 8, d)]);
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Quotes of plain text whose every line is a body paragraph (the first
    //! one the title), without the article stage's layout decisions.

    use super::*;
    use crate::{Element, Role};

    /// (kind, quoted text, speaker) of every quote of `text`.
    pub(crate) fn quotes(text: &str) -> Vec<(QuoteKind, String, Option<String>)> {
        let elements: Vec<Element> = crate::text::content_lines(text)
            .enumerate()
            .map(|(i, s)| Element::new(s, if i == 0 { Role::Title } else { Role::Body }))
            .collect();
        let doc = Doc::from_parts(text, &elements, None);
        extract_doc(&doc)
            .quotes
            .iter()
            .map(|q| {
                (
                    q.kind,
                    q.span.of(text).to_string(),
                    q.speaker.as_ref().map(|s| s.name.clone()),
                )
            })
            .collect()
    }

    /// A small article about port talks with `body` as its last paragraph.
    pub(crate) fn doc(body: &str) -> String {
        format!("Port talks resume\n\nThe mayor, Jonas Berg, met the unions on Monday.\n\n{body}\n")
    }

    /// Assert that `text` has a quote of `kind` starting with `starts`, said by `speaker`.
    pub(crate) fn has(text: &str, kind: QuoteKind, starts: &str, speaker: Option<&str>) {
        let list = quotes(text);
        let hit = list
            .iter()
            .find(|(k, t, _)| *k == kind && t.starts_with(starts));
        let Some((_, _, s)) = hit else {
            panic!("no {kind:?} quote starting {starts:?} in {list:#?}");
        };
        assert_eq!(s.as_deref(), speaker, "speaker of {starts:?}");
    }
}
