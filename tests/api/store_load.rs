//! Bad store files: the loader names every problem, `validate` exits non-zero, and the server refuses to start.

use std::process::Command;

use newsfacts::startup::{Application, Settings};
use newsfacts::store::{FactStore, LoadError};
use serde_json::{json, Value};

use crate::helpers::{embedded_facts, write_temp};

fn problems_of(facts: &Value) -> Vec<String> {
    let bytes = serde_json::to_vec_pretty(facts).unwrap();
    match FactStore::from_bytes(&bytes, "test.json") {
        Err(LoadError::Invalid { problems, .. }) => problems,
        Err(other) => panic!("expected validation problems, got {other}"),
        Ok(_) => panic!("the store was accepted"),
    }
}

fn mutated(change: impl FnOnce(&mut Value)) -> Value {
    let mut facts = embedded_facts();
    change(&mut facts);
    facts
}

#[test]
fn the_embedded_store_is_valid() {
    FactStore::embedded().expect("embedded store loads");
}

#[test]
fn each_kind_of_inconsistency_is_named() {
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "format version",
            mutated(|f| f["format_version"] = json!(99)),
            "format_version is 99",
        ),
        (
            "duplicate article",
            mutated(|f| {
                let a = f["articles"][0].clone();
                f["articles"].as_array_mut().unwrap().push(a);
            }),
            "duplicate article id",
        ),
        (
            "duplicate entity",
            mutated(|f| {
                let e = f["entities"][0].clone();
                f["entities"].as_array_mut().unwrap().push(e);
            }),
            "duplicate entity id",
        ),
        (
            "duplicate claim",
            mutated(|f| {
                let c = f["claims"][0].clone();
                f["claims"].as_array_mut().unwrap().push(c);
            }),
            "duplicate claim id",
        ),
        (
            "dangling claim article",
            mutated(|f| f["claims"][0]["article_id"] = json!("art_000000000000")),
            "matches no article",
        ),
        (
            "dangling subject",
            mutated(|f| f["claims"][0]["subject_ids"] = json!(["nobody"])),
            "entity \"nobody\" matches no entity",
        ),
        (
            "dangling claimant",
            mutated(|f| f["claims"][0]["attribution"]["claimant_ids"] = json!(["nobody"])),
            "entity \"nobody\" matches no entity",
        ),
        (
            "dangling mention entity",
            mutated(|f| f["entity_mentions"][0]["entity_id"] = json!("nobody")),
            "entity_id \"nobody\" matches no entity",
        ),
        (
            "dangling mention article",
            mutated(|f| f["entity_mentions"][0]["article_id"] = json!("art_x")),
            "matches no article",
        ),
        (
            "span text",
            mutated(|f| f["claims"][0]["mentions"][0]["quantity_span"]["exact"] = json!("9,999")),
            "not \"9,999\"",
        ),
        (
            "span offsets",
            mutated(|f| f["entity_mentions"][0]["span"]["end"] = json!(1_000_000)),
            "outside",
        ),
        (
            "span prefix",
            mutated(|f| f["entity_mentions"][0]["span"]["prefix"] = json!("nope")),
            "prefix should be",
        ),
        (
            "span suffix",
            mutated(|f| f["entity_mentions"][0]["span"]["suffix"] = json!("nope")),
            "suffix should be",
        ),
        (
            "bad id",
            mutated(|f| f["entities"][0]["id"] = json!("Not An Id")),
            "is not of the form",
        ),
        (
            "two canonical mentions",
            mutated(|f| {
                for m in f["claims"][0]["mentions"].as_array_mut().unwrap() {
                    m["is_canonical"] = json!(true);
                }
                let extra = f["claims"][0]["mentions"][0].clone();
                f["claims"][0]["mentions"]
                    .as_array_mut()
                    .unwrap()
                    .push(extra);
            }),
            "canonical mentions, needs exactly 1",
        ),
        (
            "canonical value differs",
            mutated(|f| f["claims"][0]["value"]["amount"] = json!(1.5)),
            "value differs",
        ),
    ];
    for (what, facts, expected) in cases {
        let problems = problems_of(&facts);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{what}: {problems:#?}"
        );
    }
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let facts = mutated(|f| {
        f["claims"][0]["article_id"] = json!("art_x");
        f["entity_mentions"][0]["span"]["exact"] = json!("???");
        f["format_version"] = json!(2);
    });
    assert!(problems_of(&facts).len() >= 3);
}

#[test]
fn syntax_and_shape_errors_give_line_and_column() {
    let err = FactStore::from_bytes(
        b"{\n  \"format_version\": 1,\n  \"articles\": [,]\n}",
        "bad.json",
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("bad.json:3:"), "{text}");
    let mut missing = embedded_facts();
    missing["articles"][0]
        .as_object_mut()
        .unwrap()
        .remove("body");
    let err = FactStore::from_bytes(&serde_json::to_vec_pretty(&missing).unwrap(), "shape.json")
        .unwrap_err();
    assert!(err.to_string().contains("missing field `body`"), "{err}");
    let mut unknown = embedded_facts();
    unknown["articles"][0]["bodyy"] = json!("x");
    let err = FactStore::from_bytes(&serde_json::to_vec_pretty(&unknown).unwrap(), "shape.json")
        .unwrap_err();
    assert!(err.to_string().contains("unknown field `bodyy`"), "{err}");
}

#[test]
fn validate_command_reports_problems_and_exits_non_zero() {
    let bin = env!("CARGO_BIN_EXE_newsfacts");
    let good = Command::new(bin)
        .args([
            "validate",
            concat!(env!("CARGO_MANIFEST_DIR"), "/data/facts.json"),
        ])
        .output()
        .unwrap();
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    assert!(String::from_utf8_lossy(&good.stdout).contains("valid"));

    let bad = write_temp(
        "dangling.json",
        &mutated(|f| f["claims"][0]["subject_ids"] = json!(["nobody"])),
    );
    let out = Command::new(bin)
        .arg("validate")
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("dangling.json") && stderr.contains("\"nobody\""),
        "{stderr}"
    );

    let out = Command::new(bin)
        .args(["validate", "/no/such/file.json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.json"));
}

#[test]
fn the_server_refuses_to_start_on_a_bad_store() {
    let bad = write_temp(
        "bad-span.json",
        &mutated(|f| f["entity_mentions"][0]["span"]["exact"] = json!("???")),
    );
    let settings = Settings::new("127.0.0.1:0", Some(bad));
    let err = Application::build(&settings).err().expect("refused");
    let text = format!("{err:#}");
    assert!(
        text.contains("refusing to start")
            && text.contains("bad-span.json")
            && text.contains("\"???\""),
        "{text}"
    );
}

#[test]
fn serve_exits_non_zero_naming_the_bad_store() {
    let bad = write_temp("not-json.json", &json!("just a string"));
    let out = Command::new(env!("CARGO_BIN_EXE_newsfacts"))
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("refusing to start") && stderr.contains("not-json.json:1:1"),
        "{stderr}"
    );
}

#[test]
fn committed_store_is_the_extractors_output_on_data_articles() {
    let options = newsfacts::extract::ExtractOptions::default();
    let articles = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles"));
    let extraction =
        newsfacts::extract::extract_inputs(&[articles], &options).expect("data/articles extracts");
    let fresh = newsfacts::extract::to_json(&extraction.facts).unwrap();
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/facts.json")).unwrap();
    assert!(
        committed == fresh,
        "data/facts.json is stale: run `cargo run --release -- extract --out data/facts.json data/articles/` and commit the result"
    );
}
