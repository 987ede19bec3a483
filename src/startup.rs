//! Building and running the HTTP server.

use std::net::TcpListener;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use actix_cors::Cors;
use actix_http::{HttpService, Protocol};
use actix_rt::net::TcpStream;
use actix_service::{fn_service, map_config, ServiceFactoryExt};
use actix_web::dev::{AppConfig, Server};
use actix_web::http::header;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App};
use anyhow::Context;
use sha2::{Digest, Sha256};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::connection::Connection;
use crate::error::ApiError;
use crate::middleware::{self, DocumentEtag, RateLimit, RequestLimits};
use crate::store::{load, FactStore, SharedStore};
use crate::{openapi, routes};

/// What the server needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on; port 0 picks a free port.
    pub addr: String,
    /// Store file to serve; `None` serves the store embedded in the binary.
    pub data: Option<PathBuf>,
    /// Worker threads; `None` uses one per core.
    pub workers: Option<usize>,
    /// Connection and request limits.
    pub limits: Limits,
}

/// Connection and request limits, with the defaults documented in the README.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Most concurrent connections per worker.
    pub max_connections: usize,
    /// Time a client has to send the head (request line and headers) of the first request on a
    /// connection, counted from the connection's accept; slower clients get a 408 problem
    /// (see `connection`). `Duration::ZERO` sets no limit.
    pub request_timeout: Duration,
    /// How long an idle keep-alive connection stays open.
    pub keep_alive: Duration,
    /// Longest request target (path and query) in bytes.
    pub max_url_bytes: usize,
    /// Largest total size of the request headers in bytes.
    pub max_header_bytes: usize,
    /// Requests per minute per client address; `None` for no limit.
    pub rate_limit_per_minute: Option<NonZeroU32>,
}

impl Default for Limits {
    fn default() -> Self {
        let request = RequestLimits::default();
        Self {
            max_connections: 25_000,
            request_timeout: Duration::from_secs(5),
            keep_alive: Duration::from_secs(5),
            max_url_bytes: request.max_url_bytes,
            max_header_bytes: request.max_header_bytes,
            rate_limit_per_minute: None,
        }
    }
}

impl Settings {
    /// Listen on `addr` and serve `data` (or the embedded store) with default limits.
    pub fn new(addr: impl Into<String>, data: Option<PathBuf>) -> Self {
        Self {
            addr: addr.into(),
            data,
            workers: None,
            limits: Limits::default(),
        }
    }
}

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
    store: Arc<web::Data<SharedStore>>,
}

impl Application {
    /// Loads and validates the store, then binds the address. Fails before binding on a bad store.
    pub fn build(settings: &Settings) -> anyhow::Result<Self> {
        let store = match &settings.data {
            Some(path) => FactStore::load(path).with_context(|| {
                format!(
                    "refusing to start: the store {} is not valid",
                    path.display()
                )
            })?,
            None => FactStore::embedded()
                .context("refusing to start: the embedded store is not valid")?,
        };
        log_loaded(&store, "store loaded");
        let listener = TcpListener::bind(&settings.addr)
            .with_context(|| format!("cannot listen on {}", settings.addr))?;
        let port = listener.local_addr()?.port();
        tracing::info!(addr = %listener.local_addr()?, "listening");
        let store = web::Data::new(SharedStore::new(store, settings.data.clone()));
        let server = run(listener, store.clone(), settings)?;
        Ok(Self {
            port,
            server,
            store: Arc::new(store),
        })
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or SIGINT, then drains in-flight requests. On SIGHUP the store file is
    /// re-read, validated and swapped in; an invalid file is logged and the current snapshot stays.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            let store = self.store.clone();
            // tokio::spawn rather than actix's spawn_local: this also runs outside an actix System (tests).
            tokio::spawn(async move {
                use tokio::signal::unix::{signal, SignalKind};
                let Ok(mut hangups) = signal(SignalKind::hangup()) else {
                    tracing::warn!("cannot listen for SIGHUP; live reload is off");
                    return;
                };
                while hangups.recv().await.is_some() {
                    reload(&store).await;
                }
            });
            let handle = self.server.handle();
            tokio::spawn(async move {
                use tokio::signal::unix::{signal, SignalKind};
                let (Ok(mut term), Ok(mut int)) = (
                    signal(SignalKind::terminate()),
                    signal(SignalKind::interrupt()),
                ) else {
                    tracing::warn!("cannot listen for SIGTERM and SIGINT");
                    return;
                };
                let name = tokio::select! {
                    _ = term.recv() => "SIGTERM",
                    _ = int.recv() => "SIGINT",
                };
                tracing::info!(signal = name, "stopping after in-flight requests");
                handle.stop(true).await;
            });
        }
        #[cfg(not(unix))]
        {
            let handle = self.server.handle();
            tokio::spawn(async move {
                if tokio::signal::ctrl_c().await.is_ok() {
                    tracing::info!("stopping after in-flight requests");
                    handle.stop(true).await;
                }
            });
        }
        self.server.await
    }
}

