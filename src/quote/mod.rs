//! Stage 2: quotations in an [`Article`] and who said them.
//!
//! [`quotes`](crate::quotes) finds every direct, partial and indirect
//! quotation in the article's content (never in chrome or credits) and
//! resolves its speaker to the fullest name the document gives.

use crate::article::{Article, Role};
use crate::Span;
use serde::{Deserialize, Serialize};

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

/// Find the quotations of `article` and their speakers.
pub(crate) fn extract(_article: &Article<'_>) -> Quotes {
    Quotes::default()
}
