//! A text with its lexicon hits: the claim stage tags a quote once and
//! works on slices of it after that.

use super::scan;
use crate::article::{Article, Role};
use crate::lexicon::claim::{self, Hit, Tag};
use crate::text::{ceil_char_boundary, floor_char_boundary};
use crate::Span;
use std::cell::{Cell, OnceCell};
use std::rc::Rc;

/// A text and every lexicon hit in it (spans relative to the text).
///
/// Parts of it ([`Tagged::sub`]) share the hits of the whole: a part is a
/// window on them, so cutting a quote or a sentence costs no copy.
#[derive(Clone, Debug)]
pub(crate) struct Tagged<'t> {
    pub text: &'t str,
    /// The hits of the whole text this part was cut from (shared, never copied).
    all: Rc<Hits>,
    /// Where this part starts in the whole text.
    base: usize,
    /// The index range of `all` of the hits that start in this part.
    range: (usize, usize),
    /// End of the first sentence, found on first use.
    first_end: OnceCell<usize>,
}

impl<'t> Tagged<'t> {
    /// Tag `text` (one pass of the claim lexicon).
    pub(crate) fn new(text: &'t str) -> Self {
        Self::from_hits(text, claim::tag(text))
    }

    /// Tag `text` with the context tags only (see [`claim::is_context_tag`]).
    fn context(text: &'t str) -> Self {
        Self::from_hits(text, claim::tag_context(text))
    }

    /// Tag `text` with the date words only.
    fn dates(text: &'t str) -> Self {
        Self::from_hits(text, claim::tag_dates(text))
    }

    fn from_hits(text: &'t str, hits: Vec<Hit>) -> Self {
        let all = Rc::new(Hits::new(hits, text.len()));
        let range = (0, all.hits.len());
        Tagged {
            text,
            all,
            base: 0,
            range,
            first_end: OnceCell::new(),
        }
    }

    /// The hits wholly inside the text, with spans relative to it.
    pub(crate) fn hits(&self) -> impl Iterator<Item = Hit> + '_ {
        let (base, len) = (self.base, self.text.len());
        self.all.hits[self.range.0..self.range.1]
            .iter()
            .filter(move |h| h.span.end <= base + len)
            .map(move |h| Hit {
                span: Span::new(h.span.start - base, h.span.end - base),
                tag: h.tag,
            })
    }

    /// The part `start..end` (clamped to char boundaries) with the hits
    /// wholly inside it, shifted.
    pub(crate) fn sub(&self, start: usize, end: usize) -> Tagged<'t> {
        let end = floor_char_boundary(self.text, end.min(self.text.len()));
        let start = floor_char_boundary(self.text, start.min(end));
        let (abs_start, abs_end) = (self.base + start, self.base + end);
        // A part from the start, or to the end, keeps that end of the range.
        let from = if start == 0 {
            self.range.0
        } else {
            self.all.first_from(abs_start, self.range)
        };
        let to = if end == self.text.len() {
            self.range.1
        } else {
            self.all.first_from(abs_end, (from, self.range.1))
        };
        Tagged {
            text: &self.text[start..end],
            all: Rc::clone(&self.all),
            base: abs_start,
            range: (from, to.max(from)),
            // A part from the start keeps a known first sentence that fits it.
            first_end: match self.first_end.get() {
                Some(&e) if start == 0 && e <= end => OnceCell::from(e),
                _ => OnceCell::new(),
            },
        }
    }

    /// The first sentence.
    pub(crate) fn first_sentence(&self) -> Tagged<'t> {
        self.sub(
            0,
            *self
                .first_end
                .get_or_init(|| scan::first_sentence_end(self.text)),
        )
    }

    /// The first hit `keep` accepts that lies within the first `n` words
    /// (longest first where hits start together); the words are counted
    /// only when there is such a hit.
    pub(crate) fn first_in_head(&self, n: usize, keep: impl Fn(Tag) -> bool) -> Option<Hit> {
        let mut end = None;
        for h in self.hits().filter(|h| keep(h.tag)) {
            let end = *end.get_or_insert_with(|| {
                scan::words(self.text)
                    .nth(n)
                    .map_or(self.text.len(), |(s, _)| s)
            });
            // Sorted by start: no later hit starts inside the head.
            if h.span.start >= end {
                return None;
            }
            if h.span.end <= end {
                return Some(h);
            }
        }
        None
    }

    /// Whether a hit carries a tag `keep` accepts.
    pub(crate) fn has(&self, keep: impl Fn(Tag) -> bool) -> bool {
        self.hits().any(|h| keep(h.tag))
    }

    /// The accepted hits, longest first where they overlap (see [`claim::longest`]).
    pub(crate) fn longest(&self, keep: impl Fn(Tag) -> bool) -> Vec<Hit> {
        claim::longest(self.hits(), keep)
    }

    /// [`Tagged::longest`] as an iterator (nothing allocated).
    pub(crate) fn longest_iter<'a>(
        &'a self,
        keep: impl Fn(Tag) -> bool + 'a,
    ) -> impl Iterator<Item = Hit> + 'a {
        claim::longest_iter(self.hits(), keep)
    }
}

