//! The cross-cutting HTTP contract, applied to every request in one place: request ids, the access
//! log, request limits, method/body/Accept checks, conditional GET, caching and
//! security headers, and the rendering of every error (ours and actix's own) as problem+json.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::error::{ApiError, PROBLEM_JSON};

/// Largest request body accepted (declared by `Content-Length`); the API is read-only.
pub const MAX_BODY_BYTES: usize = 1024;

/// The Content-Security-Policy of the Swagger UI pages: everything from this origin, nothing else.
/// Swagger UI's stylesheet and components need inline styles; its images may be data URIs.
const DOCS_CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; \
    script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Request limits enforced here (connection limits and timeouts live in `startup`).
#[derive(Debug, Clone)]
pub struct RequestLimits {
    /// Longest request target (path and query) in bytes; longer gets 414.
    pub max_url_bytes: usize,
    /// Largest total size of the request headers in bytes; larger gets 431.
    pub max_header_bytes: usize,
}

impl Default for RequestLimits {
    fn default() -> Self {
        Self {
            max_url_bytes: 8 * 1024,
            max_header_bytes: 16 * 1024,
        }
    }
}

/// A per-client-address rate limit; a client over it gets 429 with `Retry-After`.
pub struct RateLimit {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    per_minute: NonZeroU32,
}

impl RateLimit {
    /// Allows `per_minute` requests per client address per minute, in bursts of up to the same number.
    pub fn per_minute(per_minute: NonZeroU32) -> Self {
        Self {
            limiter: DefaultKeyedRateLimiter::keyed(Quota::per_minute(per_minute)),
            per_minute,
        }
    }

    /// `Err(seconds to wait)` when `client` is over its limit.
    fn check(&self, client: IpAddr) -> Result<(), u64> {
        if self.limiter.len() > 100_000 {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&client).map_err(|not_until| {
            let wait: Duration = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

/// The request id header, read from requests and set on every response.
pub const X_REQUEST_ID: header::HeaderName = header::HeaderName::from_static("x-request-id");

/// The ETag of the OpenAPI document served at `/openapi.json`.
#[derive(Debug, Clone)]
pub struct DocumentEtag(pub String);

fn request_id(req: &ServiceRequest) -> String {
    req.headers()
        .get(X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 128
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| {
            let mut buf = [0u8; uuid::fmt::Hyphenated::LENGTH];
            uuid::Uuid::new_v4()
                .hyphenated()
                .encode_lower(&mut buf)
                .to_owned()
        })
}

/// Paths whose representations are JSON and carry an ETag.
fn is_api_path(path: &str) -> bool {
    path == "/v1" || path.starts_with("/v1/") || path == "/openapi.json"
}

/// True when the `Accept` header admits JSON (or problem+json).
fn accepts_json(req: &ServiceRequest) -> bool {
    let Some(accept) = req.headers().get(header::ACCEPT) else {
        return true;
    };
    let Ok(accept) = accept.to_str() else {
        return false;
    };
    if accept.trim().is_empty() || accept == "application/json" || accept == "*/*" {
        return true;
    }
    accept.split(',').any(|range| {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim();
        let zero_q = parts.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
        });
        !zero_q
            && [
                "*/*",
                "application/*",
                "application/json",
                "application/problem+json",
            ]
            .iter()
            .any(|json| media.eq_ignore_ascii_case(json))
    })
}

fn instance(req: &actix_web::HttpRequest) -> String {
    let uri = req.uri();
    let text = uri
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or(uri.path());
    text.chars().take(2048).collect()
}

fn declared_body(req: &ServiceRequest) -> usize {
    if req.headers().contains_key(header::TRANSFER_ENCODING) {
        return usize::MAX;
    }
    req.headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0)
}

/// The error a request gets before it reaches a handler, if any.
fn precheck(req: &ServiceRequest, api: bool) -> Option<ApiError> {
    let limits = req
        .app_data::<web::Data<RequestLimits>>()
        .map(|l| l.get_ref().clone())
        .unwrap_or_default();
    let target_len = req
        .uri()
        .path_and_query()
        .map_or(req.path().len(), |pq| pq.as_str().len());
    let header_len: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if target_len > limits.max_url_bytes {
        return Some(ApiError::UriTooLong {
            limit: limits.max_url_bytes,
        });
    }
    if header_len > limits.max_header_bytes {
        return Some(ApiError::HeadersTooLarge {
            limit: limits.max_header_bytes,
        });
    }
    if let (Some(rate), Some(client)) = (req.app_data::<web::Data<RateLimit>>(), req.peer_addr()) {
        if let Err(retry_after) = rate.check(client.ip()) {
            return Some(ApiError::TooManyRequests {
                retry_after,
                per_minute: rate.per_minute.get(),
            });
        }
    }
    let method = req.method();
    if method != Method::GET && method != Method::HEAD && method != Method::OPTIONS {
        let exists = req.resource_map().has_resource(req.path());
        return Some(if exists {
            ApiError::MethodNotAllowed
        } else {
            ApiError::RouteNotFound
        });
    }
    if declared_body(req) > MAX_BODY_BYTES {
        return Some(ApiError::PayloadTooLarge {
            limit: MAX_BODY_BYTES,
        });
    }
    if api && !accepts_json(req) {
        return Some(ApiError::NotAcceptable);
    }
    None
}

/// Applies the HTTP contract around every request. Register it outermost.
pub async fn http_contract(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let id = request_id(&req);
    let method = req.method().clone();
    let api = is_api_path(req.path());
    let docs = req.path() == "/docs" || req.path().starts_with("/docs/");
    let mut res = match precheck(&req, api) {
        Some(err) => {
            let http = req.request().clone();
            let response = err.render(&instance(&http), &id);
            ServiceResponse::new(http, response)
        }
        None => {
            let res = next.call(req).await?.map_into_boxed_body();
            finish(res, &id, api, &method)
        }
    };

    let headers = res.headers_mut();
    let id_value = header::HeaderValue::from_str(&id).expect("request ids are ASCII");
    headers.insert(X_REQUEST_ID, id_value);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    if docs {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            header::HeaderValue::from_static(DOCS_CSP),
        );
    }

