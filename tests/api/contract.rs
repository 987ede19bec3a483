use crate::helpers::{assert_problem, spawn_app};

#[tokio::test]
async fn invalid_parameters_are_all_named_in_one_400() {
    let app = spawn_app().await;
    let p = app
        .problem("/v1/claims?amount_gte=lots&sort=size&page_sise=3", 400)
        .await;
    assert_eq!(p["type"], "/problems/invalid-parameter");
    assert_eq!(p["title"], "Invalid query parameter");
    let params: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["parameter"].as_str().unwrap())
        .collect();
    assert_eq!(params, ["amount_gte", "sort", "page_sise"]);
    assert_eq!(p["errors"][0]["value"], "lots");
    assert!(p["errors"][1]["detail"]
        .as_str()
        .unwrap()
        .contains("amount_desc"));
    for url in [
        "/v1/claims?kind=",
        "/v1/claims?amount_gte=1&amount_gte=2",
        "/v1/claims?amount_lte=NaN",
        "/v1/claims?article_date_gte=yesterday",
        "/v1/articles/art_33b93e53bbb4?x=1",
        "/v1/snapshot?x=1",
        "/v1/entities?type=animal",
        "/v1/claims?q=%FF%FE",
    ] {
        app.problem(url, 400).await;
    }
}

#[tokio::test]
async fn unknown_routes_are_404_problems() {
    let app = spawn_app().await;
    for url in [
        "/v1/nope",
        "/nope",
        "/v1/claims/clm_221f1809bd7b/extra",
        "/v2/claims",
    ] {
        app.problem(url, 404).await;
    }
}

#[tokio::test]
async fn wrong_methods_are_405_with_allow() {
    let app = spawn_app().await;
    for method in [
        reqwest::Method::POST,
        reqwest::Method::DELETE,
        reqwest::Method::PUT,
        reqwest::Method::PATCH,
    ] {
        let res = app
            .client
            .request(
                method.clone(),
                format!("{}/v1/claims/clm_221f1809bd7b", app.address),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["allow"], "GET, HEAD", "{method}");
        assert_problem(res, 405, method.as_str()).await;
    }
    let res = app
        .client
        .post(format!("{}/v1/nope", app.address))
        .send()
        .await
        .unwrap();
    assert_problem(res, 404, "POST to an unknown path").await;
}

#[tokio::test]
async fn unacceptable_accept_is_406_and_json_ranges_are_fine() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(format!("{}/v1/claims", app.address))
        .header("accept", "application/xml")
        .send()
        .await
        .unwrap();
    assert_problem(res, 406, "Accept: application/xml").await;
    let res = app
        .client
        .get(format!("{}/v1/claims", app.address))
        .header("accept", "application/json;q=0")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 406);
    for accept in [
        "application/json",
        "*/*",
        "application/*",
        "text/html, application/json;q=0.5",
        "application/problem+json",
    ] {
        let res = app
            .client
            .get(format!("{}/v1/claims", app.address))
            .header("accept", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{accept}");
    }
}

#[tokio::test]
async fn request_bodies_are_413() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(format!("{}/v1/claims", app.address))
        .body(vec![b'x'; 4096])
        .send()
        .await
        .unwrap();
    assert_problem(res, 413, "GET with a body").await;
}

#[tokio::test]
async fn etag_and_if_none_match_give_304() {
    let app = spawn_app().await;
    let snapshot = app.json("/v1/snapshot").await;
    let res = app.get("/v1/claims").await;
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(etag, format!("W/\"{}\"", snapshot["id"].as_str().unwrap()));
    assert_eq!(res.headers()["cache-control"], "public, max-age=300");
    for url in [
        "/v1/claims",
        "/v1/claims/clm_221f1809bd7b",
        "/v1/entities/PTA",
    ] {
        let res = app
            .client
            .get(format!("{}{url}", app.address))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 304, "{url}");
        assert_eq!(res.headers()["etag"], etag.as_str());
        assert!(res.bytes().await.unwrap().is_empty());
    }
    // The document has its own validator, which changes only with the build.
    let doc = app.get("/openapi.json").await;
    let doc_etag = doc.headers()["etag"].to_str().unwrap().to_string();
    assert!(doc_etag.starts_with("W/\"openapi-"), "{doc_etag}");
    let res = app
        .client
        .get(format!("{}/openapi.json", app.address))
        .header("if-none-match", &doc_etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);
    let res = app
        .client
        .get(format!("{}/v1/claims", app.address))
        .header("if-none-match", "W/\"s-0000\"")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = app
        .client
        .get(format!("{}/v1/claims/clm_000000000000", app.address))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        404,
        "a 304 is never sent for a missing resource"
    );
    let res = app.get("/v1/claims/clm_000000000000").await;
    assert_eq!(res.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn cors_preflight_and_exposed_headers() {
    let app = spawn_app().await;
    let res = app
        .client
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/v1/claims", app.address),
        )
        .header("origin", "https://app.example")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "if-none-match")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
    let allowed = res.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    assert!(allowed.contains("if-none-match"));
    let res = app
        .client
        .get(format!("{}/v1/claims", app.address))
        .header("origin", "https://app.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
    let exposed = res.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    for h in ["etag", "link", "x-request-id"] {
        assert!(exposed.contains(h), "{h} not exposed: {exposed}");
    }
    // With `*` the response is the same for every origin: caches must not key on Origin.
    let vary: Vec<_> = res
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap().to_lowercase())
        .collect();
    assert_eq!(vary, ["accept-encoding"], "Vary only by Accept-Encoding");
    let res = app
        .client
        .get(format!("{}/v1/claims/none", app.address))
        .header("origin", "https://app.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "*",
        "errors are readable cross-origin"
    );
}

#[tokio::test]
async fn gzip_and_brotli_when_asked() {
    let app = spawn_app().await;
    for encoding in ["gzip", "br"] {
        let res = app
            .client
            .get(format!("{}/v1/claims?page_size=100", app.address))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-encoding"], encoding);
    }
    let decoded = reqwest::Client::new()
        .get(format!("{}/v1/claims?page_size=100", app.address))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = decoded.json().await.unwrap();
    assert!(body["total_size"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn head_answers_like_get_without_a_body() {
    let app = spawn_app().await;
    for url in ["/v1/claims", "/v1/claims/clm_221f1809bd7b", "/v1/snapshot"] {
        let res = app
            .client
            .head(format!("{}{url}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{url}");
        assert!(res.headers().contains_key("etag"));
        assert!(res.bytes().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn request_ids_are_echoed_or_generated() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(format!("{}/v1/snapshot", app.address))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "abc-123");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let res = app
        .client
        .get(format!("{}/v1/nope", app.address))
        .header("x-request-id", "bad id with spaces")
        .send()
        .await
        .unwrap();
    let generated = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_ne!(generated, "bad id with spaces");
    let p: serde_json::Value = res.json().await.unwrap();
    assert_eq!(p["request_id"], generated.as_str());
}

#[tokio::test]
async fn snapshot_health_and_docs() {
    let app = spawn_app().await;
    let s = app.json("/v1/snapshot").await;
    assert!(s["id"].as_str().unwrap().starts_with("s-"));
    assert_eq!(s["format_version"], 1);
    assert_eq!(s["article_count"], 2);
    let claims = app.json("/v1/claims").await;
    assert_eq!(s["claim_count"], claims["total_size"]);
    app.json("/healthz").await;
    let ready = app.json("/readyz").await;
    assert_eq!(ready["snapshot"], s["id"]);
    let docs = app.get("/docs/").await;
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger"));
}
