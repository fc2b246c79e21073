//! The corpus on an invented story: Kardonia's dam on the Ostra river,
//! reported by four invented outlets in differing translations
//! (tests/fixtures/corpus/). `meta.jsonl` gives each article's outlet, URL
//! and date; `annotations.jsonl` the claims a reader finds in them, so the
//! corpus logic is tested apart from the extraction stages.

use chrono::NaiveDate;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use whosaid::corpus::{ClaimSpec, Corpus, Document, IdentityKind};
use whosaid::{Polarity, Span};

const DIR: &str = "tests/fixtures/corpus";

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn jsonl(name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(Path::new(DIR).join(name)).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The fixture articles with their outlet, URL and date, in meta order.
fn documents() -> Vec<Document> {
    jsonl("meta.jsonl")
        .iter()
        .map(|m| {
            let id = m["id"].as_str().unwrap();
            let text = std::fs::read_to_string(Path::new(DIR).join(format!("{id}.txt"))).unwrap();
            Document::new(id, text)
                .outlet(m["outlet"].as_str().unwrap())
                .url(m["url"].as_str().unwrap())
                .date(date(m["date"].as_str().unwrap()))
        })
        .collect()
}

/// The corpus built from the annotations.
fn annotated() -> Corpus {
    let notes = jsonl("annotations.jsonl");
    let mut corpus = Corpus::new();
    for doc in documents() {
        let claims: Vec<ClaimSpec> = notes
            .iter()
            .filter(|n| n["doc"] == doc.id.as_str())
            .map(|n| {
                let words = n["text"].as_str().unwrap();
                let start = doc
                    .text
                    .find(words)
                    .unwrap_or_else(|| panic!("{words:?} not in {}", doc.id));
                let polarity = if n["polarity"] == "denied" {
                    Polarity::Denied
                } else {
                    Polarity::Asserted
                };
                let mut c = ClaimSpec::new(
                    Span::new(start, start + words.len()),
                    n["speaker"].as_str().unwrap(),
                    polarity,
                )
                .topic(n["topic"].as_str().unwrap());
                for r in n["roles"].as_array().unwrap() {
                    c = c.role(r.as_str().unwrap());
                }
                c
            })
            .collect();
        corpus.add_claims(doc, claims);
    }
    corpus
}

/// Identity name -> its variants.
fn identity_groups(corpus: &Corpus) -> HashMap<String, BTreeSet<String>> {
    corpus
        .identities()
        .iter()
        .map(|i| (i.name.clone(), i.variants.iter().cloned().collect()))
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn identities_merge_spellings_and_keep_namesakes_apart() {
    let corpus = annotated();
    let groups = identity_groups(&corpus);
    let expected = [
        ("Vladimir Komarenko", set(&["Vladimir Komarenko"])),
        ("Oleg Danko", set(&["Oleg Danko"])),
        ("Arkady Rogalin", set(&["Arkady Rogalin", "Rogalin"])),
        ("Marta Danko", set(&["Marta Danko", "Danko"])),
        (
            "Yelena Zakhartseva",
            set(&["Yelena Zakhartseva", "Jelena Sachartsewa"]),
        ),
        (
            "Sergey Volkhonsky",
            set(&[
                "Sergej Wolchonski",
                "Sergey Volkhonsky",
                "the Kardonian foreign minister",
            ]),
        ),
        (
            "Dmitry Peskarev",
            set(&["Dmitry Peskarev", "Dmitri Peskarew"]),
        ),
    ];
    for (name, variants) in &expected {
        assert_eq!(
            groups.get(*name),
            Some(variants),
            "identity {name}: {groups:#?}"
        );
    }
    assert_eq!(groups.len(), expected.len(), "{groups:#?}");
    assert!(corpus
        .identities()
        .iter()
        .all(|i| i.kind == IdentityKind::Person));
    // Each name, however spelt, finds its one identity.
    for (query, name) in [
        ("Sergei Volkhonsky", "Sergey Volkhonsky"),
        ("Volkhonsky", "Sergey Volkhonsky"),
        ("Foreign Minister Sergey Volkhonsky", "Sergey Volkhonsky"),
        ("Sachartsewa", "Yelena Zakhartseva"),
        ("Elena Zakhartseva", "Yelena Zakhartseva"),
        ("Peskarew", "Dmitry Peskarev"),
        ("Wladimir Komarenko", "Vladimir Komarenko"),
    ] {
        let found: Vec<&str> = corpus
            .identities_named(query)
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        assert_eq!(found, [name], "{query}");
    }
    // A surname shared by two people finds both.
    assert_eq!(corpus.identities_named("Danko").len(), 2);
}

#[test]
fn statements_group_translations_across_outlets() {
    let corpus = annotated();
    let mut multi: Vec<(String, Vec<String>)> = corpus
        .statements()
        .iter()
        .filter(|s| s.members.len() > 1)
        .map(|s| {
            let who = corpus.identities()[s.identity.0 as usize].name.clone();
            let reports = corpus
                .reports(s)
                .iter()
                .map(|r| r.document.to_string())
                .collect();
            (who, reports)
        })
        .collect();
    multi.sort();
    let docs = |s: &(String, Vec<String>)| s.1.clone();
    assert_eq!(multi.len(), 4, "{multi:#?}");
    assert_eq!(multi[0].0, "Dmitry Peskarev");
    assert_eq!(docs(&multi[0]), ["nh-0305-komarenko", "ro-0307-peskarew"]);
    assert_eq!(multi[1].0, "Sergey Volkhonsky", "the spelling used most");
    assert_eq!(
        docs(&multi[1]),
        [
            "ro-0305-zakhartseva",
            "kt-0306-volkhonsky",
            "dc-0306-minister"
        ]
    );
    assert_eq!(multi[2].0, "Vladimir Komarenko");
    assert_eq!(docs(&multi[2]), ["kt-0303-komarenko", "nh-0303-komarenko"]);
    assert_eq!(multi[3].0, "Yelena Zakhartseva");
    assert_eq!(
        docs(&multi[3]),
        ["kt-0304-zakhartseva", "ro-0305-zakhartseva"]
    );
    // Who reported it, when, in which words.
    let st = corpus
        .statements()
        .iter()
        .find(|s| s.members.len() == 2 && corpus.reports(s)[0].text.starts_with("there are no"))
        .unwrap();
    let r = corpus.reports(st);
    assert_eq!(
        r[1].text,
        "There are not and cannot be any troops at the border"
    );
    assert_eq!(r[1].outlet, Some("Rundschau Ost"));
    assert_eq!(r[1].date, Some(date("2024-03-05")));
    assert_eq!(st.polarity, Some(Polarity::Denied));
}

#[test]
fn reversal_is_found_with_both_quotes_and_dates() {
    let corpus = annotated();
    let reversals = corpus.reversals();
    assert_eq!(reversals.len(), 1, "{reversals:#?}");
    let r = &reversals[0];
    assert_eq!(
        corpus.identities()[r.identity.0 as usize].name,
        "Vladimir Komarenko"
    );
    assert_eq!(
        (r.before_date, r.after_date),
        (date("2024-03-03"), date("2024-03-05"))
    );
    let before = corpus.report(r.before).unwrap();
    let after = corpus.report(r.after).unwrap();
    assert_eq!(before.polarity, Some(Polarity::Asserted));
    assert_eq!(after.polarity, Some(Polarity::Denied));
    assert!(after.text.starts_with("Kardonia will not send troops"));
    assert_eq!(after.document, "nh-0305-komarenko");
}

#[test]
fn queries_filter_in_any_combination() {
    let corpus = annotated();
    let texts = |q: whosaid::corpus::ClaimQuery<'_>| {
        q.collect()
            .iter()
            .map(|h| h.document.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts(corpus.claims().speaker("Sergei Volkhonsky").denied()),
        [
            "ro-0305-zakhartseva",
            "kt-0306-volkhonsky",
            "dc-0306-minister"
        ]
    );
    assert_eq!(
        texts(corpus.claims().speaker("Volkhonsky").asserted()),
        ["kt-0306-volkhonsky"]
    );
    assert_eq!(
        texts(
            corpus
                .claims()
                .speaker("Komarenko")
                .topic("Troops on the border")
                .between(date("2024-03-04"), date("2024-03-31"))
        ),
        ["nh-0305-komarenko"]
    );
    assert_eq!(
        texts(
            corpus
                .claims()
                .topic("troops on the border")
                .outlet("northern herald")
        ),
        ["nh-0303-komarenko", "nh-0305-komarenko"]
    );
    assert_eq!(
        texts(
            corpus
                .claims()
                .outlet("Rundschau Ost")
                .since(date("2024-03-06"))
        ),
        ["ro-0307-peskarew", "ro-0307-peskarew"]
    );
    assert_eq!(
        texts(corpus.claims().speaker("Marta Danko")),
        ["nh-0303-komarenko", "ro-0307-peskarew"]
    );
    assert_eq!(corpus.claims().speaker("Danko").count(), 4);
    assert_eq!(
        corpus
            .claims()
            .speaker("Oleg Danko")
            .topic("troops on the border")
            .denied()
            .count(),
        1
    );
    assert_eq!(corpus.claims().topic("no such topic").count(), 0);
    assert_eq!(corpus.claims().count(), 18);
    let hit = &corpus.claims().speaker("Zakharova").collect();
    assert!(hit.is_empty(), "another person's surname key");
    let hit = &corpus
        .claims()
        .speaker("Sachartsewa")
        .until(date("2024-03-04"))
        .collect()[..];
    assert_eq!(hit.len(), 2);
    assert_eq!(hit[0].outlet, Some("Kardonia Today"));
    assert_eq!(hit[0].url, Some("https://kardonia-today.example/news/0304"));
    assert_eq!(hit[0].identity_name, Some("Yelena Zakhartseva"));
    assert_eq!(hit[0].speaker, Some("Yelena Zakhartseva"));
    let text = corpus.document(2).unwrap().text;
    assert_eq!(hit[0].span.of(text), hit[0].text);
    // Quotes filter the same way (here one quote per annotated claim).
    assert_eq!(corpus.quotes().speaker("Peskarev").count(), 2);
    assert_eq!(
        corpus
            .quotes()
            .speaker("Peskarev")
            .denied()
            .outlet("Rundschau Ost")
            .count(),
        1
    );
    assert_eq!(corpus.quotes().document("dc-0306-minister").count(), 2);
}

#[test]
fn saves_and_loads_without_loss() {
    let corpus = annotated();
    let mut buf = Vec::new();
    corpus.save(&mut buf).unwrap();
    let back = Corpus::load(buf.as_slice()).unwrap();
    assert_eq!(back, corpus);
    assert_eq!(back.identities(), corpus.identities());
    assert_eq!(back.statements(), corpus.statements());
    assert_eq!(back.reversals(), corpus.reversals());
    assert_eq!(
        back.claims().speaker("Volkhonsky").collect(),
        corpus.claims().speaker("Volkhonsky").collect()
    );
    assert!(Corpus::load(&b"{\"docs\": 3}"[..]).is_err());
}

#[test]
fn exports_flat_json_lines() {
    let corpus = annotated();
    for (what, out) in [
        ("claims", {
            let mut v = Vec::new();
            corpus.export_claims(&mut v).unwrap();
            v
        }),
        ("quotes", {
            let mut v = Vec::new();
            corpus.export_quotes(&mut v).unwrap();
            v
        }),
    ] {
        let text = String::from_utf8(out).unwrap();
        let rows: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), 18, "{what}");
        let keys: Vec<BTreeSet<&String>> = rows
            .iter()
            .map(|r| r.as_object().unwrap().keys().collect())
            .collect();
        assert!(
            keys.windows(2).all(|w| w[0] == w[1]),
            "{what}: same keys on every line"
        );
        for r in &rows {
            assert!(
                r.as_object().unwrap().values().all(|v| !v.is_object()),
                "{what}: flat"
            );
            let d = r["date"].as_str().unwrap();
            assert!(
                NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(),
                "{what}: ISO date {d}"
            );
        }
        // Code-point offsets agree with the text.
        let r = rows
            .iter()
            .find(|r| r["doc"] == "ro-0305-zakhartseva")
            .unwrap();
        let text = std::fs::read_to_string(Path::new(DIR).join("ro-0305-zakhartseva.txt")).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            r["text"].as_str().unwrap(),
            "{what}"
        );
        assert_ne!(
            r["start"], r["byte_start"],
            "{what}: the dash before is multi-byte"
        );
    }
}

