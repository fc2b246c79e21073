//! What a corpus stores: documents with their texts, and compact records of
//! their quotes, claims and speakers, with strings interned.
//!
//! Everything derived from these (identities, statements, reversals, the
//! query indexes) is rebuilt on demand, so saving the stored part saves the
//! whole corpus.

use crate::article::Role;
use crate::claim::Polarity;
use crate::quote::{QuoteKind, SpeakerKind};
use crate::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashMap;

/// One article to add to a corpus, with what the caller knows about it.
///
/// The outlet and date default to what the article itself says (its
/// publisher and publication date) when the caller does not give them.
///
/// ```
/// use whosaid::corpus::Document;
/// let doc = Document::new("tass-1", "Title\n\nBody.")
///     .outlet("TASS")
///     .url("https://example.org/1")
///     .date(chrono::NaiveDate::from_ymd_opt(2015, 10, 1).unwrap());
/// assert_eq!(doc.outlet.as_deref(), Some("TASS"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// The document's id, unique in the corpus.
    pub id: String,
    /// The article text as scraped.
    pub text: String,
    /// The outlet that published it.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Where it was published.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was published.
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

impl Document {
    /// A document with an id and its text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            outlet: None,
            url: None,
            date: None,
        }
    }

    /// With the outlet that published it.
    pub fn outlet(mut self, outlet: impl Into<String>) -> Self {
        self.outlet = Some(outlet.into());
        self
    }

    /// With its address.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// With its publication date.
    pub fn date(mut self, date: NaiveDate) -> Self {
        self.date = Some(date);
        self
    }
}

/// A claim known from elsewhere (an annotation file, another tool), for
/// [`Corpus::add_claims`](super::Corpus::add_claims).
///
/// ```
/// use whosaid::corpus::ClaimSpec;
/// use whosaid::{Polarity, Span};
/// let c = ClaimSpec::new(Span::new(0, 10), "Sergey Lavrov", Polarity::Denied).topic("airstrikes in iraq");
/// assert_eq!(c.topic.as_deref(), Some("airstrikes in iraq"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimSpec {
    /// The words carrying the claim, as a byte span of the document's text.
    pub span: Span,
    /// Who makes it, as the document names them.
    pub speaker: String,
    /// Asserted or denied.
    pub polarity: Polarity,
    /// Its topic.
    pub topic: Option<String>,
    /// When it was made, if not the document's date.
    pub date: Option<NaiveDate>,
    /// Titles and organisations the document gives the speaker.
    pub roles: Vec<String>,
}

impl ClaimSpec {
    /// A claim by `speaker` over `span`.
    pub fn new(span: Span, speaker: impl Into<String>, polarity: Polarity) -> Self {
        ClaimSpec {
            span,
            speaker: speaker.into(),
            polarity,
            topic: None,
            date: None,
            roles: Vec::new(),
        }
    }

    /// With a topic.
    pub fn topic(mut self, topic: impl Into<String>) -> Self {
        self.topic = Some(topic.into());
        self
    }

    /// With the date it was made.
    pub fn date(mut self, date: NaiveDate) -> Self {
        self.date = Some(date);
        self
    }

    /// With a title or organisation of the speaker.
    pub fn role(mut self, role: impl Into<String>) -> Self {
        self.roles.push(role.into());
        self
    }
}

/// Interned strings: each distinct string stored once, referred to by index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Strings {
    list: Vec<Box<str>>,
    map: HashMap<Box<str>, u32>,
}

impl Strings {
    pub(crate) fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.map.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s.into());
        self.map.insert(s.into(), i);
        i
    }

    pub(crate) fn get(&self, i: u32) -> &str {
        self.list.get(i as usize).map_or("", |s| s)
    }
}

impl Serialize for Strings {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list: Vec<Box<str>> = Vec::deserialize(d)?;
        let map = list
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i as u32))
            .collect();
        Ok(Strings { list, map })
    }
}

/// A byte range stored in 8 bytes (inputs are at most 4 GiB).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Range32(pub(crate) u32, pub(crate) u32);

impl Range32 {
    pub(crate) fn of(span: Span) -> Self {
        Range32(
            span.start.min(u32::MAX as usize) as u32,
            span.end.min(u32::MAX as usize) as u32,
        )
    }

    pub(crate) fn span(self) -> Span {
        Span::new(self.0 as usize, self.1 as usize)
    }
}

/// A stored document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DocEntry {
    pub(crate) id: String,
    pub(crate) outlet: Option<u32>,
    pub(crate) url: Option<String>,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) title: Option<Range32>,
    pub(crate) text: String,
}

/// A stored quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct QuoteEntry {
    pub(crate) doc: u32,
    pub(crate) span: Range32,
    pub(crate) kind: Option<QuoteKind>,
    pub(crate) section: Option<Role>,
    pub(crate) cue: Option<Range32>,
    /// Interned speaker name.
    pub(crate) speaker: Option<u32>,
}

/// A stored claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ClaimEntry {
    pub(crate) doc: u32,
    /// Global index of its quote.
    pub(crate) quote: Option<u32>,
    pub(crate) span: Range32,
    pub(crate) speaker: Option<u32>,
    pub(crate) polarity: Polarity,
    /// Interned topic.
    pub(crate) topic: Option<u32>,
    pub(crate) date: Option<NaiveDate>,
}

/// A speaker as one document names them, with the roles it gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PersonEntry {
    pub(crate) doc: u32,
    pub(crate) name: u32,
    pub(crate) kind: Option<SpeakerKind>,
    pub(crate) roles: Vec<u32>,
}

/// Everything a corpus stores.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Store {
    pub(crate) strings: Strings,
    pub(crate) docs: Vec<DocEntry>,
    pub(crate) quotes: Vec<QuoteEntry>,
    pub(crate) claims: Vec<ClaimEntry>,
    pub(crate) people: Vec<PersonEntry>,
}

impl Store {
    /// The text of a span of a document.
    pub(crate) fn text(&self, doc: u32, span: Range32) -> &str {
        self.docs
            .get(doc as usize)
            .map_or("", |d| span.span().of(&d.text))
    }

    /// The date of a claim: its own, or its document's.
    pub(crate) fn claim_date(&self, c: &ClaimEntry) -> Option<NaiveDate> {
        c.date
            .or_else(|| self.docs.get(c.doc as usize).and_then(|d| d.date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_intern_once_and_round_trip() {
        let mut s = Strings::default();
        let a = s.intern("Lavrov");
        assert_eq!(s.intern("Lavrov"), a);
        let b = s.intern("Zakharova");
        assert_ne!(a, b);
        assert_eq!(s.get(b), "Zakharova");
        assert_eq!(s.get(99), "");
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"["Lavrov","Zakharova"]"#);
        let back: Strings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.map.get("Zakharova"), Some(&b));
    }

    #[test]
    fn range32_converts() {
        let r = Range32::of(Span::new(3, 9));
        assert_eq!(r.span(), Span::new(3, 9));
    }
}
