//! `cargo xtask fetch` against a local documenter on 127.0.0.1: what it asks for, what it writes, and that a
//! bad answer or no answer leaves the collection file exactly as it was.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

fn read(path: impl AsRef<Path>) -> Vec<u8> {
    std::fs::read(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

fn seed() -> Vec<u8> {
    read(workspace_root().join("collection/tango-provisioning-v6.published.json"))
}

fn next_version() -> Value {
    let text = read(workspace_root().join("crates/codegen/tests/fixtures/tango-v6.next.postman_collection.json"));
    serde_json::from_slice(&text).expect("fixture is JSON")
}

/// The seed's documenter metadata, announcing `tag` as the published version.
fn metadata(tag: &str) -> String {
    let mut value: Value = serde_json::from_slice(&seed()).expect("seed is JSON");
    value["activeVersionTag"] = json!(tag);
    value["collection"]["info"]["activeVersionTag"] = json!(tag);
    value.to_string()
}

/// One canned answer: status and body for a path (the query is ignored for matching, recorded for asserts).
#[derive(Clone)]
struct Route {
    path: &'static str,
    status: u16,
    body: String,
}

fn route(path: &'static str, status: u16, body: impl Into<String>) -> Route {
    Route { path, status, body: body.into() }
}

/// A tiny HTTP/1.1 server: one thread, one request per connection, every request target recorded.
struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(routes: Vec<Route>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
                    match stream.read(&mut byte) {
                        Ok(1) => head.push(byte[0]),
                        _ => break,
                    }
                }
                let head = String::from_utf8_lossy(&head);
                let target = head.split_whitespace().nth(1).unwrap_or("").to_owned();
                let path = target.split('?').next().unwrap_or("").to_owned();
                log.lock().expect("log").push(target);
                let (status, body) = routes
                    .iter()
                    .find(|r| r.path == path)
                    .map_or((404, "not found".to_owned()), |r| (r.status, r.body.clone()));
                let reply = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        Server { addr, seen }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().expect("log").clone()
    }
}

/// A port nothing listens on.
fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{addr}")
}

fn fetch(base_url: &str, out: &Path) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.args(["fetch", "--base-url", base_url, "--out"]).arg(out);
    for proxy in ["http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
        command.env_remove(proxy);
    }
    command.output().expect("xtask runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A directory holding a copy of the seed, as `collection/` does.
fn seeded_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("published.json");
    std::fs::write(&out, seed()).expect("write seed");
    (dir, out)
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}

const METADATA_PATH: &str = "/view/metadata/2s93kz5QQr";
const COLLECTION_PATH: &str = "/api/collections/5460831/2s93kz5QQr";

#[test]
fn fetch_writes_the_full_collection_and_keeps_the_seed() {
    let server = Server::start(vec![
        route(METADATA_PATH, 200, metadata("v6.1")),
        route(COLLECTION_PATH, 200, json!({ "collection": next_version() }).to_string()),
    ]);
    let (dir, out) = seeded_dir();
    let output = fetch(&server.url(), &out);
    assert!(output.status.success(), "stderr: {}", text(&output.stderr));

    // The metadata names the tag now published, and the collection is asked for with it.
    assert_eq!(
        server.seen(),
        vec![METADATA_PATH.to_owned(), format!("{COLLECTION_PATH}?segregateAuth=true&versionTag=v6.1")]
    );
    assert_eq!(read(dir.path().join("published.previous.json")), seed());
    assert_eq!(file_names(dir.path()), vec!["published.json", "published.previous.json"]);

    let loaded = tango_postman::load_collection(&out).expect("the written file loads");
    assert_eq!(loaded.collection.info.name, "Tango Networks Provisioning API V6 (fixture)");
    let published = loaded.collection.info.published.expect("publication metadata is kept");
    assert_eq!(published.public_url.as_deref(), Some("https://api-postman.tango-networks.com"));
    assert_eq!(published.owner.as_deref(), Some("5460831"));
    assert_eq!(published.published_id.as_deref(), Some("2s93kz5QQr"));
    assert_eq!(loaded.collection.environments.first().map(|e| e.name.as_str()), Some("API_Sandbox"));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("31 requests"), "{stdout}");
    assert!(stdout.contains("published.previous.json"), "{stdout}");

    // The same answer again changes nothing, and the kept file is still the seed.
    let written = read(&out);
    let again = fetch(&server.url(), &out);
    assert!(again.status.success(), "stderr: {}", text(&again.stderr));
    assert!(text(&again.stdout).contains("already this version"), "{}", text(&again.stdout));
    assert_eq!(read(&out), written);
    assert_eq!(read(dir.path().join("published.previous.json")), seed());
}

