//! Integration tests of the claim stage: text -> article -> quotes -> claims,
//! on fixtures written in the style of scraped agency and web copy.

use chrono::NaiveDate;
use whosaid::claim::{DateAnchor, DateHow, Fact, NoDate};
use whosaid::corpus::{Corpus, Document};
use whosaid::{Claim, ClaimDate, Polarity};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/claims/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("fixture exists")
}

/// The claims of a fixture, with the text of each claim's span.
fn claims_of(text: &str) -> Vec<(Claim, String)> {
    let article = whosaid::parse(text).expect("parses");
    let quotes = whosaid::quotes(&article);
    whosaid::claims(&article, &quotes)
        .into_iter()
        .map(|c| {
            let s = article.slice(c.span).to_string();
            (c, s)
        })
        .collect()
}

fn find<'c>(claims: &'c [(Claim, String)], needle: &str) -> &'c Claim {
    claims
        .iter()
        .find(|(_, s)| s.contains(needle))
        .map(|(c, _)| c)
        .unwrap_or_else(|| {
            panic!(
                "no claim containing {needle:?} in {:#?}",
                claims.iter().map(|(_, s)| s).collect::<Vec<_>>()
            )
        })
}

#[test]
fn agency_copy_gives_speakers_polarity_and_dates() {
    let claims = claims_of(&fixture("agency-dated.txt"));
    let lede = find(&claims, "naval blockade");
    assert_eq!(lede.speaker.as_deref(), Some("Erik Lund"));
    assert_eq!(lede.polarity, Polarity::Denied);
    assert_eq!(
        lede.proposition,
        "Norway is planning a naval blockade of the strait"
    );
    // "said on Tuesday", published March 5, 2019 (a Tuesday).
    let d = lede.date.resolved().expect("dated");
    assert_eq!(
        (d.how, d.anchor, d.inherited),
        (DateHow::Weekday, Some(DateAnchor::Published), false)
    );
    assert_eq!(lede.date.iso().as_deref(), Some("2019-03-05"));

    let direct = find(&claims, "close the strait");
    assert_eq!(direct.polarity, Polarity::Denied);
    assert_eq!(
        direct.date.iso().as_deref(),
        Some("2019-03-05"),
        "carried over from the speaker"
    );
    assert!(direct.date.resolved().is_some_and(|d| d.inherited));

    assert_eq!(
        find(&claims, "Shipping will go on").polarity,
        Polarity::Asserted
    );

    // "A day later, ... Holm said": the day after the previous date of the text.
    let holm = find(&claims, "navy would hold exercises");
    assert_eq!(holm.speaker.as_deref(), Some("Kari Holm"));
    assert_eq!(holm.date.iso().as_deref(), Some("2019-03-06"));
    assert_eq!(holm.date.resolved().map(|d| d.how), Some(DateHow::Later));

    // Claims name their entities with spans.
    let talks = find(&claims, "fishing talks");
    assert!(
        talks.entities.iter().any(|e| e.name == "Iceland"),
        "{:?}",
        talks.entities
    );
}

#[test]
fn relative_dates_without_an_anchor_stay_unresolved() {
    let claims = claims_of(&fixture("weekly-undated.txt"));
    let lede = find(&claims, "land forces will not be sent");
    assert_eq!(lede.polarity, Polarity::Denied);
    assert_eq!(lede.date, ClaimDate::Unresolved(NoDate::NoAnchor));
    assert_eq!(lede.date.iso(), None);
}

#[test]
fn denial_cue_denies_positive_content() {
    let claims = claims_of(&fixture("weekly-undated.txt"));
    let denied = find(&claims, "conscripts were being sent");
    assert_eq!(denied.polarity, Polarity::Denied);
    assert_eq!(
        denied.proposition,
        "conscripts were being sent to the region"
    );
}

#[test]
fn contrast_gives_two_claims_with_opposite_polarity() {
    let claims = claims_of(&fixture("second-outlet.txt"));
    let not = find(&claims, "not talking about sending ground troops");
    let but = find(&claims, "patrol ships may stay");
    assert_eq!(not.quote, but.quote, "one quote, two claims");
    assert_eq!(
        (not.polarity, but.polarity),
        (Polarity::Denied, Polarity::Asserted)
    );
    assert!(but.hedged && !not.hedged);
    // "has said": a perfect-tense cue dates nothing.
    let perfect = find(&claims, "out of the question");
    assert_eq!(perfect.polarity, Polarity::Denied);
    assert_eq!(perfect.date.iso(), None);
}

#[test]
fn same_matter_same_topic_and_group_across_outlets_and_wordings() {
    let a = claims_of(&fixture("second-outlet.txt"));
    let b = claims_of(&fixture("weekly-undated.txt"));
    let ground = find(&a, "ground operation in the strait region");
    let land = find(&b, "no and can be no land operations");
    assert_eq!(ground.topic, land.topic);
    assert_eq!(ground.topic, "ground troops");
    assert_eq!(ground.group, land.group);
    let other = find(&b, "conscripts were being sent");
    assert_ne!(other.group, land.group);
}

#[test]
fn only_body_quotes_with_a_speaker_make_claims() {
    for name in [
        "agency-dated.txt",
        "weekly-undated.txt",
        "second-outlet.txt",
    ] {
        let text = fixture(name);
        let article = whosaid::parse(&text).expect("parses");
        let quotes = whosaid::quotes(&article);
        for c in whosaid::claims(&article, &quotes) {
            let q = &quotes.quotes[c.quote];
            assert_eq!(q.section, whosaid::Role::Body, "{name}");
            assert!(c.speaker.is_some(), "{name}");
            assert!(
                q.span.contains(c.span),
                "{name}: the claim lies in its quote"
            );
        }
    }
}

