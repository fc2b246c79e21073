//! Stage 3: claims, what a speaker asserts or denies, about what, and when.
//!
//! [`claims`](crate::claims) turns the body quotations of an article whose
//! speaker is known into [`Claim`]s: the proposition in positive form, its
//! [`Polarity`], a normalised topic key, a proposition group id for grouping
//! across documents, the entities it names and the [`ClaimDate`] the
//! statement was made. It reads what the earlier stages found (quote spans,
//! cues, speakers, the dateline and publication date) and never parses the
//! article again.
//!
//! ```
//! use whosaid::claim::{self, Polarity};
//! let text = "Title\n\nMOSCOW, October 7. /TASS/. The ministry said on Tuesday that no troops were sent.";
//! let article = whosaid::parse(text)?;
//! let quotes = whosaid::quotes(&article);
//! let claims = whosaid::claims(&article, &quotes);
//! for c in &claims {
//!     println!("{:?} {} ({})", c.polarity, c.proposition, c.topic);
//! }
//! // The stage's parts can be used on their own.
//! assert_eq!(claim::polarity_of("There are no and can be no ground troops"), Polarity::Denied);
//! # Ok::<(), whosaid::Error>(())
//! ```

mod date;
mod entities;
#[cfg(test)]
mod harness;
mod polarity;
mod scan;
mod statement;
mod tagged;
mod topic;

use crate::article::{Article, Role};
use crate::lexicon::claim::Tag;
use crate::quote::Quotes;
use crate::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tagged::{Body, Tagged};

/// A hash map with the crate's fast hasher for short keys (speaker names).
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, crate::lexicon::quote::FxBuild>;

pub use date::{Fact, YearBasis};

/// Whether the speaker says the proposition is true or false.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Polarity {
    /// The speaker says it is so.
    Asserted,
    /// The speaker says it is not so.
    Denied,
}

impl Polarity {
    /// The lowercase name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Polarity::Asserted => "asserted",
            Polarity::Denied => "denied",
        }
    }
}

/// What kind of thing a claim names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person (`Vladimir Putin`).
    Person,
    /// An organisation or institution (`Foreign Ministry`, `UN Security Council`).
    Organisation,
    /// A country, city or region (`Syria`, `Middle East`).
    Place,
    /// An armed, militant or political group (`Islamic State`).
    Group,
}

/// An entity a claim names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimEntity {
    /// The canonical name (`"Islamic State"` for `ISIL`), or the name as printed.
    pub name: String,
    /// Person, organisation, place or group.
    pub kind: EntityKind,
    /// Byte span of the mention in the text.
    pub span: Span,
}

/// How a statement date was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateHow {
    /// A printed month and day (`on October 6`, `6 October 2015`).
    Explicit,
    /// A weekday (`on Thursday`), the latest on or before the anchor.
    Weekday,
    /// A day relative to the anchor (`yesterday`, `today`).
    RelativeDay,
    /// Days after the previous date of the text (`a day later`).
    Later,
    /// A month (`in September`); no day.
    Month,
    /// A month relative to the anchor's (`last month`); no day.
    RelativeMonth,
    /// No date expression: the article's news day (its dateline or
    /// publication date) for a statement reported as the day's news.
    NewsDay,
}

/// What a relative date was resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DateAnchor {
    /// The article's publication date.
    Published,
    /// The article's dateline.
    Dateline,
    /// The previous date the text gives (`a day later`).
    PreviousDate,
}

/// When a statement was made: month, and day and year where known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatementDate {
    /// The year, only when the text fixes it.
    pub year: Option<i32>,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, when known (`in September` has none).
    pub day: Option<u32>,
    /// How the date was found.
    pub how: DateHow,
    /// Byte span of the date expression it came from (`None` for the news day).
    pub span: Option<Span>,
    /// What a relative expression was resolved against.
    pub anchor: Option<DateAnchor>,
    /// Whether the date was carried over from the speaker's earlier statement
    /// or from an earlier sentence about the speaker.
    pub inherited: bool,
    /// Why the year is known when the text does not print it (a weekday
    /// that fits one year only, world knowledge); `None` for a printed year
    /// or one from the publication date.
    pub year_basis: Option<YearBasis>,
}

impl StatementDate {
    /// The calendar date, when year, month and day are all known.
    ///
    /// ```
    /// let text = "T\n\nLONDON, March 3. /Reuters/. He said on October 6, 2015 that it was over.";
    /// let article = whosaid::parse(text)?;
    /// let quotes = whosaid::quotes(&article);
    /// for c in whosaid::claims(&article, &quotes) {
    ///     if let Some(d) = c.date.resolved() {
    ///         assert_eq!(d.to_naive().map(|d| d.to_string()).as_deref(), Some("2015-10-06"));
    ///     }
    /// }
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn to_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day?)
    }
}

