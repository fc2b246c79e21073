//! When each quoted statement was made.
//!
//! In order of preference, a claim's date is:
//! 1. the date written beside its attribution: after the cue (`said on
//!    Thursday`, `saying on October 6 that`), between the speaker and the cue
//!    (`Lavrov on Thursday said`), or opening the sentence (`Earlier on June
//!    28, Putin said`);
//! 2. the date of the speaker's previous statement in the article;
//! 3. a date in an earlier sentence that names the speaker (`comments on
//!    October 5 by Admiral X ... X said that`);
//! 4. the article's news day, for a statement reported in the past tense
//!    with no other date in its sentence: the date of the lede's first
//!    statement, or else the dateline or publication date.
//!
//! Present and perfect cues (`say`, `has said`) and noun cues (`statements
//! that`) only take a date written beside them. Years the text does not
//! print come from world knowledge when it allows one only (see
//! `date::Knowledge`).

use super::date::{self, Anchor, Found};
use super::scan;
use super::tagged::{Body, Para, Tagged};
use super::{ClaimDate, DateAnchor, DateHow, FastMap, NoDate, StatementDate};
use crate::article::{Article, Role};
use crate::lexicon::claim::{is_word_boundary, Tag};
use crate::quote::{Quote, Quotes};
use crate::text::floor_char_boundary;
use crate::Span;

/// Bytes after a cue (or between speaker and cue) searched for its date.
const NEAR: usize = 48;

/// Dates before a quote looked at for a sentence naming its speaker.
const MENTION_DATES: usize = 6;

/// Bytes either side of such a date searched for the speaker's name.
const MENTION_REACH: usize = 300;

/// The statement dates of one article's quotes.
pub(crate) struct Dates<'a, 't> {
    article: &'a Article<'t>,
    quotes: &'a Quotes,
    body: &'a Body<'t>,
    /// Every date expression of the body, absolute spans, resolved in order.
    exprs: Vec<(Span, Result<StatementDate, NoDate>)>,
    /// Per body paragraph, the index in `exprs` of its first expression
    /// (one more entry: the end), so that a quote's rules read only the
    /// expressions of its own paragraphs.
    para_starts: Vec<usize>,
    /// The anchor, its year fixed by world knowledge when it can be.
    anchor: Option<Anchor>,
    /// The news day, once asked for.
    news_day: Option<ClaimDate>,
    /// The date of each speaker given one but the last (an entry for the
    /// last may be out of date: `last_speaker` is read first).
    by_speaker: FastMap<&'a str, ClaimDate>,
    /// The speaker last given a date, with it: a speaker's quotes often
    /// follow one another, and need no hashing then.
    last_speaker: Option<(&'a str, ClaimDate)>,
}

fn to_claim_date(r: Result<StatementDate, NoDate>) -> ClaimDate {
    match r {
        Ok(d) => ClaimDate::Resolved(d),
        Err(e) => ClaimDate::Unresolved(e),
    }
}

/// The anchor of an article: its publication date, else its dateline's date
/// (read from the printed date text when the article stage left it unset).
fn anchor_of(article: &Article<'_>) -> Option<Anchor> {
    use chrono::Datelike;
    if let Some(p) = article.published() {
        return Some(Anchor {
            year: Some(p.year()),
            month: p.month(),
            day: p.day(),
            source: DateAnchor::Published,
            basis: None,
        });
    }
    let d = article.dateline()?;
    if let Some(dd) = d.date {
        return Some(Anchor {
            year: dd.year,
            month: dd.month,
            day: dd.day,
            source: DateAnchor::Dateline,
            basis: None,
        });
    }
    let printed = d.date_text.as_deref()?;
    date::expressions(&Tagged::new(printed))
        .into_iter()
        .find_map(|f| match f.expr {
            date::Expr::Explicit {
                year, month, day, ..
            } => Some(Anchor {
                year,
                month,
                day,
                source: DateAnchor::Dateline,
                basis: None,
            }),
            _ => None,
        })
}

/// A test of whether spans, given in order of their start, lie outside
/// every quote of `quotes` (one sweep over both lists).
fn outside_quotes(quotes: &Quotes) -> impl FnMut(Span) -> bool + '_ {
    // Quotes come sorted by span, and are read in place then; copied and
    // sorted only when given otherwise.
    let sorted = quotes.quotes.windows(2).all(|w| w[0].span <= w[1].span);
    let mut copy: Vec<Span> = Vec::new();
    if !sorted {
        copy = quotes.quotes.iter().map(|q| q.span).collect();
        copy.sort_unstable();
    }
    let (mut next, mut max_end) = (0, 0);
    move |s: Span| {
        loop {
            let q = if sorted {
                quotes.quotes.get(next).map(|q| q.span)
            } else {
                copy.get(next).copied()
            };
            match q {
                Some(q) if q.start <= s.start => {
                    max_end = max_end.max(q.end);
                    next += 1;
                }
                _ => break,
            }
        }
        max_end < s.end
    }
}

