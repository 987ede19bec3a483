use crate::helpers::{ids, spawn_app};

const LISTS: &[&str] = &[
    "/v1/claims",
    "/v1/claims?kind=count&sort=amount_desc",
    "/v1/articles",
    "/v1/entities",
    "/v1/entities?sort=mention_count_desc",
    "/v1/articles/art_33b93e53bbb4/claims",
    "/v1/articles/art_33b93e53bbb4/entities",
    "/v1/entities/pakistan/mentions",
    "/v1/entities/pakistan/claims",
];

#[tokio::test]
async fn paging_at_sizes_1_2_and_100_yields_every_item_once_in_order() {
    let app = spawn_app().await;
    for list in LISTS {
        let reference = app.all_pages(list, 100).await;
        assert!(!reference.is_empty(), "{list} is empty");
        for size in [1, 2] {
            let paged = app.all_pages(list, size).await;
            assert_eq!(paged, reference, "{list} at page_size {size}");
        }
        if reference[0].get("id").is_some() {
            let mut unique = ids(&reference);
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), reference.len(), "{list}: duplicate ids");
        }
    }
}

#[tokio::test]
async fn lists_send_a_link_header_to_the_next_page() {
    let app = spawn_app().await;
    let res = app.get("/v1/claims?kind=count&page_size=2").await;
    let link = res.headers()["link"].to_str().unwrap().to_string();
    let body: serde_json::Value = res.json().await.unwrap();
    let token = body["next_page_token"].as_str().unwrap();
    assert_eq!(
        link,
        format!("</v1/claims?kind=count&page_size=2&page_token={token}>; rel=\"next\"")
    );
    let next = link.trim_start_matches('<').split('>').next().unwrap();
    let page2 = app.json(next).await;
    assert_ne!(page2["data"][0]["id"], body["data"][0]["id"]);
    let last = app.get("/v1/claims?page_size=100").await;
    assert!(
        last.headers().get("link").is_none(),
        "no Link on the last page"
    );
}

#[tokio::test]
async fn page_tokens_are_bound_to_their_query() {
    let app = spawn_app().await;
    let body = app.json("/v1/claims?kind=count&page_size=1").await;
    let token = body["next_page_token"].as_str().unwrap();
    // The same filters in another order and another page size are the same query.
    app.json(&format!(
        "/v1/claims?page_size=3&kind=count&page_token={token}"
    ))
    .await;
    for (url, what) in [
        (
            format!("/v1/claims?kind=money&page_token={token}"),
            "other filters",
        ),
        (format!("/v1/articles?page_token={token}"), "other list"),
        (
            format!(
                "/v1/claims?kind=count&page_token={}",
                &token[..token.len() - 3]
            ),
            "truncated",
        ),
        (
            "/v1/claims?page_token=AAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_string(),
            "forged",
        ),
        ("/v1/claims?page_token=%%%".to_string(), "garbage"),
    ] {
        let p = app.problem(&url, 400).await;
        assert!(
            p["type"] == "/problems/invalid-page-token"
                || p["type"] == "/problems/invalid-parameter",
            "{what}: {p}"
        );
    }
    let p = app
        .problem(&format!("/v1/claims?kind=money&page_token={token}"), 400)
        .await;
    assert_eq!(p["type"], "/problems/invalid-page-token");
    assert!(p["detail"].as_str().unwrap().contains("different filters"));
}

#[tokio::test]
async fn page_size_outside_1_to_100_is_rejected() {
    let app = spawn_app().await;
    for size in ["0", "101", "-1", "abc", "1.5", ""] {
        let p = app
            .problem(&format!("/v1/claims?page_size={size}"), 400)
            .await;
        assert_eq!(p["errors"][0]["parameter"], "page_size", "page_size={size}");
    }
}
