//! Reading and validating a store file. Every problem is collected, so one run names them all.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fmt;
use std::path::Path;

use serde_json::value::RawValue;

use super::model::{ArticleRecord, ClaimRecord, FactsFile, Span, TextField, FORMAT_VERSION};

/// Why a store could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a store: bad JSON or a wrong shape.
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        /// The file (or `<embedded>`).
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json reported.
        message: String,
    },
    /// The file parsed but its content is inconsistent.
    #[error("{origin}: {} problem(s):\n{}", .problems.len(), ProblemList(.problems))]
    Invalid {
        /// The file (or `<embedded>`).
        origin: String,
        /// Every problem found, in file order.
        problems: Vec<String>,
    },
    /// The file is a snapshot that cannot be used: damaged, truncated or from another format version.
    #[error("{origin}: {message}")]
    Snapshot {
        /// The file.
        origin: String,
        /// What is wrong with it.
        message: String,
    },
}

struct ProblemList<'a>(&'a [String]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(|p| format!("  - {p}")).collect();
        f.write_str(&lines.join("\n"))
    }
}

/// A parsed and validated store file, with the id derived from its bytes.
#[derive(Debug)]
pub struct Validated {
    /// The content.
    pub facts: FactsFile,
    /// `s-` and 16 hex digits of BLAKE3 over the file bytes.
    pub snapshot_id: String,
}

/// Reads and validates a store file, JSON or snapshot; a snapshot's records are validated in full too.
pub fn read_file(path: &Path) -> Result<Validated, LoadError> {
    read(path, true)
}

/// Reads a store file, JSON (parsed and validated) or snapshot (told by its magic bytes; checksummed,
/// and validated again only when `recheck_snapshot` is set, since it was validated when written).
pub fn read(path: &Path, recheck_snapshot: bool) -> Result<Validated, LoadError> {
    let origin = path.display().to_string();
    let io = |source| LoadError::Io {
        path: origin.clone(),
        source,
    };
    if let Some(validated) = read_streamed(path, &origin).map_err(io)? {
        return validated;
    }
    let bytes = std::fs::read(path).map_err(io)?;
    if !super::snapshot::is_snapshot(&bytes) {
        return parse_and_validate(&bytes, &origin);
    }
    let started = std::time::Instant::now();
    let validated = super::snapshot::decode(&bytes, &origin)?;
    drop(bytes);
    let decoded = started.elapsed();
    if recheck_snapshot {
        let problems = validate(&validated.facts);
        if !problems.is_empty() {
            return Err(LoadError::Invalid { origin, problems });
        }
    }
    tracing::debug!(
        origin,
        decode_ms = decoded.as_millis() as u64,
        validate_ms = (started.elapsed() - decoded).as_millis() as u64,
        "snapshot decoded"
    );
    Ok(validated)
}

/// Reads a large JSON store in blocks, parsing while reading, so the file is never held whole.
/// `None` for a small file, a snapshot, or a file not laid out plainly: those are read whole.
fn read_streamed(
    path: &Path,
    origin: &str,
) -> std::io::Result<Option<Result<Validated, LoadError>>> {
    use std::io::{Read, Seek};
    let mut file = std::fs::File::open(path)?;
    if file.metadata()?.len() < PARALLEL_PARSE_BYTES as u64 {
        return Ok(None);
    }
    let mut magic = [0u8; super::snapshot::MAGIC.len()];
    file.read_exact(&mut magic)?;
    if super::snapshot::is_snapshot(&magic) {
        return Ok(None);
    }
    file.rewind()?;
    let started = std::time::Instant::now();
    let threads = cores();
    match super::stream::parse(&mut file, threads)? {
        super::stream::Outcome::Parsed(facts, digest) => {
            Ok(Some(finish(*facts, digest.as_bytes(), origin, started)))
        }
        // Read whole, the file's problem is named where a one-pass parse finds it.
        super::stream::Outcome::Unusual => Ok(None),
    }
}

/// Parses and validates store bytes; `origin` names them in errors.
pub fn parse_and_validate(bytes: &[u8], origin: &str) -> Result<Validated, LoadError> {
    let started = std::time::Instant::now();
    // The snapshot id is hashed on another thread while the records are parsed.
    let (facts, digest) = std::thread::scope(|scope| {
        let digest = scope.spawn(|| blake3::hash(bytes));
        let facts = parse(bytes, origin);
        (facts, digest.join().expect("hashing does not panic"))
    });
    finish(facts?, digest.as_bytes(), origin, started)
}