#[test]
fn an_unwrapped_collection_answer_is_accepted() {
    let server = Server::start(vec![
        route(METADATA_PATH, 200, metadata("latest")),
        route(COLLECTION_PATH, 200, next_version().to_string()),
    ]);
    let (_dir, out) = seeded_dir();
    let output = fetch(&server.url(), &out);
    assert!(output.status.success(), "stderr: {}", text(&output.stderr));
    let loaded = tango_postman::load_collection(&out).expect("loads");
    assert_eq!(loaded.collection.items.len(), 7);
    assert!(server.seen().iter().any(|t| t.ends_with("versionTag=latest")));
}

#[test]
fn bad_answers_leave_the_collection_untouched() {
    let seed_collection = serde_json::from_slice::<Value>(&seed()).expect("seed")["collection"].clone();
    let cases: Vec<(&str, Vec<Route>, &str)> = vec![
        ("metadata missing", vec![route(COLLECTION_PATH, 200, next_version().to_string())], "HTTP 404"),
        (
            "server error",
            vec![route(METADATA_PATH, 200, metadata("latest")), route(COLLECTION_PATH, 500, "oops")],
            "HTTP 500",
        ),
        (
            "HTML instead of JSON",
            vec![route(METADATA_PATH, 200, metadata("latest")), route(COLLECTION_PATH, 200, "<html>sign in</html>")],
            "not a JSON object",
        ),
        (
            "a JSON list",
            vec![route(METADATA_PATH, 200, metadata("latest")), route(COLLECTION_PATH, 200, "[1, 2]")],
            "found a list",
        ),
        (
            "not a collection",
            vec![
                route(METADATA_PATH, 200, metadata("latest")),
                route(COLLECTION_PATH, 200, r#"{"error": "not found"}"#),
            ],
            "not a Postman collection",
        ),
        (
            "documentation metadata only",
            vec![
                route(METADATA_PATH, 200, metadata("latest")),
                route(COLLECTION_PATH, 200, seed_collection.to_string()),
            ],
            "holds no requests",
        ),
    ];
    for (name, routes, reason) in cases {
        let server = Server::start(routes);
        let (dir, out) = seeded_dir();
        let output = fetch(&server.url(), &out);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(reason), "{name}: expected {reason:?} in {stderr}");
        assert!(stderr.contains(&server.url()), "{name}: the error names the URL: {stderr}");
        assert!(stderr.contains("nothing was written"), "{name}: {stderr}");
        assert_eq!(read(&out), seed(), "{name}: the file is untouched");
        assert_eq!(file_names(dir.path()), vec!["published.json"], "{name}: no previous or temporary file");
    }
}

#[test]
fn offline_leaves_the_collection_untouched() {
    let (dir, out) = seeded_dir();
    let url = closed_port_url();
    let output = fetch(&url, &out);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("{url}{METADATA_PATH}: no answer")), "{stderr}");
    assert_eq!(read(&out), seed());
    assert_eq!(file_names(dir.path()), vec!["published.json"]);
}

#[test]
fn a_file_without_publication_metadata_says_what_is_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("plain.json");
    let fixture = read(workspace_root().join("crates/codegen/tests/fixtures/tango-v6.postman_collection.json"));
    std::fs::write(&out, &fixture).expect("write");
    let output = fetch(&closed_port_url(), &out);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("plain.json: no publication metadata: publicUrl, owner, publishedId missing"), "{stderr}");
    assert_eq!(read(&out), fixture);
}
