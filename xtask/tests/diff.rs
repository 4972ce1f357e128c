//! `cargo xtask diff` (files and `git:REV:PATH`, markdown and JSON, exit status) and the API diff that
//! `cargo xtask codegen` prints when it regenerates a crate made from an older collection.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace").join("crates/codegen/tests/fixtures").join(name)
}

fn v6() -> PathBuf {
    fixture("tango-v6.postman_collection.json")
}

fn v6_next() -> PathBuf {
    fixture("tango-v6.next.postman_collection.json")
}

fn xtask(args: &[&str], dir: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().expect("xtask runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn a_breaking_version_exits_1_with_a_markdown_report() {
    let output = xtask(&["diff", path(&v6()), path(&v6_next())], None);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}{}", text(&output.stderr));
    assert!(stdout.starts_with("# API changes\n"), "{stdout}");
    assert!(stdout.contains("## Breaking"), "{stdout}");
    assert!(
        stdout.contains(
            "- **SUBSCRIBERS/Create Subscriber** `field-made-mandatory`: request field `subscriber.email` \
             (`Subscriber::email`) became mandatory"
        ),
        "{stdout}"
    );
}

#[test]
fn json_output_lists_changes_with_four_keys() {
    let output = xtask(&["diff", path(&v6()), path(&v6_next()), "--format", "json"], None);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let changes = value["changes"].as_array().expect("changes");
    assert!(changes.len() > 10, "{value}");
    for change in changes {
        let keys: Vec<&str> = change.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys, vec!["operation", "kind", "breaking", "detail"]);
    }
    let removed = changes.iter().find(|c| c["kind"] == "operation-removed").expect("a removal");
    assert_eq!(removed["operation"], "SUBSCRIBERS/SIMS/Suspend SIM");
    assert_eq!(removed["breaking"], true);
}

#[test]
fn the_same_api_reformatted_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let compact = dir.path().join("compact.json");
    let value: Value = serde_json::from_slice(&std::fs::read(v6()).expect("read")).expect("JSON");
    std::fs::write(&compact, value.to_string()).expect("write");
    let output = xtask(&["diff", path(&v6()), path(&compact)], None);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("No API changes."), "{}", text(&output.stdout));
}