/// Why a claim has no date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NoDate {
    /// Nothing in the text dates the statement.
    NoExpression,
    /// A relative date (`on Tuesday`, `yesterday`) with nothing to resolve it
    /// against: no dateline and no publication date.
    NoAnchor,
    /// The date depends on a year the text does not fix (a weekday before a
    /// dateline without a year).
    YearUnknown,
    /// The expression is too vague to give a month (`recently`) or names no
    /// day to count from.
    Imprecise,
    /// The printed date does not exist (`February 30`).
    Invalid,
}

/// The date a claim was made, or why there is none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClaimDate {
    /// The date, as far as the text fixes it.
    Resolved(StatementDate),
    /// No date, and why.
    Unresolved(NoDate),
}

impl ClaimDate {
    /// The date, if resolved.
    pub fn resolved(&self) -> Option<&StatementDate> {
        match self {
            ClaimDate::Resolved(d) => Some(d),
            ClaimDate::Unresolved(_) => None,
        }
    }

    /// The date as far as it is known, in the Extended Date/Time Format
    /// (ISO 8601-2): `2015-10-06`, `XXXX-10-06` when the year is unknown,
    /// `2015-09` or `XXXX-09` without a day.
    ///
    /// ```
    /// let text = "T\n\nMOSCOW, October 7. /TASS/. The talks failed, Anna Berg said on October 6.";
    /// let article = whosaid::parse(text)?;
    /// let quotes = whosaid::quotes(&article);
    /// for c in whosaid::claims(&article, &quotes) {
    ///     assert_eq!(c.date.edtf().as_deref(), Some("XXXX-10-06"));
    ///     assert_eq!(c.date.iso(), None, "no year in the text");
    /// }
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn edtf(&self) -> Option<String> {
        let d = self.resolved()?;
        let year = d
            .year
            .map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"));
        Some(match d.day {
            Some(day) => format!("{year}-{:02}-{day:02}", d.month),
            None => format!("{year}-{:02}", d.month),
        })
    }

    /// `YYYY-MM-DD` when year, month and day are all known.
    pub fn iso(&self) -> Option<String> {
        self.resolved()
            .and_then(StatementDate::to_naive)
            .map(|d| d.format("%Y-%m-%d").to_string())
    }
}

/// What a speaker asserts or denies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Claim {
    /// Index of the quote in [`Quotes::quotes`] the claim comes from.
    pub quote: usize,
    /// The quote's span (the evidence for the claim).
    pub quote_span: Span,
    /// The part of the quote that carries the claim (the whole quote unless
    /// it holds several claims, as in `not X, but Y`).
    pub span: Span,
    /// Who makes the claim, as the quote resolved it.
    pub speaker: Option<String>,
    /// Asserted or denied.
    pub polarity: Polarity,
    /// Whether the claim is hedged (`may`, `most probably`, `did not rule out`).
    pub hedged: bool,
    /// The claimed content in positive form (negation and denial framing
    /// removed), for reading.
    pub proposition: String,
    /// A normalised topic key (`"ground troops in syria"`): the same matter
    /// gets the same key across speakers, outlets and translations.
    pub topic: String,
    /// A proposition group id: claims of the same proposition, whatever
    /// their polarity, share it across documents (a stable hash of the
    /// normalised proposition key).
    pub group: u64,
    /// The people, organisations, places and groups the claim names.
    pub entities: Vec<ClaimEntity>,
    /// When the statement was made.
    pub date: ClaimDate,
}

/// The polarity of `content` on its own (no cue): `Denied` when its first
/// sentence negates what it says.
///
/// ```
/// use whosaid::claim::{polarity_of, Polarity};
/// assert_eq!(polarity_of("Any ground operation is out of the question."), Polarity::Denied);
/// assert_eq!(polarity_of("Not only X but also Y agreed."), Polarity::Asserted);
/// ```
pub fn polarity_of(content: &str) -> Polarity {
    polarity::read(&Tagged::new(content), None).polarity
}

/// The kinds of tag a tagged text's hits carry, one bit each: read in one
/// walk of the hits, so that the readers of a claim pass over the hits they
/// would look for in vain (most claims have no contrast, topic, place,
/// group or organisation word).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TagSet(u32);

