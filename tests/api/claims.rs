use serde_json::Value;

use crate::helpers::{ids, spawn_app, spawn_with, write_temp};

fn amounts(body: &Value) -> Vec<Option<f64>> {
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"]["amount"].as_f64())
        .collect()
}

/// The string at `pointer` (a JSON pointer) in each item of a page.
fn strings_at(body: &Value, pointer: &str) -> Vec<String> {
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.pointer(pointer).unwrap().as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn get_claim_groups_headline_body_and_quote() {
    let app = spawn_app().await;
    let c = app.json("/v1/claims/clm_221f1809bd7b").await;
    assert_eq!(c["value"]["amount"], 1372.0);
    assert_eq!(c["value"]["modifier"], "exact");
    assert_eq!(c["consistency"], "consistent");
    let mentions = c["mentions"].as_array().unwrap();
    assert_eq!(c["mention_count"], mentions.len());
    assert!(mentions
        .iter()
        .any(|m| m["role"] == "headline" && m["value"]["modifier"] == "more_than"));
    assert_eq!(
        mentions
            .iter()
            .filter(|m| m["is_canonical"] == true)
            .count(),
        1
    );
    assert_eq!(
        c["subjects"][0]["id"],
        "pakistan-telecommunication-authority"
    );
}

#[tokio::test]
async fn claim_values_follow_the_quantity_rules() {
    let app = spawn_app().await;
    let all = app.json("/v1/claims?page_size=100").await;
    let find = |text: &str| -> Value {
        all["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["value"]["text"] == text)
            .cloned()
            .unwrap_or_else(|| panic!("no claim with value text {text:?}"))
    };
    let rs500 = find("Rs500");
    assert_eq!(rs500["value"]["kind"], "money");
    assert_eq!(rs500["value"]["unit"], "PKR");
    assert_eq!(rs500["value"]["unit_inferred"], true);
    let days = find("within 14 days");
    assert_eq!(days["value"]["kind"], "duration");
    assert_eq!(days["value"]["duration_iso8601"], "P14D");
    assert_eq!(days["value"]["modifier"], "at_most");
    let many = find("as many as 2.7 million");
    assert_eq!(many["value"]["amount"], 2_700_000.0);
    assert_eq!(many["value"]["upper_bound"], 2_700_000.0);
    assert_eq!(many["time"]["start_date"], "2019-01-01");
    assert_eq!(many["time"]["end_date"], "2023-12-31");
}

#[tokio::test]
async fn get_claim_returns_404_problem_for_unknown_id() {
    let app = spawn_app().await;
    let p = app.problem("/v1/claims/clm_000000000000", 404).await;
    assert_eq!(p["type"], "about:blank");
    assert_eq!(p["instance"], "/v1/claims/clm_000000000000");
}

#[tokio::test]
async fn list_claims_sorts() {
    let app = spawn_app().await;
    let desc = app.json("/v1/claims?sort=amount_desc&page_size=100").await;
    let a = amounts(&desc);
    let known: Vec<f64> = a.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[0] >= w[1]), "amount_desc: {a:?}");
    let first_none = a.iter().position(Option::is_none).unwrap_or(a.len());
    assert!(
        a[first_none..].iter().all(Option::is_none),
        "vague claims sort last: {a:?}"
    );

    let asc = app.json("/v1/claims?sort=amount_asc&page_size=100").await;
    let known: Vec<f64> = amounts(&asc).into_iter().flatten().collect();
    assert!(known.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(
        amounts(&asc).last().unwrap(),
        &None,
        "vague claims sort last ascending too"
    );

    let dates = |body: &Value| strings_at(body, "/article/article_date");
    let newest = dates(&app.json("/v1/claims?page_size=100").await);
    assert!(
        newest.windows(2).all(|w| w[0] >= w[1]),
        "default is article_date_desc"
    );
    let oldest = dates(
        &app.json("/v1/claims?sort=article_date_asc&page_size=100")
            .await,
    );
    assert!(oldest.windows(2).all(|w| w[0] <= w[1]));
}

#[tokio::test]
async fn list_claims_filters() {
    let app = spawn_app().await;
    let total = app.json("/v1/claims").await["total_size"].as_u64().unwrap();
    // (query, predicate every returned claim must satisfy, expected non-empty)
    type Check = fn(&Value) -> bool;
    let cases: Vec<(&str, Check)> = vec![
        ("article=art_6a6827e0cd46", |c| {
            c["article"]["id"] == "art_6a6827e0cd46"
        }),
        ("kind=money", |c| c["value"]["kind"] == "money"),
        ("kind=money&kind=duration", |c| {
            c["value"]["kind"] == "money" || c["value"]["kind"] == "duration"
        }),
        ("kind=money,duration", |c| {
            c["value"]["kind"] == "money" || c["value"]["kind"] == "duration"
        }),
        ("modifier=more_than", |c| {
            c["value"]["modifier"] == "more_than"
        }),
        ("unit=pkr", |c| c["value"]["unit"] == "PKR"),
        ("unit=percent", |c| c["value"]["unit"] == "percent"),
        ("amount_gte=1000", |c| {
            c["value"]["amount"].as_f64().is_some_and(|a| a >= 1000.0)
        }),
        ("amount_lte=100", |c| {
            c["value"]["amount"].as_f64().is_some_and(|a| a <= 100.0)
        }),
        ("amount_gte=1000&amount_lte=2000", |c| {
            c["value"]["amount"]
                .as_f64()
                .is_some_and(|a| (1000.0..=2000.0).contains(&a))
        }),
        ("article_date_gte=2025-12-01", |c| {
            c["article"]["article_date"] == "2025-12-12"
        }),
        ("article_date_lte=2025-09-30", |c| {
            c["article"]["article_date"] == "2025-09-09"
        }),
        ("consistency=consistent", |c| {
            c["consistency"] == "consistent"
        }),
        ("entity=PTA", |c| {
            c.to_string()
                .contains("pakistan-telecommunication-authority")
        }),
        ("entity=pakistan-telecommunication-authority", |c| {
            c.to_string()
                .contains("pakistan-telecommunication-authority")
        }),
        ("q=SMUGGLERS", |c| {
            c.to_string().to_lowercase().contains("smugglers")
        }),
        ("predicate=blocked_count", |c| {
            c["predicate"] == "blocked_count"
        }),
    ];
    for (query, check) in cases {
        let body = app.json(&format!("/v1/claims?page_size=100&{query}")).await;
        let data = body["data"].as_array().unwrap();
        assert!(!data.is_empty(), "{query}: expected matches");
        assert!(
            (data.len() as u64) < total || query.starts_with("consistency"),
            "{query}: filter had no effect"
        );
        assert_eq!(
            body["total_size"].as_u64().unwrap() as usize,
            data.len(),
            "{query}"
        );
        for c in data {
            assert!(check(c), "{query}: {} does not match", c["id"]);
        }
    }
    let none = app.json("/v1/claims?consistency=inconsistent").await;
    assert_eq!(none["total_size"], 0);
    let nothing = app.json("/v1/claims?entity=no-such-entity").await;
    assert_eq!(nothing["total_size"], 0);
}

#[tokio::test]
async fn claims_by_kind_and_amount_match_the_contract_example() {
    let app = spawn_app().await;
    let body = app
        .json("/v1/claims?kind=count&amount_gte=1000&sort=amount_desc&page_size=100")
        .await;
    let texts: Vec<&str> = body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "more than 180 million",
            "as many as 2.7 million",
            "1,770",
            "1,372"
        ]
    );
    let ids = ids(body["data"].as_array().unwrap());
    assert_eq!(ids[0], "clm_9d14badb66d8");
}

