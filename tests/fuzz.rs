//! Time-bounded property fuzzing of the code that reads untrusted input: query strings, page tokens,
//! store files and the extractor's article reader. Each target starts from a committed seed
//! corpus under `tests/fuzz/corpus/` and mutates it; none may panic.
//!
//! `NEWSFACTS_FUZZ_SECS` sets the time per target (default 2 s; CI runs 60 s).

use std::time::{Duration, Instant};

use newsfacts::routes::params::QueryReader;
use newsfacts::store::model::{ClaimConsistency, EntityType, QuantityKind, QuantityModifier};
use newsfacts::store::page_token;
use newsfacts::store::FactStore;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

/// Runs `test` on values from `strategy` until the time budget is spent.
fn fuzz_for<S: Strategy>(
    name: &str,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let secs: u64 = std::env::var("NEWSFACTS_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut rounds = 0u64;
    while Instant::now() < deadline {
        let mut runner = TestRunner::new(Config {
            cases: 256,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name}: {e}");
        }
        rounds += 1;
    }
    eprintln!("{name}: {} cases in {secs} s", rounds * 256);
}

/// The files of one corpus folder (relative to `tests/fuzz/corpus/`, or to the crate with a leading `/`).
pub fn corpus(dir: &str) -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = match dir.strip_prefix('/') {
        Some(from_crate) => root.join(from_crate),
        None => root.join("tests/fuzz/corpus").join(dir),
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// A seed from `seeds` with up to 8 random byte edits (replace, insert, delete).
pub fn mutated(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let n = seeds.len();
    (
        0..n,
        prop::collection::vec((any::<u8>(), any::<prop::sample::Index>(), 0..3u8), 0..8),
    )
        .prop_map(move |(i, edits)| {
            let mut bytes = seeds[i].clone();
            for (byte, at, op) in edits {
                let pos = if bytes.is_empty() {
                    0
                } else {
                    at.index(bytes.len())
                };
                match op {
                    0 if !bytes.is_empty() => bytes[pos] = byte,
                    1 => bytes.insert(pos, byte),
                    _ if !bytes.is_empty() => {
                        bytes.remove(pos);
                    }
                    _ => bytes.push(byte),
                }
            }
            bytes
        })
}

fn read_everything(query: &str) {
    let mut q = QueryReader::new(query);
    let _ = q.strings("article");
    let _ = q.strings("entity");
    let _: Vec<QuantityKind> = q.enums("kind");
    let _: Vec<QuantityModifier> = q.enums("modifier");
    let _: Vec<ClaimConsistency> = q.enums("consistency");
    let _: Vec<EntityType> = q.enums("type");
    let _ = q.number("amount_gte");
    let _ = q.number("amount_lte");
    let _ = q.date("article_date_gte");
    let _ = q.text("q", 200);
    let _ = q.paging();
    let _ = q.finish();
}

#[test]
fn fuzz_query_parsing() {
    let seeds = corpus("query");
    let strategy = prop_oneof![
        mutated(seeds).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        "[a-z_%=&,+0-9A-F.\\-]{0,200}",
        any::<String>(),
    ];
    fuzz_for("query parsing", strategy, |query| {
        read_everything(&query);
        Ok(())
    });
}

#[test]
fn fuzz_page_token_decoding() {
    let seeds = corpus("token");
    let strategy = prop_oneof![
        mutated(seeds).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        "[A-Za-z0-9_-]{0,40}",
        any::<String>(),
    ];
    let (s, q) = (
        page_token::fingerprint("snapshot"),
        page_token::fingerprint("query"),
    );
    fuzz_for("page token decoding", strategy, |token| {
        let _ = page_token::decode(&token, s, q);
        Ok(())
    });
    fuzz_for("page token round trip", any::<u32>(), |offset| {
        prop_assert_eq!(
            page_token::decode(&page_token::encode(s, q, offset), s, q),
            Ok(offset)
        );
        Ok(())
    });
}

/// Sets a random JSON value at a random place in `doc`.
fn mutate_value(node: &mut Value, path: &[prop::sample::Index], replacement: Value) {
    let Some((at, rest)) = path.split_first() else {
        *node = replacement;
        return;
    };
    match node {
        Value::Array(items) if !items.is_empty() => {
            let i = at.index(items.len());
            mutate_value(&mut items[i], rest, replacement)
        }
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(at.index(map.len())).unwrap().clone();
            mutate_value(map.get_mut(&key).unwrap(), rest, replacement)
        }
        _ => *node = replacement,
    }
}

#[test]
fn fuzz_store_loading() {
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/data/facts.json")).unwrap();
    let parsed: Value = serde_json::from_slice(&seed).unwrap();
    let small_values = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
        Just(Value::Array(vec![])),
        Just(Value::Object(Default::default())),
    ];
    let structural = (
        prop::collection::vec(any::<prop::sample::Index>(), 1..8),
        small_values,
    )
        .prop_map(move |(path, value)| {
            let mut doc = parsed.clone();
            mutate_value(&mut doc, &path, value);
            serde_json::to_vec(&doc).unwrap()
        });
    let strategy = prop_oneof![mutated(vec![seed]), structural];
    fuzz_for("store loading", strategy, |bytes| {
        let _ = FactStore::from_bytes(&bytes, "fuzz");
        Ok(())
    });
}

/// Every article seed: the committed corpus, the default data and the extraction fixtures.
fn article_seeds() -> Vec<Vec<u8>> {
    let mut seeds = corpus("articles");
    for dir in [
        "/data/articles",
        "/tests/fixtures/articles",
        "/tests/fixtures/multi",
    ] {
        seeds.extend(corpus(dir));
    }
    seeds
}

/// The seeds themselves, unmutated, extract into valid stores (inputs that once crashed are kept here).
#[test]
fn article_seeds_extract_to_valid_stores() {
    let gazetteer = newsfacts::extract::entities::Gazetteer::default_embedded();
    let dir = std::env::temp_dir().join(format!("newsfacts-seeds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (i, bytes) in article_seeds().into_iter().enumerate() {
        let path = dir.join(format!("seed-{i}.txt"));
        std::fs::write(&path, &bytes).unwrap();
        if let Ok((articles, _)) = newsfacts::extract::read_input(&path) {
            let facts = newsfacts::extract::extract_articles(&articles, &gazetteer);
            let problems = newsfacts::store::load::validate(&facts);
            assert!(problems.is_empty(), "seed {i}: {problems:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fuzz_article_reader() {
    let seeds = article_seeds();
    let gazetteer = newsfacts::extract::entities::Gazetteer::default_embedded();
    let dir = std::env::temp_dir().join(format!("newsfacts-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let strategy = (mutated(seeds), any::<bool>());
    fuzz_for("article reader", strategy, |(bytes, as_json)| {
        // The file reader (binary, empty, UTF-8 and JSON checks), then the whole extraction.
        let path = dir.join(if as_json { "input.json" } else { "input.txt" });
        std::fs::write(&path, &bytes).unwrap();
        if let Ok((articles, _)) = newsfacts::extract::read_input(&path) {
            let facts = newsfacts::extract::extract_articles(&articles, &gazetteer);
            let problems = newsfacts::store::load::validate(&facts);
            prop_assert!(
                problems.is_empty(),
                "extracted an invalid store: {problems:?}"
            );
        }
        Ok(())
    });
}
