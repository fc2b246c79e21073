//! Corpus at scale: 100,000 articles made in memory from the corpus test
//! fixtures (repeated, with outlets, dates and speaker names varied), then
//! ingested, indexed and queried.
//!
//! ```text
//! cargo run --release --example corpus_bench -- [DOCS] [pipeline|annotated]
//! ```
//!
//! Without a mode, runs each mode in its own process (so that the memory
//! figures of one do not include the other's).
//!
//! Prints ingest speed through the whole pipeline (MB/s, the lexicons built
//! beforehand), index build time, query latency by speaker and topic, and
//! memory (VmHWM / VmRSS from `/proc/self/status`) against the size of the
//! input text. A second corpus is built from the fixtures' annotations
//! (`Corpus::add_claims`), so the identity, statement and query figures do
//! not depend on what the extraction stages find.

use serde_json::Value;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;
use whosaid::corpus::{ClaimSpec, Corpus, Document};
use whosaid::{Polarity, Span};

const DIR: &str = "tests/fixtures/corpus";
const OUTLETS: [&str; 12] = [
    "Kardonia Today",
    "Northern Herald",
    "Rundschau Ost",
    "Daily Courier",
    "Vessgrad Evening",
    "Lirevia Post",
    "Ostra Monitor",
    "Balkan Wire",
    "Central Dispatch",
    "Morning Ledger",
    "Baltic Review",
    "The Observer Ost",
];
/// Surnames of the fixtures that the generator replaces in some copies.
const SURNAMES: [&str; 6] = [
    "Komarenko",
    "Rogalin",
    "Peskarev",
    "Volkhonsky",
    "Zakhartseva",
    "Danko",
];
const SYLLABLES: [&str; 16] = [
    "ko", "ra", "vin", "len", "mir", "sha", "to", "dan", "bel", "zor", "os", "pe", "gu", "li",
    "ne", "sta",
];
const ENDINGS: [&str; 6] = ["ov", "enko", "sky", "in", "ak", "ich"];

/// The system allocator, counting the bytes live on the heap and their
/// peak, so that the memory figures can tell what the corpus holds from
/// what the allocator keeps.
///
/// Each thread sums its own allocations and frees and adds them to the
/// shared counters only once they reach [`BATCH`] bytes either way: shared
/// counters touched by every allocation of every thread would bounce one
/// cache line between the cores on each `malloc`, slowing the very ingest
/// being timed. The figures are off by at most [`BATCH`] bytes per thread.
///
/// Sizes are counted before the call is passed on (an allocation that
/// fails aborts the bench), so that the call is the last thing done and
/// costs a jump: the ~110 allocations and frees of each document are
/// timed as ingest.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
/// Bytes a thread allocates (or frees) before it updates [`LIVE`].
const BATCH: isize = 1 << 16;

thread_local! {
    /// This thread's allocated-minus-freed bytes not yet added to [`LIVE`].
    static PENDING: Cell<isize> = const { Cell::new(0) };
}

impl Counting {
    #[inline(always)]
    fn count(by: isize) {
        let due = PENDING
            .try_with(|p| {
                let v = p.get() + by;
                // |v| >= BATCH, in one comparison.
                let due = (v + (BATCH - 1)) as usize >= (2 * BATCH - 1) as usize;
                p.set(if due { 0 } else { v });
                due.then_some(v)
            })
            .unwrap_or(Some(by));
        if let Some(v) = due {
            Counting::add(v);
        }
    }