impl TagSet {
    /// Every kind (for a text whose hits were not read).
    #[cfg(test)]
    pub(crate) const ALL: TagSet = TagSet(u32::MAX);

    /// The bit of `tag`'s kind.
    #[inline]
    const fn bit(tag: Tag) -> u32 {
        1 << match tag {
            Tag::Negator => 0,
            Tag::Neutral => 1,
            Tag::DenialPhrase => 2,
            Tag::DenialCue => 3,
            Tag::CriticalCue => 4,
            Tag::ReportNoun => 5,
            Tag::Hedge => 6,
            Tag::UndatedCue => 7,
            Tag::Subordinator => 8,
            Tag::Locative => 9,
            Tag::OrgWord => 10,
            Tag::Contrast => 11,
            Tag::Date(_) => 12,
            Tag::Topic(_) => 13,
            Tag::Predicate(_) => 14,
            Tag::Place(_) => 15,
            Tag::Demonym(_) => 16,
            Tag::Group(_) => 17,
        }
    }

    /// The kinds of `t`'s hits.
    pub(crate) fn of(t: &Tagged<'_>) -> TagSet {
        TagSet(t.hits().fold(0, |m, h| m | Self::bit(h.tag)))
    }

    /// Whether a hit is of the kind of one of `kinds` (payloads ignored).
    #[inline]
    pub(crate) fn any(self, kinds: &[Tag]) -> bool {
        kinds.iter().any(|&k| self.0 & Self::bit(k) != 0)
    }
}

/// Claims made in `article`'s quotes.
pub(crate) fn extract(article: &Article<'_>, quotes: &Quotes) -> Vec<Claim> {
    let text = article.text();
    let chosen = claim_quotes(article, quotes);
    if chosen.is_empty() {
        return Vec::new();
    }
    // One pass of the lexicon over the body; quotes are cut from it.
    let body = Body::new(
        article,
        chosen
            .iter()
            .filter_map(|&qi| quotes.quotes.get(qi).map(|q| q.span.start)),
    );
    let mut dates = statement::Dates::new(article, quotes, &body);
    // The article's main place, read only for a claim with a lexicon
    // topic (the only claims whose key reads it).
    let mut main_place: Option<Option<&'static str>> = None;
    let people = entities::People::new(quotes);
    let mut out = Vec::with_capacity(chosen.len());
    // Working room of the topic keys, allocated once.
    let mut scratch = Vec::new();
    // The last body paragraph holding a quote, and the kinds of its hits
    // (claims come in text order).
    let mut para_tags: Option<(usize, TagSet)> = None;
    for qi in chosen {
        let Some(q) = quotes.quotes.get(qi) else {
            continue;
        };
        let content = body
            .tagged(q.span)
            .unwrap_or_else(|| Tagged::new(article.slice(q.span)));
        // The quote's paragraph, its index and its kinds (`None` outside the body).
        let para = body.index_at(q.span.start).and_then(|i| {
            let p = body.paras.get(i)?;
            let tags = match para_tags {
                Some((j, tags)) if j == i => tags,
                _ => {
                    let tags = TagSet::of(p.tagged());
                    para_tags = Some((i, tags));
                    tags
                }
            };
            Some((i, p.span, tags))
        });
        let cue_denial = q.cue.as_ref().and_then(|c| {
            let c = c.span;
            let mut from = crate::text::ceil_char_boundary(text, c.start.saturating_sub(24));
            if let Some(space) = text
                .get(from..c.start)
                .and_then(|s| s.bytes().position(|b| b == b' '))
            {
                from += space + 1;
            }
            // A window in the quote's paragraph has no denying or critical
            // cue when the paragraph has none (most): nothing to read. Nor
            // has one that reaches back over a line break into the previous
            // paragraph, when that paragraph's end has none either.
            let cue = |g| matches!(g, Tag::DenialCue | Tag::CriticalCue);
            let quiet = para.is_some_and(|(i, span, tags)| {
                c.end <= span.end
                    && !tags.any(&[Tag::DenialCue, Tag::CriticalCue])
                    && body.before_has(text, i, from, cue) == Some(false)
            });
            if quiet {
                return None;
            }
            let tagged = |span: Span| {
                body.tagged(span)
                    .unwrap_or_else(|| Tagged::new(article.slice(span)))
            };
            let window = tagged(Span::new(from, c.end));
            let between = || tagged(Span::new(c.end, q.span.start.max(c.end)));
            polarity::cue_denies(&window, c.start - from, between, &content)
        });
        let date = dates.date_for(qi);
        // The writer's sentence around the quote lies in the quote's
        // paragraph (or is the quote itself, outside the body): it names a
        // lexicon topic only if that paragraph does.
        let may_name_topic = match para {
            Some((_, _, tags)) => tags.any(&[Tag::Topic("")]),
            None => content.has(|g| matches!(g, Tag::Topic(_))),
        };
        let sentence = std::cell::OnceCell::new();
        let context = topic::Context {
            may_name_topic,
            sentence: || {
                sentence.get_or_init(|| {
                    let span = body.sentence(q.span);
                    body.tagged(span)
                        .unwrap_or_else(|| Tagged::new(article.slice(span)))
                })
            },
        };
        let tags = TagSet::of(&content);
        for part in topic::parts(&content, tags) {
            let span = Span::new(q.span.start + part.start, q.span.start + part.end);
            let clause = content.sub(part.start, part.end);
            // The whole content (most claims) has the content's kinds.
            let clause_tags = if part.len() == content.text.len() {
                tags
            } else {
                TagSet::of(&clause)
            };
            let first = polarity::First::of(&clause, clause_tags);
            let reading = polarity::read_first(&first, cue_denial);
            let place = || {
                *main_place.get_or_insert_with(|| {
                    topic::main_place(body.paras.iter().map(|p| p.context()))
                })
            };
            let key = topic::key(&clause, &content, tags, &context, place, &mut scratch);
            out.push(Claim {
                quote: qi,
                quote_span: q.span,
                span,
                speaker: q.speaker.as_ref().map(|s| s.name.clone()),
                polarity: reading.polarity,
                hedged: reading.hedged,
                proposition: topic::positive_first(&first, cue_denial == Some(true)),
                topic: key.topic,
                group: key.group,
                entities: entities::find(&clause, clause_tags, span.start, &people),
                date,
            });
        }
    }
    body.recycle();
    out
}

