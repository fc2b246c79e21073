//! Stage 1: raw scraped text to a typed [`Article`].
//!
//! Every non-blank line of the input becomes one [`Element`] with a byte
//! [`Span`] (trimmed of white space) and a [`Role`]: title, standfirst,
//! dateline, caption, credit, subheading, body, byline, or chrome (site
//! furniture such as cookie banners and newsletter prompts). Chrome is marked,
//! never dropped, so nothing of the input is lost.
//!
//! ```
//! let text = "Subscribe to our newsletter\n\
//!             Minister says talks will go on\n\
//!             \n\
//!             GENEVA, March 3. /TASS/. Talks will go on, the minister said on Tuesday.\n";
//! let article = whosaid::parse(text)?;
//! assert_eq!(article.title(), Some("Minister says talks will go on"));
//! let dateline = article.dateline().unwrap();
//! assert_eq!(dateline.place, "GENEVA");
//! assert_eq!(dateline.agency.as_deref(), Some("TASS"));
//! assert_eq!(article.publisher(), Some("TASS"));
//! assert_eq!(article.chrome().count(), 1);
//! # Ok::<(), whosaid::Error>(())
//! ```

mod chrome;
mod dateline;
mod layout;
mod lines;
mod publisher;
mod roles;

use crate::text;
use crate::{Error, Result, Span};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What a line of the input is, in the article's structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Role {
    /// The headline.
    Title,
    /// The summary line under the headline (also called dek or lede summary).
    Standfirst,
    /// A line that is only a dateline (`MOSCOW, October 1. /TASS/.`). A
    /// dateline that opens a paragraph leaves the line `Body`; see
    /// [`Article::dateline`].
    Dateline,
    /// A photo caption.
    Caption,
    /// A photo credit or source line (`© Name/TASS`, `First published by TASS.`).
    Credit,
    /// A heading inside the body.
    Subheading,
    /// A paragraph of the article's text.
    Body,
    /// An author line (`By Jane Doe`).
    Byline,
    /// Site furniture: navigation, cookie notices, newsletter prompts,
    /// advertisements, share buttons, footers and disclaimers.
    Chrome,
}

impl Role {
    /// All roles, in the order of the enum.
    pub const ALL: [Role; 9] = [
        Role::Title,
        Role::Standfirst,
        Role::Dateline,
        Role::Caption,
        Role::Credit,
        Role::Subheading,
        Role::Body,
        Role::Byline,
        Role::Chrome,
    ];

    /// The lowercase name used in JSON (`"title"`, `"chrome"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Standfirst => "standfirst",
            Role::Dateline => "dateline",
            Role::Caption => "caption",
            Role::Credit => "credit",
            Role::Subheading => "subheading",
            Role::Body => "body",
            Role::Byline => "byline",
            Role::Chrome => "chrome",
        }
    }

    /// Whether the role is part of the article (everything but chrome).
    pub const fn is_content(self) -> bool {
        !matches!(self, Role::Chrome)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One non-blank line of the input, trimmed, with its role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Element {
    /// Byte span of the line in the input, trimmed of white space.
    pub span: Span,
    /// What the line is.
    pub role: Role,
}

impl Element {
    /// A new element.
    pub const fn new(span: Span, role: Role) -> Self {
        Element { span, role }
    }
}

/// A news-agency dateline: `BAGHDAD, February 11. /TASS/.`,
/// `MOSCOW (Reuters) -`, `LONDON, Oct 5 (AP) —`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Dateline {
    /// Byte span of the whole dateline, including its closing punctuation.
    pub span: Span,
    /// The place as printed (`"UNITED NATIONS"`).
    pub place: String,
    /// The date as printed (`"February 11"`), if the dateline has one.
    pub date_text: Option<String>,
    /// The agency without slashes or parentheses (`"TASS"`, `"Reuters"`).
    pub agency: Option<String>,
    /// The date, where the dateline gives month and day. The year is only
    /// set when the dateline prints one.
    pub date: Option<DatelineDate>,
}

/// The date a dateline gives: month and day, and the year when printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DatelineDate {
    /// The year, when the dateline prints it.
    pub year: Option<i32>,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
}

impl DatelineDate {
    /// A month and day with an optional year.
    pub const fn new(year: Option<i32>, month: u32, day: u32) -> Self {
        DatelineDate { year, month, day }
    }
}

/// Who published the article, and the line that says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Publisher {
    /// The outlet's name (`"TASS"`, `"Rossiyskaya Gazeta"`).
    pub name: String,
    /// Byte span of the name where it was found.
    pub span: Span,
}

/// The largest input accepted, in bytes (spans are stored as `usize`, but the
/// interchange formats and corpus index use 32-bit offsets).
pub const MAX_INPUT: usize = u32::MAX as usize;

/// A scraped article, read into its parts.
///
/// Build one with [`whosaid::parse`](crate::parse), [`Article::parse`] or
/// [`whosaid::from_bytes`](crate::from_bytes). The article borrows the
/// caller's text (or owns it, after [`Article::into_owned`]); every span in it
/// is a byte range into that text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    elements: Vec<Element>,
    dateline: Option<Dateline>,
    publisher: Option<Publisher>,
    published: Option<NaiveDate>,
}

