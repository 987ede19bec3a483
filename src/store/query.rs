//! Filtering, sorting and paging over a [`FactStore`].

use foldhash::{HashMap, HashMapExt};
use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::index::{
    lowercase, rank_page, rank_page_where, words, Bitset, Filter, Postings, RangeIndex, RankSets,
    TextIndex,
};
use super::model::{
    wire_enum, ClaimConsistency, EntityType, QuantityKind, QuantityModifier, WireEnum,
};
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
    /// Words that must each begin a word of the label, measured thing, value or evidence.
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
    /// Words that must each begin a word of the title, summary, caption or body.
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
            match self.entity_position(v) {
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

    /// One page of the claims matching `query`, in order.
    pub fn list_claims(
        &self,
        query: &ClaimQuery,
        offset: usize,
        size: usize,
    ) -> Result<Page<&Claim>, FilterError> {
        self.list_claims_tuned(query, offset, size, 16, true)
    }

    /// [`Self::list_claims`], answering from the sets of dense lists over sort ranks when `dense` and
    /// the query allows it (see [`Self::dense_page`]); otherwise intersecting a filter as a set when its
    /// lists name fewer than `set_factor` times the candidates left, else checking it on each
    /// candidate's row.
    fn list_claims_tuned(
        &self,
        query: &ClaimQuery,
        offset: usize,
        size: usize,
        set_factor: usize,
        dense: bool,
    ) -> Result<Page<&Claim>, FilterError> {
        let ix = &self.claim_indexes;
        let n = self.claims.len();
        let role = query.role.unwrap_or(EntityRole::Any);
        let entities = self.entity_filter("entity", &query.entity)?;
        let units: Vec<String> = query.unit.iter().map(|u| u.to_lowercase()).collect();
        if dense {
            if let Some(page) = self.dense_page(query, &entities, role, &units, offset, size) {
                return Ok(page.map(|i| &self.claims[i as usize]));
            }
        }
        // Each filter names its candidates through an index (posting lists, a range slice, word
        // index sets); the smallest starts the result set, which the others then narrow.
        let mut filters: Vec<(ClaimFilter, Vec<&[u32]>)> = Vec::new();
        let articles: Vec<usize> = query
            .article
            .iter()
            .filter_map(|a| self.resolve_article(a))
            .collect();
        if !query.article.is_empty() {
            filters.push((
                ClaimFilter::Article,
                articles.iter().map(|&a| ix.article[a].as_slice()).collect(),
            ));
        }
        if !query.entity.is_empty() {
            let mut lists: Vec<&[u32]> = Vec::new();
            for &e in &entities {
                if role != EntityRole::Claimant {
                    lists.push(&ix.subject[e]);
                }
                if role != EntityRole::Subject {
                    lists.push(&ix.claimant[e]);
                }
            }
            filters.push((ClaimFilter::Entity, lists));
        }
        if !query.kind.is_empty() {
            filters.push((
                ClaimFilter::Kind,
                query
                    .kind
                    .iter()
                    .filter_map(|k| ix.kind.get(k).map(Vec::as_slice))
                    .collect(),
            ));
        }
        if !query.modifier.is_empty() {
            filters.push((
                ClaimFilter::Modifier,
                query
                    .modifier
                    .iter()
                    .filter_map(|m| ix.modifier.get(m).map(Vec::as_slice))
                    .collect(),
            ));
        }
        if !query.consistency.is_empty() {
            filters.push((
                ClaimFilter::Consistency,
                query
                    .consistency
                    .iter()
                    .filter_map(|c| ix.consistency.get(c).map(Vec::as_slice))
                    .collect(),
            ));
        }
        if !units.is_empty() {
            filters.push((
                ClaimFilter::Unit,
                units
                    .iter()
                    .filter_map(|u| ix.unit.get(u).map(Vec::as_slice))
                    .collect(),
            ));
        }
        if !query.predicate.is_empty() {
            filters.push((
                ClaimFilter::Predicate,
                query
                    .predicate
                    .iter()
                    .filter_map(|p| ix.predicate.get(p).map(Vec::as_slice))
                    .collect(),
            ));
        }
        let amounts = query.amount_gte.is_some() || query.amount_lte.is_some();
        if amounts {
            filters.push((
                ClaimFilter::Amount,
                vec![ix.amount.slice(query.amount_gte, query.amount_lte)],
            ));
        }
        let dates = query.article_date_gte.is_some() || query.article_date_lte.is_some();
        if dates {
            filters.push((
                ClaimFilter::Date,
                vec![ix
                    .date
                    .slice(query.article_date_gte, query.article_date_lte)],
            ));
        }
        let text = query.q.as_ref().map(|q| ix.text.search(q, n));
        let unit_ids: Vec<u32> = units
            .iter()
            .filter_map(|u| ix.unit_ids.get(u).copied())
            .collect();
        let predicate_ids: Vec<u32> = query
            .predicate
            .iter()
            .filter_map(|p| ix.predicate_ids.get(p).copied())
            .collect();
        let set = match filters.iter().min_by_key(|(_, lists)| cost(lists)) {
            Some((first, lists)) => {
                // The filter naming the fewest candidates starts the set; kinds, modifiers and
                // consistencies are intersected as precomputed sets.
                let mut set = Bitset::union(n, lists.iter().copied());
                let mut applied = vec![*first];
                and_any_of(&mut set, &query.kind, &ix.kind_sets);
                and_any_of(&mut set, &query.modifier, &ix.modifier_sets);
                and_any_of(&mut set, &query.consistency, &ix.consistency_sets);
                applied.extend([
                    ClaimFilter::Kind,
                    ClaimFilter::Modifier,
                    ClaimFilter::Consistency,
                ]);
                if let Some(t) = &text {
                    set.intersect(t);
                }
                // Another filter is intersected as a set when its lists are short next to the
                // candidates left; otherwise each candidate's row is checked (a cache miss each).
                let candidates = set.count();
                for (which, lists) in &filters {
                    if !applied.contains(which)
                        && cost(lists) < set_factor.saturating_mul(candidates)
                    {
                        set.intersect(&Bitset::union(n, lists.iter().copied()));
                        applied.push(*which);
                    }
                }
                let check = |which: ClaimFilter, wanted: bool| wanted && !applied.contains(&which);
                let by_article = check(ClaimFilter::Article, !query.article.is_empty());
                let by_entity = check(ClaimFilter::Entity, !query.entity.is_empty());
                let by_unit = check(ClaimFilter::Unit, !units.is_empty());
                let by_predicate = check(ClaimFilter::Predicate, !query.predicate.is_empty());
                let by_amount = check(ClaimFilter::Amount, amounts);
                let by_date = check(ClaimFilter::Date, dates);
                let passes = |i: usize| {
                    let r = &ix.rows[i];
                    (!by_article || articles.contains(&(r.article as usize)))
                        && (!by_unit || unit_ids.contains(&r.unit))
                        && (!by_predicate || predicate_ids.contains(&r.predicate))
                        && (!by_amount || amount_within(query, r))
                        && (!by_date || date_within(query, r))
                        && (!by_entity
                            || ix.roles(i).iter().any(|&(e, claimant)| {
                                (if claimant {
                                    role != EntityRole::Subject
                                } else {
                                    role != EntityRole::Claimant
                                }) && entities.contains(&(e as usize))
                            }))
                };
                if by_article || by_entity || by_unit || by_predicate || by_amount || by_date {
                    // In position order, so rows are read front to back, not at random.
                    set.retain(passes);
                }
                Some(set)
            }
            None => text,
        };
        let page = match query.sort.as_slice() {
            [] | [_] => {
                let key = query
                    .sort
                    .first()
                    .copied()
                    .unwrap_or(ClaimSort::ArticleDateDesc);
                // Without a set there is no range filter either, so the whole order is kept.
                let order = within_ranges(&ix.orders[key as usize], &ix.rows, key, query);
                select(order, set.as_ref(), offset, size)
            }
            keys => {
                // Several sort keys: order the matches by all of them, as packed integers.
                let matches =
                    (0..n as u32).filter(|&i| set.as_ref().is_none_or(|s| s.contains(i as usize)));
                sorted_page(&ix.rows, matches, keys, offset, size)
            }
        };
        Ok(page.map(|i| &self.claims[i as usize]))
    }

    /// The page of [`Self::list_claims`] from the dense lists' sets over the ranks of the first sort
    /// key's order, when every value filter names only dense lists (or none) and there is at most one
    /// range filter. A range on the first sort key: the filters AND word by word over the part of the
    /// order within it, which also counts the matches; later sort keys order the matches tied on the
    /// first up to the page's end. A range on the other key (one sort key, a page ending within
    /// [`RANGE_WALK_LIMIT`] matches): counted in that key's order, the page's candidates checked on
    /// their rows. `None` when the query needs the general path. `entities` and `units` are the
    /// query's, resolved and lowercased.
    fn dense_page(
        &self,
        query: &ClaimQuery,
        entities: &[usize],
        role: EntityRole,
        units: &[String],
        offset: usize,
        size: usize,
    ) -> Option<Page<u32>> {
        let ix = &self.claim_indexes;
        let key = query
            .sort
            .first()
            .copied()
            .unwrap_or(ClaimSort::ArticleDateDesc);
        let by_amount = matches!(key, ClaimSort::AmountAsc | ClaimSort::AmountDesc);
        let amounts = query.amount_gte.is_some() || query.amount_lte.is_some();
        let dates = query.article_date_gte.is_some() || query.article_date_lte.is_some();
        // A range on the other key than the first sort key: the matches are counted in that key's
        // order, where the range is a run of ranks, and the page's candidates are checked against it.
        let other = match (by_amount, amounts, dates) {
            (true, _, true) => Some(ClaimSort::ArticleDateAsc),
            (false, true, _) => Some(ClaimSort::AmountAsc),
            _ => None,
        };
        if !query.article.is_empty()
            || (amounts && dates)
            || (other.is_some()
                && (query.sort.len() > 1 || offset.saturating_add(size) > RANGE_WALK_LIMIT))
        {
            return None;
        }
        let order = key as usize;
        let sets = &ix.dense;
        // One group per filter given: its values' non-empty lists; a value without claims adds
        // nothing, and one whose list was not kept as a set sends the query to the general path.
        // The last list taken: its length is the total when it is the query's only set.
        let mut last = None;
        let mut group =
            |values: &mut dyn Iterator<Item = (DenseKey, usize)>| -> Option<Vec<DenseKey>> {
                values
                    .filter(|&(_, len)| len > 0)
                    .map(|(k, _)| {
                        last = Some(k);
                        sets.count(&k).map(|_| k)
                    })
                    .collect()
            };
        let len = |list: Option<&Vec<u32>>| list.map_or(0, Vec::len);
        let mut groups: Vec<Vec<DenseKey>> = Vec::new();
        if !query.entity.is_empty() {
            groups.push(group(&mut entities.iter().map(|&e| {
                let listed = match role {
                    EntityRole::Any => ix.subject[e].len() + ix.claimant[e].len(),
                    EntityRole::Subject => ix.subject[e].len(),
                    EntityRole::Claimant => ix.claimant[e].len(),
                };
                (DenseKey::Entity(e as u32, role), listed)
            }))?);
        }
        if !query.kind.is_empty() {
            groups.push(group(
                &mut query
                    .kind
                    .iter()
                    .map(|&k| (DenseKey::Kind(k), len(ix.kind.get(&k)))),
            )?);
        }
        if !query.modifier.is_empty() {
            groups.push(group(
                &mut query
                    .modifier
                    .iter()
                    .map(|&m| (DenseKey::Modifier(m), len(ix.modifier.get(&m)))),
            )?);
        }
        if !query.consistency.is_empty() {
            groups.push(group(
                &mut query
                    .consistency
                    .iter()
                    .map(|&c| (DenseKey::Consistency(c), len(ix.consistency.get(&c)))),
            )?);
        }
        if !units.is_empty() {
            groups.push(group(&mut units.iter().filter_map(|u| {
                let id = *ix.unit_ids.get(u)?;
                Some((DenseKey::Unit(id), len(ix.unit.get(u))))
            }))?);
        }
        if !query.predicate.is_empty() {
            groups.push(group(&mut query.predicate.iter().filter_map(|p| {
                let id = *ix.predicate_ids.get(p)?;
                Some((DenseKey::Predicate(id), len(ix.predicate.get(p))))
            }))?);
        }
        if let Some(q) = &query.q {
            // Each word of the text matches the claims with a word it starts, one set per such word;
            // a text without words matches nothing (an empty group).
            let mut any = false;
            for word in words(q) {
                any = true;
                groups.push(group(
                    &mut ix
                        .text
                        .prefixed(&word)
                        .map(|t| (DenseKey::Word(t as u32), ix.text.list(t).len())),
                )?);
            }
            if !any {
                groups.push(Vec::new());
            }
        }
        // The groups' sets over the ranks of `order`.
        let sets_in = |order: usize| -> Option<Vec<Vec<&Bitset>>> {
            groups
                .iter()
                .map(|g| g.iter().map(|k| sets.get(order, k)).collect())
                .collect()
        };
        let positions = &ix.orders[order];
        if let Some(other) = other {
            let run = sort_key_range(&ix.orders[other as usize], &ix.rows, other, query);
            let (_, total) = rank_page(&sets_in(other as usize)?, run, 0, 0, None);
            let within = |r: &ClaimRow| amount_within(query, r) && date_within(query, r);
            let ranks =
                rank_page_where(&sets_in(order)?, 0..positions.len(), offset, size, |rank| {
                    within(&ix.rows[positions[rank] as usize])
                });
            let items: Vec<u32> = ranks.into_iter().map(|r| positions[r]).collect();
            let end = offset.saturating_add(items.len());
            return Some(Page {
                items,
                next_offset: (end < total).then_some(end),
                total,
            });
        }
        let groups = sets_in(order)?;
        let ranks = sort_key_range(positions, &ix.rows, key, query);
        let known_total = match groups.as_slice() {
            [one] if one.len() == 1 && ranks == (0..self.claims.len()) => {
                last.and_then(|k| sets.count(&k))
            }
            _ => None,
        };
        let (items, total) = if query.sort.len() > 1 {
            // Later sort keys only order claims tied on the first: the matches up to the page's end
            // in the first key's order, with the matches after them tied with the last on that key,
            // hold the page; ordered by every key, it is at `offset`.
            let end = offset.saturating_add(size);
            let (head, total) = rank_page(&groups, ranks.clone(), 0, end, known_total);
            let mut matches: Vec<u32> = head.iter().map(|&r| positions[r]).collect();
            if let Some(&last) = head.last().filter(|_| head.len() == end) {
                let tied = sort_key(&ix.rows[positions[last] as usize], key);
                let after = last + 1..ranks.end;
                let ties = positions[after.clone()]
                    .partition_point(|&i| sort_key(&ix.rows[i as usize], key) <= tied);
                let (more, _) = rank_page(
                    &groups,
                    after.start..after.start + ties,
                    0,
                    usize::MAX,
                    None,
                );
                matches.extend(more.into_iter().map(|r| positions[r]));
            }
            let page = sorted_page(&ix.rows, matches.into_iter(), &query.sort, offset, size);
            (page.items, total)
        } else {
            let (ranks, total) = rank_page(&groups, ranks, offset, size, known_total);
            (ranks.into_iter().map(|r| positions[r]).collect(), total)
        };
        let end = offset.saturating_add(items.len());
        Some(Page {
            items,
            next_offset: (end < total).then_some(end),
            total,
        })
    }

    /// One page of the claims of one article matching `query`.
    pub fn list_article_claims(
        &self,
        article_id: &str,
        query: &ClaimQuery,
        offset: usize,
        size: usize,
    ) -> Result<Result<Page<&Claim>, FilterError>, NotFound> {
        let article = self.article(article_id).ok_or(NotFound::Article)?;
        let mut query = query.clone();
        query.article = vec![article.id.clone()];
        Ok(self.list_claims(&query, offset, size))
    }

    /// One page of the claims where the entity is subject or claimant (see `query.role`).
    pub fn list_entity_claims(
        &self,
        key: &str,
        query: &ClaimQuery,
        offset: usize,
        size: usize,
    ) -> Result<Result<Page<&Claim>, FilterError>, NotFound> {
        let entity = self.entity_position(key).map_err(NotFound::Entity)?;
        let mut query = query.clone();
        query.entity = vec![self.entities[entity].id.clone()];
        Ok(self.list_claims(&query, offset, size))
    }

    /// One page of the articles matching `query`, in order.
    pub fn list_articles(
        &self,
        query: &ArticleQuery,
        offset: usize,
        size: usize,
    ) -> Result<Page<&ArticleSummary>, FilterError> {
        let ix = &self.article_indexes;
        let n = self.articles.len();
        let mut filter = Filter::default();
        if !query.entity.is_empty() {
            let entities = self.entity_filter("entity", &query.entity)?;
            filter.and(Bitset::union(
                n,
                entities.iter().map(|&e| ix.entity[e].as_slice()),
            ));
        }
        if query.article_date_gte.is_some() || query.article_date_lte.is_some() {
            filter.and(
                ix.date
                    .range(query.article_date_gte, query.article_date_lte, n),
            );
        }
        if let Some(q) = &query.q {
            filter.and(ix.text.search(q, n));
        }
        let set = filter.into_set();
        let sort = query
            .sort
            .first()
            .copied()
            .unwrap_or(ArticleSort::ArticleDateDesc);
        let page = select(&ix.orders[sort as usize], set.as_ref(), offset, size);
        Ok(page.map(|i| &self.article_summaries[i as usize]))
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
        let e = self.entity_position(key).map_err(NotFound::Entity)?;
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

/// Narrows `set` to the items in the set of any of `values` (no narrowing when `values` is empty).
fn and_any_of<K: std::hash::Hash + Eq>(set: &mut Bitset, values: &[K], sets: &HashMap<K, Bitset>) {
    match values {
        [] => {}
        [one] => match sets.get(one) {
            Some(s) => set.intersect(s),
            None => set.clear(),
        },
        many => {
            let mut any = Bitset::empty(set.len());
            for s in many.iter().filter_map(|v| sets.get(v)) {
                any.union_with(s);
            }
            set.intersect(&any);
        }
    }
}

/// Each posting list of `postings` as a set over `n` positions.
fn as_sets<K: std::hash::Hash + Eq + Copy>(postings: &Postings<K>, n: usize) -> HashMap<K, Bitset> {
    postings
        .iter()
        .map(|(k, list)| (*k, Bitset::union(n, [list.as_slice()])))
        .collect()
}

/// A claim filter answered by posting lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClaimFilter {
    Article,
    Entity,
    Kind,
    Modifier,
    Consistency,
    Unit,
    Predicate,
    Amount,
    Date,
}

/// How many positions `lists` name.
fn cost(lists: &[&[u32]]) -> usize {
    lists.iter().map(|l| l.len()).sum()
}

/// Whether the claim of `r` meets the query's amount range (a claim without an amount meets none).
fn amount_within(query: &ClaimQuery, r: &ClaimRow) -> bool {
    let (gte, lte) = (query.amount_gte, query.amount_lte);
    (gte.is_none() && lte.is_none())
        || r.amount
            .is_some_and(|a| gte.is_none_or(|m| a >= m) && lte.is_none_or(|m| a <= m))
}

/// Whether the claim of `r` meets the query's article date range.
fn date_within(query: &ClaimQuery, r: &ClaimRow) -> bool {
    query.article_date_gte.is_none_or(|d| r.date >= d)
        && query.article_date_lte.is_none_or(|d| r.date <= d)
}

/// How far into the matches a page may end for a range on the other key than the sort key to be
/// walked in the sort order: each candidate is checked on its row, at random, so a deep page costs
/// more than the general path's scan in position order (1M claims, an entity with an amount range by
/// date: 4.2 µs for the first page, 1,881 µs at offset 20,000, against 394 µs and 707 µs on the
/// general path).
const RANGE_WALK_LIMIT: usize = 2_000;

/// An integer whose ascending order is the order of `key` (ties broken by position afterwards).
fn sort_key(r: &ClaimRow, key: ClaimSort) -> u64 {
    /// Bits of `a` whose unsigned order is `f64::total_cmp` order.
    fn ordered(a: f64) -> u64 {
        let bits = a.to_bits();
        if bits >> 63 == 1 {
            !bits
        } else {
            bits | 1 << 63
        }
    }
    let day = (r.date.num_days_from_ce() as i64 - i32::MIN as i64) as u64;
    match key {
        ClaimSort::ArticleDateAsc => day,
        ClaimSort::ArticleDateDesc => u64::MAX - day,
        // Claims without an amount sort last either way.
        ClaimSort::AmountAsc => r.amount.map_or(u64::MAX, ordered),
        ClaimSort::AmountDesc => r.amount.map_or(u64::MAX, |a| !ordered(a)),
    }
}

/// The page at `offset` of `matches` (positions in id order) sorted by `keys`, then by id. Only the
/// first date key and the first amount key can break ties (a later key of the same kind orders
/// alike), so each match is packed as at most two [`sort_key`]s and its position; only the items up
/// to the end of the page are sorted.
fn sorted_page(
    rows: &[ClaimRow],
    matches: impl Iterator<Item = u32>,
    keys: &[ClaimSort],
    offset: usize,
    size: usize,
) -> Page<u32> {
    let is_date =
        |k: ClaimSort| matches!(k, ClaimSort::ArticleDateAsc | ClaimSort::ArticleDateDesc);
    let first = keys.first().copied().unwrap_or(ClaimSort::ArticleDateDesc);
    let second = keys.iter().copied().find(|&k| is_date(k) != is_date(first));
    let mut keyed: Vec<(u64, u64, u32)> = matches
        .map(|i| {
            let r = &rows[i as usize];
            (sort_key(r, first), second.map_or(0, |k| sort_key(r, k)), i)
        })
        .collect();
    let total = keyed.len();
    let end = offset.saturating_add(size).min(total);
    if end < total {
        keyed.select_nth_unstable(end);
        keyed.truncate(end);
    }
    keyed.sort_unstable();
    Page {
        items: keyed[offset.min(end)..].iter().map(|k| k.2).collect(),
        next_offset: (end < total).then_some(end),
        total,
    }
}

/// Compares two claims (positions in id order) by `keys`, then by id: the specification of the
/// packed sort keys.
#[cfg(test)]
fn compare_rows(rows: &[ClaimRow], a: u32, b: u32, keys: &[ClaimSort]) -> Ordering {
    let (ra, rb) = (&rows[a as usize], &rows[b as usize]);
    keys.iter()
        .map(|key| match key {
            ClaimSort::ArticleDateDesc => rb.date.cmp(&ra.date),
            ClaimSort::ArticleDateAsc => ra.date.cmp(&rb.date),
            ClaimSort::AmountDesc => amount_order(rb.amount, ra.amount, true),
            ClaimSort::AmountAsc => amount_order(ra.amount, rb.amount, false),
        })
        .fold(Ordering::Equal, Ordering::then)
        .then(a.cmp(&b))
}

/// The part of `order` (sorted by `key`) where the claims meet the query's range on that key: every
/// match lies in it, so the page is looked for there rather than from the start of the order.
fn within_ranges<'a>(
    order: &'a [u32],
    rows: &[ClaimRow],
    key: ClaimSort,
    query: &ClaimQuery,
) -> &'a [u32] {
    &order[sort_key_range(order, rows, key, query)]
}