#[test]
fn interchange_record_has_dates_groups_and_code_points() {
    let text = fixture("agency-dated.txt");
    let article = whosaid::parse(&text).expect("parses");
    let quotes = whosaid::quotes(&article);
    let claims = whosaid::claims(&article, &quotes);
    let record = whosaid::interchange::ClaimRecord::new("fx", &article, &claims);
    let json = serde_json::to_value(&record).expect("serialises");
    let first = &json["claims"][0];
    assert_eq!(first["date"], "2019-03-05");
    assert_eq!(first["polarity"], "denied");
    assert!(first["group"].is_u64());
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (
        first["start"].as_u64().unwrap_or(0) as usize,
        first["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        "Norway is not planning a naval blockade of the strait"
    );
}

#[test]
fn adversarial_inputs_do_not_panic() {
    for text in [
        "\"".repeat(10_000),
        "said on Tuesday ".repeat(2_000),
        format!(
            "T\n\n{}",
            "No one, not ever, said \"no\" on May 32, Lavrov said. ".repeat(500)
        ),
        "T\n\n\u{201C}\u{201D}\u{2019}t n\u{2019}t said.".to_string(),
    ] {
        let article = whosaid::parse(&text).expect("parses");
        let quotes = whosaid::quotes(&article);
        let claims = whosaid::claims(&article, &quotes);
        assert!(claims.iter().all(|c| c.span.end <= text.len()));
    }
}

// Years the text does not print: world knowledge (terms of office, dated
// events) fixes them or leaves them unknown.

#[test]
fn a_term_of_office_and_the_lede_weekday_fix_the_year() {
    let claims = claims_of(&fixture("dates/office-weekday.txt"));
    // March 3 lies in Dominic Raab's term as Foreign Secretary in 2020 and
    // 2021; only in 2020 was it a Tuesday.
    let lede = find(&claims, "keep talking");
    assert_eq!(lede.date.iso().as_deref(), Some("2020-03-03"));
    let basis = lede
        .date
        .resolved()
        .and_then(|d| d.year_basis)
        .expect("basis");
    assert_eq!(basis.weekday, Some(2));
    let fact = basis.facts[0].and_then(|f| f.describe()).expect("a fact");
    assert!(
        fact.contains("Dominic Raab, UK Foreign Secretary"),
        "{fact}"
    );
    // The news day carries the year to the other statements of the day.
    let direct = find(&claims, "walking away");
    assert_eq!(direct.date.iso().as_deref(), Some("2020-03-03"));
}

#[test]
fn a_fresh_event_dates_the_year_after_it() {
    let claims = claims_of(&fixture("dates/event-fresh.txt"));
    // "Turkey shot down a Russian Su-24 ... on November 24": 2015-11-24.
    let lavrov = find(&claims, "review its ties");
    assert_eq!(lavrov.date.iso().as_deref(), Some("2015-11-26"));
    let basis = lavrov.date.resolved().and_then(|d| d.year_basis);
    assert!(matches!(
        basis.map(|b| b.facts[0]),
        Some(Some(Fact::Event(_)))
    ));
    // "the November 24 downing": the event's date, not when anyone spoke
    // about it, so it dates no later statement of the person named there.
    let zakharova = find(&claims, "Tourists");
    assert_eq!(zakharova.date.edtf(), None);
}

#[test]
fn an_open_term_or_a_former_office_leaves_the_year_unknown() {
    let claims = claims_of(&fixture("dates/open-term.txt"));
    let lede = find(&claims, "continue next week");
    // Sergey Lavrov is still in office: October 1 was a Thursday in several
    // years of his term. "Former" Defense Secretary Carter bounds nothing.
    assert_eq!(lede.date, ClaimDate::Unresolved(NoDate::YearUnknown));
    assert_eq!(lede.date.iso(), None);
}

#[test]
fn a_caller_date_wins_over_knowledge() {
    let text = fixture("dates/office-weekday.txt");
    let date_of = |doc: Document| {
        let mut corpus = Corpus::new();
        corpus.add(doc).expect("adds");
        corpus
            .claims()
            .speaker("Raab")
            .collect()
            .iter()
            .find_map(|h| h.date)
    };
    let known = NaiveDate::from_ymd_opt(2021, 3, 4).expect("date");
    assert_eq!(
        date_of(Document::new("a", text.clone()).date(known)),
        NaiveDate::from_ymd_opt(2021, 3, 3)
    );
    assert_eq!(
        date_of(Document::new("b", text)),
        NaiveDate::from_ymd_opt(2020, 3, 3)
    );
}

/// A claim read from a paragraph several kilobytes long (its lexicon hits
/// found through the long text's index) is the claim read from the same
/// sentence on its own, shifted.
#[test]
fn a_quote_deep_in_a_long_paragraph_reads_as_in_a_short_one() {
    let head = "Dockworkers in Varnholm met on Monday to weigh the offer. ";
    let quoted =
        "\"There will be no strike at the port this winter,\" union leader Mara Lind said.";
    let short = format!("Port talks\n\nVARNHOLM, May 4. {quoted}\n");
    let long = format!(
        "Port talks\n\nVARNHOLM, May 4. {}{quoted}\n",
        head.repeat(60)
    );
    let (a, b) = (claims_of(&short), claims_of(&long));
    let pick = |cs: &[(Claim, String)]| {
        let c = find(cs, "no strike").clone();
        (c.polarity, c.proposition, c.topic, c.group, c.speaker)
    };
    assert_eq!(pick(&a), pick(&b));
    assert_eq!(pick(&a).0, Polarity::Denied);
    let (sa, sb) = (find(&a, "no strike").span, find(&b, "no strike").span);
    assert_eq!(sb.start - sa.start, head.len() * 60);
    assert_eq!(sb.len(), sa.len());
}