/// A store extracted from an article that states a ratio and a physical measure: `kind` and `unit` find
/// them, whatever the seed store holds.
#[tokio::test]
async fn kind_and_unit_filters_find_ratios_and_measures() {
    use newsfacts::extract::{entities::Gazetteer, extract_articles, parse_articles};
    let text = "Customs seize heroin at Karachi port\n\nBy Our Correspondent\n\nKARACHI: Customs officials on Monday seized 12 kilograms of heroin and arrested three men, the collectorate said.\n\nOne in five containers from the region is now searched by hand.\n\nPublished in Dawn, March 5th, 2025\n";
    let arts = parse_articles(
        &newsfacts::extract::text::normalize_input(text),
        "seizure.txt",
    )
    .unwrap();
    let facts = extract_articles(&arts, &Gazetteer::default_embedded());
    let path = write_temp(
        "ratios-and-measures.json",
        &serde_json::to_value(&facts).unwrap(),
    );
    let app = spawn_with(Some(path)).await;
    let kinds = |body: &Value| strings_at(body, "/value/kind");
    let ratio = app.json("/v1/claims?kind=ratio").await;
    assert_eq!(kinds(&ratio), ["ratio"], "{ratio}");
    assert_eq!(amounts(&ratio), [Some(0.2)]);
    assert_eq!(ratio["data"][0]["value"]["unit_text"], "One in five");
    let other = app.json("/v1/claims?kind=other").await;
    assert_eq!(kinds(&other), ["other"], "{other}");
    assert_eq!(other["data"][0]["value"]["unit"], "kilogram");
    assert_eq!(amounts(&other), [Some(12.0)]);
    let by_unit = app.json("/v1/claims?unit=kilogram").await;
    assert_eq!(
        ids(by_unit["data"].as_array().unwrap()),
        ids(other["data"].as_array().unwrap())
    );
    let both = app.json("/v1/claims?kind=ratio,other").await;
    assert_eq!(both["total_size"], 2, "{both}");
    let counts = app.json("/v1/claims?kind=count").await;
    assert_eq!(kinds(&counts), ["count"], "{counts}");
}
