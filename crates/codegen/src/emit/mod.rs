//! API model -> the files of a generated crate: Rust tokens built with quote, printed by prettyplease.
//!
//! Pure: nothing here touches the disk. [`emit`] returns every file with its path relative to the crate root;
//! the same model always gives byte-identical files.

mod crate_files;
mod examples;
mod operations;
mod rustdoc;
mod types;
mod webhooks;

pub use crate_files::{CrateOptions, RuntimeDependency};

use proc_macro2::TokenStream;
use quote::quote;

use crate::api::{Api, BodySpec, Module, TokenPlacement, TypedBody};
use crate::infer::{FieldType, TypeDef};
use crate::settings::Settings;

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate root, `/`-separated.
    pub path: String,
    /// Its full text.
    pub contents: String,
}

/// Why emission failed: the tokens built for a file did not parse as Rust, which is a generator bug; the
/// message names the file so the bug can be reported.
#[derive(Debug, thiserror::Error)]
#[error("internal generator error in {path}: {message}")]
pub struct EmitError {
    /// The file being generated.
    pub path: String,
    /// What syn said.
    pub message: String,
}

/// Gives every `#[doc = "..."]` line the leading space that `/// text` comments have, so doc text can be
/// built without caring how prettyplease prints it.
struct DocSpacing;

impl syn::visit_mut::VisitMut for DocSpacing {
    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if !attr.path().is_ident("doc") {
            return;
        }
        if let syn::Meta::NameValue(nv) = &mut attr.meta
            && let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) = &mut nv.value
        {
            let value = text.value();
            if !value.is_empty() && !value.starts_with(' ') {
                *text = syn::LitStr::new(&format!(" {value}"), text.span());
            }
        }
    }
}

/// Prints tokens as a Rust file with the generated-code preamble.
fn render(path: &str, tokens: TokenStream, preamble: &str) -> Result<GeneratedFile, EmitError> {
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| EmitError { path: path.to_owned(), message: e.to_string() })?;
    syn::visit_mut::VisitMut::visit_file_mut(&mut DocSpacing, &mut file);
    // prettyplease puts no blank line between items; printing them one by one and joining them with one
    // keeps the file readable without touching what is inside an item (example text, say).
    let mut sections = Vec::new();
    let mut header = file.clone();
    header.items.clear();
    file.attrs.clear();
    let header_text = prettyplease::unparse(&header);
    if !header_text.trim().is_empty() {
        sections.push(header_text.trim_end().to_owned());
    }
    let items = std::mem::take(&mut file.items);
    for item in items {
        let mut single = file.clone();
        single.items = vec![item];
        sections.push(prettyplease::unparse(&single).trim_end().to_owned());
    }
    Ok(GeneratedFile { path: path.to_owned(), contents: format!("{preamble}{}\n", sections.join("\n\n")) })
}

/// Emits every file of the crate.
pub fn emit(api: &Api, settings: &Settings, options: &CrateOptions) -> Result<Vec<GeneratedFile>, EmitError> {
    let preamble = options.preamble();
    let mut files =
        vec![GeneratedFile { path: "Cargo.toml".to_owned(), contents: crate_files::manifest(api, options) }];
    files.push(render("src/lib.rs", crate_files::lib_rs(api, settings, options), &preamble)?);
    files.push(render("src/environments.rs", crate_files::environments(api), &preamble)?);
    if !api.error_types.is_empty() {
        files.push(render("src/errors.rs", crate_files::errors(api), &preamble)?);
    }
    for child in &api.root.children {
        module_files(child, "src", "", settings, &preamble, &mut files)?;
    }
    Ok(files)
}

fn module_files(
    module: &Module,
    dir: &str,
    parent_path: &str,
    settings: &Settings,
    preamble: &str,
    files: &mut Vec<GeneratedFile>,
) -> Result<(), EmitError> {
    let module_path =
        if parent_path.is_empty() { module.ident.clone() } else { format!("{parent_path}::{}", module.ident) };
    let file_path = format!("{dir}/{}.rs", module.ident);
    let child_dir = format!("{dir}/{}", module.ident);
    let tests = examples::module_tests(module);
    files.push(render(&file_path, module_tokens(module, &module_path, settings, tests.is_some()), preamble)?);
    if let Some(tests) = tests {
        files.push(render(&format!("{child_dir}/examples.rs"), tests, preamble)?);
    }
    for child in &module.children {
        module_files(child, &child_dir, &module_path, settings, preamble, files)?;
    }
    Ok(())
}

