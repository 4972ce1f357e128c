//! The normalized collection model.
//!
//! Every Postman dialect (v1, v2.0, v2.1, the documenter wrapper) is loaded into these types, so nothing
//! downstream needs to know which dialect a file was written in. Each item keeps the JSON pointer it was read
//! from, so later stages can name exactly where a problem is.

/// Which dialect the file was written in, detected from `info.schema` and from the file's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaVersion {
    /// Postman collection format v1 (top-level `requests`, `order`, `folders`).
    V1,
    /// Postman collection format v2.0.0.
    V2_0,
    /// Postman collection format v2.1.0.
    V2_1,
}

/// A loaded collection, in whatever dialect it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    /// Collection-level information.
    pub info: Info,
    /// Top-level folders and requests, in collection order.
    pub items: Vec<Item>,
    /// Collection variables (`variable`), in file order.
    pub variables: Vec<Variable>,
    /// Collection-level auth, inherited by folders and requests that do not set their own.
    pub auth: Option<Auth>,
    /// Environments carried by the file itself (the documenter wrapper has them).
    pub environments: Vec<Environment>,
}

/// Collection-level information.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Info {
    /// `info.name`.
    pub name: String,
    /// `info.description`.
    pub description: Option<Description>,
    /// `info.version` (a string, or the documenter's version string).
    pub version: Option<String>,
    /// `info._postman_id`.
    pub postman_id: Option<String>,
    /// The dialect.
    pub schema: Option<SchemaVersion>,
    /// Documenter publication metadata, when the file is a published-documentation wrapper.
    pub published: Option<Published>,
}

/// Where Postman's public documenter serves the full collection.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Published {
    /// `publicUrl`, e.g. `https://api-postman.tango-networks.com`.
    pub public_url: Option<String>,
    /// `owner`.
    pub owner: Option<String>,
    /// `publishedId`.
    pub published_id: Option<String>,
    /// `activeVersionTag` (e.g. `latest`).
    pub active_version_tag: Option<String>,
    /// `publishDate`.
    pub publish_date: Option<String>,
}

/// Markup of a description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DescriptionFormat {
    /// Markdown (`text/markdown`, and the default for plain strings).
    Markdown,
    /// HTML (`text/html`; the documenter's collection endpoint serves this).
    Html,
    /// Plain text.
    Plain,
}

/// A description: a string, or `{content, type}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Description {
    /// The text as written.
    pub content: String,
    /// Its markup.
    pub format: DescriptionFormat,
}

/// A folder or a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A folder (`item` / `items` list).
    Folder(Folder),
    /// A request with its saved examples.
    Request(RequestItem),
}

/// A folder of items.
#[derive(Debug, Clone, PartialEq)]
pub struct Folder {
    /// Name as written (may carry emoji, punctuation, surrounding spaces).
    pub name: String,
    /// Folder description.
    pub description: Option<Description>,
    /// Children, in collection order.
    pub items: Vec<Item>,
    /// Folder-level auth.
    pub auth: Option<Auth>,
    /// Folder variables.
    pub variables: Vec<Variable>,
    /// JSON pointer of the folder in its file.
    pub pointer: String,
}

/// A request and its saved examples.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestItem {
    /// Name as written.
    pub name: String,
    /// Item description (v2: item or request description, whichever is present; request wins).
    pub description: Option<Description>,
    /// The request.
    pub request: Request,
    /// Saved example responses, in file order.
    pub responses: Vec<SavedResponse>,
    /// Item variables.
    pub variables: Vec<Variable>,
    /// JSON pointer of the item in its file.
    pub pointer: String,
}

/// An HTTP request as Postman stores it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    /// Upper-cased method; `GET` when missing.
    pub method: String,
    /// The URL.
    pub url: Url,
    /// Headers, in file order, disabled ones included (flagged).
    pub headers: Vec<KeyValue>,
    /// The body, when there is one.
    pub body: Option<Body>,
    /// Request-level auth.
    pub auth: Option<Auth>,
    /// Request-level description.
    pub description: Option<Description>,
}

/// A URL, split into parts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Url {
    /// The raw string, when given (or rebuilt from parts when only parts were given).
    pub raw: String,
    /// Protocol without `://`, when given.
    pub protocol: Option<String>,
    /// Host labels (e.g. `["{{url}}"]` or `["api", "example", "com"]`).
    pub host: Vec<String>,
    /// Port, when given.
    pub port: Option<String>,
    /// Path segments, without slashes; `:name` marks a path variable.
    pub path: Vec<String>,
    /// Query parameters, in order, disabled ones included.
    pub query: Vec<KeyValue>,
    /// Path-variable values (`url.variable`).
    pub variables: Vec<KeyValue>,
}

/// A key/value pair: header, query parameter, form field, path variable.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeyValue {
    /// The key.
    pub key: String,
    /// The value as text (numbers and booleans are written as JSON would).
    pub value: String,
    /// Its description.
    pub description: Option<Description>,
    /// `disabled: true`: documented, but not sent by default.
    pub disabled: bool,
}

/// A `formdata` field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormField {
    /// The key.
    pub key: String,
    /// Text value, or the file path (`src`) for file fields.
    pub value: String,
    /// `true` for `type: file`.
    pub is_file: bool,
    /// Its description.
    pub description: Option<Description>,
    /// `disabled: true`.
    pub disabled: bool,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `mode: raw` (and unknown modes, which are reported as warnings).
    Raw {
        /// The text.
        text: String,
        /// `options.raw.language` (`xml`, `json`, `text`, ...), when given.
        language: Option<String>,
    },
    /// `mode: urlencoded`.
    UrlEncoded(Vec<KeyValue>),
    /// `mode: formdata`.
    FormData(Vec<FormField>),
    /// `mode: file`.
    File {
        /// `file.src`, when given.
        src: Option<String>,
    },
    /// `mode: graphql`.
    GraphQl {
        /// The query document.
        query: String,
        /// The variables as JSON text (may be empty).
        variables: String,
    },
}

/// A saved example response.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SavedResponse {
    /// Example name.
    pub name: String,
    /// HTTP status code, when given.
    pub code: Option<u16>,
    /// Status text (`OK`, `Bad Request`), when given.
    pub status: Option<String>,
    /// Response headers.
    pub headers: Vec<KeyValue>,
    /// Response body; `None` when null or absent.
    pub body: Option<String>,
    /// `_postman_previewlanguage` (`xml`, `json`, `text`, `html`), when given.
    pub preview_language: Option<String>,
    /// The request that produced this example, when saved.
    pub original_request: Option<Request>,
    /// JSON pointer of the example in its file.
    pub pointer: String,
}

/// Auth settings: an open set of types with their parameters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Auth {
    /// `noauth`, `apikey`, `bearer`, `basic`, `oauth2`, ... (any string).
    pub kind: String,
    /// Parameters, in file order, whether given as a v2.0 object or a v2.1 list.
    pub params: Vec<KeyValue>,
}

/// A variable of a collection, folder, request or environment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Variable {
    /// The key.
    pub key: String,
    /// The value as text.
    pub value: String,
    /// `disabled: true`, or `enabled: false` in environments.
    pub disabled: bool,
}

/// A Postman environment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Environment {
    /// Environment name, e.g. `API_Sandbox`.
    pub name: String,
    /// Its values, in file order.
    pub values: Vec<Variable>,
}
