//! Malformed input: what fails (and how), and what loads with diagnostics. Nothing here may panic.

mod common;

use common::{diagnostics, folder_at, names, parse, parse_ok, request_at};
use tango_postman::{Body, Item, LoadError, Severity};

fn shape_error(json: &str) -> (String, String) {
    match parse(json) {
        Err(LoadError::Shape { file, pointer, message }) => {
            assert_eq!(file.to_str(), Some("inline.json"));
            (pointer, message)
        }
        other => panic!("{json}: expected a shape error, got {other:?}"),
    }
}

#[test]
fn truncated_and_non_json_text_report_line_and_column() {
    let cases = [
        ("{\"info\": {\"name\": \"x\"},\n  \"item\": [", 2, 11, "EOF while parsing a list"),
        ("hello", 1, 1, "expected value"),
        ("", 1, 0, "EOF while parsing a value"),
    ];
    for (text, line, column, message) in cases {
        match parse(text) {
            Err(LoadError::Json { file, line: l, column: c, message: m }) => {
                assert_eq!((file.to_str(), l, c, m.as_str()), (Some("inline.json"), line, column, message), "{text:?}");
            }
            other => panic!("{text:?}: expected a JSON error, got {other:?}"),
        }
    }
    let error = parse("{\"info\": ").expect_err("truncated");
    assert_eq!(error.to_string(), "inline.json:1:9: not valid JSON: EOF while parsing a value");
}

#[test]
fn json_that_is_not_a_collection_is_a_shape_error() {
    assert_eq!(
        shape_error(r#"[{"info": {}}]"#),
        ("".to_owned(), "expected a Postman collection (a JSON object), found an array".to_owned())
    );
    assert_eq!(shape_error(r#""text""#).1, "expected a Postman collection (a JSON object), found a string");
    assert_eq!(
        shape_error(r#"{"name": "x", "values": []}"#),
        (
            "".to_owned(),
            "expected a Postman collection: an object with `info`, `item`, `requests` or `collection`".to_owned()
        )
    );
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let loaded = parse_ok("\u{feff}{\"info\": {\"name\": \"bom\"}}");
    assert_eq!(loaded.collection.info.name, "bom");
}

#[test]
fn emoji_and_spaced_names_are_kept_verbatim() {
    let loaded = parse_ok(
        r#"{"info": {"name": "🦀"}, "item": [
            {"name": "🚀", "request": {"url": "https://x.example/🚀"}},
            {"name": "  spaced  ", "item": [{"name": "🚀", "request": "https://x.example/🚀"}]}
        ]}"#,
    );
    assert_eq!(loaded.diagnostics, []);
    assert_eq!(loaded.collection.info.name, "🦀");
    assert_eq!(names(&loaded.collection.items), ["🚀", "  spaced  "]);
    assert_eq!(request_at(&loaded.collection.items, 0).request.url.path, ["🚀"]);
    assert_eq!(names(&folder_at(&loaded.collection.items, 1).items), ["🚀"]);
}

#[test]
fn wrong_typed_optional_values_are_skipped_with_a_warning_each() {
    let loaded = parse_ok(
        r#"{
          "info": {"name": "w", "description": 42},
          "item": [
            "oops",
            {"name": "r", "description": 42,
             "request": {"method": 7, "url": 5, "header": [7, {"key": "ok", "value": 1}, {"key": "obj", "value": {"a": 1}}],
                         "body": "text", "auth": []},
             "response": ["bad", {"name": "e", "code": "abc", "header": 3}]},
            {"name": "f", "item": {"not": "a list"}},
            {"name": 12, "request": "https://x.example"}
          ],
          "variable": "nope"
        }"#,
    );
    assert_eq!(
        diagnostics(&loaded),
        [
            ("/info/description", "description is a number, expected a string or {content, type}; skipped"),
            ("/item/0", "item is a string, expected an object (a folder or a request); skipped"),
            ("/item/1/request/method", "`method` is a number, expected a string; skipped"),
            ("/item/1/request/url", "url is a number, expected a string or an object; skipped"),
            ("/item/1/request/header/0", "header entry is a number, expected an object; skipped"),
            ("/item/1/request/header/2/value", "`value` is an object, expected text; skipped"),
            ("/item/1/request/body", "body is a string, expected an object; skipped"),
            ("/item/1/request/auth", "auth is an array, expected an object; skipped"),
            ("/item/1/description", "description is a number, expected a string or {content, type}; skipped"),
            ("/item/1/response/0", "saved response is a string, expected an object; skipped"),
            ("/item/1/response/1/code", "status code is a string that is not an HTTP status; skipped"),
            ("/item/1/response/1/header", "response header list is a number, expected a list; skipped"),
            ("/item/2/item", "`item` is an object, expected a list; skipped"),
            ("/item/3/name", "`name` is a number, expected a string; skipped"),
            ("/variable", "variable list is a string, expected a list; skipped"),
        ]
    );
    assert!(loaded.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    // What survived is still there.
    let items = &loaded.collection.items;
    assert_eq!(names(items), ["r", "f", ""]);
    let r = request_at(items, 0);
    assert_eq!(r.request.method, "GET");
    assert_eq!(
        r.request.headers.iter().map(|h| (h.key.as_str(), h.value.as_str())).collect::<Vec<_>>(),
        [("ok", "1"), ("obj", "")]
    );
    assert_eq!((r.request.body.as_ref(), r.request.auth.as_ref(), r.description.as_ref()), (None, None, None));
    assert_eq!(r.responses.len(), 1);
    assert_eq!((r.responses[0].name.as_str(), r.responses[0].code), ("e", None));
    assert!(folder_at(items, 1).items.is_empty());
    assert_eq!(request_at(items, 2).request.url.host, ["x", "example"]);
}

#[test]
fn unknown_body_modes_become_raw_text_with_a_warning() {
    let loaded = parse_ok(
        r#"{"item": [
            {"name": "xml", "request": {"method": "POST", "body": {"mode": "xml", "xml": "<a/>"}}},
            {"name": "fallback", "request": {"body": {"mode": "binary", "raw": "bytes"}}},
            {"name": "modeless", "request": {"body": {"raw": "<b/>", "options": {"raw": {"language": "xml"}}}}}
        ]}"#,
    );
    let bodies: Vec<_> = common::requests(&loaded.collection.items).iter().map(|r| r.request.body.clone()).collect();
    assert_eq!(
        bodies,
        [
            Some(Body::Raw { text: "<a/>".into(), language: None }),
            Some(Body::Raw { text: "bytes".into(), language: None }),
            Some(Body::Raw { text: "<b/>".into(), language: Some("xml".into()) }),
        ]
    );
    assert_eq!(
        diagnostics(&loaded),
        [
            ("/item/0/request/body/mode", "unknown body mode `xml`; read as raw text"),
            ("/item/1/request/body/mode", "unknown body mode `binary`; read as raw text"),
            ("/item/2/request/body", "body has no `mode`; read as `raw` from its `raw` member"),
        ]
    );
}

