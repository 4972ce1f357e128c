//! Tokens and the credentials a client holds.

use std::fmt;

use subtle::ConstantTimeEq;

use crate::error::ConfigError;

/// Environment variable read by [`Credentials::from_env`] for the distributor token.
const DISTRIBUTOR_ENV: &str = "TANGO_DISTRIBUTOR_TOKEN";
/// Environment variable read by [`Credentials::from_env`] for the reseller token.
const RESELLER_ENV: &str = "TANGO_RESELLER_TOKEN";

/// A secret API token.
///
/// `Debug` prints `Token(<redacted>)`; there is deliberately no `Display`. Equality is decided in
/// constant time (for equal lengths), so comparing a received key against a configured one does
/// not leak how many leading bytes matched.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// Wraps a token value.
    pub fn new(value: impl Into<String>) -> Token {
        Token(value.into())
    }

    /// The secret value, for putting it on the wire. Do not log it.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Constant-time comparison against a candidate value.
    pub(crate) fn matches(&self, candidate: &str) -> bool {
        bool::from(self.0.as_bytes().ct_eq(candidate.as_bytes()))
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl PartialEq for Token {
    fn eq(&self, other: &Token) -> bool {
        self.matches(&other.0)
    }
}

impl Eq for Token {}

impl From<String> for Token {
    fn from(value: String) -> Token {
        Token(value)
    }
}

impl From<&str> for Token {
    fn from(value: &str) -> Token {
        Token(value.to_owned())
    }
}

/// Which token an operation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// A distributor token.
    Distributor,
    /// A reseller token.
    Reseller,
    /// Either kind; the reseller token is preferred when both are configured.
    Either,
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenKind::Distributor => "distributor",
            TokenKind::Reseller => "reseller",
            TokenKind::Either => "distributor or reseller",
        })
    }
}

/// The tokens a [`Client`](crate::Client) may use. `Debug` redacts every token.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    distributor: Option<Token>,
    reseller: Option<Token>,
}

impl Credentials {
    /// No tokens; add them with [`with_distributor`](Self::with_distributor) and
    /// [`with_reseller`](Self::with_reseller).
    pub fn new() -> Self {
        Self::default()
    }

    /// Only a distributor token.
    pub fn distributor(token: impl Into<Token>) -> Self {
        Self::new().with_distributor(token)
    }

    /// Only a reseller token.
    pub fn reseller(token: impl Into<Token>) -> Self {
        Self::new().with_reseller(token)
    }

    /// Sets (or replaces) the distributor token.
    pub fn with_distributor(mut self, token: impl Into<Token>) -> Self {
        self.distributor = Some(token.into());
        self
    }

    /// Sets (or replaces) the reseller token.
    pub fn with_reseller(mut self, token: impl Into<Token>) -> Self {
        self.reseller = Some(token.into());
        self
    }

