//! Mutation suite for the API diff: each edit a vendor might make to a collection is applied to the Tango-style
//! fixture, and the diff between the fixture and the edited copy must find it and classify it right. Edits that
//! do not change the API (reordering, reformatting, rewording) must not be reported as breaking.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Value, json};
use tango_codegen::Settings;
use tango_codegen::api::{self, Api};
use tango_codegen::diff::{self, ChangeKind, Report};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tango-v6.postman_collection.json");

fn fixture_text() -> String {
    std::fs::read_to_string(FIXTURE).expect("fixture is readable")
}

fn fixture() -> Value {
    serde_json::from_str(&fixture_text()).expect("fixture is JSON")
}

fn build_text(text: &str) -> Api {
    let loaded = tango_postman::parse_collection(text, Path::new("mutated.postman_collection.json")).expect("loads");
    api::build(&loaded.collection, &[], &Settings::default())
}

fn build(value: &Value) -> Api {
    build_text(&serde_json::to_string(value).expect("serializes"))
}

/// The fixture's model, built once for every test of this file.
fn base() -> &'static Api {
    static BASE: std::sync::OnceLock<Api> = std::sync::OnceLock::new();
    BASE.get_or_init(|| build_text(&fixture_text()))
}

fn diff_after(edit: impl FnOnce(&mut Value)) -> Report {
    let mut edited = fixture();
    edit(&mut edited);
    diff::diff(base(), &build(&edited))
}

/// The children of a folder (or of the collection).
fn items(node: &mut Value) -> &mut Vec<Value> {
    node.get_mut("item").and_then(Value::as_array_mut).expect("has items")
}

/// The item at a path of names from the collection root; `Name#2` is the second item of that name.
fn at<'a>(root: &'a mut Value, path: &[&str]) -> &'a mut Value {
    let mut node = root;
    for step in path {
        let (name, nth) = match step.split_once('#') {
            Some((name, n)) => (name, n.parse::<usize>().expect("index") - 1),
            None => (*step, 0),
        };
        node = items(node)
            .iter_mut()
            .filter(|i| i["name"] == name)
            .nth(nth)
            .unwrap_or_else(|| panic!("no item {step} in {path:?}"));
    }
    node
}

/// The request and every saved example's `originalRequest`.
fn each_request(item: &mut Value, mut f: impl FnMut(&mut Value)) {
    f(&mut item["request"]);
    if let Some(responses) = item.get_mut("response").and_then(Value::as_array_mut) {
        for response in responses {
            if let Some(original) = response.get_mut("originalRequest") {
                f(original);
            }
        }
    }
}

fn replace_string(value: &mut Value, from: &str, to: &str) {
    if let Some(text) = value.as_str() {
        *value = Value::String(text.replace(from, to));
    }
}

/// Replaces text in the raw request bodies (request and originals).
fn edit_request_bodies(item: &mut Value, from: &str, to: &str) {
    each_request(item, |request| replace_string(&mut request["body"]["raw"], from, to));
}

/// Replaces text in saved response bodies with the given status.
fn edit_responses(item: &mut Value, code: u64, from: &str, to: &str) {
    for response in item["response"].as_array_mut().expect("responses") {
        if response["code"] == code {
            replace_string(&mut response["body"], from, to);
        }
    }
}

fn edit_description(item: &mut Value, from: &str, to: &str) {
    let description = &mut item["request"]["description"];
    assert!(description.as_str().expect("description").contains(from), "description lacks {from:?}");
    replace_string(description, from, to);
}

fn query_mut(request: &mut Value) -> &mut Vec<Value> {
    request["url"]["query"].as_array_mut().expect("query")
}

/// One mutation: what it does to the fixture and what the diff must say.
struct Mutation {
    name: &'static str,
    edit: fn(&mut Value),
    /// Exactly the (kind, breaking) pairs the report holds.
    expect: &'static [(ChangeKind, bool)],
    /// Text a change's detail must contain.
    mentions: &'static str,
}