#[test]
fn reads_a_folder_with_its_meta_file() {
    let docs = whosaid::corpus::read_documents(Path::new(DIR)).unwrap();
    assert_eq!(docs.len(), 8);
    let d = docs.iter().find(|d| d.id == "ro-0305-zakhartseva").unwrap();
    assert_eq!(d.outlet.as_deref(), Some("Rundschau Ost"));
    assert_eq!(d.date, Some(date("2024-03-05")));
    assert!(d.text.contains("Sachartsewa"));
}

#[test]
fn ingest_runs_the_pipeline_in_parallel() {
    let docs = documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut corpus = Corpus::new();
    let rejected = corpus.extend(docs.clone());
    assert!(rejected.is_empty());
    assert_eq!(corpus.len(), docs.len());
    assert_eq!(corpus.text_bytes(), bytes);
    let first = corpus.document(7).unwrap();
    assert_eq!(first.id, "ro-0307-peskarew");
    assert_eq!(first.outlet, Some("Rundschau Ost"));
    assert_eq!(first.date, Some(date("2024-03-07")));
    // Without the caller's outlet, the article's own publisher (if found).
    let mut one = Corpus::new();
    let text = "Title\n\nMOSCOW, March 3. /TASS/. It rained, Anna Berg said.\n";
    assert_eq!(one.add(Document::new("x", text)).unwrap(), 0);
    let stored = one.document(0).unwrap();
    assert_eq!((stored.id, stored.text), ("x", text));
    assert!(one.document(1).is_none());
}

