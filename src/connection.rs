//! Accepted connections: slow and over-large first request heads, and the HTTP layer's own errors.
//!
//! actix-http answers a few failures itself, before any service of ours runs, with an empty plain
//! response and no hook to shape it: a 408 when the first request head of a connection does not
//! arrive within its `client_request_timeout` (`poll_head_timer` in its HTTP/1 dispatcher), a 431
//! when a head fills its 128 KiB read buffer or carries more than 96 header fields, and a 400 when a
//! request cannot be parsed (a raw non-ASCII byte or a space in the target, a broken header line,
//! bad body framing). Every other error of this API is `application/problem+json`, so [`Connection`]
//! takes these cases over at the I/O layer. It wraps each accepted TCP stream and:
//!
//! - scans the bytes actix reads until the first request head ends. When the deadline passes first,
//!   or the head outgrows actix's limits, it writes a problem response itself and reports end of
//!   stream, so actix closes the connection without writing anything. `startup` turns actix's own
//!   head timer off. Once the first head has ended, or once the server has written anything, reads
//!   pass through untouched: later requests on a keep-alive connection are governed by actix's
//!   keep-alive timer and limits.
//! - replaces, in what actix writes, a bodiless 4xx response that actix made itself (its only
//!   headers are `content-length: 0`, `connection` and `date`; every response of the application
//!   carries `x-request-id`) by the matching problem response. actix writes such a response last,
//!   then closes the connection.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::{Duration, SystemTime};

use actix_rt::net::{ActixStream, Ready, TcpStream};
use actix_web::body::MessageBody;
use actix_web::http::header::{self, HeaderName, HeaderValue, HttpDate};
use actix_web::ResponseError;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

use crate::error::ApiError;

/// The largest request head actix-http 3 buffers (`MAX_BUFFER_SIZE` of its HTTP/1 decoder): a head
/// that has not ended within this many bytes is answered with 431 here.
pub const MAX_HEAD_BYTES: usize = 128 * 1024;

/// The most header fields actix-http 3 parses in one head (`MAX_HEADERS` of its HTTP/1 decoder): a
/// head with more is answered with 431 here.
pub const MAX_HEADER_FIELDS: usize = 96;

/// An accepted TCP connection that answers a slow or over-large first request head with a problem.
///
/// Reads and writes go to the socket; while the first request head is being read, the bytes are
/// scanned for its end and a deadline runs (see the module documentation).
pub struct Connection {
    stream: TcpStream,
    phase: Phase,
    /// Bytes of a replaced response the socket has not taken yet; written before anything else.
    pending: Vec<u8>,
}

/// Where a connection is in its life.
enum Phase {
    /// The first request head is being read.
    FirstHead {
        /// Where the head ends, found as bytes arrive.
        scanner: HeadScanner,
        /// When the head must be in; `None` when there is no time limit.
        deadline: Option<Pin<Box<Sleep>>>,
        /// The time allowed, for the problem's detail.
        timeout: Duration,
    },
    /// The head is in, or the server has written: every call goes straight to the socket.
    PassThrough,
    /// This connection answered the client itself; reads report end of stream.
    Answered,
}

impl Connection {
    /// Wraps a just-accepted `stream` whose first request head must arrive within `timeout`
    /// (`Duration::ZERO`: no time limit). The deadline starts now.
    pub fn new(stream: TcpStream, timeout: Duration) -> Self {
        let deadline = (!timeout.is_zero()).then(|| Box::pin(tokio::time::sleep(timeout)));
        Self {
            stream,
            phase: Phase::FirstHead {
                scanner: HeadScanner::default(),
                deadline,
                timeout,
            },
            pending: Vec::new(),
        }
    }

