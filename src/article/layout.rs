//! Role assignment for the lines of an article (first, simple version).

use super::{Dateline, Element, Publisher, Role};
use crate::text;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

pub(crate) struct Layout {
    pub elements: Vec<Element>,
    pub dateline: Option<Dateline>,
    pub publisher: Option<Publisher>,
    pub published: Option<NaiveDate>,
}

static TASS_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z][A-Z .'-]+), ([A-Z][a-z]+ \d{1,2})\. /([A-Z]+)/\.").expect("valid regex")
});

pub(crate) fn analyse(input: &str) -> Layout {
    let mut elements: Vec<Element> = Vec::new();
    let mut dateline = None;
    let mut have_title = false;
    for span in text::content_lines(input) {
        let line = span.of(input);
        let role = if crate::lexicon::article::is_chrome_phrase(line) {
            Role::Chrome
        } else if !have_title {
            have_title = true;
            Role::Title
        } else {
            Role::Body
        };
        if dateline.is_none() && role == Role::Body {
            if let Some(c) = TASS_DATELINE.captures(line) {
                let (m, p, d, a) = (&c[0], &c[1], &c[2], &c[3]);
                dateline = Some(Dateline {
                    span: crate::Span::new(span.start, span.start + m.len()),
                    place: p.to_string(),
                    date_text: Some(d.to_string()),
                    agency: Some(a.to_string()),
                    date: None,
                });
            }
        }
        elements.push(Element::new(span, role));
    }
    let publisher = dateline.as_ref().and_then(|d: &Dateline| {
        d.agency.as_ref().map(|a| Publisher {
            name: a.clone(),
            span: d.span,
        })
    });
    Layout {
        elements,
        dateline,
        publisher,
        published: None,
    }
}