/// The hits of a tagged text, sorted by start, with an index to find
/// where the hits of a part start in fewer steps than a binary search of
/// the whole (a long paragraph is cut into a part per claim, several times).
#[derive(Debug)]
struct Hits {
    hits: Vec<Hit>,
    /// For each block of [`BLOCK`] bytes, the index of the first hit that
    /// starts in or after it (empty for a short text).
    block: Vec<u32>,
}

/// Bytes per entry of [`Hits::block`].
const BLOCK: usize = 64;

/// Texts up to this long are searched without a block index.
const UNINDEXED: usize = 2048;

/// Ranges of up to this many hits are counted by [`Hits::first_from`], not searched.
const SCAN: usize = 4;

impl Hits {
    fn new(hits: Vec<Hit>, len: usize) -> Self {
        let mut block = Vec::new();
        if len > UNINDEXED {
            block.reserve(len / BLOCK + 2);
            let mut i = 0;
            for k in 0..=len / BLOCK + 1 {
                while hits.get(i).is_some_and(|h| h.span.start < k * BLOCK) {
                    i += 1;
                }
                block.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        Hits { hits, block }
    }

    /// The index of the first hit in the index range `within` that starts
    /// at or after byte `at` (the end of `within` if none does).
    fn first_from(&self, at: usize, within: (usize, usize)) -> usize {
        let hi0 = within.1.min(self.hits.len());
        let lo0 = within.0.min(hi0);
        // A part most often starts before the first hit of the range or
        // ends after the last one starts: answered without a search.
        match (self.hits.get(lo0), self.hits.get(hi0.wrapping_sub(1))) {
            (Some(first), _) if lo0 < hi0 && first.span.start >= at => return lo0,
            (_, Some(last)) if lo0 < hi0 && last.span.start < at => return hi0,
            _ if lo0 == hi0 => return lo0,
            _ => {}
        }
        let (mut lo, mut hi) = (lo0, hi0);
        // The answer over all hits lies between the entries of `at`'s block
        // and that of the next; clamped to `within`, so does the answer in it.
        let k = at / BLOCK;
        if let (Some(&a), Some(&b)) = (self.block.get(k), self.block.get(k + 1)) {
            lo = (a as usize).clamp(lo0, hi0);
            hi = (b as usize).clamp(lo, hi0);
        }
        // A paragraph or a part holds few hits: counting those before `at`
        // (sorted: the same answer) in a window of fixed length takes no
        // branch on the data, where a binary search or a scan that stops
        // mispredicts; a longer range (a long paragraph) is searched.
        let n = hi - lo;
        if let Some(window) = self.hits.get(lo..lo + SCAN).filter(|_| n <= SCAN) {
            let before = window
                .iter()
                .enumerate()
                .map(|(i, h)| usize::from((i < n) & (h.span.start < at)))
                .sum::<usize>();
            return lo + before;
        }
        lo + self.hits[lo..hi].partition_point(|h| h.span.start < at)
    }
}

/// One body paragraph: its span in the article, its text, and, each found
/// on first use (most paragraphs hold no quote and are only read for
/// places and dates), its tagged text, its context hits, its date hits and
/// its sentence ends (relative, just past each sentence's final mark).
#[derive(Clone, Debug)]
pub(crate) struct Para<'t> {
    pub span: Span,
    text: &'t str,
    tagged: OnceCell<Tagged<'t>>,
    context: OnceCell<Tagged<'t>>,
    dates: OnceCell<Tagged<'t>>,
    ends: OnceCell<Vec<usize>>,
    /// Where [`Body::new`] found the paragraph's hits: a lane and a range.
    placed: Cell<Option<(usize, (usize, usize))>>,
    /// The sentence last looked up (see [`Para::rank`]).
    last: Cell<usize>,
}

/// An article's body paragraphs, each tagged and split into sentences once.
#[derive(Clone, Debug, Default)]
pub(crate) struct Body<'t> {
    pub paras: Vec<Para<'t>>,
    /// The paragraph last looked up (see [`Body::index_at`]).
    last: Cell<usize>,
}

