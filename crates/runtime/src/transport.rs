//! One attempt on the wire: send the request, read the body within the size cap, and say whether
//! a failure is worth another attempt. Also the redirect policy.

use std::error::Error as StdError;
use std::io;

use http::{HeaderMap, StatusCode};
use url::Url;

use crate::retry::RetryReason;

/// Most same-origin redirects followed for one attempt.
const MAX_REDIRECTS: usize = 5;

/// A response read in full (within the size cap).
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// Why an attempt produced no usable response.
pub(crate) enum AttemptFailure {
    /// Connect, TLS, I/O or timeout failure, before or while reading the response.
    Transport(reqwest::Error),
    /// The body exceeded the cap; reading stopped there.
    TooLarge { status: StatusCode },
}

/// Sends `request` and reads its body, stopping as soon as it exceeds `limit` bytes (a
/// `Content-Length` over the limit fails before any of the body is read).
pub(crate) async fn send(
    http: &reqwest::Client,
    request: reqwest::Request,
    limit: u64,
) -> Result<RawResponse, AttemptFailure> {
    let mut response = http.execute(request).await.map_err(AttemptFailure::Transport)?;
    let status = response.status();
    if response.content_length().is_some_and(|length| length > limit) {
        return Err(AttemptFailure::TooLarge { status });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(AttemptFailure::Transport)? {
        let total = u64::try_from(body.len() + chunk.len()).unwrap_or(u64::MAX);
        if total > limit {
            return Err(AttemptFailure::TooLarge { status });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(RawResponse { status, headers: std::mem::take(response.headers_mut()), body })
}

/// The reason to retry after `error`, or `None` when another attempt would fail the same way
/// (TLS or protocol errors, a redirect loop, a malformed response).
pub(crate) fn retry_reason(error: &reqwest::Error) -> Option<RetryReason> {
    if is_tls_or_protocol(error) {
        None
    } else if error.is_connect() {
        Some(RetryReason::Connect)
    } else if error.is_timeout() {
        Some(RetryReason::Timeout)
    } else if is_connection_lost(error) {
        Some(RetryReason::ConnectionLost)
    } else {
        None
    }
}

/// Every error in the chain below `error`.
fn chain(error: &reqwest::Error) -> impl Iterator<Item = &(dyn StdError + 'static)> {
    let mut next = error.source();
    std::iter::from_fn(move || {
        let current = next?;
        next = current.source();
        Some(current)
    })
}

/// The kinds of an I/O error and of the I/O errors wrapped inside it (`io::Error::source` skips
/// the wrapped error itself, and the connector wraps rustls' error twice).
fn io_kinds<'a>(error: &'a (dyn StdError + 'static)) -> impl Iterator<Item = io::ErrorKind> + 'a {
    let mut next = error.downcast_ref::<io::Error>();
    std::iter::from_fn(move || {
        let current = next?;
        next = current.get_ref().and_then(|inner| inner.downcast_ref::<io::Error>());
        Some(current.kind())
    })
}

/// A TLS handshake or certificate failure (rustls reports them as `InvalidData` I/O errors), or
/// a response hyper could not parse.
fn is_tls_or_protocol(error: &reqwest::Error) -> bool {
    chain(error).any(|e| {
        io_kinds(e).any(|kind| kind == io::ErrorKind::InvalidData)
            || e.downcast_ref::<hyper::Error>().is_some_and(hyper::Error::is_parse)
    })
}

/// The peer reset or closed the connection before the response was complete.
fn is_connection_lost(error: &reqwest::Error) -> bool {
    chain(error).any(|e| {
        e.downcast_ref::<hyper::Error>().is_some_and(|h| h.is_incomplete_message() || h.is_canceled())
            || io_kinds(e).any(|kind| {
                matches!(
                    kind,
                    io::ErrorKind::ConnectionReset
                        | io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::BrokenPipe
                        | io::ErrorKind::UnexpectedEof
                )
            })
    })
}

/// Follows redirects only within the origin (scheme, host, port) of the first request, so a
/// token in the query, a header or the body never reaches another host, nor plain HTTP after
/// HTTPS. A cross-origin redirect is returned as the response itself.
pub(crate) fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt.previous().first().is_some_and(|first| first.origin() == attempt.url().origin());
        if !same_origin {
            attempt.stop()
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(TooManyRedirects)
        } else {
            attempt.follow()
        }
    })
}

/// The error a redirect loop ends in.
#[derive(Debug, thiserror::Error)]
#[error("more than {MAX_REDIRECTS} redirects")]
struct TooManyRedirects;

/// Where a redirect response points, resolved against the request URL.
pub(crate) fn redirect_target(request_url: &Url, headers: &HeaderMap) -> Option<Url> {
    let location = headers.get(http::header::LOCATION)?.to_str().ok()?;
    request_url.join(location).ok()
}
