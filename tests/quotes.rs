//! Integration tests of the quote stage on fixtures written in the style of
//! scraped agency copy.

use whosaid::{Quote, QuoteKind};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/quotes/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("fixture exists")
}

/// (kind, text, speaker) of every quote.
fn found(text: &str) -> Vec<(QuoteKind, String, Option<String>)> {
    let article = whosaid::parse(text).expect("parses");
    let quotes = whosaid::quotes(&article);
    let list: Vec<&Quote> = quotes.iter().collect();
    for w in list.windows(2) {
        assert!(w[0].span.start <= w[1].span.start, "ordered by start");
    }
    list.iter()
        .map(|q| {
            (
                q.kind,
                article.slice(q.span).to_string(),
                q.speaker.as_ref().map(|s| s.name.clone()),
            )
        })
        .collect()
}

fn has(
    list: &[(QuoteKind, String, Option<String>)],
    kind: QuoteKind,
    starts: &str,
    speaker: Option<&str>,
) {
    let hit = list
        .iter()
        .find(|(k, t, _)| *k == kind && t.starts_with(starts));
    let Some((_, _, s)) = hit else {
        panic!("no {kind:?} quote starting {starts:?} in {list:#?}");
    };
    assert_eq!(s.as_deref(), speaker, "speaker of {starts:?}");
}

#[test]
fn agency_copy_direct_partial_indirect() {
    let q = found(&fixture("agency.txt"));
    let lind = Some("Anna Lindqvist");
    // Headline with a role and a colon.
    has(
        &q,
        QuoteKind::Indirect,
        "Norway will not extend fishing limits",
        lind,
    );
    // Postposed attribution, surname, pronoun.
    has(&q, QuoteKind::Direct, "Any talk of new limits", lind);
    has(&q, QuoteKind::Direct, "We have said this many times.", lind);
    has(&q, QuoteKind::Direct, "The quotas will stay", lind);
    // Colon lead-in and according to.
    has(&q, QuoteKind::Direct, "Nobody asked us", lind);
    has(&q, QuoteKind::Direct, "we cannot be more careful", lind);
    // Reported speech with a role noun, and the partial inside it.
    has(&q, QuoteKind::Indirect, "the fleet was", lind);
    has(&q, QuoteKind::Partial, "ready to cooperate", lind);
    has(
        &q,
        QuoteKind::Indirect,
        "Norway will not extend its fishing limits",
        lind,
    );
    // Appositive speaker after the verb.
    has(
        &q,
        QuoteKind::Direct,
        "There is no decision yet",
        Some("Erik Dahl"),
    );
    has(
        &q,
        QuoteKind::Indirect,
        "the government was under pressure",
        Some("Erik Dahl"),
    );
    // Verbs of thought are not speech.
    assert!(!q
        .iter()
        .any(|(_, t, _)| t.starts_with("the limits will change")));
}

#[test]
fn every_mark_style_and_apostrophes() {
    let text = fixture("marks.txt");
    let q = found(&text);
    let berg = Some("Jonas Berg");
    has(&q, QuoteKind::Direct, "We will not leave the table,", berg);
    // A second quote after `X said.` carries the speaker over.
    has(
        &q,
        QuoteKind::Direct,
        "The harbour belongs to everyone.",
        berg,
    );
    has(&q, QuoteKind::Direct, "Nobody is in a hurry", berg);
    has(&q, QuoteKind::Direct, "It is a long process", berg);
    has(&q, QuoteKind::Direct, "Our position has not changed,", berg);
    // A quote over two paragraphs is one quote.
    let multi = q
        .iter()
        .find(|(_, t, _)| t.starts_with("This is the first paragraph"))
        .expect("multi-paragraph quote");
    assert!(multi.1.ends_with("its second paragraph,"), "{:?}", multi.1);
    // A name in marks is no quote; apostrophes never are.
    assert!(!q.iter().any(|(_, t, _)| t.contains("Blue Pier")));
    assert!(!q
        .iter()
        .any(|(_, t, _)| t.contains("90s") || t.starts_with("t expect")));
}

