//! `cargo xtask fetch [--base-url URL] [--out FILE]`: download the full published collection from Postman's
//! public documenter.
//!
//! The collection file's publication metadata (`publicUrl`, `owner`, `publishedId`, `activeVersionTag`) names
//! what to fetch. The documenter's metadata endpoint `{publicUrl}/view/metadata/{publishedId}` gives the
//! version tag now published and the wrapper (environments, publication info); its collection endpoint
//! `{publicUrl}/api/collections/{owner}/{publishedId}?segregateAuth=true&versionTag={tag}` gives the collection
//! (wrapped in `{"collection": ...}` or not). The two are written as one documenter wrapper, the shape the seed
//! file already has, so the next fetch finds its metadata again.
//!
//! Nothing is replaced until the answer loads as a collection with requests. The old file is kept as
//! `NAME.previous.json` (for `cargo xtask codegen`'s API diff), and both files are written through a temporary
//! file in the same directory and renamed into place, so a failure at any point leaves the old file as it was.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use reqwest::Url;
use serde_json::{Map, Value};
use tango_postman::{Item, Published};

use crate::targets::{TARGETS, workspace_root};

/// Answers larger than this are refused (the real collection is a few megabytes).
const MAX_ANSWER_BYTES: u64 = 64 * 1024 * 1024;

/// The publication fields kept in the written collection's `info`.
const PUBLICATION_KEYS: &[&str] = &["publicUrl", "owner", "publishedId", "activeVersionTag", "publishDate", "version"];

/// Arguments of `fetch`.
#[derive(clap::Args, Debug)]
pub struct FetchArgs {
    /// Documenter origin to ask instead of the collection's `publicUrl` (a mirror, or a local test server).
    #[arg(long)]
    pub base_url: Option<String>,
    /// The collection file to replace (default: the workspace's published Tango collection). Its publication
    /// metadata names what to fetch.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Why nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The local file does not say where the collection is published.
    #[error("{}: no publication metadata: {missing} missing (expected `publicUrl`, `owner` and `publishedId`, as the documenter's metadata has them)", file.display())]
    NoMetadata {
        /// The file read.
        file: PathBuf,
        /// Which fields are missing.
        missing: String,
    },
    /// The local file is not a collection.
    #[error(transparent)]
    Load(#[from] tango_postman::LoadError),
    /// The base URL cannot carry a path.
    #[error("{url}: not a usable base URL")]
    BadBase {
        /// The URL.
        url: String,
    },
    /// The HTTP client could not be set up.
    #[error("cannot set up the HTTP client: {0}")]
    Client(#[source] reqwest::Error),
    /// No answer (offline, refused, timed out, cut off).
    #[error("{url}: no answer: {message}")]
    Unreachable {
        /// What was asked.
        url: String,
        /// Why.
        message: String,
    },
    /// An HTTP error status.
    #[error("{url}: HTTP {status}")]
    Status {
        /// What was asked.
        url: String,
        /// The status code.
        status: u16,
    },
    /// An answer over [`MAX_ANSWER_BYTES`].
    #[error("{url}: the answer is larger than {MAX_ANSWER_BYTES} bytes")]
    TooLarge {
        /// What was asked.
        url: String,
    },
    /// The answer is not a JSON object.
    #[error("{url}: the answer is not a JSON object: {message}")]
    NotJson {
        /// What was asked.
        url: String,
        /// What serde_json said, or what was found.
        message: String,
    },
    /// The answer does not load as a collection.
    #[error("{url}: the answer is not a Postman collection: {message}")]
    NotCollection {
        /// What was asked.
        url: String,
        /// What the loader said.
        message: String,
    },
    /// The answer is a collection without requests (documentation metadata only).
    #[error(
        "{url}: the answer holds no requests (documentation metadata only), so it would not improve on the current file"
    )]
    NoRequests {
        /// What was asked.
        url: String,
    },
    /// Writing failed.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

/// `collection.json` -> `collection.previous.json`: where `fetch` keeps the file it replaced.
pub fn previous_path(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(|| "collection".to_owned(), |n| n.to_string_lossy().into_owned());
    let previous = match name.strip_suffix(".json") {
        Some(stem) => format!("{stem}.previous.json"),
        None => format!("{name}.previous"),
    };
    path.with_file_name(previous)
}

/// Runs `fetch`; a failure is reported here (exit status 2) with a note that nothing was written.
pub fn run(args: &FetchArgs) -> Result<ExitCode, FetchError> {
    let default = TARGETS.first().map(|t| workspace_root().join(t.collection)).unwrap_or_default();
    let out = args.out.clone().unwrap_or_else(|| default.clone());
    match fetch(args.base_url.as_deref(), &out, if out.exists() { &out } else { &default }) {
        Ok(code) => Ok(code),
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!("nothing was written: {} is as it was", out.display());
            Ok(ExitCode::from(2))
        }
    }
}

