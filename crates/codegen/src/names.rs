//! Rust identifiers from arbitrary Postman names.
//!
//! Names in collections carry emoji, punctuation, leading digits and keywords. Every function here returns a
//! valid, deterministic identifier; [`Namer`] makes them unique within one scope by numbering repeats.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords that need `r#` (or cannot be raw, see [`NOT_RAW`]).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be written as raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Keeps ASCII letters and digits, turning every other run of characters into a word break.
fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_owned()
}

/// Identifier text in one case: ASCII words re-cased, `fallback` when there are none, and `digit_prefix`
/// before a leading digit.
fn cased(name: &str, fallback: &str, case: fn(&str) -> String, digit_prefix: char) -> String {
    let mut ident = case(&ascii_words(name));
    if ident.is_empty() {
        ident = fallback.to_owned();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, digit_prefix);
    }
    ident
}

/// `snake_case` identifier text (no `r#`); `fallback` when the name has no ASCII letters or digits.
pub fn snake(name: &str, fallback: &str) -> String {
    cased(name, fallback, |w| w.to_snake_case(), '_')
}

/// `UpperCamelCase` identifier text; `fallback` when the name has no ASCII letters or digits.
pub fn camel(name: &str, fallback: &str) -> String {
    cased(name, fallback, |w| w.to_upper_camel_case(), 'N')
}

/// `SCREAMING_SNAKE_CASE` identifier text.
pub fn screaming(name: &str, fallback: &str) -> String {
    snake(name, fallback).to_ascii_uppercase()
}

/// Whether `ident` must be escaped to be used as an identifier.
pub fn is_keyword(ident: &str) -> bool {
    KEYWORDS.contains(&ident) || ident == "_"
}

/// Makes a valid identifier token text from identifier text: `r#type`, `self_`.
pub fn escape(ident: &str) -> String {
    if NOT_RAW.contains(&ident) {
        format!("{ident}_")
    } else if is_keyword(ident) {
        format!("r#{ident}")
    } else {
        ident.to_owned()
    }
}

/// Hands out unique names in one scope: the first `name` is itself, repeats become `name_2`, `name_3` (or
/// `Name2` for camel-case names) in the order they are asked for.
#[derive(Debug, Default, Clone)]
pub struct Namer {
    taken: BTreeMap<String, usize>,
}

impl Namer {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `name` as taken without handing it out.
    pub fn reserve(&mut self, name: &str) {
        self.taken.entry(name.to_owned()).or_insert(1);
    }

    /// Whether `name` is already taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains_key(name)
    }

    /// A unique variant of `name`.
    pub fn unique(&mut self, name: &str) -> String {
        if !self.taken.contains_key(name) {
            self.taken.insert(name.to_owned(), 1);
            return name.to_owned();
        }
        let snake_style = name.contains('_') || name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let mut n = self.taken[name] + 1;
        loop {
            let candidate = if snake_style { format!("{name}_{n}") } else { format!("{name}{n}") };
            if !self.taken.contains_key(&candidate) {
                self.taken.insert(name.to_owned(), n);
                self.taken.insert(candidate.clone(), 1);
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_postman_become_identifiers() {
        assert_eq!(snake("Create Subscriber", "op"), "create_subscriber");
        assert_eq!(snake("  Get SIM-Status (v2) ", "op"), "get_sim_status_v2");
        assert_eq!(snake("🚀🔥", "operation"), "operation");
        assert_eq!(snake("3G settings", "op"), "_3g_settings");
        assert_eq!(camel("homeLocation", "T"), "HomeLocation");
        assert_eq!(camel("🎉", "Type"), "Type");
        assert_eq!(camel("2fa", "T"), "N2fa");
        assert_eq!(screaming("API_Sandbox", "ENV"), "API_SANDBOX");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(escape("type"), "r#type");
        assert_eq!(escape("self"), "self_");
        assert_eq!(escape("name"), "name");
    }

    #[test]
    fn namer_numbers_repeats_deterministically() {
        let mut namer = Namer::new();
        assert_eq!(namer.unique("get_user"), "get_user");
        assert_eq!(namer.unique("get_user"), "get_user_2");
        assert_eq!(namer.unique("get_user"), "get_user_3");
        assert_eq!(namer.unique("Subscriber"), "Subscriber");
        assert_eq!(namer.unique("Subscriber"), "Subscriber2");
    }
}
