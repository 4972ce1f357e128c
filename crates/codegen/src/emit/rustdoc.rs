//! Doc attributes: text -> `#[doc = "..."]` tokens, one per line, so prettyplease prints `///` comments.

use proc_macro2::TokenStream;
use quote::quote;
use tango_postman::Description;

use crate::docs;
use crate::settings::Settings;

/// `#[doc]` attributes for markdown text (empty text gives none).
pub fn outer(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|line| format!(" {line}").trim_end().to_owned());
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc]` attributes for markdown text.
pub fn inner(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|line| format!(" {line}").trim_end().to_owned());
    quote! { #( #![doc = #lines] )* }
}

/// A description as rustdoc markdown, cleaned by the settings, headings demoted by `offset`.
pub fn description(description: Option<&Description>, settings: &Settings, offset: usize) -> String {
    description.map(|d| docs::to_rustdoc(&settings.clean_doc(&d.content), d.format, offset)).unwrap_or_default()
}

/// The first sentence of a description, as one plain line.
pub fn summary(description: Option<&Description>, settings: &Settings, max: usize) -> Option<String> {
    let d = description?;
    let text = sentence(docs::summary(&settings.clean_doc(&d.content), d.format, max));
    (!text.trim().is_empty()).then_some(text)
}

/// Inline code for any text: backticks that survive backticks inside.
pub fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('\n', " "))
}

/// Plain text safe inline in rustdoc.
pub fn plain(text: &str) -> String {
    docs::escape_inline(text)
}

/// Ends text with a full stop unless it already ends a sentence.
pub fn sentence(text: String) -> String {
    let trimmed = text.trim_end();
    if trimmed.is_empty() || trimmed.ends_with(['.', '!', '?', ':', '…']) {
        trimmed.to_owned()
    } else {
        format!("{trimmed}.")
    }
}
