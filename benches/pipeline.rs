//! Criterion benches of the hot path.
//!
//! Groups:
//! - `article`: stage 1 on a typical article and on a 1 MB document.
//! - `article_linear`: stage 1 on degenerate 1 MB inputs, to compare per byte
//!   with prose (each should be within 2x of `prose_1mb`).
//! - `quotes`: stages 1+2 on a typical article, 1 MB of article body text
//!   (every paragraph read by the quote stage), and the
//!   adversarial inputs of issue 4 (1 MB of `"`, of `“` never closed, of
//!   apostrophes, one 1 MB paragraph of nested marks, the same with a
//!   speaker and verb after every quote).
//! - `quote_stage`: stage 2 alone (the article parsed outside the timing) on
//!   a typical article, 1 MB of body text and 1 MB of `"`.
//! - `claims`: stages 1+2+3 beside stages 1+2 on the same input, to read the
//!   cost claims add.
//!
//! Run with `cargo bench --bench pipeline`; the figures are bytes per second.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

const SAMPLES: [&str; 3] = [
    include_str!("../examples/data/sample-001.txt"),
    include_str!("../examples/data/sample-002.txt"),
    include_str!("../examples/data/sample-003.txt"),
];

const MB: usize = 1 << 20;

/// Nested marks with a speaker and a reporting verb after each quote, and no
/// sentence end: every repetition is a quote and a claim of one huge sentence.
const NESTED_ATTRIBUTED: &str =
    "“He said ‘she said «they said „no“ then» ok’ fine” Rogozin said, \"and ";

/// The sample articles repeated (separated by blank lines) to at least `len` bytes.
fn prose(len: usize) -> String {
    let mut s = String::with_capacity(len + 4096);
    while s.len() < len {
        for sample in SAMPLES {
            s.push_str(sample);
            s.push_str("\n\n");
        }
    }
    s
}

/// A headline and then the body paragraphs of the first sample (from its
/// dateline on), repeated to at least `len` bytes: one long article whose every
/// paragraph the quote and claim stages read.
fn body_prose(len: usize) -> String {
    let sample = SAMPLES[0];
    let body = sample.find("OSLAND").map_or(sample, |i| &sample[i..]);
    let mut s = String::with_capacity(len + 4096);
    s.push_str("Minister: gas transit goes on\n\n");
    while s.len() < len {
        s.push_str(body);
        s.push_str("\n\n");
    }
    s
}

/// Cues of several forms, none ending the sentence.
const MANY_CUES: &str = "Jane Roe said the plan will fail and In contrast, Jane Roe said, \
    the plan will fail and adding that it will fail and ";

fn repeat_to(unit: &str, len: usize) -> String {
    unit.repeat(len / unit.len().max(1) + 1)
}

fn linear_inputs() -> Vec<(&'static str, String)> {
    vec![
        ("prose_1mb", prose(MB)),
        ("blank_lines_1mb", repeat_to("\n", MB)),
        ("one_line_1mb", prose(MB).replace(['\n', '\r'], " ")),
        ("one_word_lines_100k", repeat_to("word\n", 100_000 * 5)),
    ]
}

fn adversarial_inputs() -> Vec<(&'static str, String)> {
    vec![
        ("body_prose_1mb", body_prose(MB)),
        ("straight_quotes_1mb", repeat_to("\"", MB)),
        ("unclosed_curly_1mb", repeat_to("“", MB)),
        ("apostrophes_1mb", repeat_to("’", MB)),
        (
            "nested_paragraph_1mb",
            repeat_to("“He said ‘she said «they said „no“ then» ok’ fine” ", MB),
        ),
        ("nested_attributed_1mb", repeat_to(NESTED_ATTRIBUTED, MB)),
        // One sentence of many reporting cues: each cue's speech must not
        // be scanned (or emitted) to the sentence's end.
        ("many_cues_1mb", repeat_to(MANY_CUES, MB)),
    ]
}

