//! Command-line front end: analyse a folder of `.txt` files or a JSON Lines
//! file and write JSON Lines in the interchange format.
//!
//! ```text
//! cargo run --release --example whosaid -- COMMAND INPUT [-o OUT]
//! ```
//!
//! Commands: `article` (structure), `body` (kept text, for the boilerplate
//! scorer), `quotes`, `claims`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use whosaid::interchange::{self, ArticleRecord, BodyRecord, ClaimRecord, QuoteRecord};

const USAGE: &str = "usage: whosaid COMMAND INPUT [-o OUT]
  COMMAND  article | body | quotes | claims
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
