//! `/v1/claims`.

use std::borrow::Cow;

use actix_web::{route, web, HttpRequest, HttpResponse};
use utoipa::IntoParams;

use super::lists::ClaimList;
use super::params::{QueryReader, QueryValue};
use super::{filter_error, raw_json_ok, KeptJson, Paging, Store};
use crate::error::{ApiError, BadRequest, NotAcceptable, NotFound, TooManyRequests, UriTooLong};
use crate::store::model::{ClaimConsistency, QuantityKind, QuantityModifier};
use crate::store::query::{ClaimQuery, ClaimSort, EntityRole};
use crate::store::views::Claim;

/// Query parameters of `listClaims`. Repeated keys (or comma-separated values) are ORed; different keys are ANDed.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "documentation only: QueryReader parses the query")]
pub struct ClaimListParams {
    /// Article id.
    #[param(style = Form, explode)]
    article: Option<Vec<QueryValue>>,
    /// Entity id, name or alias, as subject or claimant (`PTA`, `pakistan-telecommunication-authority`).
    #[param(style = Form, explode)]
    entity: Option<Vec<QueryValue>>,
    /// Quantity kind.
    #[param(style = Form, explode)]
    kind: Option<Vec<QuantityKind>>,
    /// Quantity modifier.
    #[param(style = Form, explode)]
    modifier: Option<Vec<QuantityModifier>>,
    /// Unit, case-insensitive: an ISO 4217 code (`PKR`), `percent`, `day`, ...
    #[param(style = Form, explode)]
    unit: Option<Vec<QueryValue>>,
    /// Predicate, such as `blocked_count`.
    #[param(style = Form, explode)]
    predicate: Option<Vec<QueryValue>>,
    /// Claim consistency; `inconsistent` finds headlines that contradict the body.
    #[param(style = Form, explode)]
    consistency: Option<Vec<ClaimConsistency>>,
    /// Smallest amount, inclusive. Vague claims (no amount) never match.
    amount_gte: Option<f64>,
    /// Largest amount, inclusive. Vague claims (no amount) never match.
    amount_lte: Option<f64>,
    /// Earliest article date, inclusive.
    article_date_gte: Option<chrono::NaiveDate>,
    /// Latest article date, inclusive.
    article_date_lte: Option<chrono::NaiveDate>,
    /// Words, case-insensitive: each must begin a word of the label, measured thing, value or evidence
    /// (`smuggl` finds "smugglers"). Punctuation separates words.
    #[param(min_length = 1, max_length = 200)]
    q: Option<String>,
    /// Sort keys; the first wins, later ones break ties, then the claim id. Default `article_date_desc`.
    #[param(style = Form, explode)]
    sort: Option<Vec<ClaimSort>>,
    /// Items per page, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    page_size: Option<u32>,
    /// `next_page_token` of the previous page; every other parameter must be unchanged.
    #[param(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9_-]+$")]
    page_token: Option<String>,
}

/// Query parameters of the claim sub-collections (`listArticleClaims`, `listEntityClaims`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "documentation only: QueryReader parses the query")]
pub struct ClaimSubFilterParams {
    /// Quantity kind.
    #[param(style = Form, explode)]
    kind: Option<Vec<QuantityKind>>,
    /// Quantity modifier.
    #[param(style = Form, explode)]
    modifier: Option<Vec<QuantityModifier>>,
    /// Unit, case-insensitive.
    #[param(style = Form, explode)]
    unit: Option<Vec<QueryValue>>,
    /// Claim consistency.
    #[param(style = Form, explode)]
    consistency: Option<Vec<ClaimConsistency>>,
    /// Sort keys. Default `article_date_desc`.
    #[param(style = Form, explode)]
    sort: Option<Vec<ClaimSort>>,
    /// Items per page, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    page_size: Option<u32>,
    /// `next_page_token` of the previous page; every other parameter must be unchanged.
    #[param(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9_-]+$")]
    page_token: Option<String>,
}

/// Query parameter `role` of `listEntityClaims`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "documentation only: QueryReader parses the query")]
pub struct EntityRoleParams {
    /// The entity's role in the claim. Default `any`.
    role: Option<EntityRole>,
}

