//! Semantic API diff: what changed between two versions of a collection, for a user of the generated crate.
//!
//! [`diff`] compares two [`Api`] models, not JSON text: reordering items, reformatting the file or moving
//! examples around changes nothing it reports as breaking. Operations are matched by folder path and name,
//! then (when the name changed) by method and URL template; parameters by wire name; body fields by wire name
//! and kind (element, attribute, text), at every depth of the inferred type tree.
//!
//! # What counts as breaking
//!
//! A change is breaking when code written against the previous generated crate must change (it stops
//! compiling, or means something else), or when the wire contract changes in a way a client built from the
//! previous crate cannot follow (method, path, content type, token). Request types take required fields in
//! `new(...)` and optional ones through `with_*` setters; structs are `#[non_exhaustive]`; optional fields are
//! `Option<T>`, lists are `Vec<T>` (never optional). Requests are what the user builds; responses, error bodies
//! and webhook payloads are what the user reads.
//!
//! | change | request (built) | response / payload (read) |
//! | --- | --- | --- |
//! | operation or webhook added | no | no |
//! | operation or webhook removed | yes | yes |
//! | operation renamed (function name changes) | yes | yes |
//! | renamed in the collection only (same function name) | no | no |
//! | method, URL template changed | yes | yes |
//! | content type (body format) changed | yes | yes |
//! | token added, placement changed, kind changed (but see the next row) | yes | - |
//! | token kind reseller -> either (the runtime still prefers the reseller token); token no longer sent | no | - |
//! | fixed header changed | yes | - |
//! | parameter added, optional | no (yes when it is the call's first parameter: the call gains `params`) | - |
//! | parameter added, mandatory | yes | - |
//! | parameter removed, renamed or moved (query / header / path) | yes | - |
//! | parameter optional -> mandatory | yes (`new(...)` takes it) | - |
//! | parameter mandatory -> optional | yes (`new(...)` loses it, the field becomes `Option`) | - |
//! | body added, removed, typed <-> untyped, XML root renamed | yes | yes (a root rename is no: the decoder does not check it) |
//! | field added, optional | no (`with_*` setter, `#[non_exhaustive]`) | no |
//! | field added, mandatory | yes (`new(...)` takes it) | no (`#[non_exhaustive]`) |
//! | field removed or renamed | yes | yes |
//! | field optional -> mandatory | yes (`new(...)` takes it) | yes: `Option<T>` becomes `T` (an older crate still decodes) |
//! | field mandatory -> optional | yes (`new(...)` loses it, `T` becomes `Option<T>`) | yes: `T` becomes `Option<T>`, and an older crate fails on a body without it |
//! | field type changed (scalar, list, struct) | yes | yes |
//! | struct renamed | yes | yes |
//! | `new(...)` takes the same arguments in another order (fields reordered in the examples) | yes | no (response constructors are not counted) |
//! | success or error body kind changed (none / text / typed) | - | yes |
//! | environment preset removed or renamed | yes | yes |
//! | environment added, base URL changed; collection name or version | no | no |
//! | description or example edits | no | no |
//!
//! Response-side requiredness is judged in both directions as breaking on purpose: a wire-level reader would
//! accept a field that is now always present, but in Rust `Option<T>` -> `T` still fails to compile where the
//! user matched on the option. Response constructors (`new`) exist for tests and mocks; they are not counted.

mod compare;
mod matching;
mod report;
mod shape;
mod surface;

use serde::Serialize;

use crate::api::Api;

/// What kind of change was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Collection name or version changed.
    CollectionChanged,
    /// An environment preset was added.
    EnvironmentAdded,
    /// An environment preset was removed.
    EnvironmentRemoved,
    /// An environment preset's constant name or base URL changed.
    EnvironmentChanged,
    /// A new operation.
    OperationAdded,
    /// An operation is gone.
    OperationRemoved,
    /// An operation got another name (in the collection, in the crate, or both).
    OperationRenamed,
    /// The HTTP method changed.
    MethodChanged,
    /// The URL template changed.
    PathChanged,
    /// A request or response body format (and so its content type) changed.
    ContentTypeChanged,
    /// The token an operation sends changed (added, removed, kind, placement), or a webhook's bearer key.
    AuthChanged,
    /// A header sent with a fixed value changed.
    HeaderChanged,
    /// A new parameter.
    ParameterAdded,
    /// A parameter is gone.
    ParameterRemoved,
    /// A parameter's Rust field name changed.
    ParameterRenamed,
    /// A parameter moved between path, query and header.
    ParameterMoved,
    /// An optional parameter became mandatory.
    ParameterMadeMandatory,
    /// A mandatory parameter became optional.
    ParameterMadeOptional,
    /// An operation now sends a body.
    BodyAdded,
    /// An operation no longer sends a body.
    BodyRemoved,
    /// A request body changed shape as a whole (typed <-> untyped, root element, argument).
    BodyChanged,
    /// A success or error body changed as a whole (none / text / typed, its type, its root element).
    ResponseChanged,
    /// A new body field.
    FieldAdded,
    /// A body field is gone.
    FieldRemoved,
    /// A field's Rust name changed while its wire name stayed.
    FieldRenamed,
    /// An optional field became mandatory.
    FieldMadeMandatory,
    /// A mandatory field became optional.
    FieldMadeOptional,
    /// A field's type changed.
    FieldTypeChanged,
    /// A generated struct got another name.
    TypeRenamed,
    /// A constructor (`new(...)` of a request struct or parameter struct) takes the same arguments in
    /// another order: code may still compile and pass values to the wrong fields.
    ConstructorChanged,
    /// A new webhook.
    WebhookAdded,
    /// A webhook is gone.
    WebhookRemoved,
    /// A webhook got another name.
    WebhookRenamed,
    /// Documentation text changed.
    DescriptionChanged,
    /// Example values, example bodies or documented example responses changed.
    ExampleChanged,
}

