use crate::helpers::spawn_app;

#[test]
fn committed_openapi_document_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == newsfacts::openapi::document_json(),
        "openapi/openapi.json is stale: run `cargo run -- openapi --out openapi/openapi.json` and commit the result"
    );
}

#[tokio::test]
async fn served_document_equals_the_committed_one() {
    let app = spawn_app().await;
    let served = app.json("/openapi.json").await;
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(served, committed);
}

#[tokio::test]
async fn every_documented_path_is_routed_and_has_a_camel_case_operation_id() {
    let app = spawn_app().await;
    let doc = newsfacts::openapi::document();
    assert_eq!(doc.paths.paths.len(), 11);
    for (path, item) in &doc.paths.paths {
        let op = item
            .get
            .as_ref()
            .unwrap_or_else(|| panic!("{path} has no GET"));
        let id = op.operation_id.as_deref().unwrap();
        assert!(
            id.chars().next().unwrap().is_ascii_lowercase() && !id.contains('_'),
            "{id}"
        );
        assert!(
            op.summary.is_some() && op.description.is_some(),
            "{path} lacks a summary or description"
        );
        let url = path
            .replace("{article_id}", "art_33b93e53bbb4")
            .replace("{entity_id}", "PTA")
            .replace("{claim_id}", "clm_221f1809bd7b");
        let res = app.get(&url).await;
        assert_eq!(res.status(), 200, "{url}");
    }
}
