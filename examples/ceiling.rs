//! The throughput ceiling for the HTTP benchmark (`benches/http/run.sh`): a bare actix-web server that
//! answers `GET /` (any path) with a fixed JSON body read from a file, with the same request logging as
//! newsfacts (its subscriber, filter and writer, and one `request completed` event with `request_id`,
//! `method`, `route`, `status` and `latency_ms`, as JSON lines on stderr) and one worker per core.
//! Nothing else: no store, no routing table, no CORS, ETag or compression.
//!
//! ```sh
//! cargo run --release --example ceiling -- BODY.json 127.0.0.1:18200 2>ceiling.log
//! ```

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Next};
use actix_web::{web, App, HttpResponse, HttpServer};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A request id of the same length as a UUID (36 characters), from a counter.
fn request_id() -> String {
    let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    format!(
        "{:08x}-0000-4000-8000-{:012x}",
        (n >> 48) as u32,
        n & 0xffff_ffff_ffff
    )
}

async fn access_log(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let id = request_id();
    let method = req.method().clone();
    let res = next.call(req).await?;
    let route = res.request().match_pattern();
    let route = route.as_deref().unwrap_or("-");
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        request_id = id.as_str(),
        method = method.as_str(),
        route,
        status = res.status().as_u16(),
        latency_ms,
        "request completed"
    );
    Ok(res)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(body_file), Some(addr)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: ceiling BODY.json HOST:PORT");
        std::process::exit(2);
    };
    let body = std::fs::read(body_file)?;
    serde_json::from_slice::<serde_json::Value>(&body).expect("the body file must be JSON");
    let body = web::Bytes::from(body);

    // The server's own logging: the same subscriber, format and writer.
    let _log = newsfacts::telemetry::init(newsfacts::telemetry::LogFormat::Json);
    tracing::info!(addr = %addr, bytes = body.len(), "ceiling listening");

    HttpServer::new(move || {
        let body = body.clone();
        App::new().wrap(from_fn(access_log)).route(
            "/{tail:.*}",
            web::get().to(move || {
                let body = body.clone();
                async move {
                    HttpResponse::Ok()
                        .content_type("application/json")
                        .body(body)
                }
            }),
        )
    })
    .bind(addr.as_str())?
    .run()
    .await
}
