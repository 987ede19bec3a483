//! Building and running the HTTP server.

use std::net::TcpListener;
use std::path::PathBuf;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::http::header;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpServer};
use anyhow::Context;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::error::ApiError;
use crate::store::FactStore;
use crate::{middleware, openapi, routes};

/// What the server needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on; port 0 picks a free port.
    pub addr: String,
    /// Store file to serve; `None` serves the store embedded in the binary.
    pub data: Option<PathBuf>,
    /// Worker threads; `None` uses one per core.
    pub workers: Option<usize>,
}

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
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
        tracing::info!(
            snapshot = %store.snapshot().id,
            articles = store.snapshot().article_count,
            entities = store.snapshot().entity_count,
            claims = store.snapshot().claim_count,
            "store loaded"
        );
        let listener = TcpListener::bind(&settings.addr)
            .with_context(|| format!("cannot listen on {}", settings.addr))?;
        let port = listener.local_addr()?.port();
        tracing::info!(addr = %listener.local_addr()?, "listening");
        let server = run(listener, store, settings.workers)?;
        Ok(Self { port, server })
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or SIGINT, then drains in-flight requests.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Builds the server around an already bound listener and a loaded store.
pub fn run(
    listener: TcpListener,
    store: FactStore,
    workers: Option<usize>,
) -> anyhow::Result<Server> {
    let store = web::Data::new(store);
    let api = openapi::document();
    let mut server = HttpServer::new(move || {
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
            .max_age(86400);
        App::new()
            .app_data(store.clone())
            .into_utoipa_app()
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
    })
    .listen(listener)?
    .shutdown_timeout(10);
    if let Some(n) = workers {
        server = server.workers(n);
    }
    Ok(server.run())
}
