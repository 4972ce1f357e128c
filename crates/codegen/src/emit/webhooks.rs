//! Webhooks -> parse functions for the payloads Tango sends to the partner.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rustdoc;
use super::types::{Scope, rust_type};
use crate::api::Webhook;
use crate::infer::BodyFormat;
use crate::settings::Settings;

/// The parse function of one webhook; `None` when its payload could not be typed.
pub fn webhook(hook: &Webhook, settings: &Settings) -> Option<TokenStream> {
    let payload = hook.payload.as_ref()?;
    let name = format_ident!("parse_{}", hook.ident.trim_start_matches("r#"));
    let ty = rust_type(&payload.root, Scope::Local);
    let parse = match payload.format {
        BodyFormat::Xml => quote!(tango_runtime::webhook::parse_xml),
        // Form-encoded webhooks are not known to exist; JSON is what Tango documents.
        BodyFormat::Json | BodyFormat::Form => quote!(tango_runtime::webhook::parse_json),
    };
    let mut doc = match rustdoc::summary(hook.description.as_ref(), settings, 300) {
        Some(summary) => summary,
        None => format!("Parses the {} webhook.", rustdoc::plain(&hook.name)),
    };
    doc.push_str(&format!(
        "\n\nTango sends it as {}. Pass the raw request body and its `Authorization` header; when \
         `expected_key` is given, the header must be `Bearer <key>`.",
        rustdoc::code(&format!("{} {}", hook.method, hook.path_template))
    ));
    if let Some(variable) = &hook.bearer_variable {
        doc.push_str(&format!(
            " The collection documents the key as {}.",
            rustdoc::code(&format!("{{{{{variable}}}}}"))
        ));
    }
    let details = rustdoc::description(hook.description.as_ref(), settings, 2);
    if !details.trim().is_empty() {
        doc.push_str("\n\n# Description\n\n");
        doc.push_str(&details);
    }
    doc.push_str(
        "\n\n# Errors\n\n[`tango_runtime::webhook::WebhookError`] when the key does not match or the body \
         does not decode.",
    );
    let doc = rustdoc::outer(&doc);
    Some(quote! {
        #doc
        pub fn #name(
            body: &[u8],
            authorization: Option<&str>,
            expected_key: Option<&tango_runtime::Token>,
        ) -> Result<#ty, tango_runtime::webhook::WebhookError> {
            #parse(body, authorization, expected_key)
        }
    })
}
