//! Indexes that answer every claim filter and sort without scanning: posting lists per filter value,
//! pre-sorted orders per sort key, sorted arrays for range filters, and an inverted word index for text.

use std::borrow::Cow;
use std::collections::HashMap;

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
        .map(|w| {
            if w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
}

/// An inverted index from words to the sorted positions of the documents containing them.
#[derive(Debug, Default)]
pub struct TextIndex {
    /// Sorted by word, so the words starting with a prefix are one run.
    terms: Vec<(Box<str>, Vec<u32>)>,
}

impl TextIndex {
    /// Indexes `docs`, given in increasing position order.
    pub fn build<'a>(docs: impl IntoIterator<Item = (u32, &'a str)>) -> Self {
        let mut terms: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (pos, text) in docs {
            for word in words(text) {
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

    /// Documents containing, for every word of `query`, a word that starts with it. A query without
    /// words matches nothing.
    pub fn search(&self, query: &str, len: usize) -> Bitset {
        let mut filter = Filter::default();
        let mut any = false;
        for word in words(query) {
            any = true;
            let first = self.terms.partition_point(|(t, _)| **t < *word);
            let lists = self.terms[first..]
                .iter()
                .take_while(|(t, _)| t.starts_with(&*word))
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

    #[test]
    fn text_search_matches_word_prefixes_of_every_query_word() {
        let index = TextIndex::build([
            (0, "Human smugglers arrested"),
            (1, "Sites blocked by PTA"),
            (2, "smuggling networks"),
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
