//! The fact store: model, loading and validation, indexes and queries. Nothing here knows about HTTP.

pub mod index;
pub mod load;
pub mod model;
pub mod page_token;
pub mod query;
pub mod shared;
pub mod snapshot;
mod stream;
pub mod views;

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::value::RawValue;

use model::{FactsFile, TextField, WireEnum};
use views::{
    Article, ArticleEntity, ArticleRef, ArticleSummary, Attribution, Claim, Entity, EntityMention,
    EntityRef, MentionSpan, Snapshot,
};

pub use load::LoadError;
pub use shared::SharedStore;

/// The default store, embedded in the binary so `newsfacts serve` works from any folder.
pub const EMBEDDED_FACTS: &[u8] = include_bytes!("../../data/facts.json");

/// An immutable, validated and indexed snapshot of the fact store.
#[derive(Debug)]
pub struct FactStore {
    pub(crate) snapshot: Snapshot,
    pub(crate) etag: String,
    pub(crate) articles: Vec<Article>,
    pub(crate) article_summaries: Vec<ArticleSummary>,
    pub(crate) article_index: HashMap<String, usize>,
    pub(crate) article_entities: Vec<Vec<ArticleEntity>>,
    pub(crate) article_indexes: query::ArticleIndexes,
    pub(crate) entities: Vec<Entity>,
    pub(crate) entity_index: HashMap<String, usize>,
    /// Each entity as JSON, rendered at load (entities are few, and asked for often).
    pub(crate) entity_json: Vec<Box<str>>,
    pub(crate) entity_names: HashMap<String, Vec<usize>>,
    pub(crate) entity_mentions: Vec<EntityMention>,
    pub(crate) mentions_by_entity: Vec<Vec<usize>>,
    pub(crate) claims: Vec<Claim>,
    pub(crate) claim_index: HashMap<CompactString, usize>,
    pub(crate) claim_indexes: query::ClaimIndexes,
    /// Bytes of claim JSON kept rendered so far (see [`FactStore::claim_json`]).
    pub(crate) claim_json_bytes: AtomicUsize,
}

/// Most bytes of claim JSON a snapshot keeps rendered; claims past it are serialized per request.
pub const CLAIM_JSON_BUDGET: usize = 256 << 20;