    /// Add `v` bytes to the shared counters.
    #[cold]
    #[inline(never)]
    fn add(v: isize) {
        let now = LIVE.fetch_add(v, Ordering::Relaxed) + v;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed on to `System` unchanged; the counters only
// observe the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Counting::count(layout.size() as isize);
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Counting::count(layout.size() as isize);
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        Counting::count(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Counting::count(new_size as isize - layout.size() as isize);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Live heap bytes now and at their peak, in MB.
fn heap_mb() -> (f64, f64) {
    (
        LIVE.load(Ordering::Relaxed).max(0) as f64 / 1e6,
        PEAK.load(Ordering::Relaxed) as f64 / 1e6,
    )
}

/// A small deterministic generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn surname(n: usize) -> String {
    let mut s = String::new();
    let mut k = n;
    for _ in 0..2 {
        s.push_str(SYLLABLES[k % SYLLABLES.len()]);
        k /= SYLLABLES.len();
    }
    s.push_str(ENDINGS[k % ENDINGS.len()]);
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

struct Fixture {
    id: String,
    text: String,
    claims: Vec<(String, Vec<String>, String, Polarity, String)>,
}

fn fixtures() -> Vec<Fixture> {
    let read = |name: &str| {
        std::fs::read_to_string(Path::new(DIR).join(name)).expect("run from the crate root")
    };
    let notes: Vec<Value> = read("annotations.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    read("meta.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|m| {
            let id = m["id"].as_str().unwrap_or_default().to_string();
            let claims = notes
                .iter()
                .filter(|n| n["doc"] == id.as_str())
                .map(|n| {
                    let s = |k: &str| n[k].as_str().unwrap_or_default().to_string();
                    let roles = n["roles"].as_array().map_or(Vec::new(), |a| {
                        a.iter()
                            .filter_map(|r| r.as_str().map(str::to_string))
                            .collect()
                    });
                    let pol = if n["polarity"] == "denied" {
                        Polarity::Denied
                    } else {
                        Polarity::Asserted
                    };
                    (s("speaker"), roles, s("text"), pol, s("topic"))
                })
                .collect();
            Fixture {
                text: read(&format!("{id}.txt")),
                id,
                claims,
            }
        })
        .collect()
}

/// Copy `i` of the fixtures: some speakers renamed (a long tail of people
/// who speak rarely), outlet and date varied.
fn variant(f: &Fixture, i: usize, rng: &mut Lcg, with_claims: bool) -> (Document, Vec<ClaimSpec>) {
    let text = &f.text;
    let mut renames: Vec<(&str, String)> = Vec::new();
    if rng.next() % 2 == 0 {
        for s in SURNAMES {
            if text.contains(s) && rng.next() % 3 == 0 {
                renames.push((s, surname(rng.next() % 5000)));
            }
        }
    }
    let rename = |s: &str| {
        renames
            .iter()
            .fold(s.to_string(), |acc, (a, b)| acc.replace(a, b))
    };
    // One allocation per text: renamed copies are built once, and sized.
    let text = if renames.is_empty() {
        text.clone()
    } else {
        let mut t = rename(text);
        t.shrink_to_fit();
        t
    };
    let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
        + chrono::Days::new((i / 40) as u64);
    let doc = Document::new(format!("{}-{i}", f.id), text)
        .outlet(OUTLETS[rng.next() % OUTLETS.len()])
        .url(format!("https://news.example/{i}"))
        .date(day);
    if !with_claims {
        return (doc, Vec::new());
    }
    let claims = f
        .claims
        .iter()
        .filter_map(|(speaker, roles, words, pol, topic)| {
            let start = doc.text.find(words.as_str())?;
            let mut c =
                ClaimSpec::new(Span::new(start, start + words.len()), rename(speaker), *pol)
                    .topic(topic);
            for r in roles {
                c = c.role(rename(r));
            }
            Some(c)
        })
        .collect();
    (doc, claims)
}

/// `VmHWM` and `VmRSS` of this process, in MB.
fn vm_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (mb("VmHWM:"), mb("VmRSS:"))
}

/// Peak and current memory of the process, and live and peak heap bytes,
/// each also as a multiple of the `mb` megabytes of input text.
fn memory(mb: f64) -> String {
    let (hwm, rss) = vm_mb();
    let (live, peak) = heap_mb();
    format!(
        "VmHWM {hwm:.0} MB = {:.2}x, VmRSS {rss:.0} MB = {:.2}x; heap live {live:.0} MB = {:.2}x, peak {peak:.0} MB = {:.2}x",
        hwm / mb,
        rss / mb,
        live / mb,
        peak / mb
    )
}

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> T {
    let _ = f();
    let start = Instant::now();
    let mut out = None;
    for _ in 0..runs {
        out = Some(std::hint::black_box(f()));
    }
    let us = start.elapsed().as_secs_f64() * 1e6 / runs as f64;
    println!("  {label:<58} {us:>9.1} µs");
    out.unwrap_or_else(f)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    match args.get(2).map(String::as_str) {
        Some("pipeline") => pipeline(n),
        Some("annotated") => annotated(n),
        _ => {
            for mode in ["pipeline", "annotated"] {
                let status = std::process::Command::new(&args[0])
                    .arg(n.to_string())
                    .arg(mode)
                    .status();
                if !status.is_ok_and(|s| s.success()) {
                    eprintln!("corpus_bench {mode} failed");
                }
            }
        }
    }
}

/// The generated articles one by one, with their claims from the
/// annotations; the time spent generating is added to `spent`.
fn articles(
    n: usize,
    with_claims: bool,
    spent: &Cell<f64>,
) -> impl Iterator<Item = (Document, Vec<ClaimSpec>)> + '_ {
    let fx = fixtures();
    let mut rng = Lcg(7);
    (0..n).map(move |i| {
        let start = Instant::now();
        let out = variant(&fx[i % fx.len()], i, &mut rng, with_claims);
        spent.set(spent.get() + start.elapsed().as_secs_f64());
        out
    })
}

fn announce(n: usize, mb: f64) {
    println!(
        "{n} articles from {} fixtures, {mb:.1} MB of text, {} threads",
        fixtures().len(),
        rayon::current_num_threads()
    );
}

/// Every generated article, with its claims from the annotations.
fn generate(n: usize, with_claims: bool) -> (Vec<(Document, Vec<ClaimSpec>)>, f64) {
    let spent = Cell::new(0.0);
    let docs: Vec<(Document, Vec<ClaimSpec>)> = articles(n, with_claims, &spent).collect();
    let mb = docs.iter().map(|d| d.0.text.len()).sum::<usize>() as f64 / 1e6;
    announce(n, mb);
    (docs, mb)
}

/// The whole pipeline: parse -> quotes -> claims -> corpus.
fn pipeline(n: usize) {
    let (docs, mb) = generate(n, false);
    let docs: Vec<Document> = docs.into_iter().map(|d| d.0).collect();
    println!("  generated: {}", memory(mb));
    // The lexicons (built once per process, on first use) are built before
    // the clock starts: the figure is the steady ingest rate.
    Corpus::new().extend(docs.iter().take(rayon::current_num_threads() * 4).cloned());
    let start = Instant::now();
    let mut corpus = Corpus::new();
    let rejected = corpus.extend(docs);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "pipeline ingest: {secs:.2} s, {:.1} MB/s ({} rejected, {} quotes, {} claims)",
        mb / secs,
        rejected.len(),
        corpus.quote_count(),
        corpus.claim_count()
    );
    index_and_query(&corpus, mb);
}

