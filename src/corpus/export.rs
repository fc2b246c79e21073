//! JSON Lines exports that DuckDB (`read_json_auto`), pandas
//! (`read_json(lines=True)`) and Spark (`spark.read.json`) read as they are:
//! one flat JSON object a line, the same keys on every line, `null` for
//! missing values, dates as ISO `YYYY-MM-DD` strings.
//!
//! # Schema of [`ClaimRow`] (`Corpus::export_claims`)
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `claim` | integer | the claim's index in the corpus |
//! | `doc` | string | document id |
//! | `outlet` | string or null | outlet that published the document |
//! | `url` | string or null | the document's address |
//! | `date` | `YYYY-MM-DD` or null | when the claim was made (its own date, else the document's) |
//! | `speaker` | string or null | the speaker as the document names them |
//! | `identity` | integer or null | the speaker's identity id (see `--identities`) |
//! | `identity_name` | string or null | the identity's canonical name |
//! | `polarity` | `asserted` or `denied` | |
//! | `topic` | string or null | topic key |
//! | `statement` | integer or null | statement id: the same words of the same speaker in other reports |
//! | `proposition` | integer or null | proposition id: claims of any speaker and polarity with similar words |
//! | `quote` | integer or null | index of the quote carrying the claim |
//! | `start`, `end` | integer | the claim's span in code points (as Python and DuckDB count) |
//! | `byte_start`, `byte_end` | integer | the same span in UTF-8 bytes |
//! | `text` | string | the claim's words |
//!
//! # Schema of [`QuoteRow`] (`Corpus::export_quotes`)
//!
//! `quote`, `doc`, `outlet`, `url`, `date` (the document's), `speaker`,
//! `identity`, `identity_name`, `statement`, `start`, `end`, `byte_start`,
//! `byte_end`, `text` as above, and `kind` (`direct`, `partial`, `indirect`
//! or null), `section` (`title`, `standfirst`, `caption`, `subheading`,
//! `body` or null), `cue` (the attributing words as printed, or null).
//!
//! ```
//! use whosaid::corpus::{ClaimSpec, Corpus, Document};
//! use whosaid::{Polarity, Span};
//! let mut corpus = Corpus::new();
//! let text = "«Нет», Anna Berg said.";
//! corpus.add_claims(Document::new("d", text), [ClaimSpec::new(Span::new(2, 8), "Anna Berg", Polarity::Denied)]);
//! let mut out = Vec::new();
//! corpus.export_claims(&mut out)?;
//! let row: serde_json::Value = serde_json::from_slice(&out).unwrap();
//! assert_eq!(row["text"], "Нет");
//! assert_eq!((row["start"].as_u64(), row["byte_start"].as_u64()), (Some(1), Some(2)));
//! assert_eq!(row["polarity"], "denied");
//! # Ok::<(), whosaid::Error>(())
//! ```

use super::identity::{Identity, IdentityKind};
use super::query::{ClaimHit, QuoteHit};
use super::statement::{Report, Reversal, ReversalBasis, Statement};
use super::Corpus;
use crate::article::Role;
use crate::quote::QuoteKind;
use crate::{CharOffsets, Polarity, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

/// One claim as a flat record; see the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ClaimRow<'c> {
    /// The claim's index in the corpus.
    pub claim: usize,
    /// Document id.
    pub doc: &'c str,
    /// Outlet.
    pub outlet: Option<&'c str>,
    /// Address.
    pub url: Option<&'c str>,
    /// Date the claim was made.
    pub date: Option<NaiveDate>,
    /// Speaker as named.
    pub speaker: Option<&'c str>,
    /// Identity id.
    pub identity: Option<u32>,
    /// Identity's canonical name.
    pub identity_name: Option<&'c str>,
    /// Asserted or denied.
    pub polarity: Polarity,
    /// Topic.
    pub topic: Option<&'c str>,
    /// Statement id.
    pub statement: Option<u32>,
    /// Proposition id.
    pub proposition: Option<u32>,
    /// Quote index.
    pub quote: Option<u32>,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// The words.
    pub text: &'c str,
}

/// One quote as a flat record; see the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct QuoteRow<'c> {
    /// The quote's index in the corpus.
    pub quote: usize,
    /// Document id.
    pub doc: &'c str,
    /// Outlet.
    pub outlet: Option<&'c str>,
    /// Address.
    pub url: Option<&'c str>,
    /// The document's date.
    pub date: Option<NaiveDate>,
    /// Speaker as named.
    pub speaker: Option<&'c str>,
    /// Identity id.
    pub identity: Option<u32>,
    /// Identity's canonical name.
    pub identity_name: Option<&'c str>,
    /// Direct, partial or indirect.
    pub kind: Option<QuoteKind>,
    /// Role of the line.
    pub section: Option<Role>,
    /// The cue as printed.
    pub cue: Option<&'c str>,
    /// Statement id.
    pub statement: Option<u32>,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
    /// The words.
    pub text: &'c str,
}

