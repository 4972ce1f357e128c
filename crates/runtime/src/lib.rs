//! Runtime for the generated Tango Provisioning API client.
//!
//! The generated crate (`tango-api`) builds a [`Call`] per operation and hands it to
//! [`Client::execute`], which sends it over HTTPS (reqwest + rustls), reads the body with a size
//! cap and decodes it by [`Format`] into a typed [`ResponseValue`] or a typed [`Error`].
//!
//! ```no_run
//! use tango_runtime::{Client, Credentials, Environment};
//!
//! # fn main() -> Result<(), tango_runtime::ConfigError> {
//! let environment = Environment::new("sandbox", "https://sandbox.example.com/api")?;
//! let client = Client::new(environment, Credentials::reseller("my-reseller-token"))?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```
//!
//! Calls are bounded by a connect timeout, a per-attempt timeout and a total deadline; failed
//! attempts of idempotent calls are retried with exponential backoff and jitter
//! ([`RetryPolicy`]); redirects stay on the base URL's origin; plain HTTP is refused except to
//! loopback; response bodies are capped; XML with a DOCTYPE is refused, so no entity is ever
//! expanded. Every call runs in a `tracing` span (see [`Client`]).
//!
//! Secrets ([`Token`]s and [`Param::secret`] values) never appear in `Debug` or `Display` output:
//! URLs in errors are rendered with secret query values replaced by `<redacted>`, and server
//! messages that echo a configured token have it scrubbed.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod client;
pub mod codec;
mod credentials;
pub mod de;
mod environment;
mod error;
mod redact;
mod request;
mod response;
mod retry;
pub mod testing;
mod transport;
pub mod webhook;
mod xml_safety;

pub use client::{Client, ClientBuilder};
pub use codec::CodecError;
pub use credentials::{Credentials, Token, TokenKind};
pub use environment::{Environment, Preset};
pub use error::{ConfigError, DecodeError, DecodeErrorKind, Error};
pub use http::{HeaderMap, Method, StatusCode};
pub use request::{Call, Param, RequestBody, encode_path_segment};
pub use response::{Format, ResponseValue};
pub use retry::{Attempts, Retry, RetryPolicy, RetryReason};
/// Re-export of `serde`, so users can name the exact version the runtime was built with.
pub use serde;
