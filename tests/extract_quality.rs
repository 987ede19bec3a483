//! Extraction quality against hand annotations: precision and recall per claim kind and for entities.
//!
//! Gold formats:
//! - `tests/fixtures/gold/seed-facts.json`: a full store (`extraction.method = "manual"`) for the seed
//!   articles in `data/articles/`; articles are matched by id.
//! - `tests/fixtures/gold/<name>.json` for `tests/fixtures/articles/<name>.txt` (a lighter format):
//!   `{"article": file name, "title", "article_date", "article_date_kind", "dateline", "source",
//!   "claims": [{"kind", "amount", "modifier", "unit", "text", "lower_bound", "upper_bound", "vague_term"?}],
//!   "entities": [{"name", "type", "aliases": [..]}]}` with one claim item per quantity as written (title,
//!   summary, caption and body) and every entity the article names.
//!
//! Scoring. A predicted quantity mention matches a gold one in the same article when the kind is the same,
//! the amounts are equal (or both are vague with the same term) and one quantity text contains the other;
//! matching is one-to-one. "value exact" also requires modifier, unit and bounds. Entities are scored as the
//! set of (article, name, type) pairs. For the seed, grouping (mentions per claim), time, claimed date,
//! claimants and subjects are compared claim by claim. The floors asserted at the end are the figures this
//! extractor reaches, rounded down, so a regression fails the test.

use newsfacts::extract::entities::Gazetteer;
use newsfacts::extract::{
    extract_articles, parse_articles, read_input, text::normalize_input, to_json, ParsedArticle,
};
use newsfacts::store::load::validate;
use newsfacts::store::model::{EntityType, FactsFile, Quantity};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn main_dir() -> PathBuf {
    PathBuf::from(ROOT)
}

#[derive(Debug, Clone)]
struct QItem {
    article: String,
    kind: String,
    amount: Option<f64>,
    modifier: String,
    unit: Option<String>,
    lower: Option<f64>,
    upper: Option<f64>,
    vague: Option<String>,
    text: String,
}

/// The wire name of a model enum.
fn wire<T: serde::Serialize>(t: T) -> String {
    serde_json::to_value(t)
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn norm_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{a0}' => ' ',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn item_of(article: &str, q: &Quantity) -> QItem {
    QItem {
        article: article.to_string(),
        kind: wire(q.kind),
        amount: q.amount,
        modifier: wire(q.modifier),
        unit: q.unit.as_deref().map(String::from),
        lower: q.lower_bound,
        upper: q.upper_bound,
        vague: q.vague_term.as_deref().map(str::to_lowercase),
        text: norm_text(&q.text),
    }
}

fn item_of_json(article: &str, v: &Value) -> QItem {
    let f = |k: &str| v.get(k).and_then(Value::as_f64);
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    QItem {
        article: article.to_string(),
        kind: s("kind").unwrap(),
        amount: f("amount"),
        modifier: s("modifier").unwrap(),
        unit: s("unit"),
        lower: f("lower_bound"),
        upper: f("upper_bound"),
        vague: s("vague_term").map(|x| x.to_lowercase()),
        text: norm_text(&s("text").unwrap()),
    }
}

fn matches(p: &QItem, g: &QItem) -> bool {
    p.article == g.article
        && p.kind == g.kind
        && (p.text.contains(&g.text) || g.text.contains(&p.text))
        && match (p.amount, g.amount) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-6 * b.abs().max(1.0),
            (None, None) => p.vague == g.vague,
            _ => false,
        }
}

fn exact_value(p: &QItem, g: &QItem) -> bool {
    p.modifier == g.modifier && p.unit == g.unit && p.lower == g.lower && p.upper == g.upper
}

