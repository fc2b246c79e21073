//! The JSON Lines interchange format shared with other tools and the scorers.
//!
//! One record a document; offsets are counted in code points (Unicode scalar
//! values), as Python counts them, not bytes. Build records with
//! [`ArticleRecord::new`], [`QuoteRecord::new`] and [`ClaimRecord::new`] and
//! write them with `serde_json`. [`read_documents`] reads the inputs the
//! `whosaid` example program takes: a folder of `.txt` files or a JSON Lines
//! file with `id` and `text`.
//!
//! ```
//! use whosaid::interchange::ArticleRecord;
//! let text = "«Title»\n\nBody, she said.";
//! let article = whosaid::parse(text)?;
//! let record = ArticleRecord::new("doc-1", &article);
//! assert_eq!(record.lines[1].start, 9); // code points, not bytes
//! # Ok::<(), whosaid::Error>(())
//! ```

use crate::article::{Article, Role};
use crate::claim::Claim;
use crate::quote::{QuoteKind, Quotes};
use crate::{CharOffsets, Error, Result, Span};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A line with its role, in code points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LineRecord {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The line's role.
    pub role: Role,
}

/// A dateline's fields, with its span in code points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DatelineRecord {
    /// The place as printed.
    pub place: String,
    /// The date as printed.
    pub date_text: Option<String>,
    /// The agency.
    pub agency: Option<String>,
    /// First code point of the dateline.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
}

/// An article's structure as `score_articles.py` reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ArticleRecord {
    /// Document id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Standfirst.
    pub standfirst: Option<String>,
    /// Dateline.
    pub dateline: Option<DatelineRecord>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Every non-blank line with its role.
    pub lines: Vec<LineRecord>,
}

impl ArticleRecord {
    /// The record of `article` under `id`.
    pub fn new(id: &str, article: &Article<'_>) -> Self {
        let offsets = CharOffsets::new(article.text());
        let lines = article
            .elements()
            .iter()
            .map(|e| {
                let (start, end) = offsets.span_to_chars(e.span);
                LineRecord {
                    start,
                    end,
                    role: e.role,
                }
            })
            .collect();
        let dateline = article.dateline().map(|d| {
            let (start, end) = offsets.span_to_chars(d.span);
            DatelineRecord {
                place: d.place.clone(),
                date_text: d.date_text.clone(),
                agency: d.agency.clone(),
                start,
                end,
            }
        });
        ArticleRecord {
            id: id.to_string(),
            title: article.title().map(str::to_string),
            standfirst: article.standfirst().map(str::to_string),
            dateline,
            publisher: article.publisher().map(str::to_string),
            published: article
                .published()
                .map(|d| d.format("%Y-%m-%d").to_string()),
            lines,
        }
    }
}

/// The text an article keeps, as `score_boilerplate.py` reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BodyRecord {
    /// Document id.
    pub id: String,
    /// Every line that is not chrome, one a line.
    pub body: String,
}

impl BodyRecord {
    /// The record of `article` under `id`.
    pub fn new(id: &str, article: &Article<'_>) -> Self {
        BodyRecord {
            id: id.to_string(),
            body: article.content_text(),
        }
    }
}

/// One quotation in code points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuoteItem {
    /// First code point of the quoted words.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The speaker's fullest name.
    pub speaker: Option<String>,
    /// The cue as printed.
    pub cue: Option<String>,
    /// Role of the line the quote starts in.
    pub section: Role,
    /// The quoted words.
    pub text: String,
}

/// An article's quotations as `score.py` reads them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuoteRecord {
    /// Document id.
    pub id: String,
    /// The quotations.
    pub quotes: Vec<QuoteItem>,
}

impl QuoteRecord {
    /// The record of `quotes` found in `article`, under `id`.
    pub fn new(id: &str, article: &Article<'_>, quotes: &Quotes) -> Self {
        let offsets = CharOffsets::new(article.text());
        let quotes = quotes
            .iter()
            .map(|q| {
                let (start, end) = offsets.span_to_chars(q.span);
                QuoteItem {
                    start,
                    end,
                    kind: q.kind,
                    speaker: q.speaker.as_ref().map(|s| s.name.clone()),
                    cue: q.cue.as_ref().map(|c| article.slice(c.span).to_string()),
                    section: q.section,
                    text: article.slice(q.span).to_string(),
                }
            })
            .collect();
        QuoteRecord {
            id: id.to_string(),
            quotes,
        }
    }
}

/// One claim in code points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimItem {
    /// First code point of the quote the claim comes from (the part that
    /// carries the claim is in `text`).
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// The speaker's name.
    pub speaker: Option<String>,
    /// `asserted` or `denied`.
    pub polarity: crate::Polarity,
    /// The topic key.
    pub topic: String,
    /// The date the statement was made, `YYYY-MM-DD` (null unless the text
    /// fixes year, month and day).
    pub date: Option<String>,
    /// The date as far as the text fixes it, in the Extended Date/Time
    /// Format (`XXXX-10-06` when the year is unknown); null when unresolved.
    pub date_partial: Option<String>,
    /// The proposition group id: claims of the same proposition share it
    /// across documents.
    pub group: u64,
    /// The text of the part of the quote that carries the claim.
    pub text: String,
}

