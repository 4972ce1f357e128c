//! Events -> markdown that rustdoc renders as intended and never lints or compiles.
//!
//! `blocks` writes the block structure line by line, `inline` the escaped text of one paragraph, heading or
//! cell; `wrap`, `urls` and `code` are their helpers.

mod blocks;
mod code;
mod inline;
mod urls;
mod wrap;

pub(super) use blocks::Renderer;
pub(super) use inline::{Inline, Mode};