#[derive(Default, Debug, Clone, Copy)]
struct Prf {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Prf {
    fn p(&self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    fn r(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

struct Scores {
    claims: BTreeMap<String, Prf>,
    value_exact: usize,
    entities: BTreeMap<String, Prf>,
    misses: Vec<String>,
}

fn score_claims(pred: &[QItem], gold: &[QItem], s: &mut Scores) {
    let mut used = vec![false; gold.len()];
    for g in gold {
        s.claims.entry(g.kind.clone()).or_default().gold += 1;
        s.claims.entry("all".into()).or_default().gold += 1;
    }
    for p in pred {
        s.claims.entry(p.kind.clone()).or_default().pred += 1;
        s.claims.entry("all".into()).or_default().pred += 1;
        if let Some(k) = (0..gold.len()).find(|&k| !used[k] && matches(p, &gold[k])) {
            used[k] = true;
            s.claims.get_mut(&p.kind).unwrap().tp += 1;
            s.claims.get_mut("all").unwrap().tp += 1;
            if exact_value(p, &gold[k]) {
                s.value_exact += 1;
            } else {
                s.misses.push(format!(
                    "value differs: {} {:?} vs gold {:?}",
                    p.article, p, gold[k]
                ));
            }
        } else {
            s.misses.push(format!(
                "spurious: {} {} {:?} {:?}",
                p.article, p.kind, p.text, p.amount
            ));
        }
    }
    for (k, g) in gold.iter().enumerate() {
        if !used[k] {
            s.misses.push(format!(
                "missed: {} {} {:?} {:?}",
                g.article, g.kind, g.text, g.amount
            ));
        }
    }
}

fn score_entities(
    pred: &BTreeSet<(String, String, String)>,
    gold: &BTreeSet<(String, String, String)>,
    s: &mut Scores,
) {
    for g in gold {
        s.entities.entry(g.2.clone()).or_default().gold += 1;
        s.entities.entry("all".into()).or_default().gold += 1;
    }
    for p in pred {
        s.entities.entry(p.2.clone()).or_default().pred += 1;
        s.entities.entry("all".into()).or_default().pred += 1;
        if gold.contains(p) {
            s.entities.get_mut(&p.2).unwrap().tp += 1;
            s.entities.get_mut("all").unwrap().tp += 1;
        } else {
            s.misses.push(format!("spurious entity: {p:?}"));
        }
    }
    for g in gold.difference(pred) {
        s.misses.push(format!("missed entity: {g:?}"));
    }
}

fn entity_set(
    f: &FactsFile,
    key: &dyn Fn(&str) -> Option<String>,
) -> BTreeSet<(String, String, String)> {
    let by_id: BTreeMap<&str, (&str, EntityType)> = f
        .entities
        .iter()
        .map(|e| (e.id.as_str(), (e.name.as_str(), e.entity_type)))
        .collect();
    f.entity_mentions
        .iter()
        .filter_map(|m| {
            let (name, t) = by_id[m.entity_id.as_str()];
            Some((key(&m.article_id)?, name.to_lowercase(), wire(t)))
        })
        .collect()
}

fn claim_items(f: &FactsFile, key: &dyn Fn(&str) -> Option<String>) -> Vec<QItem> {
    let mut out = Vec::new();
    for c in &f.claims {
        let Some(k) = key(&c.article_id) else {
            continue;
        };
        for m in &c.mentions {
            out.push(item_of(&k, &m.value));
        }
    }
    out
}

fn load_fixture_articles(dir: &Path) -> Vec<(String, Vec<ParsedArticle>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                read_input(&p).unwrap().0,
            )
        })
        .collect()
}

#[test]
fn extraction_quality() {
    let root = main_dir();
    let gaz = Gazetteer::default_embedded();
    let mut s = Scores {
        claims: BTreeMap::new(),
        value_exact: 0,
        entities: BTreeMap::new(),
        misses: Vec::new(),
    };

    // 1. Seed articles with the full gold store.
    let seed_arts: Vec<ParsedArticle> = load_fixture_articles(&root.join("data/articles"))
        .into_iter()
        .flat_map(|x| x.1)
        .collect();
    let seed_pred = extract_articles(&seed_arts, &gaz);
    assert_eq!(validate(&seed_pred), Vec::<String>::new());
    let gold: FactsFile = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/fixtures/gold/seed-facts.json")).unwrap(),
    )
    .unwrap();
    let gold_ids: BTreeSet<String> = gold.articles.iter().map(|a| a.id.clone()).collect();
    let key = |id: &str| gold_ids.contains(id).then(|| id.to_string());
    // Articles: ids and fields equal.
    for ga in &gold.articles {
        let pa = seed_pred
            .articles
            .iter()
            .find(|a| a.id == ga.id)
            .unwrap_or_else(|| panic!("article {} not extracted", ga.id));
        assert_eq!(pa.title, ga.title);
        assert_eq!(pa.summary, ga.summary, "summary of {}", ga.id);
        assert_eq!(pa.caption, ga.caption, "caption of {}", ga.id);
        assert_eq!(pa.body, ga.body, "body of {}", ga.id);
        assert_eq!(
            (
                pa.dateline.as_deref(),
                pa.article_date,
                pa.article_date_kind
            ),
            (
                ga.dateline.as_deref(),
                ga.article_date,
                ga.article_date_kind
            )
        );
    }
    score_claims(
        &claim_items(&seed_pred, &key),
        &claim_items(&gold, &key),
        &mut s,
    );
    score_entities(
        &entity_set(&seed_pred, &key),
        &entity_set(&gold, &key),
        &mut s,
    );

