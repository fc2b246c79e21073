//! Command-line front end: analyse a folder of `.txt` files or a JSON Lines
//! file and write JSON Lines in the interchange format.
//!
//! ```text
//! cargo run --release --example whosaid -- COMMAND INPUT [-o OUT]
//! ```
//!
//! Commands: `article` (structure), `body` (kept text, for the boilerplate
//! scorer), `quotes`, `claims`, and `query` (a corpus of many articles:
//! who said what, identities, statements, reversals; see [`query`]).

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use whosaid::interchange::{self, ArticleRecord, BodyRecord, ClaimRecord, QuoteRecord};

const USAGE: &str = "usage: whosaid COMMAND INPUT [-o OUT]
  COMMAND  article | body | quotes | claims | query (see `whosaid query --help`)
  INPUT    a folder of .txt files (id = file name) or a JSON Lines file with id and text
  -o OUT   write JSON Lines to OUT instead of standard output";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("whosaid: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut out: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "-o" | "--output" => out = Some(args.next().ok_or("-o needs a file name")?.into()),
            "query" if positional.is_empty() => return query(args.by_ref().collect()),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => positional.push(a),
        }
    }
    let [command, input] = positional.as_slice() else {
        return Err(format!("expected COMMAND and INPUT\n{USAGE}"));
    };
    let docs = interchange::read_documents(input.as_ref()).map_err(|e| format!("{input}: {e}"))?;
    let sink: Box<dyn Write> = match &out {
        Some(p) => Box::new(std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::new(sink);
    for doc in &docs {
        let article = whosaid::parse(&doc.text).map_err(|e| format!("{}: {e}", doc.id))?;
        let line = match command.as_str() {
            "article" => serde_json::to_string(&ArticleRecord::new(&doc.id, &article)),
            "body" => serde_json::to_string(&BodyRecord::new(&doc.id, &article)),
            "quotes" => {
                let quotes = whosaid::quotes(&article);
                serde_json::to_string(&QuoteRecord::new(&doc.id, &article, &quotes))
            }
            "claims" => {
                let quotes = whosaid::quotes(&article);
                let claims = whosaid::claims(&article, &quotes);
                serde_json::to_string(&ClaimRecord::new(&doc.id, &article, &claims))
            }
            other => return Err(format!("unknown command {other:?}\n{USAGE}")),
        }
        .map_err(|e| e.to_string())?;
        writeln!(w, "{line}").map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())
}

const QUERY_USAGE: &str = "usage: whosaid query INPUT [--speaker NAME] [--topic T] [--from DATE] [--to DATE]
                     [--denied|--asserted] [--outlet O] [--quotes|--identities|--statements|--reversals] [-o OUT]
  INPUT  a folder of .txt files or a JSON Lines file with id, text and optional outlet, url, date
  Prints claims (or quotes, identities, statements, reversals) as JSON Lines; DATE is YYYY-MM-DD.";

/// `whosaid query`: ingest INPUT into a corpus (progress on standard error)
/// and print what the filters select as JSON Lines.
fn query(args: Vec<String>) -> Result<(), String> {
    use whosaid::corpus::export::{IdentityRow, ReversalRow, StatementRow};
    use whosaid::corpus::{Corpus, Progress};
    let (mut input, mut out, mut mode) = (None, None::<PathBuf>, String::from("claims"));
    let (mut speaker, mut topic, mut outlet) = (None, None, None);
    let (mut from, mut to, mut polarity) = (None, None, None);
    let mut args = args.into_iter();
    let date = |d: Option<String>| {
        let d = d.ok_or("a date option needs YYYY-MM-DD")?;
        chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| format!("{d}: {e}"))
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--speaker" => speaker = Some(args.next().ok_or("--speaker needs a name")?),
            "--topic" => topic = Some(args.next().ok_or("--topic needs a topic")?),
            "--outlet" => outlet = Some(args.next().ok_or("--outlet needs a name")?),
            "--from" => from = Some(date(args.next())?),
            "--to" => to = Some(date(args.next())?),
            "--denied" => polarity = Some(whosaid::Polarity::Denied),
            "--asserted" => polarity = Some(whosaid::Polarity::Asserted),
            "--quotes" | "--identities" | "--statements" | "--reversals" => {
                mode = a[2..].to_string()
            }
            "-o" | "--output" => out = Some(args.next().ok_or("-o needs a file name")?.into()),
            "-h" | "--help" => {
                println!("{QUERY_USAGE}");
                return Ok(());
            }
            _ if input.is_none() && !a.starts_with('-') => input = Some(a),
            _ => return Err(format!("unexpected {a:?}\n{QUERY_USAGE}")),
        }
    }
    let input = input.ok_or(format!("expected INPUT\n{QUERY_USAGE}"))?;
    let docs =
        whosaid::corpus::read_documents(input.as_ref()).map_err(|e| format!("{input}: {e}"))?;
    let started = std::time::Instant::now();
    let step = (docs.len() / 100).max(1);
    let mut corpus = Corpus::new();
    let show = |p: Progress| {
        if p.done % step == 0 || p.done == p.total {
            let mb = p.bytes as f64 / 1e6;
            let rate = mb / started.elapsed().as_secs_f64().max(1e-9);
            eprint!(
                "\ringesting {}/{} documents, {mb:.1} MB, {rate:.1} MB/s   ",
                p.done, p.total
            );
        }
    };
    for r in corpus.extend_with_progress(docs, show) {
        eprintln!("\nwhosaid: {}: {}", r.id, r.error);
    }
    corpus.build_index();
    eprintln!("\nindexed in {:.2} s", started.elapsed().as_secs_f64());

    let sink: Box<dyn Write> = match &out {
        Some(p) => Box::new(std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::new(sink);
    let who: Option<Vec<whosaid::IdentityId>> = speaker
        .as_deref()
        .map(|s| corpus.identities_named(s).iter().map(|i| i.id).collect());
    let keep = |id: whosaid::IdentityId| who.as_ref().map_or(true, |w| w.contains(&id));
    fn line(w: &mut impl Write, row: &impl serde::Serialize) -> Result<(), String> {
        let json = serde_json::to_string(row).map_err(|e| e.to_string())?;
        writeln!(w, "{json}").map_err(|e| e.to_string())
    }
    match mode.as_str() {
        "identities" => {
            for i in corpus.identities().iter().filter(|i| keep(i.id)) {
                line(&mut w, &IdentityRow::from(i))?;
            }
        }
        "statements" => {
            for s in corpus.statements().iter().filter(|s| keep(s.identity)) {
                line(&mut w, &StatementRow::new(&corpus, s))?;
            }
        }
        "reversals" => {
            for r in corpus.reversals().iter().filter(|r| keep(r.identity)) {
                line(&mut w, &ReversalRow::new(&corpus, r))?;
            }
        }
        _ => {
            macro_rules! filtered {
                ($q:expr) => {{
                    let mut q = $q;
                    if let Some(s) = &speaker {
                        q = q.speaker(s);
                    }
                    if let Some(t) = &topic {
                        q = q.topic(t);
                    }
                    if let Some(o) = &outlet {
                        q = q.outlet(o);
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
                    q
                }};
            }
            let res = if mode == "quotes" {
                corpus.write_quotes(filtered!(corpus.quotes()).iter(), &mut w)
            } else {
                corpus.write_claims(filtered!(corpus.claims()).iter(), &mut w)
            };
            res.map_err(|e| e.to_string())?;
        }
    }
    w.flush().map_err(|e| e.to_string())
}