impl FactStore {
    /// Loads, validates and indexes a store file: JSON, or a snapshot (checksummed, not validated again).
    /// Purging freed memory is deferred meanwhile (see [`crate::memory`]).
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let _deferred = crate::memory::DeferredPurge::start();
        let validated = load::read(path, false)?;
        Ok(Self::build(validated.facts, validated.snapshot_id))
    }

    /// Loads the store embedded in the binary.
    pub fn embedded() -> Result<Self, LoadError> {
        Self::from_bytes(EMBEDDED_FACTS, "<embedded data/facts.json>")
    }

    /// Loads a store from bytes; `origin` names them in errors.
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Self, LoadError> {
        let validated = load::parse_and_validate(bytes, origin)?;
        Ok(Self::build(validated.facts, validated.snapshot_id))
    }

    /// Builds views and indexes from validated records.
    fn build(facts: FactsFile, snapshot_id: String) -> Self {
        let started = std::time::Instant::now();
        let store = Self::index(facts, snapshot_id);
        tracing::debug!(
            index_ms = started.elapsed().as_millis() as u64,
            "store indexed"
        );
        store
    }

    fn index(mut facts: FactsFile, snapshot_id: String) -> Self {
        // The claims are sorted on another thread while the other records are.
        let field_rank = |f: TextField| TextField::ALL.iter().position(|x| *x == f).unwrap_or(0);
        std::thread::scope(|scope| {
            let claims = &mut facts.claims;
            let sorting = scope.spawn(move || claims.sort_unstable_by(|a, b| a.id.cmp(&b.id)));
            facts.articles.sort_unstable_by(|a, b| a.id.cmp(&b.id));
            facts.entities.sort_unstable_by(|a, b| a.id.cmp(&b.id));
            // Entity mentions, in reading order within each article.
            facts.entity_mentions.sort_by(|a, b| {
                (
                    &a.article_id,
                    field_rank(a.span.field),
                    a.span.start,
                    a.span.end,
                    &a.entity_id,
                )
                    .cmp(&(
                        &b.article_id,
                        field_rank(b.span.field),
                        b.span.start,
                        b.span.end,
                        &b.entity_id,
                    ))
            });
            sorting.join().expect("sorting does not panic");
        });
        let article_index: HashMap<String, usize> = facts
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let entity_index: HashMap<String, usize> = facts
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let article_refs: Vec<Arc<ArticleRef>> = facts
            .articles
            .iter()
            .map(|a| {
                Arc::new(ArticleRef {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    article_date: a.article_date,
                })
            })
            .collect();
        let entity_refs: Vec<Arc<EntityRef>> = facts
            .entities
            .iter()
            .map(|e| {
                Arc::new(EntityRef {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    entity_type: e.entity_type,
                })
            })
            .collect();
        let n_articles = facts.articles.len();
        let n_entities = facts.entities.len();

        // Claims are counted per article first, so that the articles' views (on one thread) need not
        // wait for the claims' (on another).
        let mut article_claim_count = vec![0u32; n_articles];
        for c in &facts.claims {
            article_claim_count[article_index[c.article_id.as_str()]] += 1;
        }
        let mention_records = std::mem::take(&mut facts.entity_mentions);
        let article_records = std::mem::take(&mut facts.articles);
        let claim_records = std::mem::take(&mut facts.claims);
        let (article_side, claim_side) = std::thread::scope(|scope| {
            let article_side = scope.spawn(|| {
                let mut mentions_by_entity = vec![Vec::new(); n_entities];
                // Distinct articles per entity, counted as each entity's mentions come in article order.
                let mut entity_articles = vec![(0u32, None::<usize>); n_entities];
                let mut per_article: Vec<Vec<(usize, MentionSpan)>> = vec![Vec::new(); n_articles];
                let mut entity_mentions = Vec::with_capacity(mention_records.len());
                // Consumed, so each span moves into one of its two views instead of being copied twice.
                for m in mention_records {
                    let e = entity_index[&m.entity_id];
                    let a = article_index[&m.article_id];
                    mentions_by_entity[e].push(entity_mentions.len());
                    let seen = &mut entity_articles[e];
                    if seen.1 != Some(a) {
                        *seen = (seen.0 + 1, Some(a));
                    }
                    per_article[a].push((
                        e,
                        MentionSpan {
                            surface_kind: m.surface_kind,
                            span: m.span.clone(),
                        },
                    ));
                    entity_mentions.push(EntityMention {
                        entity: entity_refs[e].clone(),
                        article: article_refs[a].clone(),
                        surface_kind: m.surface_kind,
                        span: m.span,
                    });
                }
                let article_entities: Vec<Vec<ArticleEntity>> = per_article
                    .into_iter()
                    .map(|spans| {
                        let mut grouped: Vec<ArticleEntity> = Vec::new();
                        let mut slot: HashMap<usize, usize> = HashMap::new();
                        for (e, span) in spans {
                            let i = *slot.entry(e).or_insert_with(|| {
                                grouped.push(ArticleEntity {
                                    entity: entity_refs[e].clone(),
                                    mention_count: 0,
                                    mentions: Vec::new(),
                                });
                                grouped.len() - 1
                            });
                            grouped[i].mention_count += 1;
                            grouped[i].mentions.push(span);
                        }
                        grouped.sort_by(|a, b| a.entity.id.cmp(&b.entity.id));
                        grouped
                    })
                    .collect();

                // Articles.
                let mut articles = Vec::with_capacity(n_articles);
                let mut article_summaries = Vec::with_capacity(n_articles);
                // Consumed, so the article texts move instead of being copied.
                for (i, a) in article_records.into_iter().enumerate() {
                    let claim_count = article_claim_count[i];
                    let entity_count = article_entities[i].len() as u32;
                    article_summaries.push(ArticleSummary {
                        id: a.id.clone(),
                        slug: a.slug.clone(),
                        title: a.title.clone(),
                        summary: a.summary.clone(),
                        article_date: a.article_date,
                        article_date_kind: a.article_date_kind,
                        language: a.language.clone(),
                        dateline: a.dateline.clone(),
                        source: a.source.clone(),
                        claim_count,
                        entity_count,
                    });
                    articles.push(Article {
                        body_length: a.body.chars().count() as u32,
                        id: a.id,
                        slug: a.slug,
                        title: a.title,
                        summary: a.summary,
                        caption: a.caption,
                        body: a.body,
                        article_date: a.article_date,
                        article_date_kind: a.article_date_kind,
                        language: a.language,
                        dateline: a.dateline,
                        source: a.source,
                        provenance: a.provenance,
                        claim_count,
                        entity_count,
                    });
                }

                let article_indexes =
                    query::ArticleIndexes::build(&articles, &article_entities, &entity_index);
                (
                    entity_mentions,
                    mentions_by_entity,
                    entity_articles,
                    article_entities,
                    articles,
                    article_summaries,
                    article_indexes,
                )
            });
            // Claims, consumed so their strings move instead of being copied.
            let n_claims = claim_records.len();
            // Distinct claims per entity, counted as claims come in order.
            let mut entity_claims = vec![(0u32, None::<usize>); n_entities];
            let mut claim_article = Vec::with_capacity(n_claims);
            let mut claim_subjects = Vec::with_capacity(n_claims);
            let mut claim_claimants = Vec::with_capacity(n_claims);
            // Collected in place: the claims take over the records' allocation (see `views::Claim`).
            let claims: Vec<Claim> = (claim_records.into_iter().enumerate())
                .map(|(ci, c)| {
                    let a = article_index[c.article_id.as_str()];
                    let subjects: Vec<usize> =
                        c.subject_ids.iter().map(|id| entity_index[id]).collect();
                    let claimants: Vec<usize> = c
                        .attribution
                        .claimant_ids
                        .iter()
                        .map(|id| entity_index[id])
                        .collect();
                    for &e in subjects.iter().chain(&claimants) {
                        let seen = &mut entity_claims[e];
                        if seen.1 != Some(ci) {
                            *seen = (seen.0 + 1, Some(ci));
                        }
                    }
                    let claim = Claim {
                        id: c.id,
                        article: article_refs[a].clone(),
                        label: c.label,
                        predicate: c.predicate,
                        measured: c.measured,
                        subjects: subjects.iter().map(|&e| entity_refs[e].clone()).collect(),
                        attribution: Attribution {
                            claimants: claimants.iter().map(|&e| entity_refs[e].clone()).collect(),
                            text: c.attribution.text,
                            claimed_date: c.attribution.claimed_date,
                            claimed_date_precision: c.attribution.claimed_date_precision,
                        },
                        value: c.value,
                        time: c.time,
                        mention_count: c.mentions.len() as u32,
                        mentions: c.mentions,
                        consistency: c.consistency,
                        extraction: c.extraction,
                        json: Default::default(),
                    };
                    claim_article.push(a);
                    claim_subjects.push(subjects);
                    claim_claimants.push(claimants);
                    claim
                })
                .collect();
            // The id map is built on another thread while the claim indexes are.
            let (claim_index, claim_indexes) = std::thread::scope(|inner| {
                let ids = inner.spawn(|| -> HashMap<CompactString, usize> {
                    (claims.iter().enumerate())
                        .map(|(i, c)| (c.id.clone(), i))
                        .collect()
                });
                let claim_indexes = query::ClaimIndexes::build(
                    &claims,
                    &claim_article,
                    &claim_subjects,
                    &claim_claimants,
                    n_articles,
                    n_entities,
                );
                (ids.join().expect("indexing does not panic"), claim_indexes)
            });

            (
                article_side.join().expect("indexing does not panic"),
                (claims, claim_index, claim_indexes, entity_claims),
            )
        });
        let (
            entity_mentions,
            mentions_by_entity,
            entity_articles,
            article_entities,
            articles,
            article_summaries,
            article_indexes,
        ) = article_side;
        let (claims, claim_index, claim_indexes, entity_claims) = claim_side;

        // Entities, and every name they answer to.
        let mut entity_names: HashMap<String, Vec<usize>> = HashMap::new();
        let mut entities = Vec::with_capacity(n_entities);
        for (i, e) in facts.entities.iter().enumerate() {
            let keys = std::iter::once(e.id.as_str())
                .chain(std::iter::once(e.name.as_str()))
                .chain(e.aliases.iter().map(|a| a.text.as_str()));
            for key in keys {
                let slot = entity_names.entry(normalize_name(key)).or_default();
                if !slot.contains(&i) {
                    slot.push(i);
                }
            }
            entities.push(Entity {
                id: e.id.clone(),
                name: e.name.clone(),
                entity_type: e.entity_type,
                aliases: e.aliases.clone(),
                description: e.description.clone(),
                country_code: e.country_code.clone(),
                wikidata_id: e.wikidata_id.clone(),
                article_count: entity_articles[i].0,
                claim_count: entity_claims[i].0,
                mention_count: mentions_by_entity[i].len() as u32,
            });
        }

        let entity_json = entities
            .iter()
            .map(|e| {
                serde_json::to_string(e)
                    .expect("entities serialize")
                    .into_boxed_str()
            })
            .collect();

        let snapshot = Snapshot {
            id: snapshot_id,
            format_version: facts.format_version,
            article_count: n_articles as u32,
            entity_count: n_entities as u32,
            entity_mention_count: entity_mentions.len() as u32,
            claim_count: claims.len() as u32,
        };
        let etag = format!("W/\"{}\"", snapshot.id);
        FactStore {
            snapshot,
            etag,
            articles,
            article_summaries,
            article_index,
            article_entities,
            article_indexes,
            entities,
            entity_index,
            entity_json,
            entity_names,
            entity_mentions,
            mentions_by_entity,
            claims,
            claim_index,
            claim_indexes,
            claim_json_bytes: AtomicUsize::new(0),
        }
    }

    /// The snapshot's id and counts.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// The weak ETag shared by every representation of this snapshot.
    pub fn etag(&self) -> &str {
        &self.etag
    }

    /// One article by id.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.article_index.get(id).map(|&i| &self.articles[i])
    }

    /// `claim` as JSON, the same bytes as serializing it. Each claim's first rendering is kept while
    /// the renderings kept total under [`CLAIM_JSON_BUDGET`], so a claim asked for again is copied,
    /// not serialized again.
    pub fn claim_json<'a>(&self, claim: &'a Claim) -> Cow<'a, RawValue> {
        if let Some(json) = claim.json.get() {
            return Cow::Borrowed(&**json);
        }
        let json = serde_json::to_string(claim).expect("claims serialize");
        let json = RawValue::from_string(json).expect("serde_json writes valid JSON");
        let len = json.get().len();
        if self.claim_json_bytes.load(Ordering::Relaxed) + len > CLAIM_JSON_BUDGET {
            return Cow::Owned(json);
        }
        match claim.json.set(Box::new(json)) {
            Ok(()) => {
                self.claim_json_bytes.fetch_add(len, Ordering::Relaxed);
                Cow::Borrowed(&**claim.json.get().expect("just set"))
            }
            // Another request rendered it first.
            Err(json) => Cow::Owned(*json),
        }
    }

    /// One claim by id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claim_index.get(id).map(|&i| &self.claims[i])
    }

    /// The position of a claim in [`Self::claims`], by id.
    pub fn claim_position(&self, id: &str) -> Option<usize> {
        self.claim_index.get(id).copied()
    }

    /// The kept JSON of the claim at `position` (see [`Self::claim_json`]), if it has been kept.
    pub fn kept_claim_json(&self, position: usize) -> Option<&str> {
        self.claims.get(position)?.json.get().map(|json| json.get())
    }

    /// One entity by id, name, alias or acronym, case-insensitively.
    pub fn entity(&self, key: &str) -> Result<&Entity, Lookup> {
        self.entity_position(key).map(|i| &self.entities[i])
    }

    /// The JSON of the entity at `position`, the same bytes as serializing it.
    pub fn entity_json(&self, position: usize) -> &str {
        &self.entity_json[position]
    }

    /// Every entity in id order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Every claim in id order.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// Every article in id order.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Every entity mention, by article and reading order.
    pub fn entity_mentions(&self) -> &[EntityMention] {
        &self.entity_mentions
    }

    /// The position of an entity in [`Self::entities`], by id, name, alias or acronym.
    pub fn entity_position(&self, key: &str) -> Result<usize, Lookup> {
        if let Some(&i) = self.entity_index.get(key) {
            return Ok(i);
        }
        match self
            .entity_names
            .get(&normalize_name(key))
            .map(Vec::as_slice)
        {
            None | Some([]) => Err(Lookup::NotFound),
            Some([i]) => Ok(*i),
            Some(many) => Err(Lookup::Ambiguous(
                many.iter()
                    .map(|&i| EntityRef {
                        id: self.entities[i].id.clone(),
                        name: self.entities[i].name.clone(),
                        entity_type: self.entities[i].entity_type,
                    })
                    .collect(),
            )),
        }
    }

    pub(crate) fn resolve_article(&self, key: &str) -> Option<usize> {
        self.article_index.get(key).copied()
    }
}

