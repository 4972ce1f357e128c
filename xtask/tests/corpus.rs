//! Opt-in: generate a standalone crate for every collection in `../shared/corpus`, compile it (warnings are
//! errors) and run its example tests, printing one row per file. Run with `cargo test -p xtask --test corpus -- --ignored
//! --nocapture`; it says it skipped when the corpus is not there.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Row {
    file: String,
    generated: bool,
    summary: String,
    compiled: Option<bool>,
    passed: usize,
    failed: usize,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus directory is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn crate_name(file: &Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let slug: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("corpus-{}", slug.trim_matches('-'))
}

/// Sums `test result:` lines of cargo test output.
fn test_counts(output: &str) -> (usize, usize) {
    let mut passed = 0;
    let mut failed = 0;
    for line in output.lines().filter(|l| l.starts_with("test result:")) {
        let number_before = |word: &str| {
            line.split(';')
                .find(|part| part.trim().ends_with(word))
                .and_then(|part| part.split_whitespace().rev().nth(1))
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0)
        };
        passed += number_before("passed");
        failed += number_before("failed");
    }
    (passed, failed)
}

#[test]
#[ignore = "slow: compiles one crate per corpus file; CI runs it with --ignored"]
fn corpus_generates_compiles_and_round_trips() {
    let root = workspace_root();
    let corpus = root.join("../shared/corpus");
    if !corpus.is_dir() {
        println!("skipped: ../shared/corpus not found");
        return;
    }
    let out_root = root.join("target/corpus-crates");
    let target_dir = root.join("target/corpus-target");
    let lock = std::fs::read(root.join("Cargo.lock")).expect("workspace Cargo.lock");
    let mut rows = Vec::new();
    for file in corpus_files(&corpus) {
        let name = crate_name(&file);
        let out = out_root.join(&name);
        let _ = std::fs::remove_dir_all(&out);
        let generate = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["codegen", "--collection"])
            .arg(&file)
            .arg("--out")
            .arg(&out)
            .args(["--crate-name", &name])
            .output()
            .expect("xtask runs");
        let stdout = String::from_utf8_lossy(&generate.stdout);
        let stderr = String::from_utf8_lossy(&generate.stderr);
        assert_ne!(generate.status.code(), Some(101), "codegen panicked on {}:\n{stderr}", file.display());
        assert!(!stderr.contains("panicked"), "codegen panicked on {}:\n{stderr}", file.display());
        let mut row = Row {
            file: file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            generated: generate.status.success(),
            summary: stdout.lines().next().unwrap_or_default().to_owned(),
            compiled: None,
            passed: 0,
            failed: 0,
        };
        if !row.generated {
            row.summary = stderr.lines().last().unwrap_or_default().to_owned();
            rows.push(row);
            continue;
        }
        std::fs::write(out.join("Cargo.lock"), &lock).expect("lock file copied");
        let test = Command::new(env!("CARGO"))
            .arg("test")
            .arg("--manifest-path")
            .arg(out.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target_dir)
            // Generated code must build without warnings, here as in the workspace.
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        let test_out = format!("{}{}", String::from_utf8_lossy(&test.stdout), String::from_utf8_lossy(&test.stderr));
        let compiled = !test_out.contains("error: could not compile");
        let (passed, failed) = test_counts(&test_out);
        if !compiled || failed > 0 {
            let errors: Vec<&str> =
                test_out.lines().filter(|l| l.starts_with("error") || l.contains("panicked")).take(8).collect();
            println!("--- {}:\n{}", row.file, errors.join("\n"));
        }
        row.compiled = Some(compiled);
        row.passed = passed;
        row.failed = failed;
        rows.push(row);
    }

    println!("\n| file | generated | compiled | examples passed | summary |\n|---|---|---|---|---|");
    for r in &rows {
        let compiled = match r.compiled {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "-",
        };
        println!(
            "| {} | {} | {} | {}/{} | {} |",
            r.file,
            if r.generated { "yes" } else { "NO" },
            compiled,
            r.passed,
            r.passed + r.failed,
            r.summary
        );
    }
    let total = rows.len();
    let compiled = rows.iter().filter(|r| r.compiled == Some(true)).count();
    println!("\n{compiled}/{total} compiled");
    assert!(total > 0, "the corpus holds collections");
    assert!(compiled * 10 >= total * 9, "at least 90% of the corpus must compile: {compiled}/{total}");
    let failing: Vec<&str> = rows.iter().filter(|r| r.failed > 0).map(|r| r.file.as_str()).collect();
    assert!(failing.is_empty(), "example round trips failed in: {failing:?}");
}