/// Re-reads the store off the request threads and swaps it in if valid.
async fn reload(store: &web::Data<SharedStore>) {
    let shared = store.clone().into_inner();
    match tokio::task::spawn_blocking(move || shared.reload()).await {
        Ok(Ok(current)) => log_loaded(&current, "store reloaded"),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "reload rejected; still serving the previous snapshot")
        }
        Err(e) => tracing::error!(error = %e, "reload failed; still serving the previous snapshot"),
    }
}

fn log_loaded(store: &FactStore, message: &'static str) {
    let s = store.snapshot();
    tracing::info!(
        snapshot = %s.id,
        articles = s.article_count,
        entities = s.entity_count,
        claims = s.claim_count,
        "{message}"
    );
}

/// Builds the server around an already bound listener and a loaded store. Each accepted connection
/// is served through a [`Connection`], which answers slow and over-large first request heads.
pub fn run(
    listener: TcpListener,
    store: web::Data<SharedStore>,
    settings: &Settings,
) -> anyhow::Result<Server> {
    let api = openapi::document();
    let document_etag = web::Data::new(DocumentEtag(format!(
        "W/\"openapi-{}\"",
        load::hex(&Sha256::digest(openapi::to_json(&api).as_bytes())[..8])
    )));
    let limits = &settings.limits;
    let request_limits = web::Data::new(RequestLimits {
        max_url_bytes: limits.max_url_bytes,
        max_header_bytes: limits.max_header_bytes,
    });
    let rate_limit = limits
        .rate_limit_per_minute
        .map(|n| web::Data::new(RateLimit::per_minute(n)));
    let app = move || {
        let cors = Cors::default()
            .allow_any_origin()
            .send_wildcard()
            .allowed_methods(["GET", "HEAD", "OPTIONS"])
            .allowed_headers([
                header::ACCEPT,
                header::IF_NONE_MATCH,
                header::HeaderName::from_static("x-request-id"),
            ])
            .expose_headers([
                header::ETAG,
                header::LINK,
                header::RETRY_AFTER,
                header::HeaderName::from_static("x-request-id"),
            ])
            .max_age(86400)
            // Every answer allows any origin with `*`, the same for every request: no `Vary: Origin`.
            .disable_vary_header();
        let mut app = App::new()
            .app_data(store.clone())
            .app_data(document_etag.clone())
            .app_data(request_limits.clone());
        if let Some(rate_limit) = &rate_limit {
            app = app.app_data(rate_limit.clone());
        }
        app.into_utoipa_app()
            .configure(routes::configure)
            .into_app()
            .service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", api.clone()))
            .route("/healthz", web::get().to(routes::healthz))
            .route("/readyz", web::get().to(routes::readyz))
            .default_service(web::to(|| async {
                Err::<actix_web::HttpResponse, _>(ApiError::RouteNotFound)
            }))
            .wrap(Compress::default())
            .wrap(cors)
            .wrap(from_fn(middleware::http_contract))
    };
    let request_timeout = limits.request_timeout;
    let keep_alive = limits.keep_alive;
    let local_addr = listener.local_addr()?;
    let mut builder = Server::build()
        .max_concurrent_connections(limits.max_connections)
        .shutdown_timeout(10)
        // Signals are handled in `run_until_stopped`: actix-server treats SIGINT as a forced stop.
        .disable_signals();
    if let Some(n) = settings.workers {
        builder = builder.workers(n);
    }
    let shutdown = builder.graceful_shutdown_signal();
    // What `HttpServer::listen` builds, with its defaults, except that each accepted stream is
    // wrapped in a `Connection`, which times the first request head itself: actix's own head timer,
    // which answers with an empty 408, is off (zero). The app's `AppConfig` (host and address, used
    // only to build absolute URLs, which this API never does) is the default one; handlers see the
    // client's address through the peer address passed here, as with `HttpServer`.
    let server = builder.listen("newsfacts", listener, move || {
        let shutdown = shutdown.clone();
        let http = HttpService::build()
            .keep_alive(keep_alive)
            .client_request_timeout(Duration::ZERO)
            .client_disconnect_timeout(Duration::from_secs(1))
            .local_addr(local_addr)
            .graceful_shutdown_signal(move || {
                let shutdown = shutdown.clone();
                async move { shutdown.notified().await }
            })
            .finish(map_config(app(), |_| AppConfig::default()));
        fn_service(move |stream: TcpStream| async move {
            let peer = stream.peer_addr().ok();
            Ok((
                Connection::new(stream, request_timeout),
                Protocol::Http1,
                peer,
            ))
        })
        .and_then(http)
    })?;
    Ok(server.run())
}
