//! Operations -> parameter structs, wire serializers and async call functions.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rustdoc;
use super::types::{self, Scope, ident, rust_type};
use crate::api::path::Part;
use crate::api::{BodySpec, Operation, Param, ParamLocation, ResponseSpec, TokenPlacement, TypedBody};
use crate::infer::{BodyFormat, FieldType, TypeDef};
use crate::names;
use crate::settings::{Settings, TokenKind};

/// Everything one operation contributes to its module.
pub struct OperationCode {
    /// Parameter struct, wire serializer and call function.
    pub items: TokenStream,
}

/// The Rust name of an operation's parameter struct, when it has parameters.
pub fn params_type_name(op: &Operation) -> Option<String> {
    if op.params.is_empty() {
        return None;
    }
    let base = names::camel(&op.ident, "Operation");
    Some(if matches!(op.body, Some(BodySpec::Typed(_))) { format!("{base}Params") } else { format!("{base}Request") })
}

/// The private serializer of an operation's typed body.
pub fn wire_fn_name(op_ident: &str) -> proc_macro2::Ident {
    format_ident!("{}_body", op_ident.trim_start_matches("r#"))
}

fn token_kind(kind: TokenKind) -> TokenStream {
    match kind {
        TokenKind::Distributor => quote!(tango_runtime::TokenKind::Distributor),
        TokenKind::Reseller => quote!(tango_runtime::TokenKind::Reseller),
        TokenKind::Either => quote!(tango_runtime::TokenKind::Either),
    }
}

fn format_tokens(format: BodyFormat) -> TokenStream {
    match format {
        BodyFormat::Xml => quote!(tango_runtime::Format::Xml),
        BodyFormat::Json => quote!(tango_runtime::Format::Json),
        BodyFormat::Form => quote!(tango_runtime::Format::Form),
    }
}

/// The Rust type and decoding format of a response spec.
pub fn response_type(spec: &ResponseSpec, scope: Scope) -> (TokenStream, TokenStream) {
    match spec {
        ResponseSpec::Empty => (quote!(()), quote!(tango_runtime::Format::Empty)),
        ResponseSpec::Text => (quote!(String), quote!(tango_runtime::Format::Text)),
        ResponseSpec::Typed(typed) => (rust_type(&typed.root, scope), format_tokens(typed.format)),
    }
}

fn error_type(spec: &ResponseSpec) -> (TokenStream, TokenStream) {
    match spec {
        ResponseSpec::Typed(_) => response_type(spec, Scope::Errors),
        _ => (quote!(()), quote!(tango_runtime::Format::Text)),
    }
}

/// Whether an operation's typed body holds nothing but the token the client fills in: then the call takes
/// no body argument and no public struct is generated for it.
pub fn token_only_body(op: &Operation, defs: &[TypeDef]) -> bool {
    let (Some(BodySpec::Typed(typed)), Some(token)) = (&op.body, &op.token) else { return false };
    let TokenPlacement::BodyField(field) = &token.placement else { return false };
    root_def(typed, defs).is_some_and(|def| def.fields.iter().all(|f| &f.wire_name == field))
}

fn root_def<'a>(typed: &TypedBody, defs: &'a [TypeDef]) -> Option<&'a TypeDef> {
    match &typed.root {
        FieldType::Struct(name) => defs.iter().find(|d| &d.name == name),
        _ => None,
    }
}