/// The ranks in `order` (sorted by `key`) of exactly the claims that meet the query's range filter on
/// that key (all ranks when the query has none).
fn sort_key_range(
    order: &[u32],
    rows: &[ClaimRow],
    key: ClaimSort,
    query: &ClaimQuery,
) -> std::ops::Range<usize> {
    let row = |i: &u32| &rows[*i as usize];
    let amounts = query.amount_gte.is_some() || query.amount_lte.is_some();
    // Claims without an amount come last in both amount orders and never meet an amount range.
    let with_amount = || {
        if amounts {
            order.partition_point(|i| row(i).amount.is_some())
        } else {
            order.len()
        }
    };
    let (start, end) = match key {
        ClaimSort::AmountAsc => (
            query.amount_gte.map_or(0, |m| {
                order.partition_point(|i| row(i).amount.is_some_and(|a| a < m))
            }),
            query.amount_lte.map_or_else(with_amount, |m| {
                order.partition_point(|i| row(i).amount.is_some_and(|a| a <= m))
            }),
        ),
        ClaimSort::AmountDesc => (
            query.amount_lte.map_or(0, |m| {
                order.partition_point(|i| row(i).amount.is_some_and(|a| a > m))
            }),
            query.amount_gte.map_or_else(with_amount, |m| {
                order.partition_point(|i| row(i).amount.is_some_and(|a| a >= m))
            }),
        ),
        ClaimSort::ArticleDateAsc => (
            query
                .article_date_gte
                .map_or(0, |d| order.partition_point(|i| row(i).date < d)),
            query
                .article_date_lte
                .map_or(order.len(), |d| order.partition_point(|i| row(i).date <= d)),
        ),
        ClaimSort::ArticleDateDesc => (
            query
                .article_date_lte
                .map_or(0, |d| order.partition_point(|i| row(i).date > d)),
            query
                .article_date_gte
                .map_or(order.len(), |d| order.partition_point(|i| row(i).date >= d)),
        ),
    };
    start..end.max(start)
}

