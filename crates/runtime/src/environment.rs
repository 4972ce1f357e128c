//! Where a client sends its requests.

use url::Url;

use crate::error::ConfigError;

/// A named base URL compiled into the generated crate (for example the sandbox presets from the
/// collection's environments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Display name, e.g. `"Sandbox"`.
    pub name: &'static str,
    /// Base URL, e.g. `"https://sandbox.example.com:8443/api"`.
    pub base_url: &'static str,
}

impl Preset {
    /// Validates the preset's URL into an [`Environment`].
    pub fn environment(&self) -> Result<Environment, ConfigError> {
        Environment::new(self.name, self.base_url)
    }
}

impl TryFrom<Preset> for Environment {
    type Error = ConfigError;

    fn try_from(preset: Preset) -> Result<Environment, ConfigError> {
        preset.environment()
    }
}

/// A validated base URL with a name.
///
/// The base URL may carry a path prefix (`https://host:8443/api`); every call's path is appended
/// to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    name: String,
    base_url: Url,
}

impl Environment {
    /// Parses `base_url`, which must be an absolute `http` or `https` URL with a host and without
    /// user info, query or fragment (those would be silently dropped or leaked into error
    /// messages).
    pub fn new(name: impl Into<String>, base_url: &str) -> Result<Environment, ConfigError> {
        let invalid = |reason: &str| ConfigError::InvalidBaseUrl {
            url: sanitize_for_message(base_url),
            reason: reason.to_owned(),
        };
        let url = Url::parse(base_url.trim()).map_err(|e| invalid(&e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid("scheme must be http or https"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("a host is required"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("user info is not allowed; use Credentials"));
        }
        if url.query().is_some() {
            return Err(invalid("a query string is not allowed"));
        }
        if url.fragment().is_some() {
            return Err(invalid("a fragment is not allowed"));
        }
        Ok(Environment { name: name.into(), base_url: url })
    }

    /// The environment's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The base URL (path prefix included).
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }
}

/// The rejected input for an error message: everything before `@` in the authority is dropped, so
/// a password in the URL does not end up in logs.
fn sanitize_for_message(raw: &str) -> String {
    let (scheme, rest) = match raw.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, raw),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((_, host)) => format!("<redacted>@{host}"),
        None => authority.to_owned(),
    };
    let tail = crate::redact::bounded(tail, 256);
    match scheme {
        Some(scheme) => format!("{scheme}://{authority}{tail}"),
        None => format!("{authority}{tail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_and_https_with_prefix() {
        let env = Environment::new("sandbox", "https://host.example:8443/api").expect("valid");
        assert_eq!(env.name(), "sandbox");
        assert_eq!(env.base_url().as_str(), "https://host.example:8443/api");
        let env = Environment::new("local", "http://127.0.0.1:9000").expect("valid");
        assert_eq!(env.base_url().as_str(), "http://127.0.0.1:9000/");
    }

    #[test]
    fn rejects_bad_urls_with_reason() {
        for (input, reason) in [
            ("not a url", "relative URL without a base"),
            ("ftp://host/x", "scheme must be http or https"),
            ("https://host/api?x=1", "query string"),
            ("https://host/api#frag", "fragment"),
            ("https://user:pw@host/api", "user info"),
        ] {
            let err = Environment::new("x", input).unwrap_err();
            let text = err.to_string();
            assert!(text.contains(reason), "{input}: {text}");
        }
    }

    #[test]
    fn rejected_url_message_hides_user_info() {
        let err = Environment::new("x", "https://user:hunter2@host/api").unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("<redacted>@host/api"), "{text}");
    }

    #[test]
    fn preset_converts() {
        const SANDBOX: Preset = Preset { name: "Sandbox", base_url: "https://sandbox.example/api/" };
        let env = Environment::try_from(SANDBOX).expect("valid preset");
        assert_eq!(env, SANDBOX.environment().expect("valid preset"));
        assert_eq!(env.name(), "Sandbox");
        assert_eq!(env.base_url().path(), "/api/");
    }
}