impl ChangeKind {
    /// The kebab-case name used in reports (`field-made-mandatory`).
    pub fn as_str(self) -> &'static str {
        use ChangeKind::*;
        match self {
            CollectionChanged => "collection-changed",
            EnvironmentAdded => "environment-added",
            EnvironmentRemoved => "environment-removed",
            EnvironmentChanged => "environment-changed",
            OperationAdded => "operation-added",
            OperationRemoved => "operation-removed",
            OperationRenamed => "operation-renamed",
            MethodChanged => "method-changed",
            PathChanged => "path-changed",
            ContentTypeChanged => "content-type-changed",
            AuthChanged => "auth-changed",
            HeaderChanged => "header-changed",
            ParameterAdded => "parameter-added",
            ParameterRemoved => "parameter-removed",
            ParameterRenamed => "parameter-renamed",
            ParameterMoved => "parameter-moved",
            ParameterMadeMandatory => "parameter-made-mandatory",
            ParameterMadeOptional => "parameter-made-optional",
            BodyAdded => "body-added",
            BodyRemoved => "body-removed",
            BodyChanged => "body-changed",
            ResponseChanged => "response-changed",
            FieldAdded => "field-added",
            FieldRemoved => "field-removed",
            FieldRenamed => "field-renamed",
            FieldMadeMandatory => "field-made-mandatory",
            FieldMadeOptional => "field-made-optional",
            FieldTypeChanged => "field-type-changed",
            TypeRenamed => "type-renamed",
            ConstructorChanged => "constructor-changed",
            WebhookAdded => "webhook-added",
            WebhookRemoved => "webhook-removed",
            WebhookRenamed => "webhook-renamed",
            DescriptionChanged => "description-changed",
            ExampleChanged => "example-changed",
        }
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What it concerns: `FOLDER/Request name` of an operation or webhook, `errors::Name` for a shared error
    /// body, `environments` or `collection`.
    pub operation: String,
    /// What kind of change it is.
    pub kind: ChangeKind,
    /// Whether code or clients built from the previous generated crate are affected (see the module docs).
    pub breaking: bool,
    /// What changed, in words, naming the field path and the Rust item.
    pub detail: String,
}

/// Every change between two versions, in collection order (collection, environments, operations in the
/// new version's order, removed ones last, webhooks, shared error bodies).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// The changes.
    pub changes: Vec<Change>,
    /// Name and version of the old collection.
    pub old: Side,
    /// Name and version of the new collection.
    pub new: Side,
}

/// Which collection one side of a report is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Side {
    /// Collection name.
    pub title: String,
    /// Collection version, when given.
    pub version: Option<String>,
}

impl Report {
    /// Whether any change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    /// The breaking changes.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.breaking)
    }

    /// The changes of one kind.
    pub fn of_kind(&self, kind: ChangeKind) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }

    /// `{"changes": [{"operation", "kind", "breaking", "detail"}, ...]}`, pretty-printed.
    pub fn to_json(&self) -> String {
        report::json(self)
    }

    /// A markdown report: a header naming both sides (`old_source` and `new_source` say where they came
    /// from), counts, then breaking and non-breaking changes as bullet lists.
    pub fn to_markdown(&self, old_source: &str, new_source: &str) -> String {
        report::markdown(self, old_source, new_source)
    }

    /// One line per change, breaking ones first, at most `limit` lines (then a count of the rest).
    pub fn summary_lines(&self, limit: usize) -> Vec<String> {
        report::summary_lines(self, limit)
    }
}

/// Compares two API models. Never fails; the same inputs always give the same report.
pub fn diff(old: &Api, new: &Api) -> Report {
    let old_surface = surface::Surface::of(old);
    let new_surface = surface::Surface::of(new);
    let changes = compare::changes(&old_surface, &new_surface);
    Report {
        changes,
        old: Side { title: old.title.clone(), version: old.version.clone() },
        new: Side { title: new.title.clone(), version: new.version.clone() },
    }
}
