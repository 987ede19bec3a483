//! Extraction throughput (a benchmark, not a test): builds a corpus of at least 10 MB of pasted article
//! text in memory by repeating the seed and fixture articles with varied titles and figures, then times
//! parsing plus extraction on one thread and prints MB/s.
//!
//! Run: `cargo bench --bench extract` (add `-- --mb 20` for a larger corpus, `--runs N`, `--no-stages`
//! to skip the per-stage breakdown, `--digest` to print a SHA-256 of the extracted store so that a change
//! can be checked to leave the output byte-identical; `-- --mb 0.2 --runs 1 --no-stages` is small enough
//! for callgrind).

use newsfacts::extract::entities::Gazetteer;
use newsfacts::extract::{
    entities, extract_articles, parse_articles, quantity, text, text::normalize_input, time,
};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::Instant;

/// The allocator of the `newsfacts` binary, so that the figures are those of `newsfacts extract`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<f64>().ok())
    };
    let target_mb = opt("--mb").unwrap_or(10.0);
    let runs = opt("--runs").map(|r| r.max(1.0) as usize).unwrap_or(3);
    let stages = !args.iter().any(|a| a == "--no-stages");
    let digest = args.iter().any(|a| a == "--digest");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    for dir in ["data/articles", "tests/fixtures/articles"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("fixture folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            sources.push(normalize_input(&std::fs::read_to_string(&f).unwrap()));
        }
    }
    assert!(!sources.is_empty(), "no fixture articles found");
    // Vary each copy: a numbered title (so ids differ) and shifted figures.
    let mut corpus = String::new();
    let mut i = 0usize;
    while (corpus.len() as f64) < target_mb * 1e6 {
        let src = &sources[i % sources.len()];
        let (title, rest) = src.split_once('\n').unwrap_or((src, ""));
        let varied = rest
            .replace("1,3", &format!("{},3", 1 + i % 9))
            .replace(title, &format!("{title} {i}"));
        corpus.push_str(&format!("{title} {i}\n{varied}\n\n\n\n"));
        i += 1;
    }
    let mb = corpus.len() as f64 / 1e6;
    let gaz = Gazetteer::default_embedded();
    // Warm up the lazily compiled grammars.
    for src in &sources {
        let warm = parse_articles(src, "warm.txt").unwrap();
        let _ = extract_articles(&warm, &gaz);
    }

    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut articles = 0;
    let mut claims = 0;
    let mut store_digest = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        let c0 = thread_cpu_seconds();
        let arts = parse_articles(&corpus, "corpus.txt").expect("corpus parses");
        let facts = extract_articles(&arts, &gaz);
        let secs = t.elapsed().as_secs_f64();
        best = best.min(secs);
        if let (Some(a), Some(b)) = (c0, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
        articles = facts.articles.len();
        claims = facts.claims.len();
        if digest {
            let json = newsfacts::extract::to_json(&facts).expect("store serialises");
            store_digest = format!("{:x}", Sha256::digest(json.as_bytes()));
        }
    }
    if stages {
        // Stage breakdown (one pass).
        let arts = parse_articles(&corpus, "corpus.txt").unwrap();
        let mut t_fields = 0f64;
        let mut t_ent = 0f64;
        let mut t_time = 0f64;
        let mut t_qty = 0f64;
        for a in &arts {
            let t = Instant::now();
            let fields: Vec<text::FieldText> = [&a.title, &a.summary, &a.body]
                .iter()
                .map(|s| text::FieldText::new(newsfacts::store::model::TextField::Body, s))
                .collect();
            let sents: Vec<_> = fields.iter().map(|f| text::sentences(&f.view)).collect();
            t_fields += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let _ = entities::find_entities(&gaz, &fields, &sents, a.dateline.as_deref());
            t_ent += t.elapsed().as_secs_f64();
            for (f, s) in fields.iter().zip(&sents) {
                let t = Instant::now();
                let times = time::find_times(&f.view, a.article_date, s, 7);
                t_time += t.elapsed().as_secs_f64();
                let t = Instant::now();
                let m: Vec<_> = times.iter().map(|x| (x.start, x.end)).collect();
                let _ = quantity::find_quantities(
                    &f.view,
                    &m,
                    &quantity::QtyContext { rupee: Some("PKR") },
                );
                t_qty += t.elapsed().as_secs_f64();
            }
        }
        let t = Instant::now();
        let arts2 = parse_articles(&corpus, "corpus.txt").unwrap();
        let t_parse = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let _ = extract_articles(&arts2, &gaz);
        let t_extract = t.elapsed().as_secs_f64();
        println!("parse {t_parse:.2}s, extract_articles {t_extract:.2}s");
        println!("stages: fields+sentences {t_fields:.2}s, entities {t_ent:.2}s, times {t_time:.2}s, quantities {t_qty:.2}s");
    }
    println!(
        "extract: {mb:.1} MB, {articles} articles, {claims} claims; best of {runs}: {best:.2} s = {:.1} MB/s on one thread",
        mb / best
    );
    if digest {
        println!("extract: SHA-256 of the store: {store_digest}");
    }
    if best_cpu < f64::MAX {
        println!("extract: CPU time of the extracting thread: {best_cpu:.2} s = {:.1} MB/s per CPU-second", mb / best_cpu);
    }
}

/// CPU time (user + system) of the calling thread, from /proc (Linux); None elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
