//! The command line: `serve` (the default), `extract`, `validate`, `openapi`, `snapshot`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::startup::{Application, Limits, Settings};
use crate::store::load;
use crate::telemetry::{self, LogFormat};

/// Extracts facts from news articles into a JSON fact store and serves it over a read-only JSON API.
#[derive(Debug, Parser)]
#[command(name = "newsfacts", version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve a fact store over the JSON API.
    Serve(ServeArgs),
    /// Extract facts from article files or folders into a store file.
    Extract(crate::extract::ExtractArgs),
    /// Check a store file and report every problem in it.
    Validate(ValidateArgs),
    /// Print or write the OpenAPI document.
    Openapi(OpenapiArgs),
    /// Check a store file and write it as a binary snapshot, which `serve --data` loads faster.
    Snapshot(SnapshotArgs),
}

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "NEWSFACTS_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Store file to serve; the store embedded in the binary when omitted.
    #[arg(long, env = "NEWSFACTS_DATA")]
    pub data: Option<PathBuf>,
    /// Log line format.
    #[arg(
        long,
        env = "NEWSFACTS_LOG_FORMAT",
        value_enum,
        default_value = "pretty"
    )]
    pub log_format: LogFormat,
    /// Worker threads; one per core when omitted.
    #[arg(long, env = "NEWSFACTS_WORKERS")]
    pub workers: Option<usize>,
    /// Most concurrent connections per worker.
    #[arg(long, env = "NEWSFACTS_MAX_CONNECTIONS", default_value_t = 25_000)]
    pub max_connections: usize,
    /// Milliseconds a client has, from connecting, to send the request line and headers of its first
    /// request (slower clients get 408); at least 1000, so that a client whose first packets are lost
    /// and sent again (TCP's first retransmission waits about a second) is not cut off.
    #[arg(long, env = "NEWSFACTS_REQUEST_TIMEOUT_MS", default_value_t = 5_000,
          value_parser = clap::value_parser!(u64).range(1_000..))]
    pub request_timeout_ms: u64,
    /// Seconds an idle keep-alive connection stays open.
    #[arg(long, env = "NEWSFACTS_KEEP_ALIVE_SECS", default_value_t = 5)]
    pub keep_alive_secs: u64,
    /// Longest request target (path and query) in bytes; longer gets 414.
    #[arg(long, env = "NEWSFACTS_MAX_URL_BYTES", default_value_t = 8 * 1024)]
    pub max_url_bytes: usize,
    /// Largest total size of the request headers in bytes; larger gets 431.
    #[arg(long, env = "NEWSFACTS_MAX_HEADER_BYTES", default_value_t = 16 * 1024)]
    pub max_header_bytes: usize,
    /// Requests per minute per client address (429 with Retry-After beyond); no limit when omitted.
    #[arg(long, env = "NEWSFACTS_RATE_LIMIT_PER_MINUTE")]
    pub rate_limit_per_minute: Option<std::num::NonZeroU32>,
}

impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs::parse_from_env()
    }
}

impl ServeArgs {
    /// Defaults, overridden by the environment.
    fn parse_from_env() -> Self {
        #[derive(Parser)]
        struct Wrapper {
            #[command(flatten)]
            args: ServeArgs,
        }
        Wrapper::parse_from(["newsfacts"]).args
    }
}

/// Options of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Store file to check.
    pub file: PathBuf,
}

/// Options of `snapshot`.
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// Store file to check and convert (JSON, or a snapshot to write again).
    pub file: PathBuf,
    /// Snapshot file to write (replaced atomically).
    #[arg(long)]
    pub out: PathBuf,
}

/// Options of `openapi`.
#[derive(Debug, Args)]
pub struct OpenapiArgs {
    /// Write the document here instead of to standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli
        .command
        .unwrap_or_else(|| Command::Serve(ServeArgs::default()))
    {
        Command::Serve(args) => serve(args),
        Command::Validate(args) => return validate(&args),
        Command::Extract(args) => match crate::extract::run(args) {
            Ok(code) => return code,
            Err(e) => Err(e),
        },
        Command::Openapi(args) => openapi(&args),
        Command::Snapshot(args) => return snapshot(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsfacts: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: ServeArgs) -> anyhow::Result<()> {
    // Held until the server stops, so that every line is written before the process exits.
    let _log = telemetry::init(args.log_format);
    let settings = Settings {
        addr: args.addr,
        data: args.data,
        workers: args.workers,
        limits: Limits {
            max_connections: args.max_connections,
            request_timeout: std::time::Duration::from_millis(args.request_timeout_ms),
            keep_alive: std::time::Duration::from_secs(args.keep_alive_secs),
            max_url_bytes: args.max_url_bytes,
            max_header_bytes: args.max_header_bytes,
            rate_limit_per_minute: args.rate_limit_per_minute,
        },
    };
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(&settings)?;
        app.run_until_stopped().await?;
        tracing::info!("stopped");
        Ok(())
    })
}

fn validate(args: &ValidateArgs) -> ExitCode {
    match load::read_file(&args.file) {
        Ok(v) => {
            let f = &v.facts;
            println!(
                "{}: valid (snapshot {}, {} articles, {} entities, {} entity mentions, {} claims)",
                args.file.display(),
                v.snapshot_id,
                f.articles.len(),
                f.entities.len(),
                f.entity_mentions.len(),
                f.claims.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn snapshot(args: &SnapshotArgs) -> ExitCode {
    let validated = match load::read_file(&args.file) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match crate::store::snapshot::write(&validated, &args.out) {
        Ok(()) => {
            println!(
                "{}: snapshot {} of {} written",
                args.out.display(),
                validated.snapshot_id,
                args.file.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("newsfacts: cannot write {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}

fn openapi(args: &OpenapiArgs) -> anyhow::Result<()> {
    let json = crate::openapi::document_json();
    match &args.out {
        Some(path) => std::fs::write(path, json)?,
        None => std::io::stdout().write_all(json.as_bytes())?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        super::Cli::command().debug_assert();
    }
}
