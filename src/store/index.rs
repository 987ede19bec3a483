//! Indexes that answer every claim filter and sort without scanning: posting lists per filter value,
//! pre-sorted orders per sort key, sorted arrays for range filters, and an inverted word index for text.

use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;

/// A set of item positions `0..len` as a bit array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitset {
    words: Vec<u64>,
}

impl Bitset {
    /// The empty set over `len` items.
    pub fn empty(len: usize) -> Self {
        Self {
            words: vec![0; len.div_ceil(64)],
        }
    }

    /// The union of the given posting lists.
    pub fn union<'a>(len: usize, lists: impl IntoIterator<Item = &'a [u32]>) -> Self {
        let mut set = Self::empty(len);
        for list in lists {
            for &i in list {
                set.insert(i as usize);
            }
        }
        set
    }

    /// Adds `i`.
    pub fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// Whether `i` is in the set.
    pub fn contains(&self, i: usize) -> bool {
        self.words[i / 64] & (1 << (i % 64)) != 0
    }

    /// The number of positions the set ranges over, rounded up to a multiple of 64.
    pub fn len(&self) -> usize {
        self.words.len() * 64
    }

    /// Whether the set ranges over no positions.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Removes every item.
    pub fn clear(&mut self) {
        self.words.fill(0);
    }

    /// Adds the items of `other`.
    pub fn union_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// Keeps only the items also in `other`.
    pub fn intersect(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// Keeps only the items for which `keep` holds, calling it in increasing order.
    pub fn retain(&mut self, mut keep: impl FnMut(usize) -> bool) {
        for (w, word) in self.words.iter_mut().enumerate() {
            let mut rest = *word;
            while rest != 0 {
                let bit = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                if !keep(w * 64 + bit) {
                    *word &= !(1 << bit);
                }
            }
        }
    }

    /// The number of items in the set.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Posting lists kept also as bitsets over the ranks of several orders of the items, so that filters
/// combine word by word and a page comes out already sorted: bit `r` of a list's set for order `k` is
/// set when item `orders[k][r]` is in the list. Meant for dense lists only (each set costs `len / 8`
/// bytes per order whatever the list's length).
#[derive(Debug)]
pub struct RankSets<K> {
    /// Key to its slot in each order's sets.
    slots: HashMap<K, usize>,
    /// `sets[order][slot]`.
    sets: Vec<Vec<Bitset>>,
    /// Each slot's number of items.
    counts: Vec<usize>,
}

impl<K> Default for RankSets<K> {
    fn default() -> Self {
        Self {
            slots: HashMap::new(),
            sets: Vec::new(),
            counts: Vec::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq> RankSets<K> {
    /// Sets of `lists` (sorted or not, without repeats) over the ranks of each of `orders`, every
    /// order a permutation of `0..n`. Builds one order per thread.
    pub fn build(orders: &[Vec<u32>], n: usize, lists: Vec<(K, &[u32])>) -> Self {
        let (keys, lists): (Vec<K>, Vec<&[u32]>) = lists.into_iter().unzip();
        let sets = std::thread::scope(|scope| {
            let workers: Vec<_> = orders
                .iter()
                .map(|order| {
                    let lists = &lists;
                    scope.spawn(move || {
                        let mut rank = vec![0u32; n];
                        for (r, &i) in order.iter().enumerate() {
                            rank[i as usize] = r as u32;
                        }
                        lists
                            .iter()
                            .map(|list| {
                                let mut set = Bitset::empty(n);
                                for &i in *list {
                                    set.insert(rank[i as usize] as usize);
                                }
                                set
                            })
                            .collect::<Vec<Bitset>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("building rank sets does not panic"))
                .collect()
        });
        let slots = keys
            .into_iter()
            .enumerate()
            .map(|(slot, key)| (key, slot))
            .collect();
        let counts = lists.iter().map(|list| list.len()).collect();
        Self {
            slots,
            sets,
            counts,
        }
    }

    /// The number of items of `key`'s list, if that list was kept.
    pub fn count(&self, key: &K) -> Option<usize> {
        self.slots.get(key).map(|&slot| self.counts[slot])
    }

    /// The set of `key`'s list over the ranks of order `order`, if that list was kept.
    pub fn get(&self, order: usize, key: &K) -> Option<&Bitset> {
        self.slots.get(key).map(|&slot| &self.sets[order][slot])
    }

    /// How many lists are kept.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether no list is kept.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Bytes held by the sets.
    pub fn heap_bytes(&self) -> usize {
        self.sets.iter().flatten().map(|s| s.words.len() * 8).sum()
    }
}

/// A page of the ranks in `range` that lie, for every group, in at least one set of the group (an
/// empty group matches nothing; no groups match every rank in `range`): the ranks in increasing order
/// after skipping `offset`, at most `size` of them, and how many ranks match in all. The sets must
/// range over at least `range.end` positions. `known_total`, when the caller knows how many ranks
/// match (one set over all its ranks: its list's length), spares counting them: the scan stops once
/// the page is full.
pub fn rank_page(
    groups: &[Vec<&Bitset>],
    range: std::ops::Range<usize>,
    offset: usize,
    size: usize,
    known_total: Option<usize>,
) -> (Vec<usize>, usize) {
    rank_page_by(groups, range, offset, size, known_total, RANK_CHUNK_WORDS)
}

/// Words of the sets combined at a time by [`rank_page`]: 2 KiB, so that the combined words stay in
/// the first-level cache while they are counted and read.
const RANK_CHUNK_WORDS: usize = 256;

/// [`rank_page`], combining `chunk` words at a time.
fn rank_page_by(
    groups: &[Vec<&Bitset>],
    range: std::ops::Range<usize>,
    offset: usize,
    size: usize,
    known_total: Option<usize>,
    chunk: usize,
) -> (Vec<usize>, usize) {
    if range.start >= range.end || groups.iter().any(|g| g.is_empty()) {
        return (Vec::new(), 0);
    }
    if groups.is_empty() {
        let ranks = range.clone().skip(offset).take(size).collect();
        return (ranks, range.len());
    }
    let at_most = known_total.unwrap_or(range.len()).saturating_sub(offset);
    let mut ranks = Vec::with_capacity(size.min(at_most));
    // Matching ranks before the current word.
    let mut seen = 0;
    for_each_chunk(groups, &range, chunk, |first, part| {
        // Skip whole words up to the page, read the page's bits one by one, then count the rest.
        let mut w = 0;
        while w < part.len() && ranks.len() < size {
            let ones = part[w].count_ones() as usize;
            if seen + ones <= offset {
                seen += ones;
            } else {
                let mut rest = part[w];
                while rest != 0 {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    if seen >= offset && ranks.len() < size {
                        ranks.push((first + w) * 64 + bit);
                    }
                    seen += 1;
                }
            }
            w += 1;
        }
        if known_total.is_none() {
            seen += part[w..]
                .iter()
                .map(|word| word.count_ones() as usize)
                .sum::<usize>();
        }
        known_total.is_none() || ranks.len() < size
    });
    (ranks, known_total.unwrap_or(seen))
}

/// Like [`rank_page`], but only the ranks that also pass `keep` match, and the matches are not
/// counted: the page alone, read until it is full.
pub fn rank_page_where(
    groups: &[Vec<&Bitset>],
    range: std::ops::Range<usize>,
    offset: usize,
    size: usize,
    keep: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut ranks = Vec::new();
    if range.start >= range.end || groups.iter().any(|g| g.is_empty()) || size == 0 {
        return ranks;
    }
    let mut seen = 0;
    let mut take = |rank: usize| {
        if keep(rank) {
            if seen >= offset {
                ranks.push(rank);
            }
            seen += 1;
        }
        ranks.len() < size
    };
    if groups.is_empty() {
        for rank in range {
            if !take(rank) {
                break;
            }
        }
    } else {
        for_each_chunk(groups, &range, RANK_CHUNK_WORDS, |first, part| {
            for (w, &word) in part.iter().enumerate() {
                let mut rest = word;
                while rest != 0 {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    if !take((first + w) * 64 + bit) {
                        return false;
                    }
                }
            }
            true
        });
    }
    ranks
}

/// Calls `f` with each run of at most `chunk` words of the groups combined over `range` (for every
/// group, the OR of its sets; the groups ANDed; bits outside `range` cleared), and the index of the
/// run's first word, in order, until `f` returns false. `groups` is not empty, nor any group in it.
fn for_each_chunk(
    groups: &[Vec<&Bitset>],
    range: &std::ops::Range<usize>,
    chunk: usize,
    mut f: impl FnMut(usize, &[u64]) -> bool,
) {
    let words = range.start / 64..(range.end - 1) / 64 + 1;
    let mut combined = vec![0u64; chunk.min(words.len())];
    let mut any = vec![0u64; combined.len()];
    let mut at = words.start;
    while at < words.end {
        let here = at..(at + chunk).min(words.end);
        let part = &mut combined[..here.len()];
        // The groups ANDed, each the OR of its sets, slice by slice so that the loops vectorize.
        for (g, group) in groups.iter().enumerate() {
            let (first, rest) = group.split_first().expect("no group is empty");
            if g == 0 {
                part.copy_from_slice(&first.words[here.clone()]);
                for set in rest {
                    for (a, b) in part.iter_mut().zip(&set.words[here.clone()]) {
                        *a |= b;
                    }
                }
            } else if rest.is_empty() {
                for (a, b) in part.iter_mut().zip(&first.words[here.clone()]) {
                    *a &= b;
                }
            } else {
                let any = &mut any[..here.len()];
                any.copy_from_slice(&first.words[here.clone()]);
                for set in rest {
                    for (a, b) in any.iter_mut().zip(&set.words[here.clone()]) {
                        *a |= b;
                    }
                }
                for (a, b) in part.iter_mut().zip(any.iter()) {
                    *a &= b;
                }
            }
        }
        if here.start == words.start {
            part[0] &= u64::MAX << (range.start % 64);
        }
        if here.end == words.end {
            part[here.len() - 1] &= u64::MAX >> (63 - (range.end - 1) % 64);
        }
        if !f(here.start, part) {
            return;
        }
        at = here.end;
    }
}

/// Accumulates the AND of several filters; `None` means "no filter yet" (everything).
#[derive(Debug, Default)]
pub struct Filter {
    set: Option<Bitset>,
}

impl Filter {
    /// Narrows to `set`.
    pub fn and(&mut self, set: Bitset) {
        match &mut self.set {
            None => self.set = Some(set),
            Some(current) => current.intersect(&set),
        }
    }

    /// The resulting set, or `None` when no filter was applied.
    pub fn into_set(self) -> Option<Bitset> {
        self.set
    }
}

/// Lowercase words of `text`: maximal runs of letters and digits.
/// Words already lowercase (most of them) are borrowed rather than copied.
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(lowercase)
}

/// `text` in lowercase, borrowed when it already is (ASCII without capitals).
pub fn lowercase(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// An inverted index from words to the sorted positions of the documents containing them.
#[derive(Debug, Default)]
pub struct TextIndex {
    /// Sorted by word, so the words starting with a prefix are one run.
    terms: Vec<(Box<str>, Vec<u32>)>,
}

impl TextIndex {
    /// Indexes `docs`, given in increasing position order, each as the pieces of its text (a word never
    /// spans two pieces, as if they were joined by a separator), so the text need not be copied whole.
    pub fn build<'a, P: IntoIterator<Item = &'a str>>(
        docs: impl IntoIterator<Item = (u32, P)>,
    ) -> Self {
        let mut terms: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (pos, pieces) in docs {
            for word in pieces.into_iter().flat_map(words) {
                match terms.get_mut(&*word) {
                    Some(list) => {
                        if list.last() != Some(&pos) {
                            list.push(pos);
                        }
                    }
                    None => {
                        terms.insert(word.into(), vec![pos]);
                    }
                }
            }
        }
        let mut terms: Vec<(Box<str>, Vec<u32>)> = terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Self { terms }
    }

    /// The numbers (as used by [`Self::list`]) of the indexed words that start with `prefix`.
    pub fn prefixed(&self, prefix: &str) -> std::ops::Range<usize> {
        let first = self.terms.partition_point(|(t, _)| **t < *prefix);
        let len = self.terms[first..]
            .iter()
            .take_while(|(t, _)| t.starts_with(prefix))
            .count();
        first..first + len
    }

    /// The sorted positions of the documents containing the indexed word numbered `term`.
    pub fn list(&self, term: usize) -> &[u32] {
        &self.terms[term].1
    }

    /// How many distinct words are indexed.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether no word is indexed.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Documents containing, for every word of `query`, a word that starts with it. A query without
    /// words matches nothing.
    pub fn search(&self, query: &str, len: usize) -> Bitset {
        let mut filter = Filter::default();
        let mut any = false;
        for word in words(query) {
            any = true;
            let lists = self.terms[self.prefixed(&word)]
                .iter()
                .map(|(_, l)| l.as_slice());
            filter.and(Bitset::union(len, lists));
        }
        match filter.into_set() {
            Some(set) if any => set,
            _ => Bitset::empty(len),
        }
    }
}

/// Posting lists keyed by a value.
pub type Postings<K> = HashMap<K, Vec<u32>>;

/// Positions sorted by a numeric or date key, for range filters by binary search.
#[derive(Debug, Default)]
pub struct RangeIndex<K> {
    keys: Vec<K>,
    positions: Vec<u32>,
}

impl<K: PartialOrd + Copy> RangeIndex<K> {
    /// Builds from `(key, position)` pairs.
    pub fn build(mut pairs: Vec<(K, u32)>) -> Self {
        pairs.sort_by(|a, b| {
            a.0.partial_cmp(&b.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.cmp(&b.1))
        });
        let (keys, positions) = pairs.into_iter().unzip();
        Self { keys, positions }
    }

    /// Positions whose key lies in `[min, max]` (either end optional), in key order.
    pub fn slice(&self, min: Option<K>, max: Option<K>) -> &[u32] {
        let lo = min.map_or(0, |m| self.keys.partition_point(|k| *k < m));
        let hi = max.map_or(self.keys.len(), |m| self.keys.partition_point(|k| *k <= m));
        if lo < hi {
            &self.positions[lo..hi]
        } else {
            &[]
        }
    }

    /// Positions whose key lies in `[min, max]` (either end optional).
    pub fn range(&self, min: Option<K>, max: Option<K>, len: usize) -> Bitset {
        Bitset::union(len, [self.slice(min, max)])
    }
}

#[cfg(test)]
mod tests {
    use proptest::prop_assert_eq;

    use super::*;

    #[test]
    fn bitsets_intersect_and_count() {
        let mut a = Bitset::union(130, [&[1u32, 64, 129][..]]);
        a.intersect(&Bitset::union(130, [&[64u32, 129, 5][..]]));
        assert_eq!(a.count(), 2);
        assert!(a.contains(64) && a.contains(129) && !a.contains(1));
        let mut b = Bitset::union(200, [&[0u32, 3, 63, 64, 130, 199][..]]);
        let mut seen = Vec::new();
        b.retain(|i| {
            seen.push(i);
            i % 2 == 1
        });
        assert_eq!(seen, [0, 3, 63, 64, 130, 199]);
        assert_eq!(
            (b.count(), b.contains(3), b.contains(199), b.contains(64)),
            (3, true, true, false)
        );
    }

    /// A permutation of `0..n` from `seed` (Fisher-Yates with a linear congruential generator).
    fn permutation(n: usize, mut seed: u64) -> Vec<u32> {
        let mut order: Vec<u32> = (0..n as u32).collect();
        for i in (1..n).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        order
    }

    proptest::proptest! {
        #[test]
        fn rank_pages_agree_with_filtering_each_order(
            n in 1usize..300,
            lists in proptest::collection::vec(proptest::collection::btree_set(0u32..300, 0..200), 1..6),
            groups in proptest::collection::vec(proptest::collection::vec(0usize..6, 0..3), 0..4),
            seeds in proptest::collection::vec(proptest::prelude::any::<u64>(), 1..4),
            range in (0usize..320, 0usize..320),
            offset in 0usize..40,
            size in 0usize..30,
        ) {
            let lists: Vec<Vec<u32>> = lists
                .into_iter()
                .map(|l| l.into_iter().filter(|&i| (i as usize) < n).collect())
                .collect();
            let orders: Vec<Vec<u32>> = seeds.iter().map(|&s| permutation(n, s)).collect();
            let sets = RankSets::build(
                &orders,
                n,
                lists.iter().enumerate().map(|(k, l)| (k, l.as_slice())).collect(),
            );
            prop_assert_eq!(sets.len(), lists.len());
            let groups: Vec<Vec<usize>> = groups
                .into_iter()
                .map(|g| g.into_iter().filter(|&k| k < lists.len()).collect())
                .collect();
            let range = range.0.min(n)..range.1.min(n);
            for (k, order) in orders.iter().enumerate() {
                let bitsets: Vec<Vec<&Bitset>> = groups
                    .iter()
                    .map(|g| g.iter().map(|l| sets.get(k, l).unwrap()).collect())
                    .collect();
                let matching: Vec<usize> = range
                    .clone()
                    .filter(|&r| {
                        groups
                            .iter()
                            .all(|g| g.iter().any(|&l| lists[l].contains(&order[r])))
                    })
                    .collect();
                let want: Vec<usize> = matching.iter().copied().skip(offset).take(size).collect();
                // Combined a few words at a time too, so that pages cross the chunks' edges.
                for chunk in [1, 2, 3, RANK_CHUNK_WORDS] {
                    let (ranks, total) =
                        rank_page_by(&bitsets, range.clone(), offset, size, None, chunk);
                    prop_assert_eq!(total, matching.len());
                    prop_assert_eq!(&ranks, &want);
                }
                // Only the ranks that also pass a test: the page of those.
                let keep = |r: usize| order[r] % 3 != 0;
                let kept: Vec<usize> =
                    matching.iter().copied().filter(|&r| keep(r)).skip(offset).take(size).collect();
                prop_assert_eq!(rank_page_where(&bitsets, range.clone(), offset, size, keep), kept);
                // One set over all ranks: its list's length is the total, and the scan may stop early.
                if let [one] = groups.as_slice() {
                    if let ([one], true) = (one.as_slice(), range == (0..n)) {
                        let known = Some(lists[*one].len());
                        let (ranks, total) = rank_page_by(&bitsets, range.clone(), offset, size, known, 1);
                        prop_assert_eq!(total, matching.len());
                        prop_assert_eq!(&ranks, &want);
                    }
                }
            }
        }
    }

    #[test]
    fn text_search_matches_word_prefixes_of_every_query_word() {
        let index = TextIndex::build([
            (0, vec!["Human smugglers", "arrested"]),
            (1, vec!["Sites blocked by PTA"]),
            (2, vec!["smuggling", "networks"]),
        ]);
        let hits = |q: &str| {
            (0..3)
                .filter(|&i| index.search(q, 3).contains(i))
                .collect::<Vec<_>>()
        };
        assert_eq!(hits("SMUGGL"), [0, 2]);
        assert_eq!(hits("smugglers arrested"), [0]);
        assert_eq!(hits("pta"), [1]);
        assert_eq!(hits("uggl"), Vec::<usize>::new());
        assert_eq!(hits("' --"), Vec::<usize>::new());
    }

    #[test]
    fn ranges_are_inclusive() {
        let index = RangeIndex::build(vec![(5.0, 0), (1.0, 1), (3.0, 2), (3.0, 3)]);
        let hits = |min, max| {
            (0..4)
                .filter(|&i| index.range(min, max, 4).contains(i))
                .collect::<Vec<_>>()
        };
        assert_eq!(hits(Some(3.0), Some(5.0)), [0, 2, 3]);
        assert_eq!(hits(None, Some(1.0)), [1]);
        assert_eq!(hits(Some(6.0), None), Vec::<usize>::new());
    }
}
