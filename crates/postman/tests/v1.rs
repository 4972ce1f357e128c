//! v1 collections: the folder tree rebuilt from ids, v1 body modes and examples, and broken id links.

mod common;

use common::{diagnostics, fixture, folder_at, names, parse_ok, request_at, requests};
use tango_postman::{Body, Description, DescriptionFormat, FormField, Item, KeyValue, SchemaVersion};

fn kv(items: &[KeyValue]) -> Vec<(&str, &str, bool)> {
    items.iter().map(|k| (k.key.as_str(), k.value.as_str(), k.disabled)).collect()
}

#[test]
fn tree_follows_folders_order_then_order() {
    let loaded = fixture("v1_tree.json");
    assert_eq!(loaded.diagnostics, []);
    let c = &loaded.collection;
    assert_eq!(c.info.schema, Some(SchemaVersion::V1));
    assert_eq!(c.info.name, "Legacy v1");
    assert_eq!(c.info.postman_id.as_deref(), Some("col-1"));
    assert_eq!(c.info.description.as_ref().map(|d| d.content.as_str()), Some("Old **format**"));
    assert_eq!(c.variables.len(), 1);
    assert_eq!((c.variables[0].key.as_str(), c.variables[0].value.as_str()), ("url", "https://legacy.example.com"));

    assert_eq!(names(&c.items), ["Folder A", "Folder B", "GraphQL", "No mode"]);
    let a = folder_at(&c.items, 0);
    assert_eq!((a.pointer.as_str(), names(&a.items)), ("/folders/1", vec!["Raw XML", "Urlencoded"]));
    assert_eq!(a.description.as_ref().map(|d| d.content.as_str()), Some("A docs"));
    let b = folder_at(&c.items, 1);
    assert_eq!(b.description, None, "an empty description is none");
    assert_eq!((b.pointer.as_str(), names(&b.items)), ("/folders/0", vec!["Nested B1", "Form params"]));
    let nested = folder_at(&b.items, 0);
    assert_eq!(nested.pointer, "/folders/2");
    assert_eq!(
        nested.description,
        Some(Description { content: "<p>nested</p>".into(), format: DescriptionFormat::Html })
    );
    assert_eq!(names(&nested.items), ["Binary"]);
    let pointers: Vec<_> = requests(&c.items).iter().map(|r| r.pointer.as_str()).collect();
    assert_eq!(pointers, ["/requests/0", "/requests/1", "/requests/3", "/requests/2", "/requests/4", "/requests/5"]);
}

#[test]
fn raw_request_with_header_string_path_variables_and_examples() {
    let loaded = fixture("v1_tree.json");
    let raw = request_at(&folder_at(&loaded.collection.items, 0).items, 0);
    let request = &raw.request;
    assert_eq!(request.method, "POST");
    assert_eq!(request.url.host, ["{{url}}"]);
    assert_eq!(request.url.path, ["v6", "things", ":thing"]);
    assert_eq!(kv(&request.url.query), [("x", "1", false)]);
    assert_eq!(kv(&request.url.variables), [("thing", "7", false)]);
    assert_eq!(kv(&request.headers), [("Content-Type", "application/xml", false), ("X-Off", "1", true)]);
    assert_eq!(request.body, Some(Body::Raw { text: "<a/>".into(), language: Some("xml".into()) }));
    assert_eq!(raw.description.as_ref().map(|d| d.content.as_str()), Some("Sends XML"));

    let [ok, bad] = raw.responses.as_slice() else { panic!("two examples") };
    assert_eq!((ok.name.as_str(), ok.code, ok.status.as_deref()), ("OK", Some(200), Some("OK")));
    assert_eq!(ok.body.as_deref(), Some("<ok/>"));
    assert_eq!(ok.preview_language.as_deref(), Some("xml"));
    assert_eq!(kv(&ok.headers), [("Content-Type", "application/xml", false)]);
    assert_eq!(ok.pointer, "/requests/0/responses/0");
    assert_eq!(ok.original_request.as_ref(), Some(request), "a request id resolves to that request");

    assert_eq!((bad.code, bad.status.as_deref(), bad.body.as_deref()), (Some(400), Some("Bad Request"), None));
    let original = bad.original_request.as_ref().expect("inline original request");
    assert_eq!(original.method, "POST");
    assert_eq!(original.url.path, ["v6", "things", "0"]);
    assert_eq!(original.body, Some(Body::Raw { text: "<bad/>".into(), language: None }));
}