/// The page at `offset` of the members of `set` (all when `None`) in `order`.
fn select(order: &[u32], set: Option<&Bitset>, offset: usize, size: usize) -> Page<u32> {
    let Some(set) = set else {
        return paginate_slice(order, offset, size);
    };
    let total = set.count();
    let items: Vec<u32> = order
        .iter()
        .copied()
        .filter(|&i| set.contains(i as usize))
        .skip(offset)
        .take(size)
        .collect();
    let end = offset.saturating_add(items.len());
    Page {
        items,
        next_offset: (end < total).then_some(end),
        total,
    }
}

fn paginate_slice(order: &[u32], offset: usize, size: usize) -> Page<u32> {
    let total = order.len();
    let start = offset.min(total);
    let end = offset.saturating_add(size).min(total);
    Page {
        items: order[start..end].to_vec(),
        next_offset: (end < total).then_some(end),
        total,
    }
}

/// What the filters and sorts read of one claim, packed so that checking candidates stays in cache.
#[derive(Debug, Clone, Copy)]
struct ClaimRow {
    amount: Option<f64>,
    date: NaiveDate,
    article: u32,
    unit: u32,
    predicate: u32,
}

/// `unit` of a claim without a unit.
const NO_UNIT: u32 = u32::MAX;

/// A posting list that may be kept as sets over the sort orders' ranks (see [`ClaimIndexes::dense`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum DenseKey {
    /// The claims where an entity plays a role.
    Entity(u32, EntityRole),
    Kind(QuantityKind),
    Modifier(QuantityModifier),
    Consistency(ClaimConsistency),
    /// By number in `ClaimRow::unit`.
    Unit(u32),
    /// By number in `ClaimRow::predicate`.
    Predicate(u32),
    /// The claims whose text has a word, by its number in the word index.
    Word(u32),
}

