//! # whosaid
//!
//! Who said what, when, and where was it reported? `whosaid` reads news
//! articles as scrapers save them (plain text, site chrome and all) and
//! answers that question offline, in linear time, with no model to load.
//!
//! ## The pipeline
//!
//! Data flows one way, each stage reading only what the one before produced:
//!
//! 1. **text → [`Article`]** ([`parse`]): every non-blank line gets a byte
//!    [`Span`] and a [`Role`] (title, standfirst, dateline, caption, credit,
//!    subheading, body, byline or chrome), and the article's fields are read:
//!    dateline, publisher, publication date.
//! 2. **article → [`Quotes`]** ([`quotes`]): every direct, partial and
//!    indirect quotation, with its cue and its speaker resolved to the fullest
//!    name the document gives, and a registry of the people it mentions.
//! 3. **quotes → [`Claim`]s** ([`claims`]): what each speaker asserts or
//!    denies, about which topic, and when.
//! 4. **claims → [`Corpus`]**: many articles, queried by speaker, topic, date,
//!    polarity and outlet.
//!
//! ```
//! let text = "\
//! Minister: talks will go on
//!
//! GENEVA, March 3. /TASS/. The talks will go on, Foreign Minister Anna Berg said on Tuesday.
//!
//! \"We are not leaving the table,\" she told reporters.
//! ";
//! // Stage 1: structure. The dateline's agency is the publisher.
//! let article = whosaid::parse(text)?;
//! assert_eq!(article.title(), Some("Minister: talks will go on"));
//! assert_eq!(article.publisher(), Some("TASS"));
//! assert_eq!(article.dateline().map(|d| d.place.as_str()), Some("GENEVA"));
//!
//! // Stage 2: quotes. "she" and the headline's "Minister:" resolve to the
//! // name the article gives.
//! let quotes = whosaid::quotes(&article);
//! let direct = quotes.iter().find(|q| q.kind == whosaid::QuoteKind::Direct).unwrap();
//! assert_eq!(article.slice(direct.span), "We are not leaving the table,");
//! assert_eq!(direct.speaker.as_ref().unwrap().name, "Anna Berg");
//! assert!(quotes.iter().all(|q| q.speaker.as_ref().is_some_and(|s| s.name == "Anna Berg")));
//!
//! // Stage 3: claims. "not leaving" is a denial of the positive proposition.
//! let claims = whosaid::claims(&article, &quotes);
//! let denial = claims.iter().find(|c| c.polarity == whosaid::Polarity::Denied).unwrap();
//! assert_eq!(denial.proposition, "We are leaving the table");
//! // "on Tuesday" against a dateline without a year: the year is unknown,
//! // so no date is invented.
//! assert_eq!(denial.date.iso(), None);
//!
//! // Stage 4: a corpus. Two outlets, two spellings, one person.
//! use whosaid::corpus::Document;
//! let mut corpus = whosaid::Corpus::new();
//! corpus.add(Document::new("tass-1", text).outlet("TASS"))?;
//! let other = "Berg: we stay\n\n\"We are not leaving the table,\" Foreign Minister Ana Berg said.\n";
//! corpus.add(Document::new("herald-7", other).outlet("Herald"))?;
//! assert_eq!(corpus.identities_named("Anna Berg").len(), 1);
//! let denials = corpus.claims().speaker("Anna Berg").denied().collect();
//! assert_eq!(denials.len(), 2);
//! # Ok::<(), whosaid::Error>(())
//! ```
//!
//! All spans are byte ranges into the caller's text; [`CharOffsets`] converts
//! them to code points for tools that count that way, and [`interchange`]
//! writes the JSON Lines formats the evaluation scorers read.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod article;
pub mod claim;
pub mod corpus;
mod error;
pub mod interchange;
pub(crate) mod lexicon;
pub mod quote;
mod span;
pub mod text;

pub use article::{Article, Dateline, Element, Role};
pub use claim::{Claim, ClaimDate, ClaimEntity, EntityKind, Polarity, StatementDate};
pub use corpus::{Corpus, Document, Identity, IdentityId, Statement};
pub use error::{Error, Result};
pub use quote::{Quote, QuoteKind, Quotes, Speaker};
pub use span::{CharOffsets, Span};

/// Read scraped article text into an [`Article`].
///
/// The one entry point for stage 1. It never panics; it fails only on input
/// too large to index ([`Error::TooLarge`]).
///
/// ```
/// let article = whosaid::parse("Headline\n\nFirst paragraph.")?;
/// assert_eq!(article.title(), Some("Headline"));
/// assert_eq!(article.body().collect::<Vec<_>>(), ["First paragraph."]);
/// # Ok::<(), whosaid::Error>(())
/// ```
pub fn parse(text: &str) -> Result<Article<'_>> {
    Article::parse(text)
}

/// Read UTF-8 bytes into an [`Article`], reporting invalid UTF-8 with the
/// byte offset where it starts.
///
/// ```
/// let err = whosaid::from_bytes(b"caf\xc3").unwrap_err();
/// assert_eq!(err.to_string(), "input is not valid UTF-8: invalid byte sequence at byte offset 3");
/// ```
pub fn from_bytes(bytes: &[u8]) -> Result<Article<'_>> {
    Article::from_bytes(bytes)
}

/// Find the quotations in `article` and resolve their speakers.
///
/// ```
/// let article = whosaid::parse("Title\n\n\"We will stay,\" Jane Roe said.")?;
/// let quotes = whosaid::quotes(&article);
/// for q in &quotes {
///     println!("{:?} {}", q.kind, article.slice(q.span));
/// }
/// # Ok::<(), whosaid::Error>(())
/// ```
pub fn quotes(article: &Article<'_>) -> Quotes {
    quote::extract(article)
}

/// The claims made in `article`'s quotations: for every body quotation
/// with a known speaker, what the speaker asserts or denies (in positive
/// form, with its [`Polarity`]), a topic key and a proposition group id that
/// match across documents, the entities named, and when the statement was
/// made ([`ClaimDate`], resolved against the dateline and publication date;
/// the year only when the text fixes it, if need be with the crate's small
/// knowledge base of terms of office and dated events, and only when exactly
/// one year fits; see [`claim::YearBasis`]).
///
/// ```
/// use whosaid::Polarity;
/// let article = whosaid::parse("Title\n\n\"We will not stay,\" Jane Roe said.")?;
/// let quotes = whosaid::quotes(&article);
/// let claims = whosaid::claims(&article, &quotes);
/// for c in &claims {
///     assert_eq!(c.polarity, Polarity::Denied);
///     assert_eq!(c.speaker.as_deref(), Some("Jane Roe"));
/// }
/// # Ok::<(), whosaid::Error>(())
/// ```
pub fn claims(article: &Article<'_>, quotes: &Quotes) -> Vec<Claim> {
    claim::extract(article, quotes)
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
