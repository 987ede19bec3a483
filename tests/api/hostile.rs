//! Hostile input: every bad request gets its 4xx problem, and the server keeps serving.

use std::io::{Read, Write};
use std::num::NonZeroU32;
use std::time::Duration;

use newsfacts::startup::Settings;

use crate::helpers::{assert_problem, spawn_app, spawn_with_settings, TestApp};

async fn still_serving(app: &TestApp) {
    app.json("/v1/snapshot").await;
}

#[tokio::test]
async fn bad_numbers_and_values_are_400_naming_the_parameter() {
    let app = spawn_app().await;
    let long = "x".repeat(5_000);
    let cases = [
        ("amount_gte=1e400", "amount_gte"),
        ("amount_gte=NaN", "amount_gte"),
        ("amount_lte=-inf", "amount_lte"),
        ("amount_lte=infinity", "amount_lte"),
        ("amount_gte=0x10", "amount_gte"),
        ("page_size=99999999999999999999999", "page_size"),
        ("page_size=-5", "page_size"),
        ("kind=", "kind"),
        ("q=", "q"),
        ("sort=", "sort"),
        ("amount_gte=1&amount_gte=2", "amount_gte"),
        ("page_token=a&page_token=b", "page_token"),
        ("q=%FF%FE", "q"),
        ("q=%E2%82", "q"),
        ("q=%ZZ", "q"),
        ("q=100%", "q"),
        ("k%FF=1", "k%FF"),
        ("article_date_gte=2025-02-30", "article_date_gte"),
        ("article_date_gte=99999-01-01", "article_date_gte"),
    ];
    for (query, parameter) in cases {
        let p = app.problem(&format!("/v1/claims?{query}"), 400).await;
        assert_eq!(p["errors"][0]["parameter"], parameter, "{query}");
    }
    let p = app.problem(&format!("/v1/claims?q={long}"), 400).await;
    assert_eq!(p["errors"][0]["parameter"], "q");
    assert!(
        p["errors"][0]["value"].as_str().unwrap().chars().count() <= 201,
        "values are truncated in problems"
    );
    let p = app.problem(&format!("/v1/claims?entity={long}"), 400).await;
    assert_eq!(p["errors"][0]["parameter"], "entity");
    still_serving(&app).await;
}

#[tokio::test]
async fn large_and_negative_finite_numbers_are_fine() {
    let app = spawn_app().await;
    for query in [
        "amount_gte=-1e300",
        "amount_lte=1e300",
        "amount_gte=99999999999999999999999",
        "amount_gte=-0",
    ] {
        app.json(&format!("/v1/claims?{query}")).await;
    }
}

#[tokio::test]
async fn injection_looking_strings_are_plain_text() {
    let app = spawn_app().await;
    // Punctuation is not syntax: each string finds exactly what its plain words find.
    for (q, words) in [
        ("%27%20OR%201%3D1%3B%20--", "or+1+1"),
        (
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "script+alert+1+script",
        ),
        ("..%2F..%2Fetc%2Fpasswd", "etc+passwd"),
        ("%24where%20%7B%22%24gt%22%3A%22%22%7D", "where+gt"),
        ("%00", "%00"),
    ] {
        let injected = app.json(&format!("/v1/claims?q={q}")).await;
        let plain = app.json(&format!("/v1/claims?q={words}")).await;
        assert_eq!(injected["total_size"], plain["total_size"], "{q}");
        let body = app.json(&format!("/v1/claims?entity={q}")).await;
        assert_eq!(body["total_size"], 0, "{q}");
    }
    for path in [
        "/v1/entities/..%2F..%2Fetc%2Fpasswd",
        "/v1/claims/%27%20OR%201%3D1",
        "/v1/articles/%3Cscript%3E",
        "/v1/claims/%FF",
    ] {
        app.problem(path, 404).await;
    }
    still_serving(&app).await;
}

#[tokio::test]
async fn over_long_urls_are_414_and_headers_431() {
    let app = spawn_app().await;
    let p = app
        .problem(&format!("/v1/claims?q={}", "x".repeat(10_000)), 414)
        .await;
    assert!(p["detail"].as_str().unwrap().contains("8192"));
    let res = app
        .client
        .get(format!("{}/v1/claims", app.address))
        .header("x-padding", "y".repeat(20_000))
        .send()
        .await
        .unwrap();
    assert_problem(res, 431, "20 kB header").await;
    still_serving(&app).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_clients_time_out_and_the_server_keeps_serving() {
    let mut settings = Settings::new("127.0.0.1:0", None);
    settings.workers = Some(1);
    settings.limits.request_timeout = Duration::from_millis(1_000);
    let app = spawn_with_settings(settings).await;
    let addr = app.address.trim_start_matches("http://").to_string();
    let response = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream
            .write_all(b"GET /v1/claims HTTP/1.1\r\nHost: x\r\n")
            .unwrap(); // headers never finish
        let mut buf = Vec::new();
        let _ = stream.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
    .await
    .unwrap();
    assert!(
        response.starts_with("HTTP/1.1 408"),
        "slow client got: {response:?}"
    );
    still_serving(&app).await;
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after() {
    let mut settings = Settings::new("127.0.0.1:0", None);
    settings.workers = Some(1);
    settings.limits.rate_limit_per_minute = NonZeroU32::new(3);
    let app = spawn_with_settings(settings).await;
    for _ in 0..3 {
        assert_eq!(app.get("/v1/snapshot").await.status(), 200);
    }
    let res = app.get("/v1/snapshot").await;
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "Retry-After {retry}");
    let p = assert_problem(res, 429, "over the limit").await;
    assert!(p["detail"]
        .as_str()
        .unwrap()
        .contains("3 requests per minute"));
}

#[tokio::test]
async fn security_headers() {
    let app = spawn_app().await;
    for path in ["/v1/claims", "/v1/nope", "/healthz", "/docs/"] {
        let res = app.get(path).await;
        assert_eq!(res.headers()["x-content-type-options"], "nosniff", "{path}");
    }
    let docs = app.get("/docs/").await;
    let csp = docs.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(app
        .get("/v1/claims")
        .await
        .headers()
        .get("content-security-policy")
        .is_none());
}