    // Claim-level details on the seed.
    let mut detail: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for gc in &gold.claims {
        let canon = gc.mentions.iter().find(|m| m.is_canonical).unwrap();
        let pc = seed_pred.claims.iter().find(|c| {
            c.article_id == gc.article_id
                && c.mentions.iter().any(|m| {
                    m.quantity_span.field == canon.quantity_span.field
                        && m.quantity_span.start < canon.quantity_span.end
                        && canon.quantity_span.start < m.quantity_span.end
                })
        });
        let mut tally = |k: &'static str, ok: bool| {
            let e = detail.entry(k).or_default();
            e.1 += 1;
            if ok {
                e.0 += 1;
            }
        };
        let Some(pc) = pc else {
            tally("claim found", false);
            continue;
        };
        tally("claim found", true);
        let spans = |c: &newsfacts::store::model::ClaimRecord| {
            c.mentions
                .iter()
                .map(|m| (m.quantity_span.field, m.quantity_span.start))
                .collect::<BTreeSet<_>>()
        };
        let gs: BTreeSet<_> = spans(gc);
        let ps: BTreeSet<_> = spans(pc);
        let grouped = gs.len() == ps.len()
            && gc.mentions.iter().all(|g| {
                pc.mentions.iter().any(|m| {
                    m.quantity_span.field == g.quantity_span.field
                        && m.quantity_span.start < g.quantity_span.end
                        && g.quantity_span.start < m.quantity_span.end
                })
            });
        tally("grouping", grouped);
        let pcanon = pc.mentions.iter().find(|m| m.is_canonical).unwrap();
        tally(
            "canonical mention",
            pcanon.quantity_span.field == canon.quantity_span.field
                && pcanon.quantity_span.start < canon.quantity_span.end
                && canon.quantity_span.start < pcanon.quantity_span.end,
        );
        tally("consistency", pc.consistency == gc.consistency);
        tally(
            "time",
            (pc.time.point_in_time, pc.time.start_date, pc.time.end_date)
                == (gc.time.point_in_time, gc.time.start_date, gc.time.end_date),
        );
        tally(
            "claimed date",
            pc.attribution.claimed_date == gc.attribution.claimed_date,
        );
        let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
        tally(
            "claimants",
            set(&pc.attribution.claimant_ids) == set(&gc.attribution.claimant_ids),
        );
        tally("subjects", set(&pc.subject_ids) == set(&gc.subject_ids));
        tally(
            "attribution text",
            pc.attribution.text.is_some() == gc.attribution.text.is_some(),
        );
        if !grouped
            || set(&pc.subject_ids) != set(&gc.subject_ids)
            || pc.time.point_in_time != gc.time.point_in_time
            || pc.attribution.claimed_date != gc.attribution.claimed_date
        {
            s.misses.push(format!(
                "seed claim {} {:?}: grouped={grouped} subjects {:?} vs {:?}; time {:?}/{:?} vs {:?}/{:?}; claimed {:?} vs {:?}; claimants {:?} vs {:?}",
                gc.id, canon.value.text, pc.subject_ids, gc.subject_ids, pc.time.point_in_time, pc.time.start_date, gc.time.point_in_time, gc.time.start_date,
                pc.attribution.claimed_date, gc.attribution.claimed_date, pc.attribution.claimant_ids, gc.attribution.claimant_ids
            ));
        }
    }

    // 2. Fixture articles with light gold.
    let fixtures = load_fixture_articles(&root.join("tests/fixtures/articles"));
    assert!(fixtures.len() >= 4, "at least four fixture articles");
    let mut all_arts = Vec::new();
    for (file, arts) in &fixtures {
        assert_eq!(arts.len(), 1, "{file} holds one article");
        all_arts.extend(arts.iter().cloned());
    }
    let pred = extract_articles(&all_arts, &gaz);
    assert_eq!(validate(&pred), Vec::<String>::new());
    let file_of: BTreeMap<String, String> = pred
        .articles
        .iter()
        .map(|a| (a.id.clone(), a.provenance.corpus_file.clone()))
        .collect();
    let key2 = |id: &str| file_of.get(id).cloned();
    let mut gold_items = Vec::new();
    let mut gold_ents = BTreeSet::new();
    for (file, _) in &fixtures {
        let stem = file.trim_end_matches(".txt").trim_end_matches(".json");
        let g: Value = serde_json::from_str(
            &std::fs::read_to_string(root.join(format!("tests/fixtures/gold/{stem}.json")))
                .unwrap(),
        )
        .unwrap();
        let pa = pred
            .articles
            .iter()
            .find(|a| a.provenance.corpus_file == *file)
            .unwrap();
        assert_eq!(pa.title, g["title"].as_str().unwrap(), "{file}");
        assert_eq!(
            pa.article_date.to_string(),
            g["article_date"].as_str().unwrap(),
            "{file}"
        );
        assert_eq!(
            wire(pa.article_date_kind),
            g["article_date_kind"].as_str().unwrap(),
            "{file}"
        );
        assert_eq!(pa.dateline.as_deref(), g["dateline"].as_str(), "{file}");
        assert_eq!(pa.source.name.as_deref(), g["source"].as_str(), "{file}");
        for c in g["claims"].as_array().unwrap() {
            gold_items.push(item_of_json(file, c));
        }
        for e in g["entities"].as_array().unwrap() {
            gold_ents.insert((
                file.clone(),
                e["name"].as_str().unwrap().to_lowercase(),
                e["type"].as_str().unwrap().to_string(),
            ));
        }
    }
    score_claims(&claim_items(&pred, &key2), &gold_items, &mut s);
    score_entities(&entity_set(&pred, &key2), &gold_ents, &mut s);

    // Report.
    println!(
        "\n{:<22} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
        "claims (mentions)", "gold", "pred", "tp", "precision", "recall", "f1"
    );
    for (k, v) in &s.claims {
        println!(
            "{:<22} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
            k,
            v.gold,
            v.pred,
            v.tp,
            v.p(),
            v.r(),
            v.f1()
        );
    }
    let all = s.claims["all"];
    println!(
        "value exact (modifier, unit, bounds) on matched: {}/{}",
        s.value_exact, all.tp
    );
    println!(
        "\n{:<22} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
        "entities", "gold", "pred", "tp", "precision", "recall", "f1"
    );
    for (k, v) in &s.entities {
        println!(
            "{:<22} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
            k,
            v.gold,
            v.pred,
            v.tp,
            v.p(),
            v.r(),
            v.f1()
        );
    }
    println!(
        "\nseed claims (gold {}, predicted {}):",
        gold.claims.len(),
        seed_pred.claims.len()
    );
    for (k, (ok, n)) in &detail {
        println!("  {k:<18} {ok}/{n}");
    }
    println!("\ndifferences:");
    for m in &s.misses {
        println!("  {m}");
    }

    // Floors (measured figures rounded down): a regression fails.
    let floor = |name: &str, v: f64, min: f64| assert!(v >= min, "{name} {v:.3} fell below {min}");
    floor("claims precision", all.p(), FLOORS.claim_p);
    floor("claims recall", all.r(), FLOORS.claim_r);
    for kind in ["count", "money", "percent", "duration", "ratio", "other"] {
        let v = s.claims.get(kind).copied().unwrap_or_default();
        floor(&format!("{kind} recall"), v.r(), FLOORS.kind_r);
        floor(&format!("{kind} precision"), v.p(), FLOORS.kind_p);
    }
    floor(
        "value exact",
        s.value_exact as f64 / all.tp.max(1) as f64,
        FLOORS.value_exact,
    );
    let ents = s.entities["all"];
    floor("entity precision", ents.p(), FLOORS.ent_p);
    floor("entity recall", ents.r(), FLOORS.ent_r);
    let (g_ok, g_n) = detail.get("grouping").copied().unwrap_or((0, 1));
    floor("seed grouping", g_ok as f64 / g_n as f64, FLOORS.grouping);
}