/// End to end on the fixtures: parse, quotes and claims find the speakers,
/// and the corpus merges, groups and orders them.
#[test]
fn pipeline_finds_identities_statements_and_the_reversal() {
    let mut corpus = Corpus::new();
    assert!(corpus.extend(documents()).is_empty());
    let one = |name: &str| {
        let found = corpus.identities_named(name);
        assert_eq!(found.len(), 1, "{name}: {found:#?}");
        found[0].clone()
    };
    assert!(one("Yelena Zakhartseva")
        .variants
        .iter()
        .any(|v| v.contains("Sachartsewa")));
    assert!(one("Sergey Volkhonsky")
        .variants
        .iter()
        .any(|v| v == "Sergej Wolchonski"));
    assert!(one("Dmitry Peskarev")
        .variants
        .iter()
        .any(|v| v == "Dmitri Peskarew"));
    assert_ne!(one("Oleg Danko").id, one("Marta Danko").id);
    // "MP Danko" is the member of parliament, not the general.
    assert!(one("Marta Danko").variants.iter().any(|v| v == "Danko"));
    // Statements reported by more than one outlet.
    let mut across: Vec<String> = corpus
        .statements()
        .iter()
        .filter(|s| {
            let outlets: BTreeSet<_> = corpus.reports(s).iter().map(|r| r.outlet).collect();
            outlets.len() > 1
        })
        .map(|s| corpus.identities()[s.identity.0 as usize].name.clone())
        .collect();
    across.sort();
    assert_eq!(
        across,
        [
            "Dmitry Peskarev",
            "Sergey Volkhonsky",
            "Vladimir Komarenko",
            "Yelena Zakhartseva"
        ]
    );
    let reversals = corpus.reversals();
    assert_eq!(reversals.len(), 1, "{reversals:#?}");
    assert_eq!(
        corpus.identities()[reversals[0].identity.0 as usize].name,
        "Vladimir Komarenko"
    );
    assert_eq!(reversals[0].after_date, date("2024-03-05"));
}

