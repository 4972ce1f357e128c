//! One request item -> an [`Operation`] or a [`Webhook`].

use tango_postman::vars::{Scopes, references, whole_reference};
use tango_postman::{Auth, Diagnostic, KeyValue, Request, RequestItem, Severity};

use super::body::{self, BodyKind, form_text};
use super::path::{self, Part};
use super::responses::{self, ErrorRegistry, example_origin, warning};
use super::{
    BodySpec, ExampleCase, ExampleSubject, Operation, Param, ParamLocation, TokenPlacement, TokenUse, TypedBody,
    Webhook,
};
use crate::infer::{self, BodyFormat, InferInput, ModuleTypes, Requiredness, Sample, SampleBody};
use crate::names::{self, Namer};
use crate::settings::Settings;

/// Headers the runtime sets itself; a collection's values for them are not parameters.
const MANAGED_HEADERS: &[&str] = &["content-type", "accept", "content-length", "host", "user-agent", "connection"];

/// Per-module naming and type state, shared by the module's requests.
#[derive(Debug, Default)]
pub struct ModuleState {
    /// Structs of the module.
    pub types: ModuleTypes,
    /// Function names.
    pub op_names: Namer,
    /// Test names.
    pub test_names: Namer,
}

/// Builds one operation or webhook.
pub struct OperationBuilder<'a, 'b> {
    /// Settings.
    pub settings: &'a Settings,
    /// The request item.
    pub item: &'a RequestItem,
    /// Folder names from the root.
    pub folders: &'b [&'a str],
    /// Collection and folder variables (constants baked into paths).
    pub constants: &'b Scopes<'a>,
    /// Every scope, environments last (used only to pick types).
    pub resolver: &'b Scopes<'a>,
    /// Shared error types.
    pub errors: &'a ErrorRegistry,
    /// The base most requests use.
    pub base: &'a super::build::Base,
    /// Auth inherited from folders and the collection, innermost first.
    pub inherited_auth: Option<&'a Auth>,
    /// The module's state.
    pub state: &'b mut ModuleState,
    /// Where diagnostics go.
    pub diagnostics: &'b mut Vec<Diagnostic>,
}

impl OperationBuilder<'_, '_> {
    fn key(&self) -> String {
        let mut key: Vec<&str> = self.folders.to_vec();
        key.push(self.item.name.trim());
        key.join("/")
    }

    fn mandatory(&self) -> Option<Vec<String>> {
        let description = self.item.description.as_ref().or(self.item.request.description.as_ref())?;
        infer::mandatory_fields(&self.settings.clean_doc(&description.content))
    }

    fn warn(&mut self, message: String) {
        self.diagnostics.push(Diagnostic { severity: Severity::Warning, pointer: self.item.pointer.clone(), message });
    }

    fn unsupported(&mut self, message: String) {
        self.diagnostics.push(Diagnostic {
            severity: Severity::Unsupported,
            pointer: self.item.pointer.clone(),
            message,
        });
    }

