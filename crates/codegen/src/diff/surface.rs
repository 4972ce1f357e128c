//! [`Api`] -> what the generated crate offers a user: operations with their Rust paths, parameters, token,
//! and body types expanded into trees (structs resolved, the client-filled token field left out), so two
//! versions compare without looking up names in two registries at once.

use crate::api::{
    Api, BodySpec, EnvironmentPreset, Module, Operation, Param, ResponseSpec, TokenPlacement, TokenUse, Webhook,
};
use crate::infer::{BodyFormat, FieldKind, FieldType, TypeDef};

/// Type trees deeper than this are cut (inferred types are trees, but a hostile model must not loop).
const MAX_DEPTH: usize = 64;

/// The whole surface of one version.
#[derive(Debug, Clone)]
pub(super) struct Surface {
    pub title: String,
    pub version: Option<String>,
    pub description: Option<String>,
    pub environments: Vec<EnvironmentPreset>,
    pub modules: Vec<ModuleDoc>,
    pub operations: Vec<Op>,
    pub webhooks: Vec<Hook>,
    /// Shared error body roots (by struct name) with their trees.
    pub errors: Vec<(String, Shape)>,
}

/// A folder's documentation.
#[derive(Debug, Clone)]
pub(super) struct ModuleDoc {
    /// `FOLDER/Sub folder`.
    pub key: String,
    pub description: Option<String>,
}

/// One call function.
#[derive(Debug, Clone)]
pub(super) struct Op {
    /// `FOLDER/Request name`.
    pub key: String,
    /// `subscribers::create_subscriber`.
    pub rust_path: String,
    pub method: String,
    pub path: String,
    pub params: Vec<Param>,
    /// The name of the parameter struct, when there are parameters.
    pub params_type: Option<String>,
    pub fixed_headers: Vec<(String, String)>,
    pub token: Option<TokenUse>,
    pub body: Body,
    pub success: Response,
    pub error: Response,
    pub description: Option<String>,
    /// `"201 Subscriber created"`, sorted.
    pub statuses: Vec<String>,
    /// Example body texts, sorted.
    pub examples: Vec<String>,
}

/// One webhook parse function.
#[derive(Debug, Clone)]
pub(super) struct Hook {
    pub key: String,
    /// `callbacks::parse_sim_status`.
    pub rust_path: String,
    pub method: String,
    pub path: String,
    pub payload: Response,
    pub bearer_variable: Option<String>,
    pub description: Option<String>,
    pub examples: Vec<String>,
}

/// A request body as the caller meets it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Body {
    None,
    /// Sent as text: the call takes `impl Into<String>`.
    Raw {
        content_type: String,
    },
    Typed {
        format: BodyFormat,
        root_element: Option<String>,
        shape: Shape,
        /// The call takes a `body` argument (false when the body holds nothing but the token).
        argument: bool,
    },
}

/// A success body, error body or webhook payload.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Response {
    Empty,
    Text,
    Typed { format: BodyFormat, root_element: Option<String>, shape: Shape },
}

/// A type, with structs expanded.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shape {
    /// `String`, `bool`, `i64`, `f64` or `serde_json::Value`.
    Scalar(&'static str),
    List(Box<Shape>),
    Struct(StructShape),
    /// A struct the model does not define, or one past the depth limit: compared by name only.
    Unresolved(String),
}

/// A struct and its fields.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct StructShape {
    pub name: String,
    pub fields: Vec<FieldShape>,
}

/// A field as the user sees it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FieldShape {
    pub wire: String,
    pub kind: FieldKind,
    pub rust_name: String,
    /// Required as Rust sees it: a plain `T` taken by `new(...)`. Lists are never required (absent = empty).
    pub required: bool,
    pub ty: Shape,
    pub example: Option<String>,
}

impl Shape {
    /// The Rust type text (`Vec<Number>`).
    pub fn rust_type(&self) -> String {
        match self {
            Shape::Scalar(name) => (*name).to_owned(),
            Shape::List(inner) => format!("Vec<{}>", inner.rust_type()),
            Shape::Struct(s) => s.name.clone(),
            Shape::Unresolved(name) => name.clone(),
        }
    }
}

impl Response {
    /// The Rust type a call returns for it (`()` for none).
    pub fn rust_type(&self) -> String {
        match self {
            Response::Empty => "()".to_owned(),
            Response::Text => "String".to_owned(),
            Response::Typed { shape, .. } => shape.rust_type(),
        }
    }
}

impl Surface {
    /// The surface of a model.
    pub fn of(api: &Api) -> Self {
        let mut surface = Surface {
            title: api.title.clone(),
            version: api.version.clone(),
            description: api.description.as_ref().map(|d| d.content.clone()),
            environments: api.environments.clone(),
            modules: Vec::new(),
            operations: Vec::new(),
            webhooks: Vec::new(),
            errors: Vec::new(),
        };
        walk(&api.root, &[], &[], api, &mut surface);
        surface
    }
}

