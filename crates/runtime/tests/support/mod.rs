//! A raw HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose: it stalls, resets, truncates and
//! lies, following a script per connection. Shared by the fault-matrix and observability tests.
#![allow(dead_code)] // each test binary uses a different part

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Largest request head the server reads.
const MAX_HEAD: usize = 64 * 1024;

/// One thing the server does on a connection, in order.
#[derive(Debug, Clone)]
pub enum Action {
    /// Read one request (head and `Content-Length` body) and record it.
    ReadRequest,
    /// Write bytes.
    Write(Vec<u8>),
    /// Wait.
    Sleep(Duration),
    /// Close abruptly with a TCP reset (the script ends here).
    Reset,
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub at: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct State {
    connections: usize,
    requests: Vec<Recorded>,
}

/// The server; connection `i` follows `script[i]`, or the last script once they run out.
/// Dropping it stops accepting.
pub struct FaultServer {
    address: std::net::SocketAddr,
    state: Arc<Mutex<State>>,
    accept: JoinHandle<()>,
}

impl FaultServer {
    pub async fn start(script: Vec<Vec<Action>>) -> FaultServer {
        FaultServer::start_with(|_| script).await
    }

    /// Like [`start`](Self::start), with a script that may name the server's own port.
    pub async fn start_with(script: impl FnOnce(u16) -> Vec<Vec<Action>>) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let address = listener.local_addr().expect("local address");
        let script = script(address.port());
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let accept = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let index = {
                    let mut state = shared.lock().unwrap_or_else(PoisonError::into_inner);
                    state.connections += 1;
                    state.connections - 1
                };
                let actions = script.get(index).or(script.last()).cloned().unwrap_or_default();
                tokio::spawn(serve(socket, actions, shared.clone()));
            }
        });
        FaultServer { address, state, accept }
    }

    /// Every connection gets the same script.
    pub async fn always(actions: Vec<Action>) -> FaultServer {
        FaultServer::start(vec![actions]).await
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    pub fn connections(&self) -> usize {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).connections
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).requests.clone()
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

async fn serve(mut socket: TcpStream, actions: Vec<Action>, state: Arc<Mutex<State>>) {
    let mut buffer = Vec::new();
    for action in actions {
        match action {
            Action::ReadRequest => match read_request(&mut socket, &mut buffer).await {
                Some(request) => state.lock().unwrap_or_else(PoisonError::into_inner).requests.push(request),
                None => return,
            },
            Action::Write(bytes) => {
                if socket.write_all(&bytes).await.is_err() || socket.flush().await.is_err() {
                    return;
                }
            }
            Action::Sleep(duration) => tokio::time::sleep(duration).await,
            Action::Reset => {
                // SO_LINGER 0 makes close send RST; with a zero linger the close does not block.
                #[allow(deprecated)]
                let _ = socket.set_linger(Some(Duration::ZERO));
                return;
            }
        }
    }
    let _ = socket.shutdown().await;
}

/// Reads one request from `socket`; `buffer` keeps bytes already read past it.
async fn read_request(socket: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Recorded> {
    let head_end = loop {
        if let Some(end) = find(buffer, b"\r\n\r\n") {
            break end;
        }
        if buffer.len() > MAX_HEAD {
            return None;
        }
        let mut chunk = [0u8; 4096];
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(chunk.get(..read)?);
    };
    let head = String::from_utf8_lossy(buffer.get(..head_end)?).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        let mut chunk = [0u8; 4096];
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(chunk.get(..read)?);
    }
    let body = buffer.get(body_start..body_start + length)?.to_vec();
    buffer.drain(..body_start + length);
    Some(Recorded { method, target, headers, body, at: Instant::now() })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// A complete response with `Content-Length` and `Connection: close`.
pub fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut bytes = head(status, headers);
    let head_len = bytes.len() - 2;
    bytes.truncate(head_len);
    bytes.extend(format!("content-length: {}\r\nconnection: close\r\n\r\n", body.len()).into_bytes());
    bytes.extend_from_slice(body);
    bytes
}

/// A status line and headers, nothing added (the caller decides on framing).
pub fn head(status: u16, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut text = format!("HTTP/1.1 {status} Fault\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.into_bytes()
}

/// Read the request, answer with `bytes`, close.
pub fn reply(bytes: Vec<u8>) -> Vec<Action> {
    vec![Action::ReadRequest, Action::Write(bytes)]
}

/// An XML 200 response.
pub fn xml_ok(body: &str) -> Vec<Action> {
    reply(response(200, &[("content-type", "application/xml")], body.as_bytes()))
}

/// Runs `future`, failing the test if it takes longer than `bound`; returns its output and how
/// long it took.
pub async fn within<F: std::future::Future>(bound: Duration, future: F) -> (F::Output, Duration) {
    let started = Instant::now();
    let output = tokio::time::timeout(bound, future).await.unwrap_or_else(|_| panic!("exceeded the {bound:?} bound"));
    (output, started.elapsed())
}
