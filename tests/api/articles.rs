use crate::helpers::{ids, spawn_app};

#[tokio::test]
async fn list_articles_returns_summaries_newest_first() {
    let app = spawn_app().await;
    let body = app.json("/v1/articles").await;
    let data = body["data"].as_array().unwrap();
    assert_eq!(body["total_size"], 2);
    assert_eq!(ids(data), ["art_6a6827e0cd46", "art_33b93e53bbb4"]);
    assert!(data[0].get("body").is_none(), "summaries carry no body");
    assert_eq!(data[1]["article_date"], "2025-09-09");
    assert_eq!(data[1]["article_date_kind"], "updated");
    assert_eq!(
        data[1]["source"],
        serde_json::json!({"name": null, "url": null})
    );
}

#[tokio::test]
async fn list_articles_filters_and_sorts() {
    let app = spawn_app().await;
    let cases = [
        (
            "/v1/articles?sort=article_date_asc",
            vec!["art_33b93e53bbb4", "art_6a6827e0cd46"],
        ),
        (
            "/v1/articles?article_date_gte=2025-10-01",
            vec!["art_6a6827e0cd46"],
        ),
        (
            "/v1/articles?article_date_lte=2025-09-09",
            vec!["art_33b93e53bbb4"],
        ),
        ("/v1/articles?q=SMUGGLERS", vec!["art_6a6827e0cd46"]),
        ("/v1/articles?entity=PTA", vec!["art_33b93e53bbb4"]),
        (
            "/v1/articles?entity=PTA&entity=european-union",
            vec!["art_6a6827e0cd46", "art_33b93e53bbb4"],
        ),
        ("/v1/articles?entity=no-such-entity", vec![]),
    ];
    for (url, expected) in cases {
        let body = app.json(url).await;
        assert_eq!(ids(body["data"].as_array().unwrap()), expected, "{url}");
    }
}

#[tokio::test]
async fn get_article_returns_all_text_fields() {
    let app = spawn_app().await;
    let a = app.json("/v1/articles/art_33b93e53bbb4").await;
    assert_eq!(
        a["title"],
        "Pakistan blocks over 1,300 sites, apps over sale of leaked citizen data"
    );
    assert_eq!(a["dateline"], "Islamabad");
    assert!(a["caption"].as_str().unwrap().contains("(PTA)"));
    assert!(a["body"]
        .as_str()
        .unwrap()
        .starts_with("ISLAMABAD: Pakistan’s telecom regulator"));
    assert_eq!(
        a["body_length"].as_u64().unwrap() as usize,
        a["body"].as_str().unwrap().chars().count()
    );
    let b = app.json("/v1/articles/art_6a6827e0cd46").await;
    assert_eq!(b["caption"], serde_json::Value::Null);
}

#[tokio::test]
async fn get_article_returns_404_problem_for_unknown_id() {
    let app = spawn_app().await;
    let p = app.problem("/v1/articles/art_000000000000", 404).await;
    assert!(p["detail"].as_str().unwrap().contains("art_000000000000"));
}

#[tokio::test]
async fn article_sub_collections_list_claims_and_entities() {
    let app = spawn_app().await;
    let claims = app
        .json("/v1/articles/art_33b93e53bbb4/claims?page_size=100")
        .await;
    let data = claims["data"].as_array().unwrap();
    assert!(!data.is_empty());
    assert!(data
        .iter()
        .all(|c| c["article"]["id"] == "art_33b93e53bbb4"));
    let money = app
        .json("/v1/articles/art_33b93e53bbb4/claims?kind=money&sort=amount_asc")
        .await;
    let amounts: Vec<f64> = money["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"]["amount"].as_f64().unwrap())
        .collect();
    assert_eq!(amounts, [500.0, 2000.0, 5000.0]);

    let entities = app
        .json("/v1/articles/art_33b93e53bbb4/entities?page_size=100")
        .await;
    let pta = entities["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"]["id"] == "pakistan-telecommunication-authority")
        .expect("PTA is named in article 1");
    assert_eq!(
        pta["mention_count"].as_u64().unwrap() as usize,
        pta["mentions"].as_array().unwrap().len()
    );
    let people = app
        .json("/v1/articles/art_6a6827e0cd46/entities?type=person")
        .await;
    assert!(people["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["entity"]["type"] == "person"));
    assert!(people["total_size"].as_u64().unwrap() >= 2);
    app.problem("/v1/articles/art_000000000000/claims", 404)
        .await;
    app.problem("/v1/articles/art_000000000000/entities", 404)
        .await;
}