/// Validates parsed records and names the snapshot from the file's BLAKE3 `digest`.
fn finish(
    facts: FactsFile,
    digest: &[u8],
    origin: &str,
    started: std::time::Instant,
) -> Result<Validated, LoadError> {
    let parsed = started.elapsed();
    let problems = validate(&facts);
    if !problems.is_empty() {
        return Err(LoadError::Invalid {
            origin: origin.to_string(),
            problems,
        });
    }
    tracing::debug!(
        origin,
        parse_ms = parsed.as_millis() as u64,
        validate_ms = (started.elapsed() - parsed).as_millis() as u64,
        "store parsed and validated"
    );
    let snapshot_id = format!("s-{}", hex(&digest[..8]));
    Ok(Validated { facts, snapshot_id })
}

/// How many threads loading spreads its work over: one per core.
pub(super) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Below this size a store is parsed in one pass on one thread.
const PARALLEL_PARSE_BYTES: usize = 8 << 20;

/// The top level of a store file with its records still unparsed.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacts<'a> {
    format_version: u32,
    #[serde(borrow)]
    articles: Vec<&'a RawValue>,
    #[serde(borrow)]
    entities: Vec<&'a RawValue>,
    #[serde(borrow)]
    entity_mentions: Vec<&'a RawValue>,
    #[serde(borrow)]
    claims: Vec<&'a RawValue>,
}

/// Parses store bytes. A large store is first split into its records (which checks the JSON syntax),
/// then the records are parsed on every core.
fn parse(bytes: &[u8], origin: &str) -> Result<FactsFile, LoadError> {
    if bytes.len() < PARALLEL_PARSE_BYTES {
        return parse_one_pass(bytes, origin);
    }
    parse_split(bytes, origin)
}

/// A syntax error at `line`:`column` of `origin`.
fn syntax_error(origin: &str, e: &serde_json::Error, line: usize, column: usize) -> LoadError {
    LoadError::Syntax {
        origin: origin.to_string(),
        line,
        column,
        message: strip_position(&e.to_string()),
    }
}

/// Parses store bytes in one pass on one thread.
fn parse_one_pass(bytes: &[u8], origin: &str) -> Result<FactsFile, LoadError> {
    serde_json::from_slice(bytes).map_err(|e| syntax_error(origin, &e, e.line(), e.column()))
}

/// [`parse`] for large stores: split into records, then parse them in parallel.
fn parse_split(bytes: &[u8], origin: &str) -> Result<FactsFile, LoadError> {
    let raw: RawFacts = match serde_json::from_slice(bytes) {
        Ok(raw) => raw,
        // Skipping over records places some errors a column off: report the one-pass error.
        Err(_) => return parse_one_pass(bytes, origin),
    };
    // A record's error position is relative to the record: place it in the file.
    let in_file = |record: &RawValue, e: serde_json::Error| {
        let start = record.get().as_ptr() as usize - bytes.as_ptr() as usize;
        let before = &bytes[..start];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = start
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        let (l, c) = (e.line(), e.column());
        if l == 1 {
            syntax_error(origin, &e, line, column + c - 1)
        } else {
            syntax_error(origin, &e, line + l - 1, c)
        }
    };
    let threads = cores();
    Ok(FactsFile {
        format_version: raw.format_version,
        articles: parse_records(&raw.articles, threads).map_err(|(r, e)| in_file(r, e))?,
        entities: parse_records(&raw.entities, threads).map_err(|(r, e)| in_file(r, e))?,
        entity_mentions: parse_records(&raw.entity_mentions, threads)
            .map_err(|(r, e)| in_file(r, e))?,
        claims: parse_records(&raw.claims, threads).map_err(|(r, e)| in_file(r, e))?,
    })
}

/// Parses `records` on up to `threads` threads, keeping their order; the first failure wins.
fn parse_records<'a, T: serde::de::DeserializeOwned + Send>(
    records: &[&'a RawValue],
    threads: usize,
) -> Result<Vec<T>, (&'a RawValue, serde_json::Error)> {
    // Pushed into a vector of the chunk's length: collecting a `Result` cannot size it up front.
    let one = |chunk: &[&'a RawValue]| -> Result<Vec<T>, (&'a RawValue, serde_json::Error)> {
        let mut out = Vec::with_capacity(chunk.len());
        for r in chunk {
            out.push(serde_json::from_str(r.get()).map_err(|e| (*r, e))?);
        }
        Ok(out)
    };
    let chunk = records.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = records
            .chunks(chunk)
            .map(|c| scope.spawn(move || one(c)))
            .collect();
        let mut out = Vec::with_capacity(records.len());
        for part in parts {
            out.extend(part.join().expect("parsing does not panic")?);
        }
        Ok(out)
    })
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The text of `field` in `article`, if the article has that field.
pub fn field_text(article: &ArticleRecord, field: TextField) -> Option<&str> {
    match field {
        TextField::Title => Some(&article.title),
        TextField::Summary => Some(&article.summary),
        TextField::Caption => article.caption.as_deref(),
        TextField::Body => Some(&article.body),
    }
}