/// A posting list is kept as sets over the sort orders' ranks when it names at least one claim in
/// this many: below that its sets would take more than eight times the list's own memory.
const DENSE_EVERY: usize = 64;

/// The indexes of the claims.
#[derive(Debug)]
pub struct ClaimIndexes {
    kind: Postings<QuantityKind>,
    modifier: Postings<QuantityModifier>,
    consistency: Postings<ClaimConsistency>,
    unit: Postings<String>,
    predicate: Postings<String>,
    /// Lowercase unit to its number in `ClaimRow::unit`.
    unit_ids: HashMap<String, u32>,
    /// Predicate to its number in `ClaimRow::predicate`.
    predicate_ids: HashMap<String, u32>,
    article: Vec<Vec<u32>>,
    subject: Vec<Vec<u32>>,
    claimant: Vec<Vec<u32>>,
    amount: RangeIndex<f64>,
    date: RangeIndex<NaiveDate>,
    orders: Vec<Vec<u32>>,
    text: TextIndex,
    rows: Vec<ClaimRow>,
    /// The claims of each kind, modifier and consistency, as sets to intersect whole.
    kind_sets: HashMap<QuantityKind, Bitset>,
    modifier_sets: HashMap<QuantityModifier, Bitset>,
    consistency_sets: HashMap<ClaimConsistency, Bitset>,
    /// `role_list[role_start[i]..role_start[i + 1]]`: claim `i`'s entities, `true` for claimants.
    role_start: Vec<u32>,
    role_list: Vec<(u32, bool)>,
    /// The dense posting lists (at least one claim in [`DENSE_EVERY`]) as sets over the ranks of
    /// each sort order, indexed by `ClaimSort as usize`.
    dense: RankSets<DenseKey>,
}

