//! HTTP routes: translate requests into store calls and store results into JSON responses.

mod articles;
mod claims;
mod entities;
mod health;
mod meta;
pub mod params;

use std::sync::Arc;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiError;
use crate::store::page_token::{self, TokenError};
use crate::store::query::{paginate, FilterError, NotFound, Page};
use crate::store::views::Claim;
use crate::store::{FactStore, Lookup, SharedStore};

pub use health::{healthz, readyz};

/// Bytes of a list body around its items: brackets, names, the page token and the total.
const ENVELOPE_BYTES: usize = 512;

/// Registers every documented API route. This is the only route table of the API.
///
/// Routes are grouped in one scope per collection, so a request is matched against its collection's
/// few patterns rather than every pattern of the API (each pattern with a parameter is a regex).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/v1")
            .service(meta::get_snapshot)
            .service(
                utoipa_actix_web::scope("/articles")
                    .service(articles::list_articles)
                    .service(articles::get_article)
                    .service(articles::list_article_claims)
                    .service(articles::list_article_entities),
            )
            .service(
                utoipa_actix_web::scope("/entities")
                    .service(entities::list_entities)
                    .service(entities::get_entity)
                    .service(entities::list_entity_claims)
                    .service(entities::list_entity_mentions),
            )
            .service(
                utoipa_actix_web::scope("/claims")
                    .service(claims::list_claims)
                    .service(claims::get_claim),
            ),
    );
}

/// The shared store of a running server.
pub type Store = web::Data<SharedStore>;

/// A 200 JSON response carrying the ETag of the snapshot that produced it.
fn json_ok<T: Serialize>(store: &FactStore, body: T) -> Result<HttpResponse, ApiError> {
    Ok(raw_json_ok(store, render_json(&body, ENVELOPE_BYTES)?))
}

/// `value` as JSON, written into a buffer of `capacity` bytes to start with: a buffer of the expected
/// size rather than one grown by doubling, which copied a page of claims several times over.
fn render_json<T: Serialize>(value: &T, capacity: usize) -> Result<web::Bytes, ApiError> {
    let mut body = Vec::with_capacity(capacity);
    serde_json::to_writer(&mut body, value).map_err(unrenderable)?;
    Ok(body.into())
}

/// The 500 for a response that could not be rendered; the cause is logged, not sent.
fn unrenderable(cause: impl std::fmt::Display) -> ApiError {
    tracing::error!(error = %cause, "a response could not be rendered");
    ApiError::Http {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        detail: "The server could not render this response; the cause has been logged.".into(),
    }
}

/// A 200 JSON response of already rendered JSON, carrying the ETag of the snapshot that produced it.
fn raw_json_ok(store: &FactStore, body: web::Bytes) -> HttpResponse {
    // Headers set directly: the builder parses and copies each one (a third of a get-claim handler).
    let mut response = HttpResponse::with_body(StatusCode::OK, body);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    if let Ok(etag) = header::HeaderValue::from_str(store.etag()) {
        headers.insert(header::ETAG, etag);
    }
    response.map_into_boxed_body()
}

/// JSON kept in a snapshot, owned by a response body without a copy: it holds the snapshot alive
/// while it is sent, and finds its bytes again by position.
struct KeptJson {
    store: Arc<FactStore>,
    position: usize,
    json: fn(&FactStore, usize) -> &str,
}

impl KeptJson {
    /// A body of the JSON that `json` finds in `store` at `position`.
    fn body(
        store: &Arc<FactStore>,
        position: usize,
        json: fn(&FactStore, usize) -> &str,
    ) -> web::Bytes {
        web::Bytes::from_owner(KeptJson {
            store: store.clone(),
            position,
            json,
        })
    }
}

impl AsRef<[u8]> for KeptJson {
    fn as_ref(&self) -> &[u8] {
        (self.json)(&self.store, self.position).as_bytes()
    }
}

/// A page of a list, as sent on the wire.
#[derive(Serialize)]
struct ListBody<T: Serialize> {
    data: Vec<T>,
    next_page_token: Option<String>,
    total_size: usize,
}

/// Where a page starts, decoded from `page_token`, and the fingerprints its next token must carry.
struct Paging {
    snapshot: [u8; 8],
    query: [u8; 8],
    offset: usize,
    size: usize,
}

impl Paging {
    /// Checks `page_token` against this snapshot and query (`canonical_query` plus the path).
    fn new(
        req: &HttpRequest,
        store: &FactStore,
        canonical_query: &str,
        size: usize,
        page_token: Option<&str>,
    ) -> Result<Self, ApiError> {
        let snapshot = page_token::fingerprint(&store.snapshot().id);
        let query = page_token::fingerprint(&format!("{}?{}", req.path(), canonical_query));
        let offset = match page_token {
            None => 0,
            Some(t) => {
                page_token::decode(t, snapshot, query).map_err(ApiError::InvalidPageToken)? as usize
            }
        };
        Ok(Self {
            snapshot,
            query,
            offset,
            size,
        })
    }

