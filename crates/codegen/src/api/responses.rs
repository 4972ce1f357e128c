//! Saved examples -> how responses decode: success type per operation, error types shared by the crate.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use tango_postman::vars::Scopes;
use tango_postman::{Collection, Diagnostic, Item, RequestItem, SavedResponse, Severity, Variable};

use super::body::{BodyKind, response_body};
use super::{ExampleCase, ExampleSubject, ResponseSpec, TypedBody};
use crate::infer::{self, BodyFormat, InferInput, Inferred, ModuleTypes, Requiredness, Sample, SampleBody};
use crate::names::{self, Namer};
use crate::settings::Settings;

/// Status code of an example; a missing code is taken as 200, which is what Postman shows for it.
pub fn status_of(response: &SavedResponse) -> u16 {
    response.code.unwrap_or(200)
}

/// Whether an example documents success.
pub fn is_success(response: &SavedResponse) -> bool {
    (200..300).contains(&status_of(response))
}

/// The key error bodies are grouped by: format and XML root element.
fn error_key(format: BodyFormat, text: &str) -> Option<(BodyFormat, String)> {
    match format {
        BodyFormat::Xml => infer::xml_root_name(text).map(|root| (format, root)),
        BodyFormat::Json => Some((format, String::new())),
        BodyFormat::Form => None,
    }
}

/// Error body types, inferred once over every error example of the collection, so that one `<error>`
/// document shape is one type however many operations document it.
#[derive(Debug, Default)]
pub struct ErrorRegistry {
    /// The shared structs.
    pub types: ModuleTypes,
    /// Per group key: the typed body and which example origins it was inferred from.
    groups: IndexMap<(BodyFormat, String), (TypedBody, BTreeSet<String>)>,
    /// What inference reported.
    pub diagnostics: Vec<Diagnostic>,
}

impl ErrorRegistry {
    /// Gathers every non-2xx example body of every (non-webhook) request and infers one type per group.
    pub fn collect(collection: &Collection, settings: &Settings, env_vars: &[Variable]) -> Self {
        let mut grouped: IndexMap<(BodyFormat, String), Vec<Sample>> = IndexMap::new();
        let mut requests = Vec::new();
        gather(&collection.items, settings, &mut requests);
        for request in requests {
            for response in request.responses.iter().filter(|r| !is_success(r)) {
                if let BodyKind::Structured(format, SampleBody::Text(text)) = response_body(response)
                    && let Some(key) = error_key(format, &text)
                {
                    let origin = example_origin(request, response);
                    grouped.entry(key).or_default().push(Sample { body: SampleBody::Text(text), origin });
                }
            }
        }
        let scopes = Scopes::new().with_inner(&collection.variables).with_outer(env_vars);
        let resolve = |name: &str| scopes.get(name).map(str::to_owned);
        let mut registry = Self::default();
        let mut root_names = Namer::new();
        for (key, samples) in grouped {
            let base = match key.0 {
                BodyFormat::Json => "JsonErrorBody".to_owned(),
                _ => format!("{}Body", names::camel(&key.1, "Error")),
            };
            let root_name = root_names.unique(&base);
            let input = InferInput {
                root_name: &root_name,
                format: key.0,
                samples: &samples,
                required: &Requiredness::FromSamples,
                resolve_var: &resolve,
            };
            let Some(inferred) = infer::infer(&input) else { continue };
            registry.diagnostics.extend(inferred.warnings.iter().map(|w| warning("", w)));
            let used: BTreeSet<String> = inferred
                .used_samples
                .iter()
                .filter(|i| !inferred.incomplete_samples.contains(i))
                .filter_map(|&i| samples.get(i))
                .map(|s| s.origin.clone())
                .collect();
            let inferred = registry.types.add(inferred);
            let typed = TypedBody { format: key.0, root: inferred.root, root_element: inferred.root_element };
            registry.groups.insert(key, (typed, used));
        }
        registry
    }

    /// The typed error body an example was grouped into, if it was used for inference.
    pub fn typed_for(&self, request: &RequestItem, response: &SavedResponse) -> Option<&TypedBody> {
        let BodyKind::Structured(format, SampleBody::Text(text)) = response_body(response) else { return None };
        let key = error_key(format, &text)?;
        let (typed, used) = self.groups.get(&key)?;
        used.contains(&example_origin(request, response)).then_some(typed)
    }
}

pub fn gather<'a>(items: &'a [Item], settings: &Settings, out: &mut Vec<&'a RequestItem>) {
    for item in items {
        match item {
            Item::Folder(folder) if settings.is_callback_folder(&folder.name) => {}
            Item::Folder(folder) => gather(&folder.items, settings, out),
            Item::Request(request) => out.push(request),
        }
    }
}

/// Names an example for warnings and test docs; unique because it carries the example's JSON pointer.
pub fn example_origin(request: &RequestItem, response: &SavedResponse) -> String {
    format!(
        "example \"{}\" ({}) of \"{}\" at {}",
        response.name,
        response.code.map_or_else(|| "no status".to_owned(), |c| c.to_string()),
        request.name,
        response.pointer
    )
}

/// A warning with a pointer.
pub fn warning(pointer: &str, message: &str) -> Diagnostic {
    Diagnostic { severity: Severity::Warning, pointer: pointer.to_owned(), message: message.to_owned() }
}

/// What a request's examples say about its responses.
pub struct ResponsePlan {
    /// How 2xx bodies decode.
    pub success: ResponseSpec,
    /// How error bodies decode.
    pub error: ResponseSpec,
    /// Round-trip cases for typed examples.
    pub examples: Vec<ExampleCase>,
}