/// Code-point offsets of one document at a time (rows come in document order).
struct Offsets<'c> {
    doc: Option<&'c str>,
    offsets: Option<CharOffsets<'c>>,
}

impl<'c> Offsets<'c> {
    fn span(&mut self, corpus: &'c Corpus, doc: &'c str, span: crate::Span) -> (usize, usize) {
        if self.doc != Some(doc) {
            self.doc = Some(doc);
            self.offsets = Some(CharOffsets::new(corpus.doc_text_by_id(doc)));
        }
        self.offsets
            .as_ref()
            .map_or((span.start, span.end), |o| o.span_to_chars(span))
    }
}

impl Corpus {
    fn doc_text_by_id(&self, id: &str) -> &str {
        let ix = self.index();
        ix.doc_by_id(self.store(), id)
            .and_then(|d| self.document(d as usize))
            .map_or("", |d| d.text)
    }

    /// Write claims as JSON Lines ([`ClaimRow`]). Returns the number written.
    ///
    /// # Errors
    /// Writing failed.
    pub fn write_claims<'c>(
        &'c self,
        hits: impl IntoIterator<Item = ClaimHit<'c>>,
        w: impl Write,
    ) -> Result<usize> {
        let mut w = std::io::BufWriter::new(w);
        let ix = self.index();
        let mut offsets = Offsets {
            doc: None,
            offsets: None,
        };
        let mut n = 0;
        for h in hits {
            let (start, end) = offsets.span(self, h.document, h.span);
            let proposition = ix.claim_proposition.get(h.id).copied();
            let row = ClaimRow {
                claim: h.id,
                doc: h.document,
                outlet: h.outlet,
                url: h.url,
                date: h.date,
                speaker: h.speaker,
                identity: h.identity.map(|i| i.0),
                identity_name: h.identity_name,
                polarity: h.polarity,
                topic: h.topic,
                statement: h.statement.map(|s| s.0),
                proposition,
                quote: self.store().claims.get(h.id).and_then(|c| c.quote.get()),
                start,
                end,
                byte_start: h.span.start,
                byte_end: h.span.end,
                text: h.text,
            };
            serde_json::to_writer(&mut w, &row).map_err(|source| crate::Error::Json {
                line: n + 1,
                source,
            })?;
            w.write_all(b"\n")?;
            n += 1;
        }
        w.flush()?;
        Ok(n)
    }

    /// Write quotes as JSON Lines ([`QuoteRow`]). Returns the number written.
    ///
    /// # Errors
    /// Writing failed.
    pub fn write_quotes<'c>(
        &'c self,
        hits: impl IntoIterator<Item = QuoteHit<'c>>,
        w: impl Write,
    ) -> Result<usize> {
        let mut w = std::io::BufWriter::new(w);
        let mut offsets = Offsets {
            doc: None,
            offsets: None,
        };
        let mut n = 0;
        for h in hits {
            let (start, end) = offsets.span(self, h.document, h.span);
            let row = QuoteRow {
                quote: h.id,
                doc: h.document,
                outlet: h.outlet,
                url: h.url,
                date: h.date,
                speaker: h.speaker,
                identity: h.identity.map(|i| i.0),
                identity_name: h.identity_name,
                kind: h.kind,
                section: h.section,
                cue: h.cue,
                statement: h.statement.map(|s| s.0),
                start,
                end,
                byte_start: h.span.start,
                byte_end: h.span.end,
                text: h.text,
            };
            serde_json::to_writer(&mut w, &row).map_err(|source| crate::Error::Json {
                line: n + 1,
                source,
            })?;
            w.write_all(b"\n")?;
            n += 1;
        }
        w.flush()?;
        Ok(n)
    }

    /// Write every claim as JSON Lines ([`ClaimRow`]).
    ///
    /// # Errors
    /// Writing failed.
    pub fn export_claims(&self, w: impl Write) -> Result<usize> {
        self.write_claims(self.claims().iter(), w)
    }

    /// Write every quote as JSON Lines ([`QuoteRow`]).
    ///
    /// # Errors
    /// Writing failed.
    pub fn export_quotes(&self, w: impl Write) -> Result<usize> {
        self.write_quotes(self.quotes().iter(), w)
    }

    /// One claim or quote as printed.
    pub fn report(&self, m: super::statement::Member) -> Option<Report<'_>> {
        let s = self.store();
        if let Some(c) = m.claim.and_then(|c| s.claims.get(c as usize)) {
            let doc = s.docs.get(c.doc as usize)?;
            return Some(Report {
                document: &doc.id,
                outlet: doc.outlet.get().map(|o| s.strings.get(o)),
                date: s.claim_date(c),
                span: c.span.span(),
                text: s.text(c.doc, c.span),
                speaker: c.speaker.get().map(|n| s.strings.get(n)),
                polarity: Some(c.polarity),
            });
        }
        let q = m.quote.and_then(|q| s.quotes.get(q as usize))?;
        let doc = s.docs.get(q.doc as usize)?;
        Some(Report {
            document: &doc.id,
            outlet: doc.outlet.get().map(|o| s.strings.get(o)),
            date: doc.date.get(),
            span: q.span.span(),
            text: s.text(q.doc, q.span),
            speaker: q.speaker.get().map(|n| s.strings.get(n)),
            polarity: None,
        })
    }

    /// The reports of a statement: who reported it, when, in which words.
    pub fn reports(&self, statement: &Statement) -> Vec<Report<'_>> {
        statement
            .members
            .iter()
            .filter_map(|&m| self.report(m))
            .collect()
    }
}