/// Indices of the quotes that carry claims: body quotes with a speaker. A
/// quote nested in another of the same speaker (a mixed quote's partial
/// inside its indirect) is left out when it is too short to carry a claim of
/// its own (fewer than three words: `"crimes."`).
fn claim_quotes(article: &Article<'_>, quotes: &Quotes) -> Vec<usize> {
    // Room for every quote: no regrowth.
    let mut eligible: Vec<usize> = Vec::with_capacity(quotes.quotes.len());
    eligible.extend(
        quotes
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.section == Role::Body && q.speaker.is_some() && !q.span.is_empty())
            .map(|(i, _)| i),
    );
    // Outer quotes first: by start, then the longer one. The quotes come
    // by start, and few start together: most often sorted already.
    let outer_first = |&a: &usize, &b: &usize| {
        let (qa, qb) = (&quotes.quotes[a].span, &quotes.quotes[b].span);
        qa.start
            .cmp(&qb.start)
            .then(qb.end.cmp(&qa.end))
            .then(a.cmp(&b))
    };
    if !is_sorted_by(&eligible, outer_first) {
        eligible.sort_by(outer_first);
    }
    // A quote that starts at or after the end of every quote before it is
    // nested in none: when all do (no quote overlaps another), all are kept.
    let mut max_end = 0;
    let disjoint = eligible.iter().all(|&i| {
        let span = quotes.quotes[i].span;
        let after = span.start >= max_end;
        max_end = max_end.max(span.end);
        after
    });
    if disjoint {
        return eligible;
    }
    // The furthest end reached so far by the current speaker's quotes at
    // hand (most quotes follow one of the same speaker), and by each other
    // speaker's in `reach`, which is written only when the speaker changes
    // (an article quoting one speaker builds no map).
    let mut reach: FastMap<&str, usize> = FastMap::default();
    let mut current: Option<(&str, usize)> = None;
    // The quotes chosen are kept in place, in `eligible`.
    eligible.retain(|&i| {
        let q = &quotes.quotes[i];
        let name = q.speaker.as_ref().map_or("", |s| s.name.as_str());
        let end = match current {
            Some((n, end)) if n == name => end,
            _ => {
                if let Some((n, end)) = current {
                    reach.insert(n, end);
                }
                reach.get(name).copied().unwrap_or(0)
            }
        };
        let nested = end >= q.span.end;
        current = Some((name, end.max(q.span.end)));
        !nested || scan::words(article.slice(q.span)).nth(2).is_some()
    });
    let mut chosen = eligible;
    let by_start = |&a: &usize, &b: &usize| {
        (quotes.quotes[a].span.start, a).cmp(&(quotes.quotes[b].span.start, b))
    };
    if !is_sorted_by(&chosen, by_start) {
        chosen.sort_by(by_start);
    }
    chosen
}