/// Decides success and error decoding for one request and lists its typed examples.
pub fn plan(
    request: &RequestItem,
    op_ident: &str,
    types: &mut ModuleTypes,
    registry: &ErrorRegistry,
    resolve: &dyn Fn(&str) -> Option<String>,
    test_names: &mut Namer,
    diagnostics: &mut Vec<Diagnostic>,
) -> ResponsePlan {
    let mut examples = Vec::new();
    let success = success_spec(request, op_ident, types, resolve, test_names, &mut examples, diagnostics);
    let mut error = ResponseSpec::Text;
    for response in request.responses.iter().filter(|r| !is_success(r)) {
        if let Some(typed) = registry.typed_for(request, response) {
            if let ResponseSpec::Text = error {
                error = ResponseSpec::Typed(typed.clone());
            }
            let same_type = matches!(&error, ResponseSpec::Typed(t) if t == typed);
            if let (true, Some(text)) = (same_type, &response.body) {
                let case = ResponseCase { request, response, subject: ExampleSubject::Error, typed, text };
                push_response_case(case, op_ident, test_names, &mut examples, diagnostics);
            }
        }
    }
    ResponsePlan { success, error, examples }
}

fn success_spec(
    request: &RequestItem,
    op_ident: &str,
    types: &mut ModuleTypes,
    resolve: &dyn Fn(&str) -> Option<String>,
    test_names: &mut Namer,
    examples: &mut Vec<ExampleCase>,
    diagnostics: &mut Vec<Diagnostic>,
) -> ResponseSpec {
    let successes: Vec<&SavedResponse> = request.responses.iter().filter(|r| is_success(r)).collect();
    if successes.is_empty() {
        return ResponseSpec::Text;
    }
    let kinds: Vec<BodyKind> = successes.iter().map(|r| response_body(r)).collect();
    if kinds.iter().all(|k| *k == BodyKind::Empty) {
        return ResponseSpec::Empty;
    }
    let structured: Vec<(usize, BodyFormat)> = kinds
        .iter()
        .enumerate()
        .filter_map(|(i, k)| match k {
            BodyKind::Structured(f, _) => Some((i, *f)),
            _ => None,
        })
        .collect();
    let Some(&(_, format)) = structured.first() else { return ResponseSpec::Text };
    let texts = kinds.iter().filter(|k| matches!(k, BodyKind::Text(_))).count();
    if texts > 0 || structured.iter().any(|(_, f)| *f != format) {
        diagnostics.push(warning(
            &request.pointer,
            &format!(
                "\"{}\": its 2xx examples mix text messages and {} documents, so its success body is returned as text",
                request.name,
                super::body::format_name(format)
            ),
        ));
        return ResponseSpec::Text;
    }
    let samples: Vec<Sample> = structured
        .iter()
        .filter_map(|&(i, _)| match &kinds[i] {
            BodyKind::Structured(_, body) => {
                Some(Sample { body: body.clone(), origin: example_origin(request, successes[i]) })
            }
            _ => None,
        })
        .collect();
    let root_name = format!("{}Response", names::camel(op_ident, "Operation"));
    let input = InferInput {
        root_name: &root_name,
        format,
        samples: &samples,
        required: &Requiredness::FromSamples,
        resolve_var: resolve,
    };
    let Some(inferred) = infer::infer(&input) else {
        diagnostics.push(warning(
            &request.pointer,
            &format!("\"{}\": no 2xx example parsed, so its success body is returned as text", request.name),
        ));
        return ResponseSpec::Text;
    };
    diagnostics.extend(inferred.warnings.iter().map(|w| warning(&request.pointer, w)));
    let used: Vec<usize> =
        inferred.used_samples.iter().copied().filter(|i| !inferred.incomplete_samples.contains(i)).collect();
    let inferred: Inferred = types.add(inferred);
    let typed = TypedBody { format, root: inferred.root, root_element: inferred.root_element };
    for index in used {
        let (Some(sample), Some(&(i, _))) = (samples.get(index), structured.get(index)) else { continue };
        let response = successes[i];
        let SampleBody::Text(text) = &sample.body else { continue };
        let case = ResponseCase { request, response, subject: ExampleSubject::Success, typed: &typed, text };
        push_response_case(case, op_ident, test_names, examples, diagnostics);
    }
    ResponseSpec::Typed(typed)
}

/// A saved response body that round-trips through its type.
struct ResponseCase<'a> {
    request: &'a RequestItem,
    response: &'a SavedResponse,
    subject: ExampleSubject,
    typed: &'a TypedBody,
    text: &'a str,
}

fn push_response_case(
    case: ResponseCase<'_>,
    op_ident: &str,
    test_names: &mut Namer,
    examples: &mut Vec<ExampleCase>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let origin = example_origin(case.request, case.response);
    if !super::body::is_literal_document(case.typed.format, case.text) {
        diagnostics.push(warning(&case.response.pointer, &super::body::template_note(&origin)));
        return;
    }
    // One snake pass over the whole name: a part like `200 OK` would otherwise leave `__` behind.
    let name = names::snake(&format!("{op_ident} {} {}", status_of(case.response), case.response.name), "example");
    examples.push(ExampleCase {
        ident: test_names.unique(&name),
        origin,
        subject: case.subject,
        body: case.typed.clone(),
        text: case.text.to_owned(),
        token_literal: None,
    });
}
