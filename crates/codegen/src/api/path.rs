//! URL -> path template after the base URL.

use tango_postman::Url;
use tango_postman::vars::{Scopes, references, whole_reference};

/// One piece of a path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Literal text (sent percent-encoded as a path segment).
    Literal(String),
    /// A path parameter, by wire name.
    Param(String),
}

/// One `/`-separated path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Its pieces, in order.
    pub parts: Vec<Part>,
}

/// A request URL split into the base (what the client's environment provides) and the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitUrl {
    /// The base expression: `{{url}}`, or a literal origin like `https://api.example.com`.
    pub base: String,
    /// The segments after it.
    pub segments: Vec<Segment>,
    /// The documented template, e.g. `/subscribers/:subscriberId`.
    pub template: String,
}

/// Splits a Postman URL. `constants` are collection-level variables (not environment ones): a path
/// segment that is exactly such a variable becomes literal text; any other `{{name}}` or `:name` is a path
/// parameter.
pub fn split(url: &Url, constants: &Scopes<'_>) -> SplitUrl {
    let base = base_expression(url);
    let mut segments = Vec::new();
    let mut template = String::new();
    for raw in url.path.iter().filter(|s| !s.is_empty()) {
        template.push('/');
        template.push_str(raw);
        segments.push(segment(raw, constants));
    }
    if template.is_empty() {
        template.push('/');
    }
    SplitUrl { base, segments, template }
}

fn base_expression(url: &Url) -> String {
    let host = url.host.join(".");
    let mut base = String::new();
    if let Some(protocol) = url.protocol.as_deref().filter(|p| !p.is_empty()) {
        base.push_str(protocol);
        base.push_str("://");
    } else if !host.starts_with("{{") && !host.is_empty() {
        base.push_str("https://");
    }
    base.push_str(&host);
    if let Some(port) = &url.port {
        base.push(':');
        base.push_str(port);
    }
    base
}

fn segment(raw: &str, constants: &Scopes<'_>) -> Segment {
    if let Some(name) = raw.strip_prefix(':').filter(|n| !n.is_empty()) {
        return Segment { parts: vec![Part::Param(name.to_owned())] };
    }
    if let Some(name) = whole_reference(raw) {
        return match constants.get(name) {
            Some(value) if !value.contains("{{") => Segment { parts: vec![Part::Literal(value.to_owned())] },
            _ => Segment { parts: vec![Part::Param(name.to_owned())] },
        };
    }
    if references(raw).next().is_none() {
        return Segment { parts: vec![Part::Literal(raw.to_owned())] };
    }
    // Mixed text and references, e.g. `user-{{id}}.xml`.
    let mut parts = Vec::new();
    let mut rest = raw;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else { break };
        if start > 0 {
            parts.push(Part::Literal(rest[..start].to_owned()));
        }
        let name = rest[start + 2..start + len].trim();
        match constants.get(name) {
            Some(value) => parts.push(Part::Literal(value.to_owned())),
            None => parts.push(Part::Param(name.to_owned())),
        }
        rest = &rest[start + len + 2..];
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest.to_owned()));
    }
    Segment { parts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tango_postman::Variable;

    fn url(host: &[&str], path: &[&str]) -> Url {
        Url {
            host: host.iter().map(|s| s.to_string()).collect(),
            path: path.iter().map(|s| s.to_string()).collect(),
            ..Url::default()
        }
    }

    #[test]
    fn variables_and_colon_segments_become_parameters() {
        let vars = [Variable { key: "version".into(), value: "v6".into(), disabled: false }];
        let scopes = Scopes::new().with_inner(&vars);
        let split = split(&url(&["{{url}}"], &["{{version}}", "subscribers", ":subscriberId", "x-{{n}}.xml"]), &scopes);
        assert_eq!(split.base, "{{url}}");
        assert_eq!(split.template, "/{{version}}/subscribers/:subscriberId/x-{{n}}.xml");
        assert_eq!(split.segments[0].parts, vec![Part::Literal("v6".into())]);
        assert_eq!(split.segments[2].parts, vec![Part::Param("subscriberId".into())]);
        assert_eq!(
            split.segments[3].parts,
            vec![Part::Literal("x-".into()), Part::Param("n".into()), Part::Literal(".xml".into())]
        );
    }

    #[test]
    fn literal_hosts_keep_protocol_and_port() {
        let mut u = url(&["api", "example", "com"], &[]);
        u.port = Some("8443".into());
        let split = split(&u, &Scopes::new());
        assert_eq!(split.base, "https://api.example.com:8443");
        assert_eq!(split.template, "/");
        assert!(split.segments.is_empty());
    }
}