impl<'t> Body<'t> {
    /// The body paragraphs of `article`; those holding a byte of `quoted`
    /// (offsets in text order) are tagged with the whole lexicon at once,
    /// the others only when read.
    pub(crate) fn new(article: &'t Article<'_>, quoted: impl Iterator<Item = usize>) -> Self {
        let mut paras = paras_room();
        paras.extend(article.with_role(Role::Body).map(|e| Para {
            span: e.span,
            text: article.slice(e.span),
            tagged: OnceCell::new(),
            context: OnceCell::new(),
            dates: OnceCell::new(),
            ends: OnceCell::new(),
            placed: Cell::new(None),
            last: Cell::new(0),
        }));
        let body = Body {
            paras,
            last: Cell::new(0),
        };
        // The paragraphs of the quotes, each once (one that an offset out
        // of order would queue again is tagged when read), two at a time,
        // their hits in two lanes that they share.
        let mut last = None;
        let queued = quoted.filter_map(|offset| {
            let i = body
                .index_at(offset)
                .filter(|&i| last.map_or(true, |l| i > l))?;
            last = Some(i);
            let p = &body.paras[i];
            Some((i, p.span.start, p.text))
        });
        let bytes: usize = body.paras.iter().map(|p| p.text.len()).sum();
        // About one hit per 30 bytes of prose, in two lanes (room for one
        // per 32 bytes of the body in each: a lane is rarely regrown).
        let lanes = claim::tag_each(queued, bytes / 32, |i, lane, range| {
            body.paras[i].placed.set(Some((lane, range)));
        });
        let len = body.paras.last().map_or(0, |p| p.span.end);
        let mut lanes = lanes.map(|hits| (Some(hits), None));
        for p in &body.paras {
            let Some((lane, range)) = p.placed.take() else {
                continue;
            };
            let (hits, all) = &mut lanes[lane];
            let all =
                all.get_or_insert_with(|| Rc::new(Hits::new(hits.take().unwrap_or_default(), len)));
            let _ = p.tagged.set(Tagged {
                text: p.text,
                all: Rc::clone(all),
                base: p.span.start,
                range,
                first_end: OnceCell::new(),
            });
        }
        body
    }

    /// Drop the paragraphs, keeping their room for the next article's
    /// (see [`paras_room`]) unless it is large.
    pub(crate) fn recycle(self) {
        let mut paras = self.paras;
        if paras.capacity() <= KEEP_PARAS {
            paras.clear();
            PARAS.set(emptied(paras));
        }
    }

    /// Index of the paragraph holding byte `offset`.
    pub(crate) fn index_at(&self, offset: usize) -> Option<usize> {
        // Claims are read in text order: most look-ups hit the paragraph
        // of the previous one.
        let last = self.last.get();
        if self
            .paras
            .get(last)
            .is_some_and(|p| p.span.contains_offset(offset))
        {
            return Some(last);
        }
        // Else most often the next paragraph (the next quote's).
        let i = match self.paras.get(last + 1) {
            Some(p) if p.span.contains_offset(offset) => {
                self.last.set(last + 1);
                return Some(last + 1);
            }
            Some(p) if p.span.start <= offset => {
                let rest = &self.paras[last + 2..];
                last + 2 + rest.partition_point(|p| p.span.end <= offset)
            }
            _ => self.paras.partition_point(|p| p.span.end <= offset),
        };
        if i < self.paras.len() {
            self.last.set(i);
        }
        self.paras
            .get(i)
            .filter(|p| p.span.contains_offset(offset))
            .map(|_| i)
    }

