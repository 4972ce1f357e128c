//! The API diff between two versions of the Tango-style fixture: `tango-v6.next.postman_collection.json` is
//! the fixture evolved the way a vendor publishes a new version (6.1: a field made mandatory, an operation
//! renamed, one replaced by another, a method change, a type change, a widened token, additions and edits).

use std::path::Path;

use tango_codegen::Settings;
use tango_codegen::api::{self, Api};
use tango_codegen::diff::{self, ChangeKind};

fn load(name: &str) -> Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let loaded = tango_postman::load_collection(&path).expect("fixture loads");
    api::build(&loaded.collection, &[], &Settings::default())
}

fn report() -> diff::Report {
    diff::diff(&load("tango-v6.postman_collection.json"), &load("tango-v6.next.postman_collection.json"))
}

#[test]
fn the_next_version_report_names_each_change() {
    let report = report();
    let line = |operation: &str, kind: ChangeKind| {
        report
            .changes
            .iter()
            .find(|c| c.operation == operation && c.kind == kind)
            .map(|c| (c.breaking, c.detail.clone()))
            .unwrap_or_else(|| panic!("no {kind} for {operation}:\n{}", report.summary_lines(50).join("\n")))
    };
    let (breaking, detail) = line("SUBSCRIBERS/Create Subscriber", ChangeKind::FieldMadeMandatory);
    assert!(breaking);
    assert!(detail.contains("`subscriber.email`"), "{detail}");
    let expected = [
        ("SUBSCRIBERS/Create Subscriber", ChangeKind::FieldAdded, false),
        ("ENDPOINTS/List SIP Endpoints", ChangeKind::OperationRenamed, true),
        ("SUBSCRIBERS/SIMS/Suspend SIM", ChangeKind::OperationRemoved, true),
        ("SUBSCRIBERS/SIMS/Block SIM", ChangeKind::OperationAdded, false),
        ("RESELLERS/Update Reseller", ChangeKind::MethodChanged, true),
        ("SUBSCRIBERS/SIMS/Activate SIM", ChangeKind::FieldTypeChanged, true),
        ("SUBSCRIBERS/DAY PASSES/List Day Passes", ChangeKind::AuthChanged, false),
        ("GROUPS/Get Group", ChangeKind::ParameterAdded, false),
        ("CALLBACKS/SIM Status", ChangeKind::FieldAdded, false),
    ];
    for (operation, kind, breaking) in expected {
        assert_eq!((operation, kind, line(operation, kind).0), (operation, kind, breaking));
    }
    assert!(report.is_breaking());
}

#[test]
fn the_next_version_report_in_markdown() {
    let markdown = report().to_markdown(
        "crates/codegen/tests/fixtures/tango-v6.postman_collection.json",
        "crates/codegen/tests/fixtures/tango-v6.next.postman_collection.json",
    );
    insta::assert_snapshot!(markdown);
}

#[test]
fn going_back_is_the_mirror_image() {
    let back = diff::diff(&load("tango-v6.next.postman_collection.json"), &load("tango-v6.postman_collection.json"));
    let kinds = |kind: ChangeKind| back.of_kind(kind).map(|c| c.operation.clone()).collect::<Vec<_>>();
    assert_eq!(kinds(ChangeKind::OperationAdded), vec!["SUBSCRIBERS/SIMS/Suspend SIM".to_owned()]);
    assert_eq!(kinds(ChangeKind::OperationRemoved), vec!["SUBSCRIBERS/SIMS/Block SIM".to_owned()]);
    assert_eq!(kinds(ChangeKind::FieldMadeOptional), vec!["SUBSCRIBERS/Create Subscriber".to_owned()]);
    // Removing the optional field that 6.1 added breaks code that set it.
    assert!(back.of_kind(ChangeKind::FieldRemoved).any(|c| c.breaking && c.detail.contains("`subscriber.timeZone`")));
}
