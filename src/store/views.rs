//! The API's response shapes, built once from the store records at load time.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::Serialize;
use serde_json::value::RawValue;
use utoipa::ToSchema;

use super::model::{
    Alias, ArticleDateKind, ClaimConsistency, ClaimMention, DatePrecision, EntityType, Extraction,
    Provenance, Quantity, Source, Span, SurfaceKind, TimeQualifier,
};

/// A small reference to an article, embedded in claims and mentions.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleRef {
    /// Article id.
    #[schema(examples("art_33b93e53bbb4"))]
    pub id: String,
    /// Headline.
    pub title: String,
    /// Date printed on the page.
    pub article_date: NaiveDate,
}

/// A small reference to an entity, embedded in claims and mentions.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityRef {
    /// Entity id.
    #[schema(examples("pakistan-telecommunication-authority"))]
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
}

/// An article in a list: metadata and summary, without caption and body.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleSummary {
    /// Article id: `art_` and 12 hex digits derived from title and date.
    #[schema(examples("art_33b93e53bbb4"))]
    pub id: String,
    /// Readable kebab-case slug of the title.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Summary bullets joined by a line feed; empty when the article has none.
    pub summary: String,
    /// Date printed on the page.
    pub article_date: NaiveDate,
    /// Whether `article_date` is a publication or an update date.
    pub article_date_kind: ArticleDateKind,
    /// BCP 47 language tag.
    #[schema(examples("en"))]
    pub language: String,
    /// Place named in the dateline.
    #[schema(required = true)]
    pub dateline: Option<String>,
    /// Publisher and address; both null when the text names neither.
    pub source: Source,
    /// Number of claims extracted from the article.
    pub claim_count: u32,
    /// Number of distinct entities named in the article.
    pub entity_count: u32,
}

/// An article with all its text fields. Span offsets index these fields in code points.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Article {
    /// Article id: `art_` and 12 hex digits derived from title and date.
    #[schema(examples("art_33b93e53bbb4"))]
    pub id: String,
    /// Readable kebab-case slug of the title.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Summary bullets joined by a line feed; empty when the article has none.
    pub summary: String,
    /// Photo caption.
    #[schema(required = true)]
    pub caption: Option<String>,
    /// Body paragraphs separated by a blank line.
    pub body: String,
    /// Length of `body` in code points.
    pub body_length: u32,
    /// Date printed on the page.
    pub article_date: NaiveDate,
    /// Whether `article_date` is a publication or an update date.
    pub article_date_kind: ArticleDateKind,
    /// BCP 47 language tag.
    #[schema(examples("en"))]
    pub language: String,
    /// Place named in the dateline.
    #[schema(required = true)]
    pub dateline: Option<String>,
    /// Publisher and address; both null when the text names neither.
    pub source: Source,
    /// Where the text came from.
    pub provenance: Provenance,
    /// Number of claims extracted from the article.
    pub claim_count: u32,
    /// Number of distinct entities named in the article.
    pub entity_count: u32,
}

/// A named entity with its aliases and counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(examples(json!({"id": "pakistan-telecommunication-authority", "name": "Pakistan Telecommunication Authority",
    "type": "organization", "aliases": [{"text": "PTA", "kind": "acronym", "source": "text"}],
    "description": "Telecommunications regulator of Pakistan.", "country_code": "PK", "wikidata_id": null,
    "article_count": 1, "claim_count": 1, "mention_count": 5})))]
pub struct Entity {
    /// Entity id: kebab-case slug of the canonical name.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Acronyms, alternate names and descriptors.
    pub aliases: Vec<Alias>,
    /// One-line description.
    #[schema(required = true)]
    pub description: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[schema(required = true)]
    pub country_code: Option<String>,
    /// Wikidata item id, only when confirmed.
    #[schema(required = true, pattern = "^Q[0-9]+$")]
    pub wikidata_id: Option<String>,
    /// Number of articles naming the entity.
    pub article_count: u32,
    /// Number of claims with the entity as subject or claimant.
    pub claim_count: u32,
    /// Number of places the entity is named.
    pub mention_count: u32,
}