    /// The paragraph holding byte `offset`.
    pub(crate) fn para_at(&self, offset: usize) -> Option<&Para<'t>> {
        self.index_at(offset).and_then(|i| self.paras.get(i))
    }

    /// The sentences of the paragraph holding `span`, from the one where it
    /// starts to the one where it ends (`span` itself outside the body).
    pub(crate) fn sentence(&self, span: Span) -> Span {
        let Some(p) = self.para_at(span.start) else {
            return span;
        };
        let rel_start = span.start - p.span.start;
        let rel_end = span.end.min(p.span.end) - p.span.start;
        let start = p.start_of(rel_start);
        let ends = p.ends();
        let end = ends.get(p.rank(rel_end)).copied().unwrap_or(p.text.len());
        // A "sentence" that runs on for thousands of bytes (a paragraph with
        // no sentence ends) is clipped to a reach around the span, so that the
        // work done per claim stays bounded and the stage linear.
        let start = start.max(floor_char_boundary(
            p.text,
            rel_start.saturating_sub(SENTENCE_REACH),
        ));
        let end = end.min(ceil_char_boundary(p.text, rel_end + SENTENCE_REACH));
        Span::new(p.span.start + start, p.span.start + end.max(rel_end))
    }

    /// Where the sentence holding byte `offset` starts (`offset` outside the body).
    pub(crate) fn sentence_start(&self, offset: usize) -> usize {
        self.para_at(offset)
            .map_or(offset, |p| p.span.start + p.start_of(offset - p.span.start))
    }

    /// Whether the hits a tagging of `text[from..]` would find before the
    /// start of paragraph `i` (in it, nothing: `Some(false)`) carry a tag
    /// `keep` accepts, told from the previous paragraph's tagging when it
    /// is done and `from` lies in it at a word start, with only white space
    /// and a line break (which no hit spans) between the two; `None` when
    /// that cannot tell.
    pub(crate) fn before_has(
        &self,
        text: &str,
        i: usize,
        from: usize,
        keep: impl Fn(Tag) -> bool,
    ) -> Option<bool> {
        let start = self.paras.get(i)?.span.start;
        if from >= start {
            return Some(false);
        }
        let prev = self.paras.get(i.checked_sub(1)?)?;
        let gap = text.get(prev.span.end..start)?;
        let word_start =
            from == prev.span.start || text.as_bytes().get(from.wrapping_sub(1)) == Some(&b' ');
        if from < prev.span.start
            || !word_start
            || !gap.contains('\n')
            || !gap.bytes().all(|b| b.is_ascii_whitespace())
        {
            return None;
        }
        let tagged = prev.tagged.get()?;
        Some(
            from < prev.span.end
                && tagged
                    .sub(from - prev.span.start, tagged.text.len())
                    .has(keep),
        )
    }

    /// The tagged text of `span`, if it lies in one paragraph.
    pub(crate) fn tagged(&self, span: Span) -> Option<Tagged<'t>> {
        let p = self.para_at(span.start).filter(|p| p.span.contains(span))?;
        Some(
            p.tagged()
                .sub(span.start - p.span.start, span.end - p.span.start),
        )
    }
}

