//! Collection -> [`Api`]: the walk over folders and requests.

use tango_postman::vars::Scopes;
use tango_postman::{Auth, Collection, Diagnostic, Environment, Folder, Item, RequestItem, Severity, Variable};

use super::operation::{ModuleState, OperationBuilder};
use super::responses::ErrorRegistry;
use super::{Api, EnvironmentPreset, Module};
use crate::names::{self, Namer};
use crate::settings::Settings;

/// Module names the generated crate uses itself.
const RESERVED_MODULES: &[&str] = &["environments", "errors", "general", "examples", "prelude", "client"];

/// Builds the API model. Never fails: what cannot be modelled is reported in [`Api::diagnostics`].
pub fn build(collection: &Collection, extra_environments: &[Environment], settings: &Settings) -> Api {
    let environments: Vec<Environment> = collection.environments.iter().chain(extra_environments).cloned().collect();
    let env_vars: Vec<Variable> = environments.iter().flat_map(|e| e.values.iter().cloned()).collect();
    let mut diagnostics = Vec::new();
    let errors = ErrorRegistry::collect(collection, settings, &env_vars);
    let base = primary_base(collection, settings);
    let mut walker = Walker {
        settings,
        collection_vars: &collection.variables,
        env_vars: &env_vars,
        errors: &errors,
        base: &base,
        diagnostics: &mut diagnostics,
        without_success_example: Vec::new(),
    };
    let root = walker.root_module(collection);
    walker.report_missing_success_examples();
    if root.operations.is_empty() && root.webhooks.is_empty() && root.children.is_empty() {
        diagnostics.push(no_requests_diagnostic(collection));
    }
    diagnostics.extend(errors.diagnostics.iter().cloned());
    Api {
        title: collection.info.name.clone(),
        version: collection.info.version.clone(),
        description: collection.info.description.clone(),
        published: collection.info.published.clone(),
        environments: presets(&environments, &base, collection, &mut diagnostics),
        root,
        error_types: errors.types.defs().to_vec(),
        diagnostics,
    }
}

/// The warning for a collection with no request items, saying how to get the full export.
fn no_requests_diagnostic(collection: &Collection) -> Diagnostic {
    let mut message = String::from(
        "the collection holds no requests: it is documentation metadata (info, description, environments) only, \
         so the generated crate has crate docs, environments and credentials but no operations",
    );
    if let Some(url) = collection.info.published.as_ref().and_then(super::documenter_url) {
        message.push_str(&format!("; the full collection is served by Postman's documenter at {url}"));
    }
    message.push_str(
        "; export the full collection (Postman: Export, v2.1) into collection/ and run `cargo xtask codegen` again",
    );
    Diagnostic { severity: Severity::Warning, pointer: String::new(), message }
}

/// The base every request is sent to, as written in the collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// A variable, `{{url}}`: environments give its value.
    Variable(String),
    /// A literal origin, `https://api.example.com`.
    Literal(String),
    /// No request names a base.
    None,
}

impl Base {
    /// How requests write it.
    pub fn expression(&self) -> String {
        match self {
            Base::Variable(name) => format!("{{{{{name}}}}}"),
            Base::Literal(origin) => origin.clone(),
            Base::None => String::new(),
        }
    }
}

/// The settings' base variable when any request uses it, else the base most requests use (first seen on a
/// tie), so a collection written around `{{baseUrl}}` needs no settings.
fn primary_base(collection: &Collection, settings: &Settings) -> Base {
    let mut requests = Vec::new();
    super::responses::gather(&collection.items, settings, &mut requests);
    let constants = Scopes::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for request in requests {
        let base = super::path::split(&request.request.url, &constants).base;
        match counts.iter_mut().find(|(b, _)| *b == base) {
            Some((_, n)) => *n += 1,
            None => counts.push((base, 1)),
        }
    }
    let configured = format!("{{{{{}}}}}", settings.base_url_variable);
    if counts.iter().any(|(b, _)| *b == configured) {
        return Base::Variable(settings.base_url_variable.clone());
    }
    let best =
        counts.iter().enumerate().max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i))).map(|(_, (b, _))| b.clone());
    match best {
        None => Base::Variable(settings.base_url_variable.clone()),
        Some(b) if b.is_empty() => Base::None,
        Some(b) => match tango_postman::vars::whole_reference(&b) {
            Some(name) => Base::Variable(name.to_owned()),
            None => Base::Literal(b),
        },
    }
}

fn presets(
    environments: &[Environment],
    base: &Base,
    collection: &Collection,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<EnvironmentPreset> {
    let mut namer = Namer::new();
    let mut out = Vec::new();
    let is_url = |v: &str| (v.starts_with("http://") || v.starts_with("https://")) && !v.contains("{{");
    match base {
        Base::Literal(origin) if is_url(origin) => out.push(EnvironmentPreset {
            name: "Collection".to_owned(),
            ident: namer.unique("COLLECTION"),
            base_url: origin.trim_end_matches('/').to_owned(),
        }),
        Base::Variable(name) => {
            let value = collection.variables.iter().find(|v| v.key == *name && !v.disabled);
            if let Some(v) = value.filter(|v| is_url(&v.value)) {
                out.push(EnvironmentPreset {
                    name: format!("Collection variable {name}"),
                    ident: namer.unique("COLLECTION"),
                    base_url: v.value.trim_end_matches('/').to_owned(),
                });
            }
        }
        _ => {}
    }
    let Base::Variable(variable) = base else { return out };
    for (index, env) in environments.iter().enumerate() {
        let base = env.values.iter().find(|v| v.key == *variable && !v.disabled);
        match base {
            Some(v) if is_url(&v.value) => out.push(EnvironmentPreset {
                name: env.name.clone(),
                ident: namer.unique(&names::screaming(&env.name, "ENVIRONMENT")),
                base_url: v.value.trim_end_matches('/').to_owned(),
            }),
            _ => diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                pointer: format!("/environments/{index}"),
                message: format!(
                    "environment `{}` has no absolute `{variable}` URL: no preset generated for it",
                    env.name
                ),
            }),
        }
    }
    out
}

