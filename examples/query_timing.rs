//! In-process timing of claim list queries (a bench tool, not part of the API): loads a store, runs each
//! query of a fixed set many times (at least ITERATIONS and half a second of CPU) and prints the CPU
//! time per query of this thread, so that figures
//! hold on a busy machine. Also prints a digest of every answer (ids, total, next offset) so that two
//! builds can be checked to answer alike.
//!
//! ```sh
//! RUST_LOG=newsfacts=debug cargo run --release --example query_timing -- /tmp/big.json [ITERATIONS] [ENTITY]
//! ```
//!
//! `ENTITY` defaults to `federal-investigation-agency`, the most cited entity of the synthetic stores
//! (`examples/synth_store.rs`).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use newsfacts::store::model::{ClaimConsistency, QuantityKind, QuantityModifier};
use newsfacts::store::query::{ClaimQuery, ClaimSort, EntityRole};
use newsfacts::store::FactStore;

/// CPU time this thread has run, in nanoseconds (Linux `/proc/thread-self/schedstat`).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: query_timing STORE [ITERATIONS] [ENTITY]");
        std::process::exit(2);
    };
    let iterations: usize = args.get(2).map_or(200, |s| s.parse().expect("ITERATIONS"));
    let entity = args
        .get(3)
        .cloned()
        .unwrap_or_else(|| "federal-investigation-agency".into());

    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let started = Instant::now();
    let store = FactStore::load(Path::new(path)).expect("store loads");
    eprintln!(
        "loaded {} claims in {:.1} s",
        store.claims().len(),
        started.elapsed().as_secs_f64()
    );

    let e = || vec![entity.clone()];
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    // The HTTP benchmark's filtered list.
    let filtered = || ClaimQuery {
        entity: e(),
        kind: vec![QuantityKind::Count],
        amount_gte: Some(1000.0),
        amount_lte: Some(1_000_000.0),
        sort: vec![ClaimSort::AmountDesc],
        ..ClaimQuery::default()
    };
    let queries: Vec<(&str, ClaimQuery, usize, usize)> = vec![
        (
            "filtered list (entity+kind+amount+amount_desc)",
            filtered(),
            0,
            20,
        ),
        ("filtered list, page 50", filtered(), 1000, 20),
        (
            "entity only (date desc)",
            ClaimQuery {
                entity: e(),
                ..ClaimQuery::default()
            },
            0,
            20,
        ),
        (
            "entity as claimant + kinds (amount asc)",
            ClaimQuery {
                entity: e(),
                role: Some(EntityRole::Claimant),
                kind: vec![QuantityKind::Money, QuantityKind::Percent],
                sort: vec![ClaimSort::AmountAsc],
                ..ClaimQuery::default()
            },
            0,
            20,
        ),
        (
            "entity + amount range, date sort",
            ClaimQuery {
                entity: e(),
                amount_gte: Some(1000.0),
                amount_lte: Some(1_000_000.0),
                ..ClaimQuery::default()
            },
            0,
            20,
        ),
        (
            "entity + amount range, date sort, offset 20,000",
            ClaimQuery {
                entity: e(),
                amount_gte: Some(1000.0),
                amount_lte: Some(1_000_000.0),
                ..ClaimQuery::default()
            },
            20_000,
            20,
        ),
        (
            "entity + kind + date range (date asc)",
            ClaimQuery {
                entity: e(),
                kind: vec![QuantityKind::Count],
                article_date_gte: date(2023, 1, 1),
                article_date_lte: date(2023, 12, 31),
                sort: vec![ClaimSort::ArticleDateAsc],
                ..ClaimQuery::default()
            },
            0,
            20,
        ),
        (
            "kind + modifier + consistency",
            ClaimQuery {
                kind: vec![QuantityKind::Money],
                modifier: vec![QuantityModifier::Exact, QuantityModifier::MoreThan],
                consistency: vec![ClaimConsistency::Consistent],
                ..ClaimQuery::default()
            },
            0,
            20,
        ),
        (
            "two entities, two sort keys",
            ClaimQuery {
                entity: vec![entity.clone(), "pta".into()],
                kind: vec![QuantityKind::Count],
                sort: vec![ClaimSort::AmountDesc, ClaimSort::ArticleDateAsc],
                ..ClaimQuery::default()
            },
            0,
            20,
        ),
        (
            "text query",
            ClaimQuery {
                q: Some("smugglers".into()),
                ..ClaimQuery::default()
            },
            0,
            20,
        ),
        (
            "text query + entity",
            ClaimQuery {
                q: Some("smugglers".into()),
                entity: e(),
                ..ClaimQuery::default()
            },
            0,
            20,
        ),
        ("deep page", ClaimQuery::default(), 20_000, 20),
    ];

    let mut all = DefaultHasher::new();
    for (name, query, offset, size) in &queries {
        let page = match store.list_claims(query, *offset, *size) {
            Ok(page) => page,
            Err(err) => {
                println!("{name}: error {err:?}");
                continue;
            }
        };
        let mut digest = DefaultHasher::new();
        for c in &page.items {
            c.id.hash(&mut digest);
        }
        (page.total, page.next_offset).hash(&mut digest);
        let digest = digest.finish();
        digest.hash(&mut all);
        // The kernel may count CPU time in scheduler ticks (4 ms), so each query runs in batches of
        // `iterations` until it has taken at least half a second of CPU.
        let cpu = thread_cpu_ns();
        let mut runs = 0;
        while runs == 0 || thread_cpu_ns() - cpu < 500_000_000 {
            for _ in 0..iterations {
                std::hint::black_box(store.list_claims(query, *offset, *size).unwrap());
            }
            runs += iterations;
        }
        let per = (thread_cpu_ns() - cpu) as f64 / runs as f64 / 1000.0;
        println!(
            "{name:<48} {per:>9.1} µs CPU  total {:>7}  digest {digest:016x}",
            page.total
        );
    }
    println!("answers digest {:016x}", all.finish());
}
