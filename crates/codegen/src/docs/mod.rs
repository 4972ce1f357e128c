//! Postman descriptions (markdown, HTML or plain text) -> rustdoc markdown.
//!
//! The generated crate is built with `#![deny(missing_docs)]`, documented with `-D warnings` and its doctests
//! run, so the output must never contain a block rustdoc would compile (every code block is fenced with a
//! non-Rust language, never indented), brackets that look like intra-doc links, raw `<tag>`s, bare URLs or
//! unbalanced backticks.
//!
//! Pipeline: sanitize the input (`clean`), turn it into pulldown-cmark events (`parse`: the markdown parser,
//! a small HTML converter in `html`, or line splitting for plain text), then `render` writes markdown back
//! out, escaping every piece of text itself. Re-rendering from events (rather than patching the source) is what
//! makes the output safe whatever the input looked like.

mod clean;
mod html;
mod parse;
mod render;
mod summary;

#[cfg(test)]
mod tests;

use clean::sanitize;
use parse::events;

/// Markup of the input.
pub use tango_postman::DescriptionFormat;

/// Converts a description into rustdoc markdown lines (without the `///` prefix), safe as described in the
/// module docs. `heading_offset`: how many levels to demote headings (crate docs: 0, item docs: 2).
pub fn to_rustdoc(text: &str, format: DescriptionFormat, heading_offset: usize) -> String {
    let src = sanitize(text);
    let mut renderer = render::Renderer::new(heading_offset);
    for event in &events(&src, format) {
        renderer.event(event);
    }
    renderer.finish()
}

/// The first paragraph as one line, at most `max` characters (counted before escaping), cut at a word
/// boundary with `…`. When the paragraph is too long but its first sentence fits, the sentence is used.
///
/// The result is already escaped with [`escape_inline`] (safe in prose and in table cells); do not escape it
/// again.
pub fn summary(text: &str, format: DescriptionFormat, max: usize) -> String {
    let src = sanitize(text);
    let events = events(&src, format);
    let mut plain = summary::first_text(&events, true);
    if plain.trim().is_empty() {
        plain = summary::first_text(&events, false);
    }
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_inline(&summary::shorten(&plain, max))
}

/// Escapes arbitrary text (a name, an example value) for use inline in rustdoc: one line, markdown
/// punctuation escaped, `<`/`>` as entities, bare URLs wrapped in `<...>`, `|` escaped for table cells.
pub fn escape_inline(text: &str) -> String {
    let mut inline = render::Inline::new(render::Mode::Line);
    inline.text(&sanitize(text));
    inline.finish_line()
}