fn walk(module: &Module, names: &[&str], idents: &[&str], api: &Api, out: &mut Surface) {
    let mut names = names.to_vec();
    let mut idents = idents.to_vec();
    if !module.name.is_empty() || !module.ident.is_empty() {
        names.push(&module.name);
        idents.push(&module.ident);
        out.modules.push(ModuleDoc {
            key: names.join("/"),
            description: module.description.as_ref().map(|d| d.content.clone()),
        });
    }
    let prefix = idents.join("::");
    let rust_path = |ident: &str| if prefix.is_empty() { ident.to_owned() } else { format!("{prefix}::{ident}") };
    for op in &module.operations {
        let op = operation(op, rust_path(&op.ident), module, api, out);
        out.operations.push(op);
    }
    for hook in &module.webhooks {
        let mut key = names.clone();
        key.push(&hook.name);
        out.webhooks.push(webhook(
            hook,
            key.join("/"),
            rust_path(&format!("parse_{}", hook.ident.trim_start_matches("r#"))),
            module,
        ));
    }
    for child in &module.children {
        walk(child, &names, &idents, api, out);
    }
}

fn operation(op: &Operation, rust_path: String, module: &Module, api: &Api, out: &mut Surface) -> Op {
    let token_field = match &op.token {
        Some(TokenUse { placement: TokenPlacement::BodyField(field), .. }) => Some(field.as_str()),
        _ => None,
    };
    let body = match &op.body {
        None => Body::None,
        Some(BodySpec::Raw { content_type, .. }) => Body::Raw { content_type: content_type.clone() },
        Some(BodySpec::Typed(typed)) => {
            let shape = shape(&typed.root, &module.types, token_field, 0);
            let argument = match &shape {
                Shape::Struct(s) => !s.fields.is_empty() || token_field.is_none(),
                _ => true,
            };
            Body::Typed { format: typed.format, root_element: typed.root_element.clone(), shape, argument }
        }
    };
    let error = response(&op.error, &api.error_types);
    if let Response::Typed { shape: shape @ Shape::Struct(s), .. } = &error
        && !out.errors.iter().any(|(name, _)| name == &s.name)
    {
        out.errors.push((s.name.clone(), shape.clone()));
    }
    let mut statuses: Vec<String> = op
        .documented_statuses
        .iter()
        .map(|(code, name)| {
            format!("{} {}", code.map_or_else(|| "(no status)".to_owned(), |c| c.to_string()), name.trim())
        })
        .collect();
    statuses.sort();
    let mut examples: Vec<String> = op.examples.iter().map(|e| e.text.clone()).collect();
    examples.sort();
    let params_type = (!op.params.is_empty()).then(|| {
        let base = crate::names::camel(&op.ident, "Operation");
        if matches!(op.body, Some(BodySpec::Typed(_))) { format!("{base}Params") } else { format!("{base}Request") }
    });
    Op {
        key: op.key.clone(),
        rust_path,
        method: op.method.clone(),
        path: op.path_template.clone(),
        params: op.params.clone(),
        params_type,
        fixed_headers: op.fixed_headers.clone(),
        token: op.token.clone(),
        body,
        success: response(&op.success, &module.types),
        error,
        description: op.description.as_ref().map(|d| d.content.clone()),
        statuses,
        examples,
    }
}

fn webhook(hook: &Webhook, key: String, rust_path: String, module: &Module) -> Hook {
    let payload = match &hook.payload {
        Some(typed) => Response::Typed {
            format: typed.format,
            root_element: typed.root_element.clone(),
            shape: shape(&typed.root, &module.types, None, 0),
        },
        None => Response::Text,
    };
    let mut examples: Vec<String> = hook.examples.iter().map(|e| e.text.clone()).collect();
    examples.sort();
    Hook {
        key,
        rust_path,
        method: hook.method.clone(),
        path: hook.path_template.clone(),
        payload,
        bearer_variable: hook.bearer_variable.clone(),
        description: hook.description.as_ref().map(|d| d.content.clone()),
        examples,
    }
}

fn response(spec: &ResponseSpec, defs: &[TypeDef]) -> Response {
    match spec {
        ResponseSpec::Empty => Response::Empty,
        ResponseSpec::Text => Response::Text,
        ResponseSpec::Typed(typed) => Response::Typed {
            format: typed.format,
            root_element: typed.root_element.clone(),
            shape: shape(&typed.root, defs, None, 0),
        },
    }
}

/// Expands a field type; `skip` is the root's token field, which the user never sets.
fn shape(ty: &FieldType, defs: &[TypeDef], skip: Option<&str>, depth: usize) -> Shape {
    match ty {
        FieldType::String => Shape::Scalar("String"),
        FieldType::Bool => Shape::Scalar("bool"),
        FieldType::Integer => Shape::Scalar("i64"),
        FieldType::Float => Shape::Scalar("f64"),
        FieldType::Any => Shape::Scalar("serde_json::Value"),
        FieldType::List(inner) => Shape::List(Box::new(shape(inner, defs, None, depth + 1))),
        FieldType::Struct(name) => {
            let def = defs.iter().find(|d| &d.name == name);
            match def {
                Some(def) if depth < MAX_DEPTH => Shape::Struct(StructShape {
                    name: name.clone(),
                    fields: def
                        .fields
                        .iter()
                        .filter(|f| Some(f.wire_name.as_str()) != skip)
                        .map(|f| FieldShape {
                            wire: f.wire_name.clone(),
                            kind: f.kind,
                            rust_name: f.rust_name.clone(),
                            required: f.required && !matches!(f.ty, FieldType::List(_)),
                            ty: shape(&f.ty, defs, None, depth + 1),
                            example: f.example.clone(),
                        })
                        .collect(),
                }),
                _ => Shape::Unresolved(name.clone()),
            }
        }
    }
}