struct Floors {
    claim_p: f64,
    claim_r: f64,
    kind_p: f64,
    kind_r: f64,
    value_exact: f64,
    ent_p: f64,
    ent_r: f64,
    grouping: f64,
}

const FLOORS: Floors = Floors {
    claim_p: 0.99,
    claim_r: 0.99,
    kind_p: 0.99,
    kind_r: 0.99,
    value_exact: 0.99,
    ent_p: 0.98,
    ent_r: 0.98,
    grouping: 0.99,
};

#[test]
fn output_is_byte_identical_and_valid_for_every_test_article() {
    let root = main_dir();
    let gaz = Gazetteer::default_embedded();
    let mut arts = Vec::new();
    for dir in ["data/articles", "tests/fixtures/articles"] {
        for (_, a) in load_fixture_articles(&root.join(dir)) {
            arts.extend(a);
        }
    }
    let a = to_json(&extract_articles(&arts, &gaz)).unwrap();
    let b = to_json(&extract_articles(&arts, &gaz)).unwrap();
    assert_eq!(a, b);
    let f: FactsFile = serde_json::from_str(&a).unwrap();
    assert_eq!(validate(&f), Vec::<String>::new());
    // A file holding two pasted articles yields both.
    let seed =
        std::fs::read_to_string(root.join("tests/fixtures/multi/two-pasted-articles.txt")).unwrap();
    assert_eq!(
        parse_articles(&normalize_input(&seed), "two-pasted-articles.txt")
            .unwrap()
            .len(),
        2
    );
}
