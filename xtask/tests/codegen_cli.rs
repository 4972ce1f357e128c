//! The `cargo xtask codegen` command-line contract: standalone crates, and bad input ending in a clear error
//! with a non-zero exit, never a panic.

use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("xtask runs")
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("fixture written");
    path.display().to_string()
}

#[test]
fn malformed_collections_fail_with_the_file_and_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let out = out.to_str().expect("utf-8 path");
    let truncated = write(dir.path(), "truncated.json", r#"{"info": {"name": "x"}, "item": ["#);
    let array = write(dir.path(), "array.json", "[1, 2]");

    let result = xtask(&["codegen", "--collection", &truncated, "--out", out, "--crate-name", "x"]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("{truncated}:1:")), "names file and line: {stderr}");
    assert!(stderr.contains("not valid JSON"), "{stderr}");

    let result = xtask(&["codegen", "--collection", &array, "--out", out, "--crate-name", "x"]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("{array}: at /: expected a Postman collection")), "{stderr}");
    assert!(!dir.path().join("out/Cargo.toml").exists(), "nothing is written for bad input");
}

#[test]
fn a_standalone_crate_has_its_own_workspace_and_finds_the_runtime() {
    let dir = tempfile::tempdir().expect("tempdir");
    let collection = write(
        dir.path(),
        "emoji.json",
        r#"{"info": {"name": "🚀"}, "item": [{"name": "🔥", "request": {"method": "GET", "url": "{{url}}/a",
            "body": {"mode": "weird", "weird": "?"}}}]}"#,
    );
    let out = dir.path().join("client");
    let result = xtask(&[
        "codegen",
        "--collection",
        &collection,
        "--out",
        out.to_str().expect("utf-8"),
        "--crate-name",
        "emoji-client",
    ]);
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert!(stdout.starts_with("emoji-client: 1 modules, 1 operations, 0 webhooks"), "{stdout}");
    assert!(stderr.contains("at /item/0/request/body/mode: unknown body mode `weird`"), "{stderr}");

    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains("\n[workspace]\n"), "{manifest}");
    let runtime = manifest
        .lines()
        .find_map(|l| l.strip_prefix("tango-runtime = { path = \"").and_then(|r| r.strip_suffix("\" }")))
        .expect("a path dependency on the runtime");
    assert!(!runtime.starts_with('/'), "relative from the crate: {runtime}");
    assert!(out.join(runtime).join("Cargo.toml").exists(), "{runtime} resolves from the crate directory");
    let module = std::fs::read_to_string(out.join("src/general.rs")).expect("module");
    assert!(module.contains("pub async fn operation("), "an emoji-only name falls back to `operation`");
}