impl<'t> Para<'t> {
    /// The paragraph's text.
    pub(crate) fn text(&self) -> &'t str {
        self.text
    }

    /// The paragraph tagged with the whole lexicon.
    pub(crate) fn tagged(&self) -> &Tagged<'t> {
        self.tagged.get_or_init(|| Tagged::new(self.text))
    }

    /// The paragraph's hits of the context tags ([`claim::is_context_tag`]),
    /// perhaps among others: read them only with a filter on those tags.
    pub(crate) fn context(&self) -> &Tagged<'t> {
        match self.tagged.get() {
            Some(t) => t,
            None => self.context.get_or_init(|| Tagged::context(self.text)),
        }
    }

    /// The paragraph's date hits, perhaps among others (those of a tagging
    /// already done): read them only with a filter on date tags.
    pub(crate) fn dates(&self) -> &Tagged<'t> {
        if let Some(t) = self.tagged.get().or_else(|| self.context.get()) {
            return t;
        }
        self.dates.get_or_init(|| Tagged::dates(self.text))
    }

    /// The sentence ends of the paragraph.
    fn ends(&self) -> &[usize] {
        self.ends
            .get_or_init(|| scan::sentence_ends(self.text).collect())
    }

    /// How many sentence ends lie at or before relative byte `at`. Claims
    /// are read in text order: the answer is most often that of the last
    /// look-up or a few sentences on, tried before a binary search.
    fn rank(&self, at: usize) -> usize {
        let ends = self.ends();
        let last = self.last.get().min(ends.len());
        let i = if last > 0 && ends[last - 1] > at {
            ends[..last].partition_point(|&e| e <= at)
        } else {
            // The answer is `last` or after it.
            let near = ends[last..]
                .iter()
                .take(4)
                .take_while(|&&e| e <= at)
                .count();
            if near < 4 {
                last + near
            } else {
                last + 4 + ends[last + 4..].partition_point(|&e| e <= at)
            }
        };
        self.last.set(i);
        i
    }

    /// Where the sentence holding relative byte `at` starts, after white space.
    fn start_of(&self, at: usize) -> usize {
        let ends = self.ends();
        let i = self.rank(at);
        let start = if i == 0 { 0 } else { ends[i - 1] };
        let rest = self.text.get(start..).unwrap_or("");
        start + (rest.len() - rest.trim_start().len())
    }
}