    /// Writes the problem response for `error` as far as the socket takes it without waiting (it is
    /// a few hundred bytes, which a socket nothing has been written to yet always takes), then
    /// leaves reads reporting end of stream.
    fn answer(&mut self, cx: &mut Context<'_>, error: &ApiError) {
        let request_id = uuid::Uuid::new_v4().to_string();
        let response = problem_response(error, &request_id);
        let mut written = 0;
        while written < response.len() {
            match Pin::new(&mut self.stream).poll_write(cx, &response[written..]) {
                Poll::Ready(Ok(n)) if n > 0 => written += n,
                _ => break,
            }
        }
        tracing::info!(
            request_id,
            status = error.status_code().as_u16(),
            detail = %error,
            fully_written = written == response.len(),
            "request head rejected; connection closed"
        );
        self.phase = Phase::Answered;
    }
}

/// The whole HTTP/1.1 response for `error`: the problem [`ApiError::render`] makes, with the headers
/// the HTTP contract adds to every response (`X-Request-Id`, `X-Content-Type-Options`), a length, a
/// date, and `Connection: close`.
fn problem_response(error: &ApiError, request_id: &str) -> Vec<u8> {
    let mut response = error.render("", request_id);
    let headers = response.headers_mut();
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert(HeaderName::from_static("x-request-id"), id);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    if let Ok(date) = HeaderValue::try_from(HttpDate::from(SystemTime::now()).to_string()) {
        headers.insert(header::DATE, date);
    }
    let mut out = format!("HTTP/1.1 {}\r\n", response.status()).into_bytes();
    for (name, value) in response.headers() {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    let body = response.into_body().try_into_bytes().unwrap_or_default();
    out.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(&body);
    out
}

impl AsyncRead for Connection {
    /// Reads from the socket. While the first head is being read, the new bytes are scanned; bytes
    /// that take the head past actix's limits are taken back (actix never sees them) and answered
    /// with 431, and a read that would wait after the deadline has passed is answered with 408. The
    /// deadline's timer is registered with the same waker as the socket, so the task wakes for it.
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let Phase::FirstHead {
            scanner,
            deadline,
            timeout,
        } = &mut this.phase
        else {
            return match this.phase {
                Phase::Answered => Poll::Ready(Ok(())),
                _ => Pin::new(&mut this.stream).poll_read(cx, buf),
            };
        };
        let before = buf.filled().len();
        let rejection = match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => match scanner.feed(&buf.filled()[before..]) {
                Scan::Partial => return Poll::Ready(Ok(())),
                Scan::Complete => {
                    this.phase = Phase::PassThrough;
                    return Poll::Ready(Ok(()));
                }
                Scan::TooLarge => {
                    buf.set_filled(before);
                    ApiError::HeadTooLarge {
                        limit: MAX_HEAD_BYTES,
                    }
                }
                Scan::TooManyFields => {
                    buf.set_filled(before);
                    ApiError::TooManyHeaderFields {
                        limit: MAX_HEADER_FIELDS,
                    }
                }
            },
            Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
            Poll::Pending => {
                let expired = deadline
                    .as_mut()
                    .is_some_and(|deadline| deadline.as_mut().poll(cx).is_ready());
                if !expired {
                    return Poll::Pending;
                }
                ApiError::RequestTimeout {
                    timeout_ms: timeout.as_millis(),
                }
            }
        };
        this.answer(cx, &rejection);
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Connection {
    /// Writes to the socket; from the first write on, this connection never answers by itself. A
    /// bodiless 4xx response actix made itself, at the end of `data`, is replaced by its problem
    /// response: all of `data` is reported written, and what the socket does not take at once is
    /// written by the next write, flush or shutdown.
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.server_writes();
        ready!(this.poll_pending(cx))?;
        let Some((start, error)) = http_layer_error(data) else {
            return Pin::new(&mut this.stream).poll_write(cx, data);
        };
        let request_id = uuid::Uuid::new_v4().to_string();
        tracing::info!(
            request_id,
            status = error.status_code().as_u16(),
            detail = %error,
            "request rejected by the HTTP layer; connection closed"
        );
        this.pending.extend_from_slice(&data[..start]);
        this.pending
            .extend_from_slice(&problem_response(&error, &request_id));
        if let Poll::Ready(Err(e)) = this.poll_pending(cx) {
            return Poll::Ready(Err(e));
        }
        Poll::Ready(Ok(data.len()))
    }

    /// Not vectored: every write goes through [`poll_write`](Self::poll_write).
    fn is_write_vectored(&self) -> bool {
        false
    }

    /// Writes what is pending, then flushes the socket.
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.stream).poll_flush(cx)
    }

    /// Writes what is pending, then shuts the socket's write half down.
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.stream).poll_shutdown(cx)
    }
}

