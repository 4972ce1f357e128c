//! A lenient model of Postman collections.
//!
//! [`load_collection`] reads v1, v2.0 and v2.1 collections and the documenter wrapper
//! (`{collection: {info}, environments: [...]}`) into one normalized [`Collection`]; [`load_environment`]
//! reads Postman environment files. Unknown fields are ignored; shapes that real files use but the schema
//! does not allow are accepted; anything left out becomes a [`Diagnostic`] naming its JSON pointer. Only input
//! that is not a collection at all is an error ([`LoadError`]), and no input panics.
//!
//! [`vars`] resolves `{{variable}}` references through Postman's scopes.

#![warn(missing_docs)]

mod diagnostics;
mod load;
// `Item::Request` is much larger than `Item::Folder`; items live in `Vec`s, and boxing would change the model's
// public shape that every consumer matches on.
#[allow(clippy::large_enum_variant)]
mod model;
pub mod vars;

pub use diagnostics::{Diagnostic, LoadError, Severity, escape_pointer_token};
pub use load::{Loaded, load_collection, load_environment, parse_collection, parse_environment};
pub use model::*;