/// Reads the filters shared by the claim sub-collections (and `role` when `with_role`).
pub(super) fn read_claim_subfilters(q: &mut QueryReader, with_role: bool) -> ClaimQuery {
    let role = if with_role {
        let roles: Vec<EntityRole> = q.enums("role");
        roles.first().copied()
    } else {
        None
    };
    ClaimQuery {
        kind: q.enums("kind"),
        modifier: q.enums("modifier"),
        unit: q.strings("unit"),
        consistency: q.enums("consistency"),
        sort: q.enums("sort"),
        role,
        ..ClaimQuery::default()
    }
}

/// List claims
///
/// Numeric claims across all articles, each with its canonical value, every mention with its
/// evidence span, and its consistency. Newest article first unless `sort` says otherwise.
#[utoipa::path(get, path = "", operation_id = "listClaims", tag = "claims",
    params(ClaimListParams, ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETag of a cached copy (`W/\"s-...\"`); a match answers 304")),
    responses(
        (status = 200, description = "A page of claims", body = ClaimList,
            headers(("ETag" = String, description = "Weak validator of the snapshot"),
                    ("Link" = String, description = "`rel=\"next\"` link when there is a next page"))),
        (status = 304, description = "Not modified: the If-None-Match ETag is current"),
        (status = 400, response = BadRequest),
        (status = 406, response = NotAcceptable),
        (status = 414, response = UriTooLong),
        (status = 429, response = TooManyRequests)))]
#[route("", method = "GET", method = "HEAD")]
pub async fn list_claims(req: HttpRequest, store: Store) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    let mut q = QueryReader::new(req.query_string());
    let query = ClaimQuery {
        article: q.strings("article"),
        entity: q.strings("entity"),
        role: None,
        kind: q.enums("kind"),
        modifier: q.enums("modifier"),
        unit: q.strings("unit"),
        predicate: q.strings("predicate"),
        consistency: q.enums("consistency"),
        amount_gte: q.number("amount_gte"),
        amount_lte: q.number("amount_lte"),
        article_date_gte: q.date("article_date_gte"),
        article_date_lte: q.date("article_date_lte"),
        q: q.text("q", 200),
        sort: q.enums("sort"),
    };
    let (size, token) = q.paging();
    let canonical = q.finish()?;
    let paging = Paging::new(&req, &store, &canonical, size, token.as_deref())?;
    let page = store
        .list_claims(&query, paging.offset, size)
        .map_err(filter_error)?;
    paging.respond_claims(&req, &store, page)
}

/// Get a claim
///
/// One claim with all its mentions. Slice the article field named by a span with `start` and `end`
/// (code points) to get the evidence.
#[utoipa::path(get, path = "/{claim_id}", operation_id = "getClaim", tag = "claims",
    params(("claim_id" = String, Path, description = "Claim id", example = "clm_221f1809bd7b"),
           ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETag of a cached copy (`W/\"s-...\"`); a match answers 304")),
    responses(
        (status = 200, description = "The claim", body = Claim,
            headers(("ETag" = String, description = "Weak validator of the snapshot"))),
        (status = 304, description = "Not modified: the If-None-Match ETag is current"),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        (status = 406, response = NotAcceptable),
        (status = 414, response = UriTooLong),
        (status = 429, response = TooManyRequests)))]
#[route("/{claim_id}", method = "GET", method = "HEAD")]
pub async fn get_claim(
    req: HttpRequest,
    path: web::Path<String>,
    store: Store,
) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    QueryReader::new(req.query_string()).finish()?;
    let id = path.into_inner();
    let position = store
        .claim_position(&id)
        .ok_or(ApiError::NotFound { kind: "claim", id })?;
    let body = match store.claim_json(&store.claims()[position]) {
        // Kept in the snapshot: the body borrows it, without a copy.
        Cow::Borrowed(_) => KeptJson::body(&store, position, |store, position| {
            store
                .kept_claim_json(position)
                .expect("built only for a kept claim")
        }),
        Cow::Owned(json) => web::Bytes::from(String::from(Box::<str>::from(json))),
    };
    Ok(raw_json_ok(&store, body))
}
