//! `rasad search`: ranked full-text search of the store.

use anyhow::Context;
use rasad_store::{Hit, Query, Store};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// What to search for. Every word must occur; `OR` (in capitals)
    /// between words gives alternatives: `قصف إدلب OR غارات حلب`; words in
    /// quotes must follow one another (`"قصف مدفعي"`); `-word` or
    /// `-"a phrase"` must not occur. Spelling variants, diacritics, the
    /// article and attached و ف ب ك ل do not matter (`بإدلب` = `إدلب`); an
    /// actor's name finds its other names (`داعش` finds `تنظيم الدولة`);
    /// Latin place names and actor codes find the Arabic names (`Idlib`,
    /// `ISIS`). Other signs (`*`, `:`) are ignored. Near-copies of a hit
    /// (the same wire text elsewhere) are folded into it ("and N
    /// near-copies").
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// The database file.
    #[arg(long, default_value = "rasad.db")]
    db: PathBuf,
    /// Maximum number of results.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_date)]
    from: Option<jiff::civil::Date>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_date)]
    to: Option<jiff::civil::Date>,
    /// Only articles from this outlet: any of its names in
    /// data/outlets/outlets.tsv (Arabic spellings, Latin name, domain).
    #[arg(long)]
    outlet: Option<String>,
    /// One JSON object per hit.
    #[arg(long)]
    json: bool,
    /// Matches in snippets: bold on a terminal, else between `**`; `none`
    /// leaves them unmarked.
    #[arg(long, value_enum, default_value = "auto")]
    marks: Marks,
}

/// How matches are marked in printed snippets.
#[derive(clap::ValueEnum, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// ANSI bold on a terminal, `**` otherwise.
    Auto,
    /// `**match**`, also on a terminal.
    Stars,
    /// No marks.
    None,
}

/// The opening and closing marks of matches (never Arabic punctuation, so
/// `«داعش»` in the text stays readable).
pub fn marks(m: Marks, terminal: bool) -> (&'static str, &'static str) {
    match m {
        Marks::Auto if terminal => ("\x1b[1m", "\x1b[0m"),
        Marks::Auto | Marks::Stars => ("**", "**"),
        Marks::None => ("", ""),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let q = Query {
        text: args.query.join(" "),
        limit: args.limit,
        from: args.from.map(|d| d.to_string()),
        to: args.to.map(|d| d.to_string()),
        outlet: args.outlet.as_deref().map(rasad_ingest::outlets::canonical),
    };
    let hits = store.search(&q)?;
    let stdout = io::stdout();
    let (open, close) = marks(args.marks, stdout.is_terminal());
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        for h in &hits {
            writeln!(out, "{}", hit_json(h)).context("writing to standard output")?;
        }
    } else {
        print_hits(&mut out, &hits, (open, close)).context("writing to standard output")?;
    }
    out.flush().context("writing to standard output")?;
    if hits.is_empty() {
        eprintln!("rasad: no results for «{}»", q.text);
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens a database that must already exist (searching must not create one).
pub fn open_existing(db: &Path) -> anyhow::Result<Store> {
    if !db.is_file() {
        anyhow::bail!(
            "no database at {} (run `rasad ingest` first, or pass --db)",
            db.display()
        );
    }
    Store::open(db).with_context(|| format!("opening the database {}", db.display()))
}

/// The JSON object of one hit: `snippet` is plain text and `marks` the
/// character ranges of it that matched; `span` and `matches` locate the
/// snippet and the matching words in the stored text named by `base`.
pub fn hit_json(h: &Hit) -> serde_json::Value {
    serde_json::json!({
        "id": h.id,
        "title": h.title,
        "outlet": h.outlet,
        "published": h.published,
        "url": h.url,
        "score": (h.score * 1000.0).round() / 1000.0,
        "snippet": h.snippet.text,
        "marks": h.snippet.marks,
        "span": h.snippet.span,
        "matches": h.snippet.matches,
        "base": h.base,
        "copies": h.copies,
    })
}

/// Prints hits for a reader: rank, title, id, outlet, date, score, snippet
/// (matches between the `open` and `close` marks of [`marks`]).
pub fn print_hits(
    out: &mut impl Write,
    hits: &[Hit],
    (open, close): (&str, &str),
) -> io::Result<()> {
    for (i, h) in hits.iter().enumerate() {
        let title = h.title.as_deref().unwrap_or("(no title)");
        writeln!(out, "{}. {title}  [{}]", i + 1, h.id)?;
        let mut meta = Vec::new();
        if let Some(o) = &h.outlet {
            meta.push(o.clone());
        }
        if let Some(p) = &h.published {
            meta.push(p.clone());
        }
        meta.push(format!("score {:.2}", h.score));
        if !h.copies.is_empty() {
            meta.push(format!("and {} near-copies", h.copies.len()));
        }
        writeln!(out, "   {}", meta.join(" · "))?;
        writeln!(out, "   {}", h.snippet.render(open, close))?;
        writeln!(out)?;
    }
    Ok(())
}