/// The fixture corpus copied `copies` times, each copy with its own ids,
/// outlets and dates (some claims dated before their article), so that
/// each filter of a query is the most selective one somewhere.
fn repeated(copies: usize) -> Corpus {
    let notes = jsonl("annotations.jsonl");
    let outlets = ["Northern Herald", "Rundschau Ost", "Daily Courier"];
    let mut corpus = Corpus::new();
    for k in 0..copies {
        for (j, doc) in documents().into_iter().enumerate() {
            let day = doc.date.unwrap() + chrono::Days::new(3 * k as u64);
            let mut copy = Document::new(format!("{}-{k}", doc.id), doc.text.clone()).date(day);
            if (j + k) % 4 != 0 {
                copy = copy.outlet(outlets[(j * 7 + k) % outlets.len()]);
            }
            let claims: Vec<ClaimSpec> = notes
                .iter()
                .enumerate()
                .filter(|(_, n)| n["doc"] == doc.id.as_str())
                .map(|(i, n)| {
                    let words = n["text"].as_str().unwrap();
                    let start = doc.text.find(words).unwrap();
                    let polarity = if (n["polarity"] == "denied") != ((i + k) % 5 == 0) {
                        Polarity::Denied
                    } else {
                        Polarity::Asserted
                    };
                    let c = ClaimSpec::new(
                        Span::new(start, start + words.len()),
                        n["speaker"].as_str().unwrap(),
                        polarity,
                    );
                    let c = if (i + k) % 3 == 0 {
                        c
                    } else {
                        c.topic(n["topic"].as_str().unwrap())
                    };
                    if (i * 3 + k) % 7 == 0 {
                        c.date(day - chrono::Days::new(10))
                    } else {
                        c
                    }
                })
                .collect();
            corpus.add_claims(copy, claims);
        }
    }
    corpus
}