impl ClaimIndexes {
    /// Builds every claim index; `claims` are in id order and the other slices parallel to them.
    pub fn build(
        claims: &[Claim],
        article_of: &[usize],
        subjects: &[Vec<usize>],
        claimants: &[Vec<usize>],
        n_articles: usize,
        n_entities: usize,
    ) -> Self {
        let mut ix = ClaimIndexes {
            kind: Postings::new(),
            modifier: Postings::new(),
            consistency: Postings::new(),
            unit: Postings::new(),
            predicate: Postings::new(),
            unit_ids: Default::default(),
            predicate_ids: Default::default(),
            article: vec![Vec::new(); n_articles],
            subject: vec![Vec::new(); n_entities],
            claimant: vec![Vec::new(); n_entities],
            amount: RangeIndex::default(),
            date: RangeIndex::default(),
            orders: Vec::new(),
            text: TextIndex::default(),
            rows: Vec::with_capacity(claims.len()),
            kind_sets: Default::default(),
            modifier_sets: Default::default(),
            consistency_sets: Default::default(),
            role_start: Vec::with_capacity(claims.len() + 1),
            role_list: Vec::new(),
            dense: RankSets::default(),
        };
        // The word index is built on another thread meanwhile.
        std::thread::scope(|scope| {
            let text = scope.spawn(|| {
                TextIndex::build(claims.iter().zip(0u32..).map(|(c, i)| {
                    let fields = [&*c.label, &*c.measured, &*c.value.text];
                    let evidence = c.mentions.iter().map(|m| m.evidence_span.exact());
                    (i, fields.into_iter().chain(evidence))
                }))
            });
            ix.index_values(claims, article_of, subjects, claimants);
            ix.text = text.join().expect("indexing does not panic");
        });
        ix.dense = ix.dense_sets(claims.len());
        ix
    }