    // One event per request carries every field of the access log. (A span per request, with the
    // route recorded into it later, cost as much CPU as the rest of a get-claim request.)
    let status = res.status();
    let route = res.request().match_pattern();
    let route = route.as_deref().unwrap_or("-");
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    if status.is_server_error() {
        let cause = res
            .response()
            .error()
            .map(|e| format!("{e:?}"))
            .unwrap_or_default();
        tracing::error!(
            request_id = id.as_str(),
            method = method.as_str(),
            route,
            status = status.as_u16(),
            latency_ms,
            cause,
            "request failed"
        );
    } else {
        tracing::info!(
            request_id = id.as_str(),
            method = method.as_str(),
            route,
            status = status.as_u16(),
            latency_ms,
            "request completed"
        );
    }
    Ok(res)
}

/// Renders errors as problems and adds caching headers (or a 304) to successful API responses.
fn finish(
    res: ServiceResponse<BoxBody>,
    id: &str,
    api: bool,
    method: &Method,
) -> ServiceResponse<BoxBody> {
    let status = res.status();
    if status.is_client_error() || status.is_server_error() {
        return render_error(res, id);
    }
    if !(api && status == StatusCode::OK && (method == Method::GET || method == Method::HEAD)) {
        return res;
    }
    // Handlers set the ETag of the snapshot they answered from; the document has its own.
    let etag = match res.headers().get(header::ETAG) {
        Some(tag) => tag.clone(),
        None => match res.request().app_data::<web::Data<DocumentEtag>>() {
            Some(tag) => header::HeaderValue::from_str(&tag.0).expect("ETags are ASCII"),
            None => return res,
        },
    };
    let fresh = res
        .request()
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| etag_matches(v, etag.to_str().unwrap_or_default()));
    let mut res = if fresh {
        let (http, _) = res.into_parts();
        ServiceResponse::new(http, HttpResponse::NotModified().finish())
    } else {
        res
    };
    let headers = res.headers_mut();
    if !headers.contains_key(header::ETAG) {
        headers.insert(header::ETAG, etag);
    }
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("public, max-age=300"),
    );
    headers.append(
        header::VARY,
        header::HeaderValue::from_static("Accept-Encoding"),
    );
    res
}

/// Weak comparison of an `If-None-Match` list against `etag` (RFC 9110 §13.1.2).
fn etag_matches(header_value: &str, etag: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_string();
    header_value.trim() == "*" || header_value.split(',').any(|t| opaque(t) == opaque(etag))
}

/// Turns any error response into a problem, keeping CORS, `Allow` and `Retry-After` headers.
fn render_error(res: ServiceResponse<BoxBody>, id: &str) -> ServiceResponse<BoxBody> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == PROBLEM_JSON.as_bytes());
    let own = res
        .response()
        .error()
        .and_then(|e| e.as_error::<ApiError>())
        .cloned();
    let status = res.status();
    let http = res.request().clone();
    let err = match own {
        Some(ApiError::RouteNotFound)
            if http.method() != Method::GET
                && http.method() != Method::HEAD
                && http.resource_map().has_resource(http.path()) =>
        {
            ApiError::MethodNotAllowed
        }
        Some(err) => err,
        None if is_problem => return res,
        None => ApiError::Http {
            status,
            detail: generic_detail(status, res.response().error()),
        },
    };
    let mut response = err.render(&instance(&http), id);
    for (name, value) in res.headers() {
        if name.as_str().starts_with("access-control-") || name == header::VARY {
            response.headers_mut().append(name.clone(), value.clone());
        }
    }
    if status == StatusCode::METHOD_NOT_ALLOWED && !response.headers().contains_key(header::ALLOW) {
        response
            .headers_mut()
            .insert(header::ALLOW, header::HeaderValue::from_static("GET, HEAD"));
    }
    ServiceResponse::new(http, response)
}

/// A sentence for a status produced outside our handlers; never includes internal detail for 5xx.
fn generic_detail(status: StatusCode, error: Option<&actix_web::Error>) -> String {
    match (status.as_u16(), error) {
        (500..=599, _) => {
            "The server could not answer this request; the cause has been logged.".into()
        }
        (_, Some(e)) => format!("{e}"),
        _ => status.canonical_reason().unwrap_or("Error").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::etag_matches;

    #[test]
    fn etag_comparison_is_weak_and_handles_lists() {
        let tag = "W/\"s-1\"";
        assert!(etag_matches("W/\"s-1\"", tag));
        assert!(etag_matches("\"s-1\"", tag));
        assert!(etag_matches("\"x\", W/\"s-1\"", tag));
        assert!(etag_matches("*", tag));
        assert!(!etag_matches("W/\"s-2\"", tag));
    }
}