/// Whether `v` is in the order of `cmp` (`slice::is_sorted_by` is newer
/// than the crate's minimum Rust).
fn is_sorted_by(v: &[usize], cmp: impl Fn(&usize, &usize) -> std::cmp::Ordering) -> bool {
    v.windows(2).all(|w| cmp(&w[0], &w[1]).is_le())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every text-reading part of the stage on `s`, which must not panic.
    fn read_everything(s: &str) {
        let t = Tagged::new(s);
        let content = polarity::read(&t, None);
        let _ = (
            content.polarity,
            polarity::negations(&t).count(),
            polarity::opens_with_report_noun(&t),
        );
        for part in topic::parts(&t, TagSet::of(&t)) {
            let clause = t.sub(part.start, part.end);
            let _ = topic::positive_form(&clause, false);
            let context = topic::Context {
                may_name_topic: true,
                sentence: || &t,
            };
            let _ = topic::key(
                &clause,
                &t,
                TagSet::ALL,
                &context,
                || Some("Syria"),
                &mut Vec::new(),
            );
            let _ = entities::find(
                &clause,
                TagSet::of(&clause),
                0,
                &entities::People::new(&Quotes::default()),
            );
        }
        let _ = topic::located(&t).count();
        let _ = date::expressions(&t);
        let _ = polarity::cue_denies(&t, s.len() / 2, || t.clone(), &t);
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(s in "(\\PC|[’‘“”'\" ,.]|n’t|n't|the|in|Syria|Syrian|not|but|May 3|October|claims that ){0,40}") {
            read_everything(&s);
        }
    }

    /// [`claim_quotes`] with every speaker's reach kept in the map.
    fn claim_quotes_by_map(article: &Article<'_>, quotes: &Quotes) -> Vec<usize> {
        let mut eligible: Vec<usize> = (0..quotes.quotes.len())
            .filter(|&i| {
                let q = &quotes.quotes[i];
                q.section == Role::Body && q.speaker.is_some() && !q.span.is_empty()
            })
            .collect();
        eligible.sort_by_key(|&i| {
            let s = quotes.quotes[i].span;
            (s.start, std::cmp::Reverse(s.end), i)
        });
        let mut reach: FastMap<&str, usize> = FastMap::default();
        let mut chosen = Vec::new();
        for i in eligible {
            let q = &quotes.quotes[i];
            let end = reach
                .entry(q.speaker.as_ref().map_or("", |s| s.name.as_str()))
                .or_insert(0);
            let nested = *end >= q.span.end;
            *end = (*end).max(q.span.end);
            if !nested || scan::words(article.slice(q.span)).nth(2).is_some() {
                chosen.push(i);
            }
        }
        chosen.sort_by_key(|&i| (quotes.quotes[i].span.start, i));
        chosen
    }

    #[test]
    fn nested_quotes_are_left_out_as_by_a_map_of_every_speaker() {
        let texts = [
            "T\n\nMOSCOW, March 3. /TASS/. Anna Berg said that the talks, \"now over,\" had failed. \
             Ivan Roe said that \"it is over,\" and Anna Berg said that the deal \"will hold\" for now. \
             Ivan Roe said that the plan, \"a good one,\" would stay.",
            "T\n\nLONDON, May 1. /Reuters/. \"We stay,\" Anna Berg said. \"We go,\" Ivan Roe said. \
             \"We stay again,\" Anna Berg said.",
        ];
        let mut nested = 0;
        for text in texts {
            let article = crate::parse(text).expect("parses");
            let quotes = crate::quotes(&article);
            let chosen = claim_quotes(&article, &quotes);
            assert_eq!(chosen, claim_quotes_by_map(&article, &quotes), "{text}");
            let eligible = quotes
                .quotes
                .iter()
                .filter(|q| q.section == Role::Body && q.speaker.is_some() && !q.span.is_empty())
                .count();
            nested += eligible - chosen.len();
        }
        assert!(nested > 0, "some quote is left out as nested");
    }

    #[test]
    fn never_panics_on_odd_texts() {
        for s in [
            "’t",
            "n’t",
            "won’t",
            "the’",
            "in the’Syria",
            "claims thaté",
            "but",
            ", but ’",
            "Oct. 6",
            "6 Oct",
            "May 3ü",
            "3é October",
        ] {
            read_everything(s);
        }
    }
}
