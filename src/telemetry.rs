//! Logging: `tracing` events to stderr, filtered by `RUST_LOG` (default [`DEFAULT_FILTER`]). Events are
//! formatted on the thread that records them and written by a thread of their own, so a request never
//! waits on a write to stderr, and lines that queue up while it writes go out together in one write.

use std::io::{BufWriter, IsTerminal};

use clap::ValueEnum;
use tracing_appender::non_blocking::{NonBlockingBuilder, WorkerGuard};
use tracing_subscriber::EnvFilter;

/// The filter when `RUST_LOG` is unset: `info`, without actix-http's own reports of malformed requests,
/// which it reports at `error` level although they are client errors (they are answered with a 400
/// problem and logged at `info` by `connection`).
pub const DEFAULT_FILTER: &str = "info,actix_http::h1::dispatcher=off";

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One JSON object per line (for containers and log shippers).
    Json,
    /// Compact human-readable lines.
    Pretty,
}

/// Lines that may wait for the writing thread; when they are all taken, logging waits (no line is lost).
const QUEUED_LINES: usize = 16 * 1024;

/// Keeps the writing thread running; dropping it writes out every queued line.
#[must_use = "dropping the guard stops the log writer"]
pub struct LogGuard {
    _writer: WorkerGuard,
}

/// Installs the global subscriber and starts its writing thread. Later calls install nothing and
/// return `None`, so tests may call it freely.
pub fn init(format: LogFormat) -> Option<LogGuard> {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let (writer, guard) = NonBlockingBuilder::default()
        .lossy(false)
        .buffered_lines_limit(QUEUED_LINES)
        .thread_name("log-writer")
        .finish(BufWriter::new(std::io::stderr()));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        // Colours only for a terminal: not in files and pipes, and not formatted for nothing.
        .with_ansi(std::io::stderr().is_terminal());
    let installed = match format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
        LogFormat::Pretty => builder.compact().try_init(),
    };
    installed.ok().map(|()| LogGuard { _writer: guard })
}
