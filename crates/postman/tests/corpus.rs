//! Opt-in: loads every collection of the shared research corpus (when present) and checks the number of
//! requests against MANIFEST.tsv.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{folders, requests};
use tango_postman::load_collection;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");

/// `file` -> `requests` column of MANIFEST.tsv.
fn manifest(dir: &Path) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("corpus has MANIFEST.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("MANIFEST.tsv has a header").split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no `{name}` column"));
    let (file, requests) = (column("file"), column("requests"));
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let count = fields[requests].parse().unwrap_or_else(|_| panic!("bad requests count in `{line}`"));
            (fields[file].to_owned(), count)
        })
        .collect()
}

#[test]
fn corpus_request_counts_match_manifest() {
    let dir = Path::new(CORPUS);
    if !dir.is_dir() {
        println!("skipped: ../shared/corpus not found");
        return;
    }
    let expected = manifest(dir);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut seen = Vec::new();
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let loaded = match load_collection(path) {
            Ok(loaded) => loaded,
            Err(error) => {
                failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        let collection = &loaded.collection;
        let request_list = requests(&collection.items);
        let examples: usize = request_list.iter().map(|r| r.responses.len()).sum();
        println!(
            "{name}\t{:?}\trequests={}\tfolders={}\texamples={examples}\tdiagnostics={}",
            collection.info.schema.expect("every loaded collection has a dialect"),
            request_list.len(),
            folders(&collection.items).len(),
            loaded.diagnostics.len(),
        );
        for diagnostic in &loaded.diagnostics {
            println!("    {diagnostic}");
        }
        match expected.get(&name) {
            Some(&count) if count == request_list.len() => {}
            Some(&count) => {
                failures.push(format!("{name}: {} requests loaded, MANIFEST says {count}", request_list.len()))
            }
            None => failures.push(format!("{name}: not listed in MANIFEST.tsv")),
        }
        seen.push(name);
    }
    for name in expected.keys().filter(|name| !seen.contains(name)) {
        failures.push(format!("{name}: listed in MANIFEST.tsv but not loaded"));
    }
    assert!(failures.is_empty(), "corpus failures:\n{}", failures.join("\n"));
}