impl Connection {
    /// The server has started a response: stop watching, so nothing is ever injected into it.
    fn server_writes(&mut self) {
        if matches!(self.phase, Phase::FirstHead { .. }) {
            self.phase = Phase::PassThrough;
        }
    }

    /// Writes the bytes of a replaced response that are still pending.
    fn poll_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while !self.pending.is_empty() {
            let n = ready!(Pin::new(&mut self.stream).poll_write(cx, &self.pending))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.pending.drain(..n);
        }
        Poll::Ready(Ok(()))
    }
}

/// The longest bodiless error response actix-http writes itself: status line, `content-length`,
/// `connection` and `date` (about 110 bytes), with room to spare.
const HTTP_LAYER_ERROR_MAX: usize = 256;

/// Where a bodiless 4xx response made by actix-http itself starts at the end of `data`, and the
/// problem that replaces it; `None` for anything else, which is every response of the application
/// (they all carry `x-request-id`).
fn http_layer_error(data: &[u8]) -> Option<(usize, ApiError)> {
    if !data.ends_with(b"\r\n\r\n") {
        return None;
    }
    let tail_from = data.len().saturating_sub(HTTP_LAYER_ERROR_MAX);
    let tail = &data[tail_from..];
    let start = tail.windows(7).rposition(|w| w == b"HTTP/1.")?;
    let head = std::str::from_utf8(&tail[start..]).ok()?;
    let mut lines = head.strip_suffix("\r\n\r\n")?.split("\r\n");
    let status = lines.next()?.get(9..12)?;
    let mut bodiless = false;
    for line in lines {
        let (name, value) = line.split_once(": ")?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => bodiless = value == "0",
            "connection" | "date" => {}
            _ => return None,
        }
    }
    let error = match status {
        "400" => ApiError::MalformedRequest,
        "431" => ApiError::HeadOverLimits {
            bytes: MAX_HEAD_BYTES,
            fields: MAX_HEADER_FIELDS,
        },
        _ => return None,
    };
    bodiless.then_some((tail_from + start, error))
}

/// Readiness is the socket's, so the connection can be used wherever actix expects a stream that
/// signals readiness (the TLS acceptors of actix-tls). The first-head deadline is seen by reads only.
impl ActixStream for Connection {
    /// The socket's read readiness; always ready once this connection has answered (reads then
    /// report end of stream).
    fn poll_read_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<Ready>> {
        match self.phase {
            Phase::Answered => Poll::Ready(Ok(Ready::READ_CLOSED)),
            _ => ActixStream::poll_read_ready(&self.stream, cx),
        }
    }

    /// The socket's write readiness.
    fn poll_write_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<Ready>> {
        ActixStream::poll_write_ready(&self.stream, cx)
    }
}

/// Finds where the first request head ends, a byte at a time, so that an end split across reads
/// is found, and counts its size and header fields against actix-http's limits.
///
/// It reads heads as httparse (actix-http's parser) does: empty lines before the request line are
/// skipped, and a line ends in CRLF or a bare LF, so the head ends at the first empty line after the
/// request line. Malformed heads are not judged here; actix answers them (400) and from then on the
/// connection is passed through.
#[derive(Debug, Default)]
struct HeadScanner {
    /// Bytes of the head seen so far.
    len: usize,
    /// Lines ended so far, the request line included.
    lines: usize,
    /// Where the last byte left the scanner.
    at: At,
}

/// A position within a request head.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Before the request line, where empty lines are skipped.
    #[default]
    Start,
    /// Inside a line.
    Line,
    /// At the start of a line after the request line (or after a CR there): an LF ends the head.
    LineStart,
}