/// Why an entity key did not resolve to one entity.
#[derive(Debug, Clone)]
pub enum Lookup {
    /// No entity has that id, name or alias.
    NotFound,
    /// Several entities share that name or alias.
    Ambiguous(Vec<EntityRef>),
}

/// Case- and space-insensitive form of a name, with typographic apostrophes folded.
pub fn normalize_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{2019}', '\u{2018}'], "'")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_json_is_the_serialized_entity() {
        let store = FactStore::embedded().unwrap();
        assert!(!store.entities.is_empty());
        for (i, entity) in store.entities.iter().enumerate() {
            assert_eq!(store.entity_json(i), serde_json::to_string(entity).unwrap());
            assert_eq!(store.entity_position(&entity.id).ok(), Some(i));
        }
    }

    #[test]
    fn claim_json_is_the_serialized_claim_rendered_once_and_kept() {
        let store = FactStore::embedded().unwrap();
        let mut kept = 0;
        for claim in &store.claims {
            let expected = serde_json::to_string(claim).unwrap();
            let first = store.claim_json(claim);
            assert!(matches!(first, Cow::Borrowed(_)));
            assert_eq!(first.get(), expected);
            let again = store.claim_json(claim);
            assert!(
                std::ptr::eq(again.get(), first.get()),
                "kept, not rendered again"
            );
            kept += expected.len();
        }
        assert_eq!(store.claim_json_bytes.load(Ordering::Relaxed), kept);
    }

    #[test]
    fn claims_past_the_budget_are_rendered_but_not_kept() {
        let store = FactStore::embedded().unwrap();
        store
            .claim_json_bytes
            .store(CLAIM_JSON_BUDGET - 10, Ordering::Relaxed);
        let claim = &store.claims[0];
        let json = store.claim_json(claim);
        assert!(matches!(json, Cow::Owned(_)));
        assert_eq!(json.get(), serde_json::to_string(claim).unwrap());
        assert!(claim.json.get().is_none());
    }
}
