//! Reading and validating a store file. Every problem is collected, so one run names them all.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::model::{ArticleRecord, FactsFile, Span, TextField, FORMAT_VERSION};

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
    /// `s-` and 16 hex digits of SHA-256 over the file bytes.
    pub snapshot_id: String,
}

/// Reads and validates a store file.
pub fn read_file(path: &Path) -> Result<Validated, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse_and_validate(&bytes, &path.display().to_string())
}

/// Parses and validates store bytes; `origin` names them in errors.
pub fn parse_and_validate(bytes: &[u8], origin: &str) -> Result<Validated, LoadError> {
    let started = std::time::Instant::now();
    let facts: FactsFile = serde_json::from_slice(bytes).map_err(|e| LoadError::Syntax {
        origin: origin.to_string(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
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
    let digest = Sha256::digest(bytes);
    let snapshot_id = format!("s-{}", hex(&digest[..8]));
    Ok(Validated { facts, snapshot_id })
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
    let chars: Vec<char> = text.chars().collect();
    check_span_in(&chars, &article.id, span)
}

/// Checks a span against the code points of its field.
fn check_span_in(chars: &[char], article_id: &str, span: &Span) -> Result<(), String> {
    let field = span.field;
    let (start, end) = (span.start as usize, span.end as usize);
    if start > end || end > chars.len() {
        return Err(format!(
            "offsets [{start}, {end}) are outside `{}` of article {article_id} ({} code points)",
            wire(field),
            chars.len()
        ));
    }
    let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let exact = slice(start, end);
    if exact != span.exact {
        return Err(format!(
            "[{start}, {end}) of `{}` reads {exact:?}, not {:?}",
            wire(field),
            span.exact
        ));
    }
    let prefix = slice(start.saturating_sub(CONTEXT_CHARS), start);
    if prefix != span.prefix {
        return Err(format!(
            "prefix should be {prefix:?}, not {:?}",
            span.prefix
        ));
    }
    let suffix = slice(end, (end + CONTEXT_CHARS).min(chars.len()));
    if suffix != span.suffix {
        return Err(format!(
            "suffix should be {suffix:?}, not {:?}",
            span.suffix
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

/// Checks every span, decoding each article field once however many spans it has.
fn check_spans(
    checks: &mut [(usize, TextField, SpanAt, &Span)],
    articles: &[ArticleRecord],
    describe: impl Fn(SpanAt) -> String,
) -> Vec<(SpanAt, String)> {
    checks.sort_by_key(|c| (c.0, c.1, c.2));
    let mut problems = Vec::new();
    let mut current: Option<(usize, TextField, Option<Vec<char>>)> = None;
    for &mut (a, field, at, span) in checks.iter_mut() {
        if current
            .as_ref()
            .is_none_or(|(ca, cf, _)| (*ca, *cf) != (a, field))
        {
            let chars = field_text(&articles[a], field).map(|t| t.chars().collect());
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
    problems.sort();
    problems
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

    let mut articles: HashMap<&str, usize> = HashMap::new();
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

    let mut entities: HashSet<&str> = HashSet::new();
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

    let mut spans = Vec::new();
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

    let mut claims: HashSet<&str> = HashSet::new();
    for (i, c) in facts.claims.iter().enumerate() {
        let at = format!("claims[{i}] ({})", c.id);
        if !is_id(&c.id) {
            problems.push(format!("{at}: id is not of the form [a-z0-9_-]+"));
        }
        if !claims.insert(&c.id) {
            problems.push(format!("{at}: duplicate claim id"));
        }
        for id in c.subject_ids.iter().chain(&c.attribution.claimant_ids) {
            if !entities.contains(id.as_str()) {
                problems.push(format!("{at}: entity {id:?} matches no entity"));
            }
        }
        let article = articles.get(c.article_id.as_str()).copied();
        if article.is_none() {
            problems.push(format!(
                "{at}: article_id {:?} matches no article",
                c.article_id
            ));
        }
        if c.mentions.is_empty() {
            problems.push(format!("{at}: has no mentions"));
        }
        let canonical: Vec<_> = c.mentions.iter().filter(|m| m.is_canonical).collect();
        if canonical.len() != 1 {
            problems.push(format!(
                "{at}: has {} canonical mentions, needs exactly 1",
                canonical.len()
            ));
        } else if canonical[0].value != c.value {
            problems.push(format!(
                "{at}: value differs from its canonical mention's value"
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