/// The date expressions of the body paragraph `para` (after the dateline
/// when it holds it), absolute spans.
fn para_expressions(para: &Para<'_>, dateline: Option<Span>, out: &mut Vec<Found>) {
    let span = para.span;
    match dateline.filter(|d| span.contains(*d)) {
        Some(d) => {
            let seg = para.dates().sub(d.end - span.start, para.text().len());
            date::expressions_into(&seg, d.end, out);
        }
        // The whole paragraph: its tagged text as it is, not cut.
        None => date::expressions_into(para.dates(), span.start, out),
    }
}

/// Which paragraphs no claim takes a date from [`looked_at_expressions`]
/// reads: those with a digit when world knowledge may be read (their
/// printed dates may name an event), told by the content's digits when read
/// already, else by a scan; none when it is not read (an anchor with a year).
#[derive(Clone, Copy)]
enum Read<'d> {
    Taken,
    Scan,
    Digits(&'d date::Digits),
}

/// The date expressions of the paragraphs the statement dates are read
/// from, in text order: the lede, and each paragraph holding a body quote
/// with the one before it. A date counted from the previous one (`a day
/// later`) needs every earlier date: when the paragraphs read hold one, all
/// the paragraphs up to it are read.
///
/// A paragraph read only for a quote no claim is made of (one without a
/// speaker, not the first) is left out when its dates can change nothing
/// a claim reads. No claim takes a date from it (claims take those of their
/// own paragraph and the one before it, and the news day those of the first
/// body quote's); its dates only reach others as world knowledge (an event
/// named with a printed month and day: a paragraph with a digit, `digits`
/// tells, read only when world knowledge may be: see [`Read`]) or as the
/// date a later one counts from. That one is read then: a date counted from
/// the previous one in a paragraph read makes all the paragraphs up to it
/// read. A date counted from the previous one in this paragraph would only
/// make more such paragraphs read, whose dates no claim takes either.
fn looked_at_expressions(
    article: &Article<'_>,
    quotes: &Quotes,
    body: &Body<'_>,
    digits: Read<'_>,
) -> Vec<Found> {
    let dateline = article.dateline().map(|d| d.span);
    // Paragraph indices, each with whether a claim (or the news day) may
    // take its dates.
    let mut paras: Vec<(usize, bool)> = Vec::with_capacity(2 * quotes.quotes.len() + 1);
    if !body.paras.is_empty() {
        paras.push((0, true));
    }
    // Quotes come in text order: the indices come sorted, each pushed once
    // (sorted here only for quotes given in another order).
    let mut sorted = true;
    // Whether every paragraph is read: when a quote a claim may be made
    // of lies in none (its sentence is then looked for among all dates).
    let mut all = false;
    let mut first = true;
    for q in quotes.quotes.iter().filter(|q| q.section == Role::Body) {
        let taken = std::mem::take(&mut first) || q.speaker.is_some();
        let Some(i) = body.index_at(q.span.start) else {
            all |= taken;
            continue;
        };
        // A paragraph pushed already comes right after the one before it.
        if let [.., before, last] = &mut paras[..] {
            if last.0 == i && (i == 0 || before.0 == i - 1) {
                last.1 |= taken;
                before.1 |= taken;
                continue;
            }
        }
        for j in [i.saturating_sub(1), i] {
            match paras.last_mut() {
                Some(l) if l.0 == j => l.1 |= taken,
                Some(l) if l.0 > j => {
                    sorted = false;
                    paras.push((j, taken));
                }
                _ => paras.push((j, taken)),
            }
        }
    }
    if !sorted {
        paras.sort_unstable_by_key(|&(i, _)| i);
        paras.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 |= b.1;
            }
            same
        });
    }
    let mut found: Vec<Found> = Vec::new();
    for &(i, taken) in &paras {
        let para = &body.paras[i];
        let read = taken
            || all
            || match digits {
                Read::Taken => false,
                Read::Scan => date::has_digit(para.text()),
                Read::Digits(d) => d.any_in(para.span),
            };
        if read {
            para_expressions(para, dateline, &mut found);
        }
    }
    let later = found
        .iter()
        .rev()
        .find(|f| matches!(f.expr, date::Expr::Later(_)))
        .and_then(|f| body.index_at(f.span.start));
    if let Some(last) = later {
        let rest = found.split_off(
            found.partition_point(|f| body.index_at(f.span.start).is_some_and(|i| i <= last)),
        );
        found.clear();
        for para in &body.paras[..=last] {
            para_expressions(para, dateline, &mut found);
        }
        found.extend(rest);
    }
    found
}