use ChangeKind::*;

const MUTATIONS: &[Mutation] = &[
    Mutation {
        name: "operation added",
        edit: |c| {
            let folder = at(c, &["DISTRIBUTORS"]);
            let mut copy = items(folder)[0].clone();
            copy["name"] = json!("Get Distributor Stats");
            each_request(&mut copy, |r| {
                r["url"]["path"] = json!(["provisioning", "distributor", "stats"]);
                r["url"]["raw"] = json!("{{url}}/provisioning/distributor/stats");
            });
            items(folder).push(copy);
        },
        expect: &[(OperationAdded, false)],
        mentions: "distributors::get_distributor_stats",
    },
    Mutation {
        name: "operation removed",
        edit: |c| items(at(c, &["RESELLERS"])).retain(|i| i["name"] != "Delete Reseller"),
        expect: &[(OperationRemoved, true)],
        mentions: "resellers::delete_reseller",
    },
    Mutation {
        name: "operation renamed (same method and URL)",
        edit: |c| at(c, &["RESELLERS", "Delete Reseller"])["name"] = json!("Remove Reseller"),
        expect: &[(OperationRenamed, true), (TypeRenamed, true)],
        mentions: "`resellers::delete_reseller` is now `resellers::remove_reseller`",
    },
    Mutation {
        name: "renamed in the collection only (same function name)",
        edit: |c| at(c, &["DISTRIBUTORS", "Get Distributor"])["name"] = json!("get distributor"),
        expect: &[(OperationRenamed, false)],
        mentions: "the function keeps its name `distributors::get_distributor`",
    },
    Mutation {
        name: "operation moved to another folder",
        edit: |c| {
            let moved = at(c, &["RESELLERS", "Delete Reseller"]).clone();
            items(at(c, &["RESELLERS"])).retain(|i| i["name"] != "Delete Reseller");
            items(at(c, &["DISTRIBUTORS"])).push(moved);
        },
        expect: &[(OperationRenamed, true)],
        mentions: "`resellers::delete_reseller` is now `distributors::delete_reseller`",
    },
    Mutation {
        name: "method changed",
        edit: |c| each_request(at(c, &["RESELLERS", "Update Reseller"]), |r| r["method"] = json!("PATCH")),
        expect: &[(MethodChanged, true)],
        mentions: "PUT -> PATCH",
    },
    Mutation {
        name: "URL changed",
        edit: |c| {
            each_request(at(c, &["GROUPS", "Delete Group"]), |r| {
                r["url"]["path"] = json!(["provisioning", "groups", "delete"]);
            })
        },
        expect: &[(PathChanged, true)],
        mentions: "`/provisioning/groups` -> `/provisioning/groups/delete`",
    },
    Mutation {
        name: "path parameter renamed",
        edit: |c| {
            each_request(at(c, &["SUBSCRIBERS", "Get Subscriber#2"]), |r| {
                r["url"]["path"] = json!(["provisioning", "subscribers", ":id"]);
                if let Some(vars) = r["url"]["variable"].as_array_mut() {
                    for v in vars {
                        v["key"] = json!("id");
                    }
                }
            })
        },
        expect: &[(PathChanged, true), (ParameterRemoved, true), (ParameterAdded, true)],
        mentions: "new mandatory path parameter `id`",
    },
    Mutation {
        name: "optional request field added",
        edit: |c| {
            edit_request_bodies(at(c, &["GROUPS", "Delete Group"]), "</force>", "</force>\n    <notify>true</notify>")
        },
        expect: &[(FieldAdded, false), (ExampleChanged, false)],
        mentions: "new optional request field `notify`",
    },
    Mutation {
        name: "mandatory request field added",
        edit: |c| {
            let item = at(c, &["GROUPS", "Delete Group"]);
            edit_request_bodies(item, "</force>", "</force>\n    <reason>cleanup</reason>");
            edit_description(item, "- groupId\n", "- groupId\n- reason\n");
        },
        expect: &[(FieldAdded, true), (DescriptionChanged, false), (ExampleChanged, false)],
        mentions: "new mandatory request field `reason`",
    },
    Mutation {
        name: "request field removed",
        edit: |c| edit_request_bodies(at(c, &["GROUPS", "Delete Group"]), "\n    <force>false</force>", ""),
        expect: &[(FieldRemoved, true), (ExampleChanged, false)],
        mentions: "request field `force` (`DeleteGroupRequest::force`) was removed",
    },
    Mutation {
        name: "request field optional -> mandatory",
        edit: |c| {
            edit_description(
                at(c, &["SUBSCRIBERS", "Create Subscriber"]),
                "| homeLocation |",
                "| email | Used for service notifications |\n| homeLocation |",
            )
        },
        // The minimal example has no email: it no longer fits the type, so it is no longer a round-trip test.
        expect: &[(FieldMadeMandatory, true), (DescriptionChanged, false), (ExampleChanged, false)],
        mentions: "request field `subscriber.email` (`Subscriber::email`) became mandatory",
    },
    Mutation {
        name: "request field mandatory -> optional",
        edit: |c| {
            edit_description(
                at(c, &["SUBSCRIBERS", "Create Subscriber"]),
                "| homeLocation | 3 character ISO-3166 country code, e.g. `USA` |\n",
                "",
            )
        },
        expect: &[(FieldMadeOptional, true), (DescriptionChanged, false)],
        mentions: "request field `subscriber.homeLocation` (`Subscriber::home_location`) became optional",
    },
    Mutation {
        name: "request field type changed",
        edit: |c| {
            edit_request_bodies(
                at(c, &["SUBSCRIBERS", "SIMS", "Activate SIM"]),
                "\"subscriberId\": 30001",
                "\"subscriberId\": \"S-30001\"",
            )
        },
        expect: &[(FieldTypeChanged, true), (ExampleChanged, false)],
        mentions: "`subscriberId` changed from `i64` to `String`",
    },
    Mutation {
        name: "constructor arguments reordered",
        edit: |c| {
            edit_request_bodies(
                at(c, &["SUBSCRIBERS", "Create Subscriber"]),
                "<firstName>Jane</firstName>\n        <lastName>Doe</lastName>",
                "<lastName>Doe</lastName>\n        <firstName>Jane</firstName>",
            );
            edit_request_bodies(
                at(c, &["SUBSCRIBERS", "Create Subscriber"]),
                "<firstName>Luc</firstName>\n        <lastName>Martin</lastName>",
                "<lastName>Martin</lastName>\n        <firstName>Luc</firstName>",
            );
        },
        expect: &[(ConstructorChanged, true), (ExampleChanged, false)],
        mentions: "(groupId, firstName, lastName, homeLocation) -> (groupId, lastName, firstName, homeLocation)",
    },
    Mutation {
        name: "response field added",
        edit: |c| {
            edit_responses(
                at(c, &["DISTRIBUTORS", "Get Distributor"]),
                200,
                "</status>",
                "</status>\n    <region>EMEA</region>",
            )
        },
        expect: &[(FieldAdded, false), (ExampleChanged, false)],
        // One success example: a field seen once is optional.
        mentions: "new optional response field `region`",
    },
    Mutation {
        name: "response field removed",
        edit: |c| edit_responses(at(c, &["DISTRIBUTORS", "Get Distributor"]), 200, "\n    <status>active</status>", ""),
        expect: &[(FieldRemoved, true), (ExampleChanged, false)],
        mentions: "response field `status`",
    },
    Mutation {
        name: "response field mandatory -> optional",
        edit: |c| {
            let item = at(c, &["SUBSCRIBERS", "Get Subscriber"]);
            let second = &mut item["response"][1]["body"];
            assert!(second.as_str().expect("body").contains("<status>pending</status>"));
            replace_string(second, "\n    <status>pending</status>", "");
        },
        expect: &[(FieldMadeOptional, true), (ExampleChanged, false)],
        mentions: "response field `status` (`GetSubscriberResponse::status`) may now be absent",
    },
    Mutation {
        name: "response field optional -> mandatory",
        edit: |c| {
            let item = at(c, &["SUBSCRIBERS", "Get Subscriber"]);
            let second = &mut item["response"][1]["body"];
            replace_string(second, "</lastName>", "</lastName>\n    <email>luc.martin@acme.example.com</email>");
        },
        expect: &[(FieldMadeMandatory, true), (ExampleChanged, false)],
        mentions: "`Option<String>` becomes `String`",
    },
    Mutation {
        name: "response field type changed",
        edit: |c| {
            edit_responses(
                at(c, &["DISTRIBUTORS", "Get Distributor"]),
                200,
                "<distributorId>10<",
                "<distributorId>D-10<",
            )
        },
        expect: &[(FieldTypeChanged, true), (ExampleChanged, false)],
        mentions: "response field `distributorId` changed from `i64` to `String`",
    },
    Mutation {
        name: "success body appears (no body -> typed)",
        edit: |c| {
            let example = &mut at(c, &["GROUPS", "Delete Group"])["response"][0];
            assert_eq!(example["body"], Value::Null);
            example["body"] = json!("<group>\n    <groupId>2001</groupId>\n</group>");
        },
        expect: &[(ResponseChanged, true), (ExampleChanged, false)],
        mentions: "success body type `()` -> `DeleteGroupResponse`",
    },
    Mutation {
        name: "request content type changed (JSON -> XML)",
        edit: |c| {
            each_request(at(c, &["SUBSCRIBERS", "DAY PASSES", "Cancel Day Pass"]), |r| {
                r["header"] = json!([{ "key": "Content-Type", "value": "application/xml" }]);
                r["body"] = json!({
                    "mode": "raw",
                    "raw": "<cancelDayPass>\n    <token>{{resellertoken}}</token>\n    <orderId>DP-2025-000451</orderId>\n</cancelDayPass>",
                    "options": { "raw": { "language": "xml" } }
                });
            })
        },
        expect: &[(ContentTypeChanged, true), (BodyChanged, true), (ExampleChanged, false)],
        mentions: "`application/json` -> `application/xml`",
    },
    Mutation {
        name: "request body becomes untyped text",
        edit: |c| {
            each_request(at(c, &["GROUPS", "Delete Group"]), |r| {
                r["header"] = json!([{ "key": "Content-Type", "value": "text/plain" }]);
                r["body"] = json!({ "mode": "raw", "raw": "delete group 2001" });
            })
        },
        expect: &[(BodyChanged, true), (AuthChanged, false), (ExampleChanged, false)],
        mentions: "to an untyped `text/plain` body",
    },
    Mutation {
        name: "token kind changed",
        edit: |c| {
            edit_request_bodies(at(c, &["RESELLERS", "Delete Reseller"]), "{{distributortoken}}", "{{resellertoken}}")
        },
        expect: &[(AuthChanged, true), (ExampleChanged, false)],
        mentions: "Distributor -> Reseller",
    },
    Mutation {
        name: "token widened to either",
        edit: |c| {
            each_request(at(c, &["SUBSCRIBERS", "DAY PASSES", "List Day Passes"]), |r| {
                for pair in r["body"]["urlencoded"].as_array_mut().expect("form") {
                    replace_string(&mut pair["value"], "{{resellertoken}}", "{{token}}");
                }
            })
        },
        expect: &[(AuthChanged, false), (ExampleChanged, false)],
        mentions: "a distributor token now works too",
    },
    Mutation {
        name: "token moved from query to header",
        edit: |c| {
            each_request(at(c, &["GROUPS", "Get Group"]), |r| {
                query_mut(r).retain(|q| q["key"] != "token");
                r["header"] = json!([{ "key": "X-Token", "value": "{{token}}" }]);
            })
        },
        expect: &[(AuthChanged, true)],
        mentions: "query parameter `token` -> the either token in header `X-Token`",
    },
    Mutation {
        name: "fixed header added",
        edit: |c| {
            each_request(at(c, &["GROUPS", "Create Group"]), |r| {
                r["header"].as_array_mut().expect("headers").push(json!({ "key": "X-Api-Version", "value": "6" }));
            })
        },
        expect: &[(HeaderChanged, true)],
        mentions: "`x-api-version: 6`",
    },
    Mutation {
        name: "optional parameter added",
        edit: |c| {
            each_request(at(c, &["GROUPS", "Get Group"]), |r| {
                query_mut(r).push(json!({ "key": "verbose", "value": "true", "disabled": true }));
            })
        },
        expect: &[(ParameterAdded, false)],
        mentions: "new optional query parameter `verbose`",
    },
    Mutation {
        name: "first parameter added (the call gains `params`)",
        edit: |c| {
            let request = &mut at(c, &["DISTRIBUTORS", "Get Distributor"])["request"];
            request["url"]["query"] = json!([{ "key": "region", "value": "EMEA", "disabled": true }]);
        },
        expect: &[(ParameterAdded, true)],
        mentions: "the call now takes `params: &GetDistributorParams`",
    },
    Mutation {
        name: "parameter removed",
        edit: |c| {
            each_request(at(c, &["GROUPS", "Get Group"]), |r| query_mut(r).retain(|q| q["key"] != "includeSubscribers"))
        },
        expect: &[(ParameterRemoved, true)],
        mentions: "query parameter `includeSubscribers`",
    },
    Mutation {
        name: "parameter optional -> mandatory",
        edit: |c| {
            edit_description(
                at(c, &["GROUPS", "Get Group"]),
                "| groupId | Identifier returned by *Create Group* |\n",
                "| groupId | Identifier returned by *Create Group* |\n| includeSubscribers | |\n",
            )
        },
        expect: &[(ParameterMadeMandatory, true), (DescriptionChanged, false)],
        mentions: "parameter `includeSubscribers` became mandatory",
    },
    Mutation {
        name: "parameter mandatory -> optional",
        edit: |c| {
            edit_description(
                at(c, &["GROUPS", "Get Group"]),
                "| groupId | Identifier returned by *Create Group* |\n",
                "",
            )
        },
        expect: &[(ParameterMadeOptional, true), (DescriptionChanged, false)],
        mentions: "parameter `groupId` became optional",
    },
    Mutation {
        name: "parameter moved from query to header",
        edit: |c| {
            each_request(at(c, &["GROUPS", "Get Group"]), |r| {
                query_mut(r).retain(|q| q["key"] != "groupId");
                r["header"] = json!([{ "key": "groupId", "value": "{{groupId}}" }]);
            })
        },
        expect: &[(ParameterMoved, true), (ExampleChanged, false)],
        mentions: "parameter `groupId` moved from query to header",
    },
    Mutation {
        name: "example values only",
        edit: |c| {
            let item = at(c, &["DISTRIBUTORS", "Get Distributor"]);
            edit_responses(item, 200, "Alex Morgan", "Sam Taylor");
        },
        expect: &[(ExampleChanged, false)],
        mentions: "`Alex Morgan` -> `Sam Taylor`",
    },
    Mutation {
        name: "error body field added",
        edit: |c| {
            let item = at(c, &["GROUPS", "Delete Group"]);
            edit_responses(item, 409, "</message>", "</message>\n    <detail>12 subscribers</detail>");
        },
        expect: &[(FieldAdded, false), (ExampleChanged, false)],
        mentions: "new optional error body field `detail`",
    },
    Mutation {
        name: "webhook payload field added",
        edit: |c| {
            let body = &mut at(c, &["CALLBACKS", "SIM Status"])["request"]["body"]["raw"];
            replace_string(body, "\"status\":", "\"carrier\": \"T-Mobile US\",\n    \"status\":");
        },
        expect: &[(FieldAdded, false), (ExampleChanged, false)],
        mentions: "new optional payload field `carrier`",
    },
    Mutation {
        name: "webhook removed",
        edit: |c| items(at(c, &["CALLBACKS"])).retain(|i| i["name"] != "Day Pass Order"),
        expect: &[(WebhookRemoved, true)],
        mentions: "callbacks::parse_day_pass_order",
    },
    Mutation {
        name: "webhook bearer key changed",
        edit: |c| {
            let headers = &mut at(c, &["CALLBACKS", "SIM Status"])["request"]["header"];
            for header in headers.as_array_mut().expect("headers") {
                replace_string(&mut header["value"], "{{callbackkey}}", "{{callbacksecret}}");
            }
        },
        expect: &[(AuthChanged, true)],
        mentions: "`callbackkey` -> `callbacksecret`",
    },
    Mutation {
        name: "collection version set",
        edit: |c| c["info"]["version"] = json!("6.1.0"),
        expect: &[(CollectionChanged, false)],
        mentions: "none -> `6.1.0`",
    },
    Mutation {
        name: "base URL of the collection preset changed",
        edit: |c| {
            for variable in c["variable"].as_array_mut().expect("variables") {
                if variable["key"] == "url" {
                    variable["value"] = json!("https://api2.example.invalid");
                }
            }
        },
        expect: &[(EnvironmentChanged, false)],
        mentions: "-> `https://api2.example.invalid`",
    },
];