/// What to ask the documenter for.
struct Publication {
    public_url: String,
    owner: String,
    published_id: String,
    version_tag: String,
}

fn publication(file: &Path) -> Result<Publication, FetchError> {
    let loaded = tango_postman::load_collection(file)?;
    let published = loaded.collection.info.published.unwrap_or_default();
    let Published { public_url, owner, published_id, active_version_tag, .. } = published;
    let missing: Vec<&str> = [("publicUrl", &public_url), ("owner", &owner), ("publishedId", &published_id)]
        .iter()
        .filter(|(_, v)| v.as_deref().is_none_or(|v| v.trim().is_empty()))
        .map(|(k, _)| *k)
        .collect();
    match (public_url, owner, published_id) {
        (Some(public_url), Some(owner), Some(published_id)) if missing.is_empty() => Ok(Publication {
            public_url,
            owner,
            published_id,
            version_tag: active_version_tag.unwrap_or_else(|| "latest".to_owned()),
        }),
        _ => Err(FetchError::NoMetadata { file: file.to_owned(), missing: missing.join(", ") }),
    }
}

fn endpoint(base: &str, segments: &[&str], query: &[(&str, &str)]) -> Result<Url, FetchError> {
    let bad = || FetchError::BadBase { url: base.to_owned() };
    let mut url = Url::parse(base.trim_end_matches('/')).map_err(|_| bad())?;
    url.path_segments_mut().map_err(|_| bad())?.pop_if_empty().extend(segments);
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    Ok(url)
}

