use serde_json::Value;

use crate::helpers::spawn_app;

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn check_span(article: &Value, span: &Value, what: &str) {
    let field = span["field"].as_str().unwrap();
    let text = article[field]
        .as_str()
        .unwrap_or_else(|| panic!("{what}: field {field} is null"));
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        slice(text, start, end),
        span["exact"].as_str().unwrap(),
        "{what}: exact"
    );
    assert_eq!(
        slice(text, start.saturating_sub(32), start),
        span["prefix"].as_str().unwrap(),
        "{what}: prefix"
    );
    let len = text.chars().count();
    assert_eq!(
        slice(text, end, (end + 32).min(len)),
        span["suffix"].as_str().unwrap(),
        "{what}: suffix"
    );
}

#[tokio::test]
async fn every_span_served_slices_its_article_field_exactly() {
    let app = spawn_app().await;
    let mut checked = 0;
    let claims = app.all_pages("/v1/claims", 100).await;
    for c in &claims {
        let article = app
            .json(&format!(
                "/v1/articles/{}",
                c["article"]["id"].as_str().unwrap()
            ))
            .await;
        for m in c["mentions"].as_array().unwrap() {
            check_span(&article, &m["quantity_span"], c["id"].as_str().unwrap());
            check_span(&article, &m["evidence_span"], c["id"].as_str().unwrap());
            checked += 2;
        }
    }
    for e in app.all_pages("/v1/entities", 100).await {
        for m in app
            .all_pages(
                &format!("/v1/entities/{}/mentions", e["id"].as_str().unwrap()),
                100,
            )
            .await
        {
            let article = app
                .json(&format!(
                    "/v1/articles/{}",
                    m["article"]["id"].as_str().unwrap()
                ))
                .await;
            check_span(&article, &m["span"], e["id"].as_str().unwrap());
            checked += 1;
        }
    }
    let snapshot = app.json("/v1/snapshot").await;
    let mention_spans: u64 = claims
        .iter()
        .map(|c| c["mention_count"].as_u64().unwrap() * 2)
        .sum();
    assert_eq!(
        checked as u64,
        mention_spans + snapshot["entity_mention_count"].as_u64().unwrap()
    );
}

#[tokio::test]
async fn offsets_count_code_points_not_bytes() {
    let app = spawn_app().await;
    let c = app.json("/v1/claims/clm_221f1809bd7b").await;
    let quote = c["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["is_canonical"] == true)
        .unwrap();
    // The body has curly apostrophes before this figure, so byte and code-point offsets differ.
    assert_eq!(quote["quantity_span"]["start"], 883);
    assert_eq!(quote["quantity_span"]["exact"], "1,372");
}
