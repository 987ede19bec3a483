use crate::helpers::{assert_problem, embedded_facts, ids, spawn_app, spawn_with, write_temp};

#[tokio::test]
async fn get_entity_resolves_ids_names_aliases_and_acronyms() {
    let app = spawn_app().await;
    for key in [
        "pakistan-telecommunication-authority",
        "PTA",
        "pta",
        "Pakistan%20Telecommunication%20Authority",
        "pakistan%20TELECOMMUNICATION%20authority",
    ] {
        let e = app.json(&format!("/v1/entities/{key}")).await;
        assert_eq!(e["id"], "pakistan-telecommunication-authority", "{key}");
    }
    for (key, id) in [
        ("NCCIA", "national-cyber-crimes-investigation-agency"),
        ("nadra", "national-database-and-registration-authority"),
        ("FIA", "federal-investigation-agency"),
        ("EU", "european-union"),
    ] {
        let e = app.json(&format!("/v1/entities/{key}")).await;
        assert_eq!(e["id"], id, "{key}");
    }
    let nccia = app.json("/v1/entities/NCCIA").await;
    assert!(nccia["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["text"] == "NCCIA" && a["source"] == "curated"));
    app.problem("/v1/entities/no-such-thing", 404).await;
}

#[tokio::test]
async fn an_alias_shared_by_two_entities_answers_409_naming_both() {
    // Arrange: a store where two entities share the alias "Authority".
    let mut facts = embedded_facts();
    for id in [
        "pakistan-telecommunication-authority",
        "national-database-and-registration-authority",
    ] {
        let e = facts["entities"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|e| e["id"] == id)
            .unwrap();
        e["aliases"].as_array_mut().unwrap().push(
            serde_json::json!({"text": "Authority", "kind": "alternate_name", "source": "curated"}),
        );
    }
    let app = spawn_with(Some(write_temp("shared-alias.json", &facts))).await;
    // Act
    let res = app.get("/v1/entities/authority").await;
    // Assert
    let p = assert_problem(res, 409, "shared alias").await;
    assert_eq!(p["type"], "/problems/ambiguous-entity");
    let names = ids(p["candidates"].as_array().unwrap());
    assert_eq!(
        names,
        [
            "national-database-and-registration-authority",
            "pakistan-telecommunication-authority"
        ]
    );
    let detail = p["detail"].as_str().unwrap();
    assert!(
        detail.contains("National Database and Registration Authority")
            && detail.contains("Pakistan Telecommunication Authority")
    );
    let p = app.problem("/v1/claims?entity=Authority", 400).await;
    assert_eq!(p["errors"][0]["parameter"], "entity");
}

#[tokio::test]
async fn list_entities_filters_and_sorts() {
    let app = spawn_app().await;
    let all = app.json("/v1/entities?page_size=100").await;
    let names: Vec<String> = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(
        names.windows(2).all(|w| w[0] <= w[1]),
        "name_asc by default"
    );
    let people = app.json("/v1/entities?type=person&page_size=100").await;
    assert!(people["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["type"] == "person"));
    assert_eq!(
        ids(people["data"].as_array().unwrap()),
        ["magnus-brunner", "mohsin-naqvi"]
    );
    let q = app.json("/v1/entities?q=pta").await;
    assert!(ids(q["data"].as_array().unwrap())
        .contains(&"pakistan-telecommunication-authority".to_string()));
    for (sort, field) in [
        ("claim_count_desc", "claim_count"),
        ("mention_count_desc", "mention_count"),
    ] {
        let body = app
            .json(&format!("/v1/entities?sort={sort}&page_size=100"))
            .await;
        let counts: Vec<u64> = body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e[field].as_u64().unwrap())
            .collect();
        assert!(
            counts.windows(2).all(|w| w[0] >= w[1]),
            "{sort}: {counts:?}"
        );
    }
}

#[tokio::test]
async fn entity_sub_collections_list_claims_and_mentions() {
    let app = spawn_app().await;
    let claims = app.json("/v1/entities/PTA/claims").await;
    assert_eq!(
        ids(claims["data"].as_array().unwrap()),
        ["clm_221f1809bd7b"]
    );
    let as_claimant = app.json("/v1/entities/PTA/claims?role=claimant").await;
    assert_eq!(as_claimant["total_size"], 1);
    let money = app.json("/v1/entities/PTA/claims?kind=money").await;
    assert_eq!(money["total_size"], 0);
    let mentions = app.json("/v1/entities/PTA/mentions?page_size=100").await;
    let data = mentions["data"].as_array().unwrap();
    assert_eq!(
        mentions["total_size"].as_u64().unwrap() as usize,
        data.len()
    );
    assert!(data
        .iter()
        .all(|m| m["entity"]["id"] == "pakistan-telecommunication-authority"));
    assert!(data
        .iter()
        .any(|m| m["surface_kind"] == "acronym" && m["span"]["exact"] == "PTA"));
    let in_other = app
        .json("/v1/entities/PTA/mentions?article=art_6a6827e0cd46")
        .await;
    assert_eq!(in_other["total_size"], 0);
    app.problem("/v1/entities/no-such-thing/claims", 404).await;
    app.problem("/v1/entities/no-such-thing/mentions", 404)
        .await;
    app.problem("/v1/entities/PTA/claims?role=owner", 400).await;
}