/// What [`HeadScanner::feed`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// The head goes on past these bytes.
    Partial,
    /// The head ends within these bytes.
    Complete,
    /// The head has reached [`MAX_HEAD_BYTES`] without ending: actix would answer 431 itself.
    TooLarge,
    /// The head has more than [`MAX_HEADER_FIELDS`] header fields: actix would answer 431 itself.
    TooManyFields,
}

impl HeadScanner {
    /// Scans the next `bytes` of the head.
    fn feed(&mut self, bytes: &[u8]) -> Scan {
        for &b in bytes {
            self.len += 1;
            self.at = match (self.at, b) {
                (At::Start, b'\r' | b'\n') => At::Start,
                (At::LineStart, b'\n') => return Scan::Complete,
                (At::LineStart, b'\r') => At::LineStart,
                (_, b'\n') => {
                    self.lines += 1;
                    if self.lines > MAX_HEADER_FIELDS + 1 {
                        return Scan::TooManyFields;
                    }
                    At::LineStart
                }
                _ => At::Line,
            };
            // actix-http gives up on an unfinished head once it holds this many bytes.
            if self.len == MAX_HEAD_BYTES {
                return Scan::TooLarge;
            }
        }
        Scan::Partial
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use serde_json::Value;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    /// Feeds `pieces` one after another, as successive reads.
    fn scan(pieces: &[&[u8]]) -> Vec<Scan> {
        let mut scanner = HeadScanner::default();
        pieces.iter().map(|piece| scanner.feed(piece)).collect()
    }

    #[test]
    fn the_head_ends_at_its_first_empty_line_however_reads_split_it() {
        use Scan::{Complete, Partial};
        let head: &[u8] = b"GET /v1/claims HTTP/1.1\r\nHost: x\r\n\r\n";
        assert_eq!(scan(&[head]), [Complete]);
        for split in 1..head.len() {
            let (a, b) = head.split_at(split);
            assert_eq!(scan(&[a, b]), [Partial, Complete], "split at {split}");
        }
        let bytes: Vec<&[u8]> = head.chunks(1).collect();
        let mut expected = vec![Partial; head.len() - 1];
        expected.push(Complete);
        assert_eq!(scan(&bytes), expected, "byte by byte");
        assert_eq!(
            scan(&[b"GET / HTTP/1.1\r\nHost: x\r\n", b"\r\n"]),
            [Partial, Complete],
            "\\r\\n | \\r\\n"
        );
        assert_eq!(
            scan(&[b"GET / HTTP/1.1\r\nHost: x\r", b"\n\r", b"\n"]),
            [Partial, Partial, Complete]
        );
    }

    #[test]
    fn heads_are_read_as_actix_reads_them() {
        use Scan::{Complete, Partial};
        // Bare LF line ends, as httparse accepts.
        assert_eq!(scan(&[b"GET / HTTP/1.1\nHost: x\n\n"]), [Complete]);
        assert_eq!(
            scan(&[b"GET / HTTP/1.1\r\nHost: x\n", b"\r\n"]),
            [Partial, Complete]
        );
        // Empty lines before the request line are skipped, not taken for the end.
        assert_eq!(scan(&[b"\r\n\r\n", b"\n\n"]), [Partial, Partial]);
        assert_eq!(
            scan(&[b"\r\n\r\nGET / HTTP/1.1\r\n", b"Host: x\r\n\r\n"]),
            [Partial, Complete]
        );
        // A request line and no header field.
        assert_eq!(scan(&[b"GET / HTTP/1.0\r\n\r\n"]), [Complete]);
        // Header lines and a CR alone inside a line do not end it.
        assert_eq!(
            scan(&[b"GET / HTTP/1.1\r\nHost: x\r\nA: b\rc\r\n"]),
            [Partial]
        );
    }

    #[test]
    fn heads_past_actix_limits_are_caught_before_actix_sees_them() {
        use Scan::{Complete, Partial, TooLarge, TooManyFields};
        let head_of = |len: usize, ended: bool| {
            let start = b"GET / HTTP/1.1\r\nX: ";
            let end: &[u8] = if ended { b"\r\n\r\n" } else { b"" };
            let mut head = start.to_vec();
            head.resize(len - end.len(), b'a');
            head.extend_from_slice(end);
            head
        };
        assert_eq!(scan(&[&head_of(MAX_HEAD_BYTES, true)]), [Complete]);
        assert_eq!(scan(&[&head_of(MAX_HEAD_BYTES - 1, false)]), [Partial]);
        // actix gives up on an unfinished head once it holds MAX_HEAD_BYTES.
        assert_eq!(scan(&[&head_of(MAX_HEAD_BYTES, false)]), [TooLarge]);
        assert_eq!(
            scan(&[&head_of(MAX_HEAD_BYTES - 1, false), b"a"]),
            [Partial, TooLarge]
        );

        let fields = |n: usize| {
            let mut head = b"GET / HTTP/1.1\r\n".to_vec();
            for i in 0..n {
                head.extend_from_slice(format!("X-{i}: v\r\n").as_bytes());
            }
            head.extend_from_slice(b"\r\n");
            head
        };
        assert_eq!(scan(&[&fields(MAX_HEADER_FIELDS)]), [Complete]);
        assert_eq!(scan(&[&fields(MAX_HEADER_FIELDS + 1)]), [TooManyFields]);
    }

    #[test]
    fn only_bodiless_errors_made_by_the_http_layer_are_replaced() {
        let actix_400: &[u8] = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\ndate: Thu, 26 Nov 2026 01:35:13 GMT\r\n\r\n";
        let found = http_layer_error(actix_400);
        assert!(
            matches!(found, Some((0, ApiError::MalformedRequest))),
            "{found:?}"
        );
        // After a pipelined response in the same write.
        let mut both =
            b"HTTP/1.1 200 OK\r\nx-request-id: a\r\ncontent-length: 2\r\n\r\n{}".to_vec();
        let at = both.len();
        both.extend_from_slice(actix_400);
        assert!(matches!(http_layer_error(&both), Some((s, _)) if s == at));
        let actix_431 = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\nconnection: close\r\ndate: Thu, 26 Nov 2026 01:35:13 GMT\r\n\r\n";
        assert!(matches!(
            http_layer_error(actix_431),
            Some((0, ApiError::HeadOverLimits { .. }))
        ));
        for untouched in [
            // The application's responses carry x-request-id.
            &b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nx-request-id: a\r\n\r\n"[..],
            // Not an error, or not bodiless.
            b"HTTP/1.1 304 Not Modified\r\ncontent-length: 0\r\ndate: x\r\n\r\n",
            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 12\r\n\r\n",
            // A body, or the middle of one.
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n{}",
            b"{\"detail\":\"HTTP/1.1 400 Bad Request\"}",
        ] {
            assert!(
                http_layer_error(untouched).is_none(),
                "{}",
                String::from_utf8_lossy(untouched)
            );
        }
    }

    /// A connection over loopback, and its client.
    async fn connect(timeout: Duration) -> (Connection, tokio::net::TcpStream) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let client = tokio::net::TcpStream::connect(listener.local_addr().unwrap())
            .await
            .unwrap();
        let (server, _) = listener.accept().await.unwrap();
        (Connection::new(server, timeout), client)
    }