/// How many code points of context `prefix` and `suffix` carry.
pub const CONTEXT_CHARS: usize = 32;

/// Checks a span against its article; returns a description of the first mismatch.
pub fn check_span(article: &ArticleRecord, span: &Span) -> Result<(), String> {
    let Some(text) = field_text(article, span.field) else {
        return Err(format!(
            "field `{}` is null in article {}",
            wire(span.field),
            article.id
        ));
    };
    check_span_in(&FieldChars::new(text), &article.id, span)
}

/// A field's text, read by code-point offsets.
struct FieldChars<'a> {
    text: &'a str,
    /// The byte offset of each code point and of the end; `None` when the text is ASCII, where the
    /// offsets are the code points' own.
    bounds: Option<Vec<usize>>,
}

impl<'a> FieldChars<'a> {
    fn new(text: &'a str) -> Self {
        let bounds = (!text.is_ascii()).then(|| {
            (text.char_indices().map(|(i, _)| i))
                .chain(std::iter::once(text.len()))
                .collect()
        });
        Self { text, bounds }
    }

    /// The number of code points.
    fn len(&self) -> usize {
        self.bounds
            .as_ref()
            .map_or(self.text.len(), |b| b.len() - 1)
    }

    /// Code points `a..b`, which must be in range.
    fn slice(&self, a: usize, b: usize) -> &'a str {
        match &self.bounds {
            None => &self.text[a..b],
            Some(bounds) => &self.text[bounds[a]..bounds[b]],
        }
    }
}

/// Checks a span against the code points of its field.
fn check_span_in(chars: &FieldChars, article_id: &str, span: &Span) -> Result<(), String> {
    let field = span.field;
    let (start, end) = (span.start as usize, span.end as usize);
    if start > end || end > chars.len() {
        return Err(format!(
            "offsets [{start}, {end}) are outside `{}` of article {article_id} ({} code points)",
            wire(field),
            chars.len()
        ));
    }
    if chars.slice(start, end) != span.exact() {
        return Err(format!(
            "[{start}, {end}) of `{}` reads {:?}, not {:?}",
            wire(field),
            chars.slice(start, end),
            span.exact()
        ));
    }
    let before = start.saturating_sub(CONTEXT_CHARS);
    if chars.slice(before, start) != span.prefix() {
        return Err(format!(
            "prefix should be {:?}, not {:?}",
            chars.slice(before, start),
            span.prefix()
        ));
    }
    let after = (end + CONTEXT_CHARS).min(chars.len());
    if chars.slice(end, after) != span.suffix() {
        return Err(format!(
            "suffix should be {:?}, not {:?}",
            chars.slice(end, after),
            span.suffix()
        ));
    }
    Ok(())
}

/// Where a span sits in the file, for problem messages; also its order in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum SpanAt {
    EntityMention(usize),
    Claim {
        claim: usize,
        mention: usize,
        evidence: bool,
    },
}