fn fetch(base_url: Option<&str>, out: &Path, metadata_file: &Path) -> Result<ExitCode, FetchError> {
    let publication = publication(metadata_file)?;
    let base = base_url.unwrap_or(&publication.public_url);
    let client = reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(120))
        .user_agent(concat!("tango-api-xtask/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(FetchError::Client)?;

    let metadata_url = endpoint(base, &["view", "metadata", &publication.published_id], &[])?;
    let mut metadata = get_object(&client, &metadata_url)?;
    let tag = metadata
        .get("activeVersionTag")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .map_or_else(|| publication.version_tag.clone(), str::to_owned);
    let collection_url = endpoint(
        base,
        &["api", "collections", &publication.owner, &publication.published_id],
        &[("segregateAuth", "true"), ("versionTag", &tag)],
    )?;
    let answer = get_object(&client, &collection_url)?;
    let url = collection_url.to_string();
    // The answer must be a collection by itself, before the metadata is added around it.
    tango_postman::parse_collection(&Value::Object(answer.clone()).to_string(), Path::new(&url))
        .map_err(|e| FetchError::NotCollection { url: url.clone(), message: load_message(&e) })?;
    let mut collection = match answer.get("collection") {
        Some(Value::Object(inner)) => inner.clone(),
        _ => answer,
    };
    keep_publication(&mut collection, &metadata, &publication);
    metadata.insert("collection".to_owned(), Value::Object(collection));
    let text = serde_json::to_string_pretty(&Value::Object(metadata)).unwrap_or_default() + "\n";

    let loaded = tango_postman::parse_collection(&text, out)
        .map_err(|e| FetchError::NotCollection { url: url.clone(), message: load_message(&e) })?;
    let requests = count_requests(&loaded.collection.items);
    if requests == 0 {
        return Err(FetchError::NoRequests { url });
    }
    let info = &loaded.collection.info;
    let version = info.version.as_deref().unwrap_or("no version");
    println!("fetched \"{}\" ({version}, tag {tag}, {requests} requests) from {url}", info.name);

    let current = std::fs::read(out).ok();
    if current.as_deref() == Some(text.as_bytes()) {
        println!("{} is already this version: nothing to do", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(current) = &current {
        let previous = previous_path(out);
        write_atomically(&previous, current)?;
        println!("kept the version it replaces as {}", previous.display());
    }
    write_atomically(out, text.as_bytes())?;
    println!("wrote {}", out.display());
    println!(
        "next: `cargo xtask codegen` (it prints the API changes), `cargo insta review`, `git diff`, `cargo test --workspace`"
    );
    Ok(ExitCode::SUCCESS)
}

/// GETs `url` and reads the answer as a JSON object, refusing error statuses and oversized answers.
fn get_object(client: &reqwest::blocking::Client, url: &Url) -> Result<Map<String, Value>, FetchError> {
    let name = url.to_string();
    let unreachable = |e: &dyn std::fmt::Display| FetchError::Unreachable { url: name.clone(), message: e.to_string() };
    let response = client.get(url.clone()).header("Accept", "application/json").send().map_err(|e| {
        // reqwest's message repeats the URL; the cause chain says what happened.
        let mut message = String::new();
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            message = cause.to_string();
            source = cause.source();
        }
        unreachable(&if message.is_empty() { e.to_string() } else { message })
    })?;
    let status = response.status();
    if !status.is_success() {
        return Err(FetchError::Status { url: name, status: status.as_u16() });
    }
    let mut bytes = Vec::new();
    response.take(MAX_ANSWER_BYTES + 1).read_to_end(&mut bytes).map_err(|e| unreachable(&e))?;
    if bytes.len() as u64 > MAX_ANSWER_BYTES {
        return Err(FetchError::TooLarge { url: name });
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(FetchError::NotJson { url: name, message: format!("found {}", kind(&other)) }),
        Err(e) => Err(FetchError::NotJson { url: name, message: e.to_string() }),
    }
}

/// The loader's reason without its file name (the caller names the URL).
fn load_message(error: &tango_postman::LoadError) -> String {
    match error {
        tango_postman::LoadError::Shape { pointer, message, .. } => {
            format!("at {}: {message}", if pointer.is_empty() { "/" } else { pointer })
        }
        other => other.to_string(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Copies the publication fields the fetched collection's `info` lacks from the metadata (or from what was
/// used to find it), so the written file names its own source. The original `publicUrl` is kept even when
/// `--base-url` pointed elsewhere.
fn keep_publication(collection: &mut Map<String, Value>, metadata: &Map<String, Value>, publication: &Publication) {
    let known =
        metadata.get("collection").and_then(|c| c.get("info")).and_then(Value::as_object).cloned().unwrap_or_default();
    let info = collection.entry("info").or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(info) = info else { return };
    for key in PUBLICATION_KEYS {
        if info.contains_key(*key) {
            continue;
        }
        let fallback = match *key {
            "publicUrl" => Some(&publication.public_url),
            "owner" => Some(&publication.owner),
            "publishedId" => Some(&publication.published_id),
            _ => None,
        };
        if let Some(value) = known.get(*key).cloned().or_else(|| fallback.map(|v| Value::String(v.clone()))) {
            info.insert((*key).to_owned(), value);
        }
    }
}

fn count_requests(items: &[Item]) -> usize {
    items
        .iter()
        .map(|item| match item {
            Item::Request(_) => 1,
            Item::Folder(folder) => count_requests(&folder.items),
        })
        .sum()
}

/// Writes through a temporary file in the target's directory, then renames it over the target.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FetchError> {
    let error = |source| FetchError::Write { path: path.to_owned(), source };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(error)?;
    file.write_all(bytes).map_err(error)?;
    file.as_file().sync_all().map_err(error)?;
    file.persist(path).map_err(|e| error(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_previous_file_sits_next_to_the_collection() {
        assert_eq!(
            previous_path(Path::new("collection/tango.published.json")),
            PathBuf::from("collection/tango.published.previous.json")
        );
        assert_eq!(previous_path(Path::new("c")), PathBuf::from("c.previous"));
    }

    #[test]
    fn endpoints_keep_a_base_path_and_encode_parts() {
        let url =
            endpoint("http://127.0.0.1:9/docs/", &["api", "collections", "5460831", "2s9 3"], &[("versionTag", "v 6")]);
        assert_eq!(
            url.map(|u| u.to_string()).ok().as_deref(),
            Some("http://127.0.0.1:9/docs/api/collections/5460831/2s9%203?versionTag=v+6")
        );
        assert!(matches!(endpoint("not a url", &["x"], &[]), Err(FetchError::BadBase { .. })));
    }
}
