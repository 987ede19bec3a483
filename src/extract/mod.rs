//! `newsfacts extract`: turns pasted news articles into a fact store ([`FactsFile`]).
//!
//! Pipeline per article: parse the page ([`parse`]), normalise and prepare each field ([`text`]), find time
//! expressions ([`time`]) and mask them, find quantities ([`quantity`]) and entities ([`entities`]), then
//! assemble and group claims ([`claims`]). Everything is deterministic: the same inputs give byte-identical
//! output.

pub mod claims;
pub mod entities;
pub mod parse;
pub mod quantity;
pub mod text;
pub mod time;

use crate::store::model::{
    Alias, AliasKind, AliasSource, ArticleRecord, AttributionRecord, ClaimMention, ClaimRecord,
    EntityMentionRecord, EntityRecord, EntityType, FactsFile, Provenance, Source, TextField,
    FORMAT_VERSION,
};
use claims::{FieldFacts, MentionDraft};
use entities::Gazetteer;
pub use parse::{parse_articles, parse_json_articles, ParseProblem, ParsedArticle};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use text::FieldText;

/// Arguments of `newsfacts extract`.
#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Article files (.txt pasted pages, .json articles) or folders of them, read recursively in name order.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Where to write the fact store (JSON); written atomically, never half-written.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Skip unreadable, empty, binary or title-less inputs (reporting them) instead of failing the run.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Curated gazetteer (JSON) to use instead of the one built into the binary.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Option<PathBuf>,
}

/// Options of the library API.
#[derive(Debug)]
pub struct ExtractOptions {
    /// The gazetteer.
    pub gazetteer: Gazetteer,
    /// Keep going past bad inputs.
    pub skip_invalid: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            gazetteer: Gazetteer::default_embedded(),
            skip_invalid: false,
        }
    }
}

/// An input that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadInput {
    /// The file.
    pub path: PathBuf,
    /// One-based line, when the problem is tied to one.
    pub line: Option<usize>,
    /// Why.
    pub reason: String,
}

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.path.display(), l, self.reason),
            None => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

/// Errors of [`extract_inputs`].
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// Some inputs were bad and `skip_invalid` was off.
    #[error("{} bad input(s):\n{}", .0.len(), .0.iter().map(|b| format!("  {b}")).collect::<Vec<_>>().join("\n"))]
    BadInputs(Vec<BadInput>),
    /// No article at all.
    #[error("no articles found in the inputs")]
    NoArticles,
}

/// The result of an extraction.
#[derive(Debug)]
pub struct Extraction {
    /// The store.
    pub facts: FactsFile,
    /// Inputs skipped (with `skip_invalid`).
    pub skipped: Vec<BadInput>,
    /// Files read.
    pub files: usize,
    /// Bytes of article text read.
    pub bytes: usize,
}

/// Lists the files of the inputs: files as given, folders recursively (hidden entries skipped) in path order.
pub fn collect_files(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<BadInput>) {
    let mut files = Vec::new();
    let mut bad = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(input, &mut found, &mut bad);
                found.sort();
                files.extend(found);
            }
            Ok(_) => files.push(input.clone()),
            Err(e) => bad.push(BadInput {
                path: input.clone(),
                line: None,
                reason: format!("unreadable: {e}"),
            }),
        }
    }
    (files, bad)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, bad: &mut Vec<BadInput>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            bad.push(BadInput {
                path: dir.to_path_buf(),
                line: None,
                reason: format!("unreadable: {e}"),
            });
            return;
        }
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, bad);
        } else if matches!(
            p.extension().and_then(|x| x.to_str()),
            Some("txt" | "json" | "text" | "md")
        ) {
            out.push(p);
        }
    }
}

