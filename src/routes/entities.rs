//! `/v1/entities` and its sub-collections.

use actix_web::{route, web, HttpRequest, HttpResponse};
use utoipa::IntoParams;

use super::claims::{read_claim_subfilters, ClaimSubFilterParams, EntityRoleParams};
use super::lists::{ClaimList, EntityList, EntityMentionList};
use super::params::{QueryReader, QueryValue};
use super::{filter_error, lookup_error, not_found, raw_json_ok, KeptJson, Paging, Store};
use crate::error::{
    AmbiguousEntity, ApiError, BadRequest, NotAcceptable, NotFound, TooManyRequests, UriTooLong,
};
use crate::store::model::EntityType;
use crate::store::query::{EntityQuery, EntitySort};
use crate::store::views::Entity;
use crate::store::FactStore;

/// Query parameters of `listEntities`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "documentation only: QueryReader parses the query")]
pub struct EntityListParams {
    /// Case-insensitive text in the id, name, aliases or acronyms (`PTA`).
    #[param(min_length = 1, max_length = 200)]
    q: Option<String>,
    /// Entity types. Repeat (or separate with commas) for OR.
    #[param(style = Form, explode, rename = "type")]
    entity_type: Option<Vec<EntityType>>,
    /// Sort keys; the first wins, the entity id breaks ties. Default `name_asc`.
    #[param(style = Form, explode)]
    sort: Option<Vec<EntitySort>>,
    /// Items per page, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    page_size: Option<u32>,
    /// `next_page_token` of the previous page; every other parameter must be unchanged.
    #[param(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9_-]+$")]
    page_token: Option<String>,
}

/// Query parameters of `listEntityMentions`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "documentation only: QueryReader parses the query")]
pub struct EntityMentionListParams {
    /// Article id. Repeat (or separate with commas) for OR.
    #[param(style = Form, explode)]
    article: Option<Vec<QueryValue>>,
    /// Items per page, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    page_size: Option<u32>,
    /// `next_page_token` of the previous page; every other parameter must be unchanged.
    #[param(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9_-]+$")]
    page_token: Option<String>,
}

/// List entities
///
/// Organisations, people and places named in the articles, with aliases and counts. Sorted by name
/// unless `sort` says otherwise.
#[utoipa::path(get, path = "", operation_id = "listEntities", tag = "entities",
    params(EntityListParams, ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETag of a cached copy (`W/\"s-...\"`); a match answers 304")),
    responses(
        (status = 200, description = "A page of entities", body = EntityList,
            headers(("ETag" = String, description = "Weak validator of the snapshot"),
                    ("Link" = String, description = "`rel=\"next\"` link when there is a next page"))),
        (status = 304, description = "Not modified: the If-None-Match ETag is current"),
        (status = 400, response = BadRequest),
        (status = 406, response = NotAcceptable),
        (status = 414, response = UriTooLong),
        (status = 429, response = TooManyRequests)))]
#[route("", method = "GET", method = "HEAD")]
pub async fn list_entities(req: HttpRequest, store: Store) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    let mut q = QueryReader::new(req.query_string());
    let query = EntityQuery {
        q: q.text("q", 200),
        entity_type: q.enums("type"),
        sort: q.enums("sort"),
    };
    let (size, token) = q.paging();
    let canonical = q.finish()?;
    let paging = Paging::new(&req, &store, &canonical, size, token.as_deref())?;
    paging.respond_slice(&req, &store, store.list_entities(&query))
}

/// Get an entity
///
/// One entity. `entity_id` also accepts a name, alias or acronym, case-insensitively (`PTA`, `nccia`,
/// `Pakistan Telecommunication Authority`); a name shared by several entities answers 409 naming them.
#[utoipa::path(get, path = "/{entity_id}", operation_id = "getEntity", tag = "entities",
    params(("entity_id" = String, Path, description = "Entity id, name, alias or acronym", example = "PTA"),
           ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETag of a cached copy (`W/\"s-...\"`); a match answers 304")),
    responses(
        (status = 200, description = "The entity", body = Entity,
            headers(("ETag" = String, description = "Weak validator of the snapshot"))),
        (status = 304, description = "Not modified: the If-None-Match ETag is current"),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        (status = 406, response = NotAcceptable),
        (status = 414, response = UriTooLong),
        (status = 429, response = TooManyRequests),
        (status = 409, response = AmbiguousEntity)))]
