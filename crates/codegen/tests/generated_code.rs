//! Snapshots of the code generated for our fixture collections, one snapshot per generated file, so a change
//! to the generator shows up in review (`cargo insta review`) as a diff of real generated code.

use std::path::{Path, PathBuf};

use tango_codegen::{CrateOptions, Generated, RuntimeDependency, Settings};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn generate(collection: &str, environments: &[&str], crate_name: &str) -> Generated {
    let loaded = tango_postman::load_collection(&fixture(collection)).expect("fixture loads");
    let environments: Vec<_> = environments
        .iter()
        .map(|e| tango_postman::load_environment(&fixture(e)).expect("environment loads").0)
        .collect();
    let options = CrateOptions {
        crate_name: crate_name.to_owned(),
        runtime: RuntimeDependency::Workspace,
        source: format!("crates/codegen/tests/fixtures/{collection}"),
        source_sha256: "0".repeat(64),
    };
    tango_codegen::generate(&loaded.collection, &environments, &Settings::default(), &options).expect("generates")
}

fn snapshot_all(prefix: &str, generated: &Generated) {
    for file in &generated.files {
        let name = format!("{prefix}__{}", file.path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, &file.contents);
    }
}

#[test]
fn tango_style_fixture() {
    let generated =
        generate("tango-v6.postman_collection.json", &["tango-v6.environment.json"], "tango-fixture-client");
    assert_eq!(generated.stats.operations, 29, "every non-webhook request is an operation");
    assert_eq!(generated.stats.webhooks, 2, "the CALLBACKS folder holds two webhooks");
    snapshot_all("tango_v6", &generated);
}

#[test]
fn legacy_v2_0_fixture() {
    let generated = generate("legacy-shapes.v2.0.json", &[], "legacy-v2-0-fixture-client");
    assert_eq!(generated.stats.operations, 11);
    snapshot_all("legacy_v2_0", &generated);
}

#[test]
fn legacy_v1_fixture() {
    let generated = generate("legacy-v1.json", &[], "legacy-v1-fixture-client");
    assert_eq!(generated.stats.operations, 7);
    snapshot_all("legacy_v1", &generated);
}

#[test]
fn generation_is_deterministic() {
    let first = generate("tango-v6.postman_collection.json", &["tango-v6.environment.json"], "x");
    let second = generate("tango-v6.postman_collection.json", &["tango-v6.environment.json"], "x");
    assert_eq!(first.files, second.files);
    assert_eq!(first.diagnostics, second.diagnostics);
}
