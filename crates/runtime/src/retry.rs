//! Retries: which failures are repeated, how long to wait between attempts, and the record of
//! what happened that callers see on [`ResponseValue`](crate::ResponseValue) and
//! [`Error`](crate::Error).

use std::fmt;
use std::time::{Duration, SystemTime};

use http::header::RETRY_AFTER;
use http::{HeaderMap, Method, StatusCode};

/// When and how often a failed attempt is repeated.
///
/// Only calls that are safe to repeat are retried: idempotent methods (GET, HEAD, PUT, DELETE,
/// OPTIONS, TRACE) and calls whose operation is marked idempotent (`Call::idempotent`). A POST
/// that is not marked is sent exactly once, whatever happens.
///
/// Retried failures: no connection, a per-attempt timeout, a connection lost before the response
/// was complete, and the statuses 429, 502, 503 and 504. The wait before retry `n` (1-based) is
/// drawn uniformly from `0..=min(max_delay, base_delay * 2^(n-1))` ("full jitter"), or is that
/// bound exactly without jitter; a `Retry-After` header (seconds or HTTP-date) on the response
/// replaces it. No wait runs past the client's total deadline: when the next attempt could not start in
/// time, the last failure is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// 3 attempts, 100 ms base delay, 5 s cap, full jitter.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// The default policy (3 attempts, 100 ms base delay, 5 s cap, full jitter).
    pub fn new() -> Self {
        Self::default()
    }

    /// Never retry: every call is sent once.
    pub fn none() -> Self {
        Self::default().max_attempts(1)
    }

    /// Attempts in total, the first one included (0 counts as 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait bound before the first retry; it doubles for each further retry.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The largest wait between two attempts (`Retry-After` is bounded by the deadline instead).
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Whether waits are randomised ("full jitter", the default) so that many clients failing
    /// together do not retry in lockstep.
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Attempts in total.
    pub(crate) fn attempt_limit(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (1-based); `unit` is a random number in `[0, 1)`.
    pub(crate) fn backoff(&self, retry: u32, unit: f64) -> Duration {
        let doublings = retry.saturating_sub(1).min(31);
        let bound = self.base_delay.saturating_mul(1 << doublings).min(self.max_delay);
        if self.jitter { bound.mul_f64(unit.clamp(0.0, 1.0)) } else { bound }
    }
}

/// True for methods that RFC 9110 defines as idempotent.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    [Method::GET, Method::HEAD, Method::PUT, Method::DELETE, Method::OPTIONS, Method::TRACE].contains(method)
}

/// True for statuses that mean "try again later": 429, 502, 503, 504.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP-date (a date in the past
/// means now). `None` when absent or unreadable; an absurdly large number saturates.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(value.parse().map(Duration::from_secs).unwrap_or(Duration::MAX));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Why an attempt was repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryReason {
    /// No connection could be established (refused, unreachable, connect timeout).
    Connect,
    /// The attempt ran past the per-attempt timeout.
    Timeout,
    /// The connection was reset or closed before the response was complete.
    ConnectionLost,
    /// The server answered with a "try again" status: 429, 502, 503 or 504.
    Status(StatusCode),
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryReason::Connect => f.write_str("could not connect"),
            RetryReason::Timeout => f.write_str("attempt timed out"),
            RetryReason::ConnectionLost => f.write_str("connection lost"),
            RetryReason::Status(status) => write!(f, "HTTP {status}"),
        }
    }
}

/// One repeated attempt: why attempt number `attempt` failed and how long the client waited
/// before the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Retry {
    /// The attempt that failed (1-based).
    pub attempt: u32,
    /// Why it was retried.
    pub reason: RetryReason,
    /// The wait before the next attempt (from backoff or `Retry-After`).
    pub delay: Duration,
}

/// How many times a call went on the wire, and why it was repeated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attempts {
    /// Boxed slice, not `Vec`: it sits in every [`Error`](crate::Error) variant, which must
    /// stay small.
    retries: Box<[Retry]>,
}

impl Attempts {
    pub(crate) fn from_retries(retries: Vec<Retry>) -> Self {
        Attempts { retries: retries.into_boxed_slice() }
    }

    /// Attempts made: one more than the retries.
    pub fn count(&self) -> u32 {
        u32::try_from(self.retries.len()).unwrap_or(u32::MAX).saturating_add(1)
    }

    /// Every retry, in order.
    pub fn retries(&self) -> &[Retry] {
        &self.retries
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(retry_after).expect("valid header"));
        headers
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy::new()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(350))
            .jitter(false);
        let waits: Vec<u128> = (1..=5).map(|n| policy.backoff(n, 0.5).as_millis()).collect();
        assert_eq!(waits, vec![100, 200, 350, 350, 350]);
        // Huge retry numbers neither overflow nor exceed the cap.
        assert_eq!(policy.backoff(u32::MAX, 0.5), Duration::from_millis(350));
    }

    #[test]
    fn full_jitter_scales_the_bound() {
        let policy = RetryPolicy::new().base_delay(Duration::from_millis(100));
        assert_eq!(policy.backoff(2, 0.0), Duration::ZERO);
        assert_eq!(policy.backoff(2, 0.25), Duration::from_millis(50));
        assert_eq!(policy.backoff(2, 7.0), Duration::from_millis(200), "unit is clamped");
    }

    #[test]
    fn attempts_are_at_least_one() {
        assert_eq!(RetryPolicy::new().max_attempts(0).attempt_limit(), 1);
        assert_eq!(RetryPolicy::none().attempt_limit(), 1);
        assert_eq!(RetryPolicy::default().attempt_limit(), 3);
    }

    #[test]
    fn only_idempotent_methods_are_safe() {
        for method in [Method::GET, Method::HEAD, Method::PUT, Method::DELETE, Method::OPTIONS] {
            assert!(is_idempotent(&method), "{method}");
        }
        for method in [Method::POST, Method::PATCH, Method::CONNECT] {
            assert!(!is_idempotent(&method), "{method}");
        }
    }

    #[test]
    fn retryable_statuses() {
        let retryable: Vec<u16> = (100..600)
            .filter_map(|code| StatusCode::from_u16(code).ok())
            .filter(|status| is_retryable_status(*status))
            .map(|status| status.as_u16())
            .collect();
        assert_eq!(retryable, vec![429, 502, 503, 504]);
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(retry_after(&headers("3"), now), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(&headers(" 0 "), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("99999999999999999999999"), now), Some(Duration::MAX));
        let in_ten_seconds = httpdate::fmt_http_date(now + Duration::from_secs(10));
        assert_eq!(retry_after(&headers(&in_ten_seconds), now), Some(Duration::from_secs(10)));
        let in_the_past = httpdate::fmt_http_date(now - Duration::from_secs(10));
        assert_eq!(retry_after(&headers(&in_the_past), now), Some(Duration::ZERO));
        for unreadable in ["-1", "soon", "1.5", ""] {
            assert_eq!(retry_after(&headers(unreadable), now), None, "{unreadable:?}");
        }
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn attempts_count_and_reasons() {
        assert_eq!(Attempts::default().count(), 1);
        let attempts = Attempts::from_retries(vec![Retry {
            attempt: 1,
            reason: RetryReason::Status(StatusCode::SERVICE_UNAVAILABLE),
            delay: Duration::from_millis(3),
        }]);
        assert_eq!(attempts.count(), 2);
        assert_eq!(attempts.retries()[0].reason.to_string(), "HTTP 503 Service Unavailable");
        assert_eq!(RetryReason::ConnectionLost.to_string(), "connection lost");
    }
}
