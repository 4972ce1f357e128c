//! The API model: what the client offers, independent of Postman's file format and of Rust syntax.
//!
//! [`build`] turns a loaded collection into an [`Api`]: modules from folders, operations and webhooks from
//! requests, parameters and inferred body types, response and error types per status class, and the example
//! cases that the generated crate tests. The emitter reads only this model.

pub mod body;
mod build;
mod operation;
pub mod path;
mod responses;

pub use build::build;

/// Where Postman's documenter serves the full collection behind published metadata.
pub fn documenter_url(published: &tango_postman::Published) -> Option<String> {
    let (base, owner, id) =
        (published.public_url.as_ref()?, published.owner.as_ref()?, published.published_id.as_ref()?);
    let tag = published.active_version_tag.as_deref().unwrap_or("latest");
    Some(format!("{}/api/collections/{owner}/{id}?segregateAuth=true&versionTag={tag}", base.trim_end_matches('/')))
}

use tango_postman::{Description, Diagnostic};

use crate::infer::{BodyFormat, FieldType, TypeDef};
use crate::settings::TokenKind;

/// The whole API.
#[derive(Debug, Clone)]
pub struct Api {
    /// Collection name.
    pub title: String,
    /// Collection version, when given.
    pub version: Option<String>,
    /// Collection description.
    pub description: Option<Description>,
    /// Where the documenter publishes the full collection, when known.
    pub published: Option<tango_postman::Published>,
    /// Environment presets (name, base URL).
    pub environments: Vec<EnvironmentPreset>,
    /// The root module: top-level requests, and one child per top-level folder.
    pub root: Module,
    /// Error body types shared by every operation (crate-level `errors` module).
    pub error_types: Vec<TypeDef>,
    /// Everything worth telling the user, in collection order.
    pub diagnostics: Vec<Diagnostic>,
}

/// An environment preset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvironmentPreset {
    /// The environment's name as written (`API_Sandbox`).
    pub name: String,
    /// UPPER_SNAKE identifier text.
    pub ident: String,
    /// The base URL variable's value in it.
    pub base_url: String,
}

/// A module: a folder (or the collection root).
#[derive(Debug, Clone, Default)]
pub struct Module {
    /// Folder name as written (empty for the root).
    pub name: String,
    /// snake_case identifier text (unique among siblings).
    pub ident: String,
    /// Folder description.
    pub description: Option<Description>,
    /// JSON pointer of the folder.
    pub pointer: String,
    /// Calls, in collection order.
    pub operations: Vec<Operation>,
    /// Webhooks (requests of callback folders), in collection order.
    pub webhooks: Vec<Webhook>,
    /// Structs used by this module's operations and webhooks.
    pub types: Vec<TypeDef>,
    /// Sub-folders.
    pub children: Vec<Module>,
}

/// One call the client makes.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Request name as written.
    pub name: String,
    /// snake_case function name text (unique in its module).
    pub ident: String,
    /// `FOLDER/Sub folder/Name`, the key in settings.
    pub key: String,
    /// JSON pointer of the request item.
    pub pointer: String,
    /// Request description.
    pub description: Option<Description>,
    /// HTTP method, upper case.
    pub method: String,
    /// The path after the base URL.
    pub path: Vec<path::Segment>,
    /// The path as documented (`/subscribers/:subscriberId`).
    pub path_template: String,
    /// Query, header and path parameters the caller provides.
    pub params: Vec<Param>,
    /// Headers sent with a fixed value.
    pub fixed_headers: Vec<(String, String)>,
    /// Which token the operation sends, and where.
    pub token: Option<TokenUse>,
    /// The request body.
    pub body: Option<BodySpec>,
    /// How a 2xx response decodes.
    pub success: ResponseSpec,
    /// How a non-2xx response's body decodes.
    pub error: ResponseSpec,
    /// Statuses documented by saved examples, in first-seen order, with the example names.
    pub documented_statuses: Vec<(Option<u16>, String)>,
    /// Names listed under "Mandatory fields".
    pub mandatory: Option<Vec<String>>,
    /// The operation may be repeated safely (settings).
    pub idempotent: bool,
    /// Round-trip cases for the generated tests.
    pub examples: Vec<ExampleCase>,
}

/// A webhook Tango sends to the partner.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// Request name as written.
    pub name: String,
    /// snake_case identifier text of the parse function's subject (`sim_status` -> `parse_sim_status`).
    pub ident: String,
    /// JSON pointer.
    pub pointer: String,
    /// Description.
    pub description: Option<Description>,
    /// HTTP method Tango uses.
    pub method: String,
    /// The path as documented.
    pub path_template: String,
    /// The payload type, when the examples gave one.
    pub payload: Option<TypedBody>,
    /// The variable of the bearer key in its `Authorization` header, when it has one.
    pub bearer_variable: Option<String>,
    /// Round-trip cases.
    pub examples: Vec<ExampleCase>,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// A `:name` or `{{name}}` path segment.
    Path,
    /// A query parameter.
    Query,
    /// A request header.
    Header,
}

/// A parameter the caller provides.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Wire name.
    pub wire_name: String,
    /// snake_case field name text, unique in its parameter struct.
    pub ident: String,
    /// Where it travels.
    pub location: ParamLocation,
    /// Required (path parameters always are).
    pub required: bool,
    /// Example value from the collection (never a token).
    pub example: Option<String>,
    /// Its description.
    pub description: Option<Description>,
}

/// Where the token goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenPlacement {
    /// A top-level field of the XML/JSON/form body, with this wire name.
    BodyField(String),
    /// A query parameter.
    Query(String),
    /// A header; the value is `prefix` + token (e.g. `Bearer `).
    Header {
        /// Header name.
        name: String,
        /// Text before the token.
        prefix: String,
    },
}

/// Which token an operation sends, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenUse {
    /// The kind of token.
    pub kind: TokenKind,
    /// The variable it was bound to (`resellertoken`).
    pub variable: String,
    /// Where it goes.
    pub placement: TokenPlacement,
}

/// An inferred body type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedBody {
    /// Wire format.
    pub format: BodyFormat,
    /// The type of the whole body.
    pub root: FieldType,
    /// XML root element name.
    pub root_element: Option<String>,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub enum BodySpec {
    /// A typed XML, JSON or form body.
    Typed(TypedBody),
    /// A body we could not type: sent as given text with its content type.
    Raw {
        /// Content type to send.
        content_type: String,
        /// Why it is untyped.
        reason: String,
    },
}

/// How a response body decodes.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseSpec {
    /// No body expected (`()`).
    Empty,
    /// A text message (`String`).
    Text,
    /// A typed body.
    Typed(TypedBody),
}

/// What an example round-trip test checks.
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleSubject {
    /// The request body.
    Request,
    /// A success response body.
    Success,
    /// An error response body.
    Error,
    /// A webhook payload.
    Webhook,
}

/// One round-trip case: a body that must deserialize into its type and serialize back to an equivalent document.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleCase {
    /// snake_case test name text (unique in its module).
    pub ident: String,
    /// Where the body came from (for the test's doc).
    pub origin: String,
    /// Which type it exercises.
    pub subject: ExampleSubject,
    /// Format and type.
    pub body: TypedBody,
    /// The body text (form bodies as `a=b&c=d`).
    pub text: String,
    /// The token value written in the example (e.g. `{{resellertoken}}`), to serialize it back in place.
    pub token_literal: Option<String>,
}