/// Decodes one input file into articles.
pub fn read_input(path: &Path) -> Result<(Vec<ParsedArticle>, usize), BadInput> {
    let bad = |line, reason: String| BadInput {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| bad(None, format!("unreadable: {e}")))?;
    let n = bytes.len();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(bad(None, "empty".into()));
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b) && b != 0x1b)
        .count();
    if bytes.contains(&0) || controls * 100 > n {
        return Err(bad(None, "binary (not a text file)".into()));
    }
    let raw = String::from_utf8(bytes).map_err(|e| {
        bad(
            None,
            format!(
                "binary (not UTF-8 text: invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let text = text::normalize_input(&raw);
    let is_json = path.extension().and_then(|x| x.to_str()) == Some("json");
    let arts = if is_json {
        parse_json_articles(&text, &name)
    } else {
        parse_articles(&text, &name)
    };
    arts.map(|a| (a, n)).map_err(|p| bad(p.line, p.reason))
}

/// Reads and extracts every input.
pub fn extract_inputs(
    inputs: &[PathBuf],
    options: &ExtractOptions,
) -> Result<Extraction, ExtractError> {
    let (files, mut bad) = collect_files(inputs);
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let bar = if total > 2_000_000 || files.len() > 200 {
        let b = indicatif::ProgressBar::with_draw_target(
            Some(files.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut articles = Vec::new();
    let mut bytes = 0;
    for f in &files {
        match read_input(f) {
            Ok((a, n)) => {
                articles.extend(a);
                bytes += n;
            }
            Err(b) => bad.push(b),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    if !bad.is_empty() && !options.skip_invalid {
        return Err(ExtractError::BadInputs(bad));
    }
    if articles.is_empty() {
        return Err(ExtractError::NoArticles);
    }
    let facts = extract_articles(&articles, &options.gazetteer);
    Ok(Extraction {
        facts,
        skipped: bad,
        files: files.len(),
        bytes,
    })
}

/// Runs `newsfacts extract`.
pub fn run(args: ExtractArgs) -> anyhow::Result<std::process::ExitCode> {
    let gazetteer = match &args.gazetteer {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| anyhow::anyhow!("{}: unreadable gazetteer: {e}", p.display()))?;
            Gazetteer::from_json(&text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?
        }
        None => Gazetteer::default_embedded(),
    };
    let options = ExtractOptions {
        gazetteer,
        skip_invalid: args.skip_invalid,
    };
    let started = std::time::Instant::now();
    let ex = match extract_inputs(&args.inputs, &options) {
        Ok(ex) => ex,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("nothing written to {}", args.out.display());
            return Ok(std::process::ExitCode::from(1));
        }
    };
    for b in &ex.skipped {
        eprintln!("skipped {b}");
    }
    let problems = crate::store::load::validate(&ex.facts);
    if !problems.is_empty() {
        eprintln!("error: the extracted store breaks the loader's rules:");
        for p in &problems {
            eprintln!("  - {p}");
        }
        eprintln!("nothing written to {}", args.out.display());
        return Ok(std::process::ExitCode::from(1));
    }
    let json = to_json(&ex.facts)?;
    write_atomic(&args.out, json.as_bytes())?;
    eprintln!(
        "extracted {} articles, {} entities, {} mentions, {} claims from {} files ({} skipped) in {:.2}s -> {}",
        ex.facts.articles.len(),
        ex.facts.entities.len(),
        ex.facts.entity_mentions.len(),
        ex.facts.claims.len(),
        ex.files,
        ex.skipped.len(),
        started.elapsed().as_secs_f64(),
        args.out.display()
    );
    Ok(std::process::ExitCode::SUCCESS)
}

/// Serialises a store exactly as written to disk.
pub fn to_json(facts: &FactsFile) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(facts)? + "\n")
}

/// Writes `data` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "facts.json".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn hex12(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let d = Sha256::digest(s.as_bytes());
    let mut out = String::with_capacity(12);
    for b in d.iter().take(6) {
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out
}

/// The article id: `art_` + 12 hex digits of SHA-256 over the URL, or over title `|` date.
pub fn article_id(a: &ParsedArticle) -> String {
    match &a.source_url {
        Some(u) => format!("art_{}", hex12(u)),
        None => format!("art_{}", hex12(&format!("{}|{}", a.title, a.article_date))),
    }
}

fn country_info(cc: Option<&str>) -> (Option<&'static str>, u32) {
    match cc {
        Some("PK") => (Some("PKR"), 7),
        Some("IN") => (Some("INR"), 4),
        Some("LK") => (Some("LKR"), 1),
        Some("NP") => (Some("NPR"), 7),
        Some("BD") => (None, 7),
        Some("AF") => (None, 1),
        _ => (None, 7),
    }
}

/// The wire name of a field (as in the store).
pub fn field_name(f: TextField) -> &'static str {
    match f {
        TextField::Title => "title",
        TextField::Summary => "summary",
        TextField::Caption => "caption",
        TextField::Body => "body",
    }
}

const FIELD_ORDER: [TextField; 4] = [
    TextField::Title,
    TextField::Summary,
    TextField::Caption,
    TextField::Body,
];

/// Extracts a store from parsed articles.
pub fn extract_articles(articles: &[ParsedArticle], gaz: &Gazetteer) -> FactsFile {
    struct GlobalEntity {
        name: String,
        entity_type: EntityType,
        gaz: Option<usize>,
        aliases: Vec<(String, AliasKind)>,
    }
    let mut globals: Vec<GlobalEntity> = Vec::new();
    let mut key_of: BTreeMap<String, usize> = BTreeMap::new();
    let mut out_articles = Vec::new();
    let mut mention_rows: Vec<(
        usize,
        String,
        crate::store::model::SurfaceKind,
        crate::store::model::Span,
    )> = Vec::new();
    // (article id, mentions, canonical index, index into `article_l2g`)
    let mut claim_rows: Vec<(String, Vec<MentionDraft>, usize, usize)> = Vec::new();
    // Per article: its local entity indices mapped to global ones.
    let mut article_l2g: Vec<Vec<usize>> = Vec::new();
    let mut seen_ids = HashSet::new();
    for a in articles {
        let id = article_id(a);
        if !seen_ids.insert(id.clone()) {
            continue; // the same article twice: keep the first
        }
        let texts = [
            Some(a.title.as_str()),
            Some(a.summary.as_str()),
            a.caption.as_deref(),
            Some(a.body.as_str()),
        ];
        let fields: Vec<FieldText> = FIELD_ORDER
            .iter()
            .zip(texts)
            .map(|(f, t)| FieldText::new(*f, t.unwrap_or("")))
            .collect();
        let sentences: Vec<Vec<(usize, usize)>> =
            fields.iter().map(|f| text::sentences(&f.view)).collect();
        let (ents, country) =
            entities::find_entities(gaz, &fields, &sentences, a.dateline.as_deref());
        let (rupee, fiscal) = country_info(country.as_deref());
        let ctx = quantity::QtyContext { rupee };
        let facts: Vec<FieldFacts> = fields
            .into_iter()
            .zip(sentences)
            .map(|(f, s)| {
                let times = time::find_times(&f.view, a.article_date, &s, fiscal);
                let masked: Vec<(usize, usize)> = times.iter().map(|t| (t.start, t.end)).collect();
                let quantities = quantity::find_quantities(&f.view, &masked, &ctx);
                let quotes = text::quoted_ranges(&f.view);
                FieldFacts {
                    text: f,
                    sentences: s,
                    quotes,
                    times,
                    quantities,
                }
            })
            .collect();
        // Entities: map article-local to global.
        let mut local_to_global = Vec::new();
        for (li, e) in ents.entities.iter().enumerate() {
            if !ents.mentions.iter().any(|m| m.entity == li) {
                local_to_global.push(usize::MAX);
                continue;
            }
            let key = e
                .gaz
                .map(|g| format!("gaz:{g}"))
                .unwrap_or_else(|| e.name.to_lowercase());
            let alt_key = e.name.to_lowercase();
            let gi = match key_of.get(&key).or_else(|| key_of.get(&alt_key)) {
                Some(&gi) => gi,
                None => {
                    globals.push(GlobalEntity {
                        name: e.name.clone(),
                        entity_type: e.entity_type,
                        gaz: e.gaz,
                        aliases: Vec::new(),
                    });
                    let gi = globals.len() - 1;
                    key_of.insert(key, gi);
                    key_of.insert(alt_key, gi);
                    gi
                }
            };
            let g = &mut globals[gi];
            if g.entity_type == EntityType::Other && e.entity_type != EntityType::Other {
                g.entity_type = e.entity_type;
            }
            for al in &e.text_aliases {
                if !g.aliases.contains(al) && al.0 != g.name {
                    g.aliases.push(al.clone());
                }
            }
            local_to_global.push(gi);
        }
        for m in &ents.mentions {
            let f = &facts[FIELD_ORDER.iter().position(|x| *x == m.field).unwrap()].text;
            mention_rows.push((
                local_to_global[m.entity],
                id.clone(),
                m.kind,
                f.span(m.start, m.end),
            ));
        }
        let drafts = claims::draft_mentions(&facts, &ents, a.article_date);
        for g in claims::group(drafts) {
            claim_rows.push((id.clone(), g.mentions, g.canonical, article_l2g.len()));
        }
        article_l2g.push(local_to_global);
        out_articles.push(ArticleRecord {
            id,
            slug: text::slugify(&a.title),
            title: a.title.clone(),
            summary: a.summary.clone(),
            caption: a.caption.clone(),
            body: a.body.clone(),
            language: a.language.clone(),
            dateline: a.dateline.clone(),
            article_date: a.article_date,
            article_date_kind: a.article_date_kind,
            source: Source {
                name: a.source_name.clone(),
                url: a.source_url.clone(),
            },
            provenance: Provenance {
                corpus_file: a.corpus_file.clone(),
                document_index: a.document_index,
            },
        });
    }
    // Entity ids: slugs, "-2" on collision, assigned in name order.
    let mut order: Vec<usize> = (0..globals.len()).collect();
    order.sort_by(|&x, &y| {
        text::slugify(&globals[x].name)
            .cmp(&text::slugify(&globals[y].name))
            .then(globals[x].name.cmp(&globals[y].name))
    });
    let mut ids = vec![String::new(); globals.len()];
    let mut used: HashSet<String> = HashSet::new();
    for gi in order {
        let base = text::slugify(&globals[gi].name);
        let base = if base.is_empty() {
            "entity".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut k = 2;
        while used.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        used.insert(id.clone());
        ids[gi] = id;
    }
    let mut entities_out: Vec<EntityRecord> = globals
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let entry = g.gaz.map(|i| &gaz.entries[i]);
            let mut aliases: Vec<Alias> = Vec::new();
            if let Some(e) = entry {
                for a in &e.acronyms {
                    let in_text = g.aliases.iter().any(|(t, _)| t == a);
                    aliases.push(Alias {
                        text: a.clone(),
                        kind: AliasKind::Acronym,
                        source: if in_text {
                            AliasSource::Text
                        } else {
                            AliasSource::Curated
                        },
                    });
                }
            }
            for (t, k) in &g.aliases {
                if !aliases.iter().any(|a| a.text == *t) {
                    aliases.push(Alias {
                        text: t.clone(),
                        kind: *k,
                        source: AliasSource::Text,
                    });
                }
            }
            EntityRecord {
                id: ids[gi].clone(),
                name: g.name.clone(),
                entity_type: g.entity_type,
                aliases,
                description: entry.and_then(|e| e.description.clone()),
                country_code: entry.and_then(|e| e.country_code.clone()),
                wikidata_id: entry.and_then(|e| e.wikidata_id.clone()),
            }
        })
        .collect();
    entities_out.sort_by(|a, b| a.id.cmp(&b.id));
    let mut mentions_out: Vec<EntityMentionRecord> = mention_rows
        .into_iter()
        .map(|(gi, art, kind, span)| EntityMentionRecord {
            entity_id: ids[gi].clone(),
            article_id: art,
            surface_kind: kind,
            span,
        })
        .collect();
    // Keyed sorts (stable, like `sort_by`): the records are large, so they are moved once into place
    // instead of at every merge step.
    mentions_out.sort_by_cached_key(|m| {
        (
            m.article_id.clone(),
            m.span.field,
            m.span.start,
            m.entity_id.clone(),
        )
    });
    mentions_out.dedup_by(|a, b| {
        a.article_id == b.article_id && a.span == b.span && a.entity_id == b.entity_id
    });
    let version = env!("CARGO_PKG_VERSION").to_string();
    let mut claims_out: Vec<ClaimRecord> = Vec::new();
    for (art, mentions, canon, ai) in claim_rows {
        let l2g = &article_l2g[ai];
        let c = &mentions[canon];
        let gid = |v: &[usize]| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for &i in v {
                if l2g[i] == usize::MAX {
                    continue;
                }
                let id = ids[l2g[i]].clone();
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            out
        };
        let first_with = |f: &dyn Fn(&MentionDraft) -> bool| -> &MentionDraft {
            if f(c) {
                return c;
            }
            mentions.iter().find(|m| f(m)).unwrap_or(c)
        };
        let time_src = first_with(&|m: &MentionDraft| m.time.text.is_some());
        let claimed_src = first_with(&|m: &MentionDraft| m.claimed.is_some());
        let attr_src = first_with(&|m: &MentionDraft| m.attribution_text.is_some());
        let subj_src = first_with(&|m: &MentionDraft| !m.subjects.is_empty());
        let mut time = time_src.time.clone();
        claims::refine_time(&mut time, claimed_src.claimed);
        let subjects = gid(&subj_src.subjects);
        let subject_name = subj_src
            .subjects
            .iter()
            .find(|&&i| l2g[i] != usize::MAX)
            .map(|&i| globals[l2g[i]].name.clone());
        let label = claims::label_with_time(c, time.text.as_deref(), subject_name.as_deref());
        let mut confidence: f64 = 0.6;
        if !c.measured.is_empty() {
            confidence += 0.1;
        }
        if attr_src.attribution_text.is_some() {
            confidence += 0.1;
        }
        if mentions.len() > 1 {
            confidence += 0.1;
        }
        if c.value.modifier == crate::store::model::QuantityModifier::Vague {
            confidence -= 0.1;
        }
        let id = format!(
            "clm_{}",
            hex12(&format!(
                "{}|{}|{}|{}",
                art,
                field_name(c.quantity_span.field),
                c.quantity_span.start,
                c.quantity_span.end
            ))
        );
        let attribution = AttributionRecord {
            claimant_ids: gid(&attr_src.claimants),
            text: attr_src.attribution_text.as_deref().map(Into::into),
            claimed_date: claimed_src.claimed.map(|x| x.0),
            claimed_date_precision: claimed_src.claimed.map(|x| x.1),
        };
        let (predicate, measured, value) =
            (c.predicate.clone(), c.measured.clone(), c.value.clone());
        // The mentions are not needed past here: move their values and spans into the record.
        let mut cons = Vec::new();
        let mentions_rec: Vec<ClaimMention> = mentions
            .into_iter()
            .enumerate()
            .map(|(k, m)| {
                let (mc, note) = claims::consistency(&value, &m.value, m.role, k == canon);
                cons.push(mc);
                ClaimMention {
                    role: m.role,
                    is_canonical: k == canon,
                    value: m.value,
                    quantity_span: m.quantity_span,
                    evidence_span: m.evidence_span,
                    consistency: mc,
                    consistency_note: note,
                }
            })
            .collect();
        claims_out.push(ClaimRecord {
            id: id.into(),
            article_id: art.into(),
            label: label.into(),
            predicate: predicate.into(),
            measured: measured.into(),
            subject_ids: subjects,
            attribution,
            value,
            time,
            mentions: mentions_rec,
            consistency: claims::worst(&cons),
            extraction: crate::store::model::Extraction {
                method: "rules".into(),
                version: version.as_str().into(),
                confidence: (confidence * 100.0).round() / 100.0,
            },
        });
    }
    claims_out.sort_by_cached_key(|c| c.id.clone());
    claims_out.dedup_by(|a, b| a.id == b.id);
    out_articles.sort_by(|a, b| a.id.cmp(&b.id));
    FactsFile {
        format_version: FORMAT_VERSION,
        articles: out_articles,
        entities: entities_out,
        entity_mentions: mentions_out,
        claims: claims_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::model::{QuantityKind, QuantityModifier};

    /// The two seed articles pasted one after the other, as in the source file.
    fn seed() -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/multi/two-pasted-articles.txt");
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn seed_articles_and_ids() {
        let text = text::normalize_input(&seed());
        let arts = parse_articles(&text, "000_38c61ecf1908744b.txt").unwrap();
        assert_eq!(arts.len(), 2);
        let ids: Vec<String> = arts.iter().map(article_id).collect();
        assert_eq!(ids, vec!["art_33b93e53bbb4", "art_6a6827e0cd46"]);
        assert!(arts[0].caption.as_deref().unwrap().ends_with("(AFP/File)"));
        assert_eq!(arts[1].caption, None);
        assert_eq!(arts[0].dateline.as_deref(), Some("Islamabad"));
        assert!(arts[0]
            .body
            .starts_with("ISLAMABAD: Pakistan’s telecom regulator"));
        assert!(arts[1].summary.starts_with("Over 1,700 human smugglers"));
        assert!(!arts[1].summary.ends_with('\u{a0}'));
    }

    #[test]
    fn output_is_valid_and_deterministic() {
        let text = text::normalize_input(&seed());
        let arts = parse_articles(&text, "seed.txt").unwrap();
        let gaz = Gazetteer::default_embedded();
        let a = to_json(&extract_articles(&arts, &gaz)).unwrap();
        let b = to_json(&extract_articles(&arts, &gaz)).unwrap();
        assert_eq!(a, b);
        let f: FactsFile = serde_json::from_str(&a).unwrap();
        assert_eq!(crate::store::load::validate(&f), Vec::<String>::new());
    }

    /// The store extracted from one pasted page, with the built-in gazetteer.
    fn extract_text(text: &str) -> FactsFile {
        let arts = parse_articles(&text::normalize_input(text), "t.txt").unwrap();
        extract_articles(&arts, &Gazetteer::default_embedded())
    }

    /// The claim of `f` whose amount is `x`.
    /// The time text of the claim of amount `x`.
    fn time_of(f: &FactsFile, x: f64) -> Option<String> {
        claim_of(f, x).time.text.as_deref().map(str::to_string)
    }

    fn claim_of(f: &FactsFile, x: f64) -> &ClaimRecord {
        f.claims
            .iter()
            .find(|c| c.value.amount == Some(x))
            .unwrap_or_else(|| panic!("no claim of {x}: {:?}", f.claims))
    }

    #[test]
    fn close_figures_of_two_body_sentences_are_two_claims() {
        let f = facts_of_body(
            "The government spent only 18.6 percent of its capital budget in four months. Ministries failing to spend at least 20 percent of their capital budget face cuts.",
        );
        assert_eq!(claim_of(&f, 18.6).mentions.len(), 1);
        assert!(f.claims.iter().any(|c| c.value.lower_bound == Some(20.0)));
    }

    #[test]
    fn headline_figure_worded_differently_joins_the_body_claim() {
        let text = "Court orders tax board to refund Rs7.2bn in excess duty\n\nBy Our Correspondent\n\nPESHAWAR: The Peshawar High Court on Tuesday directed the tax board to refund nearly Rs7.2 billion collected in excess excise duty from cement makers.\n\nThe board said it had already paid Rs300 million to other firms this year.\n\nPublished in Dawn, March 5th, 2025\n";
        let f = extract_text(text);
        let c = claim_of(&f, 7.2e9);
        assert_eq!(c.mentions.len(), 2, "{c:?}");
        let canon = c.mentions.iter().find(|m| m.is_canonical).unwrap();
        assert_eq!(canon.role, crate::store::model::MentionRole::Body);
        assert_eq!(canon.value.text, "nearly Rs7.2 billion");
        // A past statement about "this year": the year up to the article date.
        let p = claim_of(&f, 3e8);
        assert_eq!(p.time.point_in_time, None);
        assert_eq!(p.time.start_date.unwrap().to_string(), "2025-01-01");
        assert_eq!(p.time.end_date.unwrap().to_string(), "2025-03-05");
    }

    #[test]
    fn a_headline_giving_the_body_figure_joins_its_claim() {
        let text = "Revenue board misses four-month tax target by Rs189 billion\n\nBy Our Correspondent\n\nISLAMABAD: The revenue board collected Rs3.83 trillion in July-October, falling short of its target of Rs4.02tr by Rs189bn, provisional figures showed on Saturday.\n\nIt paid Rs142bn in refunds.\n\nPublished in Dawn, November 2nd, 2026\n";
        let f = extract_text(text);
        assert_eq!(crate::store::load::validate(&f), Vec::<String>::new());
        let c = claim_of(&f, 189e9);
        assert_eq!(c.mentions.len(), 2, "{c:?}");
        // No other claim took the headline figure, and a figure the headline does not give stays alone.
        assert_eq!(
            f.claims
                .iter()
                .filter(|c| c.value.amount == Some(189e9))
                .count(),
            1
        );
        let r = claim_of(&f, 142e9);
        assert_eq!(r.mentions.len(), 1);
    }

    #[test]
    fn a_headline_figure_joins_its_very_figure_and_not_a_close_one() {
        let text = "Petrol price raised by Rs2.43 per litre for next fortnight\n\nBy Web Desk\n\nISLAMABAD: The government on Tuesday raised the price of kerosene oil by Rs3.10 per litre, the Finance Division said in a notification.\n\nThe price of petrol was raised by Rs2.43 per litre for the next fortnight, the notification said.\n\nPublished in Dawn, November 25th, 2026\n";
        let f = extract_text(text);
        assert_eq!(claim_of(&f, 2.43).mentions.len(), 2);
        assert_eq!(claim_of(&f, 3.1).mentions.len(), 1);
    }

    #[test]
    fn a_summary_bullet_is_canonical_only_when_nothing_else_states_the_figure() {
        let text = "Panel demands airline overhaul\n\n• Committee gives government three months for a restructuring plan\n\nBy Post Report\n\nNovember 26, 2026\n\nKATHMANDU: The committee directed the government to present a restructuring plan within three months, members said.\n";
        let f = extract_text(text);
        let c = claim_of(&f, 3.0);
        assert_eq!(c.mentions.len(), 2, "{c:?}");
        assert_eq!(c.value.modifier, QuantityModifier::AtMost);
    }

    #[test]
    fn a_percent_change_measures_the_thing_not_its_verb() {
        let text = "Tax receipts grow\n\nBy Our Correspondent\n\nISLAMABAD: Income tax collection grew 14.2pc to Rs1.71tr, while sales tax receipts rose by only 6pc. Customs duty fell nearly 9 per cent.\n\nPublished in Dawn, November 2nd, 2026\n";
        let f = extract_text(text);
        assert_eq!(claim_of(&f, 14.2).measured, "Income tax collection");
        assert_eq!(claim_of(&f, 6.0).measured, "sales tax receipts");
        assert_eq!(claim_of(&f, 9.0).measured, "Customs duty");
        assert_eq!(claim_of(&f, 1.71e12).value.kind, QuantityKind::Money);
    }

    #[test]
    fn a_measured_thing_holds_no_time_nor_the_verb_after_one() {
        let text = "Exports rebound\n\nBy Staff Correspondent\n\nDHAKA: Shipments in October 2025 stood at $3.16 billion, the bureau said. The cabinet on Tuesday approved supplementary demands worth Tk 31,628 crore.\n\nPublished in The Daily Star, November 26th, 2026\n";
        let f = extract_text(text);
        assert_eq!(claim_of(&f, 3.16e9).measured, "Shipments");
        assert_eq!(claim_of(&f, 3.1628e11).measured, "supplementary demands");
    }

    #[test]
    fn a_figure_takes_no_time_from_a_later_clause_or_across_what_a_statement_adds() {
        let text = "Metro to run longer\n\nBy Our Correspondent\n\nKARACHI: The metro will extend its hours by 45 minutes, and 12 new trainsets will be added by June next year. \"The gang robbed three banks in the last two years,\" the officer said, adding that two more suspects were at large. The bank received $2.42 billion in September, while reserves stood at $26.3 billion.\n\nPublished in Dawn, November 2nd, 2026\n";
        let f = extract_text(text);
        assert_eq!(time_of(&f, 45.0), None);
        assert_eq!(time_of(&f, 12.0).as_deref(), Some("June next year"));
        assert_eq!(time_of(&f, 3.0).as_deref(), Some("the last two years"));
        assert_eq!(time_of(&f, 2.0), None);
        // An earlier clause's time still dates a later one of the same report, but not a relative
        // clause's figure.
        assert_eq!(time_of(&f, 26.3e9).as_deref(), Some("in September"));
        let f = extract_text("Plan approved\n\nBy Our Correspondent\n\nKATHMANDU: The Cabinet on Wednesday approved Rs18 billion for districts hit by the floods, which killed at least 224 people.\n\nPublished in Dawn, November 20th, 2026\n");
        let killed = claim_of(&f, 224.0);
        assert_eq!(killed.time.text, None);
        let plan = claim_of(&f, 18e9);
        assert_eq!(plan.time.text.as_deref(), Some("on Wednesday"));
        let f = extract_text("Roads to be rebuilt\n\nBy Our Correspondent\n\nDHAKA: Bridges were damaged in the floods of August 2024, which affected nearly 5.8 million people. Damage from the floods has been estimated at Tk 46.7 billion.\n\nPublished in Dawn, November 20th, 2026\n");
        let affected = claim_of(&f, 5.8e6);
        assert_eq!(affected.time.text.as_deref(), Some("August 2024"));
        // A value put on a thing is no price.
        let damage = claim_of(&f, 46.7e9);
        assert_eq!(damage.predicate, "estimated_amount");
        assert_eq!(damage.measured, "floods");
    }

    #[test]
    fn a_time_in_the_figures_own_clause_comes_before_an_earlier_clauses() {
        let text = "Arrears cleared\n\nBy Our Correspondent\n\nCOLOMBO: Arrears of Rs2.3 billion were settled in October, while a further Rs450 million was released to hospitals last week. Ships will bring eight cargoes in December, as demand has fallen by 30pc since plants shifted to the grid. At one hospital, where a ward was set up in August, 90 patients were admitted on Friday alone.\n\nPublished in Dawn, November 20th, 2026\n";
        let f = extract_text(text);
        assert_eq!(time_of(&f, 2.3e9).as_deref(), Some("in October"));
        assert_eq!(time_of(&f, 450e6).as_deref(), Some("last week"));
        assert_eq!(time_of(&f, 8.0).as_deref(), Some("in December"));
        assert_eq!(time_of(&f, 30.0), None);
        assert_eq!(time_of(&f, 90.0).as_deref(), Some("on Friday"));
    }

    #[test]
    fn what_a_figure_is_compared_with_is_not_its_time() {
        let text = "Collections up\n\nBy Our Correspondent\n\nCOLOMBO: Customs collections rose 21 per cent compared with the same period of 2025. Seizures have risen by 40 percent this year compared to 2025, with 9.6 kilograms recovered between January and October. The gas price for November was set at $11.42 per unit, down 4.6 percent from October. Aid will be raised from Rs1,000 to Rs1,500 from January. Reserves stood at $26.3 billion in the week ended 13 November, down $3.1 billion from the previous week. Fares would go up by at least 5% from next week.\n\nPublished in Dawn, November 20th, 2026\n";
        let f = extract_text(text);
        assert_eq!(time_of(&f, 3.1e9).as_deref(), Some("13 November"));
        assert_eq!(time_of(&f, 5.0).as_deref(), Some("next week"));
        assert_eq!(time_of(&f, 21.0), None);
        assert_eq!(time_of(&f, 40.0).as_deref(), Some("this year"));
        assert_eq!(
            time_of(&f, 9.6).as_deref(),
            Some("between January and October")
        );
        assert_eq!(time_of(&f, 11.42).as_deref(), Some("for November"));
        assert_eq!(time_of(&f, 4.6).as_deref(), Some("for November"));
        // A change that names where it started: "from January" is when.
        assert_eq!(time_of(&f, 1500.0).as_deref(), Some("from January"));
    }

    #[test]
    fn a_speaker_before_an_appositive_says_what_follows_said() {
        let text = "Raids net heroin\n\nBy Our Correspondent\n\nRAJSHAHI: Deputy Commissioner Nasrin Akter, the district spokesperson, said two cases had been filed with Godagari Police Station. Malik Shahid Awan, 58, who heads a transporters' association in the city, said fares would go up by at least 5% next week. Private importers, who brought in about 70 percent of the wheat, said demand had slowed. Minister Ali Raza Shah said 12 wells were drilled. A single connection costs Rs1.5 million a year, they added.\n\nPublished in Dawn, November 20th, 2026\n";
        let f = extract_text(text);
        let claimant = |x: f64| {
            let c = claim_of(&f, x);
            c.attribution
                .claimant_ids
                .iter()
                .map(|id| {
                    f.entities
                        .iter()
                        .find(|e| &e.id == id)
                        .unwrap()
                        .name
                        .clone()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(claimant(2.0), ["Nasrin Akter"]);
        assert_eq!(claimant(5.0), ["Malik Shahid Awan"]);
        // The figure inside the subject's own clause is no statement of what follows "said".
        assert!(claim_of(&f, 70.0).attribution.claimant_ids.is_empty());
        // "they" are not the one person who spoke last.
        assert_eq!(claimant(12.0), ["Ali Raza Shah"]);
        assert!(claimant(1.5e6).is_empty());
    }

    #[test]
    fn a_speech_verb_at_the_start_of_a_sentence_is_a_noun() {
        let text = "Growth seen at 7.1%\n\nBy Our Correspondent\n\nMUMBAI: Economists expect growth of 7.1% in the quarter. Estimates in the poll ranged from 6.6% to 7.5%.\n\nPublished in Dawn, November 20th, 2026\n";
        let f = extract_text(text);
        assert_eq!(claim_of(&f, 6.6).attribution.text, None);
    }

    #[test]
    fn only_within_makes_a_deadline() {
        let text = "Gas shortage\n\nBy Our Correspondent\n\nLAHORE: Consumers faced load-shedding of up to eight hours a day. The court directed the ministry to submit a plan within 14 days.\n\nPublished in Dawn, November 20th, 2026\n";
        let f = extract_text(text);
        assert!(!claim_of(&f, 8.0).label.starts_with("Deadline"));
        assert!(claim_of(&f, 14.0).label.starts_with("Deadline"));
    }

    #[test]
    fn a_verb_after_a_comma_is_another_clause_and_a_grown_figure_rose() {
        let text = "Arrears to be paid\n\nBy Our Correspondent\n\nLAHORE: The court told the government to clear arrears of Rs2.3 billion owed to 4,612 retired teachers within 60 days, observing that the delay was unlawful. The arrears had grown by roughly 12% every year.\n\nPublished in Dawn, November 26th, 2026\n";
        let f = extract_text(text);
        assert_ne!(claim_of(&f, 4612.0).predicate, "observing_count");
        assert_eq!(claim_of(&f, 2.3e9).predicate, "owed_amount");
        assert_eq!(claim_of(&f, 12.0).predicate, "increase_percent");
    }

    #[test]
    fn two_different_ratios_of_one_thing_are_two_claims() {
        let text = "Customs search more containers at Karachi port\n\nBy Our Correspondent\n\nKARACHI: One in five shipping containers is now searched by hand, the collectorate said on Monday.\n\nAt Port Qasim, one in four shipping containers was searched by hand.\n\nPublished in Dawn, March 5th, 2025\n";
        let f = extract_text(text);
        assert_eq!(crate::store::load::validate(&f), Vec::<String>::new());
        // Not one claim that contradicts itself: one in four is not close to one in five.
        let ratios: Vec<_> = f
            .claims
            .iter()
            .filter(|c| c.value.kind == QuantityKind::Ratio)
            .collect();
        assert_eq!(ratios.len(), 2, "{ratios:?}");
        let mut amounts: Vec<f64> = ratios.iter().filter_map(|c| c.value.amount).collect();
        amounts.sort_by(f64::total_cmp);
        assert_eq!(amounts, [0.2, 0.25]);
        for c in &ratios {
            assert!(
                c.predicate == "ratio" || c.predicate.ends_with("_ratio"),
                "{}",
                c.predicate
            );
        }
    }

    #[test]
    fn a_measure_is_a_claim_named_by_its_unit() {
        let text = "Customs seize 12kg of heroin at Karachi port\n\nBy Our Correspondent\n\nKARACHI: Customs officials on Monday seized 12 kilograms of heroin from a container of rice, the collectorate said.\n\nPublished in Dawn, March 5th, 2025\n";
        let f = extract_text(text);
        assert_eq!(crate::store::load::validate(&f), Vec::<String>::new());
        assert_eq!(f.claims.len(), 1, "{:?}", f.claims);
        let c = &f.claims[0];
        assert_eq!(
            (c.value.kind, c.value.amount, c.value.unit.as_deref()),
            (QuantityKind::Other, Some(12.0), Some("kilogram"))
        );
        assert_eq!(c.predicate, "seized_kilogram");
        assert!(c.measured.starts_with("heroin"), "{}", c.measured);
        // The headline's "12kg" states the same seizure.
        assert_eq!(c.mentions.len(), 2, "{c:?}");
    }

    /// The extraction of one article with a headline without figures around `body` (one paragraph
    /// per line).
    fn facts_of_body(body: &str) -> FactsFile {
        extract_text(&format!(
            "Officials give new figures\n\nBy Our Correspondent\n\nISLAMABAD: {body}\n\nPublished in Dawn, March 5th, 2025\n"
        ))
    }

    /// The measured thing of the claim of `f` whose amount is `x`.
    fn measured_of(f: &FactsFile, x: f64) -> &str {
        &claim_of(f, x).measured
    }

    #[test]
    fn a_comma_and_a_conjunction_after_the_phrase_end_the_evidence() {
        let f = facts_of_body(
            "Growth slowed to 2.9 percent in the third quarter, up from 3.4 percent in the second quarter, and the central bank raised its forecast. The contractor had built 40 bridges, and sought 18 months to finish the rest. Thousands of workers, including 62 engineers, were hired.",
        );
        let evidence = |x: f64| {
            claim_of(&f, x).mentions[0]
                .evidence_span
                .exact()
                .to_string()
        };
        assert_eq!(evidence(3.4), "up from 3.4 percent in the second quarter");
        assert_eq!(evidence(40.0), "The contractor had built 40 bridges");
        // A comma alone may open an aside that the clause goes on after.
        assert!(evidence(62.0).ends_with("were hired"), "{}", evidence(62.0));
    }

    #[test]
    fn a_dollar_after_a_country_code_is_no_mention_of_the_country() {
        // Without a dateline the rupee is the most named country's: "US$" names no country.
        let f = extract_text(
            "Sri Lanka set to receive IMF tranche\n\nNovember 26, 2026\n\nSri Lanka expects US$ 350 million, or about Rs. 105 billion, to lift total disbursements to US$ 2.3 billion, after a US$ 1.4 billion purchase.\n",
        );
        assert!(!f.entities.iter().any(|e| e.name == "United States"));
        assert_eq!(claim_of(&f, 105e9).value.unit.as_deref(), Some("LKR"));
    }

    #[test]
    fn a_participle_as_an_adjective_names_no_speaker() {
        let f = facts_of_body(
            "Iqbal was the alleged ringleader of a gang that sold 12kg of heroin. Officials cited a reported 40 deaths in the district.",
        );
        for x in [12.0, 40.0] {
            let c = claim_of(&f, x);
            assert!(c.attribution.text.is_none(), "{:?}", c.attribution);
        }
    }

    #[test]
    fn he_or_she_never_names_a_place() {
        let f = facts_of_body(
            "Abdou Karim Ndiaye, the regional coordinator, said camps in Karachi were full. “Families are getting 8 litres of water a day,” he said.",
        );
        let c = claim_of(&f, 8.0);
        let place = |id: &String| {
            f.entities
                .iter()
                .any(|e| &e.id == id && e.entity_type == EntityType::Place)
        };
        assert!(f.entities.iter().any(|e| e.name == "Karachi"));
        assert!(
            !c.attribution.claimant_ids.iter().any(place),
            "{:?}",
            c.attribution
        );
    }

    #[test]
    fn a_passive_or_extended_change_by_a_length_of_time_measures_its_thing() {
        let f = facts_of_body(
            "The deadline was extended by two years. The metro operator will also extend operating hours by 45 minutes.",
        );
        assert_eq!(measured_of(&f, 2.0), "deadline");
        assert_eq!(measured_of(&f, 45.0), "operating hours");
    }

    #[test]
    fn a_figure_compared_with_another_states_its_verb_not_compared() {
        let f = facts_of_body(
            "The force seized 2,400kg of drugs this year, compared with 1,980kg in the same period last year. Officials expect to procure 31 million tonnes of wheat, compared with 26.6 million tonnes last year. His clients had already spent 19 months in custody.",
        );
        let c = claim_of(&f, 1980.0);
        assert_eq!(
            (c.measured.as_str(), c.predicate.as_str()),
            ("drugs", "seized_kilogram")
        );
        assert_eq!(c.label, "Drugs seized, the same period last year");
        // A forecast's verb is not passed on.
        assert!(!claim_of(&f, 26.6e6).predicate.contains("expect"));
        assert!(!claim_of(&f, 26.6e6).predicate.contains("compared"));
        // The verb is not said twice.
        assert!(!claim_of(&f, 19.0).label.contains("spent spent"));
    }

    #[test]
    fn an_adverb_or_a_value_ends_the_thing_and_a_state_is_its_verb() {
        let f = facts_of_body(
            "The death toll rose to 57, with another 23 people still missing and 96 injured. More than 1,200 houses were fully destroyed and 2,800 partially damaged. The force recovered 12kg of heroin worth Rs36 million.",
        );
        let c = claim_of(&f, 23.0);
        assert_eq!(
            (c.measured.as_str(), c.predicate.as_str()),
            ("people", "missing_count")
        );
        assert_eq!(measured_of(&f, 2800.0), "");
        assert_eq!(measured_of(&f, 12.0), "heroin");
    }

    #[test]
    fn an_appeal_or_an_estimate_is_no_price_and_a_relative_verb_no_thing() {
        let f = facts_of_body(
            "The refugee agency on Wednesday appealed for $4.6 billion. Estimates put losses to crops and infrastructure at around Rs3 billion. The programme, which supplies rice at Rs30 per kilogramme, was expanded. The figures, which showed net collection of Rs4.1tr, were released on Monday.",
        );
        let c = claim_of(&f, 4.6e9);
        assert_eq!(
            (c.measured.as_str(), c.predicate.as_str()),
            ("", "appealed_amount")
        );
        assert_ne!(claim_of(&f, 3e9).predicate, "price");
        assert_eq!(claim_of(&f, 30.0).label, "Price of rice");
        assert_eq!(measured_of(&f, 4.1e12), "net collection");
    }

    #[test]
    fn a_deadline_names_what_is_to_be_done_by_it() {
        let f = facts_of_body(
            "The court directed the board to refund nearly Rs3.1 billion collected in excess duty from cement makers within 30 days. The fines must be paid within 60 days.",
        );
        assert_eq!(measured_of(&f, 30.0), "refund");
        assert_eq!(measured_of(&f, 60.0), "be paid");
        assert_eq!(claim_of(&f, 60.0).label, "Deadline to be paid");
        // Nothing to name: the label says what the figure is, no more.
        let f =
            facts_of_body("The department forecast up to 312 mm of rain in Ilam within 24 hours.");
        assert_eq!(claim_of(&f, 24.0).label, "Deadline (Ilam)");
    }

    #[test]
    fn the_whole_a_part_is_counted_in_is_no_claim() {
        let f = facts_of_body(
            "Floods have submerged 35 of the country's 77 districts. The bill was passed by 120 of 342 members. Two of the five suspects were freed. He asked why 1,200 of the 1,500 posts were vacant.",
        );
        assert_eq!(measured_of(&f, 1200.0), "posts");
        for whole in [77.0, 342.0, 5.0, 1500.0] {
            assert!(
                f.claims.iter().all(|c| c.value.amount != Some(whole)),
                "{whole}"
            );
        }
        assert_eq!(measured_of(&f, 35.0), "districts");
        assert_eq!(measured_of(&f, 120.0), "members");
        assert_eq!(measured_of(&f, 2.0), "suspects");
        // A larger "part" is no part, and "out of" stays a ratio.
        let f = facts_of_body(
            "Police arrested 40 of 12 gang leaders. One out of five schools was shut.",
        );
        assert_eq!(
            f.claims
                .iter()
                .filter(|c| c.value.amount == Some(12.0))
                .count(),
            1
        );
        assert_eq!(claim_of(&f, 0.2).value.kind, QuantityKind::Ratio);
    }

    #[test]
    fn a_sentence_opening_with_a_whole_counts_its_parts() {
        let f = facts_of_body(
            "Of the 31 accused, 19 have been arrested, and 12 remain absconding. Of 40 schools, 28 were reopened.",
        );
        for whole in [31.0, 40.0] {
            assert!(
                f.claims.iter().all(|c| c.value.amount != Some(whole)),
                "{whole}"
            );
        }
        assert_eq!(measured_of(&f, 19.0), "accused");
        assert_eq!(measured_of(&f, 12.0), "accused");
        assert_eq!(measured_of(&f, 28.0), "schools");
        // "of" inside a sentence names no whole of later parts.
        let f = facts_of_body("Police released the names of 31 accused, 19 of them women.");
        assert!(f.claims.iter().any(|c| c.value.amount == Some(31.0)));
    }

    #[test]
    fn levels_stated_in_the_present_and_comparisons_after_them() {
        let f = facts_of_body(
            "The fatality rate stands at 0.47 percent, compared with 0.53 percent in the same period of 2023. The virus has spread to all 64 districts, up from 48 districts in September. In the 24 hours to 8am Sunday, 1,318 patients were admitted.",
        );
        assert_eq!(measured_of(&f, 0.47), "fatality rate");
        // A comparison's time is its own figure's, not the figure before it.
        assert_eq!(claim_of(&f, 0.47).time.point_in_time, None);
        assert!(claim_of(&f, 0.53).time.point_in_time.is_some());
        assert_eq!(claim_of(&f, 64.0).time.point_in_time, None);
        assert!(claim_of(&f, 48.0).time.point_in_time.is_some());
        // A window the figures were counted in is no duration claim.
        assert!(f
            .claims
            .iter()
            .all(|c| c.value.kind != QuantityKind::Duration));
        assert_eq!(measured_of(&f, 1318.0), "patients");
    }

    #[test]
    fn a_second_reported_clause_does_not_take_the_first_ones_time() {
        let f = facts_of_body(
            "The chairman said 5.9 million returns were filed, 27pc more than last year, and that refunds worth Rs42bn were being processed.",
        );
        assert!(claim_of(&f, 27.0).time.point_in_time.is_some());
        assert_eq!(claim_of(&f, 42e9).time.point_in_time, None);
    }

    #[test]
    fn an_event_date_and_a_comparison_keep_their_times_to_themselves() {
        let f = facts_of_body(
            "The court on Wednesday freed 12 workers held over the May 9, 2023 attack on the army's headquarters, and ordered each to furnish bonds worth Rs100,000. The economy grew 4.8 per cent in the second quarter of 2025, up from 4.1 percent in the first quarter.",
        );
        let bonds = claim_of(&f, 1e5);
        assert_eq!(
            bonds.time.text.as_deref(),
            Some("on Wednesday"),
            "{bonds:?}"
        );
        assert!(bonds.attribution.text.is_none(), "{:?}", bonds.attribution);
        assert!(claim_of(&f, 4.8).time.start_date.is_some());
        assert!(claim_of(&f, 4.1).time.text.is_none());
        // A time inside a comparison closed before a figure dates the compared figure only.
        let f = facts_of_body(
            "The debt stood at Rs2.39 trillion at the end of September, down from Rs2.64 trillion in June, owing to a payment of Rs254 billion by the ministry.",
        );
        assert_eq!(claim_of(&f, 2.64e12).time.text.as_deref(), Some("in June"));
        assert_ne!(claim_of(&f, 2.54e11).time.text.as_deref(), Some("in June"));
        // A time after a figure brought in to compare dates that figure, not those before it.
        let f = facts_of_body(
            "The plan put transfers at Rs1.52 trillion, up 14pc from Rs1.33 trillion in 2025-26. Spending was set at Rs416bn against Rs412bn in 2025-26.",
        );
        assert_eq!(claim_of(&f, 1.33e12).time.text.as_deref(), Some("2025-26"));
        assert_eq!(claim_of(&f, 412e9).time.text.as_deref(), Some("2025-26"));
        // Nor does a time in a participle's aside before a figure date it.
        let f2 =
            facts_of_body("The budget, unveiled in June, had put transfers at Rs1.52 trillion.");
        assert!(claim_of(&f2, 1.52e12).time.text.is_none());
        for x in [1.52e12, 14.0, 416e9] {
            let c = claim_of(&f, x);
            assert!(c.time.text.is_none(), "{c:?}");
        }
    }

    #[test]
    fn a_figure_joined_or_compared_to_another_measures_its_thing() {
        let f = facts_of_body(
            "The turnout remained at 41.2 percent, lower than the 47.9pc recorded in the 2024 elections. Nepra member Ali Khan questioned why the capacity payments had risen by 18 percent. Line losses in Peshawar and Quetta were as high as 37pc and 29pc respectively. The candidate secured 98,312 votes against 85,855 polled by his rival. The commission received 23 complaints, of which 17 were resolved on the spot. Around 1,200 Frontier Corps personnel were deployed.",
        );
        assert_eq!(measured_of(&f, 41.2), "turnout");
        assert_eq!(measured_of(&f, 18.0), "capacity payments");
        assert!(!measured_of(&f, 37.0).is_empty());
        assert_eq!(measured_of(&f, 29.0), measured_of(&f, 37.0));
        assert_eq!(measured_of(&f, 85855.0), "votes");
        assert_eq!(measured_of(&f, 17.0), "complaints");
        // A level compared with another is no change.
        assert_eq!(measured_of(&f, 47.9), "turnout");
        // The compared figure's time is its own.
        assert_eq!(claim_of(&f, 41.2).time.text, None);
        assert_eq!(claim_of(&f, 47.9).time.text.as_deref(), Some("2024"));
        assert!(!claim_of(&f, 41.2).predicate.contains("decrease"));
        let corps = f.entities.iter().find(|e| e.name == "Frontier Corps");
        assert_eq!(
            corps.map(|e| e.entity_type),
            Some(EntityType::Organization),
            "{:?}",
            f.entities
        );
    }

    #[test]
    fn each_figure_of_a_list_measures_its_own_thing_and_shares_the_verb() {
        let f = facts_of_body(
            "Explosives weighing 6.2kg, 18 detonators, three hand grenades, two pistols and Rs275,000 in cash were recovered from them. A plot measuring 12 acres was handed over.",
        );
        assert_eq!(measured_of(&f, 6.2), "Explosives");
        assert_eq!(measured_of(&f, 12.0), "plot");
        assert_eq!(measured_of(&f, 18.0), "detonators");
        assert_eq!(measured_of(&f, 3.0), "hand grenades");
        assert_eq!(measured_of(&f, 2.0), "pistols");
        for x in [18.0, 3.0, 2.0] {
            assert_eq!(claim_of(&f, x).predicate, "recovered_count");
        }
        // A new subject after the list has a verb of its own.
        let f = facts_of_body("Police said 14 pistols, 300 rounds and the suspects were arrested.");
        assert_ne!(claim_of(&f, 14.0).predicate, "arrested_count");
    }

    #[test]
    fn a_change_names_its_thing_in_headlines_asides_and_passives() {
        let f = facts_of_body(
            "Cabinet hikes wheat MSP by Rs170 to Rs2,585 per quintal. The government raised petrol prices by Rs12. The cabinet approved a Rs160-per-quintal increase in the support price. Input costs, particularly of diesel, had risen by nearly 20 per cent in two years. The new price gives farmers a margin of 119 per cent over cost. Tariffs were cut by an average of 30 percent. The MSP of mustard was raised by Rs250, while that of gram was increased by Rs210. The cost of production is estimated at Rs1,182 per quintal. The largest increase, of Rs300 a quintal, was for safflower.",
        );
        // "by X to Y" after a change verb in the present tense is two figures, not a range.
        assert_eq!(claim_of(&f, 2585.0).value.lower_bound, Some(2585.0));
        assert_eq!(measured_of(&f, 170.0), "wheat MSP");
        assert_eq!(measured_of(&f, 2585.0), "wheat MSP");
        assert_eq!(measured_of(&f, 12.0), "petrol prices");
        assert_eq!(measured_of(&f, 160.0), "increase");
        assert_eq!(measured_of(&f, 20.0), "Input costs");
        assert_eq!(measured_of(&f, 2.0), "");
        assert_eq!(measured_of(&f, 119.0), "margin");
        assert_ne!(measured_of(&f, 30.0), "average");
        assert_eq!(measured_of(&f, 210.0), "gram");
        assert_eq!(measured_of(&f, 300.0), "");
        // A passive reporting verb names no speaker.
        assert!(claim_of(&f, 1182.0).attribution.text.is_none());
    }

    #[test]
    fn money_before_its_price_word_measures_the_noun_not_the_verb_or_count() {
        let f = facts_of_body(
            "The bench approved the bail against two surety bonds of Rs500,000 each. The prosecutor said the accused had received kickbacks of at least Rs120 million. Specialised banks accounted for $95 million. Inflow hit $2.9 billion in October, up 21pc. Remittances rose due to the 2.5 per cent cash incentive on transfers.",
        );
        assert_eq!(measured_of(&f, 5e5), "surety bonds");
        assert_eq!(measured_of(&f, 1.2e8), "kickbacks");
        assert_eq!(measured_of(&f, 9.5e7), "Specialised banks");
        assert_eq!(measured_of(&f, 21.0), "Inflow");
        assert_eq!(measured_of(&f, 2.5), "cash incentive");
    }

    #[test]
    fn a_length_of_time_as_an_adjective_measures_its_noun() {
        let f = facts_of_body(
            "The judge sent seven suspects on a 14-day judicial remand. The loan has a five-year grace period. So far, 89 of the 158 accused have been granted bail. The convicts will spend 10-12 years in jail.",
        );
        // A range of lengths of time is no adjective: its phrase is the words before it, after the modal.
        assert_eq!(measured_of(&f, 10.0), "spend");
        assert_eq!(measured_of(&f, 14.0), "judicial remand");
        assert_eq!(measured_of(&f, 5.0), "grace period");
        assert_eq!(measured_of(&f, 89.0), "accused");
        // A verb of the clause before "and" is not the figure's.
        let g = facts_of_body("Floods killed 214 people and 37 were still missing. Police arrested and charged 12 men. The department recorded 6,220 cases and 11 deaths.");
        assert_eq!(claim_of(&g, 37.0).predicate, "missing_count");
        assert_eq!(claim_of(&g, 12.0).predicate, "charged_count");
        // Coordinated objects share the verb before them.
        assert_eq!(claim_of(&g, 11.0).predicate, "recorded_count");
    }

    #[test]
    fn a_headline_level_in_the_present_measures_its_subject() {
        let f = extract_text("Dengue deaths cross 400 as hospitals fill\n\nBy Our Correspondent\n\nDhaka — The city's hospitals had no beds left on Sunday, officials said.\n\nPublished in Dawn, March 5th, 2025\n");
        assert_eq!(measured_of(&f, 400.0), "Dengue deaths");
        assert_eq!(f.articles[0].dateline.as_deref(), Some("Dhaka"));
    }

    #[test]
    fn another_noun_phrase_or_a_preposition_ends_what_a_count_measures() {
        let f = facts_of_body(
            "The corporation fined 63 property owners a total of Rs12.4 million for keeping stagnant water. Hospitals admitted 40 to 50 patients a day.",
        );
        assert_eq!(measured_of(&f, 63.0), "property owners");
        assert_eq!(measured_of(&f, 40.0), "patients");
        assert_ne!(claim_of(&f, 63.0).predicate, "keeping_count");
    }

    #[test]
    fn a_figure_measures_nothing_across_a_clause_break_after_it() {
        let f = facts_of_body(
            "The board missed its annual revenue target by Rs45 billion, a senior official said. The cost was raised to Rs900 million, and its deadline was extended. The agency blocked 40 websites, apps, and pages.",
        );
        assert_eq!(measured_of(&f, 45e9), "annual revenue target");
        assert!(
            !measured_of(&f, 9e8).contains("deadline"),
            "{}",
            measured_of(&f, 9e8)
        );
        assert_eq!(measured_of(&f, 40.0), "websites, apps, and pages");
    }

    #[test]
    fn unnamed_officials_are_not_the_last_speaker() {
        let f = facts_of_body(
            "Interior Minister Ali Raza said 300 suspects had been held.\n\nOfficials said 40 more were arrested on Friday. He said 12 were freed.",
        );
        assert!(claim_of(&f, 40.0).attribution.claimant_ids.is_empty());
        assert_eq!(claim_of(&f, 300.0).attribution.claimant_ids.len(), 1);
        // A pronoun still refers back.
        assert_eq!(
            claim_of(&f, 12.0).attribution.claimant_ids,
            claim_of(&f, 300.0).attribution.claimant_ids
        );
    }

    #[test]
    fn money_in_a_form_measures_the_form() {
        let f = facts_of_body(
            "The lender approved $150 million in concessional loans. Police recovered Rs4.5 million in cash and two pistols. The board collected Rs5 billion in the first quarter. Around 60 feet of track and more than 200 sleepers were damaged.",
        );
        assert_eq!(measured_of(&f, 60.0), "track");
        assert_eq!(measured_of(&f, 1.5e8), "concessional loans");
        let g = facts_of_body("The state spent Rs1,240 crore on prohibition enforcement. It paid Rs30 million on Monday.");
        assert_eq!(measured_of(&g, 1.24e10), "prohibition enforcement");
        assert!(
            !measured_of(&g, 3e7).contains("Monday"),
            "{}",
            measured_of(&g, 3e7)
        );
        assert_eq!(measured_of(&f, 4.5e6), "cash");
        assert!(
            !measured_of(&f, 5e9).contains("quarter"),
            "{}",
            measured_of(&f, 5e9)
        );
    }

    #[test]
    fn an_aside_between_commas_does_not_start_the_clause() {
        let f = facts_of_body(
            "Imports, however, fell by 3.2pc in October. Textile exports, which make up half of all shipments, fell 4.6 percent in May. Headline inflation, measured by the consumer price index, rose to 6.5 percent in June.",
        );
        assert_eq!(measured_of(&f, 3.2), "Imports");
        assert_eq!(measured_of(&f, 4.6), "Textile exports");
        assert_eq!(measured_of(&f, 6.5), "Headline inflation");
    }

    #[test]
    fn a_level_reached_measures_the_thing_before_its_verb() {
        let f = facts_of_body(
            "The central bank said remittances rose 11.4 percent to Rs142 billion in the first four months. Tourist arrivals reached 1.62 million, the highest since 2018. Inflation eased to 8.3 percent in August from 8.6 percent in July. Public debt is expected to fall to about 104 percent of GDP. The fund projected growth of 3.5 percent.",
        );
        assert_eq!(measured_of(&f, 142e9), "remittances");
        assert_eq!(measured_of(&f, 1.62e6), "Tourist arrivals");
        assert_eq!(measured_of(&f, 8.3), "Inflation");
        assert_eq!(measured_of(&f, 8.6), "Inflation");
        assert_eq!(measured_of(&f, 104.0), "Public debt");
        assert_eq!(measured_of(&f, 3.5), "growth");
    }

    #[test]
    fn a_change_names_its_thing_after_or_before_its_verb() {
        let f = facts_of_body(
            "The central bank cut its policy rate by 50 basis points to 7.25 percent. The government will raise the daily wage of estate workers to Rs1,700. The average auction price at the Colombo auction reached Rs1,312 per kg, up from Rs1,108 a year earlier. Production in the first ten months of the year totalled 218 million kilograms. Inflation is expected to stay below 5 percent. The firm had spent Rs1,840 crore and could raise at most Rs1,200 crore. Unions demanded Rs2,000 a day.",
        );
        assert_eq!(measured_of(&f, 7.25), "policy rate");
        assert_eq!(measured_of(&f, 50.0), "policy rate");
        assert_eq!(measured_of(&f, 1700.0), "daily wage");
        assert_eq!(measured_of(&f, 1312.0), "average auction price");
        // The figure it is compared with measures the same thing.
        assert_eq!(measured_of(&f, 1108.0), "average auction price");
        assert_eq!(measured_of(&f, 2.18e8), "Production");
        assert_eq!(measured_of(&f, 5.0), "Inflation");
        assert!(
            !measured_of(&f, 1.2e10).contains("1,840"),
            "{}",
            measured_of(&f, 1.2e10)
        );
        assert_eq!(measured_of(&f, 2000.0), "");
        let g = facts_of_body(
            "Revenue rose to 15.2 per cent of GDP, and the primary surplus reached 2.2 per cent of GDP. A consortium of banks offered Rs20 billion in bridge financing. Courts have about 200 cases pending.",
        );
        assert_eq!(measured_of(&g, 2.2), "primary surplus");
        assert_eq!(measured_of(&g, 2e10), "bridge financing");
        assert_eq!(measured_of(&g, 200.0), "cases");
    }

    #[test]
    fn the_span_of_a_target_or_a_record_is_no_duration() {
        let f = facts_of_body(
            "The board missed its four-month tax target. Prices hit a 14-month high. The loan has a five-year grace period.",
        );
        let durations: Vec<f64> = f
            .claims
            .iter()
            .filter(|c| c.value.kind == QuantityKind::Duration)
            .filter_map(|c| c.value.amount)
            .collect();
        assert_eq!(durations, vec![5.0]);
    }

    #[test]
    fn a_duration_of_something_measures_it() {
        let f = facts_of_body(
            "Floods followed three days of heavy rain. The government would build 500 shelters within six weeks.",
        );
        assert_eq!(measured_of(&f, 3.0), "heavy rain");
        assert_eq!(measured_of(&f, 6.0), "build 500 shelters");
    }

    #[test]
    fn atomic_write_leaves_no_temp() {
        let dir = std::env::temp_dir().join(format!("nf-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("facts.json");
        write_atomic(&p, b"{}\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"{}\n");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
