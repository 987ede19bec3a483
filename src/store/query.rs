//! Filtering, sorting and paging over a [`FactStore`].

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::{wire_enum, ClaimConsistency, EntityType, QuantityKind, QuantityModifier};
use super::views::{Article, ArticleEntity, ArticleSummary, Claim, Entity, EntityMention};
use super::{FactStore, Lookup};

wire_enum! {
    /// Order of a claim list; the claim id breaks ties.
    ClaimSort {
        /// Newest article first (default).
        ArticleDateDesc => "article_date_desc",
        /// Oldest article first.
        ArticleDateAsc => "article_date_asc",
        /// Largest amount first; vague claims (no amount) last.
        AmountDesc => "amount_desc",
        /// Smallest amount first; vague claims (no amount) last.
        AmountAsc => "amount_asc",
    }
}

wire_enum! {
    /// Order of an article list; the article id breaks ties.
    ArticleSort {
        /// Newest first (default).
        ArticleDateDesc => "article_date_desc",
        /// Oldest first.
        ArticleDateAsc => "article_date_asc",
    }
}

wire_enum! {
    /// Order of an entity list; the entity id breaks ties.
    EntitySort {
        /// By name, A to Z (default).
        NameAsc => "name_asc",
        /// Most claims first.
        ClaimCountDesc => "claim_count_desc",
        /// Most mentions first.
        MentionCountDesc => "mention_count_desc",
    }
}

wire_enum! {
    /// Which role an entity plays in the claims listed for it.
    EntityRole {
        /// Subject or claimant (default).
        Any => "any",
        /// The figure is about the entity.
        Subject => "subject",
        /// The entity states the figure.
        Claimant => "claimant",
    }
}

/// Why a filter value was rejected.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterError {
    /// The query parameter.
    pub parameter: &'static str,
    /// What is wrong.
    pub detail: String,
    /// The value given.
    pub value: String,
}

/// Filters for claim lists. Empty lists mean "any"; values within a list are ORed, lists are ANDed.
#[derive(Debug, Clone, Default)]
pub struct ClaimQuery {
    /// Article ids.
    pub article: Vec<String>,
    /// Entity ids, names or aliases (subject or claimant, see `role`).
    pub entity: Vec<String>,
    /// Role the `entity` values must play.
    pub role: Option<EntityRole>,
    /// Quantity kinds.
    pub kind: Vec<QuantityKind>,
    /// Quantity modifiers.
    pub modifier: Vec<QuantityModifier>,
    /// Units (`PKR`, `percent`, `day`), case-insensitive.
    pub unit: Vec<String>,
    /// Predicates.
    pub predicate: Vec<String>,
    /// Claim consistency.
    pub consistency: Vec<ClaimConsistency>,
    /// Minimum amount, inclusive.
    pub amount_gte: Option<f64>,
    /// Maximum amount, inclusive.
    pub amount_lte: Option<f64>,
    /// Earliest article date, inclusive.
    pub article_date_gte: Option<NaiveDate>,
    /// Latest article date, inclusive.
    pub article_date_lte: Option<NaiveDate>,
    /// Case-insensitive text over label, measured thing and evidence.
    pub q: Option<String>,
    /// Sort keys; the first wins, later ones break ties, then the id.
    pub sort: Vec<ClaimSort>,
}

/// Filters for article lists.
#[derive(Debug, Clone, Default)]
pub struct ArticleQuery {
    /// Entity ids, names or aliases named in the article.
    pub entity: Vec<String>,
    /// Earliest article date, inclusive.
    pub article_date_gte: Option<NaiveDate>,
    /// Latest article date, inclusive.
    pub article_date_lte: Option<NaiveDate>,
    /// Case-insensitive text over title, summary, caption and body.
    pub q: Option<String>,
    /// Sort keys.
    pub sort: Vec<ArticleSort>,
}

/// Filters for entity lists.
#[derive(Debug, Clone, Default)]
pub struct EntityQuery {
    /// Case-insensitive text over id, name and aliases.
    pub q: Option<String>,
    /// Entity types.
    pub entity_type: Vec<EntityType>,
    /// Sort keys.
    pub sort: Vec<EntitySort>,
}

/// Why a lookup by id failed.
#[derive(Debug, Clone)]
pub enum NotFound {
    /// No such article.
    Article,
    /// No such entity, or an ambiguous name.
    Entity(Lookup),
}

impl FactStore {
    /// Entity indexes matching `values` (ids, names or aliases); unknown values match nothing.
    fn entity_filter(
        &self,
        parameter: &'static str,
        values: &[String],
    ) -> Result<Vec<usize>, FilterError> {
        let mut out = Vec::new();
        for v in values {
            match self.resolve_entity(v) {
                Ok(i) => out.push(i),
                Err(Lookup::NotFound) => {}
                Err(Lookup::Ambiguous(refs)) => {
                    return Err(FilterError {
                        parameter,
                        detail: format!("is ambiguous: {}; use an entity id", describe_refs(&refs)),
                        value: v.clone(),
                    })
                }
            }
        }
        Ok(out)
    }