#[test]
fn items_without_a_request_or_with_both_shapes_are_reported() {
    let loaded = parse_ok(
        r#"{"item": [
            {"name": "ghost"},
            {"name": "both", "request": "https://x.example", "item": [{"name": "child", "request": "https://y.example"}]}
        ]}"#,
    );
    let ghost = request_at(&loaded.collection.items, 0);
    assert_eq!((ghost.request.method.as_str(), ghost.request.url.raw.as_str()), ("GET", ""));
    assert_eq!(names(&folder_at(&loaded.collection.items, 1).items), ["child"]);
    assert_eq!(
        diagnostics(&loaded),
        [
            ("/item/0", "item has neither `request` nor `item`; read as a GET request with no URL"),
            ("/item/1", "item has both `item` and `request`; read as a folder, its `request` was ignored"),
        ]
    );
}

#[test]
fn a_header_object_is_read_as_pairs_with_a_warning() {
    let loaded = parse_ok(
        r#"{"item": [{"name": "h", "request": {"url": "https://x", "header": {"Accept": "text/xml", "X-N": 2}}}]}"#,
    );
    let headers = &request_at(&loaded.collection.items, 0).request.headers;
    assert_eq!(
        headers.iter().map(|h| (h.key.as_str(), h.value.as_str())).collect::<Vec<_>>(),
        [("Accept", "text/xml"), ("X-N", "2")]
    );
    assert_eq!(
        diagnostics(&loaded),
        [("/item/0/request/header", "header list is an object; its members were read as key/value pairs")]
    );
}

#[test]
fn hostile_nesting_fails_cleanly_instead_of_overflowing() {
    let text = "[".repeat(100_000);
    match parse(&text) {
        Err(LoadError::Json { line: 1, message, .. }) => assert_eq!(message, "recursion limit exceeded"),
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn folders_nested_past_the_depth_limit_are_cut_with_a_warning() {
    let levels = 40;
    let mut json = String::from(r#"{"name": "leaf", "request": "https://x.example"}"#);
    for level in (0..levels).rev() {
        json = format!(r#"{{"name": "L{level}", "item": [{json}]}}"#);
    }
    let loaded = parse_ok(&format!(r#"{{"item": [{json}]}}"#));
    let mut depth = 0;
    let mut items = loaded.collection.items.as_slice();
    while let Some(Item::Folder(folder)) = items.first() {
        depth += 1;
        items = &folder.items;
    }
    assert_eq!(depth, 32);
    assert!(items.is_empty());
    assert_eq!(
        diagnostics(&loaded),
        [("/item/0".repeat(32).as_str(), "folder nesting deeper than 32 levels; this folder's contents were skipped")]
    );
}
