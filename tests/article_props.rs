//! Property tests of `parse`: on any input made of the pieces scraped pages
//! are made of, it does not panic, covers every visible character exactly
//! once, and keeps every span on character boundaries.

use proptest::prelude::*;
use whosaid::article::covers_every_visible_char;

/// Pieces of scraped text: words, datelines, chrome phrases, credits,
/// quotation marks, invisible characters and every kind of line break.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "The minister said",
        " ",
        "talks",
        "would go on.",
        "\"",
        "“",
        "”",
        "«",
        "»",
        "MOSCOW, October 1. /TASS/.",
        "WASHINGTON —",
        "LONDON, Oct 5 (AP) —",
        "PARIS, 5 octobre (AFP) -",
        "All news",
        "Read more",
        "Subscribe to our newsletter",
        "- Advertisement -",
        "© Jane Doe/TASS",
        "First published by TASS.",
        "All rights reserved by Example Daily.",
        "• 16x9 Image",
        "Photo: X",
        "Related articles",
        "Teilen",
        "Diese Website verwendet Cookies.",
        "über",
        "话剧",
        "Ñandú",
        "\n",
        "\r\n",
        "\r",
        "\n\n\n",
        "\t",
        "\u{00A0}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{00AD}",
        "|",
        "12.03.2021",
        "October 1, 2015",
        "2015-10-01",
        "By Jane Doe",
        "Jane Doe is a senior writer",
        "é",
        "🙂",
        "/",
        ":",
        "?",
        "...",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn parse_covers_everything(pieces in prop::collection::vec(piece(), 0..80)) {
        let text: String = pieces.concat();
        let a = whosaid::parse(&text).unwrap();
        prop_assert!(covers_every_visible_char(&a));
        for e in a.elements() {
            prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            prop_assert!(!a.slice(e.span).is_empty());
        }
        if let Some(d) = a.dateline() {
            prop_assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start));
        }
        if let Some(p) = a.publisher_info() {
            prop_assert_eq!(a.slice(p.span), p.name.as_str());
        }
    }

    #[test]
    fn parse_never_panics_on_any_string(text in "\\PC{0,400}") {
        let a = whosaid::parse(&text).unwrap();
        prop_assert!(covers_every_visible_char(&a));
    }
}