    /// Claims matching `query`, in order.
    pub fn list_claims(&self, query: &ClaimQuery) -> Result<Vec<&Claim>, FilterError> {
        let entities = self.entity_filter("entity", &query.entity)?;
        let articles: Vec<usize> = query
            .article
            .iter()
            .filter_map(|a| self.resolve_article(a))
            .collect();
        let role = query.role.unwrap_or(EntityRole::Any);
        let q = query.q.as_ref().map(|q| q.to_lowercase());
        let units: Vec<String> = query.unit.iter().map(|u| u.to_lowercase()).collect();
        let mut out: Vec<usize> = (0..self.claims.len())
            .filter(|&i| {
                let c = &self.claims[i];
                (query.article.is_empty() || articles.contains(&self.claim_article[i]))
                    && (query.entity.is_empty()
                        || entities.iter().any(|e| {
                            (role != EntityRole::Claimant && self.claim_subjects[i].contains(e))
                                || (role != EntityRole::Subject
                                    && self.claim_claimants[i].contains(e))
                        }))
                    && (query.kind.is_empty() || query.kind.contains(&c.value.kind))
                    && (query.modifier.is_empty() || query.modifier.contains(&c.value.modifier))
                    && (units.is_empty()
                        || c.value
                            .unit
                            .as_ref()
                            .is_some_and(|u| units.contains(&u.to_lowercase())))
                    && (query.predicate.is_empty() || query.predicate.contains(&c.predicate))
                    && (query.consistency.is_empty() || query.consistency.contains(&c.consistency))
                    && query
                        .amount_gte
                        .is_none_or(|min| c.value.amount.is_some_and(|a| a >= min))
                    && query
                        .amount_lte
                        .is_none_or(|max| c.value.amount.is_some_and(|a| a <= max))
                    && query
                        .article_date_gte
                        .is_none_or(|d| c.article.article_date >= d)
                    && query
                        .article_date_lte
                        .is_none_or(|d| c.article.article_date <= d)
                    && q.as_ref()
                        .is_none_or(|q| self.claim_text[i].contains(q.as_str()))
            })
            .collect();
        let sort = if query.sort.is_empty() {
            &[ClaimSort::ArticleDateDesc][..]
        } else {
            &query.sort
        };
        out.sort_by(|&a, &b| {
            let (ca, cb) = (&self.claims[a], &self.claims[b]);
            sort.iter()
                .map(|key| match key {
                    ClaimSort::ArticleDateDesc => {
                        cb.article.article_date.cmp(&ca.article.article_date)
                    }
                    ClaimSort::ArticleDateAsc => {
                        ca.article.article_date.cmp(&cb.article.article_date)
                    }
                    ClaimSort::AmountDesc => amount_order(cb.value.amount, ca.value.amount, true),
                    ClaimSort::AmountAsc => amount_order(ca.value.amount, cb.value.amount, false),
                })
                .fold(Ordering::Equal, Ordering::then)
                .then_with(|| ca.id.cmp(&cb.id))
        });
        Ok(out.into_iter().map(|i| &self.claims[i]).collect())
    }

    /// Claims of one article matching `query`.
    pub fn list_article_claims(
        &self,
        article_id: &str,
        query: &ClaimQuery,
    ) -> Result<Result<Vec<&Claim>, FilterError>, NotFound> {
        let article = self.article(article_id).ok_or(NotFound::Article)?;
        let mut query = query.clone();
        query.article = vec![article.id.clone()];
        Ok(self.list_claims(&query))
    }

    /// Claims where the entity is subject or claimant (see `query.role`).
    pub fn list_entity_claims(
        &self,
        key: &str,
        query: &ClaimQuery,
    ) -> Result<Result<Vec<&Claim>, FilterError>, NotFound> {
        let entity = self.resolve_entity(key).map_err(NotFound::Entity)?;
        let mut query = query.clone();
        query.entity = vec![self.entities[entity].id.clone()];
        Ok(self.list_claims(&query))
    }