impl<'a, 't> Dates<'a, 't> {
    /// Find and resolve the date expressions of `article`'s body, given as
    /// its body elements' spans with their tagged text.
    pub(crate) fn new(article: &'a Article<'t>, quotes: &'a Quotes, body: &'a Body<'t>) -> Self {
        let mut anchor = anchor_of(article);
        // The digits of the content (the years the text allows, and whether
        // a heading may date an event), read only when a weekday or world
        // knowledge needs them. World knowledge is read for a yearless
        // anchor: the digits are read first then, and tell the paragraphs
        // with a digit.
        let mut digits: Option<date::Digits> = None;
        let read = match anchor {
            Some(a) if a.year.is_some() => Read::Taken,
            Some(_) => Read::Digits(digits.insert(date::Digits::of(article))),
            None => Read::Scan,
        };
        let found = looked_at_expressions(article, quotes, body, read);
        // World knowledge, read only when a year is missing that it may
        // give: the anchor's (the news day), or a printed date's.
        let needs_knowledge = match anchor {
            Some(a) => a.year.is_none(),
            None => found
                .iter()
                .any(|f| matches!(f.expr, date::Expr::Explicit { year: None, .. })),
        };
        let know = needs_knowledge.then(|| {
            let digits = digits.get_or_insert_with(|| date::Digits::of(article));
            date::Knowledge::read(article, quotes, body, &found, digits)
        });
        // Knowledge that says nothing fixes nothing: as none.
        let know = know.filter(|k| !k.is_blank());
        if let Some(k) = &know {
            let mut outside = outside_quotes(quotes);
            let lede = body.paras.first().map_or(Span::new(0, 0), |p| p.span);
            let weekdays: Vec<u32> = found
                .iter()
                .filter(|f| outside(f.span) && lede.contains(f.span))
                .filter_map(|f| match f.expr {
                    date::Expr::Weekday(w) => Some(w),
                    _ => None,
                })
                .collect();
            anchor = k.fix_anchor(anchor, &weekdays);
        }
        let mut exprs: Vec<(Span, Result<StatementDate, NoDate>)> = Vec::new();
        let mut previous: Option<StatementDate> = None;
        for f in found {
            // A weekday fixes a year only against a dateline without one,
            // or beside a printed month and day.
            let yearless_anchor = anchor.is_some_and(|a| a.year.is_none());
            let needs_years = match f.expr {
                date::Expr::Weekday(_) => yearless_anchor,
                date::Expr::Explicit {
                    weekday: Some(_),
                    year: None,
                    ..
                } => anchor.map_or(true, |a| a.year.is_none()),
                _ => false,
            };
            let allowed: &[i32] = if needs_years {
                digits
                    .get_or_insert_with(|| date::Digits::of(article))
                    .years()
            } else {
                &[]
            };
            let r = date::resolve_with(f, anchor, previous.as_ref(), allowed, know.as_ref());
            if let Ok(d) = r {
                if d.day.is_some() {
                    previous = Some(d);
                }
            }
            // An event's date is not when anyone spoke about it.
            let r = match &know {
                Some(k) if k.dates_event(f.span) => Err(NoDate::NoExpression),
                _ => r,
            };
            exprs.push((f.span, r));
        }
        // Dates inside quoted words are what a speaker talks about, not
        // when they spoke: keep only the others.
        let mut outside = outside_quotes(quotes);
        exprs.retain(|(s, _)| outside(*s));
        let mut para_starts = Vec::with_capacity(body.paras.len() + 1);
        let mut j = 0;
        for p in &body.paras {
            while exprs.get(j).is_some_and(|(s, _)| s.start < p.span.start) {
                j += 1;
            }
            para_starts.push(j);
        }
        para_starts.push(exprs.len());
        Dates {
            article,
            quotes,
            body,
            exprs,
            para_starts,
            anchor,
            news_day: None,
            by_speaker: FastMap::default(),
            last_speaker: None,
        }
    }