    /// Reads `TANGO_DISTRIBUTOR_TOKEN` and `TANGO_RESELLER_TOKEN`.
    ///
    /// Values are trimmed; an unset or blank variable counts as absent. Fails with
    /// [`ConfigError::MissingCredentials`] when neither is set, and with
    /// [`ConfigError::InvalidEnvVar`] when one is not valid Unicode.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(std::env::var_os)
    }

    /// [`from_env`](Self::from_env) over any variable source, so it can be tested without
    /// touching the process environment.
    fn from_lookup(lookup: impl Fn(&'static str) -> Option<std::ffi::OsString>) -> Result<Self, ConfigError> {
        let read = |name: &'static str| -> Result<Option<Token>, ConfigError> {
            match lookup(name) {
                None => Ok(None),
                Some(raw) => {
                    let value = raw.into_string().map_err(|_| ConfigError::InvalidEnvVar { name })?;
                    let value = value.trim();
                    Ok((!value.is_empty()).then(|| Token::new(value)))
                }
            }
        };
        let credentials = Credentials { distributor: read(DISTRIBUTOR_ENV)?, reseller: read(RESELLER_ENV)? };
        if credentials.is_empty() {
            return Err(ConfigError::MissingCredentials);
        }
        Ok(credentials)
    }

    /// The token for `kind`; [`TokenKind::Either`] prefers the reseller token.
    pub fn token(&self, kind: TokenKind) -> Option<&Token> {
        match kind {
            TokenKind::Distributor => self.distributor.as_ref(),
            TokenKind::Reseller => self.reseller.as_ref(),
            TokenKind::Either => self.reseller.as_ref().or(self.distributor.as_ref()),
        }
    }

    /// True when no token is configured.
    pub fn is_empty(&self) -> bool {
        self.distributor.is_none() && self.reseller.is_none()
    }

    /// Every configured token, for scrubbing them out of server messages.
    pub(crate) fn tokens(&self) -> impl Iterator<Item = &Token> {
        self.distributor.iter().chain(self.reseller.iter())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::ffi::OsString;

    use super::*;

    fn lookup(vars: &[(&'static str, &str)]) -> impl Fn(&'static str) -> Option<OsString> + use<> {
        let map: HashMap<&'static str, OsString> = vars.iter().map(|(k, v)| (*k, OsString::from(*v))).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn debug_redacts_tokens() {
        let token = Token::new("s3cr3t-value");
        assert_eq!(format!("{token:?}"), "Token(<redacted>)");
        let credentials = Credentials::distributor("s3cr3t-d").with_reseller("s3cr3t-r");
        let debug = format!("{credentials:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
    }

    #[test]
    fn tokens_compare_by_value() {
        assert_eq!(Token::new("abc"), Token::from("abc"));
        assert_ne!(Token::new("abc"), Token::from("abd"));
        assert_ne!(Token::new("abc"), Token::from("abcd"));
        assert_ne!(Token::new(""), Token::from("a"));
        assert_eq!(Token::from(String::from("x")).expose_secret(), "x");
    }

    #[test]
    fn token_lookup_by_kind() {
        let both = Credentials::distributor("d").with_reseller("r");
        assert_eq!(both.token(TokenKind::Distributor).map(Token::expose_secret), Some("d"));
        assert_eq!(both.token(TokenKind::Reseller).map(Token::expose_secret), Some("r"));
        assert_eq!(both.token(TokenKind::Either).map(Token::expose_secret), Some("r"));

        let distributor_only = Credentials::distributor("d");
        assert_eq!(distributor_only.token(TokenKind::Either).map(Token::expose_secret), Some("d"));
        assert!(distributor_only.token(TokenKind::Reseller).is_none());

        let reseller_only = Credentials::reseller("r");
        assert!(reseller_only.token(TokenKind::Distributor).is_none());
        assert!(Credentials::new().token(TokenKind::Either).is_none());
        assert!(Credentials::new().is_empty());
    }

    #[test]
    fn from_lookup_reads_and_trims_both_tokens() {
        let credentials =
            Credentials::from_lookup(lookup(&[(DISTRIBUTOR_ENV, " d1\n"), (RESELLER_ENV, "r1")])).expect("both set");
        assert_eq!(credentials.token(TokenKind::Distributor).map(Token::expose_secret), Some("d1"));
        assert_eq!(credentials.token(TokenKind::Reseller).map(Token::expose_secret), Some("r1"));
    }

    #[test]
    fn from_lookup_treats_blank_as_absent() {
        let credentials =
            Credentials::from_lookup(lookup(&[(DISTRIBUTOR_ENV, "  "), (RESELLER_ENV, "r1")])).expect("reseller set");
        assert!(credentials.token(TokenKind::Distributor).is_none());
        let err = Credentials::from_lookup(lookup(&[(DISTRIBUTOR_ENV, "")])).unwrap_err();
        assert!(matches!(err, ConfigError::MissingCredentials), "{err:?}");
        let err = Credentials::from_lookup(lookup(&[])).unwrap_err();
        assert!(err.to_string().contains(DISTRIBUTOR_ENV), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn from_lookup_rejects_non_unicode() {
        use std::os::unix::ffi::OsStringExt;
        let err = Credentials::from_lookup(|name| (name == RESELLER_ENV).then(|| OsString::from_vec(vec![0xff, 0xfe])))
            .unwrap_err();
        assert!(matches!(err, ConfigError::InvalidEnvVar { name } if name == RESELLER_ENV), "{err:?}");
    }
}