/// An article's claims as `score_claims.py` reads them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClaimRecord {
    /// Document id.
    pub id: String,
    /// The claims.
    pub claims: Vec<ClaimItem>,
}

impl ClaimRecord {
    /// The record of `claims` made in `article`, under `id`.
    pub fn new(id: &str, article: &Article<'_>, claims: &[Claim]) -> Self {
        let offsets = CharOffsets::new(article.text());
        let claims = claims
            .iter()
            .map(|c| {
                let (start, end) = offsets.span_to_chars(c.quote_span);
                ClaimItem {
                    start,
                    end,
                    speaker: c.speaker.clone(),
                    polarity: c.polarity,
                    topic: c.topic.clone(),
                    date: c.date.iso(),
                    date_partial: c.date.edtf(),
                    group: c.group,
                    text: article.slice(c.span).to_string(),
                }
            })
            .collect();
        ClaimRecord {
            id: id.to_string(),
            claims,
        }
    }
}

/// A document to analyse: an id and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// The id (a file name without `.txt`, or the JSON record's `id`).
    pub id: String,
    /// The text.
    pub text: String,
}

#[derive(Deserialize)]
struct InputLine {
    id: String,
    text: String,
}

/// Read documents from a folder of `.txt` files (id = file name without
/// `.txt`, sorted by id), from one `.txt` file (one document), or from a JSON
/// Lines file whose records have `id` and `text` (other fields are ignored).
///
/// Errors say which file or line failed: a file that is not UTF-8 gives
/// [`Error::InvalidUtf8`] wrapped with its path in an I/O error.
pub fn read_documents(path: &Path) -> Result<Vec<Document>> {
    if path.is_dir() {
        let mut docs = Vec::new();
        for entry in std::fs::read_dir(path)? {
            let p = entry?.path();
            if is_txt(&p) {
                docs.push(read_txt(&p)?);
            }
        }
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(docs)
    } else if is_txt(path) {
        Ok(vec![read_txt(path)?])
    } else {
        let lines: Vec<InputLine> = read_json_lines(path)?;
        Ok(lines
            .into_iter()
            .map(|rec| Document {
                id: rec.id,
                text: rec.text,
            })
            .collect())
    }
}

/// Read a JSON Lines file: one `T` a non-blank line. A line that does not
/// decode is reported with its one-based number ([`Error::Json`]).
pub fn read_json_lines<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let data = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|source| Error::Json {
            line: n + 1,
            source,
        })?);
    }
    Ok(out)
}

/// Whether `path` names a `.txt` file (one document).
pub(crate) fn is_txt(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("txt")
}

/// One `.txt` file as a document whose id is the file name without `.txt`.
fn read_txt(path: &Path) -> Result<Document> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Error::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{}: {}", path.display(), Error::InvalidUtf8 { offset }),
        ))
    })?;
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    Ok(Document { id, text })
}

/// Convert a byte span of `text` to code points (a convenience for one-off
/// conversions; use [`CharOffsets`] for many).
pub fn span_to_chars(text: &str, span: Span) -> (usize, usize) {
    CharOffsets::new(text).span_to_chars(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("whosaid-interchange-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn reads_a_folder_a_txt_file_and_json_lines() {
        let dir = scratch("inputs");
        std::fs::write(dir.join("b.txt"), "Second").unwrap();
        std::fs::write(dir.join("a.txt"), "First").unwrap();
        std::fs::write(dir.join("notes.md"), "ignored").unwrap();
        let docs = read_documents(&dir).unwrap();
        assert_eq!(
            docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );

        let one = read_documents(&dir.join("b.txt")).unwrap();
        assert_eq!((one[0].id.as_str(), one[0].text.as_str()), ("b", "Second"));

        let jsonl = dir.join("docs.jsonl");
        std::fs::write(&jsonl, "{\"id\":\"x\",\"text\":\"T\",\"outlet\":\"O\"}\n\n").unwrap();
        assert_eq!(read_documents(&jsonl).unwrap()[0].id, "x");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn errors_say_where() {
        let dir = scratch("errors");
        let bad = dir.join("bad.txt");
        std::fs::write(&bad, b"ok \xff").unwrap();
        let msg = read_documents(&bad).unwrap_err().to_string();
        assert!(
            msg.contains("bad.txt") && msg.contains("byte offset 3"),
            "{msg}"
        );

        let jsonl = dir.join("docs.jsonl");
        std::fs::write(&jsonl, "{\"id\":\"x\",\"text\":\"T\"}\nnot json\n").unwrap();
        let msg = read_documents(&jsonl).unwrap_err().to_string();
        assert!(msg.contains("line 2"), "{msg}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