    /// Renders `page` with `next_page_token`, the snapshot's ETag and a `Link` header.
    fn respond<T: Serialize>(
        &self,
        req: &HttpRequest,
        store: &FactStore,
        page: Page<T>,
    ) -> Result<HttpResponse, ApiError> {
        self.respond_with_capacity(req, store, page, ENVELOPE_BYTES)
    }

    /// [`Paging::respond`], writing the body into a buffer of `capacity` bytes to start with.
    fn respond_with_capacity<T: Serialize>(
        &self,
        req: &HttpRequest,
        store: &FactStore,
        page: Page<T>,
        capacity: usize,
    ) -> Result<HttpResponse, ApiError> {
        if self.offset > page.total {
            return Err(ApiError::InvalidPageToken(TokenError::Malformed));
        }
        let next = page
            .next_offset
            .map(|o| page_token::encode(self.snapshot, self.query, o as u32));
        let link = next.as_ref().map(|token| {
            let mut kept: Vec<&str> = req
                .query_string()
                .split('&')
                .filter(|p| !p.is_empty() && p.split('=').next() != Some("page_token"))
                .collect();
            let pair = format!("page_token={token}");
            kept.push(&pair);
            format!("<{}?{}>; rel=\"next\"", req.path(), kept.join("&"))
        });
        let body = ListBody {
            data: page.items,
            next_page_token: next,
            total_size: page.total,
        };
        let mut response = raw_json_ok(store, render_json(&body, capacity)?);
        if let Some(link) = link {
            let link = header::HeaderValue::try_from(link).map_err(unrenderable)?;
            response.headers_mut().insert(header::LINK, link);
        }
        Ok(response)
    }

    /// Renders a page of claims (see [`Paging::respond`]), each from its kept JSON when it has one.
    fn respond_claims(
        &self,
        req: &HttpRequest,
        store: &FactStore,
        page: Page<&Claim>,
    ) -> Result<HttpResponse, ApiError> {
        let page = page.map(|c| store.claim_json(c));
        let capacity = page.items.iter().map(|c| c.get().len() + 1).sum::<usize>() + ENVELOPE_BYTES;
        self.respond_with_capacity(req, store, page, capacity)
    }

    /// Renders the page of a list the store returned whole.
    fn respond_slice<T: Serialize>(
        &self,
        req: &HttpRequest,
        store: &FactStore,
        items: Vec<&T>,
    ) -> Result<HttpResponse, ApiError> {
        self.respond(req, store, paginate(items, self.offset, self.size))
    }
}

/// Maps a failed lookup of `key` to its problem.
fn not_found(kind: &'static str, key: &str, e: NotFound) -> ApiError {
    match e {
        NotFound::Article => ApiError::NotFound {
            kind,
            id: key.to_string(),
        },
        NotFound::Entity(l) => lookup_error(key.to_string(), l),
    }
}

fn lookup_error(key: String, l: Lookup) -> ApiError {
    match l {
        Lookup::NotFound => ApiError::NotFound {
            kind: "entity",
            id: key,
        },
        Lookup::Ambiguous(candidates) => ApiError::AmbiguousEntity { key, candidates },
    }
}

fn filter_error(e: FilterError) -> ApiError {
    e.into()
}

macro_rules! list_schema {
    ($(#[$meta:meta])* $name:ident, $item:ty) => {
        $(#[$meta])*
        #[derive(utoipa::ToSchema)]
        pub struct $name {
            /// The items on this page.
            pub data: Vec<$item>,
            /// Token for the next page; null on the last page. Opaque: pass it back unchanged.
            #[schema(required = true)]
            pub next_page_token: Option<String>,
            /// Exact number of items matching the query in this snapshot.
            pub total_size: u32,
        }
    };
}

/// Named schemas of the list envelopes (documentation only; lists are rendered by `Paging::respond`).
pub mod lists {
    use crate::store::views::{ArticleEntity, ArticleSummary, Claim, Entity, EntityMention};
    list_schema!(
        /// A page of articles.
        ArticleList, ArticleSummary);
    list_schema!(
        /// A page of entities.
        EntityList, Entity);
    list_schema!(
        /// A page of claims.
        ClaimList, Claim);
    list_schema!(
        /// A page of entity mentions.
        EntityMentionList, EntityMention);
    list_schema!(
        /// A page of the entities named in one article.
        ArticleEntityList, ArticleEntity);
}