/// The same articles with the fixtures' claims (no extraction), added as
/// they are generated (as a reader of annotation files would), so that the
/// memory figures are the corpus's; the ingest time leaves out the
/// generator's.
fn annotated(n: usize) {
    let spent = Cell::new(0.0);
    let start = Instant::now();
    let mut corpus = Corpus::new();
    for (doc, claims) in articles(n, true, &spent) {
        corpus.add_claims(doc, claims);
    }
    let secs = start.elapsed().as_secs_f64() - spent.get();
    let mb = corpus.text_bytes() as f64 / 1e6;
    announce(n, mb);
    println!(
        "annotated corpus: {} docs, {} claims, added in {secs:.2} s ({:.0} MB/s; generating took {:.2} s more)",
        corpus.len(),
        corpus.claim_count(),
        mb / secs,
        spent.get()
    );
    index_and_query(&corpus, mb);
    persistence(&corpus, mb);
}

/// Memory of the records, then the index build, memory with it, and the queries.
fn index_and_query(corpus: &Corpus, mb: f64) {
    println!("  records: {}", memory(mb));
    let start = Instant::now();
    corpus.build_index();
    let multi = corpus
        .statements()
        .iter()
        .filter(|s| s.members.len() > 1)
        .count();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "  index: {secs:.2} s ({:.0} MB/s of text); {} identities, {} statements ({multi} reported more than once), {} reversals",
        mb / secs,
        corpus.identities().len(),
        corpus.statements().len(),
        corpus.reversals().len()
    );
    println!("  memory: {}", memory(mb));
    queries(corpus);
}