#[test]
fn broadcaster_style_captions_subheadings_and_bodies() {
    let text = fixture("broadcaster.txt");
    let q = found(&text);
    let nygaard = Some("Lars Nygaard");
    // The headline names a country and has a verb.
    has(
        &q,
        QuoteKind::Indirect,
        "No New Drilling In Arctic",
        Some("Norway"),
    );
    // Caption lines repeat the indirect quote with its partial.
    has(
        &q,
        QuoteKind::Indirect,
        "companies drilling in protected waters",
        nygaard,
    );
    has(&q, QuoteKind::Partial, "the law.", nygaard);
    // A partial whose speaker follows it, and the nested single marks.
    has(
        &q,
        QuoteKind::Partial,
        "is not selling any new blocks",
        Some("Kari Lunde"),
    );
    has(
        &q,
        QuoteKind::Direct,
        "There are not and cannot be any new rigs, any platforms 'in the ice.'",
        Some("Kari Lunde"),
    );
    // Unnamed sources have no speaker; verbs of belief are no speech.
    has(
        &q,
        QuoteKind::Indirect,
        "Oslo will not open new fields",
        None,
    );
    has(
        &q,
        QuoteKind::Indirect,
        "some 40 vessels had entered the zone",
        None,
    );
    assert!(!q
        .iter()
        .any(|(_, t, _)| t.contains("real aim of the government")));
    // Two partials after `said that`, with the reported speech around the first.
    has(
        &q,
        QuoteKind::Partial,
        "cannot be stopped by law alone",
        Some("Per Holm"),
    );
    has(
        &q,
        QuoteKind::Partial,
        "the courts will most probably decide.",
        Some("Per Holm"),
    );
    // An organisation, and its participle.
    has(
        &q,
        QuoteKind::Indirect,
        "it is blocking foreign investment",
        Some("Energy Ministry"),
    );
    has(
        &q,
        QuoteKind::Indirect,
        "it is neither courting nor refusing",
        Some("Energy Ministry"),
    );
    // An interrupted quote: two quotes, the second without its own attribution.
    has(
        &q,
        QuoteKind::Direct,
        "I do not think this is a question for the state,",
        nygaard,
    );
    has(
        &q,
        QuoteKind::Direct,
        "If you ask me about companies",
        nygaard,
    );
    // Nothing from the chrome lines.
    assert!(!q.iter().any(|(_, t, _)| t.contains("cookies")));
}

#[test]
fn spans_lie_inside_text_and_avoid_marks() {
    for name in ["agency.txt", "marks.txt", "broadcaster.txt"] {
        let text = fixture(name);
        let article = whosaid::parse(&text).expect("parses");
        for q in whosaid::quotes(&article)
            .iter()
            .filter(|q| q.kind != QuoteKind::Indirect)
        {
            let s = article.slice(q.span);
            assert!(!s.is_empty());
            for c in ['"', '“', '”', '«', '»', '„'] {
                assert!(!s.starts_with(c) && !s.ends_with(c), "{s:?}");
            }
        }
    }
}

#[test]
fn adversarial_inputs_do_not_panic() {
    for s in [
        "\"".repeat(10_000),
        "“".repeat(10_000),
        "'".repeat(10_000),
        "’".repeat(10_000),
        "“a ‘b “c ‘d ".repeat(2_000),
        "said, said: \"according to\" ''".repeat(1_000),
    ] {
        let article = whosaid::parse(&s).expect("parses");
        let quotes = whosaid::quotes(&article);
        for q in &quotes {
            assert!(q.span.end <= s.len());
        }
    }
}