#[route("/{entity_id}", method = "GET", method = "HEAD")]
pub async fn get_entity(
    req: HttpRequest,
    path: web::Path<String>,
    store: Store,
) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    QueryReader::new(req.query_string()).finish()?;
    let key = path.into_inner();
    let position = store
        .entity_position(&key)
        .map_err(|l| lookup_error(key.clone(), l))?;
    let body = KeptJson::body(&store, position, FactStore::entity_json);
    Ok(raw_json_ok(&store, body))
}

/// List an entity's claims
///
/// Claims where the entity is the subject or the claimant (see `role`).
#[utoipa::path(get, path = "/{entity_id}/claims", operation_id = "listEntityClaims", tag = "entities",
    params(("entity_id" = String, Path, description = "Entity id, name, alias or acronym", example = "PTA"),
           EntityRoleParams, ClaimSubFilterParams,
           ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETag of a cached copy (`W/\"s-...\"`); a match answers 304")),
    responses(
        (status = 200, description = "A page of claims", body = ClaimList,
            headers(("ETag" = String, description = "Weak validator of the snapshot"),
                    ("Link" = String, description = "`rel=\"next\"` link when there is a next page"))),
        (status = 304, description = "Not modified: the If-None-Match ETag is current"),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        (status = 406, response = NotAcceptable),
        (status = 414, response = UriTooLong),
        (status = 429, response = TooManyRequests),
        (status = 409, response = AmbiguousEntity)))]
#[route("/{entity_id}/claims", method = "GET", method = "HEAD")]
pub async fn list_entity_claims(
    req: HttpRequest,
    path: web::Path<String>,
    store: Store,
) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    let mut q = QueryReader::new(req.query_string());
    let query = read_claim_subfilters(&mut q, true);
    let (size, token) = q.paging();
    let canonical = q.finish()?;
    let key = path.into_inner();
    let paging = Paging::new(&req, &store, &canonical, size, token.as_deref())?;
    let page = store
        .list_entity_claims(&key, &query, paging.offset, size)
        .map_err(|e| not_found("entity", &key, e))?
        .map_err(filter_error)?;
    paging.respond_claims(&req, &store, page)
}

/// List an entity's mentions
///
/// Every span, across articles, where the entity is named, in article and reading order.
#[utoipa::path(get, path = "/{entity_id}/mentions", operation_id = "listEntityMentions", tag = "entities",
    params(("entity_id" = String, Path, description = "Entity id, name, alias or acronym", example = "PTA"),
           EntityMentionListParams,
           ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETag of a cached copy (`W/\"s-...\"`); a match answers 304")),
    responses(
        (status = 200, description = "A page of mentions", body = EntityMentionList,
            headers(("ETag" = String, description = "Weak validator of the snapshot"),
                    ("Link" = String, description = "`rel=\"next\"` link when there is a next page"))),
        (status = 304, description = "Not modified: the If-None-Match ETag is current"),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        (status = 406, response = NotAcceptable),
        (status = 414, response = UriTooLong),
        (status = 429, response = TooManyRequests),
        (status = 409, response = AmbiguousEntity)))]
#[route("/{entity_id}/mentions", method = "GET", method = "HEAD")]
pub async fn list_entity_mentions(
    req: HttpRequest,
    path: web::Path<String>,
    store: Store,
) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    let mut q = QueryReader::new(req.query_string());
    let articles = q.strings("article");
    let (size, token) = q.paging();
    let canonical = q.finish()?;
    let key = path.into_inner();
    let items = store
        .list_entity_mentions(&key, &articles)
        .map_err(|e| not_found("entity", &key, e))?;
    let paging = Paging::new(&req, &store, &canonical, size, token.as_deref())?;
    paging.respond_slice(&req, &store, items)
}