    /// The request as an operation.
    pub fn operation(mut self) -> Operation {
        let request: &Request = &self.item.request;
        let ident = self.state.op_names.unique(&names::snake(&self.item.name, "operation"));
        let mandatory = self.mandatory();
        let split = path::split(&request.url, self.constants);
        let primary = self.base.expression();
        if split.base != primary && !split.base.is_empty() {
            self.warn(format!(
                "\"{}\" is sent to `{}`, not to `{primary}` like the other requests: the generated call sends \
                 it to the client's base URL",
                self.item.name, split.base
            ));
        }
        let mut param_names = Namer::new();
        let mut params = Vec::new();
        let mut token: Option<TokenUse> = None;
        for segment in &split.segments {
            for part in &segment.parts {
                if let Part::Param(name) = part {
                    if params.iter().any(|p: &Param| p.location == ParamLocation::Path && &p.wire_name == name) {
                        continue;
                    }
                    let doc = request.url.variables.iter().find(|v| &v.key == name);
                    params.push(Param {
                        wire_name: name.clone(),
                        ident: param_names.unique(&names::snake(name, "param")),
                        location: ParamLocation::Path,
                        required: true,
                        example: doc.map(|d| d.value.clone()).filter(|v| !v.is_empty() && whole_reference(v).is_none()),
                        description: doc.and_then(|d| d.description.clone()),
                    });
                }
            }
        }
        for query in &request.url.query {
            if query.key.trim().is_empty() {
                self.warn(format!("\"{}\": a query parameter without a name was left out", self.item.name));
                continue;
            }
            if let Some(kind) = whole_reference(&query.value).and_then(|v| self.settings.token_kind(v).map(|k| (v, k)))
            {
                let placement = TokenPlacement::Query(query.key.clone());
                self.set_token(&mut token, kind.1, kind.0, placement);
                continue;
            }
            let required = is_required(&query.key, query.disabled, mandatory.as_deref());
            params.push(value_param(query, ParamLocation::Query, required, &mut param_names));
        }
        let mut fixed_headers = Vec::new();
        for header in &request.headers {
            let lower = header.key.trim().to_ascii_lowercase();
            if lower.is_empty() || MANAGED_HEADERS.contains(&lower.as_str()) {
                continue;
            }
            if let Some((variable, kind, prefix)) = self.token_in_text(&header.value) {
                let placement = TokenPlacement::Header { name: header.key.trim().to_owned(), prefix };
                self.set_token(&mut token, kind, &variable, placement);
                continue;
            }
            let has_reference = references(&header.value).next().is_some();
            if header.disabled || has_reference {
                let required = !header.disabled && is_required(&header.key, false, mandatory.as_deref());
                params.push(value_param(header, ParamLocation::Header, required, &mut param_names));
            } else {
                fixed_headers.push((header.key.trim().to_owned(), header.value.clone()));
            }
        }
        if token.is_none()
            && let Some((variable, kind, placement)) = self.auth_token()
        {
            self.set_token(&mut token, kind, &variable, placement);
        }
        let (body, body_examples, body_token) = self.request_body(&ident, mandatory.as_ref(), "Request");
        if let Some((variable, kind, field)) = body_token {
            // A token in the body is where the API reads it; it wins over headers or query.
            token = Some(TokenUse { kind, variable, placement: TokenPlacement::BodyField(field) });
        }
        let resolver = self.resolver;
        let resolve = |name: &str| resolver.get(name).map(str::to_owned);
        let plan = responses::plan(
            self.item,
            &ident,
            &mut self.state.types,
            self.errors,
            &resolve,
            &mut self.state.test_names,
            self.diagnostics,
        );
        let mut examples = body_examples;
        examples.extend(plan.examples);
        let documented_statuses = self.item.responses.iter().map(|r| (r.code, r.name.clone())).collect();
        let key = self.key();
        Operation {
            name: self.item.name.trim().to_owned(),
            ident,
            idempotent: self.settings.operations.get(&key).is_some_and(|o| o.idempotent),
            key,
            pointer: self.item.pointer.clone(),
            description: self.item.description.clone().or_else(|| request.description.clone()),
            method: request.method.clone(),
            path: split.segments,
            path_template: split.template,
            params,
            fixed_headers,
            token,
            body,
            success: plan.success,
            error: plan.error,
            documented_statuses,
            mandatory,
            examples,
        }
    }

    /// The request as a webhook Tango sends.
    pub fn webhook(mut self) -> Webhook {
        let request: &Request = &self.item.request;
        let ident = self.state.op_names.unique(&names::snake(&self.item.name, "webhook"));
        let bearer_variable = body::header(&request.headers, "authorization")
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .and_then(whole_reference)
            .map(str::to_owned);
        let split = path::split(&request.url, self.constants);
        let mandatory = self.mandatory();
        let (spec, examples, _) = self.request_body(&ident, mandatory.as_ref(), "Payload");
        let payload = match spec {
            Some(BodySpec::Typed(typed)) => Some(typed),
            Some(BodySpec::Raw { reason, .. }) => {
                self.warn(format!("webhook \"{}\": payload left untyped: {reason}", self.item.name));
                None
            }
            None => None,
        };
        let examples = examples.into_iter().map(|e| ExampleCase { subject: ExampleSubject::Webhook, ..e }).collect();
        Webhook {
            name: self.item.name.trim().to_owned(),
            ident,
            pointer: self.item.pointer.clone(),
            description: self.item.description.clone().or_else(|| request.description.clone()),
            method: request.method.clone(),
            path_template: split.template,
            payload,
            bearer_variable,
            examples,
        }
    }