/// Which struct of the module is an operation's request root that leaves out the token field.
fn token_skip<'a>(module: &'a Module, def: &TypeDef) -> Option<&'a str> {
    module.operations.iter().find_map(|op| {
        let Some(BodySpec::Typed(typed)) = &op.body else { return None };
        let TokenPlacement::BodyField(field) = &op.token.as_ref()?.placement else { return None };
        matches!(&typed.root, FieldType::Struct(name) if *name == def.name).then_some(field.as_str())
    })
}

/// The documented bodies of a module, each with the doc its root struct gets.
fn module_bodies(module: &Module) -> Vec<(&TypedBody, String)> {
    let mut bodies = Vec::new();
    for op in &module.operations {
        let name = op.ident.trim_start_matches("r#");
        if let Some(BodySpec::Typed(t)) = &op.body {
            bodies.push((t, format!("Request body of [`{name}`].")));
        }
        if let crate::api::ResponseSpec::Typed(t) = &op.success {
            bodies.push((t, format!("Success body of [`{name}`].")));
        }
    }
    for hook in &module.webhooks {
        if let Some(t) = &hook.payload {
            bodies.push((t, format!("Payload of the {} webhook.", rustdoc::plain(&hook.name))));
        }
    }
    bodies
}

/// The format a struct is written in, its root element when it is a body root, and its doc. A nested struct
/// takes the format of any body that reaches it: all bodies of one tree share one.
fn struct_context<'a>(
    bodies: &[(&'a TypedBody, String)],
    defs: &[TypeDef],
    def: &TypeDef,
) -> (crate::infer::BodyFormat, Option<&'a str>, String) {
    if let Some((typed, doc)) = bodies.iter().find(|(t, _)| matches!(&t.root, FieldType::Struct(n) if *n == def.name)) {
        return (typed.format, typed.root_element.as_deref(), doc.clone());
    }
    let format = bodies
        .iter()
        .find(|(t, _)| reaches(defs, &t.root, &def.name, 0))
        .map_or(crate::infer::BodyFormat::Xml, |(t, _)| t.format);
    (format, None, nested_doc(def, format))
}

fn nested_doc(def: &TypeDef, format: crate::infer::BodyFormat) -> String {
    match format {
        crate::infer::BodyFormat::Xml => format!("The {} element.", rustdoc::code(&format!("<{}>", def.wire_name))),
        _ => format!("The {} object.", rustdoc::code(&def.wire_name)),
    }
}

/// Whether `ty` reaches struct `target` through `defs` (bounded: type graphs are shallow, and a cycle must
/// not loop).
fn reaches(defs: &[TypeDef], ty: &FieldType, target: &str, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    match ty {
        FieldType::Struct(name) if name == target => true,
        FieldType::Struct(name) => defs
            .iter()
            .find(|d| &d.name == name)
            .is_some_and(|d| d.fields.iter().any(|f| reaches(defs, &f.ty, target, depth + 1))),
        FieldType::List(inner) => reaches(defs, inner, target, depth + 1),
        _ => false,
    }
}

fn module_tokens(module: &Module, module_path: &str, settings: &Settings, has_tests: bool) -> TokenStream {
    let mut doc = format!("# {}\n\n", rustdoc::plain(&module.name));
    let description = rustdoc::description(module.description.as_ref(), settings, 1);
    if description.trim().is_empty() {
        doc.push_str(&format!("Requests of the {} folder.", rustdoc::plain(&module.name)));
    } else {
        doc.push_str(&description);
    }
    let doc = rustdoc::inner(&doc);
    let children = module.children.iter().map(|c| {
        let name = types::ident(&c.ident);
        let summary = rustdoc::summary(c.description.as_ref(), settings, 120)
            .unwrap_or_else(|| format!("Requests of the {} folder.", rustdoc::plain(&c.name)));
        quote! { #[doc = #summary] pub mod #name; }
    });
    let token_only_roots: Vec<&str> = module
        .operations
        .iter()
        .filter(|op| operations::token_only_body(op, &module.types))
        .filter_map(|op| match &op.body {
            Some(BodySpec::Typed(typed)) => match &typed.root {
                FieldType::Struct(name) => Some(name.as_str()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let bodies = module_bodies(module);
    let structs = module.types.iter().filter(|def| !token_only_roots.contains(&def.name.as_str())).map(|def| {
        let (format, root, doc) = struct_context(&bodies, &module.types, def);
        types::struct_def(def, format, root, token_skip(module, def), &doc)
    });
    let operations =
        module.operations.iter().map(|op| operations::operation(op, module_path, &module.types, settings).items);
    let webhooks = module.webhooks.iter().filter_map(|h| webhooks::webhook(h, settings));
    let tests = has_tests.then(|| quote! { #[cfg(test)] mod examples; });
    quote! {
        #doc
        #(#children)*
        #(#structs)*
        #(#operations)*
        #(#webhooks)*
        #tests
    }
}