fn article(c: &mut Criterion) {
    let mut g = c.benchmark_group("article");
    let typical = SAMPLES[0];
    g.throughput(Throughput::Bytes(typical.len() as u64));
    g.bench_function("typical", |b| {
        b.iter(|| whosaid::parse(black_box(typical)).map(|a| a.elements().len()))
    });
    let big = prose(MB);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("document_1mb", |b| {
        b.iter(|| whosaid::parse(black_box(&big)).map(|a| a.elements().len()))
    });
    g.finish();

    let mut g = c.benchmark_group("article_linear");
    g.sample_size(10);
    for (name, input) in linear_inputs() {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), &input, |b, input| {
            b.iter(|| whosaid::parse(black_box(input)).map(|a| a.elements().len()))
        });
    }
    g.finish();
}

fn quotes_of(text: &str) -> usize {
    match whosaid::parse(text) {
        Ok(article) => whosaid::quotes(&article).len(),
        Err(_) => 0,
    }
}

fn claims_of(text: &str) -> usize {
    match whosaid::parse(text) {
        Ok(article) => {
            let quotes = whosaid::quotes(&article);
            whosaid::claims(&article, &quotes).len()
        }
        Err(_) => 0,
    }
}

fn quotes(c: &mut Criterion) {
    let mut g = c.benchmark_group("quotes");
    let typical = SAMPLES[0];
    g.throughput(Throughput::Bytes(typical.len() as u64));
    g.bench_function("typical", |b| b.iter(|| quotes_of(black_box(typical))));
    g.sample_size(10);
    for (name, input) in adversarial_inputs() {
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), &input, |b, input| {
            b.iter(|| quotes_of(black_box(input)))
        });
    }
    g.finish();
}

/// Stage 2 alone: the article is parsed once, outside the timing, so the
/// figures are the quote stage's own throughput.
fn quote_stage(c: &mut Criterion) {
    let mut g = c.benchmark_group("quote_stage");
    let typical = SAMPLES[0];
    let inputs = [
        ("typical", typical.to_string()),
        ("body_prose_1mb", body_prose(MB)),
        ("straight_quotes_1mb", repeat_to("\"", MB)),
    ];
    for (name, input) in &inputs {
        let Ok(article) = whosaid::parse(input) else {
            continue;
        };
        if input.len() >= MB {
            g.sample_size(10);
        }
        g.throughput(Throughput::Bytes(input.len() as u64));
        g.bench_function(*name, |b| {
            b.iter(|| whosaid::quotes(black_box(&article)).len())
        });
    }
    g.finish();
}

fn claims(c: &mut Criterion) {
    let mut g = c.benchmark_group("claims");
    let typical = SAMPLES[0];
    g.throughput(Throughput::Bytes(typical.len() as u64));
    g.bench_function("typical/article+quotes", |b| {
        b.iter(|| quotes_of(black_box(typical)))
    });
    g.bench_function("typical/article+quotes+claims", |b| {
        b.iter(|| claims_of(black_box(typical)))
    });
    let big = body_prose(MB);
    g.sample_size(10);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("1mb/article+quotes", |b| {
        b.iter(|| quotes_of(black_box(&big)))
    });
    g.bench_function("1mb/article+quotes+claims", |b| {
        b.iter(|| claims_of(black_box(&big)))
    });
    // One paragraph with no sentence end and an attributed quote every few
    // dozen bytes: per-claim work must stay bounded for the stage to stay linear.
    let nested = repeat_to(NESTED_ATTRIBUTED, MB);
    g.throughput(Throughput::Bytes(nested.len() as u64));
    g.bench_function("nested_attributed_1mb/article+quotes", |b| {
        b.iter(|| quotes_of(black_box(&nested)))
    });
    g.bench_function("nested_attributed_1mb/article+quotes+claims", |b| {
        b.iter(|| claims_of(black_box(&nested)))
    });
    g.finish();
}

criterion_group!(benches, article, quotes, quote_stage, claims);
criterion_main!(benches);
