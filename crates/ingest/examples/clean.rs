//! Prints what cleaning finds in each document: `cargo run -p rasad-ingest --example clean -- PATH...`

use rasad_ingest::{clean, read_paths, ReadOptions};
use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    for item in read_paths(&paths, &ReadOptions::default()) {
        match item {
            Err(e) => println!("ERROR {}: {}", e.id, e.reason),
            Ok(doc) => {
                let c = clean(&doc);
                let chars: Vec<char> = doc.text.chars().collect();
                let dateline: Option<String> =
                    c.dateline.map(|s| chars[s.start..s.end].iter().collect());
                println!("=== {} ({:?})", doc.id, doc.format);
                println!("title:    {:?}", c.title);
                println!("outlet:   {:?}", c.outlet);
                println!("authors:  {:?}", c.authors);
                println!("dateline: {dateline:?}");
                println!("published (metadata): {:?}", doc.published);
                println!("spans:    {:?}", c.body_spans);
                println!("--- body\n{}\n---", c.body);
            }
        }
    }
}
