//! One stable sort for the whole engine.
//!
//! `slice::sort_by` is generic: each element type and comparison closure
//! gets its own copy of the standard library's driftsort, about 4 KiB of
//! wasm each, and the engine sorts in a few dozen places (flush order,
//! identity keys, attribute names, `sorted()`, `json.dumps(sort_keys=True)`).
//! [`sort_by`] sorts the positions `0..len` instead, with the comparison
//! behind `dyn`, so every caller shares one compiled sort; the elements
//! are then moved into place by following the permutation's cycles.
//! Same result as `slice::sort_by` (stable), at the price of an index
//! vector and an indirect call per comparison.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, like [`slice::sort_by`].
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    apply(items, order);
}

/// Sorts `items` stably by the key `key` gives each, like
/// [`slice::sort_by_key`].
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably in their natural order, like [`slice::sort`].
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` puts them, ties in
/// position order: the one monomorphic sort every caller shares.
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that position `k` holds what was at `order[k]`.
/// Position `k` is filled from where the element of `order[k]` went: if
/// that position was filled already (it is before `k`), its element was
/// swapped to that position's own source, and so on along the chain.
fn apply<T>(items: &mut [T], order: Vec<usize>) {
    for k in 0..order.len() {
        let mut source = order[k];
        while source < k {
            source = order[source];
        }
        items.swap(k, source);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every permutation of `0..n`.
    fn permutations(n: usize) -> Vec<Vec<usize>> {
        if n == 0 {
            return vec![Vec::new()];
        }
        let mut all = Vec::new();
        for rest in permutations(n - 1) {
            for at in 0..=rest.len() {
                let mut p = rest.clone();
                p.insert(at, n - 1);
                all.push(p);
            }
        }
        all
    }

    #[test]
    fn apply_moves_every_element_where_the_order_says() {
        for n in 0..=7 {
            for order in permutations(n) {
                let mut items: Vec<usize> = (0..n).map(|i| i * 10).collect();
                apply(&mut items, order.clone());
                let expected: Vec<usize> = order.iter().map(|&i| i * 10).collect();
                assert_eq!(items, expected, "order {order:?}");
            }
        }
    }

    #[test]
    fn sorts_like_the_standard_library_and_keeps_ties_in_place() {
        for n in 0..=6 {
            for order in permutations(n) {
                // Keys with ties: the original position breaks them.
                let mut ours: Vec<(usize, usize)> =
                    order.iter().enumerate().map(|(i, &k)| (k / 2, i)).collect();
                let mut std = ours.clone();
                sort_by_key(&mut ours, |&(key, _)| key);
                std.sort_by_key(|&(key, _)| key);
                assert_eq!(ours, std);
            }
        }
        let mut words = vec!["pear", "apple", "fig", "apple"];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
        let mut desc = vec![3, 1, 2];
        sort_by(&mut desc, |a, b| b.cmp(a));
        assert_eq!(desc, [3, 2, 1]);
    }
}
