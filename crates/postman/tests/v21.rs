//! v2.1 collections: folders, requests, URLs, headers, every body mode, auth lists, variables and examples.

mod common;

use common::{fixture, folder_at, names, request_at};
use tango_postman::{Body, Description, DescriptionFormat, FormField, KeyValue, SchemaVersion};

fn kv(items: &[KeyValue]) -> Vec<(&str, &str, bool)> {
    items.iter().map(|k| (k.key.as_str(), k.value.as_str(), k.disabled)).collect()
}

fn markdown(content: &str) -> Option<Description> {
    Some(Description { content: content.to_owned(), format: DescriptionFormat::Markdown })
}

#[test]
fn collection_info_variables_and_auth() {
    let loaded = fixture("v21_collection.json");
    assert_eq!(loaded.diagnostics, []);
    let c = &loaded.collection;
    assert_eq!(c.info.name, "Provisioning sample");
    assert_eq!(c.info.description, markdown("Sample **markdown** description."));
    assert_eq!(c.info.schema, Some(SchemaVersion::V2_1));
    assert_eq!(c.info.postman_id.as_deref(), Some("0b6c1e2a-0000-4000-8000-000000000001"));
    assert_eq!(c.info.published, None);
    let vars: Vec<_> = c.variables.iter().map(|v| (v.key.as_str(), v.value.as_str(), v.disabled)).collect();
    assert_eq!(vars, [("url", "https://api-dev.example.com:8443", false), ("retries", "3", false), ("old", "x", true)]);
    let auth = c.auth.as_ref().expect("collection auth");
    assert_eq!(auth.kind, "apikey");
    assert_eq!(kv(&auth.params), [("key", "X-Api-Key", false), ("in", "header", false)]);
    assert!(c.environments.is_empty());
    assert_eq!(
        names(&c.items),
        [
            "Subscribers 🚀 ",
            "Release Notes",
            "Upload",
            "Encoded",
            "Binary",
            "GraphQL object vars",
            "GraphQL null vars",
            "Empty formdata"
        ]
    );
}

#[test]
fn folder_keeps_name_docs_auth_variables_and_pointer() {
    let loaded = fixture("v21_collection.json");
    let folder = folder_at(&loaded.collection.items, 0);
    assert_eq!(folder.name, "Subscribers 🚀 ");
    assert_eq!(folder.pointer, "/item/0");
    assert_eq!(
        folder.description,
        Some(Description { content: "Plain folder docs".into(), format: DescriptionFormat::Plain })
    );
    let auth = folder.auth.as_ref().expect("folder auth");
    assert_eq!((auth.kind.as_str(), kv(&auth.params)), ("bearer", vec![("token", "{{resellertoken}}", false)]));
    assert_eq!(folder.variables.len(), 1);
    assert_eq!((folder.variables[0].key.as_str(), folder.variables[0].value.as_str()), ("folderVar", "f"));
    assert_eq!(names(&folder.items), ["Create subscriber", "Get subscriber"]);

    let notes = folder_at(&loaded.collection.items, 1);
    assert!(notes.items.is_empty());
    assert_eq!(notes.description, markdown("Docs only."));
    assert_eq!(notes.pointer, "/item/1");
}

#[test]
fn request_with_url_object_headers_and_raw_body() {
    let loaded = fixture("v21_collection.json");
    let create = request_at(&folder_at(&loaded.collection.items, 0).items, 0);
    assert_eq!(create.pointer, "/item/0/item/0");
    let request = &create.request;
    assert_eq!(request.method, "POST");
    assert_eq!(
        kv(&request.headers),
        [
            ("Content-Type", "application/xml", false),
            ("X-Count", "42", false),
            ("X-Debug", "true", true),
            ("X-Empty", "", false)
        ]
    );
    assert_eq!(
        request.headers[0].description,
        Some(Description { content: "<b>xml</b>".into(), format: DescriptionFormat::Html })
    );
    assert_eq!(
        request.body,
        Some(Body::Raw { text: "<Subscriber><Name>{{name}}</Name></Subscriber>".into(), language: Some("xml".into()) })
    );
    let url = &request.url;
    assert_eq!(url.raw, "{{url}}/v6/subscribers/:id?verbose=true&dry");
    assert_eq!(url.protocol, None);
    assert_eq!(url.host, ["{{url}}"]);
    assert_eq!(url.path, ["v6", "subscribers", ":id"]);
    assert_eq!(kv(&url.query), [("verbose", "true", false), ("dry", "", true)]);
    assert_eq!(url.query[1].description, markdown("Only validate"));
    assert_eq!(kv(&url.variables), [("id", "123", false)]);
    assert_eq!(url.variables[0].description, markdown("Subscriber id"));
    assert_eq!(create.description, markdown("Creates a subscriber.\n\nMandatory fields: Name"));
    assert_eq!(request.description, create.description);
}