/// Checks every span, decoding each article field once however many spans it has; the articles are
/// shared out between the cores.
fn check_spans(
    checks: &mut [SpanCheck<'_>],
    articles: &[ArticleRecord],
    describe: impl Fn(SpanAt) -> String + Sync,
) -> Vec<(SpanAt, String)> {
    // Unstable is enough: no two checks have the same place.
    checks.sort_unstable_by_key(|c| (c.0, c.1, c.2));
    let threads = cores();
    // Cut into runs of whole articles, about one per thread.
    let mut parts = Vec::new();
    let mut rest: &[SpanCheck<'_>] = checks;
    let target = checks.len().div_ceil(threads).max(1);
    while !rest.is_empty() {
        let mut cut = target.min(rest.len());
        while cut < rest.len() && rest[cut].0 == rest[cut - 1].0 {
            cut += 1;
        }
        let (part, tail) = rest.split_at(cut);
        parts.push(part);
        rest = tail;
    }
    let mut problems: Vec<(SpanAt, String)> = std::thread::scope(|scope| {
        let running: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(|| check_span_run(part, articles, &describe)))
            .collect();
        running
            .into_iter()
            .flat_map(|r| r.join().expect("span checks do not panic"))
            .collect()
    });
    problems.sort();
    problems
}

/// Checks a run of spans sorted by article and field.
fn check_span_run(
    checks: &[SpanCheck<'_>],
    articles: &[ArticleRecord],
    describe: &impl Fn(SpanAt) -> String,
) -> Vec<(SpanAt, String)> {
    let mut problems = Vec::new();
    let mut current: Option<(usize, TextField, Option<FieldChars>)> = None;
    for &(a, field, at, span) in checks {
        if current
            .as_ref()
            .is_none_or(|(ca, cf, _)| (*ca, *cf) != (a, field))
        {
            let chars = field_text(&articles[a], field).map(FieldChars::new);
            current = Some((a, field, chars));
        }
        let (_, _, chars) = current.as_ref().expect("set above");
        let result = match chars {
            None => Err(format!(
                "field `{}` is null in article {}",
                wire(field),
                articles[a].id
            )),
            Some(chars) => check_span_in(chars, &articles[a].id, span),
        };
        if let Err(e) = result {
            problems.push((at, format!("{}: {e}", describe(at))));
        }
    }
    problems
}

/// A claim's problem: its position, its rank among the claim's checks, and the message.
type ClaimProblem = (usize, u8, String);

/// A span to check: the article's position, the field, where the span sits, and the span.
type SpanCheck<'a> = (usize, TextField, SpanAt, &'a Span);

/// Checks a run of claims starting at position `first` (all but repeated ids); returns their problems
/// and the spans to check against their articles.
fn check_claims<'a>(
    claims: &'a [ClaimRecord],
    first: usize,
    articles: &HashMap<&str, usize>,
    entities: &HashSet<&str>,
) -> (Vec<ClaimProblem>, Vec<SpanCheck<'a>>) {
    let mut problems = Vec::new();
    let mut spans = Vec::with_capacity(claims.iter().map(|c| 2 * c.mentions.len()).sum());
    for (i, c) in (first..).zip(claims) {
        // Built only for a problem: most claims have none.
        let at = || format!("claims[{i}] ({})", c.id);
        if !is_id(&c.id) {
            problems.push((i, 0, format!("{}: id is not of the form [a-z0-9_-]+", at())));
        }
        let mut problem = |message: String| problems.push((i, 2, message));
        for id in c.subject_ids.iter().chain(&c.attribution.claimant_ids) {
            if !entities.contains(id.as_str()) {
                problem(format!("{}: entity {id:?} matches no entity", at()));
            }
        }
        let article = articles.get(c.article_id.as_str()).copied();
        if article.is_none() {
            problem(format!(
                "{}: article_id {:?} matches no article",
                at(),
                c.article_id
            ));
        }
        if c.mentions.is_empty() {
            problem(format!("{}: has no mentions", at()));
        }
        let canonical = c.mentions.iter().filter(|m| m.is_canonical).count();
        if canonical != 1 {
            problem(format!(
                "{}: has {} canonical mentions, needs exactly 1",
                at(),
                canonical
            ));
        } else if c
            .mentions
            .iter()
            .any(|m| m.is_canonical && m.value != c.value)
        {
            problem(format!(
                "{}: value differs from its canonical mention's value",
                at()
            ));
        }
        if let Some(a) = article {
            for (j, m) in c.mentions.iter().enumerate() {
                spans.push((
                    a,
                    m.quantity_span.field,
                    SpanAt::Claim {
                        claim: i,
                        mention: j,
                        evidence: false,
                    },
                    &m.quantity_span,
                ));
                spans.push((
                    a,
                    m.evidence_span.field,
                    SpanAt::Claim {
                        claim: i,
                        mention: j,
                        evidence: true,
                    },
                    &m.evidence_span,
                ));
            }
        }
    }
    (problems, spans)
}