    /// Fills every index but the word index.
    fn index_values(
        &mut self,
        claims: &[Claim],
        article_of: &[usize],
        subjects: &[Vec<usize>],
        claimants: &[Vec<usize>],
    ) {
        let ix = self;
        let mut amounts = Vec::new();
        let mut dates = Vec::with_capacity(claims.len());
        // The claims of each unit and predicate, by number; keyed by name once all are numbered.
        let mut unit_lists: Vec<Vec<u32>> = Vec::new();
        let mut predicate_lists: Vec<Vec<u32>> = Vec::new();
        for (i, c) in claims.iter().enumerate() {
            let i32_ = i as u32;
            ix.kind.entry(c.value.kind).or_default().push(i32_);
            ix.modifier.entry(c.value.modifier).or_default().push(i32_);
            ix.consistency.entry(c.consistency).or_default().push(i32_);
            let unit = match &c.value.unit {
                Some(unit) => {
                    let unit = lowercase(unit);
                    let id = number(&mut ix.unit_ids, &mut unit_lists, &unit);
                    unit_lists[id as usize].push(i32_);
                    id
                }
                None => NO_UNIT,
            };
            let predicate = number(&mut ix.predicate_ids, &mut predicate_lists, &c.predicate);
            predicate_lists[predicate as usize].push(i32_);
            ix.article[article_of[i]].push(i32_);
            ix.role_start.push(ix.role_list.len() as u32);
            for &e in &subjects[i] {
                ix.subject[e].push(i32_);
                ix.role_list.push((e as u32, false));
            }
            for &e in &claimants[i] {
                ix.claimant[e].push(i32_);
                ix.role_list.push((e as u32, true));
            }
            if let Some(a) = c.value.amount {
                amounts.push((a, i32_));
            }
            dates.push((c.article.article_date, i32_));
            ix.rows.push(ClaimRow {
                amount: c.value.amount,
                date: c.article.article_date,
                article: article_of[i] as u32,
                unit,
                predicate,
            });
        }
        ix.role_start.push(ix.role_list.len() as u32);
        ix.unit = keyed_lists(&ix.unit_ids, unit_lists);
        ix.predicate = keyed_lists(&ix.predicate_ids, predicate_lists);
        let n = claims.len();
        ix.kind_sets = as_sets(&ix.kind, n);
        ix.modifier_sets = as_sets(&ix.modifier, n);
        ix.consistency_sets = as_sets(&ix.consistency, n);
        ix.amount = RangeIndex::build(amounts);
        ix.date = RangeIndex::build(dates);
        ix.orders = ClaimSort::ALL
            .iter()
            .map(|&key| {
                // Sorting packed integer keys is many times faster than comparing rows.
                let mut keyed: Vec<(u64, u32)> = ix
                    .rows
                    .iter()
                    .zip(0u32..)
                    .map(|(r, i)| (sort_key(r, key), i))
                    .collect();
                keyed.sort_unstable();
                keyed.into_iter().map(|(_, i)| i).collect()
            })
            .collect();
    }

    /// The sets over the sort orders' ranks of every posting list naming at least one claim in
    /// [`DENSE_EVERY`].
    fn dense_sets(&self, n: usize) -> RankSets<DenseKey> {
        let started = std::time::Instant::now();
        let dense = |len: usize| len > 0 && len.saturating_mul(DENSE_EVERY) >= n;
        // Either role: the claims of both of an entity's lists, once each.
        let either: Vec<(u32, Vec<u32>)> = (self.subject.iter().zip(&self.claimant))
            .enumerate()
            .filter(|(_, (s, c))| dense(s.len() + c.len()))
            .map(|(e, (s, c))| {
                let mut any = [s.as_slice(), c.as_slice()].concat();
                any.sort_unstable();
                any.dedup();
                (e as u32, any)
            })
            .collect();
        let lists = (self.kind.iter().map(|(&k, l)| (DenseKey::Kind(k), l)))
            .chain(
                self.modifier
                    .iter()
                    .map(|(&m, l)| (DenseKey::Modifier(m), l)),
            )
            .chain(
                self.consistency
                    .iter()
                    .map(|(&c, l)| (DenseKey::Consistency(c), l)),
            )
            .chain(
                self.unit
                    .iter()
                    .map(|(u, l)| (DenseKey::Unit(self.unit_ids[u]), l)),
            )
            .chain(
                self.predicate
                    .iter()
                    .map(|(p, l)| (DenseKey::Predicate(self.predicate_ids[p]), l)),
            )
            .chain(
                (self.subject.iter().zip(&self.claimant))
                    .enumerate()
                    .flat_map(|(e, (s, c))| {
                        [
                            (DenseKey::Entity(e as u32, EntityRole::Subject), s),
                            (DenseKey::Entity(e as u32, EntityRole::Claimant), c),
                        ]
                    }),
            )
            .chain(
                either
                    .iter()
                    .map(|(e, l)| (DenseKey::Entity(*e, EntityRole::Any), l)),
            )
            .map(|(k, l)| (k, l.as_slice()))
            .chain((0..self.text.len()).map(|t| (DenseKey::Word(t as u32), self.text.list(t))))
            .filter(|(_, l)| dense(l.len()))
            .collect();
        let sets = RankSets::build(&self.orders, n, lists);
        tracing::debug!(
            lists = sets.len(),
            mib = sets.heap_bytes() >> 20,
            ms = started.elapsed().as_millis() as u64,
            "claim rank sets built"
        );
        sets
    }

    /// The entities of claim `i`, each with whether it is a claimant (else a subject).
    fn roles(&self, i: usize) -> &[(u32, bool)] {
        &self.role_list[self.role_start[i] as usize..self.role_start[i + 1] as usize]
    }
}

/// The indexes of the articles.
#[derive(Debug)]
pub struct ArticleIndexes {
    entity: Vec<Vec<u32>>,
    date: RangeIndex<NaiveDate>,
    orders: Vec<Vec<u32>>,
    text: TextIndex,
}

impl ArticleIndexes {
    /// Builds every article index; `articles` are in id order.
    pub fn build(
        articles: &[Article],
        article_entities: &[Vec<ArticleEntity>],
        entity_index: &HashMap<String, usize>,
    ) -> Self {
        let mut entity = vec![Vec::new(); entity_index.len()];
        for (i, named) in article_entities.iter().enumerate() {
            for ae in named {
                entity[entity_index[&ae.entity.id]].push(i as u32);
            }
        }
        let text = TextIndex::build(articles.iter().zip(0u32..).map(|(a, i)| {
            let caption = a.caption.as_deref().unwrap_or("");
            (i, [&*a.title, &*a.summary, caption, &*a.body])
        }));
        let orders = ArticleSort::ALL
            .iter()
            .map(|&key| {
                let mut order: Vec<u32> = (0..articles.len() as u32).collect();
                order.sort_by(|&a, &b| {
                    let (x, y) = (&articles[a as usize], &articles[b as usize]);
                    match key {
                        ArticleSort::ArticleDateDesc => y.article_date.cmp(&x.article_date),
                        ArticleSort::ArticleDateAsc => x.article_date.cmp(&y.article_date),
                    }
                    .then_with(|| x.id.cmp(&y.id))
                });
                order
            })
            .collect();
        let date = RangeIndex::build(
            articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.article_date, i as u32))
                .collect(),
        );
        Self {
            entity,
            date,
            orders,
            text,
        }
    }
}

/// The number of `key` in `ids`, numbering it next (and adding its empty list to `lists`) when new.
/// The key is copied only then.
fn number(ids: &mut HashMap<String, u32>, lists: &mut Vec<Vec<u32>>, key: &str) -> u32 {
    if let Some(&id) = ids.get(key) {
        return id;
    }
    let id = lists.len() as u32;
    ids.insert(key.to_string(), id);
    lists.push(Vec::new());
    id
}