/// The walk's state.
struct Walker<'a> {
    settings: &'a Settings,
    collection_vars: &'a [Variable],
    env_vars: &'a [Variable],
    errors: &'a ErrorRegistry,
    base: &'a Base,
    diagnostics: &'a mut Vec<Diagnostic>,
    without_success_example: Vec<String>,
}

impl<'a> Walker<'a> {
    fn root_module(&mut self, collection: &'a Collection) -> Module {
        let mut root = Module { pointer: String::new(), ..Module::default() };
        let mut child_names = Namer::new();
        RESERVED_MODULES.iter().for_each(|r| child_names.reserve(r));
        let mut loose: Vec<&RequestItem> = Vec::new();
        let scopes = Scopes::new().with_inner(self.collection_vars);
        for item in &collection.items {
            match item {
                Item::Folder(folder) => {
                    let ident = child_names.unique(&names::snake(&folder.name, "folder"));
                    let module = self.folder(folder, ident, &[], false, &scopes, collection.auth.as_ref());
                    root.children.push(module);
                }
                Item::Request(request) => loose.push(request),
            }
        }
        if !loose.is_empty() {
            let mut general = Module {
                name: "General".to_owned(),
                ident: "general".to_owned(),
                pointer: String::new(),
                ..Module::default()
            };
            let mut state = ModuleState::default();
            for request in loose {
                self.request(request, &[], false, &scopes, collection.auth.as_ref(), &mut general, &mut state);
            }
            general.types = state.types.defs().to_vec();
            root.children.insert(0, general);
        }
        root
    }

    fn folder(
        &mut self,
        folder: &'a Folder,
        ident: String,
        parents: &[&'a str],
        in_callbacks: bool,
        outer: &Scopes<'a>,
        outer_auth: Option<&'a Auth>,
    ) -> Module {
        let auth = folder.auth.as_ref().or(outer_auth);
        let callbacks = in_callbacks || self.settings.is_callback_folder(&folder.name);
        let scopes = outer.with_inner(&folder.variables);
        let mut path: Vec<&'a str> = parents.to_vec();
        path.push(folder.name.trim());
        let mut module = Module {
            name: folder.name.trim().to_owned(),
            ident,
            description: folder.description.clone(),
            pointer: folder.pointer.clone(),
            ..Module::default()
        };
        let mut state = ModuleState::default();
        let mut child_names = Namer::new();
        child_names.reserve("examples");
        // `subscribers::subscribers` would trip clippy's module_inception lint in the generated crate.
        child_names.reserve(&module.ident);
        for item in &folder.items {
            match item {
                Item::Folder(child) => {
                    let ident = child_names.unique(&names::snake(&child.name, "folder"));
                    // Operations and child modules share one namespace only through `pub mod` vs `pub fn`,
                    // which Rust keeps apart, so only sibling modules need distinct names.
                    let child_module = self.folder(child, ident, &path, callbacks, &scopes, auth);
                    module.children.push(child_module);
                }
                Item::Request(request) => {
                    self.request(request, &path, callbacks, &scopes, auth, &mut module, &mut state)
                }
            }
        }
        module.types = state.types.defs().to_vec();
        module
    }

    #[allow(clippy::too_many_arguments)]
    fn request(
        &mut self,
        item: &'a RequestItem,
        folders: &[&'a str],
        callback: bool,
        scopes: &Scopes<'a>,
        auth: Option<&'a Auth>,
        module: &mut Module,
        state: &mut ModuleState,
    ) {
        let scopes = scopes.with_inner(&item.variables);
        let resolve_scopes = scopes.with_outer(self.env_vars);
        let builder = OperationBuilder {
            settings: self.settings,
            item,
            folders,
            constants: &scopes,
            resolver: &resolve_scopes,
            errors: self.errors,
            base: self.base,
            inherited_auth: auth,
            state,
            diagnostics: self.diagnostics,
        };
        if callback {
            let webhook = builder.webhook();
            module.webhooks.push(webhook);
        } else {
            let operation = builder.operation();
            if operation.documented_statuses.iter().all(|(code, _)| !(200..300).contains(&code.unwrap_or(200))) {
                self.without_success_example.push(operation.key.clone());
            }
            module.operations.push(operation);
        }
    }

    fn report_missing_success_examples(&mut self) {
        let missing = &self.without_success_example;
        if missing.is_empty() {
            return;
        }
        let shown: Vec<&str> = missing.iter().take(10).map(String::as_str).collect();
        let more = missing.len().saturating_sub(shown.len());
        let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
        self.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            pointer: String::new(),
            message: format!(
                "{} operation(s) have no saved 2xx example, so their success bodies are returned as text: {}{tail}",
                missing.len(),
                shown.join(", ")
            ),
        });
    }
}
