//! Integration tests of the article stage on fixtures written in the style of
//! scraped news pages: agency copy, republished copy with a footer, a
//! broadcaster's page, German and Spanish news sites with menus and cookie
//! banners, and input as scrapers save it.

use chrono::NaiveDate;
use whosaid::article::covers_every_visible_char;
use whosaid::{Article, Role};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/article/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The role of the first line that starts with `prefix`.
fn role_of(article: &Article<'_>, prefix: &str) -> Role {
    article
        .lines()
        .find(|(_, text)| text.starts_with(prefix))
        .map(|(e, _)| e.role)
        .unwrap_or_else(|| panic!("no line starts with {prefix:?}"))
}

fn roles(article: &Article<'_>) -> Vec<Role> {
    article.elements().iter().map(|e| e.role).collect()
}

#[test]
fn agency_copy_with_photo_credits_and_subheading() {
    let text = fixture("tass_style.txt");
    let a = whosaid::parse(&text).unwrap();
    assert!(covers_every_visible_char(&a));
    use Role::*;
    assert_eq!(
        roles(&a),
        [
            Chrome, Title, Standfirst, Caption, Caption, Credit, Body, Body, Body, Subheading,
            Body, Body
        ]
    );
    assert_eq!(
        a.title(),
        Some("Minister: Moscow will not send ground forces to the region")
    );
    let d = a.dateline().unwrap();
    assert_eq!(d.place, "VIENNA");
    assert_eq!(d.date_text.as_deref(), Some("March 14"));
    assert_eq!(d.agency.as_deref(), Some("TASS"));
    assert_eq!(
        d.date.map(|d| (d.year, d.month, d.day)),
        Some((None, 3, 14))
    );
    assert_eq!(a.slice(d.span), "VIENNA, March 14. /TASS/.");
    assert_eq!(a.publisher(), Some("TASS"));
    // No year is printed, so no publication date is invented.
    assert_eq!(a.published(), None);
    assert!(a.body().next().unwrap().starts_with("VIENNA, March 14."));
}

#[test]
fn republished_copy_with_bom_crlf_and_footer() {
    let text = fixture("rg_style_crlf_bom.txt");
    assert!(text.starts_with('\u{FEFF}') && text.contains("\r\n"));
    let a = whosaid::parse(&text).unwrap();
    assert!(covers_every_visible_char(&a));
    assert_eq!(
        a.title(),
        Some("Foreign Ministry: no recruiting of volunteers for the conflict")
    );
    assert!(a.standfirst().unwrap().ends_with("spokeswoman says."));
    assert_eq!(role_of(&a, "First published by"), Role::Credit);
    assert_eq!(role_of(&a, "All rights reserved"), Role::Chrome);
    assert_eq!(role_of(&a, "Read more"), Role::Chrome);
    assert_eq!(role_of(&a, "This website uses cookies"), Role::Chrome);
    assert_eq!(a.body().count(), 3);
    // The rights line names the publisher; the source credit does not.
    assert_eq!(a.publisher(), Some("Rossiyskaya Gazeta"));
    assert_eq!(
        a.publisher_info().map(|p| a.slice(p.span)),
        Some("Rossiyskaya Gazeta")
    );
    assert!(a.dateline().is_none());
    // Spans exclude the BOM and the carriage returns.
    for (_, line) in a.lines() {
        assert!(!line.contains(['\r', '\u{FEFF}']), "{line:?}");
    }
}

#[test]
fn broadcaster_page_with_duplicated_caption_and_closing_credit() {
    let text = fixture("rferl_style.txt");
    let a = whosaid::parse(&text).unwrap();
    assert!(covers_every_visible_char(&a));
    assert_eq!(role_of(&a, "Accessibility links"), Role::Chrome);
    assert_eq!(
        a.title(),
        Some("Kremlin Says It Will Not Send Troops, Denies Recruiting Fighters")
    );
    assert_eq!(a.standfirst(), None);
    assert_eq!(a.with_role(Role::Caption).count(), 2);
    assert_eq!(role_of(&a, "'Breaking The Law'"), Role::Subheading);
    assert_eq!(role_of(&a, "With reporting by"), Role::Credit);
    // After the closing credit everything is site furniture.
    assert_eq!(role_of(&a, "RFE/RL journalists report"), Role::Chrome);
    assert_eq!(role_of(&a, "• 16x9 Image"), Role::Chrome);
    assert_eq!(a.publisher(), Some("RFE/RL"));
    assert_eq!(a.body().count(), 4);
}

#[test]
fn german_page_with_menu_cookie_banner_and_date_line() {
    let text = fixture("german_news.txt");
    let a = whosaid::parse(&text).unwrap();
    assert!(covers_every_visible_char(&a));
    assert_eq!(
        a.title(),
        Some("Stadtrat beschließt neuen Radweg entlang der Uferstraße")
    );
    assert_eq!(a.body().count(), 3);
    assert_eq!(role_of(&a, "Diese Website verwendet Cookies"), Role::Chrome);
    assert_eq!(role_of(&a, "Mehr zum Thema"), Role::Chrome);
    assert_eq!(role_of(&a, "Neue Buslinie"), Role::Chrome);
    assert_eq!(role_of(&a, "Newsletter abonnieren"), Role::Chrome);
    assert_eq!(a.published(), NaiveDate::from_ymd_opt(2021, 3, 12));
    assert_eq!(a.publisher(), Some("Stadtanzeiger Verlag GmbH"));
    let kept = a.content_text();
    assert!(kept.contains("Radwegs") && !kept.contains("Impressum"));
}