    /// The article's news day (found on first use: most claims have a date
    /// of their own, or their speaker's).
    fn news_day(&mut self) -> ClaimDate {
        if let Some(d) = self.news_day {
            return d;
        }
        let first_body = self.quotes.quotes.iter().find(|q| q.section == Role::Body);
        let lede_date = first_body
            .and_then(|q| self.attached(q, self.body.index_at(q.span.start)?))
            .map(|(_, r)| to_claim_date(r));
        let d = match (lede_date, self.anchor) {
            (Some(d), _) => d,
            (None, Some(a)) => ClaimDate::Resolved(StatementDate {
                year: a.year,
                month: a.month,
                day: Some(a.day),
                how: DateHow::NewsDay,
                span: None,
                anchor: Some(a.source),
                inherited: false,
                year_basis: a.basis,
            }),
            (None, None) => ClaimDate::Unresolved(NoDate::NoExpression),
        };
        self.news_day = Some(d);
        d
    }

    /// The date expressions (outside quoted words) of body paragraphs
    /// `first..=last`.
    fn of_paras(&self, first: usize, last: usize) -> &[(Span, Result<StatementDate, NoDate>)] {
        let lo = self.para_starts.get(first).copied().unwrap_or(0);
        let hi = self.para_starts.get(last + 1).copied().unwrap_or(lo);
        self.exprs.get(lo..hi).unwrap_or(&[])
    }

