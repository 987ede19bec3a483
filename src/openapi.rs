//! The OpenAPI 3.1 document, generated from the route table and the doc comments.

use actix_web::App;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

/// Top-level information of the document; paths and schemas are collected from `routes::configure`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "newsfacts",
        version = "1.0.0",
        description = "Read-only JSON API over facts extracted from news articles: the articles, the \
            organisations, people and places they name, and the numeric claims they make, each traced to \
            the exact characters of the article it came from.\n\n\
            Lists return `{data, next_page_token, total_size}` and take `page_size` (1 to 100) and an \
            opaque `page_token`. Repeated query keys are ORed, different keys ANDed; unknown parameters are \
            rejected. Every error is an RFC 9457 `application/problem+json` body. Span offsets are half-open \
            and count Unicode code points in the named article field.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0")
    ),
    servers((url = "/", description = "The server that serves this document")),
    components(schemas(
        crate::error::Problem,
        crate::error::InvalidParam,
        crate::store::query::ArticleSort,
        crate::store::query::ClaimSort,
        crate::store::query::EntitySort,
        crate::store::query::EntityRole,
        crate::routes::params::QueryValue
    ), responses(
        crate::error::BadRequest,
        crate::error::NotFound,
        crate::error::NotAcceptable,
        crate::error::AmbiguousEntity,
        crate::error::UriTooLong,
        crate::error::TooManyRequests
    )),
    tags(
        (name = "articles", description = "News articles and their text."),
        (name = "entities", description = "Organisations, people and places, with aliases and acronyms."),
        (name = "claims", description = "Numeric claims with their mentions, evidence spans and consistency."),
        (name = "meta", description = "The loaded snapshot of the fact store.")
    )
)]
pub struct ApiDoc;

/// The complete document, built from the same route table the server registers.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::configure)
        .split_for_parts();
    api.security = Some(Vec::new());
    api
}

/// The document as committed in `openapi/openapi.json`: pretty JSON with a trailing newline.
pub fn document_json() -> String {
    to_json(&document())
}

/// `api` as committed: pretty JSON with a trailing newline.
pub fn to_json(api: &utoipa::openapi::OpenApi) -> String {
    api.to_pretty_json()
        .expect("the OpenAPI document serializes")
        + "\n"
}