thread_local! {
    /// The room of the last [`Body`]'s paragraphs on this thread, empty
    /// (a `Vec` of a paragraph type of any lifetime: none is kept).
    static PARAS: std::cell::Cell<Vec<Para<'static>>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The most paragraphs whose room [`Body::recycle`] keeps.
const KEEP_PARAS: usize = 256;

/// An empty vector with the room [`Body::recycle`] kept.
fn paras_room<'t>() -> Vec<Para<'t>> {
    emptied(PARAS.take())
}

/// `v`'s allocation as an empty vector of paragraphs of another lifetime:
/// collected in place (the same layout), nothing moved or allocated.
#[allow(clippy::unnecessary_filter_map)]
fn emptied<'a, 'b>(v: Vec<Para<'a>>) -> Vec<Para<'b>> {
    v.into_iter().filter_map(|_| None).collect()
}

/// How far a claim's context sentence may reach beyond the quote, in bytes.
const SENTENCE_REACH: usize = 600;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_shifts_hits_and_drops_straddlers() {
        let t = Tagged::new("We are not in Syria. No one is.");
        let first = t.first_sentence();
        assert_eq!(first.text, "We are not in Syria.");
        assert!(first.has(|t| t == Tag::Negator));
        assert!(first.has(|t| matches!(t, Tag::Place("Syria"))));
        let second = t.sub(21, t.text.len());
        let negs = second.longest(|t| t == Tag::Negator);
        assert_eq!(negs.len(), 1);
        assert_eq!(negs[0].span.of(second.text), "No one");
        assert_eq!(
            t.sub(8, 9).hits().count(),
            0,
            "a hit cut by the edge is dropped"
        );
        assert_eq!(
            Tagged::new("né").sub(0, 2).text,
            "n",
            "clamped to a char boundary"
        );
    }

    #[test]
    fn block_index_finds_what_a_binary_search_finds() {
        let text = "We are not in Syria, no one is. ".repeat(200);
        let whole = Tagged::new(&text);
        assert!(!whole.all.block.is_empty(), "a long text is indexed");
        let hits = &whole.all.hits;
        for at in (0..text.len()).step_by(7) {
            let expect = hits.partition_point(|h| h.span.start < at);
            assert_eq!(whole.all.first_from(at, (0, hits.len())), expect, "{at}");
            // Within a narrower range: the answer clamped to it.
            let within = (hits.len() / 3, hits.len() / 2);
            assert_eq!(
                whole.all.first_from(at, within),
                expect.clamp(within.0, within.1),
                "{at}"
            );
        }
        let part = whole.sub(3000, 3100);
        let direct = Tagged::new(&text[3000..3100]);
        assert_eq!(
            part.hits().collect::<Vec<_>>(),
            direct.hits().collect::<Vec<_>>()
        );
    }

    #[test]
    fn counted_window_finds_what_a_binary_search_finds() {
        // Short (no block index): ranges below, at and above `SCAN` hits,
        // and windows that would run past the last hit.
        let text = "We are not in Syria, no one is, they said. ".repeat(6);
        let whole = Tagged::new(&text);
        let hits = &whole.all.hits;
        assert!(whole.all.block.is_empty() && hits.len() > 2 * SCAN);
        for lo in 0..hits.len() {
            for hi in [lo, lo + 1, lo + SCAN, lo + SCAN + 1, hits.len()] {
                let within = (lo, hi.min(hits.len()));
                for at in 0..=text.len() {
                    let expect = hits.partition_point(|h| h.span.start < at);
                    assert_eq!(
                        whole.all.first_from(at, within),
                        expect.clamp(within.0, within.1),
                        "{at} {within:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn first_in_head_counts_words_only_for_a_hit() {
        let t = Tagged::new("The claims that no troops went are false.");
        let h = t.first_in_head(3, |g| g == Tag::ReportNoun);
        assert_eq!(h.map(|h| h.span.of(t.text)), Some("claims"));
        assert!(t.first_in_head(1, |g| g == Tag::ReportNoun).is_none());
        assert!(t.first_in_head(9, |g| g == Tag::Hedge).is_none());
    }

    #[test]
    fn before_has_reads_the_end_of_a_tagged_previous_paragraph() {
        let text = "Title\n\nWe go now, they denied.\n\nHe said so.";
        let article = crate::parse(text).expect("parses");
        let body = Body::new(&article, std::iter::empty());
        let (denied, they, he) = (
            text.find("denied").unwrap_or(0),
            text.find("they").unwrap_or(0),
            text.find("He").unwrap_or(0),
        );
        let cue = |g| g == Tag::DenialCue;
        assert_eq!(body.before_has(text, 1, they, cue), None, "not tagged yet");
        let _ = body.paras[0].tagged();
        // As a tagging of the window itself finds.
        assert!(Tagged::new(&text[they..he + 2]).has(cue));
        assert_eq!(body.before_has(text, 1, they, cue), Some(true));
        assert_eq!(body.before_has(text, 1, denied, cue), Some(true));
        assert_eq!(
            body.before_has(text, 1, denied + 1, cue),
            None,
            "no word start"
        );
        assert_eq!(
            body.before_has(text, 1, they, |g| g == Tag::Hedge),
            Some(false)
        );
        assert_eq!(
            body.before_has(text, 1, he, cue),
            Some(false),
            "nothing before"
        );
        assert_eq!(
            body.before_has(text, 0, 0, cue),
            None,
            "no previous paragraph"
        );
    }

    #[test]
    fn recycled_paragraph_room_is_reused() {
        let text = "Title\n\nOne.\n\nTwo.\n\nThree.";
        let article = crate::parse(text).expect("parses");
        let body = Body::new(&article, std::iter::empty());
        let room = (body.paras.as_ptr() as usize, body.paras.capacity());
        body.recycle();
        let again = Body::new(&article, std::iter::empty());
        assert_eq!(again.paras.len(), 3);
        assert_eq!(
            (again.paras.as_ptr() as usize, again.paras.capacity()),
            room
        );
    }

    #[test]
    fn body_sentences() {
        let text = "Title\n\nFirst one. Second one, he said. Third.\n\nNext para.";
        let article = crate::parse(text).expect("parses");
        let body = Body::new(&article, std::iter::empty());
        assert_eq!(body.paras.len(), 2);
        let at = text.find("one, he").unwrap_or(0);
        assert_eq!(
            body.sentence(Span::new(at, at + 3)).of(text),
            "Second one, he said."
        );
        assert_eq!(body.sentence_start(at), text.find("Second").unwrap_or(0));
        let next = text.find("Next").unwrap_or(0);
        assert_eq!(body.index_at(next), Some(1));
        // Forward a paragraph, back, and forward past the last one.
        assert_eq!(body.index_at(at), Some(0));
        assert_eq!(body.index_at(next), Some(1), "the next paragraph");
        assert_eq!(body.index_at(text.len()), None);
        assert_eq!(body.index_at(0), None, "the title is not body");
        assert_eq!(body.index_at(at), Some(0));
        assert_eq!(
            body.tagged(Span::new(next, next + 4)).map(|t| t.text),
            Some("Next")
        );
        assert!(
            body.tagged(Span::new(at, next)).is_none(),
            "spans two paragraphs"
        );
    }
}
