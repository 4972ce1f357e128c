//! Pairs the operations (or webhooks) of two versions, independent of their order in the file.
//!
//! Passes, each over what earlier passes left unpaired:
//! 1. same folder path and name, same method and URL template (repeated names pair in file order);
//! 2. same folder path and name, unique on both sides (the method or URL changed);
//! 3. same method and URL template, unique on both sides (the name or folder changed: a rename);
//! 4. same folder path and name, in file order (repeated names whose method or URL changed).
//!
//! What is left is removed (old side) or added (new side). Pass 3 needs uniqueness because many Tango
//! commands share one URL with different methods or bodies: pairing those by guess would report false renames.

/// What identifies an operation across versions.
#[derive(Debug, Clone, Copy)]
pub(super) struct Identity<'a> {
    /// `FOLDER/Request name`.
    pub key: &'a str,
    /// Upper-case method.
    pub method: &'a str,
    /// URL template.
    pub path: &'a str,
}

/// The result: pairs `(old index, new index)` in new-side order, then unpaired indexes on each side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Pairing {
    pub pairs: Vec<(usize, usize)>,
    pub removed: Vec<usize>,
    pub added: Vec<usize>,
}

pub(super) fn pair(old: &[Identity<'_>], new: &[Identity<'_>]) -> Pairing {
    let mut old_free: Vec<bool> = vec![true; old.len()];
    let mut new_free: Vec<bool> = vec![true; new.len()];
    let mut pairs = Vec::new();
    let same_all = |a: &Identity<'_>, b: &Identity<'_>| a.key == b.key && a.method == b.method && a.path == b.path;
    let same_key = |a: &Identity<'_>, b: &Identity<'_>| a.key == b.key;
    let same_route = |a: &Identity<'_>, b: &Identity<'_>| a.method == b.method && a.path == b.path;

    in_order(old, new, &mut old_free, &mut new_free, &mut pairs, &same_all);
    unique(old, new, &mut old_free, &mut new_free, &mut pairs, &same_key);
    unique(old, new, &mut old_free, &mut new_free, &mut pairs, &same_route);
    in_order(old, new, &mut old_free, &mut new_free, &mut pairs, &same_key);

    pairs.sort_by_key(|&(_, n)| n);
    Pairing {
        pairs,
        removed: (0..old.len()).filter(|&i| old_free.get(i).copied().unwrap_or(false)).collect(),
        added: (0..new.len()).filter(|&i| new_free.get(i).copied().unwrap_or(false)).collect(),
    }
}

type Same<'f> = dyn Fn(&Identity<'_>, &Identity<'_>) -> bool + 'f;

/// Pairs each free old item with the first free new item that matches.
fn in_order(
    old: &[Identity<'_>],
    new: &[Identity<'_>],
    old_free: &mut [bool],
    new_free: &mut [bool],
    pairs: &mut Vec<(usize, usize)>,
    same: &Same<'_>,
) {
    for (o, a) in old.iter().enumerate() {
        if !old_free[o] {
            continue;
        }
        let found = new.iter().enumerate().position(|(n, b)| new_free[n] && same(a, b));
        if let Some(n) = found {
            old_free[o] = false;
            new_free[n] = false;
            pairs.push((o, n));
        }
    }
}

/// Pairs a free old item with a free new item when each is the other's only free match.
fn unique(
    old: &[Identity<'_>],
    new: &[Identity<'_>],
    old_free: &mut [bool],
    new_free: &mut [bool],
    pairs: &mut Vec<(usize, usize)>,
    same: &Same<'_>,
) {
    let mut found = Vec::new();
    for (o, a) in old.iter().enumerate().filter(|(o, _)| old_free[*o]) {
        let candidates: Vec<usize> = (0..new.len()).filter(|&n| new_free[n] && same(a, &new[n])).collect();
        let [n] = candidates[..] else { continue };
        let rivals = (0..old.len()).filter(|&p| old_free[p] && same(&old[p], &new[n])).count();
        if rivals == 1 {
            found.push((o, n));
        }
    }
    for (o, n) in found {
        old_free[o] = false;
        new_free[n] = false;
        pairs.push((o, n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id<'a>(key: &'a str, method: &'a str, path: &'a str) -> Identity<'a> {
        Identity { key, method, path }
    }

    #[test]
    fn order_does_not_matter_and_renames_match_by_route() {
        let old = [id("A/List", "GET", "/a"), id("A/Create", "POST", "/a"), id("A/Old", "DELETE", "/a")];
        let new = [id("A/Create", "POST", "/a"), id("A/Remove", "DELETE", "/a"), id("A/List", "GET", "/a")];
        let p = pair(&old, &new);
        assert_eq!(p.pairs, vec![(1, 0), (2, 1), (0, 2)]);
        assert!(p.removed.is_empty() && p.added.is_empty());
    }

    #[test]
    fn ambiguous_routes_are_not_guessed() {
        let old = [id("A/One", "POST", "/a"), id("A/Two", "POST", "/a")];
        let new = [id("A/Three", "POST", "/a"), id("A/Four", "POST", "/a")];
        let p = pair(&old, &new);
        assert!(p.pairs.is_empty());
        assert_eq!((p.removed, p.added), (vec![0, 1], vec![0, 1]));
    }

    #[test]
    fn repeated_names_pair_by_route_then_order() {
        let old = [id("S/Get", "GET", "/s"), id("S/Get", "GET", "/s/:id")];
        let new = [id("S/Get", "GET", "/s/:id"), id("S/Get", "POST", "/s")];
        let p = pair(&old, &new);
        assert_eq!(p.pairs, vec![(1, 0), (0, 1)]);
    }
}