#[test]
fn combined_filters_return_exactly_what_a_full_scan_does() {
    let corpus = repeated(40);
    let all_claims = corpus.claims().collect();
    let all_quotes = corpus.quotes().collect();
    assert_eq!(all_claims.len(), 18 * 40);
    let speakers = [
        None,
        Some("Komarenko"),
        Some("Oleg Danko"),
        Some("Volkhonsky"),
    ];
    let topics = [None, Some("Troops on the  border"), Some("army readiness")];
    let d = |s| Some(date(s));
    let ranges = [
        (None, None),
        (d("2024-04-01"), None),
        (None, d("2024-03-20")),
        (d("2024-03-10"), d("2024-03-12")),
    ];
    let polarities = [None, Some(Polarity::Asserted), Some(Polarity::Denied)];
    let outlets = [None, Some("northern herald"), Some("Rundschau Ost")];
    let documents = [None, Some("nh-0305-komarenko-3"), Some("no-such-document")];
    let mut checked = 0;
    let mut nonempty = 0;
    for speaker in speakers {
        let ids: Vec<_> = speaker.map_or(Vec::new(), |s| {
            corpus.identities_named(s).iter().map(|i| i.id).collect()
        });
        for topic in topics {
            for (from, to) in ranges {
                for polarity in polarities {
                    for outlet in outlets {
                        for document in documents {
                            // The same filters on a claim and a quote query.
                            macro_rules! filtered {
                                ($q:expr) => {{
                                    let mut q = $q;
                                    if let Some(s) = speaker {
                                        q = q.speaker(s);
                                    }
                                    if let Some(t) = topic {
                                        q = q.topic(t);
                                    }
                                    if let Some(f) = from {
                                        q = q.since(f);
                                    }
                                    if let Some(t) = to {
                                        q = q.until(t);
                                    }
                                    if let Some(p) = polarity {
                                        q = q.polarity(p);
                                    }
                                    if let Some(o) = outlet {
                                        q = q.outlet(o);
                                    }
                                    if let Some(doc) = document {
                                        q = q.document(doc);
                                    }
                                    q
                                }};
                            }
                            let q = filtered!(corpus.claims());
                            let qq = filtered!(corpus.quotes());
                            let in_range = |day: Option<NaiveDate>| {
                                (from.is_none() && to.is_none())
                                    || day.is_some_and(|day| {
                                        from.map_or(true, |f| day >= f)
                                            && to.map_or(true, |t| day <= t)
                                    })
                            };
                            let claim_ok = |h: &whosaid::corpus::ClaimHit<'_>| {
                                speaker
                                    .map_or(true, |_| h.identity.is_some_and(|i| ids.contains(&i)))
                                    && topic.map_or(true, |t| {
                                        h.topic.is_some_and(|x| {
                                            x.split_whitespace()
                                                .eq(t.to_lowercase().split_whitespace())
                                        })
                                    })
                                    && in_range(h.date)
                                    && polarity.map_or(true, |p| h.polarity == p)
                                    && outlet.map_or(true, |o| {
                                        h.outlet.is_some_and(|x| x.eq_ignore_ascii_case(o))
                                    })
                                    && document.map_or(true, |doc| h.document == doc)
                            };
                            let want: Vec<usize> = all_claims
                                .iter()
                                .filter(|h| claim_ok(h))
                                .map(|h| h.id)
                                .collect();
                            let got: Vec<usize> = q.collect().iter().map(|h| h.id).collect();
                            assert_eq!(got, want, "{speaker:?} {topic:?} {from:?}-{to:?} {polarity:?} {outlet:?} {document:?}");
                            assert_eq!(q.count(), want.len());
                            // A quote passes topic and polarity through a claim
                            // of its span (one quote per annotated span).
                            let want_quotes: Vec<usize> = all_quotes
                                .iter()
                                .filter(|h| {
                                    speaker.map_or(true, |_| {
                                        h.identity.is_some_and(|i| ids.contains(&i))
                                    }) && in_range(h.date)
                                        && outlet.map_or(true, |o| {
                                            h.outlet.is_some_and(|x| x.eq_ignore_ascii_case(o))
                                        })
                                        && document.map_or(true, |doc| h.document == doc)
                                        && (topic.is_none() && polarity.is_none()
                                            || all_claims.iter().any(|c| {
                                                c.document == h.document
                                                    && c.span == h.span
                                                    && topic.map_or(true, |t| {
                                                        c.topic.is_some_and(|x| {
                                                            x.split_whitespace().eq(t
                                                                .to_lowercase()
                                                                .split_whitespace())
                                                        })
                                                    })
                                                    && polarity.map_or(true, |p| c.polarity == p)
                                            }))
                                })
                                .map(|h| h.id)
                                .collect();
                            let got: Vec<usize> = qq.collect().iter().map(|h| h.id).collect();
                            assert_eq!(got, want_quotes, "quotes: {speaker:?} {topic:?} {from:?}-{to:?} {polarity:?} {outlet:?} {document:?}");
                            checked += 1;
                            nonempty += usize::from(!want.is_empty());
                        }
                    }
                }
            }
        }
    }
    assert_eq!(checked, 4 * 3 * 4 * 3 * 3 * 3);
    assert!(nonempty > 100, "{nonempty} queries with results");
}