impl<'a> Article<'a> {
    /// Read `text` into an article. Never panics; fails only on input over
    /// [`MAX_INPUT`] bytes.
    ///
    /// ```
    /// let a = whosaid::Article::parse("Hello\n\nWorld, he said.")?;
    /// assert_eq!(a.elements().len(), 2);
    /// # Ok::<(), whosaid::Error>(())
    /// ```
    pub fn parse(text: &'a str) -> Result<Self> {
        if text.len() > MAX_INPUT {
            return Err(Error::TooLarge {
                len: text.len(),
                max: MAX_INPUT,
            });
        }
        let layout = layout::analyse(text);
        Ok(Article {
            text: Cow::Borrowed(text),
            elements: layout.elements,
            dateline: layout.dateline,
            publisher: layout.publisher,
            published: layout.published,
        })
    }

    /// Read UTF-8 bytes into an article; invalid UTF-8 is reported with the
    /// byte offset of the first bad byte.
    ///
    /// ```
    /// let err = whosaid::Article::from_bytes(b"ok \xff bad").unwrap_err();
    /// assert!(matches!(err, whosaid::Error::InvalidUtf8 { offset: 3 }));
    /// ```
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Self> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Article::parse(text),
            Err(e) => Err(Error::InvalidUtf8 {
                offset: e.valid_up_to(),
            }),
        }
    }

    /// An article that owns its text, detached from the caller's buffer.
    pub fn into_owned(self) -> Article<'static> {
        Article {
            text: Cow::Owned(self.text.into_owned()),
            elements: self.elements,
            dateline: self.dateline,
            publisher: self.publisher,
            published: self.published,
        }
    }

    /// The whole input text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text a span covers (`""` if the span does not fit the text).
    pub fn slice(&self, span: Span) -> &str {
        span.of(&self.text)
    }

    /// Every non-blank line, in input order, with its role.
    pub fn elements(&self) -> &[Element] {
        &self.elements
    }

    /// The elements with the given role, in order.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Element> + '_ {
        self.elements.iter().filter(move |e| e.role == role)
    }

    /// The element whose span contains byte `offset`, if any.
    pub fn element_at(&self, offset: usize) -> Option<&Element> {
        self.element_index_at(offset).map(|i| &self.elements[i])
    }

    /// Index into [`Article::elements`] of the element whose span contains
    /// byte `offset`, if any.
    pub fn element_index_at(&self, offset: usize) -> Option<usize> {
        let i = self.elements.partition_point(|e| e.span.end <= offset);
        self.elements
            .get(i)
            .filter(|e| e.span.contains_offset(offset))
            .map(|_| i)
    }

    fn first(&self, role: Role) -> Option<&str> {
        self.with_role(role).next().map(|e| self.slice(e.span))
    }

    /// The headline, if the article has one.
    pub fn title(&self) -> Option<&str> {
        self.first(Role::Title)
    }

    /// The standfirst (summary under the headline), if any.
    pub fn standfirst(&self) -> Option<&str> {
        self.first(Role::Standfirst)
    }

    /// The dateline, if the article has one.
    pub fn dateline(&self) -> Option<&Dateline> {
        self.dateline.as_ref()
    }

    /// The publisher's name, from credits, copyright lines or disclaimers.
    pub fn publisher(&self) -> Option<&str> {
        self.publisher.as_ref().map(|p| p.name.as_str())
    }

    /// The publisher with the span it was read from.
    pub fn publisher_info(&self) -> Option<&Publisher> {
        self.publisher.as_ref()
    }

    /// The publication date, where the text fixes it (year included).
    pub fn published(&self) -> Option<NaiveDate> {
        self.published
    }

    /// The body paragraphs, in order (a paragraph may open with the dateline).
    pub fn body(&self) -> impl Iterator<Item = &str> + '_ {
        self.with_role(Role::Body).map(|e| self.slice(e.span))
    }

    /// The body paragraphs joined by blank lines.
    pub fn body_text(&self) -> String {
        join(self.body())
    }

    /// Everything but chrome (title, standfirst, captions, credits, headings
    /// and body), one element a line, in order.
    pub fn content_text(&self) -> String {
        join(
            self.elements
                .iter()
                .filter(|e| e.role.is_content())
                .map(|e| self.slice(e.span)),
        )
    }

    /// The chrome (site furniture) lines, kept apart from the article.
    pub fn chrome(&self) -> impl Iterator<Item = &str> + '_ {
        self.with_role(Role::Chrome).map(|e| self.slice(e.span))
    }

    /// Non-blank lines of the input, in order: the same spans as
    /// [`Article::elements`], for callers who want the text.
    pub fn lines(&self) -> impl Iterator<Item = (&Element, &str)> + '_ {
        self.elements.iter().map(|e| (e, self.slice(e.span)))
    }
}

fn join<'s>(parts: impl Iterator<Item = &'s str>) -> String {
    let mut out = String::new();
    for p in parts {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(p);
    }
    out
}

/// Sanity check used by tests: every non-blank byte lies in exactly one element.
#[doc(hidden)]
pub fn covers_every_visible_char(article: &Article<'_>) -> bool {
    let text = article.text();
    let mut last_end = 0;
    for e in article.elements() {
        if e.span.start < last_end || e.span.is_empty() {
            return false;
        }
        if !text[last_end..e.span.start].chars().all(text::is_blank) {
            return false;
        }
        last_end = e.span.end;
    }
    text[last_end..].chars().all(text::is_blank)
}