/// One place where an entity is named.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityMention {
    /// The entity named.
    pub entity: Arc<EntityRef>,
    /// The article it is named in.
    pub article: Arc<ArticleRef>,
    /// How it is named.
    pub surface_kind: SurfaceKind,
    /// Where it is named.
    pub span: Span,
}

/// Where an entity is named within one article.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MentionSpan {
    /// How it is named.
    pub surface_kind: SurfaceKind,
    /// Where it is named.
    pub span: Span,
}

/// An entity named in one article, with every place it is named there.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ArticleEntity {
    /// The entity.
    pub entity: Arc<EntityRef>,
    /// Number of places it is named in the article.
    pub mention_count: u32,
    /// The places, in reading order (title, summary, caption, body).
    pub mentions: Vec<MentionSpan>,
}

/// Who states a figure and when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Attribution {
    /// Entities who state the figure.
    pub claimants: Vec<Arc<EntityRef>>,
    /// The attribution phrase as written.
    #[schema(required = true, value_type = Option<String>)]
    pub text: Option<CompactString>,
    /// When the figure was stated.
    #[schema(required = true)]
    pub claimed_date: Option<NaiveDate>,
    /// Precision of `claimed_date`.
    #[schema(required = true)]
    pub claimed_date_precision: Option<DatePrecision>,
}

/// A numeric claim: one fact in one article, with every place the article states it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Claim {
    /// Claim id: `clm_` and 12 hex digits derived from the canonical quantity span.
    #[schema(value_type = String, examples("clm_221f1809bd7b"))]
    pub id: CompactString,
    /// The article stating the claim.
    pub article: Arc<ArticleRef>,
    /// Readable statement of the fact.
    #[schema(value_type = String)]
    pub label: CompactString,
    /// Open snake_case predicate such as `blocked_count`.
    #[schema(value_type = String, examples("blocked_count"))]
    pub predicate: CompactString,
    /// What is counted or measured.
    #[schema(value_type = String)]
    pub measured: CompactString,
    /// Entities the figure is about.
    pub subjects: Vec<Arc<EntityRef>>,
    /// Who said it and when.
    pub attribution: Attribution,
    /// Canonical value.
    pub value: Quantity,
    /// When the figure holds.
    pub time: TimeQualifier,
    /// Every statement of the figure in the article; exactly one is canonical.
    pub mentions: Vec<ClaimMention>,
    /// Number of mentions.
    pub mention_count: u32,
    /// Worst consistency over the mentions; `inconsistent` flags a headline that contradicts the body.
    pub consistency: ClaimConsistency,
    /// How the claim was extracted.
    pub extraction: Extraction,
    /// This claim as JSON once rendered and kept ([`super::FactStore::claim_json`]). Boxed twice, so
    /// that the field is one pointer wide and a claim is no larger than the record it is made from.
    #[serde(skip)]
    pub(crate) json: OnceLock<Box<Box<RawValue>>>,
}

// Loading turns the vector of claim records into the vector of claims in place (`collect` reuses the
// records' allocation when an item is no larger and equally aligned), instead of allocating
// hundreds of megabytes more at a million claims.
const _: () = assert!(
    std::mem::size_of::<Claim>() <= std::mem::size_of::<super::model::ClaimRecord>()
        && std::mem::align_of::<Claim>() == std::mem::align_of::<super::model::ClaimRecord>()
);

/// The loaded fact store: its id (the ETag) and counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(examples(json!({"id": "s-38c61ecf1908744b", "format_version": 1, "article_count": 2,
    "entity_count": 24, "entity_mention_count": 60, "claim_count": 16})))]
pub struct Snapshot {
    /// `s-` and 16 hex digits of BLAKE3 over the store file; also the weak ETag of every response.
    pub id: String,
    /// Store file format version.
    pub format_version: u32,
    /// Number of articles.
    pub article_count: u32,
    /// Number of entities.
    pub entity_count: u32,
    /// Number of entity mentions.
    pub entity_mention_count: u32,
    /// Number of claims.
    pub claim_count: u32,
}
