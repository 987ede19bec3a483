//! Liveness and readiness probes, outside `/v1` and outside the OpenAPI document.

use actix_web::HttpResponse;

/// Liveness: the process answers.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

/// Readiness: the store is loaded (the server never starts without one).
pub async fn readyz(store: super::Store) -> HttpResponse {
    HttpResponse::Ok()
        .json(serde_json::json!({"status": "ready", "snapshot": store.current().snapshot().id}))
}