    /// The expressions of `exprs` whose start lies in `window`.
    fn in_window<'e>(
        exprs: &'e [(Span, Result<StatementDate, NoDate>)],
        window: Span,
    ) -> impl DoubleEndedIterator<Item = &'e (Span, Result<StatementDate, NoDate>)> + 'e {
        let lo = exprs.partition_point(|(s, _)| s.start < window.start);
        let hi = exprs.partition_point(|(s, _)| s.start < window.end);
        exprs[lo..hi.max(lo)].iter()
    }

    /// The date expression written beside `q`'s attribution (in body
    /// paragraph `idx`), if any.
    fn attached(&self, q: &Quote, idx: usize) -> Option<(Span, Result<StatementDate, NoDate>)> {
        let exprs = self.of_paras(idx, idx);
        if exprs.is_empty() {
            return None;
        }
        let text = self.article.text();
        let el = self.body.paras.get(idx)?.span;
        let cue = q.cue.as_ref().map(|c| c.span).filter(|c| el.contains(*c));
        let mention = q
            .speaker
            .as_ref()
            .map(|s| s.mention)
            .filter(|m| el.contains(*m));
        // (a) right after the cue, before any comma or sentence end.
        if let Some(c) = cue {
            let mut end = (c.end + NEAR).min(el.end);
            if q.span.start >= c.end {
                end = end.min(q.span.start);
            }
            let gap_ok = |s: Span| {
                let between = text.get(c.end..s.start).unwrap_or(",");
                !between.contains([',', '.', ';', ':', '"', '\u{201C}', '\u{201D}'])
                    && scan::words(between).count() <= 4
            };
            if let Some(x) = Self::in_window(exprs, Span::new(c.end, end)).find(|(s, _)| gap_ok(*s))
            {
                return Some(*x);
            }
        }
        // (b) between the speaker's mention and the cue.
        if let (Some(m), Some(c)) = (mention, cue) {
            if m.end <= c.start && c.start - m.end <= NEAR {
                if let Some(x) = Self::in_window(exprs, Span::new(m.end, c.start)).next() {
                    return Some(*x);
                }
            }
        }
        // (c) opening the sentence of the attribution.
        let first = [cue.map(|c| c.start), mention.map(|m| m.start)]
            .into_iter()
            .flatten()
            .min()?;
        let s = self.body.sentence_start(first);
        Self::in_window(exprs, Span::new(s, (s + 16).min(first)))
            .next()
            .copied()
    }

    /// Whether the sentence around `q` has a date expression outside quoted
    /// words (`q` in body paragraph `idx`, if any).
    fn sentence_has_date(&self, q: &Quote, idx: Option<usize>) -> bool {
        let exprs = match idx {
            Some(i) => self.of_paras(i, i),
            None => &self.exprs[..],
        };
        !exprs.is_empty()
            && Self::in_window(exprs, self.body.sentence(q.span))
                .next()
                .is_some()
    }

    /// A date in an earlier sentence of this or the previous paragraph that
    /// names the speaker (by the last word of the name).
    fn speaker_mention_date(&self, q: &Quote, idx: usize) -> Option<ClaimDate> {
        let exprs = self.of_paras(idx.saturating_sub(1), idx);
        if exprs.is_empty() {
            return None;
        }
        let name = &q.speaker.as_ref()?.name;
        let last = name.split_whitespace().last()?;
        let text = self.article.text();
        let from = self.body.paras[idx.saturating_sub(1)].span.start;
        let sentence = self.body.sentence(q.span);
        // One searcher for the name, built only for a date to look around.
        let mut finder = None;
        // The nearest few dates before the sentence, latest first.
        let mut found = None;
        for (s, r) in Self::in_window(exprs, Span::new(from, sentence.start))
            .rev()
            .take(MENTION_DATES)
        {
            let around = self.body.sentence(*s);
            let lo = floor_char_boundary(
                text,
                around.start.max(s.start.saturating_sub(MENTION_REACH)),
            );
            let hi = floor_char_boundary(text, around.end.min(s.end + MENTION_REACH));
            let sent = text.get(lo..hi).unwrap_or("");
            let names = finder
                .get_or_insert_with(|| memchr::memmem::Finder::new(last))
                .find_iter(sent.as_bytes())
                .any(|i| is_word_boundary(sent, i, i + last.len()));
            if names {
                found = Some(*r);
                break;
            }
        }
        found.map(|r| match to_claim_date(r) {
            ClaimDate::Resolved(d) => ClaimDate::Resolved(StatementDate {
                inherited: true,
                ..d
            }),
            u => u,
        })
    }

    /// Whether `q`'s cue reports a dated past statement (not `say`, `has
    /// said`, `statements that`).
    fn datable_cue(&self, q: &Quote) -> bool {
        let Some(c) = q.cue.as_ref().map(|c| c.span) else {
            return true;
        };
        let text = self.article.text();
        let from = crate::text::ceil_char_boundary(text, c.start.saturating_sub(12));
        let window = Span::new(from, c.end);
        let tagged = self
            .body
            .tagged(window)
            .unwrap_or_else(|| Tagged::new(window.of(text)));
        !tagged.has(|g| g == Tag::UndatedCue)
    }

    /// The date of quote `qi` (call in text order: speakers' dates carry over).
    pub(crate) fn date_for(&mut self, qi: usize) -> ClaimDate {
        let Some(q) = self.quotes.quotes.get(qi) else {
            return ClaimDate::Unresolved(NoDate::NoExpression);
        };
        let speaker = q.speaker.as_ref().map_or("", |s| s.name.as_str());
        let idx = self.body.index_at(q.span.start);
        let date = if let Some((_, r)) = idx.and_then(|i| self.attached(q, i)) {
            to_claim_date(r)
        } else if let Some(d) = match self.last_speaker {
            Some((s, ref d)) if s == speaker => Some(d),
            _ => self.by_speaker.get(speaker),
        } {
            // The speaker's date stays as it is: it is read as inherited.
            return match *d {
                ClaimDate::Resolved(d) => ClaimDate::Resolved(StatementDate {
                    inherited: true,
                    ..d
                }),
                u => u,
            };
        } else if let Some(d) = idx.and_then(|i| self.speaker_mention_date(q, i)) {
            d
        } else if self.datable_cue(q) && !self.sentence_has_date(q, idx) {
            self.news_day()
        } else {
            return ClaimDate::Unresolved(NoDate::NoExpression);
        };
        // The last speaker's date is kept beside the map, and written to it
        // only when another speaker is given one (an article quoting one
        // speaker builds no map).
        match self.last_speaker {
            Some((s, _)) if s == speaker => {}
            Some((s, d)) => {
                self.by_speaker.insert(s, d);
            }
            None => {}
        }
        self.last_speaker = Some((speaker, date));
        date
    }
}