#[test]
fn urlencoded_params_binary_graphql_and_no_mode_bodies() {
    let loaded = fixture("v1_tree.json");
    let items = &loaded.collection.items;
    let encoded = &request_at(&folder_at(items, 0).items, 1).request;
    assert_eq!(
        encoded.body,
        Some(Body::UrlEncoded(vec![
            KeyValue { key: "a".into(), value: "1".into(), ..KeyValue::default() },
            KeyValue { key: "b".into(), value: "2".into(), disabled: true, ..KeyValue::default() },
        ]))
    );
    assert_eq!(kv(&encoded.url.query), [("q", "v", false)]);
    assert_eq!(encoded.url.query[0].description.as_ref().map(|d| d.content.as_str()), Some("query docs"));

    let form = &request_at(&folder_at(items, 1).items, 1).request;
    assert_eq!(
        form.body,
        Some(Body::FormData(vec![
            FormField { key: "f".into(), value: "x".into(), ..FormField::default() },
            FormField { key: "upload".into(), value: "report.pdf".into(), is_file: true, ..FormField::default() },
        ]))
    );
    let auth = form.auth.as_ref().expect("helper auth");
    assert_eq!(auth.kind, "basic");
    assert_eq!(kv(&auth.params), [("username", "u", false), ("password", "p", false)]);

    let binary = &request_at(&folder_at(&folder_at(items, 1).items, 0).items, 0).request;
    assert_eq!((binary.method.as_str(), &binary.body), ("PUT", &Some(Body::File { src: None })));

    let graphql = &request_at(items, 2).request;
    assert_eq!(graphql.method, "GET");
    assert_eq!(graphql.body, Some(Body::GraphQl { query: "{ me }".into(), variables: "{}".into() }));
    assert_eq!(kv(&graphql.url.variables), [("id", "3", false)]);
    assert_eq!(graphql.url.variables[0].description.as_ref().map(|d| d.content.as_str()), Some("the id"));

    assert_eq!(request_at(items, 3).request.body, None);
}

#[test]
fn dangling_ids_orphans_and_cycles_are_reported_and_terminate() {
    let loaded = fixture("v1_broken.json");
    let items = &loaded.collection.items;
    assert_eq!(names(items), ["Self", "Listed", "Loop start", "Orphan"]);
    assert!(folder_at(items, 0).items.is_empty());
    let start = folder_at(items, 2);
    assert_eq!(names(&start.items), ["Loop end", "In loop"]);
    assert!(folder_at(&start.items, 0).items.is_empty());
    assert_eq!(request_at(items, 1).responses[0].original_request, None);
    assert_eq!(
        diagnostics(&loaded),
        [
            ("/requests/3", "request is a number, expected an object; skipped"),
            (
                "/requests/0/responses/0/request",
                "example names request id `nope`, which is not in `requests`; no original request kept"
            ),
            ("/folders_order/1", "folder id `ghost` is not defined in `folders`; skipped"),
            (
                "/folders/2/folders_order/0",
                "folder id `f-3` is already placed (a cycle, or listed twice); skipped here"
            ),
            ("/order/1", "request id `missing-req` is not defined in `requests`; skipped"),
            ("/order/2", "request id `r-1` is already placed (a cycle, or listed twice); skipped here"),
            (
                "/folders/0",
                "folder `Loop start` is not reachable from a top-level folder (a cycle in `folders_order`, or nested \
                 deeper than 32 levels); placed at the top level"
            ),
            (
                "/folders/1/folders_order/0",
                "folder id `f-1` is already placed (a cycle, or listed twice); skipped here"
            ),
            ("/folders/1/folders_order/1", "folder id `ghost-folder` is not defined in `folders`; skipped"),
            ("/requests/2", "request `Orphan` is not listed in any `order`; appended at the top level"),
        ]
    );
}

#[test]
fn folder_chains_deeper_than_the_limit_continue_at_the_top_level() {
    let count = 40;
    let folders: Vec<String> = (0..count)
        .map(|i| {
            let child = if i + 1 < count { format!(r#""f{}""#, i + 1) } else { String::new() };
            format!(r#"{{"id": "f{i}", "name": "F{i}", "order": [], "folders_order": [{child}]}}"#)
        })
        .collect();
    let json = format!(r#"{{"name": "deep", "requests": [], "folders": [{}]}}"#, folders.join(","));
    let loaded = parse_ok(&json);
    let depth = |mut items: &[Item]| {
        let mut levels = 0;
        while let Some(Item::Folder(f)) = items.first() {
            levels += 1;
            items = &f.items;
        }
        levels
    };
    assert_eq!(names(&loaded.collection.items), ["F0", "F32"]);
    assert_eq!(depth(&loaded.collection.items), 32);
    assert_eq!(depth(&loaded.collection.items[1..]), 8);
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].pointer, "/folders/32");
}
