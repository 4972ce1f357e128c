//! `{{variable}}` references and their resolution through Postman's scopes.
//!
//! Scopes are searched innermost first (request, folders, collection, environment); the first that defines a
//! name wins; an unresolved reference stays literal. Dynamic variables (`{{$guid}}`) are never resolved.

use std::sync::LazyLock;

use regex::Regex;

use crate::Variable;

static REFERENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{\{([^{}]+?)\}\}").expect("static regex"));

/// If `text` is exactly one reference like `{{name}}`, returns `name`.
pub fn whole_reference(text: &str) -> Option<&str> {
    let caps = REFERENCE.captures(text.trim())?;
    let whole = caps.get(0)?;
    (whole.as_str().len() == text.trim().len()).then(|| caps.get(1).map_or("", |m| m.as_str()).trim())
}

/// Names referenced in `text`, in order of appearance (duplicates kept).
pub fn references(text: &str) -> impl Iterator<Item = &str> {
    REFERENCE.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.as_str().trim())
}

/// A stack of variable scopes, innermost first.
#[derive(Debug, Default, Clone)]
pub struct Scopes<'a> {
    layers: Vec<&'a [Variable]>,
}

impl<'a> Scopes<'a> {
    /// An empty stack.
    pub fn new() -> Self {
        Self::default()
    }

    /// Returns a stack with `vars` searched before every scope already present.
    pub fn with_inner(&self, vars: &'a [Variable]) -> Self {
        let mut layers = Vec::with_capacity(self.layers.len() + 1);
        layers.push(vars);
        layers.extend_from_slice(&self.layers);
        Self { layers }
    }

    /// Returns a stack with `vars` searched after every scope already present.
    pub fn with_outer(&self, vars: &'a [Variable]) -> Self {
        let mut layers = self.layers.clone();
        layers.push(vars);
        Self { layers }
    }

    /// The value of `name` in the innermost scope that defines it (disabled variables do not count).
    pub fn get(&self, name: &str) -> Option<&'a str> {
        if name.starts_with('$') {
            return None;
        }
        self.layers
            .iter()
            .find_map(|layer| layer.iter().find(|v| v.key == name && !v.disabled))
            .map(|v| v.value.as_str())
    }

    /// Replaces every resolvable reference in `text`; unresolved ones stay literal. One pass: values are not
    /// expanded again, so a self-referencing variable cannot loop.
    pub fn resolve(&self, text: &str) -> String {
        REFERENCE
            .replace_all(text, |caps: &regex::Captures<'_>| {
                let name = caps.get(1).map_or("", |m| m.as_str()).trim();
                self.get(name).map_or_else(|| caps[0].to_owned(), str::to_owned)
            })
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(key: &str, value: &str) -> Variable {
        Variable { key: key.into(), value: value.into(), disabled: false }
    }

    #[test]
    fn whole_reference_only_matches_a_lone_reference() {
        assert_eq!(whole_reference("{{resellertoken}}"), Some("resellertoken"));
        assert_eq!(whole_reference(" {{ token }} "), Some("token"));
        assert_eq!(whole_reference("{{a}}{{b}}"), None);
        assert_eq!(whole_reference("x{{a}}"), None);
        assert_eq!(whole_reference("plain"), None);
    }

    #[test]
    fn innermost_scope_wins_and_unresolved_stays_literal() {
        let outer = [var("url", "https://outer"), var("x", "1")];
        let inner = [var("url", "https://inner")];
        let scopes = Scopes::new().with_outer(&outer).with_inner(&inner);
        assert_eq!(scopes.resolve("{{url}}/a/{{x}}/{{missing}}/{{$guid}}"), "https://inner/a/1/{{missing}}/{{$guid}}");
    }

    #[test]
    fn disabled_variables_and_self_references_do_not_resolve_or_loop() {
        let vars = [Variable { key: "a".into(), value: "v".into(), disabled: true }, var("b", "{{b}}")];
        let scopes = Scopes::new().with_inner(&vars);
        assert_eq!(scopes.resolve("{{a}} {{b}}"), "{{a}} {{b}}");
    }
}
