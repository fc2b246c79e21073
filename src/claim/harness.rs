//! Development harness (tests only): run the claim stage on gold quotes.
//!
//! `WHOSAID_GOLD=path/seeds.gold.jsonl WHOSAID_OUT=/tmp/x.jsonl cargo test
//! --lib gold_quotes_harness -- --ignored` reads a FORMAT.md gold file,
//! builds each document's [`Quotes`] from its gold quotes (cue and speaker
//! mention located in the text), and writes the claim predictions, so the
//! stage can be scored before the quote stage exists. Ignored by default:
//! it needs files outside the repository.

use crate::article::Role;
use crate::interchange::ClaimRecord;
use crate::quote::{Cue, Quote, QuoteKind, Quotes, Speaker, SpeakerKind};
use crate::Span;
use serde::Deserialize;

#[derive(Deserialize)]
struct GoldQuote {
    start: usize,
    end: usize,
    kind: String,
    speaker: Option<String>,
    cue: Option<String>,
    section: Option<String>,
}

#[derive(Deserialize)]
struct GoldDoc {
    id: String,
    text: String,
    quotes: Vec<GoldQuote>,
}

fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// The occurrence of `needle` nearest to `span` in `text` within `within`.
fn nearest(text: &str, needle: &str, span: Span, within: Span) -> Option<Span> {
    if needle.is_empty() {
        return None;
    }
    let hay = within.of(text);
    hay.match_indices(needle)
        .map(|(i, _)| Span::new(within.start + i, within.start + i + needle.len()))
        .filter(|s| s.overlap(span) == 0)
        .min_by_key(|s| {
            if s.end <= span.start {
                span.start - s.end
            } else {
                s.start.saturating_sub(span.end)
            }
        })
}

/// A gold quote: span, kind, speaker, cue as printed, section.
type GoldSpec = (Span, QuoteKind, Option<String>, Option<String>, Role);

fn gold_quotes(article: &crate::Article<'_>, doc_quotes: &[GoldSpec]) -> Quotes {
    let text = article.text();
    let mut quotes = Vec::new();
    for (span, kind, speaker, cue, section) in doc_quotes {
        let el = article.element_at(span.start).map_or(*span, |e| e.span);
        let cue = cue
            .as_deref()
            .and_then(|c| nearest(text, c, *span, el))
            .map(|s| Cue { span: s });
        let speaker = speaker.as_ref().map(|name| {
            let last = name.split_whitespace().last().unwrap_or(name);
            let mention = nearest(text, name, *span, el)
                .or_else(|| nearest(text, last, *span, el))
                .unwrap_or(Span::new(span.start, span.start));
            let kind = if name.split_whitespace().count() >= 2 && !name.contains("Ministry") {
                SpeakerKind::Person
            } else {
                SpeakerKind::Organisation
            };
            Speaker {
                name: name.clone(),
                mention,
                kind,
                entity: None,
            }
        });
        quotes.push(Quote {
            span: *span,
            kind: *kind,
            cue,
            speaker,
            section: *section,
        });
    }
    quotes.sort_by_key(|q| q.span.start);
    Quotes {
        quotes,
        people: Vec::new(),
    }
}

#[test]
#[ignore = "needs WHOSAID_GOLD and WHOSAID_OUT"]
fn gold_quotes_harness() {
    let (Ok(gold), Ok(out)) = (std::env::var("WHOSAID_GOLD"), std::env::var("WHOSAID_OUT")) else {
        return;
    };
    let data = std::fs::read_to_string(gold).expect("gold file");
    let mut lines = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let doc: GoldDoc = serde_json::from_str(line).expect("gold line");
        let article = crate::parse(&doc.text).expect("parse");
        let b = byte_offsets(&doc.text);
        let qs: Vec<_> = doc
            .quotes
            .iter()
            .map(|q| {
                let kind = match q.kind.as_str() {
                    "direct" => QuoteKind::Direct,
                    "partial" => QuoteKind::Partial,
                    _ => QuoteKind::Indirect,
                };
                let section = match q.section.as_deref() {
                    Some("title") => Role::Title,
                    Some("standfirst") => Role::Standfirst,
                    Some("caption") => Role::Caption,
                    Some("subheading") => Role::Subheading,
                    _ => Role::Body,
                };
                let span = Span::new(b[q.start.min(b.len() - 1)], b[q.end.min(b.len() - 1)]);
                (span, kind, q.speaker.clone(), q.cue.clone(), section)
            })
            .collect();
        let quotes = gold_quotes(&article, &qs);
        let claims = crate::claims(&article, &quotes);
        if std::env::var("WHOSAID_DEBUG").is_ok() {
            for c in &claims {
                eprintln!(
                    "{} {:?} {:?} {:?} [{}] grp={} date={:?}\n    {}\n    => {}",
                    &doc.id[..3],
                    c.speaker,
                    c.polarity,
                    c.hedged,
                    c.topic,
                    c.group % 1000,
                    c.date,
                    article.slice(c.span).chars().take(140).collect::<String>(),
                    c.proposition
                );
            }
        }
        lines.push(
            serde_json::to_string(&ClaimRecord::new(&doc.id, &article, &claims)).expect("json"),
        );
    }
    std::fs::write(out, lines.join("\n") + "\n").expect("write");
}