    /// Reads from `connection` until it reports end of stream; returns what it read.
    async fn read_to_end(connection: &mut Connection) -> Vec<u8> {
        let mut seen = Vec::new();
        connection.read_to_end(&mut seen).await.unwrap();
        seen
    }

    /// The response a client reads to its end: status line and headers (each line ending in CRLF),
    /// and the JSON body.
    async fn response(client: &mut tokio::net::TcpStream) -> (String, Value) {
        let mut raw = Vec::new();
        client.read_to_end(&mut raw).await.unwrap();
        let text = String::from_utf8(raw).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let head = format!("{head}\r\n");
        assert!(
            head.contains(&format!("\r\ncontent-length: {}\r\n", body.len())),
            "{head}"
        );
        (head, serde_json::from_str(body).unwrap())
    }

    #[tokio::test]
    async fn a_late_first_head_gets_a_408_problem_and_the_server_end_of_stream() {
        let started = Instant::now();
        let (mut connection, mut client) = connect(Duration::from_millis(200)).await;
        client
            .write_all(b"GET /v1/claims HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        let seen = read_to_end(&mut connection).await;
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert_eq!(seen, b"GET /v1/claims HTTP/1.1\r\nHost: x\r\n");
        drop(connection);
        let (head, body) = response(&mut client).await;
        assert!(
            head.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
            "{head}"
        );
        for line in [
            "content-type: application/problem+json",
            "cache-control: no-store",
            "x-content-type-options: nosniff",
            "connection: close",
            "date: ",
        ] {
            assert!(head.contains(&format!("\r\n{line}")), "{line} in {head}");
        }
        assert_eq!(body["type"], "about:blank");
        assert_eq!(body["title"], "Request Timeout");
        assert_eq!(body["status"], 408);
        assert_eq!(
            body["detail"],
            "The request head was not received within 200 ms."
        );
        let id = body["request_id"].as_str().unwrap();
        assert!(
            head.contains(&format!("\r\nx-request-id: {id}\r\n")),
            "{head}"
        );
    }

    #[tokio::test]
    async fn a_first_head_that_ends_in_time_stops_the_clock() {
        let (mut connection, mut client) = connect(Duration::from_millis(100)).await;
        let head = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        let mut read = Vec::new();
        for piece in [&head[..head.len() - 1], &head[head.len() - 1..]] {
            client.write_all(piece).await.unwrap();
            let mut buf = [0; 64];
            let n = connection.read(&mut buf).await.unwrap();
            read.extend_from_slice(&buf[..n]);
        }
        assert_eq!(read, head);
        tokio::time::sleep(Duration::from_millis(300)).await;
        client.write_all(b"next").await.unwrap();
        client.shutdown().await.unwrap();
        assert_eq!(read_to_end(&mut connection).await, b"next");
    }

    #[tokio::test]
    async fn nothing_is_injected_once_the_server_has_written() {
        let (mut connection, mut client) = connect(Duration::from_millis(100)).await;
        client.write_all(b"GET / HTT").await.unwrap();
        let mut buf = [0; 64];
        let n = connection.read(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"GET / HTT");
        connection.write_all(b"server bytes").await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        client.write_all(b"P/1.1").await.unwrap();
        client.shutdown().await.unwrap();
        assert_eq!(read_to_end(&mut connection).await, b"P/1.1");
        drop(connection);
        let mut received = Vec::new();
        client.read_to_end(&mut received).await.unwrap();
        assert_eq!(received, b"server bytes");
    }

    #[tokio::test]
    async fn an_over_large_first_head_gets_a_431_problem_and_actix_never_sees_the_excess() {
        let (mut connection, mut client) = connect(Duration::ZERO).await;
        let mut head = b"GET / HTTP/1.1\r\nX-Pad: ".to_vec();
        head.resize(MAX_HEAD_BYTES + 10_000, b'a');
        let writer = tokio::spawn(async move {
            let _ = client.write_all(&head).await;
            client
        });
        let seen = read_to_end(&mut connection).await;
        assert!(seen.len() < MAX_HEAD_BYTES, "{} bytes passed", seen.len());
        let mut client = writer.await.unwrap();
        let mut raw = Vec::new();
        while !raw.ends_with(b"}") {
            let mut buf = [0; 1024];
            let n = client.read(&mut buf).await.unwrap();
            assert!(n > 0, "end of stream after {raw:?}");
            raw.extend_from_slice(&buf[..n]);
        }
        let text = String::from_utf8_lossy(&raw);
        assert!(
            text.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            "{text}"
        );
        assert!(text.contains("larger than 131072 bytes"), "{text}");
    }
}