#[cfg(test)]
mod tests {
    use crate::claim::DateHow;

    /// The claim dates of `text`, as ISO strings and how they were found.
    fn dates(text: &str) -> Vec<(Option<String>, Option<DateHow>)> {
        let article = crate::parse(text).expect("parses");
        let quotes = crate::quotes(&article);
        crate::claims(&article, &quotes)
            .iter()
            .map(|c| (c.date.iso(), c.date.resolved().map(|d| d.how)))
            .collect()
    }

    #[test]
    fn a_day_later_counts_from_a_date_counted_in_a_paragraph_no_claim_is_made_of() {
        // The second body paragraph holds a quote without a speaker: no
        // claim takes its dates, but the last one counts from its own.
        let text = "Talks end\n\n\
                    GENEVA, October 9. /Agency/. The talks on the treaty opened in the city \
                    on October 5, 2015, envoy John Smith said.\n\n\
                    Delegates arrived from many countries on buses and trains.\n\n\
                    Two days later, the mood was calm. \"The talks are going well, and \
                    they will go on.\"\n\n\
                    The delegates then met again in the old hall by the lake.\n\n\
                    A day later, Foreign Minister Anna Berg said the talks would go on.\n";
        let got = dates(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1], (Some("2015-10-08".into()), Some(DateHow::Later)));
    }

    #[test]
    fn each_speaker_keeps_their_date_when_speakers_alternate() {
        let text = "Talks go on\n\n\
                    GENEVA, October 9, 2015. /Agency/. The talks went on, Foreign Minister \
                    Anna Berg said on Monday.\n\n\
                    The talks were hard, envoy John Smith said on Tuesday.\n\n\
                    \"We will go on with the talks,\" Berg said.\n\n\
                    \"We will stay for the talks,\" Smith said.\n\n\
                    \"We will not leave the talks,\" Berg said.\n";
        let got = dates(text);
        let want = [
            "2015-10-05",
            "2015-10-06",
            "2015-10-05",
            "2015-10-06",
            "2015-10-05",
        ];
        let got: Vec<Option<String>> = got.into_iter().map(|(d, _)| d).collect();
        assert_eq!(got, want.map(|d| Some(d.to_string())));
    }

    #[test]
    fn a_day_later_counts_from_a_date_in_a_paragraph_without_quotes() {
        let text = "Talks end\n\n\
                    GENEVA, October 9. /Agency/. Talks on the treaty went on this week \
                    with delegates from twenty countries.\n\n\
                    The talks opened in the city on October 5, 2015, with a long session.\n\n\
                    Delegates arrived from many countries on buses and trains.\n\n\
                    A day later, Foreign Minister Anna Berg said the talks would go on.\n";
        let got = dates(text);
        assert_eq!(got, [(Some("2015-10-06".into()), Some(DateHow::Later))]);
    }
}
