//! The API model built from our Tango-style fixture: where tokens go, how modules and names come out, what is
//! reported. These are the decisions the emitter relies on, checked directly.

use std::path::Path;

use tango_codegen::api::{self, Api, BodySpec, Module, Operation, ParamLocation, ResponseSpec, TokenPlacement};
use tango_codegen::infer::BodyFormat;
use tango_codegen::settings::{Settings, TokenKind};

fn load(name: &str) -> tango_postman::Collection {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    tango_postman::load_collection(&path).expect("fixture loads").collection
}

fn tango() -> Api {
    api::build(&load("tango-v6.postman_collection.json"), &[], &Settings::default())
}

fn module<'a>(api: &'a Api, path: &[&str]) -> &'a Module {
    let mut current = &api.root;
    for ident in path {
        current = current.children.iter().find(|m| m.ident == *ident).unwrap_or_else(|| panic!("module {ident}"));
    }
    current
}

fn operation<'a>(api: &'a Api, path: &[&str], ident: &str) -> &'a Operation {
    module(api, path).operations.iter().find(|o| o.ident == ident).unwrap_or_else(|| panic!("operation {ident}"))
}

#[test]
fn folders_become_modules_with_identifiers_and_the_docs_only_folder_stays() {
    let api = tango();
    let top: Vec<&str> = api.root.children.iter().map(|m| m.ident.as_str()).collect();
    assert_eq!(top, ["distributors", "resellers", "groups", "subscribers", "endpoints", "callbacks", "release_notes"]);
    let nested: Vec<&str> = module(&api, &["subscribers"]).children.iter().map(|m| m.ident.as_str()).collect();
    assert_eq!(nested, ["sims", "day_passes"]);
    assert_eq!(module(&api, &["endpoints", "recording"]).name, "RECORDING");
    let notes = module(&api, &["release_notes"]);
    assert!(notes.operations.is_empty() && notes.children.is_empty());
    assert!(notes.description.is_some(), "the docs-only folder keeps its description");
}

#[test]
fn duplicate_and_emoji_names_get_stable_identifiers() {
    let api = tango();
    let subscribers = module(&api, &["subscribers"]);
    let gets: Vec<&str> =
        subscribers.operations.iter().filter(|o| o.name == "Get Subscriber").map(|o| o.ident.as_str()).collect();
    assert_eq!(gets, ["get_subscriber", "get_subscriber_2"]);
    assert_eq!(operation(&api, &["subscribers", "sims"], "sim_status_v2").name, "📶 SIM Status (v2)!");
}

#[test]
fn tokens_are_found_in_body_query_and_form_and_never_become_fields() {
    let api = tango();
    let create = operation(&api, &["subscribers"], "create_subscriber");
    let token = create.token.as_ref().expect("create_subscriber sends a token");
    assert_eq!((token.kind, &token.placement), (TokenKind::Reseller, &TokenPlacement::BodyField("token".into())));
    let Some(BodySpec::Typed(body)) = &create.body else { panic!("typed body") };
    assert_eq!((body.format, body.root_element.as_deref()), (BodyFormat::Xml, Some("createSubscriber")));

    let get_group = operation(&api, &["groups"], "get_group");
    let token = get_group.token.as_ref().expect("get_group sends a token");
    assert_eq!((token.kind, &token.placement), (TokenKind::Either, &TokenPlacement::Query("token".into())));
    let query: Vec<(&str, bool)> = get_group
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|p| (p.wire_name.as_str(), p.required))
        .collect();
    assert_eq!(query, [("groupId", true), ("includeSubscribers", false)], "the token is not a parameter");

    let list = operation(&api, &["groups"], "list_groups");
    assert_eq!(list.token.as_ref().map(|t| &t.placement), Some(&TokenPlacement::BodyField("token".into())));
    assert!(matches!(&list.body, Some(BodySpec::Typed(t)) if t.format == BodyFormat::Form));
}

#[test]
fn path_parameters_and_response_plans_follow_the_examples() {
    let api = tango();
    let by_id = operation(&api, &["subscribers"], "get_subscriber_2");
    assert_eq!(by_id.path_template, "/provisioning/subscribers/:subscriberId");
    assert_eq!(
        by_id.params.iter().map(|p| (p.location, p.wire_name.as_str())).collect::<Vec<_>>(),
        [(ParamLocation::Path, "subscriberId")]
    );
    assert!(matches!(by_id.success, ResponseSpec::Typed(_)));
    // The 4xx examples of every operation share one `<error>` shape: one type for the crate.
    let error_roots: Vec<&str> = api.error_types.iter().map(|d| d.name.as_str()).collect();
    assert!(error_roots.contains(&"ErrorBody"), "{error_roots:?}");
    let create = operation(&api, &["subscribers"], "create_subscriber");
    assert!(matches!(&create.error, ResponseSpec::Typed(t) if t.root_element.as_deref() == Some("error")));
    let update = operation(&api, &["distributors"], "update_distributor");
    assert_eq!(update.success, ResponseSpec::Empty, "its 2xx examples have empty bodies");
}

