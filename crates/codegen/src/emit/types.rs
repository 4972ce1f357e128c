//! Inferred structs -> Rust structs with serde attributes, constructors and setters.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::rustdoc;
use crate::infer::{BodyFormat, Field, FieldKind, FieldType, TypeDef};
use crate::names;

/// Where the structs a type refers to live, relative to the code that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In the current module.
    Local,
    /// In the crate's `errors` module.
    Errors,
}

/// An identifier from identifier text, escaped for keywords.
pub fn ident(text: &str) -> Ident {
    let escaped = names::escape(text);
    match escaped.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(&escaped, Span::call_site()),
    }
}

/// The Rust type of a field type (without `Option`).
pub fn rust_type(ty: &FieldType, scope: Scope) -> TokenStream {
    match ty {
        FieldType::String => quote!(String),
        FieldType::Bool => quote!(bool),
        FieldType::Integer => quote!(i64),
        FieldType::Float => quote!(f64),
        FieldType::Any => quote!(serde_json::Value),
        FieldType::Struct(name) => {
            let name = ident(name);
            match scope {
                Scope::Local => quote!(#name),
                Scope::Errors => quote!(crate::errors::#name),
            }
        }
        FieldType::List(inner) => {
            let inner = rust_type(inner, scope);
            quote!(Vec<#inner>)
        }
    }
}

/// The serde name of a field on the wire.
pub fn serde_name(field: &Field, format: BodyFormat) -> String {
    match (format, field.kind) {
        (BodyFormat::Xml, FieldKind::Attribute) => format!("@{}", field.wire_name),
        (BodyFormat::Xml, FieldKind::Text) => "$text".to_owned(),
        _ => field.wire_name.clone(),
    }
}

fn is_scalar_needing_text_parse(ty: &FieldType) -> bool {
    matches!(ty, FieldType::Bool | FieldType::Integer | FieldType::Float)
}

/// The declared type of a field, `Option` included.
pub fn field_type(field: &Field) -> TokenStream {
    let ty = rust_type(&field.ty, Scope::Local);
    if field.required || matches!(field.ty, FieldType::List(_)) { ty } else { quote!(Option<#ty>) }
}

/// The `rename` of a field. quick-xml matches prefixed element names (`soap:Body`) by their local name when
/// reading, but must write the prefix: such names get separate serialize and deserialize names.
pub fn rename(field: &Field, format: BodyFormat) -> TokenStream {
    let name = serde_name(field, format);
    match name.split_once(':') {
        Some((_, local)) if format == BodyFormat::Xml && field.kind == FieldKind::Element && !local.is_empty() => {
            quote!(rename(serialize = #name, deserialize = #local))
        }
        _ => quote!(rename = #name),
    }
}

fn field_attrs(field: &Field, format: BodyFormat) -> TokenStream {
    let rename = rename(field, format);
    match (&field.ty, field.required) {
        (FieldType::List(_), _) => quote!(#[serde(#rename, default, skip_serializing_if = "Vec::is_empty")]),
        // `<number type="mobile"/>` has attributes but no text: quick-xml then has no `$text` to give.
        (FieldType::String, _) if field.kind == FieldKind::Text => quote!(#[serde(#rename, default)]),
        (_, true) => quote!(#[serde(#rename)]),
        (ty, false) if format != BodyFormat::Json && is_scalar_needing_text_parse(ty) => quote! {
            #[serde(
                #rename,
                default,
                deserialize_with = "tango_runtime::de::empty_as_none",
                skip_serializing_if = "Option::is_none"
            )]
        },
        (_, false) => quote!(#[serde(#rename, default, skip_serializing_if = "Option::is_none")]),
    }
}

fn field_doc(field: &Field, format: BodyFormat) -> String {
    let place = match (format, field.kind) {
        (BodyFormat::Xml, FieldKind::Element) => {
            format!("The {} element", rustdoc::code(&format!("<{}>", field.wire_name)))
        }
        (BodyFormat::Xml, FieldKind::Attribute) => format!("The {} attribute", rustdoc::code(&field.wire_name)),
        (BodyFormat::Xml, FieldKind::Text) => "The element's text".to_owned(),
        (BodyFormat::Json, _) => format!("The {} key", rustdoc::code(&field.wire_name)),
        (BodyFormat::Form, _) => format!("The {} form field", rustdoc::code(&field.wire_name)),
    };
    let presence = match (&field.ty, field.required) {
        (FieldType::List(_), _) => "repeated; absent when empty",
        (_, true) => "required",
        (_, false) => "optional",
    };
    let mut doc = format!("{place} ({presence}).");
    if let Some(example) = &field.example {
        doc.push_str(&format!(" Example: {}.", rustdoc::code(example)));
    }
    doc
}

/// A struct, its constructor and its setters. `skip` names a field (by wire name) left out of the public
/// struct because the client fills it (the token).
pub fn struct_def(
    def: &TypeDef,
    format: BodyFormat,
    root_element: Option<&str>,
    skip: Option<&str>,
    doc: &str,
) -> TokenStream {
    let name = ident(&def.name);
    let fields: Vec<&Field> = def.fields.iter().filter(|f| Some(f.wire_name.as_str()) != skip).collect();
    let docs = rustdoc::outer(doc);
    let rename = root_element.map(|root| quote!(#[serde(rename = #root)]));
    let decls = fields.iter().map(|f| {
        let doc = rustdoc::outer(&field_doc(f, format));
        let attrs = field_attrs(f, format);
        let fname = ident(&f.rust_name);
        let ty = field_type(f);
        quote! { #doc #attrs pub #fname: #ty, }
    });
    let required: Vec<&&Field> = fields.iter().filter(|f| f.required && !matches!(f.ty, FieldType::List(_))).collect();
    let has_namespace = fields.iter().any(|f| namespace_value(f, format).is_some());
    // A namespace declaration starts out set (see `namespace_value`), so `Default` must agree with `new`.
    let default = (required.is_empty() && !has_namespace).then(|| quote!(Default,));
    let default_impl = (required.is_empty() && has_namespace).then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let constructor = constructor(&fields, &required, format);
    let setters = fields.iter().filter(|f| !required.iter().any(|r| r.rust_name == f.rust_name)).map(|f| setter(f));
    let eq = (!contains_float_or_any(&fields)).then(|| quote!(Eq,));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #eq #default serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        #rename
        pub struct #name {
            #(#decls)*
        }

        impl #name {
            #constructor
            #(#setters)*
        }

        #default_impl
    }
}

/// The value an XML namespace declaration (`xmlns`, `xmlns:soap`) starts with: the one the examples use,
/// since a document sent without it would not be understood. Callers can still change it.
fn namespace_value(field: &Field, format: BodyFormat) -> Option<&str> {
    let is_declaration = field.wire_name == "xmlns" || field.wire_name.starts_with("xmlns:");
    (format == BodyFormat::Xml && field.kind == FieldKind::Attribute && is_declaration && !field.required)
        .then_some(field.example.as_deref())
        .flatten()
}

fn contains_float_or_any(fields: &[&Field]) -> bool {
    fn walk(ty: &FieldType) -> bool {
        match ty {
            FieldType::Float | FieldType::Any => true,
            FieldType::List(inner) => walk(inner),
            _ => false,
        }
    }
    // Struct fields are checked by the caller's own derive; a nested struct without `Eq` would fail to
    // compile, so any struct reference also turns `Eq` off unless every struct is known to have it.
    fields.iter().any(|f| {
        walk(&f.ty)
            || matches!(f.ty, FieldType::Struct(_))
            || matches!(&f.ty, FieldType::List(i) if matches!(**i, FieldType::Struct(_)))
    })
}

/// The parameter type and conversion for a constructor or setter argument.
fn argument(ty: &FieldType) -> (TokenStream, TokenStream) {
    match ty {
        FieldType::String => (quote!(impl Into<String>), quote!(.into())),
        other => (rust_type(other, Scope::Local), quote!()),
    }
}

fn constructor(fields: &[&Field], required: &[&&Field], format: BodyFormat) -> TokenStream {
    let params = required.iter().map(|f| {
        let name = ident(&f.rust_name);
        let (ty, _) = argument(&f.ty);
        quote!(#name: #ty)
    });
    let inits = fields.iter().map(|f| {
        let name = ident(&f.rust_name);
        if required.iter().any(|r| r.rust_name == f.rust_name) {
            match f.ty {
                FieldType::String => quote!(#name: #name.into()),
                _ => quote!(#name),
            }
        } else if matches!(f.ty, FieldType::List(_)) {
            quote!(#name: Vec::new())
        } else if let Some(namespace) = namespace_value(f, format) {
            quote!(#name: Some(#namespace.to_owned()))
        } else {
            quote!(#name: None)
        }
    });
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let namespaces = fields.iter().any(|f| namespace_value(f, format).is_some());
    let doc = match (required.is_empty(), namespaces) {
        (true, false) => "Creates a value with every optional field empty.",
        (false, false) => "Creates a value from its required fields; optional fields start empty.",
        (true, true) => "Creates a value with its XML namespace declarations set; other optional fields start empty.",
        (false, true) => {
            "Creates a value from its required fields, with its XML namespace declarations set; other optional \
             fields start empty."
        }
    };
    quote! {
        #[doc = #doc]
        #allow
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits),* }
        }
    }
}

/// `with_<field>` for field identifier text: the `_` a leading digit got (`_1`) or a keyword got (`self_`)
/// is dropped, since `with_` already makes the name valid.
pub fn setter_name(field: &str) -> Ident {
    format_ident!("with_{}", field.trim_start_matches('_').trim_end_matches('_'))
}

fn setter(field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let method = setter_name(&field.rust_name);
    let doc = format!("Sets {}.", rustdoc::code(&field.rust_name));
    match &field.ty {
        FieldType::List(inner) => {
            let inner = rust_type(inner, Scope::Local);
            quote! {
                #[doc = #doc]
                pub fn #method(mut self, #name: impl IntoIterator<Item = #inner>) -> Self {
                    self.#name = #name.into_iter().collect();
                    self
                }
            }
        }
        ty => {
            let (arg, convert) = argument(ty);
            quote! {
                #[doc = #doc]
                pub fn #method(mut self, #name: #arg) -> Self {
                    self.#name = Some(#name #convert);
                    self
                }
            }
        }
    }
}
