//! Type inference from example bodies (GUIDE.md section 3).
//!
//! Input: every sample of one body (the request body and each example's `originalRequest` body, or every
//! response body of one status class), in one format. Output: a neutral type graph ([`Inferred`]) that the
//! emitter turns into Rust. Nothing here knows about Rust syntax beyond identifier text, or about HTTP.

// Pipeline: parse each sample (`xml`, `json`, `form`) -> merge instances per field (`merge`) -> decide types and
// requiredness (`finish`) -> name structs deterministically (`naming`). `prose` reads "Mandatory fields" lists;
// `registry` shares structs between the operations of one module.

mod finish;
mod form;
mod json;
mod merge;
mod naming;
mod prose;
mod registry;
mod scalar;
mod xml;

#[cfg(test)]
mod tests;

pub use registry::ModuleTypes;

/// Documents nested deeper than this many levels (elements, objects or arrays) are skipped with a warning, which
/// bounds recursion on hostile input.
pub const MAX_DEPTH: usize = 64;

/// Examples are cut to this many characters.
pub const MAX_EXAMPLE_CHARS: usize = 80;

/// The wire format of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyFormat {
    /// `application/xml` (quick-xml serde).
    Xml,
    /// `application/json` (serde_json).
    Json,
    /// `application/x-www-form-urlencoded` (serde_urlencoded; flat only).
    Form,
}

/// One `key=value` pair of a form sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormPair {
    /// The key.
    pub key: String,
    /// The value (may be a `{{variable}}`).
    pub value: String,
    /// Documented but not sent by default (`disabled: true`): the field is optional.
    pub disabled: bool,
}

/// One sample body.
#[derive(Debug, Clone, PartialEq)]
pub enum SampleBody {
    /// XML or JSON text.
    Text(String),
    /// Form pairs.
    Form(Vec<FormPair>),
}

/// One sample and where it came from (for warnings).
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The body.
    pub body: SampleBody,
    /// Where it came from, e.g. `request body of "Create Subscriber"` or `example "Bad token" (400)`.
    pub origin: String,
}

/// Whether fields are required.
#[derive(Debug, Clone, PartialEq)]
pub enum Requiredness {
    /// Request bodies with a "Mandatory fields" list in their description: only the listed names (matched
    /// ignoring case and punctuation, at any depth) are required.
    Listed(Vec<String>),
    /// No list (request bodies) or response bodies: required only when present in every one of at least two
    /// samples.
    FromSamples,
}

/// What to infer.
pub struct InferInput<'a> {
    /// Name of the root type, already an UpperCamelCase identifier (e.g. `CreateSubscriberRequest`).
    pub root_name: &'a str,
    /// The format of every sample.
    pub format: BodyFormat,
    /// The samples, in collection order.
    pub samples: &'a [Sample],
    /// How to decide required fields.
    pub required: &'a Requiredness,
    /// Resolves a `{{variable}}` from collection/environment scopes (used only to pick a type; never copied
    /// into output as a default).
    pub resolve_var: &'a dyn Fn(&str) -> Option<String>,
}

/// The inferred type graph for one body.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    /// The type of the whole body (usually `FieldType::Struct(root_name)`; a JSON body may be a list or a
    /// scalar).
    pub root: FieldType,
    /// XML root element name (for `#[serde(rename = "...")]` on the root struct); `None` for JSON and form.
    pub root_element: Option<String>,
    /// Every struct reachable from `root`, root first, then in first-seen document order. Names are unique
    /// within this list.
    pub defs: Vec<TypeDef>,
    /// Indexes into the input samples that this type was inferred from (others had another root element or
    /// did not parse and are described in `warnings`).
    pub used_samples: Vec<usize>,
    /// Indexes of used samples that lack a field the type requires (an example of a rejected request, say):
    /// they shaped the type but do not deserialize into it.
    pub incomplete_samples: Vec<usize>,
    /// What was approximated or skipped, each naming the sample origin.
    pub warnings: Vec<String>,
}

/// A struct.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// UpperCamelCase identifier text, unique in its [`Inferred`].
    pub name: String,
    /// The element or key it was inferred from (for docs).
    pub wire_name: String,
    /// Fields in first-seen document order.
    pub fields: Vec<Field>,
}

/// Where a field lives on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// XML child element, JSON object key, or form key.
    Element,
    /// XML attribute (serde name `@name`).
    Attribute,
    /// XML text content of an element that also has attributes (serde name `$text`).
    Text,
}

/// A field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// snake_case identifier text (not escaped: the emitter adds `r#`), unique within its struct.
    pub rust_name: String,
    /// Exact wire name (element, attribute or key name, without `@`).
    pub wire_name: String,
    /// Element, attribute or text.
    pub kind: FieldKind,
    /// The type, not counting optionality.
    pub ty: FieldType,
    /// Required (`T`) or optional (`Option<T>`; lists are never optional: absent = empty).
    pub required: bool,
    /// When every sample value of this field is exactly `{{name}}` with one `name`, that name.
    pub bound_variable: Option<String>,
    /// A representative literal sample value (scalars only; never a `{{variable}}`), for docs.
    pub example: Option<String>,
}

/// A field's type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// Text.
    String,
    /// Only literal `true`/`false` seen.
    Bool,
    /// Only integers matching `-?(0|[1-9][0-9]{0,17})` seen.
    Integer,
    /// JSON only: non-integer numbers.
    Float,
    /// A struct in [`Inferred::defs`].
    Struct(String),
    /// A repeated element / JSON array.
    List(Box<FieldType>),
    /// JSON only: values of conflicting kinds, or only `null` / `{}` / `[]` seen: kept as `serde_json::Value`.
    Any,
}

/// Infers the type graph of one body. Never panics; samples that do not parse are skipped with a warning.
/// Returns `None` when no sample could be used at all.
pub fn infer(input: &InferInput<'_>) -> Option<Inferred> {
    finish::infer(input)
}

/// The root element name of an XML text, if it parses far enough to have one.
pub fn xml_root_name(text: &str) -> Option<String> {
    xml::root_name(text)
}

/// Field names listed under "Mandatory fields" in a request description (bullets, tables or inline lists), in
/// order, without duplicates; `None` when the description has no such section (or one where no name could be
/// read). `Some(vec![])` only when the section says so (`Mandatory fields: none`).
pub fn mandatory_fields(description: &str) -> Option<Vec<String>> {
    prose::mandatory_fields(description)
}
