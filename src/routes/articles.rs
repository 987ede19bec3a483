//! `/v1/articles` and its sub-collections.

use actix_web::{route, web, HttpRequest, HttpResponse};
use utoipa::IntoParams;

use super::claims::{read_claim_subfilters, ClaimSubFilterParams};
use super::lists::{ArticleEntityList, ArticleList, ClaimList};
use super::params::{QueryReader, QueryValue};
use super::{filter_error, json_ok, not_found, Paging, Store};
use crate::error::{ApiError, BadRequest, NotAcceptable, NotFound, TooManyRequests, UriTooLong};
use crate::store::model::EntityType;
use crate::store::query::{ArticleQuery, ArticleSort};
use crate::store::views::Article;

/// Query parameters of `listArticles`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "documentation only: QueryReader parses the query")]
pub struct ArticleListParams {
    /// Words, case-insensitive: each must begin a word of the title, summary, caption or body.
    #[param(min_length = 1, max_length = 200)]
    q: Option<String>,
    /// Entity id, name or alias named in the article. Repeat (or separate with commas) for OR.
    #[param(style = Form, explode)]
    entity: Option<Vec<QueryValue>>,
    /// Earliest article date, inclusive.
    article_date_gte: Option<chrono::NaiveDate>,
    /// Latest article date, inclusive.
    article_date_lte: Option<chrono::NaiveDate>,
    /// Sort keys; the first wins, the article id breaks ties. Default `article_date_desc`.
    #[param(style = Form, explode)]
    sort: Option<Vec<ArticleSort>>,
    /// Items per page, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    page_size: Option<u32>,
    /// `next_page_token` of the previous page; every other parameter must be unchanged.
    #[param(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9_-]+$")]
    page_token: Option<String>,
}

/// Query parameters of `listArticleEntities`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "documentation only: QueryReader parses the query")]
pub struct ArticleEntityListParams {
    /// Entity types. Repeat (or separate with commas) for OR.
    #[param(style = Form, explode, rename = "type")]
    entity_type: Option<Vec<EntityType>>,
    /// Items per page, 1 to 100.
    #[param(minimum = 1, maximum = 100, default = 20)]
    page_size: Option<u32>,
    /// `next_page_token` of the previous page; every other parameter must be unchanged.
    #[param(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9_-]+$")]
    page_token: Option<String>,
}

/// List articles
///
/// Article metadata and summaries, newest first. Fetch one article for its caption and body.
#[utoipa::path(get, path = "", operation_id = "listArticles", tag = "articles",
    params(ArticleListParams, ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETag of a cached copy (`W/\"s-...\"`); a match answers 304")),
    responses(
        (status = 200, description = "A page of articles", body = ArticleList,
            headers(("ETag" = String, description = "Weak validator of the snapshot"),
                    ("Link" = String, description = "`rel=\"next\"` link when there is a next page"))),
        (status = 304, description = "Not modified: the If-None-Match ETag is current"),
        (status = 400, response = BadRequest),
        (status = 406, response = NotAcceptable),
        (status = 414, response = UriTooLong),
        (status = 429, response = TooManyRequests)))]
#[route("", method = "GET", method = "HEAD")]
pub async fn list_articles(req: HttpRequest, store: Store) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    let mut q = QueryReader::new(req.query_string());
    let query = ArticleQuery {
        q: q.text("q", 200),
        entity: q.strings("entity"),
        article_date_gte: q.date("article_date_gte"),
        article_date_lte: q.date("article_date_lte"),
        sort: q.enums("sort"),
    };
    let (size, token) = q.paging();
    let canonical = q.finish()?;
    let paging = Paging::new(&req, &store, &canonical, size, token.as_deref())?;
    let page = store
        .list_articles(&query, paging.offset, size)
        .map_err(filter_error)?;
    paging.respond(&req, &store, page)
}

/// Get an article
///
/// One article with its title, summary, caption and body. Span offsets elsewhere in the API index
/// these fields in Unicode code points.
#[utoipa::path(get, path = "/{article_id}", operation_id = "getArticle", tag = "articles",
    params(("article_id" = String, Path, description = "Article id", example = "art_33b93e53bbb4"),
           ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETag of a cached copy (`W/\"s-...\"`); a match answers 304")),
    responses(
        (status = 200, description = "The article", body = Article,
            headers(("ETag" = String, description = "Weak validator of the snapshot"))),
        (status = 304, description = "Not modified: the If-None-Match ETag is current"),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        (status = 406, response = NotAcceptable),
        (status = 414, response = UriTooLong),
        (status = 429, response = TooManyRequests)))]
#[route("/{article_id}", method = "GET", method = "HEAD")]
pub async fn get_article(
    req: HttpRequest,
    path: web::Path<String>,
    store: Store,
) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    QueryReader::new(req.query_string()).finish()?;
    let id = path.into_inner();
    let article = store.article(&id).ok_or(ApiError::NotFound {
        kind: "article",
        id,
    })?;
    json_ok(&store, article)
}

/// List an article's claims
///
/// The numeric claims of one article, with the same filters and sorts as `listClaims`.
#[utoipa::path(get, path = "/{article_id}/claims", operation_id = "listArticleClaims", tag = "articles",
    params(("article_id" = String, Path, description = "Article id", example = "art_33b93e53bbb4"),
           ClaimSubFilterParams,
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
        (status = 429, response = TooManyRequests)))]
#[route("/{article_id}/claims", method = "GET", method = "HEAD")]
pub async fn list_article_claims(
    req: HttpRequest,
    path: web::Path<String>,
    store: Store,
) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    let mut q = QueryReader::new(req.query_string());
    let query = read_claim_subfilters(&mut q, false);
    let (size, token) = q.paging();
    let canonical = q.finish()?;
    let id = path.into_inner();
    let paging = Paging::new(&req, &store, &canonical, size, token.as_deref())?;
    let page = store
        .list_article_claims(&id, &query, paging.offset, size)
        .map_err(|e| not_found("article", &id, e))?
        .map_err(filter_error)?;
    paging.respond_claims(&req, &store, page)
}

/// List an article's entities
///
/// The entities named in one article, each with every span where it is named.
#[utoipa::path(get, path = "/{article_id}/entities", operation_id = "listArticleEntities", tag = "articles",
    params(("article_id" = String, Path, description = "Article id", example = "art_33b93e53bbb4"),
           ArticleEntityListParams,
           ("If-None-Match" = Option<String>, Header, nullable = false, description = "ETag of a cached copy (`W/\"s-...\"`); a match answers 304")),
    responses(
        (status = 200, description = "A page of entities with their spans", body = ArticleEntityList,
            headers(("ETag" = String, description = "Weak validator of the snapshot"),
                    ("Link" = String, description = "`rel=\"next\"` link when there is a next page"))),
        (status = 304, description = "Not modified: the If-None-Match ETag is current"),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        (status = 406, response = NotAcceptable),
        (status = 414, response = UriTooLong),
        (status = 429, response = TooManyRequests)))]
#[route("/{article_id}/entities", method = "GET", method = "HEAD")]
pub async fn list_article_entities(
    req: HttpRequest,
    path: web::Path<String>,
    store: Store,
) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    let mut q = QueryReader::new(req.query_string());
    let types: Vec<EntityType> = q.enums("type");
    let (size, token) = q.paging();
    let canonical = q.finish()?;
    let id = path.into_inner();
    let items = store
        .list_article_entities(&id, &types)
        .map_err(|e| not_found("article", &id, e))?;
    let paging = Paging::new(&req, &store, &canonical, size, token.as_deref())?;
    paging.respond_slice(&req, &store, items)
}