    /// Articles matching `query`, in order.
    pub fn list_articles(&self, query: &ArticleQuery) -> Result<Vec<&ArticleSummary>, FilterError> {
        let entities = self.entity_filter("entity", &query.entity)?;
        let q = query.q.as_ref().map(|q| q.to_lowercase());
        let mut out: Vec<usize> = (0..self.articles.len())
            .filter(|&i| {
                let a: &Article = &self.articles[i];
                (query.entity.is_empty()
                    || self.article_entities[i].iter().any(|ae| {
                        entities
                            .iter()
                            .any(|&e| self.entities[e].id == ae.entity.id)
                    }))
                    && query.article_date_gte.is_none_or(|d| a.article_date >= d)
                    && query.article_date_lte.is_none_or(|d| a.article_date <= d)
                    && q.as_ref()
                        .is_none_or(|q| self.article_text[i].contains(q.as_str()))
            })
            .collect();
        let sort = if query.sort.is_empty() {
            &[ArticleSort::ArticleDateDesc][..]
        } else {
            &query.sort
        };
        out.sort_by(|&a, &b| {
            let (x, y) = (&self.articles[a], &self.articles[b]);
            sort.iter()
                .map(|key| match key {
                    ArticleSort::ArticleDateDesc => y.article_date.cmp(&x.article_date),
                    ArticleSort::ArticleDateAsc => x.article_date.cmp(&y.article_date),
                })
                .fold(Ordering::Equal, Ordering::then)
                .then_with(|| x.id.cmp(&y.id))
        });
        Ok(out
            .into_iter()
            .map(|i| &self.article_summaries[i])
            .collect())
    }

    /// Entities matching `query`, in order.
    pub fn list_entities(&self, query: &EntityQuery) -> Vec<&Entity> {
        let q = query.q.as_ref().map(|q| super::normalize_name(q));
        let mut out: Vec<&Entity> = self
            .entities
            .iter()
            .filter(|e| {
                (query.entity_type.is_empty() || query.entity_type.contains(&e.entity_type))
                    && q.as_ref().is_none_or(|q| {
                        std::iter::once(e.id.as_str())
                            .chain(std::iter::once(e.name.as_str()))
                            .chain(e.aliases.iter().map(|a| a.text.as_str()))
                            .any(|name| super::normalize_name(name).contains(q.as_str()))
                    })
            })
            .collect();
        let sort = if query.sort.is_empty() {
            &[EntitySort::NameAsc][..]
        } else {
            &query.sort
        };
        out.sort_by(|x, y| {
            sort.iter()
                .map(|key| match key {
                    EntitySort::NameAsc => x.name.to_lowercase().cmp(&y.name.to_lowercase()),
                    EntitySort::ClaimCountDesc => y.claim_count.cmp(&x.claim_count),
                    EntitySort::MentionCountDesc => y.mention_count.cmp(&x.mention_count),
                })
                .fold(Ordering::Equal, Ordering::then)
                .then_with(|| x.id.cmp(&y.id))
        });
        out
    }

    /// Mentions of one entity, optionally only in the given articles.
    pub fn list_entity_mentions(
        &self,
        key: &str,
        articles: &[String],
    ) -> Result<Vec<&EntityMention>, NotFound> {
        let e = self.resolve_entity(key).map_err(NotFound::Entity)?;
        Ok(self.mentions_by_entity[e]
            .iter()
            .map(|&m| &self.entity_mentions[m])
            .filter(|m| articles.is_empty() || articles.contains(&m.article.id))
            .collect())
    }

    /// Entities named in one article, optionally only of the given types.
    pub fn list_article_entities(
        &self,
        article_id: &str,
        types: &[EntityType],
    ) -> Result<Vec<&ArticleEntity>, NotFound> {
        let a = self.resolve_article(article_id).ok_or(NotFound::Article)?;
        Ok(self.article_entities[a]
            .iter()
            .filter(|ae| types.is_empty() || types.contains(&ae.entity.entity_type))
            .collect())
    }
}

/// Orders two optional amounts, keeping `None` last whatever the direction.
fn amount_order(first: Option<f64>, second: Option<f64>, descending: bool) -> Ordering {
    match (first, second) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (None, None) => Ordering::Equal,
        // `first`/`second` are swapped for descending order; undo that for the None case.
        (None, Some(_)) => {
            if descending {
                Ordering::Less
            } else {
                Ordering::Greater
            }
        }
        (Some(_), None) => {
            if descending {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
    }
}

/// "Name (id), Name (id)" for error messages.
pub fn describe_refs(refs: &[super::views::EntityRef]) -> String {
    refs.iter()
        .map(|r| format!("{} ({})", r.name, r.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One page of a list.
#[derive(Debug)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Offset of the next page, if any.
    pub next_offset: Option<usize>,
    /// Number of items in the whole list.
    pub total: usize,
}

/// Cuts `items` to the page starting at `offset` with at most `size` items.
pub fn paginate<T>(items: Vec<T>, offset: usize, size: usize) -> Page<T> {
    let total = items.len();
    let end = offset.saturating_add(size).min(total);
    let next_offset = (end < total).then_some(end);
    let items = items.into_iter().skip(offset).take(size).collect();
    Page {
        items,
        next_offset,
        total,
    }
}
