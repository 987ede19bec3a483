//! `/v1/snapshot`.

use actix_web::{route, HttpRequest, HttpResponse};

use super::params::QueryReader;
use super::{json_ok, Store};
use crate::error::{ApiError, BadRequest, NotAcceptable, TooManyRequests, UriTooLong};
use crate::store::views::Snapshot;

/// Get the snapshot
///
/// The id of the loaded store (the ETag of every response), its format version and counts.
#[utoipa::path(get, path = "/snapshot", operation_id = "getSnapshot", tag = "meta",
    params(("If-None-Match" = Option<String>, Header, nullable = false, description = "ETag of a cached copy (`W/\"s-...\"`); a match answers 304")),
    responses(
        (status = 200, description = "The snapshot", body = Snapshot,
            headers(("ETag" = String, description = "Weak validator of the snapshot"))),
        (status = 304, description = "Not modified: the If-None-Match ETag is current"),
        (status = 400, response = BadRequest),
        (status = 406, response = NotAcceptable),
        (status = 414, response = UriTooLong),
        (status = 429, response = TooManyRequests)))]
#[route("/snapshot", method = "GET", method = "HEAD")]
pub async fn get_snapshot(req: HttpRequest, store: Store) -> Result<HttpResponse, ApiError> {
    let store = store.current();
    QueryReader::new(req.query_string()).finish()?;
    json_ok(&store, store.snapshot())
}
