//! Property tests over the whole pipeline: no panic on any input, and the
//! invariants every stage promises about spans.

use proptest::prelude::*;
use whosaid::{Role, Span};

/// Characters scraped news is made of, weighted towards the troublesome ones.
fn newsy_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        3 => Just(' '),
        2 => Just('\n'),
        1 => Just('\r'),
        1 => Just('\t'),
        1 => prop::sample::select(vec![
            '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›', '`',
            '.', ',', ':', ';', '-', '–', '—', '/', '(', ')', '[', ']', '©', '•',
            '\u{00A0}', '\u{200B}', '\u{FEFF}', '\u{00AD}', '\u{2028}', 'é', 'ß', 'Д', '𝄞',
        ]),
    ]
}

fn newsy_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(newsy_char(), 0..400).prop_map(|v| v.into_iter().collect()),
        // Sentences built from words that trigger the rules.
        prop::collection::vec(
            prop::sample::select(vec![
                "\"We will not,\" ",
                "he said. ",
                "Rogozin said ",
                "According to Lavrov, ",
                "the minister stressed. ",
                "“Nobody",
                " is leaving”, ",
                "MOSCOW, October 1. /TASS/. ",
                "\n\n",
                "\n",
                "Subscribe to our newsletter\n",
                "© Ivan Petrov/TASS\n",
                "'",
                "’s ",
                "denied that ",
                "on Thursday ",
                "«",
                "»",
                "„",
                "“",
                ": ",
                "Foreign Ministry: ",
            ]),
            0..60,
        )
        .prop_map(|v| v.concat()),
    ]
}

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "{what} span reversed: {span:?}");
    prop_assert!(span.end <= text.len(), "{what} span past the end: {span:?}");
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span off a char boundary: {span:?}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn article_covers_every_visible_char_once(text in newsy_text()) {
        let article = whosaid::parse(&text).unwrap();
        for e in article.elements() {
            check_span(&text, e.span, "element")?;
        }
        prop_assert!(whosaid::article::covers_every_visible_char(&article));
        if let Some(d) = article.dateline() {
            check_span(&text, d.span, "dateline")?;
        }
    }

    #[test]
    fn quotes_lie_inside_content_and_are_ordered(text in newsy_text()) {
        let article = whosaid::parse(&text).unwrap();
        let quotes = whosaid::quotes(&article);
        let mut last_start = 0;
        for q in &quotes {
            check_span(&text, q.span, "quote")?;
            prop_assert!(!q.span.is_empty(), "empty quote {q:?}");
            prop_assert!(q.span.start >= last_start, "quotes out of order");
            last_start = q.span.start;
            prop_assert!(!matches!(q.section, Role::Chrome | Role::Credit), "quote in {:?}", q.section);
            if let Some(s) = &q.speaker {
                check_span(&text, s.mention, "speaker mention")?;
                prop_assert!(!s.name.trim().is_empty());
            }
            if let Some(c) = &q.cue {
                check_span(&text, c.span, "cue")?;
            }
            // A direct or partial quote's span excludes its own quotation
            // marks. (An indirect quote may end with the closing mark of a
            // quoted fragment it contains, by the annotation convention.)
            if q.kind == whosaid::QuoteKind::Indirect {
                continue;
            }
            let inner = q.span.of(&text);
            let first = inner.chars().next();
            let last = inner.chars().last();
            for c in [first, last].into_iter().flatten() {
                prop_assert!(!matches!(c, '“' | '”' | '«' | '»' | '„'), "quote span {inner:?} keeps a mark");
            }
        }
        let claims = whosaid::claims(&article, &quotes);
        for c in &claims {
            check_span(&text, c.span, "claim")?;
            prop_assert!(c.quote < quotes.len());
        }
    }

    #[test]
    fn from_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        match whosaid::from_bytes(&bytes) {
            Ok(article) => prop_assert!(whosaid::article::covers_every_visible_char(&article)),
            Err(whosaid::Error::InvalidUtf8 { offset }) => {
                prop_assert_eq!(offset, std::str::from_utf8(&bytes).unwrap_err().valid_up_to())
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    #[test]
    fn offsets_survive_crlf_and_bom(text in newsy_text()) {
        let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
        let article = whosaid::parse(&crlf).unwrap();
        prop_assert!(whosaid::article::covers_every_visible_char(&article));
        for e in article.elements() {
            prop_assert!(!article.slice(e.span).contains('\r'));
        }
    }
}
