//! Stage 3: claims, what a speaker asserts or denies, about what, and when.

use crate::article::Article;
use crate::quote::Quotes;
use crate::Span;
use serde::{Deserialize, Serialize};

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

/// What a speaker asserts or denies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Claim {
    /// Index of the quote in [`Quotes::quotes`] the claim comes from.
    pub quote: usize,
    /// The part of the quote that carries the claim.
    pub span: Span,
    /// Who makes the claim, as the quote resolved it.
    pub speaker: Option<String>,
    /// Asserted or denied.
    pub polarity: Polarity,
    /// A normalised topic key.
    pub topic: String,
}

/// Claims made in `article`'s quotes.
pub(crate) fn extract(_article: &Article<'_>, _quotes: &Quotes) -> Vec<Claim> {
    Vec::new()
}