/// Posting lists by key, from the lists by number and the keys' numbers.
fn keyed_lists(ids: &HashMap<String, u32>, mut lists: Vec<Vec<u32>>) -> Postings<String> {
    ids.iter()
        .map(|(key, &id)| (key.clone(), std::mem::take(&mut lists[id as usize])))
        .collect()
}

/// Orders two optional amounts, keeping `None` last whatever the direction.
#[cfg(test)]
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

impl<T> Page<T> {
    /// The same page with each item mapped.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_offset: self.next_offset,
            total: self.total,
        }
    }
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::store::index::words;

    /// The claim filters evaluated by brute force, as the specification of the indexed query.
    fn naive(store: &FactStore, q: &ClaimQuery) -> Vec<String> {
        let wanted_entities: Vec<String> = q
            .entity
            .iter()
            .filter_map(|k| store.entity(k).ok())
            .map(|e| e.id.clone())
            .collect();
        let text_of = |c: &Claim| {
            let mut t = format!("{} {} {}", c.label, c.measured, c.value.text);
            for m in &c.mentions {
                t.push(' ');
                t.push_str(m.evidence_span.exact());
            }
            words(&t).map(|w| w.into_owned()).collect::<Vec<_>>()
        };
        let mut out: Vec<&Claim> = store
            .claims
            .iter()
            .filter(|c| {
                (q.article.is_empty() || q.article.contains(&c.article.id))
                    && (q.entity.is_empty()
                        || (q.role != Some(EntityRole::Claimant)
                            && c.subjects.iter().any(|e| wanted_entities.contains(&e.id)))
                        || (q.role != Some(EntityRole::Subject)
                            && c.attribution
                                .claimants
                                .iter()
                                .any(|e| wanted_entities.contains(&e.id))))
                    && (q.kind.is_empty() || q.kind.contains(&c.value.kind))
                    && (q.modifier.is_empty() || q.modifier.contains(&c.value.modifier))
                    && (q.unit.is_empty()
                        || c.value
                            .unit
                            .as_ref()
                            .is_some_and(|u| q.unit.iter().any(|x| x.eq_ignore_ascii_case(u))))
                    && (q.consistency.is_empty() || q.consistency.contains(&c.consistency))
                    && q.amount_gte
                        .is_none_or(|m| c.value.amount.is_some_and(|a| a >= m))
                    && q.amount_lte
                        .is_none_or(|m| c.value.amount.is_some_and(|a| a <= m))
                    && q.article_date_gte
                        .is_none_or(|d| c.article.article_date >= d)
                    && q.article_date_lte
                        .is_none_or(|d| c.article.article_date <= d)
                    && q.q.as_ref().is_none_or(|text| {
                        let have = text_of(c);
                        let want: Vec<String> = words(text).map(|w| w.into_owned()).collect();
                        !want.is_empty()
                            && want
                                .iter()
                                .all(|w| have.iter().any(|h| h.starts_with(w.as_str())))
                    })
            })
            .collect();
        let keys = if q.sort.is_empty() {
            vec![ClaimSort::ArticleDateDesc]
        } else {
            q.sort.clone()
        };
        // Amounts in `first`-wins order, claims without an amount last either way.
        let by_amount = |x: Option<f64>, y: Option<f64>, descending: bool| match (x, y) {
            (Some(x), Some(y)) if descending => y.total_cmp(&x),
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        out.sort_by(|a, b| {
            keys.iter()
                .map(|key| match key {
                    ClaimSort::ArticleDateDesc => {
                        b.article.article_date.cmp(&a.article.article_date)
                    }
                    ClaimSort::ArticleDateAsc => {
                        a.article.article_date.cmp(&b.article.article_date)
                    }
                    ClaimSort::AmountDesc => by_amount(a.value.amount, b.value.amount, true),
                    ClaimSort::AmountAsc => by_amount(a.value.amount, b.value.amount, false),
                })
                .fold(Ordering::Equal, Ordering::then)
                .then_with(|| a.id.cmp(&b.id))
        });
        out.into_iter().map(|c| c.id.to_string()).collect()
    }

    fn subset<T: Copy + std::fmt::Debug + 'static>(
        all: &'static [T],
    ) -> impl Strategy<Value = Vec<T>> {
        prop::sample::subsequence(all, 0..=all.len().min(3))
    }

    fn row(amount: Option<f64>, day: i32) -> ClaimRow {
        ClaimRow {
            amount,
            date: NaiveDate::from_num_days_from_ce_opt(day).unwrap(),
            article: 0,
            unit: NO_UNIT,
            predicate: 0,
        }
    }

    proptest! {
        #[test]
        fn packed_sort_keys_order_like_the_comparison(
            a in prop::option::of(prop::num::f64::NORMAL | prop::num::f64::ZERO | prop::num::f64::SUBNORMAL),
            b in prop::option::of(prop::num::f64::NORMAL | prop::num::f64::ZERO),
            days in (1i32..1_000_000, 1i32..1_000_000),
        ) {
            let rows = [row(a, days.0), row(b, days.1)];
            for key in ClaimSort::ALL {
                let by_keys = (sort_key(&rows[0], *key), 0u32).cmp(&(sort_key(&rows[1], *key), 1u32));
                prop_assert_eq!(by_keys, compare_rows(&rows, 0, 1, &[*key]), "{:?}", key);
            }
        }
    }

    /// The ids of the claims of a page of positions.
    fn ids(store: &FactStore, page: &Page<u32>) -> Vec<String> {
        page.items
            .iter()
            .map(|&i| store.claims[i as usize].id.to_string())
            .collect()
    }

    #[test]
    fn later_sort_keys_order_the_dense_pages_ties() {
        let store = FactStore::embedded().unwrap();
        let kinds = [vec![], vec![QuantityKind::Count, QuantityKind::Money]];
        for first in ClaimSort::ALL {
            for second in ClaimSort::ALL {
                for kind in &kinds {
                    let query = ClaimQuery {
                        kind: kind.clone(),
                        sort: vec![*first, *second],
                        ..ClaimQuery::default()
                    };
                    let expected = naive(&store, &query);
                    for offset in 0..expected.len() + 1 {
                        for size in 1..4 {
                            let page = store
                                .dense_page(&query, &[], EntityRole::Any, &[], offset, size)
                                .expect("every list of the query is dense");
                            let got = ids(&store, &page);
                            let want: Vec<String> =
                                expected.iter().skip(offset).take(size).cloned().collect();
                            assert_eq!(got, want, "{:?} at {offset}, {size}", query.sort);
                            assert_eq!(page.total, expected.len());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn filters_on_dense_lists_are_answered_from_the_rank_sets() {
        let store = FactStore::embedded().unwrap();
        let query = ClaimQuery {
            entity: vec!["pakistan".into()],
            kind: vec![QuantityKind::Count, QuantityKind::Money],
            amount_gte: Some(100.0),
            amount_lte: Some(1e7),
            sort: vec![ClaimSort::AmountDesc],
            ..ClaimQuery::default()
        };
        let entities = store.entity_filter("entity", &query.entity).unwrap();
        let page = store
            .dense_page(&query, &entities, EntityRole::Any, &[], 0, usize::MAX)
            .expect("every list of the query is dense");
        let got = ids(&store, &page);
        assert!(got.len() > 1, "{got:?}");
        assert_eq!((page.total, page.next_offset), (got.len(), None));
        assert_eq!(got, naive(&store, &query));
        // Dense words are kept as rank sets too; the page agrees with a full scan either way.
        let text = ClaimQuery {
            q: Some("million".into()),
            ..query
        };
        if let Some(page) = store.dense_page(&text, &entities, EntityRole::Any, &[], 0, usize::MAX)
        {
            let got = ids(&store, &page);
            assert_eq!((page.total, page.next_offset), (got.len(), None));
            assert_eq!(got, naive(&store, &text));
        }
    }

    #[test]
    fn range_filters_on_the_sort_key_agree_with_a_full_scan() {
        let store = FactStore::embedded().unwrap();
        let mut amounts: Vec<Option<f64>> = store.claims.iter().map(|c| c.value.amount).collect();
        amounts.extend([Some(-1.0), Some(0.0), Some(1e12)]);
        amounts.sort_by(|a, b| a.unwrap_or(f64::NAN).total_cmp(&b.unwrap_or(f64::NAN)));
        amounts.dedup();
        let mut dates: Vec<Option<NaiveDate>> = store
            .claims
            .iter()
            .map(|c| Some(c.article.article_date))
            .collect();
        dates.extend([None, NaiveDate::from_ymd_opt(2000, 1, 1)]);
        dates.sort();
        dates.dedup();
        for &key in ClaimSort::ALL {
            let mut queries = Vec::new();
            for &gte in &amounts {
                for &lte in &amounts {
                    queries.push(ClaimQuery {
                        amount_gte: gte,
                        amount_lte: lte,
                        sort: vec![key],
                        ..ClaimQuery::default()
                    });
                }
            }
            for &gte in &dates {
                for &lte in &dates {
                    queries.push(ClaimQuery {
                        article_date_gte: gte,
                        article_date_lte: lte,
                        sort: vec![key],
                        ..ClaimQuery::default()
                    });
                }
            }
            for query in queries {
                let page = store.list_claims(&query, 0, usize::MAX).unwrap();
                let got: Vec<String> = page.items.iter().map(|c| c.id.to_string()).collect();
                assert_eq!(got, naive(&store, &query), "{query:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn indexed_claim_queries_agree_with_a_full_scan(
            kind in subset(QuantityKind::ALL),
            modifier in subset(QuantityModifier::ALL),
            consistency in subset(ClaimConsistency::ALL),
            sort in prop_oneof![subset(ClaimSort::ALL), prop::sample::select(ClaimSort::ALL).prop_map(|k| vec![k])],
            unit in prop::sample::subsequence(&["PKR", "percent", "day", "usd"][..], 0..=2),
            entity in prop::sample::subsequence(&["PTA", "pakistan", "mohsin-naqvi", "EU", "nobody"][..], 0..=2),
            article in prop::sample::subsequence(&["art_33b93e53bbb4", "art_6a6827e0cd46", "art_x"][..], 0..=2),
            // Indexes into the store's own amounts and dates (and a few others), so that range ends
            // fall exactly on claims.
            amount_gte in prop::option::of(0usize..64),
            amount_lte in prop::option::of(0usize..64),
            date_gte in prop::option::of(0usize..8),
            date_lte in prop::option::of(0usize..8),
            text in prop::option::of(prop::sample::select(&["smuggl", "SITES apps", "rs", "million", "zzz", "'"][..])),
            role in prop::option::of(prop::sample::select(EntityRole::ALL)),
            set_factor in prop::sample::select(&[0usize, 16, usize::MAX][..]),
            dense in any::<bool>(),
            offset in 0usize..6,
            size in 1usize..5,
        ) {
            static STORE: std::sync::LazyLock<FactStore> = std::sync::LazyLock::new(|| FactStore::embedded().unwrap());
            let store = &*STORE;
            let mut amounts: Vec<f64> = store.claims.iter().filter_map(|c| c.value.amount).collect();
            amounts.extend([0.0, 500.0, 1e6, 2.7e6]);
            amounts.sort_by(f64::total_cmp);
            amounts.dedup();
            let mut dates: Vec<NaiveDate> = store.claims.iter().map(|c| c.article.article_date).collect();
            dates.extend(NaiveDate::from_ymd_opt(2025, 10, 1));
            dates.sort();
            dates.dedup();
            let query = ClaimQuery {
                article: article.iter().map(|s| s.to_string()).collect(),
                entity: entity.iter().map(|s| s.to_string()).collect(),
                role,
                kind, modifier,
                unit: unit.iter().map(|s| s.to_string()).collect(),
                predicate: vec![],
                consistency,
                amount_gte: amount_gte.map(|i| amounts[i % amounts.len()]),
                amount_lte: amount_lte.map(|i| amounts[i % amounts.len()]),
                article_date_gte: date_gte.map(|i| dates[i % dates.len()]),
                article_date_lte: date_lte.map(|i| dates[i % dates.len()]),
                q: text.map(str::to_string),
                sort,
            };
            let expected = naive(store, &query);
            // Every way of applying a filter: as a dense set over sort ranks, as a set, and on each
            // candidate's row.
            let page = store.list_claims_tuned(&query, offset, size, set_factor, dense).unwrap();
            let got: Vec<String> = page.items.iter().map(|c| c.id.to_string()).collect();
            let want: Vec<String> = expected.iter().skip(offset).take(size).cloned().collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(page.total, expected.len());
            prop_assert_eq!(page.next_offset, (offset + size < expected.len()).then_some(offset + size));
        }
    }
}