fn wire(field: TextField) -> &'static str {
    use super::model::WireEnum;
    field.as_str()
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Every consistency problem in `facts`, in file order; empty when the store is valid.
pub fn validate(facts: &FactsFile) -> Vec<String> {
    let mut problems = Vec::new();
    if facts.format_version != FORMAT_VERSION {
        problems.push(format!(
            "format_version is {}, this build reads {FORMAT_VERSION}",
            facts.format_version
        ));
    }

    let mut articles: HashMap<&str, usize> = HashMap::with_capacity(facts.articles.len());
    for (i, a) in facts.articles.iter().enumerate() {
        if !is_id(&a.id) {
            problems.push(format!(
                "articles[{i}]: id {:?} is not of the form [a-z0-9_-]+",
                a.id
            ));
        }
        if articles.insert(&a.id, i).is_some() {
            problems.push(format!("articles[{i}]: duplicate article id {:?}", a.id));
        }
        if a.title.trim().is_empty() {
            problems.push(format!("articles[{i}] ({}): title is empty", a.id));
        }
    }

    let mut entities: HashSet<&str> = HashSet::with_capacity(facts.entities.len());
    for (i, e) in facts.entities.iter().enumerate() {
        if !is_id(&e.id) {
            problems.push(format!(
                "entities[{i}]: id {:?} is not of the form [a-z0-9_-]+",
                e.id
            ));
        }
        if !entities.insert(&e.id) {
            problems.push(format!("entities[{i}]: duplicate entity id {:?}", e.id));
        }
    }

    let mut spans = Vec::with_capacity(facts.entity_mentions.len());
    for (i, m) in facts.entity_mentions.iter().enumerate() {
        if !entities.contains(m.entity_id.as_str()) {
            problems.push(format!(
                "entity_mentions[{i}]: entity_id {:?} matches no entity",
                m.entity_id
            ));
        }
        match articles.get(m.article_id.as_str()) {
            None => problems.push(format!(
                "entity_mentions[{i}]: article_id {:?} matches no article",
                m.article_id
            )),
            Some(&a) => spans.push((a, m.span.field, SpanAt::EntityMention(i), &m.span)),
        }
    }

    // Claims are checked in runs on every core, and their ids for repeats on one more thread; each
    // problem carries its claim's position and rank, so that they are put back in file order.
    let threads = cores();
    let run = facts.claims.len().div_ceil(threads).max(1);
    let mut claim_problems = std::thread::scope(|scope| {
        let repeats = scope.spawn(|| {
            let mut seen: HashSet<&str> = HashSet::with_capacity(facts.claims.len());
            (facts.claims.iter().enumerate())
                .filter(|(_, c)| !seen.insert(&c.id))
                .map(|(i, c)| (i, 1, format!("claims[{i}] ({}): duplicate claim id", c.id)))
                .collect::<Vec<_>>()
        });
        let runs: Vec<_> = (facts.claims.chunks(run).enumerate())
            .map(|(r, claims)| {
                let (articles, entities) = (&articles, &entities);
                scope.spawn(move || check_claims(claims, r * run, articles, entities))
            })
            .collect();
        let checked: Vec<_> = (runs.into_iter())
            .map(|run| run.join().expect("claim checks do not panic"))
            .collect();
        // Made room for once: millions of spans at a million claims.
        spans.reserve_exact(checked.iter().map(|(_, run_spans)| run_spans.len()).sum());
        let mut claim_problems = repeats.join().expect("claim checks do not panic");
        for (problems, run_spans) in checked {
            claim_problems.extend(problems);
            spans.extend(run_spans);
        }
        claim_problems
    });
    claim_problems.sort_by_key(|&(i, rank, _)| (i, rank));
    problems.extend(claim_problems.into_iter().map(|(_, _, p)| p));
    let describe = |at: SpanAt| match at {
        SpanAt::EntityMention(i) => format!("entity_mentions[{i}].span"),
        SpanAt::Claim {
            claim,
            mention,
            evidence,
        } => format!(
            "claims[{claim}] ({}).mentions[{mention}].{}",
            facts.claims[claim].id,
            if evidence {
                "evidence_span"
            } else {
                "quantity_span"
            }
        ),
    };
    problems.extend(
        check_spans(&mut spans, &facts.articles, describe)
            .into_iter()
            .map(|(_, p)| p),
    );
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three damaged copies of the store `good`: a wrong type inside an entity mention, an unknown field
    /// in the last claim, and a syntax error inside it.
    fn damaged(good: &str) -> Vec<String> {
        let first_start = good.find("\"start\": ").unwrap();
        let last_claim = good.rfind("\"predicate\": ").unwrap();
        vec![
            format!(
                "{}\"start\": \"7\"{}",
                &good[..first_start],
                &good[first_start + 9..]
            ),
            format!(
                "{}\"colour\": 1, {}",
                &good[..last_claim],
                &good[last_claim..]
            ),
            format!(
                "{}\"predicate\" {}",
                &good[..last_claim],
                &good[last_claim + 13..]
            ),
        ]
    }

    /// A large file is read in blocks with the same result as reading it whole: the same records and
    /// snapshot id when it is valid, the same error when it is not.
    #[test]
    fn large_files_read_in_blocks_load_like_whole_ones() {
        let good = std::str::from_utf8(crate::store::EMBEDDED_FACTS).unwrap();
        // Trailing whitespace makes the file large enough to be read in blocks.
        let pad = " ".repeat(PARALLEL_PARSE_BYTES);
        let mut texts = vec![good.to_string()];
        // A wrong type in a record, an unknown field, a syntax error, a dangling id, and a file cut short.
        texts.extend(damaged(good));
        texts.push(good.replacen("\"article_id\": \"art_", "\"article_id\": \"xart_", 1));
        texts.push(good[..good.len() / 2].to_string());
        let texts: Vec<String> = texts.into_iter().map(|t| t + &pad).collect();
        let path =
            std::env::temp_dir().join(format!("newsfacts-blocks-{}.json", std::process::id()));
        for (i, text) in texts.iter().enumerate() {
            std::fs::write(&path, text).unwrap();
            let origin = path.display().to_string();
            let want = parse_and_validate(text.as_bytes(), &origin);
            // Only well-formed records are taken from the blocks; the rest is read whole.
            let streamed = read_streamed(&path, &origin).unwrap().is_some();
            assert_eq!(streamed, matches!(i, 0 | 4), "case {i}");
            match (read_file(&path), want) {
                (Ok(got), Ok(want)) => {
                    assert!(i == 0, "case {i} loaded");
                    assert_eq!(got.snapshot_id, want.snapshot_id);
                    assert!(got.facts == want.facts);
                }
                (Err(got), Err(want)) => {
                    assert!(i > 0);
                    assert_eq!(got.to_string(), want.to_string(), "case {i}");
                }
                (got, want) => panic!("case {i}: read {got:?}, whole {want:?}"),
            }
        }
        std::fs::remove_file(&path).unwrap();
    }

    /// Claims are checked in parallel runs, yet their problems come in file order, and in each claim's
    /// own order: the id's form, a repeat, then the rest.
    #[test]
    fn claim_problems_are_listed_in_file_order() {
        let mut facts: FactsFile = serde_json::from_slice(crate::store::EMBEDDED_FACTS).unwrap();
        let n = facts.claims.len();
        let mut bad = facts.claims[0].clone();
        bad.id = "Bad Id".into();
        bad.subject_ids = vec!["nobody".to_string()];
        let mut repeat = bad.clone();
        repeat.subject_ids.clear();
        repeat.article_id = "art_x".into();
        facts.claims[0].subject_ids = vec!["nobody".to_string()];
        facts.claims.extend([bad, repeat]);
        let first = &facts.claims[0].id;
        assert_eq!(
            validate(&facts),
            [
                format!("claims[0] ({first}): entity \"nobody\" matches no entity"),
                format!("claims[{n}] (Bad Id): id is not of the form [a-z0-9_-]+"),
                format!("claims[{n}] (Bad Id): entity \"nobody\" matches no entity"),
                format!(
                    "claims[{}] (Bad Id): id is not of the form [a-z0-9_-]+",
                    n + 1
                ),
                format!("claims[{}] (Bad Id): duplicate claim id", n + 1),
                format!(
                    "claims[{}] (Bad Id): article_id \"art_x\" matches no article",
                    n + 1
                ),
            ]
        );
    }

    /// The split, parallel parse reports every error exactly where the one-pass parse does.
    #[test]
    fn split_parsing_places_errors_like_one_pass() {
        let good = std::str::from_utf8(crate::store::EMBEDDED_FACTS).unwrap();
        let one_pass =
            |text: &str| serde_json::from_str::<FactsFile>(text).map_err(|e| e.to_string());
        assert!(parse_split(good.as_bytes(), "t").unwrap() == one_pass(good).unwrap());
        let mut broken = damaged(good);
        broken.push(
            // Not a store at all.
            "[1, 2]".to_string(),
        );
        for text in broken {
            let want = serde_json::from_str::<FactsFile>(&text).unwrap_err();
            match parse_split(text.as_bytes(), "t") {
                Err(LoadError::Syntax {
                    line,
                    column,
                    message,
                    ..
                }) => {
                    assert_eq!((line, column), (want.line(), want.column()), "{message}");
                    assert_eq!(message, strip_position(&want.to_string()));
                }
                other => panic!("expected a syntax error, got {other:?}"),
            }
        }
    }
}