/// A statement with its reports, for JSON Lines output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StatementRow<'c> {
    /// Statement id.
    pub statement: u32,
    /// Identity id of the speaker.
    pub identity: u32,
    /// The speaker's canonical name.
    pub name: &'c str,
    /// Asserted, denied or null.
    pub polarity: Option<Polarity>,
    /// Number of reports.
    pub reports: usize,
    /// Distinct outlets reporting it.
    pub outlets: Vec<&'c str>,
    /// Earliest date of a report.
    pub first_date: Option<NaiveDate>,
    /// Each report: document, outlet, date, words.
    pub texts: Vec<Report<'c>>,
}

impl<'c> StatementRow<'c> {
    /// The row of `st` in `corpus`.
    pub fn new(corpus: &'c Corpus, st: &Statement) -> Self {
        let texts = corpus.reports(st);
        let mut outlets: Vec<&str> = texts.iter().filter_map(|r| r.outlet).collect();
        outlets.sort_unstable();
        outlets.dedup();
        StatementRow {
            statement: st.id.0,
            identity: st.identity.0,
            name: corpus
                .identities()
                .get(st.identity.0 as usize)
                .map_or("", |i| i.name.as_str()),
            polarity: st.polarity,
            reports: texts.len(),
            outlets,
            first_date: texts.iter().filter_map(|r| r.date).min(),
            texts,
        }
    }
}

/// A reversal as one flat record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReversalRow<'c> {
    /// Identity id.
    pub identity: u32,
    /// Canonical name.
    pub name: &'c str,
    /// `proposition` or `topic`.
    pub basis: ReversalBasis,
    /// Topic of the later claim.
    pub topic: Option<&'c str>,
    /// Date of the earlier claim.
    pub before_date: NaiveDate,
    /// Its polarity.
    pub before_polarity: Option<Polarity>,
    /// Its document.
    pub before_doc: &'c str,
    /// Its outlet.
    pub before_outlet: Option<&'c str>,
    /// Its words.
    pub before_text: &'c str,
    /// Date of the later claim.
    pub after_date: NaiveDate,
    /// Its polarity.
    pub after_polarity: Option<Polarity>,
    /// Its document.
    pub after_doc: &'c str,
    /// Its outlet.
    pub after_outlet: Option<&'c str>,
    /// Its words.
    pub after_text: &'c str,
}

impl<'c> ReversalRow<'c> {
    /// The row of `r` in `corpus`.
    pub fn new(corpus: &'c Corpus, r: &'c Reversal) -> Self {
        let empty = Report {
            document: "",
            outlet: None,
            date: None,
            span: crate::Span::default(),
            text: "",
            speaker: None,
            polarity: None,
        };
        let before = corpus.report(r.before).unwrap_or_else(|| empty.clone());
        let after = corpus.report(r.after).unwrap_or(empty);
        ReversalRow {
            identity: r.identity.0,
            name: corpus
                .identities()
                .get(r.identity.0 as usize)
                .map_or("", |i| i.name.as_str()),
            basis: r.basis,
            topic: r.topic.as_deref(),
            before_date: r.before_date,
            before_polarity: before.polarity,
            before_doc: before.document,
            before_outlet: before.outlet,
            before_text: before.text,
            after_date: r.after_date,
            after_polarity: after.polarity,
            after_doc: after.document,
            after_outlet: after.outlet,
            after_text: after.text,
        }
    }
}

/// An identity as one record (variants and roles as lists).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct IdentityRow<'c> {
    /// Identity id.
    pub identity: u32,
    /// Canonical name.
    pub name: &'c str,
    /// Person, organisation or role.
    pub kind: IdentityKind,
    /// Spellings.
    pub variants: &'c [String],
    /// Roles.
    pub roles: &'c [String],
    /// Mentions.
    pub mentions: usize,
}

impl<'c> From<&'c Identity> for IdentityRow<'c> {
    fn from(i: &'c Identity) -> Self {
        IdentityRow {
            identity: i.id.0,
            name: &i.name,
            kind: i.kind,
            variants: &i.variants,
            roles: &i.roles,
            mentions: i.mentions,
        }
    }
}
