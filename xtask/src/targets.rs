//! The generated crates of this workspace and what each is generated from.

use std::path::{Path, PathBuf};

/// One generated crate.
#[derive(Debug, Clone)]
pub struct Target {
    /// Package name.
    pub crate_name: &'static str,
    /// Crate directory, relative to the workspace root.
    pub dir: &'static str,
    /// Collection file, relative to the workspace root.
    pub collection: &'static str,
    /// Environment files, relative to the workspace root.
    pub environments: &'static [&'static str],
    /// Settings file, relative to the workspace root (defaults when absent).
    pub settings: Option<&'static str>,
}

/// The client users depend on, then the clients generated from our own fixtures, which the test suite
/// compiles, round-trips and sends to a local server.
pub const TARGETS: &[Target] = &[
    Target {
        crate_name: "tango-api",
        dir: "crates/tango-api",
        collection: "collection/tango-provisioning-v6.published.json",
        environments: &[],
        settings: Some("collection/codegen.toml"),
    },
    Target {
        crate_name: "tango-fixture-client",
        dir: "crates/fixture-clients/tango-v6",
        collection: "crates/codegen/tests/fixtures/tango-v6.postman_collection.json",
        environments: &["crates/codegen/tests/fixtures/tango-v6.environment.json"],
        settings: None,
    },
    Target {
        crate_name: "legacy-v2-0-fixture-client",
        dir: "crates/fixture-clients/legacy-v2-0",
        collection: "crates/codegen/tests/fixtures/legacy-shapes.v2.0.json",
        environments: &[],
        settings: None,
    },
    Target {
        crate_name: "legacy-v1-fixture-client",
        dir: "crates/fixture-clients/legacy-v1",
        collection: "crates/codegen/tests/fixtures/legacy-v1.json",
        environments: &[],
        settings: None,
    },
];

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map_or_else(|| manifest_dir.to_owned(), Path::to_owned)
}