fn pairs(report: &Report) -> BTreeSet<(ChangeKind, bool)> {
    report.changes.iter().map(|c| (c.kind, c.breaking)).collect()
}

#[test]
fn every_mutation_is_found_and_classified() {
    let mut failures = Vec::new();
    for mutation in MUTATIONS {
        let report = diff_after(mutation.edit);
        let expected: BTreeSet<(ChangeKind, bool)> = mutation.expect.iter().copied().collect();
        let found = pairs(&report);
        let breaking = expected.iter().any(|(_, b)| *b);
        let mentioned = report.changes.iter().any(|c| c.detail.contains(mutation.mentions));
        if found != expected || report.is_breaking() != breaking || !mentioned {
            failures.push(format!(
                "{}: expected {expected:?} mentioning {:?}, found:\n  {}",
                mutation.name,
                mutation.mentions,
                report.summary_lines(20).join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} mutations misjudged:\n{}",
        failures.len(),
        MUTATIONS.len(),
        failures.join("\n")
    );
}

#[test]
fn the_suite_covers_at_least_twenty_kinds_of_change() {
    let kinds: BTreeSet<ChangeKind> = MUTATIONS.iter().filter_map(|m| m.expect.first().map(|(k, _)| *k)).collect();
    assert!(kinds.len() >= 20, "only {} kinds: {kinds:?}", kinds.len());
    assert!(MUTATIONS.len() >= 20);
}

#[test]
fn an_unchanged_collection_has_no_changes() {
    let report = diff_after(|_| {});
    assert_eq!(report.changes, vec![]);
    assert!(!report.is_breaking());
}

#[test]
fn reformatting_the_json_changes_nothing() {
    let original = fixture();
    let compact = serde_json::to_string(&original).expect("compact");
    let spaced = serde_json::to_string_pretty(&original).expect("pretty");
    assert_ne!(compact, fixture_text());
    for text in [compact, spaced] {
        let report = diff::diff(base(), &build_text(&text));
        assert_eq!(report.changes, vec![], "{}", report.to_markdown("fixture", "reformatted"));
    }
}

fn reverse(list: &mut [Value]) {
    list.reverse();
}

#[test]
fn reordering_folders_and_examples_is_not_breaking() {
    let report = diff_after(|c| {
        // Top-level folders, the requests of folders whose structs do not share names, sub-folders before the
        // requests of their parent, and every request's saved examples.
        reverse(items(c));
        reverse(items(at(c, &["DISTRIBUTORS"])));
        reverse(items(at(c, &["CALLBACKS"])));
        items(at(c, &["SUBSCRIBERS"])).sort_by_key(|i| i.get("item").is_none());
        fn responses(node: &mut Value) {
            if let Some(list) = node.get_mut("response").and_then(Value::as_array_mut) {
                list.reverse();
            }
            if let Some(children) = node.get_mut("item").and_then(Value::as_array_mut) {
                children.iter_mut().for_each(responses);
            }
        }
        responses(c);
    });
    assert!(!report.is_breaking(), "{}", report.to_markdown("fixture", "reordered"));
    assert!(report.changes.iter().all(|c| c.kind == ExampleChanged), "{:?}", report.changes);
}

/// The generator names a struct after the first operation of its module that uses the name, so reordering
/// requests that share struct names renames structs in the generated crate. The diff reports exactly that,
/// and nothing about fields.
#[test]
fn reordering_requests_that_share_struct_names_reports_the_renames() {
    let report = diff_after(|c| reverse(items(at(c, &["GROUPS"]))));
    let kinds: BTreeSet<(ChangeKind, bool)> = pairs(&report);
    assert_eq!(kinds, BTreeSet::from([(TypeRenamed, true)]), "{}", report.to_markdown("fixture", "reordered"));
    assert!(
        report.changes.iter().any(|c| c.detail.contains("struct `Group` of `group` is now `CreateGroupRequestGroup`"))
    );
}

#[test]
fn description_edits_are_not_breaking() {
    let report = diff_after(|c| {
        let text = c["info"]["description"].as_str().expect("text").replace("XML over HTTP", "XML-over-HTTP");
        c["info"]["description"] = json!(text);
        let folder = at(c, &["SUBSCRIBERS"]);
        folder["description"] = json!("Subscribers: the end users.");
        edit_description(at(c, &["GROUPS", "Delete Group"]), "is not deleted", "is kept");
        let query = query_mut(&mut at(c, &["GROUPS", "Get Group"])["request"]);
        query[2]["description"] = json!("List the subscribers too");
    });
    assert!(!report.is_breaking());
    let operations: BTreeSet<&str> = report.changes.iter().map(|c| c.operation.as_str()).collect();
    assert_eq!(operations, BTreeSet::from(["collection", "SUBSCRIBERS", "GROUPS/Delete Group", "GROUPS/Get Group"]));
    assert!(report.changes.iter().all(|c| c.kind == DescriptionChanged), "{:?}", report.changes);
}

#[test]
fn json_output_has_the_documented_shape() {
    let report = diff_after(|c| items(at(c, &["RESELLERS"])).retain(|i| i["name"] != "Delete Reseller"));
    let value: Value = serde_json::from_str(&report.to_json()).expect("JSON");
    assert_eq!(
        value,
        json!({ "changes": [{
            "operation": "RESELLERS/Delete Reseller",
            "kind": "operation-removed",
            "breaking": true,
            "detail": "DELETE /provisioning/resellers is gone: `resellers::delete_reseller` no longer exists"
        }]})
    );
}

/// Prints the mutation table (`cargo test -p tango-codegen --test diff_mutations -- --nocapture`).
#[test]
fn print_the_mutation_table() {
    for mutation in MUTATIONS {
        let classes: Vec<String> = mutation
            .expect
            .iter()
            .map(|(k, b)| format!("{k} ({})", if *b { "breaking" } else { "non-breaking" }))
            .collect();
        println!("| {} | {} |", mutation.name, classes.join(", "));
    }
}