#[test]
fn saved_responses_keep_code_headers_body_language_and_original_request() {
    let loaded = fixture("v21_collection.json");
    let create = request_at(&folder_at(&loaded.collection.items, 0).items, 0);
    let [created, bare] = create.responses.as_slice() else { panic!("two examples expected: {:?}", create.responses) };
    assert_eq!(created.name, "Created");
    assert_eq!(created.code, Some(201));
    assert_eq!(created.status.as_deref(), Some("Created"));
    assert_eq!(created.preview_language.as_deref(), Some("xml"));
    assert_eq!(kv(&created.headers), [("Content-Type", "application/xml", false)]);
    assert_eq!(created.body.as_deref(), Some("<Result><Id>7</Id></Result>"));
    assert_eq!(created.pointer, "/item/0/item/0/response/0");
    let original = created.original_request.as_ref().expect("original request");
    assert_eq!(original.method, "POST");
    assert_eq!(original.url.path, ["v6", "subscribers", "7"]);
    assert_eq!(
        original.body,
        Some(Body::Raw { text: "<Subscriber><Name>Ann</Name></Subscriber>".into(), language: None })
    );

    assert_eq!(bare.name, "No code, null body");
    assert_eq!((bare.code, bare.body.as_deref(), bare.headers.len()), (None, None, 0));
    assert_eq!(bare.original_request, None);
    assert_eq!(bare.pointer, "/item/0/item/0/response/1");
}

#[test]
fn string_url_header_string_and_item_description() {
    let loaded = fixture("v21_collection.json");
    let get = request_at(&folder_at(&loaded.collection.items, 0).items, 1);
    assert_eq!(get.request.method, "GET", "method is upper-cased");
    let url = &get.request.url;
    assert_eq!(url.raw, "{{url}}/v6/subscribers/:id?expand=true");
    assert_eq!(url.host, ["{{url}}"]);
    assert_eq!(url.path, ["v6", "subscribers", ":id"]);
    assert_eq!(kv(&url.query), [("expand", "true", false)]);
    assert_eq!(
        kv(&get.request.headers),
        [("Accept", "application/xml", false), ("X-Trace", "1", true), ("X-Bare", "", false)]
    );
    assert_eq!(get.request.description, None);
    assert_eq!(get.description, markdown("Item-level docs"), "item description used when the request has none");
}

#[test]
fn form_urlencoded_file_and_graphql_bodies() {
    let loaded = fixture("v21_collection.json");
    let items = &loaded.collection.items;
    let Some(Body::FormData(fields)) = &request_at(items, 2).request.body else { panic!("formdata body") };
    assert_eq!(
        fields,
        &[
            FormField { key: "title".into(), value: "Report".into(), ..FormField::default() },
            FormField {
                key: "file".into(),
                value: "/tmp/report.pdf".into(),
                is_file: true,
                description: markdown("The document"),
                disabled: false
            },
            FormField { key: "draft".into(), value: "1".into(), disabled: true, ..FormField::default() },
        ]
    );
    let Some(Body::UrlEncoded(pairs)) = &request_at(items, 3).request.body else { panic!("urlencoded body") };
    assert_eq!(kv(pairs), [("count", "3", false), ("flag", "false", false)]);
    assert_eq!(request_at(items, 4).request.body, Some(Body::File { src: Some("data.bin".into()) }));
    assert_eq!(
        request_at(items, 5).request.body,
        Some(Body::GraphQl { query: "query { me { id } }".into(), variables: r#"{"first":2}"#.into() })
    );
    assert_eq!(
        request_at(items, 6).request.body,
        Some(Body::GraphQl { query: "{ ping }".into(), variables: String::new() })
    );
    assert_eq!(request_at(items, 7).request.body, Some(Body::FormData(Vec::new())));
    assert_eq!(request_at(items, 7).request.url.host, ["api", "example", "com"]);
    assert_eq!(request_at(items, 7).request.url.protocol.as_deref(), Some("https"));
}