    fn set_token(
        &mut self,
        slot: &mut Option<TokenUse>,
        kind: crate::settings::TokenKind,
        variable: &str,
        placement: TokenPlacement,
    ) {
        match slot {
            Some(existing) => self.warn(format!(
                "\"{}\" carries a second token (`{{{{{variable}}}}}`); only the first ({:?}) is filled by the client",
                self.item.name, existing.placement
            )),
            None => *slot = Some(TokenUse { kind, variable: variable.to_owned(), placement }),
        }
    }

    /// `Bearer {{resellertoken}}` -> (`resellertoken`, kind, `Bearer `).
    fn token_in_text(&self, text: &str) -> Option<(String, crate::settings::TokenKind, String)> {
        let start = text.find("{{")?;
        let end = text[start..].find("}}")? + start + 2;
        let name = whole_reference(&text[start..end])?;
        let kind = self.settings.token_kind(name)?;
        text[end..].trim().is_empty().then(|| (name.to_owned(), kind, text[..start].to_owned()))
    }

    fn auth_token(&mut self) -> Option<(String, crate::settings::TokenKind, TokenPlacement)> {
        let auth = self.item.request.auth.as_ref().or(self.inherited_auth)?;
        let param = |name: &str| auth.params.iter().find(|p| p.key == name).map(|p| p.value.as_str());
        match auth.kind.as_str() {
            "noauth" | "" => None,
            "bearer" => {
                let value = param("token").unwrap_or_default();
                match whole_reference(value).and_then(|v| self.settings.token_kind(v).map(|k| (v.to_owned(), k))) {
                    Some((variable, kind)) => Some((
                        variable,
                        kind,
                        TokenPlacement::Header { name: "Authorization".to_owned(), prefix: "Bearer ".to_owned() },
                    )),
                    None => {
                        self.unsupported(format!(
                            "\"{}\": bearer auth with `{value}` is not a configured token variable; add it to \
                             `tokens` in the codegen settings to have the client send it",
                            self.item.name
                        ));
                        None
                    }
                }
            }
            "apikey" => {
                let key = param("key").unwrap_or("api_key").to_owned();
                let value = param("value").unwrap_or_default();
                let found = whole_reference(value).and_then(|v| self.settings.token_kind(v).map(|k| (v.to_owned(), k)));
                match found {
                    Some((variable, kind)) if param("in") == Some("query") => {
                        Some((variable, kind, TokenPlacement::Query(key)))
                    }
                    Some((variable, kind)) => {
                        Some((variable, kind, TokenPlacement::Header { name: key, prefix: String::new() }))
                    }
                    None => {
                        self.unsupported(format!(
                            "\"{}\": apikey auth `{key}` with `{value}` is not a configured token variable",
                            self.item.name
                        ));
                        None
                    }
                }
            }
            other => {
                self.unsupported(format!(
                    "\"{}\": `{other}` auth is not supported; the generated call sends no credentials for it",
                    self.item.name
                ));
                None
            }
        }
    }