#[test]
fn spanish_page_with_agency_dateline_and_ad_marker() {
    let text = fixture("spanish_news.txt");
    let a = whosaid::parse(&text).unwrap();
    assert!(covers_every_visible_char(&a));
    let d = a.dateline().unwrap();
    assert_eq!(
        (d.place.as_str(), d.agency.as_deref()),
        ("MADRID", Some("EFE"))
    );
    assert_eq!(d.date.map(|d| (d.month, d.day)), Some((3, 3)));
    assert_eq!(role_of(&a, "Publicidad"), Role::Chrome);
    // The paragraph after the advertisement marker is still the article.
    assert_eq!(role_of(&a, "Las asociaciones"), Role::Body);
    assert_eq!(role_of(&a, "Síguenos"), Role::Chrome);
    assert_eq!(a.body().count(), 3);
}

#[test]
fn wire_story_with_byline_and_full_date() {
    let text = fixture("ap_style.txt");
    let a = whosaid::parse(&text).unwrap();
    assert_eq!(role_of(&a, "By Mary Jones"), Role::Byline);
    let d = a.dateline().unwrap();
    assert_eq!(
        d.date.map(|d| (d.year, d.month, d.day)),
        Some((Some(2015), 10, 5))
    );
    assert_eq!(a.published(), NaiveDate::from_ymd_opt(2015, 10, 5));
    assert_eq!(a.publisher(), Some("AP"));
}

#[test]
fn crlf_and_lf_give_the_same_roles() {
    let lf = fixture("tass_style.txt");
    let crlf = lf.replace('\n', "\r\n");
    let (a, b) = (whosaid::parse(&lf).unwrap(), whosaid::parse(&crlf).unwrap());
    assert_eq!(roles(&a), roles(&b));
    for ((_, x), (_, y)) in a.lines().zip(b.lines()) {
        assert_eq!(x, y);
    }
}

#[test]
fn invisible_characters_and_odd_whitespace() {
    let text = "\u{FEFF}\u{200B}Headline of the day\u{00A0}\n\t \u{00A0}\n\n\n   \u{2060}\nThe first paragraph is here.\t\r\n";
    let a = whosaid::parse(text).unwrap();
    assert!(covers_every_visible_char(&a));
    assert_eq!(a.title(), Some("Headline of the day"));
    assert_eq!(
        a.body().collect::<Vec<_>>(),
        ["The first paragraph is here."]
    );
}

#[test]
fn degenerate_inputs() {
    for text in ["", "   ", "\n\n\r\n", "\u{FEFF}", "\u{200B}\u{00A0}\t"] {
        let a = whosaid::parse(text).unwrap();
        assert!(a.elements().is_empty(), "{text:?}");
        assert!(covers_every_visible_char(&a));
    }
    let one_line = "word ".repeat(200_000);
    let a = whosaid::parse(&one_line).unwrap();
    assert_eq!(a.elements().len(), 1);
    assert!(covers_every_visible_char(&a));
    let many = "word\n".repeat(100_000);
    let a = whosaid::parse(&many).unwrap();
    assert_eq!(a.elements().len(), 100_000);
    assert!(covers_every_visible_char(&a));
}

#[test]
fn invalid_utf8_is_reported_with_its_offset() {
    let err = whosaid::from_bytes(b"Title\n\nBody \xff text").unwrap_err();
    assert!(matches!(err, whosaid::Error::InvalidUtf8 { offset: 12 }));
}

#[test]
fn two_sentence_standfirst_above_a_date_line() {
    let text = "\
Home
News
Sport
Harbour plan splits the town council
The council wants a new harbour wall by the spring of next year and the money for it. Critics call the plan far too costly.
12.03.2024 um 09:15 Uhr - Jane Doe - 4 Kommentare
The harbour wall of the town has been crumbling for years, and on Tuesday the council voted by a narrow margin to replace it before the storms of next winter, the mayor said after the meeting.
Opponents of the plan said that the town could not afford the work and that the old wall could still be repaired for a fraction of the cost, and they asked for a vote of all residents.
";
    let a = whosaid::parse(text).unwrap();
    assert_eq!(a.title(), Some("Harbour plan splits the town council"));
    assert_eq!(
        role_of(&a, "The council wants"),
        Role::Standfirst,
        "{:?}",
        roles(&a)
    );
    assert_eq!(role_of(&a, "Opponents"), Role::Body);
}

#[test]
fn source_credit_in_the_header_does_not_hide_the_title() {
    let text = "\
Menu
Harbour towns count the cost of the storm
Repairs will take most of the year, officials say
Jane Doe
This post originally appeared on Coastal Times.
The storm that hit the coast on Sunday night left three harbour towns with broken walls and flooded streets, and the repairs will take most of the year, officials said on Monday after a first survey of the damage.
Fishermen said that the boats in the inner harbours had been spared, but that the outer moorings had been torn loose and that several boats had sunk.
";
    let a = whosaid::parse(text).unwrap();
    assert_eq!(
        a.title(),
        Some("Harbour towns count the cost of the storm"),
        "{:?}",
        roles(&a)
    );
    assert_eq!(role_of(&a, "This post originally"), Role::Credit);
    assert_eq!(role_of(&a, "Fishermen"), Role::Body);
}
