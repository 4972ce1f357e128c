//! Behaviour of the whole conversion, through the public functions, by input kind.

mod hostile;
mod html;
mod markdown;
mod one_line;
mod plain;
mod rustdoc_acceptance;

use super::*;
use DescriptionFormat::{Html, Markdown, Plain};

fn seed_description() -> String {
    let raw =
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../collection/tango-provisioning-v6.published.json"));
    let json: serde_json::Value = serde_json::from_str(raw).expect("seed is JSON");
    json["collection"]["info"]["description"].as_str().expect("seed has a description").to_owned()
}

fn md(text: &str) -> String {
    to_rustdoc(text, Markdown, 2)
}

fn html(text: &str) -> String {
    to_rustdoc(text, Html, 2)
}