    /// The request body spec, its round-trip cases, and a token field found at its top level.
    #[allow(clippy::type_complexity)]
    fn request_body(
        &mut self,
        op_ident: &str,
        mandatory: Option<&Vec<String>>,
        type_suffix: &str,
    ) -> (Option<BodySpec>, Vec<ExampleCase>, Option<(String, crate::settings::TokenKind, String)>) {
        let (kind, note) = body::request_body(&self.item.request);
        if let Some(note) = note {
            self.warn(format!("\"{}\": {note}; it is sent as what it is", self.item.name));
        }
        let (format, first) = match kind {
            BodyKind::Empty => return (None, Vec::new(), None),
            BodyKind::Unsupported(mode) => {
                self.unsupported(format!(
                    "\"{}\": {mode} bodies are not supported; the generated call sends no body",
                    self.item.name
                ));
                return (None, Vec::new(), None);
            }
            BodyKind::Text(_) => {
                let content_type = body::header(&self.item.request.headers, "content-type").unwrap_or("text/plain");
                let spec = BodySpec::Raw {
                    content_type: content_type.to_owned(),
                    reason: "the body is plain text".to_owned(),
                };
                return (Some(spec), Vec::new(), None);
            }
            BodyKind::Structured(format, sample) => (format, sample),
        };
        let mut samples = vec![Sample { body: first, origin: format!("request body of \"{}\"", self.item.name) }];
        for response in &self.item.responses {
            let Some(original) = &response.original_request else { continue };
            if let (BodyKind::Structured(f, body), _) = body::request_body(original)
                && f == format
                && samples.iter().all(|s| s.body != body)
            {
                let origin = format!("originalRequest of {}", example_origin(self.item, response));
                samples.push(Sample { body, origin });
            }
        }
        let required = match mandatory {
            Some(list) => Requiredness::Listed(list.clone()),
            None => Requiredness::FromSamples,
        };
        let root_name = format!("{}{type_suffix}", names::camel(op_ident, "Operation"));
        let resolver = self.resolver;
        let resolve = |name: &str| resolver.get(name).map(str::to_owned);
        let input =
            InferInput { root_name: &root_name, format, samples: &samples, required: &required, resolve_var: &resolve };
        let Some(inferred) = infer::infer(&input) else {
            let content_type = content_type_of(format).to_owned();
            let reason = format!("no {} sample of it parsed", body::format_name(format));
            self.warn(format!("\"{}\": request body left untyped: {reason}", self.item.name));
            return (Some(BodySpec::Raw { content_type, reason }), Vec::new(), None);
        };
        for w in &inferred.warnings {
            self.diagnostics.push(warning(&self.item.pointer, w));
        }
        let token = inferred.defs.first().and_then(|root| {
            root.fields.iter().find_map(|f| {
                let variable = f.bound_variable.as_deref()?;
                let kind = self.settings.token_kind(variable)?;
                Some((variable.to_owned(), kind, f.wire_name.clone()))
            })
        });
        let used: Vec<usize> =
            inferred.used_samples.iter().copied().filter(|i| !inferred.incomplete_samples.contains(i)).collect();
        let inferred = self.state.types.add(inferred);
        let typed = TypedBody { format, root: inferred.root, root_element: inferred.root_element };
        let mut examples = Vec::new();
        for (n, index) in used.into_iter().enumerate() {
            let Some(sample) = samples.get(index) else { continue };
            let text = match &sample.body {
                SampleBody::Text(text) => text.clone(),
                SampleBody::Form(pairs) => form_text(pairs),
            };
            if !body::is_literal_document(format, &text) {
                self.warn(body::template_note(&sample.origin));
                continue;
            }
            let subject = type_suffix.to_ascii_lowercase();
            let base = if n == 0 { format!("{op_ident}_{subject}") } else { format!("{op_ident}_{subject}_{}", n + 1) };
            examples.push(ExampleCase {
                ident: self.state.test_names.unique(&base),
                origin: sample.origin.clone(),
                subject: ExampleSubject::Request,
                body: typed.clone(),
                text,
                token_literal: token.as_ref().map(|(variable, _, _)| format!("{{{{{variable}}}}}")),
            });
        }
        (Some(BodySpec::Typed(typed)), examples, token)
    }
}

/// The content type a format is sent with.
pub fn content_type_of(format: BodyFormat) -> &'static str {
    match format {
        BodyFormat::Xml => "application/xml",
        BodyFormat::Json => "application/json",
        BodyFormat::Form => "application/x-www-form-urlencoded",
    }
}

fn normalize(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Query and header parameters: listed ones are required; without a list, enabled ones are.
fn is_required(name: &str, disabled: bool, mandatory: Option<&[String]>) -> bool {
    match mandatory {
        Some(list) => list.iter().any(|m| normalize(m) == normalize(name)),
        None => !disabled,
    }
}

fn value_param(kv: &KeyValue, location: ParamLocation, required: bool, names_in_use: &mut Namer) -> Param {
    Param {
        wire_name: kv.key.trim().to_owned(),
        ident: names_in_use.unique(&names::snake(&kv.key, "param")),
        location,
        required,
        example: Some(kv.value.clone()).filter(|v| !v.is_empty() && references(v).next().is_none()),
        description: kv.description.clone(),
    }
}
