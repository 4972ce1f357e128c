//! Postman environment files and the API's `{environment: {...}}` wrapper.

mod common;

use std::path::Path;

use common::fixture_path;
use tango_postman::{LoadError, load_environment, parse_environment};

#[test]
fn environment_values_with_disabled_numbers_and_skipped_entries() {
    let (environment, diagnostics) =
        load_environment(&fixture_path("environment.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(environment.name, "API_Sandbox");
    let values: Vec<_> = environment.values.iter().map(|v| (v.key.as_str(), v.value.as_str(), v.disabled)).collect();
    assert_eq!(
        values,
        [
            ("url", "https://api-dev.example.com:8443", false),
            ("token", "not-a-real-token", true),
            ("retries", "5", false)
        ]
    );
    let found: Vec<_> = diagnostics.iter().map(|d| (d.pointer.as_str(), d.message.as_str())).collect();
    assert_eq!(
        found,
        [
            ("/values/3", "variable entry is a string, expected an object; skipped"),
            ("/values/4", "variable has no `key` or `id`; skipped"),
        ]
    );
}

#[test]
fn api_wrapper_is_unwrapped() {
    let json = r#"{"environment": {"name": "Prod", "values": [{"key": "url", "value": "https://api.example.com"}]}}"#;
    let (environment, diagnostics) = parse_environment(json, Path::new("env.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(environment.name, "Prod");
    assert_eq!(environment.values.len(), 1);
    assert_eq!(environment.values[0].value, "https://api.example.com");
    assert_eq!(diagnostics, []);
}

#[test]
fn non_environments_are_shape_errors_and_missing_files_io_errors() {
    for (json, pointer, message) in [
        ("[]", "", "expected a Postman environment (a JSON object), found an array"),
        (
            r#"{"id": 1}"#,
            "",
            "expected a Postman environment: an object with `name` and `values` (or an `environment` member)",
        ),
        (r#"{"environment": 3}"#, "/environment", "expected an environment object, found a number"),
    ] {
        match parse_environment(json, Path::new("env.json")) {
            Err(LoadError::Shape { file, pointer: p, message: m }) => {
                assert_eq!((file.as_path(), p.as_str(), m.as_str()), (Path::new("env.json"), pointer, message));
            }
            other => panic!("{json}: expected a shape error, got {other:?}"),
        }
    }
    let missing = fixture_path("no-such-environment.json");
    match load_environment(&missing) {
        Err(LoadError::Io { file, source }) => {
            assert_eq!(file, missing);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("expected an io error, got {other:?}"),
    }
}