/// Emits one operation. `module_path` is the operation's module path for error messages
/// (`subscribers::sims`).
pub fn operation(op: &Operation, module_path: &str, defs: &[TypeDef], settings: &Settings) -> OperationCode {
    let fn_name = ident(&op.ident);
    let operation_id = if module_path.is_empty() { op.ident.clone() } else { format!("{module_path}::{}", op.ident) };
    let params_name = params_type_name(op);
    let params_struct = params_name.as_deref().map(|name| params_struct(op, name));
    let body_token_field = match &op.token {
        Some(t) => match &t.placement {
            TokenPlacement::BodyField(field) => Some(field.as_str()),
            _ => None,
        },
        None => None,
    };
    let wire = match &op.body {
        Some(BodySpec::Typed(typed)) => Some(wire_fn(op, typed, defs, body_token_field)),
        _ => None,
    };

    let mut args = Vec::new();
    if let Some(name) = &params_name {
        let ty = ident(name);
        args.push(quote!(params: &#ty));
    }
    let token_only = token_only_body(op, defs);
    let body_expr = match &op.body {
        Some(BodySpec::Typed(typed)) => {
            let ty = rust_type(&typed.root, Scope::Local);
            let body_arg = (!token_only).then(|| quote!(body,));
            if !token_only {
                args.push(quote!(body: &#ty));
            }
            let wire_name = wire_fn_name(&op.ident);
            let token_arg = body_token_field.map(|_| quote!(token,));
            let wrap = match typed.format {
                BodyFormat::Xml => quote!(tango_runtime::RequestBody::Xml),
                BodyFormat::Json => quote!(tango_runtime::RequestBody::Json),
                BodyFormat::Form => quote!(tango_runtime::RequestBody::Form),
            };
            quote! {
                let body = #wire_name(#body_arg #token_arg)
                    .map_err(|e| tango_runtime::Error::invalid_request(OPERATION, e))?;
                let body = #wrap(body);
            }
        }
        Some(BodySpec::Raw { content_type, .. }) => {
            args.push(quote!(body: impl Into<String>));
            quote! {
                let body = tango_runtime::RequestBody::Text { content_type: #content_type, text: body.into() };
            }
        }
        None => quote!(let body = tango_runtime::RequestBody::Empty;),
    };
    let token_stmt = op.token.as_ref().map(|t| {
        let kind = token_kind(t.kind);
        quote!(let token = client.token(#kind, OPERATION)?;)
    });
    let path_expr = path_expr(op);
    let mut query = param_entries(op, ParamLocation::Query);
    if let Some(TokenPlacement::Query(name)) = op.token.as_ref().map(|t| &t.placement) {
        query.push(Entry::Always(quote!(tango_runtime::Param::secret(#name, token))));
    }
    let mut headers: Vec<Entry> = op
        .fixed_headers
        .iter()
        .map(|(name, value)| Entry::Always(quote!(tango_runtime::Param::new(#name, #value))))
        .collect();
    headers.extend(param_entries(op, ParamLocation::Header));
    if let Some(TokenPlacement::Header { name, prefix }) = op.token.as_ref().map(|t| &t.placement) {
        headers.push(Entry::Always(quote! {
            tango_runtime::Param {
                name: std::borrow::Cow::Borrowed(#name),
                value: format!("{}{}", #prefix, token.expose_secret()),
                secret: true,
            }
        }));
    }
    let query = list_statement(&format_ident!("query"), query);
    let headers = list_statement(&format_ident!("headers"), headers);
    let method = format_ident!("{}", method_const(&op.method));
    let method_expr = if method == "OTHER" {
        let m = &op.method;
        quote!(tango_runtime::Method::from_bytes(#m.as_bytes()).map_err(|e| tango_runtime::Error::invalid_request(OPERATION, e))?)
    } else {
        quote!(tango_runtime::Method::#method)
    };
    let template = &op.path_template;
    let idempotent = op.idempotent;
    let (success_ty, success_format) = response_type(&op.success, Scope::Local);
    let (error_ty, error_format) = error_type(&op.error);
    let doc = rustdoc::outer(&operation_doc(op, settings));
    let items = quote! {
        #params_struct
        #wire

        #doc
        pub async fn #fn_name(
            client: &tango_runtime::Client,
            #(#args),*
        ) -> Result<tango_runtime::ResponseValue<#success_ty>, tango_runtime::Error<#error_ty>> {
            const OPERATION: &str = #operation_id;
            #token_stmt
            #body_expr
            #query
            #headers
            let call = tango_runtime::Call {
                operation: OPERATION,
                method: #method_expr,
                path_template: #template,
                path: #path_expr,
                query,
                headers,
                body,
                idempotent: #idempotent,
            };
            client.execute(call, #success_format, #error_format).await
        }
    };
    OperationCode { items }
}

fn method_const(method: &str) -> &'static str {
    match method {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "PATCH" => "PATCH",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        "TRACE" => "TRACE",
        _ => "OTHER",
    }
}

fn path_expr(op: &Operation) -> TokenStream {
    if op.path.iter().all(|s| s.parts.iter().all(|p| matches!(p, Part::Literal(_)))) {
        let mut path = String::new();
        for segment in &op.path {
            path.push('/');
            for part in &segment.parts {
                if let Part::Literal(text) = part {
                    path.push_str(&percent_encode_segment(text));
                }
            }
        }
        if path.is_empty() {
            path.push('/');
        }
        return quote!(#path.to_owned());
    }
    let mut pieces = Vec::new();
    for segment in &op.path {
        pieces.push(quote!(path.push('/');));
        for part in &segment.parts {
            match part {
                Part::Literal(text) => {
                    let text = percent_encode_segment(text);
                    pieces.push(quote!(path.push_str(#text);));
                }
                Part::Param(name) => {
                    let field = op
                        .params
                        .iter()
                        .find(|p| p.location == ParamLocation::Path && &p.wire_name == name)
                        .map(|p| ident(&p.ident));
                    if let Some(field) = field {
                        pieces.push(quote!(path.push_str(&tango_runtime::encode_path_segment(&params.#field));));
                    }
                }
            }
        }
    }
    quote! {{
        let mut path = String::new();
        #(#pieces)*
        path
    }}
}

/// Percent-encodes literal path text at generation time (the runtime encodes parameters at call time).
fn percent_encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@'
            | b'%' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One parameter of a query or header list.
enum Entry {
    /// Always sent: an expression of type `Param`.
    Always(TokenStream),
    /// Sent when the optional field is set.
    IfSet {
        /// Wire name.
        name: String,
        /// Field of `params`.
        field: proc_macro2::Ident,
    },
}

fn param_entries(op: &Operation, location: ParamLocation) -> Vec<Entry> {
    op.params
        .iter()
        .filter(|p| p.location == location)
        .map(|p| {
            let name = p.wire_name.clone();
            let field = ident(&p.ident);
            if p.required {
                Entry::Always(quote!(tango_runtime::Param::new(#name, params.#field.clone())))
            } else {
                Entry::IfSet { name, field }
            }
        })
        .collect()
}

/// `let target = ...;` building the list in order: the leading always-sent entries in `vec![...]` (clippy
/// rejects pushes right after `Vec::new()`), then one statement per remaining entry.
fn list_statement(target: &proc_macro2::Ident, entries: Vec<Entry>) -> TokenStream {
    let leading = entries.iter().take_while(|e| matches!(e, Entry::Always(_))).count();
    let mut entries = entries.into_iter();
    let initial: Vec<TokenStream> = entries
        .by_ref()
        .take(leading)
        .filter_map(|e| match e {
            Entry::Always(expr) => Some(expr),
            Entry::IfSet { .. } => None,
        })
        .collect();
    let rest: Vec<TokenStream> = entries
        .map(|e| match e {
            Entry::Always(expr) => quote!(#target.push(#expr);),
            Entry::IfSet { name, field } => quote! {
                if let Some(value) = &params.#field {
                    #target.push(tango_runtime::Param::new(#name, value.clone()));
                }
            },
        })
        .collect();
    let init = if initial.is_empty() { quote!(Vec::new()) } else { quote!(vec![#(#initial),*]) };
    if rest.is_empty() {
        quote!(let #target = #init;)
    } else {
        quote! {
            let mut #target = #init;
            #(#rest)*
        }
    }
}

fn params_struct(op: &Operation, name: &str) -> TokenStream {
    let name_ident = ident(name);
    let doc = rustdoc::outer(&format!("Parameters of {}.", rustdoc::code(&op.ident)));
    let fields = op.params.iter().map(|p| {
        let field = ident(&p.ident);
        let ty = if p.required { quote!(String) } else { quote!(Option<String>) };
        let doc = rustdoc::outer(&param_doc(p));
        quote! { #doc pub #field: #ty, }
    });
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let field = ident(&p.ident);
        quote!(#field: impl Into<String>)
    });
    let inits = op.params.iter().map(|p| {
        let field = ident(&p.ident);
        if p.required { quote!(#field: #field.into()) } else { quote!(#field: None) }
    });
    let setters = op.params.iter().filter(|p| !p.required).map(|p| {
        let field = ident(&p.ident);
        let method = types::setter_name(&p.ident);
        let doc = format!("Sets {}.", rustdoc::code(&p.wire_name));
        quote! {
            #[doc = #doc]
            pub fn #method(mut self, #field: impl Into<String>) -> Self {
                self.#field = Some(#field.into());
                self
            }
        }
    });
    let default = required.is_empty().then(|| quote!(Default,));
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let new_doc = if required.is_empty() {
        "Creates parameters with every optional one unset."
    } else {
        "Creates parameters from the required ones; optional ones start unset."
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, #default)]
        #[non_exhaustive]
        pub struct #name_ident {
            #(#fields)*
        }

        impl #name_ident {
            #[doc = #new_doc]
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }
    }
}

fn param_doc(p: &Param) -> String {
    let place = match p.location {
        ParamLocation::Path => "Path parameter",
        ParamLocation::Query => "Query parameter",
        ParamLocation::Header => "Header",
    };
    let mut doc =
        format!("{place} {} ({}).", rustdoc::code(&p.wire_name), if p.required { "required" } else { "optional" });
    if let Some(d) = &p.description {
        let text = rustdoc::sentence(crate::docs::summary(&d.content, d.format, 200));
        if !text.is_empty() {
            doc.push(' ');
            doc.push_str(&text);
        }
    }
    if let Some(example) = &p.example {
        doc.push_str(&format!(" Example: {}.", rustdoc::code(example)));
    }
    doc
}

/// The private function that writes a typed body, with the token in its place when the body carries one.
fn wire_fn(op: &Operation, typed: &TypedBody, defs: &[TypeDef], token_field: Option<&str>) -> TokenStream {
    let name = wire_fn_name(&op.ident);
    let ty = rust_type(&typed.root, Scope::Local);
    let (codec, out) = match typed.format {
        BodyFormat::Xml => (quote!(tango_runtime::codec::to_xml), quote!(String)),
        BodyFormat::Json => (quote!(tango_runtime::codec::to_json), quote!(Vec<u8>)),
        BodyFormat::Form => (quote!(tango_runtime::codec::to_form), quote!(Vec<tango_runtime::Param>)),
    };
    let doc =
        format!("Writes the {} body of {}.", crate::api::body::format_name(typed.format), rustdoc::code(&op.ident));
    let (Some(token_field), Some(def)) = (token_field, root_def(typed, defs)) else {
        return quote! {
            #[doc = #doc]
            fn #name(body: &#ty) -> Result<#out, tango_runtime::codec::CodecError> {
                #codec(body)
            }
        };
    };
    let root = typed.root_element.as_deref().map(|r| quote!(#[serde(rename = #r)]));
    let body_param = (!token_only_body(op, defs)).then(|| quote!(body: &#ty,));
    let mut wire_fields = Vec::new();
    let mut inits = Vec::new();
    for field in &def.fields {
        let fname = ident(&field.rust_name);
        let wire_name = types::rename(field, typed.format);
        if field.wire_name == token_field {
            wire_fields.push(quote!(#[serde(#wire_name)] #fname: &'a str,));
            inits.push(quote!(#fname: token.expose_secret()));
            continue;
        }
        let inner = rust_type(&field.ty, Scope::Local);
        match (&field.ty, field.required) {
            (FieldType::List(item), _) => {
                let item = rust_type(item, Scope::Local);
                wire_fields
                    .push(quote!(#[serde(#wire_name, skip_serializing_if = "<[_]>::is_empty")] #fname: &'a [#item],));
                inits.push(quote!(#fname: &body.#fname));
            }
            (_, true) => {
                wire_fields.push(quote!(#[serde(#wire_name)] #fname: &'a #inner,));
                inits.push(quote!(#fname: &body.#fname));
            }
            (_, false) => {
                wire_fields.push(
                    quote!(#[serde(#wire_name, skip_serializing_if = "Option::is_none")] #fname: Option<&'a #inner>,),
                );
                inits.push(quote!(#fname: body.#fname.as_ref()));
            }
        }
    }
    let mark_secret = (typed.format == BodyFormat::Form).then(|| {
        quote! {
            .map(|mut params| {
                for param in params.iter_mut().filter(|p| p.name == #token_field) {
                    param.secret = true;
                }
                params
            })
        }
    });
    quote! {
        #[doc = #doc]
        fn #name(#body_param token: &tango_runtime::Token) -> Result<#out, tango_runtime::codec::CodecError> {
            #[derive(serde::Serialize)]
            #root
            struct Wire<'a> {
                #(#wire_fields)*
            }
            #codec(&Wire { #(#inits),* })#mark_secret
        }
    }
}

fn operation_doc(op: &Operation, settings: &Settings) -> String {
    let mut doc = String::new();
    match rustdoc::summary(op.description.as_ref(), settings, 300) {
        Some(summary) => doc.push_str(&summary),
        None => doc.push_str(&format!("Sends the {} request.", rustdoc::plain(&op.name))),
    }
    doc.push_str("\n\n");
    doc.push_str(&format!(
        "{} (Postman: {}).",
        rustdoc::code(&format!("{} {}", op.method, op.path_template)),
        rustdoc::plain(&op.key)
    ));
    let mut facts = Vec::new();
    match &op.body {
        Some(BodySpec::Typed(t)) => facts.push(format!("{} body", crate::api::body::format_name(t.format))),
        Some(BodySpec::Raw { content_type, .. }) => facts.push(format!("untyped {} body", rustdoc::code(content_type))),
        None => {}
    }
    if let Some(token) = &op.token {
        let kind = match token.kind {
            TokenKind::Distributor => "the distributor token",
            TokenKind::Reseller => "the reseller token",
            TokenKind::Either => "the reseller or distributor token",
        };
        facts.push(format!("sends {kind} from the client's credentials"));
    }
    if !facts.is_empty() {
        doc.push(' ');
        let mut text = facts.join("; ");
        if let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        doc.push_str(&text);
        doc.push('.');
    }
    if let Some(mandatory) = &op.mandatory {
        let list: Vec<String> = mandatory.iter().map(|m| rustdoc::code(m)).collect();
        doc.push_str(&format!("\n\nMandatory fields: {}.", list.join(", ")));
    }
    let details = rustdoc::description(op.description.as_ref(), settings, 2);
    if !details.trim().is_empty() {
        doc.push_str("\n\n# Description\n\n");
        doc.push_str(&details);
    }
    if !op.documented_statuses.is_empty() {
        doc.push_str("\n\n# Documented responses\n\n");
        for (code, name) in &op.documented_statuses {
            let code = code.map_or_else(|| "unspecified".to_owned(), |c| c.to_string());
            doc.push_str(&format!("- {}: {}\n", rustdoc::code(&code), rustdoc::plain(name)));
        }
    }
    let mut doc = doc.trim_end().to_owned();
    doc.push_str("\n\n# Errors\n\n");
    doc.push_str(
        "[`tango_runtime::Error::Api`] for a non-2xx response (with the server's message, and its typed body \
         where the examples showed one), [`tango_runtime::Error::MissingCredential`] when the client has no \
         suitable token, and transport or decoding errors otherwise.",
    );
    doc
}