mod properties {
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "\"",
            "“",
            "”",
            "‘",
            "’",
            "'",
            "''",
            "«",
            "»",
            "„",
            "‚",
            "‹",
            "›",
            " ",
            " ",
            "\n",
            "\n\n",
            ".",
            ",",
            ":",
            "—",
            "said",
            "Berg",
            "Anna Berg",
            "he",
            "she",
            "according to",
            "told reporters",
            "that",
            "the",
            "minister",
            "Ministry",
            "port",
            "We",
            "’s",
            "don't",
            "é",
            "\u{00A0}",
            "(",
            ")",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn spans_are_valid_ordered_and_never_panic(parts in prop::collection::vec(piece(), 0..120)) {
            let text: String = parts.concat();
            let article = whosaid::parse(&text).expect("parses");
            let quotes = whosaid::quotes(&article);
            let mut last = 0;
            for q in &quotes {
                prop_assert!(q.span.start < q.span.end);
                prop_assert!(q.span.end <= text.len());
                prop_assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
                prop_assert!(q.span.start >= last, "ordered by start");
                last = q.span.start;
                if let Some(s) = &q.speaker {
                    prop_assert!(!s.name.is_empty());
                    prop_assert!(s.mention.end <= text.len());
                }
            }
        }
    }
}

#[test]
fn campaign_copy_subjects_bodies_and_labels() {
    let q = found(&fixture("campaign.txt"));
    // Labels before a colon name nobody.
    assert!(
        q.iter()
            .all(|(_, t, _)| !t.starts_with("Harbor vote heads")
                && !t.starts_with("An earlier version")),
        "{q:#?}"
    );
    // Plural and descriptive subjects: speech without a speaker.
    has(&q, QuoteKind::Indirect, "the recount will not change", None);
    has(&q, QuoteKind::Indirect, "the ballots had been stored", None);
    // A relative clause between subject and verb; a campaign as a body.
    has(
        &q,
        QuoteKind::Indirect,
        "he expected to keep his seat",
        Some("Tom Hedlund"),
    );
    has(
        &q,
        QuoteKind::Indirect,
        "it would pay for the recount",
        Some("Hedlund campaign"),
    );
    // `But` before the subject and an appositive after it.
    has(
        &q,
        QuoteKind::Indirect,
        "the board had asked for the recount",
        Some("Sara Lund"),
    );
    // Circumstances after a quote's attribution are no speech; listed
    // partials share their cue.
    assert!(
        q.iter()
            .all(|(_, t, _)| !t.starts_with("outside the harbor")),
        "{q:#?}"
    );
    has(&q, QuoteKind::Partial, "pointless", Some("Tom Hedlund"));
    has(&q, QuoteKind::Partial, "distraction", Some("Tom Hedlund"));
    // A negated report attributes nothing.
    assert!(q.iter().all(|(_, t, _)| !t.contains("flawed")), "{q:#?}");
}

#[test]
fn speakers_of_participles_pronouns_honorifics_and_cut_off_attributions() {
    use QuoteKind::{Direct, Indirect};
    let q = found(&fixture("speakers.txt"));
    let (mayor, holm) = ("Whitney Lunde", "Brent Holm");
    let expected = [
        // A participle takes the subject its sentence opens with.
        (Indirect, "the fleet could not afford", mayor),
        (Direct, "Nobody here can pay more", mayor),
        // `"…?" Holm said.`: the splitter cuts the sentence after the mark.
        (Direct, "Who else is going to pay", holm),
        // The subject of a `while` clause is the antecedent of `he`.
        (Indirect, "the authority would consider", holm),
        // An honorific picks the namesake of its gender.
        (Direct, "It is fair", "Erik Lunde"),
        (Direct, "It is not", mayor),
        // `of Fisheries Frank Dahl` is a person, whom `he` takes.
        (Indirect, "them to settle the dispute", "Frank Dahl"),
    ];
    for (kind, starts, speaker) in expected {
        has(&q, kind, starts, Some(speaker));
    }
}
