//! Seed inputs and dictionaries from the repository's fixtures.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The fixture folders whose JSON files seed the loader.
fn fixture_dirs() -> [PathBuf; 2] {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    [root.join("crates/postman/tests/fixtures"), root.join("crates/codegen/tests/fixtures")]
}

/// Every `*.json` fixture, sorted by path (so runs are reproducible).
pub fn collection_seeds() -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = fixture_dirs()
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|path| std::fs::read(path).ok()).collect()
}

/// Every string in the fixtures that looks like an XML document (request bodies, saved
/// responses), deduplicated, plus hostile documents the decoder must refuse.
pub fn xml_seeds() -> Vec<Vec<u8>> {
    let mut found = BTreeSet::new();
    for seed in collection_seeds() {
        if let Ok(value) = serde_json::from_slice::<Value>(&seed) {
            collect_xml(&value, &mut found);
        }
    }
    let mut seeds: Vec<Vec<u8>> = found.into_iter().map(String::into_bytes).collect();
    seeds.push(
        b"<!DOCTYPE a [<!ENTITY b \"bb\"><!ENTITY c \"&b;&b;&b;\">]><subscriber><firstName>&c;</firstName></subscriber>"
            .to_vec(),
    );
    seeds.push(b"<?xml version=\"1.0\"?><error><code>1</code><message><![CDATA[x < y]]></message></error>".to_vec());
    seeds
}

fn collect_xml(value: &Value, found: &mut BTreeSet<String>) {
    match value {
        Value::String(text) if text.trim_start().starts_with('<') => {
            found.insert(text.clone());
        }
        Value::Array(items) => items.iter().for_each(|item| collect_xml(item, found)),
        Value::Object(map) => map.values().for_each(|item| collect_xml(item, found)),
        _ => {}
    }
}

/// Tokens for the loader: Postman keys and values that switch code paths.
pub fn collection_dictionary() -> Vec<Vec<u8>> {
    [
        "item",
        "items",
        "request",
        "requests",
        "folders",
        "order",
        "folders_order",
        "collection",
        "environments",
        "info",
        "schema",
        "_postman_id",
        "name",
        "url",
        "raw",
        "host",
        "path",
        "query",
        "variable",
        "auth",
        "type",
        "apikey",
        "bearer",
        "basic",
        "oauth2",
        "header",
        "body",
        "mode",
        "raw",
        "urlencoded",
        "formdata",
        "file",
        "graphql",
        "options",
        "language",
        "response",
        "originalRequest",
        "code",
        "status",
        "event",
        "script",
        "disabled",
        "description",
        "content",
        "values",
        "key",
        "value",
        "enabled",
        "method",
        "{{",
        "}}",
        "{{$guid}}",
        ":id",
        "\"",
        "\\u0000",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        "null",
        "true",
        "1e999",
        "-0",
    ]
    .iter()
    .map(|token| token.as_bytes().to_vec())
    .collect()
}

/// Tokens for the XML decoder: markup that changes parser state, and every tag name in `seeds`.
pub fn xml_dictionary(seeds: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut tokens: BTreeSet<Vec<u8>> = [
        "<",
        ">",
        "</",
        "/>",
        "=\"",
        "\"",
        "'",
        "&amp;",
        "&lt;",
        "&#x41;",
        "&#0;",
        "&#xD;",
        "&#1114111;",
        "&undefined;",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "<?xml version=\"1.0\"?>",
        "<!DOCTYPE x>",
        "<!ENTITY e \"e\">",
        "xmlns:p=\"u\"",
        "p:",
        "\u{feff}",
        " ",
        "\n",
        "\r\n",
        "true",
        "false",
        "-1",
        "99999999999999999999",
        "1.5",
    ]
    .iter()
    .map(|token| token.as_bytes().to_vec())
    .collect();
    for seed in seeds {
        let text = String::from_utf8_lossy(seed);
        for piece in text.split('<').skip(1) {
            let name: String = piece.chars().take_while(|c| c.is_alphanumeric() || *c == ':' || *c == '_').collect();
            if !name.is_empty() {
                tokens.insert(format!("<{name}>").into_bytes());
                tokens.insert(format!("</{name}>").into_bytes());
                tokens.insert(format!(" {name}=\"1\"").into_bytes());
            }
        }
    }
    tokens.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_provide_seeds() {
        let collections = collection_seeds();
        assert!(collections.len() >= 8, "{} collection seeds", collections.len());
        let xml = xml_seeds();
        assert!(xml.len() >= 10, "{} XML seeds", xml.len());
        assert!(xml.iter().all(|seed| seed.trim_ascii_start().first() == Some(&b'<')));
        let dictionary = xml_dictionary(&xml);
        assert!(dictionary.iter().any(|token| token == b"<subscriber>"), "tag names harvested");
    }
}
