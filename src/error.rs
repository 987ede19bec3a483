//! The one error type of the API and its RFC 9457 `application/problem+json` rendering.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::{ToResponse, ToSchema};

use crate::store::page_token::TokenError;
use crate::store::query::{describe_refs, FilterError};
use crate::store::views::EntityRef;

/// The media type of every error response.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One invalid query parameter.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct InvalidParam {
    /// The query parameter's name.
    #[schema(examples("amount_gte"))]
    pub parameter: String,
    /// What is wrong with it.
    #[schema(examples("must be a number"))]
    pub detail: String,
    /// The value received (truncated to 200 characters).
    #[schema(examples("lots"))]
    pub value: String,
}

/// RFC 9457 Problem Details. Clients switch on `type` and `status`, never on `title` or `detail`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(examples(json!({"type": "/problems/invalid-parameter", "title": "Invalid query parameter", "status": 400,
    "detail": "1 query parameter is invalid.", "instance": "/v1/claims?amount_gte=lots",
    "request_id": "2f0c6d8e-4c57-4b8e-9a51-6d2b0c8f1e21",
    "errors": [{"parameter": "amount_gte", "detail": "must be a number", "value": "lots"}]})))]
pub struct Problem {
    /// Problem type: `about:blank` for plain HTTP failures, otherwise a `/problems/...` reference.
    #[serde(rename = "type")]
    #[schema(format = "uri-reference", examples("/problems/invalid-parameter"))]
    pub problem_type: String,
    /// Short summary of the problem type; the same for every occurrence.
    pub title: String,
    /// HTTP status code.
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    /// What happened in this occurrence.
    pub detail: String,
    /// The request path and query.
    pub instance: String,
    /// The request's `X-Request-Id`.
    pub request_id: String,
    /// Each invalid query parameter (type `/problems/invalid-parameter` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<InvalidParam>>,
    /// The entities an ambiguous name could mean (type `/problems/ambiguous-entity` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<EntityRef>>,
}

/// Every way a request can fail. One variant is one problem type.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// One or more query parameters are unknown, repeated, empty or of the wrong type.
    #[error("{} query parameter{} invalid", .0.len(), if .0.len() == 1 { " is" } else { "s are" })]
    InvalidParameters(Vec<InvalidParam>),
    /// A page token that this snapshot and query did not issue.
    #[error("{}", .0.detail())]
    InvalidPageToken(TokenError),
    /// No resource with that id.
    #[error("No {kind} with id {id:?}")]
    NotFound {
        /// `article`, `entity` or `claim`.
        kind: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A name or alias shared by several entities.
    #[error("{key:?} names several entities: {}; use an entity id", describe_refs(.candidates))]
    AmbiguousEntity {
        /// The name asked for.
        key: String,
        /// The entities it could mean.
        candidates: Vec<EntityRef>,
    },
    /// No route matches the path.
    #[error("No resource at this path; see /openapi.json for the API's paths")]
    RouteNotFound,
    /// The path exists but not for this method.
    #[error("This API is read-only; use GET or HEAD")]
    MethodNotAllowed,
    /// The `Accept` header excludes JSON.
    #[error("Available representations: application/json (errors: application/problem+json)")]
    NotAcceptable,
    /// The request carries a body.
    #[error("Request bodies are not accepted on this API (limit {limit} bytes)")]
    PayloadTooLarge {
        /// The largest body accepted.
        limit: usize,
    },
    /// The request target is longer than the server accepts.
    #[error("The request target is longer than {limit} bytes")]
    UriTooLong {
        /// The longest target accepted.
        limit: usize,
    },
    /// The request headers are larger than the server accepts.
    #[error("The request headers are larger than {limit} bytes")]
    HeadersTooLarge {
        /// The largest header size accepted.
        limit: usize,
    },
    /// The first request head of a connection did not arrive in time (answered by `connection`).
    #[error("The request head was not received within {timeout_ms} ms")]
    RequestTimeout {
        /// The time allowed, in milliseconds.
        timeout_ms: u128,
    },
    /// A request head larger than the HTTP layer can buffer (answered by `connection`).
    #[error("The request head (request line and headers) is larger than {limit} bytes")]
    HeadTooLarge {
        /// The largest head accepted.
        limit: usize,
    },
    /// A request head with more header fields than the HTTP layer parses (answered by `connection`).
    #[error("The request has more than {limit} header fields")]
    TooManyHeaderFields {
        /// The most header fields accepted.
        limit: usize,
    },
    /// A later request head on a connection outgrew what the HTTP layer takes, in size or in
    /// header fields (answered by `connection` in place of actix-http's empty 431).
    #[error(
        "The request head is larger than {bytes} bytes or has more than {fields} header fields"
    )]
    HeadOverLimits {
        /// The largest head accepted.
        bytes: usize,
        /// The most header fields accepted.
        fields: usize,
    },
    /// A request the HTTP layer cannot parse: its request line (a target with raw non-ASCII bytes,
    /// a space inside it), a header field or its body framing (answered by `connection`).
    #[error("The request is not valid HTTP/1.1: its request line, a header field or its body framing cannot be parsed (percent-encode non-ASCII bytes in the target)")]
    MalformedRequest,
    /// The client is over its rate limit.
    #[error("Limit is {per_minute} requests per minute per client address; retry after {retry_after} seconds")]
    TooManyRequests {
        /// Seconds until the next request is allowed.
        retry_after: u64,
        /// The limit.
        per_minute: u32,
    },
    /// Any other status produced by the HTTP layer, with a safe sentence.
    #[error("{detail}")]
    Http {
        /// The status.
        status: StatusCode,
        /// A sentence that leaks nothing internal.
        detail: String,
    },
}

