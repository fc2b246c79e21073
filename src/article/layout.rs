//! From text to an article's parts: lines and their features, the chrome
//! classifier, roles, dateline, publisher and publication date.

use super::chrome;
use super::dateline;
use super::lines;
use super::publisher;
use super::roles;
use super::{Dateline, Element, Publisher, Role};
use chrono::NaiveDate;
use memchr::memmem::Finder;
use std::sync::LazyLock;

/// How many lines past the first paragraph a printed date may stand and
/// still date the article.
const DATE_LINES_AFTER_FIRST_PARAGRAPH: usize = 3;
/// Lines longer than this (in words) are not date lines.
const DATE_LINE_MAX_WORDS: u32 = 15;
/// Footer lines searched for a self-description (`X journalists report`)
/// beyond the lines the lexicons flag.
const FOOTER_LINES: usize = 12;

/// What a self-description in the footer holds (`X journalists report`).
static REPORT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" report"));

pub(crate) struct Layout {
    pub elements: Vec<Element>,
    pub dateline: Option<Dateline>,
    pub publisher: Option<Publisher>,
    pub published: Option<NaiveDate>,
}

pub(crate) fn analyse(input: &str) -> Layout {
    let all = lines::scan(input);
    let lines = &all.lines[..];
    let hits = chrome::phrase_hits(input, lines);
    let lang = chrome::document_language(&all);
    let classes = chrome::classify(&all, &hits, lang);
    let assigned = roles::assign(input, lines, &hits, &classes);

    let footer = lines.len().saturating_sub(FOOTER_LINES);
    // Lines that may name the publisher: credits, chrome markers, copyright
    // signs, and self-descriptions in the footer.
    let candidates = lines
        .iter()
        .zip(&hits)
        .enumerate()
        .filter_map(|(i, (l, h))| {
            (h.credit
                || h.markers > 0
                || l.has_copyright
                || (i >= footer && REPORT.find(l.span.of(input).as_bytes()).is_some()))
            .then_some(l.span)
        });
    let publisher = publisher::find(input, candidates, assigned.dateline.as_ref());

    let published = published(input, lines, &assigned);
    Layout {
        elements: assigned.elements,
        dateline: assigned.dateline,
        publisher,
        published,
    }
}

/// The publication date: a dateline that prints its year, or the first full
/// date printed on a short line of the header.
fn published(input: &str, lines: &[lines::Line], assigned: &roles::Assigned) -> Option<NaiveDate> {
    if let Some(d) = assigned.dateline.as_ref().and_then(|d| d.date) {
        if let Some(y) = d.year {
            return NaiveDate::from_ymd_opt(y, d.month, d.day);
        }
    }
    let end = assigned
        .first_paragraph
        .map_or(lines.len(), |p| p + DATE_LINES_AFTER_FIRST_PARAGRAPH + 1);
    lines
        .iter()
        .zip(&assigned.elements)
        .take(end)
        .enumerate()
        // A full date prints three numbers or words (`2019-10-05`,
        // `5 October 2019`).
        .filter(|(_, (l, e))| {
            (3..=DATE_LINE_MAX_WORDS).contains(&l.words)
                && e.role != Role::Body
                && e.role != Role::Title
        })
        .find_map(|(i, (l, _))| {
            let s = l.span.of(input);
            if s.bytes().any(|b| b.is_ascii_digit()) {
                // The roles may have sought it already.
                assigned
                    .full_date(i)
                    .unwrap_or_else(|| dateline::full_date(s))
            } else {
                None
            }
        })
}
