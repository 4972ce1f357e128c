//! The documenter / API wrapper `{collection: {...}, environments: [...]}`, including the real seed.

mod common;

use std::path::Path;

use common::{diagnostics, parse, parse_ok, request_at};
use tango_postman::{LoadError, Published, SchemaVersion, load_collection};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../collection/tango-provisioning-v6.published.json");

#[test]
fn seed_loads_with_docs_publication_metadata_and_sandbox_environment() {
    let loaded = load_collection(Path::new(SEED)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.diagnostics, []);
    let c = &loaded.collection;
    assert_eq!(c.info.name, "Tango Networks Provisioning API V6");
    let description = c.info.description.as_ref().expect("collection description");
    assert!(
        description
            .content
            .starts_with("The **Tango Networks Provisioning API** is primarily an XML over HTTP service"),
        "{}",
        &description.content[..80.min(description.content.len())]
    );
    assert_eq!(c.info.version.as_deref(), Some("8.10.1"));
    assert_eq!(c.info.schema, Some(SchemaVersion::V2_0));
    assert_eq!(c.info.postman_id.as_deref(), Some("19af5a87-e4d9-4848-9595-35fba62712b7"));
    assert_eq!(
        c.info.published,
        Some(Published {
            public_url: Some("https://api-postman.tango-networks.com".into()),
            owner: Some("5460831".into()),
            published_id: Some("2s93kz5QQr".into()),
            active_version_tag: Some("latest".into()),
            publish_date: Some("2025-05-15T13:23:24.000Z".into()),
        })
    );
    assert!(c.items.is_empty(), "the documenter wrapper carries no items");

    let [sandbox] = c.environments.as_slice() else { panic!("one environment: {:?}", c.environments.len()) };
    assert_eq!(sandbox.name, "API_Sandbox");
    let keys: Vec<_> = sandbox.values.iter().map(|v| v.key.as_str()).collect();
    assert_eq!(keys, ["token", "distributortoken", "resellertoken", "url", "distributorname", "resellername"]);
    assert!(sandbox.values.iter().all(|v| !v.disabled && !v.value.is_empty()));
    let url = sandbox.values.iter().find(|v| v.key == "url").map(|v| v.value.as_str());
    assert_eq!(url, Some("https://api-dev.tango-networks.com:8443"));
}

#[test]
fn wrapper_items_pointers_top_level_metadata_and_environments() {
    let loaded = parse_ok(
        r#"{
            "collection": {
                "info": {"name": "W", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                "item": [{"name": "r", "request": "https://api.example.com/ping"}]
            },
            "activeVersionTag": "v2",
            "publishDate": "2024-01-02",
            "environments": [{"name": "E", "values": [{"key": "a", "value": 1, "enabled": false}]}, "bad"]
        }"#,
    );
    let c = &loaded.collection;
    assert_eq!(c.info.schema, Some(SchemaVersion::V2_1));
    assert_eq!(request_at(&c.items, 0).pointer, "/collection/item/0");
    assert_eq!(
        c.info.published,
        Some(Published {
            active_version_tag: Some("v2".into()),
            publish_date: Some("2024-01-02".into()),
            ..Published::default()
        })
    );
    assert_eq!(c.environments.len(), 1);
    assert_eq!(c.environments[0].name, "E");
    let a = &c.environments[0].values[0];
    assert_eq!((a.key.as_str(), a.value.as_str(), a.disabled), ("a", "1", true));
    assert_eq!(diagnostics(&loaded), [("/environments/1", "environment is a string, expected an object; skipped")]);
}

#[test]
fn wrapper_around_a_v1_collection() {
    let loaded = parse_ok(
        r#"{"collection": {"name": "old", "requests": [{"id": "a", "name": "A", "url": "https://x/a"}], "order": ["a"]}}"#,
    );
    assert_eq!(loaded.collection.info.schema, Some(SchemaVersion::V1));
    assert_eq!(loaded.collection.info.published, None);
    assert_eq!(request_at(&loaded.collection.items, 0).pointer, "/collection/requests/0");
    assert_eq!(loaded.diagnostics, []);
}

#[test]
fn wrapper_without_a_collection_object_is_a_shape_error() {
    for (json, message) in [
        (r#"{"collection": []}"#, "expected a collection object, found an array"),
        (r#"{"collection": {"statusCode": 200}}"#, "expected a collection object with `info`, `item` or `requests`"),
    ] {
        match parse(json) {
            Err(LoadError::Shape { pointer, message: actual, .. }) => {
                assert_eq!((pointer.as_str(), actual.as_str()), ("/collection", message), "{json}");
            }
            other => panic!("{json}: expected a shape error, got {other:?}"),
        }
    }
}