/// A corpus saved by version 0.1 (every optional field set and unset).
const SAVED: &str = r#"{"strings":["Anna Berg","troops","minister","Herald"],"docs":[{"id":"a","outlet":3,"url":"https://herald.example/a","date":"2024-03-02","title":[0,5],"text":"Title\n\nWe will not send troops, Anna Berg said."},{"id":"b","outlet":null,"url":null,"date":null,"title":null,"text":"Title\n\nWe will not send troops, Anna Berg said."}],"quotes":[{"doc":0,"span":[7,30],"kind":"indirect","section":"body","cue":[42,46],"speaker":0},{"doc":1,"span":[7,30],"kind":null,"section":null,"cue":null,"speaker":null}],"claims":[{"doc":0,"quote":0,"span":[7,30],"speaker":0,"polarity":"denied","topic":1,"date":"2024-03-01","group":1303334541555355},{"doc":1,"quote":1,"span":[7,30],"speaker":null,"polarity":"asserted","topic":null,"date":null,"group":null}],"people":[{"doc":0,"name":0,"kind":null,"roles":[0,1]}],"roles":[2]}"#;

#[test]
fn saved_format_is_stable() {
    let corpus = Corpus::load(SAVED.as_bytes()).unwrap();
    let mut buf = Vec::new();
    corpus.save(&mut buf).unwrap();
    assert_eq!(String::from_utf8(buf).unwrap(), SAVED);
    let hits = corpus.claims().collect();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].date, Some(date("2024-03-01")));
    assert_eq!(hits[0].outlet, Some("Herald"));
    assert_eq!(hits[0].topic, Some("troops"));
    assert_eq!(hits[1].date, None);
    assert_eq!(hits[1].speaker, None);
    let quotes = corpus.quotes().collect();
    assert_eq!(quotes[0].cue, Some("said"));
    assert_eq!(quotes[1].cue, None);
    assert_eq!(corpus.document(1).unwrap().url, None);
    let a = corpus.document(0).unwrap();
    assert_eq!(
        (a.url, a.date),
        (Some("https://herald.example/a"), Some(date("2024-03-02")))
    );
    // A group of u64::MAX is the one value the compact store cannot keep.
    let edge = SAVED.replace("1303334541555355", &u64::MAX.to_string());
    assert!(Corpus::load(edge.as_bytes()).is_ok());
}

#[test]
fn document_filter_finds_the_first_of_equal_ids() {
    let mut corpus = Corpus::new();
    let text = "Title\n\nWe will not send troops, Anna Berg said.";
    for id in ["x", "y", "x", "z"] {
        let claim = ClaimSpec::new(Span::new(7, 30), "Anna Berg", Polarity::Denied);
        corpus.add_claims(Document::new(id, text), [claim]);
    }
    let ids = |doc: &str| -> Vec<usize> {
        corpus
            .claims()
            .document(doc)
            .collect()
            .iter()
            .map(|h| h.id)
            .collect()
    };
    assert_eq!(ids("x"), [0]);
    assert_eq!(ids("y"), [1]);
    assert_eq!(ids("z"), [3]);
    assert!(ids("w").is_empty());
    assert_eq!(corpus.quotes().document("z").collect()[0].document, "z");
}
