//! v2.0 collections and the shapes real files use outside the schema: bare URL requests, `items`, URL objects
//! without `raw`, header strings and `{}`, auth parameters as objects, string examples.

mod common;

use common::{fixture, folder_at, names, parse_ok, request_at};
use tango_postman::{Body, Description, DescriptionFormat, KeyValue, SchemaVersion};

fn kv(items: &[KeyValue]) -> Vec<(&str, &str)> {
    items.iter().map(|k| (k.key.as_str(), k.value.as_str())).collect()
}

#[test]
fn info_with_object_version_and_id_variables() {
    let loaded = fixture("v20_shapes.json");
    assert_eq!(loaded.diagnostics, []);
    let info = &loaded.collection.info;
    assert_eq!(info.name, "Odd shapes");
    assert_eq!(info.schema, Some(SchemaVersion::V2_0));
    assert_eq!(info.postman_id.as_deref(), Some("legacy-id"));
    assert_eq!(info.version.as_deref(), Some("2.1.0-beta"));
    assert_eq!(
        info.description,
        Some(Description { content: "<p>HTML docs</p>".into(), format: DescriptionFormat::Html })
    );
    let vars: Vec<_> = loaded.collection.variables.iter().map(|v| (v.key.as_str(), v.value.as_str())).collect();
    assert_eq!(vars, [("base", "https://example.com"), ("obj", r#"{"a":[1]}"#)]);
}

#[test]
fn bare_string_request_is_a_parsed_get() {
    let loaded = fixture("v20_shapes.json");
    let bare = request_at(&loaded.collection.items, 0);
    assert_eq!(bare.pointer, "/item/0");
    assert_eq!(bare.request.method, "GET");
    let url = &bare.request.url;
    assert_eq!(url.raw, "http://user:pw@echo.example.com:9443/status/400/?query=string&a=b&abcd#{{search}}");
    assert_eq!(url.protocol.as_deref(), Some("http"));
    assert_eq!(url.host, ["echo", "example", "com"]);
    assert_eq!(url.port.as_deref(), Some("9443"));
    assert_eq!(url.path, ["status", "400", ""]);
    assert_eq!(kv(&url.query), [("query", "string"), ("a", "b"), ("abcd", "")]);
}

#[test]
fn items_key_folder_and_url_parts_without_raw() {
    let loaded = fixture("v20_shapes.json");
    let folder = folder_at(&loaded.collection.items, 1);
    assert_eq!(folder.pointer, "/item/1");
    assert_eq!(folder.description, None);
    assert_eq!(
        names(&folder.items),
        ["No method, parts only", "Null header, string GraphQL variables", "Oauth2 object"]
    );
    let parts = request_at(&folder.items, 0);
    assert_eq!(parts.pointer, "/item/1/items/0");
    let request = &parts.request;
    assert_eq!(request.method, "GET", "a missing method is GET");
    assert_eq!(request.url.protocol.as_deref(), Some("https"));
    assert_eq!(request.url.host, ["sub", "example", "com"]);
    assert_eq!(request.url.port.as_deref(), Some("8443"));
    assert_eq!(request.url.path, ["path", "to", "document"]);
    assert_eq!(kv(&request.url.query), [("", "v")]);
    assert_eq!(request.url.raw, "https://sub.example.com:8443/path/to/document?=v", "raw rebuilt from the parts");
    assert_eq!(request.headers, [], "`header: {{}}` is no headers");
    assert_eq!(request.body, None, "`body: {{}}` is no body");
    let auth = request.auth.as_ref().expect("basic auth");
    assert_eq!(auth.kind, "basic");
    assert_eq!(kv(&auth.params), [("username", "ann"), ("password", "secret"), ("showPassword", "false")]);
}

#[test]
fn example_with_string_original_request_and_header_string() {
    let loaded = fixture("v20_shapes.json");
    let parts = request_at(&folder_at(&loaded.collection.items, 1).items, 0);
    let [example] = parts.responses.as_slice() else { panic!("one example") };
    assert_eq!(example.pointer, "/item/1/items/0/response/0");
    assert_eq!(example.code, None);
    assert_eq!(example.body.as_deref(), Some(""), "an empty body is kept as empty");
    assert_eq!(kv(&example.headers), [("Content-Type", "application/json"), ("X-Id", "7")]);
    let original = example.original_request.as_ref().expect("original request");
    assert_eq!(original.method, "GET");
    assert_eq!(original.url.path, ["status", "200"]);
}

#[test]
fn null_header_graphql_string_variables_and_object_auth_params() {
    let loaded = fixture("v20_shapes.json");
    let folder = folder_at(&loaded.collection.items, 1);
    let graphql = &request_at(&folder.items, 1).request;
    assert_eq!(graphql.method, "POST");
    assert_eq!(graphql.headers, []);
    assert_eq!(graphql.url.host, ["api", "example", "com"], "parts parsed from `raw` alone");
    assert_eq!(graphql.url.path, ["graphql"]);
    assert_eq!(graphql.body, Some(Body::GraphQl { query: "{ a }".into(), variables: r#"{"x": 1}"#.into() }));

    let oauth = &request_at(&folder.items, 2).request;
    assert_eq!(oauth.url.path, ["v1", "items"], "path elements may be {{type, value}} objects");
    assert_eq!(oauth.url.raw, "api.example.com/v1/items");
    let auth = oauth.auth.as_ref().expect("oauth2");
    assert_eq!(
        (auth.kind.as_str(), kv(&auth.params)),
        ("oauth2", vec![("accessToken", "t"), ("scopes", r#"["read","write"]"#)])
    );
}

#[test]
fn dialect_comes_from_schema_url_or_shape() {
    let cases = [
        (
            r#"{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}}"#,
            SchemaVersion::V2_1,
        ),
        (
            r#"{"info": {"schema": "https://schema.getpostman.com/json/collection/v2/collection.json"}}"#,
            SchemaVersion::V2_0,
        ),
        (r#"{"info": {"_postman_schema": "https://schema.getpostman.com/#2.0.0"}}"#, SchemaVersion::V2_0),
        (r#"{"info": {"name": "no schema"}, "item": []}"#, SchemaVersion::V2_1),
        (r#"{"item": []}"#, SchemaVersion::V2_1),
        (r#"{"requests": []}"#, SchemaVersion::V1),
    ];
    for (json, expected) in cases {
        let loaded = parse_ok(json);
        assert_eq!(loaded.collection.info.schema, Some(expected), "{json}");
        assert_eq!(loaded.diagnostics, [], "{json}");
        assert!(loaded.collection.items.is_empty(), "{json}");
    }
}

#[test]
fn unrecognized_schema_url_is_read_by_shape_with_a_warning() {
    let loaded = parse_ok(r#"{"info": {"name": "x", "schema": "https://example.com/other.json"}, "item": []}"#);
    assert_eq!(loaded.collection.info.schema, Some(SchemaVersion::V2_1));
    assert_eq!(
        common::diagnostics(&loaded),
        [("/info/schema", "schema URL names no known collection version; read as v2.1 by its shape")]
    );
}

#[test]
fn auth_types_are_an_open_set() {
    let loaded = parse_ok(
        r#"{"item": [
            {"name": "a", "request": {"url": "https://x", "auth": {"type": "noauth"}}},
            {"name": "b", "request": {"url": "https://x", "auth": {"type": "edgegrid", "edgegrid": [
                {"key": "headersToSign", "value": ["a", "b"], "type": "any"}, {"key": "maxBodySize", "value": 131072}]}}}
        ]}"#,
    );
    assert_eq!(loaded.diagnostics, []);
    let auths: Vec<_> = common::requests(&loaded.collection.items)
        .iter()
        .map(|r| {
            r.request
                .auth
                .as_ref()
                .map(|a| (a.kind.clone(), kv(&a.params).iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>()))
        })
        .collect();
    assert_eq!(
        auths,
        [
            Some(("noauth".to_owned(), vec![])),
            Some((
                "edgegrid".to_owned(),
                vec![r#"headersToSign=["a","b"]"#.to_owned(), "maxBodySize=131072".to_owned()]
            )),
        ]
    );
}