#[test]
fn callbacks_are_webhooks_with_payload_types_and_bearer_keys() {
    let api = tango();
    let callbacks = module(&api, &["callbacks"]);
    assert!(callbacks.operations.is_empty(), "webhooks are not calls");
    let hooks: Vec<(&str, Option<&str>)> =
        callbacks.webhooks.iter().map(|w| (w.ident.as_str(), w.bearer_variable.as_deref())).collect();
    assert_eq!(hooks, [("sim_status", Some("callbackkey")), ("day_pass_order", Some("callbackkey"))]);
    assert!(callbacks.webhooks.iter().all(|w| w.payload.as_ref().is_some_and(|p| p.format == BodyFormat::Json)));
}

#[test]
fn prose_and_example_disagreements_are_reported_with_pointers() {
    let api = tango();
    let missing = api
        .diagnostics
        .iter()
        .find(|d| d.message.contains("mandatory field `reason` has no example"))
        .expect("Delete Subscriber lists `reason`, which no example has");
    assert!(missing.pointer.starts_with("/item/3/item/"), "{}", missing.pointer);
}

#[test]
fn the_published_metadata_generates_docs_and_environments_and_says_what_it_lacks() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../collection/tango-provisioning-v6.published.json");
    let collection = tango_postman::load_collection(&path).expect("seed loads").collection;
    let api = api::build(&collection, &[], &Settings::default());
    assert!(api.root.children.is_empty());
    assert_eq!(api.environments.len(), 1);
    assert_eq!(api.environments[0].ident, "API_SANDBOX");
    assert_eq!(api.environments[0].base_url, "https://api-dev.tango-networks.com:8443");
    let warning = api.diagnostics.iter().find(|d| d.message.contains("holds no requests")).expect("warned");
    assert!(
        warning.message.contains(
            "https://api-postman.tango-networks.com/api/collections/5460831/2s93kz5QQr?segregateAuth=true&versionTag=latest"
        ),
        "{}",
        warning.message
    );
}

#[test]
fn token_values_from_environments_never_reach_generated_files() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../collection/tango-provisioning-v6.published.json");
    let collection = tango_postman::load_collection(&path).expect("seed loads").collection;
    let settings_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../collection/codegen.toml");
    let settings = Settings::load(&settings_path).expect("settings load");
    let options = tango_codegen::CrateOptions {
        crate_name: "tango-api".into(),
        runtime: tango_codegen::RuntimeDependency::Workspace,
        source: "collection/tango-provisioning-v6.published.json".into(),
        source_sha256: String::new(),
    };
    let generated = tango_codegen::generate(&collection, &[], &settings, &options).expect("generates");
    let secrets: Vec<&str> = collection
        .environments
        .iter()
        .flat_map(|e| &e.values)
        .filter(|v| v.key.contains("token"))
        .map(|v| v.value.as_str())
        .collect();
    assert_eq!(secrets.len(), 3, "the seed's environment carries three token values");
    for file in &generated.files {
        for secret in &secrets {
            assert!(!file.contents.contains(secret), "{} contains a token value", file.path);
        }
        // The two values the documenter pasted into the description are replaced by the settings.
        assert!(!file.contents.contains("c1c882b8fbbffe3893daad42583e2a7d"), "{}", file.path);
        assert!(!file.contents.contains("a185fafb7cffcad83a763422b5c57e0f"), "{}", file.path);
    }
}

#[test]
fn names_with_digits_and_status_words_become_clean_snake_case() {
    let text = r#"{
        "info": {"name": "n", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "Todos", "request": {"method": "GET", "url": "{{url}}/todos"},
                  "response": [{"name": "200 OK", "code": 200, "body": "{\"1\": 5, \"id\": 1}"},
                               {"name": "200 OK", "code": 200, "body": "{\"id\": 2}"}]}]
    }"#;
    let collection = tango_postman::parse_collection(text, Path::new("inline.json")).expect("loads").collection;
    let api = api::build(&collection, &[], &Settings::default());
    let op = &api.root.children[0].operations[0];
    let tests: Vec<&str> = op.examples.iter().map(|e| e.ident.as_str()).collect();
    assert_eq!(tests, ["todos_200_200_ok", "todos_200_200_ok_2"]);
    let options = tango_codegen::CrateOptions {
        crate_name: "n".into(),
        runtime: tango_codegen::RuntimeDependency::Workspace,
        source: "inline.json".into(),
        source_sha256: String::new(),
    };
    let generated = tango_codegen::generate(&collection, &[], &Settings::default(), &options).expect("generates");
    let general = generated.files.iter().find(|f| f.path == "src/general.rs").expect("module file");
    assert!(general.contents.contains("pub fn with_1("), "a field named `1` gets the setter `with_1`");
    assert!(!general.contents.contains("with__"), "no double underscores");
}