impl From<FilterError> for ApiError {
    fn from(e: FilterError) -> Self {
        ApiError::InvalidParameters(vec![InvalidParam {
            parameter: e.parameter.to_string(),
            detail: e.detail,
            value: e.value,
        }])
    }
}

impl ApiError {
    /// The problem `type`.
    pub fn problem_type(&self) -> &'static str {
        match self {
            ApiError::InvalidParameters(_) => "/problems/invalid-parameter",
            ApiError::InvalidPageToken(_) => "/problems/invalid-page-token",
            ApiError::AmbiguousEntity { .. } => "/problems/ambiguous-entity",
            _ => "about:blank",
        }
    }

    /// The problem `title`: fixed per type.
    pub fn title(&self) -> String {
        match self {
            ApiError::InvalidParameters(_) => "Invalid query parameter".into(),
            ApiError::InvalidPageToken(_) => "Invalid page token".into(),
            ApiError::AmbiguousEntity { .. } => "Ambiguous entity name".into(),
            other => other
                .status_code()
                .canonical_reason()
                .unwrap_or("Error")
                .into(),
        }
    }

    /// The problem body for a request to `instance` with id `request_id`.
    pub fn to_problem(&self, instance: &str, request_id: &str) -> Problem {
        let mut detail = self.to_string();
        if !detail.ends_with('.') {
            detail.push('.');
        }
        Problem {
            problem_type: self.problem_type().into(),
            title: self.title(),
            status: self.status_code().as_u16(),
            detail,
            instance: instance.into(),
            request_id: request_id.into(),
            errors: match self {
                ApiError::InvalidParameters(errors) => Some(errors.clone()),
                _ => None,
            },
            candidates: match self {
                ApiError::AmbiguousEntity { candidates, .. } => Some(candidates.clone()),
                _ => None,
            },
        }
    }

    /// The full response for a request to `instance` with id `request_id`.
    pub fn render(&self, instance: &str, request_id: &str) -> HttpResponse {
        let mut builder = HttpResponse::build(self.status_code());
        builder
            .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
            .insert_header((header::CACHE_CONTROL, "no-store"));
        if matches!(self, ApiError::MethodNotAllowed) {
            builder.insert_header((header::ALLOW, "GET, HEAD"));
        }
        if let ApiError::TooManyRequests { retry_after, .. } = self {
            builder.insert_header((header::RETRY_AFTER, retry_after.to_string()));
        }
        let body =
            serde_json::to_vec(&self.to_problem(instance, request_id)).expect("problems serialize");
        builder.body(body)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::InvalidParameters(_)
            | ApiError::InvalidPageToken(_)
            | ApiError::MalformedRequest => StatusCode::BAD_REQUEST,
            ApiError::NotFound { .. } | ApiError::RouteNotFound => StatusCode::NOT_FOUND,
            ApiError::AmbiguousEntity { .. } => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UriTooLong { .. } => StatusCode::URI_TOO_LONG,
            ApiError::HeadersTooLarge { .. }
            | ApiError::HeadTooLarge { .. }
            | ApiError::TooManyHeaderFields { .. }
            | ApiError::HeadOverLimits { .. } => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            ApiError::RequestTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Http { status, .. } => *status,
        }
    }

    /// Renders without request context; the problem middleware re-renders with `instance` and `request_id`.
    fn error_response(&self) -> HttpResponse {
        self.render("", "")
    }
}

/// 400: an invalid query parameter or page token.
#[derive(ToResponse)]
#[response(
    description = "Invalid query parameter or page token",
    content_type = "application/problem+json"
)]
pub struct BadRequest(#[expect(dead_code, reason = "documentation only")] Problem);

/// 404: no resource with that id.
#[derive(ToResponse)]
#[response(
    description = "No resource with that id",
    content_type = "application/problem+json"
)]
pub struct NotFound(#[expect(dead_code, reason = "documentation only")] Problem);

/// 406: the `Accept` header excludes JSON.
#[derive(ToResponse)]
#[response(
    description = "The Accept header excludes application/json",
    content_type = "application/problem+json"
)]
pub struct NotAcceptable(#[expect(dead_code, reason = "documentation only")] Problem);

/// 414: the request target is too long.
#[derive(ToResponse)]
#[response(
    description = "The request target (path and query) is longer than the server accepts",
    content_type = "application/problem+json"
)]
pub struct UriTooLong(#[expect(dead_code, reason = "documentation only")] Problem);

/// 429: the client is over its rate limit.
#[derive(ToResponse)]
#[response(
    description = "Over the per-client rate limit (only when the server runs with one); see `Retry-After`",
    content_type = "application/problem+json",
    headers(("Retry-After" = u64, description = "Seconds to wait before retrying"))
)]
pub struct TooManyRequests(#[expect(dead_code, reason = "documentation only")] Problem);

/// 409: a name shared by several entities.
#[derive(ToResponse)]
#[response(
    description = "The name or alias is shared by several entities",
    content_type = "application/problem+json"
)]
pub struct AmbiguousEntity(#[expect(dead_code, reason = "documentation only")] Problem);