#[test]
fn errors_exit_2_and_name_the_source() {
    let missing = xtask(&["diff", "no/such/file.json", path(&v6())], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no/such/file.json: cannot read"), "{}", text(&missing.stderr));

    let bad_spec = xtask(&["diff", "git:HEAD", path(&v6())], None);
    assert_eq!(bad_spec.status.code(), Some(2));
    assert!(text(&bad_spec.stderr).contains("expected `git:REV:PATH`"), "{}", text(&bad_spec.stderr));

    let dir = tempfile::tempdir().expect("tempdir");
    let not_json = dir.path().join("broken.json");
    std::fs::write(&not_json, "{ not json").expect("write");
    let broken = xtask(&["diff", path(&not_json), path(&v6())], None);
    assert_eq!(broken.status.code(), Some(2));
    assert!(text(&broken.stderr).contains("broken.json:1:3: not valid JSON"), "{}", text(&broken.stderr));
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A git repository in a temp dir with `col.json` = the fixture committed.
fn repo_with_fixture() -> Option<tempfile::TempDir> {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(v6(), dir.path().join("col.json")).expect("copy");
    let ok = git(dir.path(), &["init", "-q"])
        && git(dir.path(), &["add", "col.json"])
        && git(dir.path(), &["commit", "-q", "-m", "v6"]);
    if !ok {
        eprintln!("skipped: git is not available");
        return None;
    }
    Some(dir)
}

#[test]
fn git_revisions_are_read_with_git_show() {
    let Some(repo) = repo_with_fixture() else { return };
    std::fs::copy(v6_next(), repo.path().join("col.json")).expect("copy");
    let output = xtask(&["diff", "git:HEAD:col.json", "col.json", "--format", "json"], Some(repo.path()));
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(value["changes"].as_array().is_some_and(|c| c.iter().any(|c| c["kind"] == "method-changed")), "{value}");

    let unknown = xtask(&["diff", "git:no-such-rev:col.json", "col.json"], Some(repo.path()));
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("git:no-such-rev:col.json: `git show` failed"), "{}", text(&unknown.stderr));
}

fn codegen(collection: &Path, out: &Path, path_env: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.args(["codegen", "--collection", path(collection), "--out", path(out), "--crate-name", "demo-client"]);
    if let Some(value) = path_env {
        command.env("PATH", value);
    }
    command.output().expect("xtask runs")
}

fn recorded_hash(crate_dir: &Path) -> String {
    let lib = std::fs::read_to_string(crate_dir.join("src/lib.rs")).expect("lib.rs");
    let line = lib.lines().find(|l| l.contains("COLLECTION_SHA256")).expect("hash line").to_owned();
    line.split('"').nth(1).expect("quoted").to_owned()
}

#[test]
fn codegen_over_an_older_crate_prints_the_api_diff_from_the_kept_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = dir.path().join("col.json");
    let out = dir.path().join("client");
    std::fs::copy(v6(), &collection).expect("copy");
    let first = codegen(&collection, &out, None);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(!text(&first.stdout).contains("API"), "a fresh crate has nothing to compare: {}", text(&first.stdout));
    let old_hash = recorded_hash(&out);

    // What `fetch` leaves behind: the new version in place, the old one kept next to it.
    std::fs::copy(&collection, dir.path().join("col.previous.json")).expect("keep");
    std::fs::copy(v6_next(), &collection).expect("new version");
    let second = codegen(&collection, &out, None);
    let stdout = text(&second.stdout);
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert!(stdout.contains("API changes since the collection the committed crate was made from ("), "{stdout}");
    assert!(stdout.contains("col.previous.json): 24 change(s), 8 breaking"), "{stdout}");
    assert!(stdout.contains("SUBSCRIBERS/Create Subscriber: field-made-mandatory (breaking)"), "{stdout}");
    assert!(stdout.contains("full report: cargo xtask diff "), "{stdout}");
    assert_ne!(recorded_hash(&out), old_hash, "the crate records the new collection's hash");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).expect("lib.rs");
    assert!(
        lib.contains("pub const COLLECTION_VERSION: Option<&str> = Some(\"6.1.0\");"),
        "the crate records the version"
    );

    // Regenerating from the same collection again prints no diff.
    let third = codegen(&collection, &out, None);
    assert!(!text(&third.stdout).contains("API"), "{}", text(&third.stdout));
}

#[test]
fn codegen_finds_the_old_collection_in_git() {
    let Some(repo) = repo_with_fixture() else { return };
    let collection = repo.path().join("col.json");
    let out = repo.path().join("client");
    assert!(codegen(&collection, &out, None).status.success());
    std::fs::copy(v6_next(), &collection).expect("new version");
    let output = codegen(&collection, &out, None);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(stdout.contains("made from (git:HEAD:col.json): 24 change(s), 8 breaking"), "{stdout}");
}

#[test]
fn codegen_says_why_it_skipped_the_diff_without_git() {
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = dir.path().join("col.json");
    let out = dir.path().join("client");
    std::fs::copy(v6(), &collection).expect("copy");
    assert!(codegen(&collection, &out, None).status.success());
    std::fs::copy(v6_next(), &collection).expect("new version");
    let output = codegen(&collection, &out, Some("/nonexistent"));
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "codegen does not fail: {}", text(&output.stderr));
    assert!(stdout.contains("API diff skipped: "), "{stdout}");
    assert!(stdout.contains("no copy of it was found (no "), "{stdout}");
    assert!(stdout.contains("git is not available"), "{stdout}");
    assert!(stdout.contains("wrote "), "{stdout}");
}