fn queries(corpus: &Corpus) {
    println!("queries (mean of 200 runs):");
    let a = chrono::NaiveDate::from_ymd_opt(2020, 6, 1).unwrap_or_default();
    let b = chrono::NaiveDate::from_ymd_opt(2020, 9, 1).unwrap_or_default();
    // The topics the claims carry (the claim stage names them its own way).
    let topic_of = |name: &str| {
        let hits = corpus
            .claims()
            .speaker(name)
            .iter()
            .take(1)
            .collect::<Vec<_>>();
        hits.first()
            .and_then(|h| h.topic)
            .unwrap_or("troops on the border")
            .to_string()
    };
    let (komarenko, talks) = (
        topic_of("Vladimir Komarenko"),
        topic_of("Sergey Volkhonsky"),
    );
    println!("  (topics: {komarenko:?}, {talks:?})");
    let hits = time("speaker + topic, count", 200, || {
        corpus
            .claims()
            .speaker("Vladimir Komarenko")
            .topic(&komarenko)
            .count()
    });
    println!("    -> {hits} claims");
    time("speaker + topic, first 20 hits", 200, || {
        corpus
            .claims()
            .speaker("Komarenko")
            .topic(&komarenko)
            .iter()
            .take(20)
            .count()
    });
    let hits = time(
        "speaker + topic + dates + denied + outlet, count",
        200,
        || {
            corpus
                .claims()
                .speaker("Sergei Volkhonsky")
                .topic(&talks)
                .between(a, b)
                .denied()
                .outlet("Rundschau Ost")
                .count()
        },
    );
    println!("    -> {hits} claims");
    let hits = time("rare speaker (long tail), all hits", 200, || {
        let name = surname(1234);
        corpus.claims().speaker(&name).collect().len()
    });
    println!("    -> {hits} claims");
    let hits = time("quotes: speaker + dates + outlet, count", 200, || {
        corpus
            .quotes()
            .speaker("Komarenko")
            .between(a, b)
            .outlet("Rundschau Ost")
            .count()
    });
    println!("    -> {hits} quotes");
    let hits = time("quotes: topic + denied, first 20 hits", 200, || {
        corpus
            .quotes()
            .topic(&talks)
            .denied()
            .iter()
            .take(20)
            .count()
    });
    println!("    -> {hits} quotes");
    time("speaker lookup (Sachartsewa)", 200, || {
        corpus.identities_named("Jelena Sachartsewa").len()
    });
}

fn persistence(corpus: &Corpus, mb: f64) {
    let start = Instant::now();
    let rows = corpus.export_claims(std::io::sink()).unwrap_or(0);
    println!(
        "export: {rows} claim rows in {:.2} s",
        start.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let mut buf = Vec::new();
    if corpus.save(&mut buf).is_ok() {
        let saved = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let ok = Corpus::load(buf.as_slice())
            .map(|c| c.len() == corpus.len())
            .unwrap_or(false);
        println!(
            "save: {:.0} MB in {saved:.2} s; load: {:.2} s (same size: {ok})",
            buf.len() as f64 / 1e6,
            start.elapsed().as_secs_f64()
        );
    }
    println!("final memory: {}", memory(mb));
}
