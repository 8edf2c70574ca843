//! A set of permissions as a bitset over the catalog: checks, unions and masks are single
//! integer operations.

use std::fmt;

use super::catalog::CATALOG;
use super::permission::Permission;

const _: () = assert!(
    CATALOG.len() <= 128,
    "the catalog outgrew PermissionSet's u128"
);

#[derive(Copy, Clone, Default, PartialEq, Eq, Hash)]
pub struct PermissionSet(u128);

impl PermissionSet {
    pub const EMPTY: PermissionSet = PermissionSet(0);

    pub fn all() -> PermissionSet {
        Permission::all().collect()
    }

    /// The permissions for which `keep` is true.
    pub fn filtered(keep: impl Fn(Permission) -> bool) -> PermissionSet {
        Permission::all().filter(|p| keep(*p)).collect()
    }

    pub fn contains(self, permission: Permission) -> bool {
        self.0 & bit(permission) != 0
    }

    pub fn insert(&mut self, permission: Permission) {
        self.0 |= bit(permission);
    }

    pub fn union(self, other: PermissionSet) -> PermissionSet {
        PermissionSet(self.0 | other.0)
    }

    pub fn intersection(self, other: PermissionSet) -> PermissionSet {
        PermissionSet(self.0 & other.0)
    }

    pub fn difference(self, other: PermissionSet) -> PermissionSet {
        PermissionSet(self.0 & !other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// In catalog order.
    pub fn iter(self) -> impl Iterator<Item = Permission> {
        Permission::all().filter(move |p| self.contains(*p))
    }
}

fn bit(permission: Permission) -> u128 {
    1u128 << permission.index()
}

impl FromIterator<Permission> for PermissionSet {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> PermissionSet {
        let mut set = PermissionSet::EMPTY;
        for p in iter {
            set.insert(p);
        }
        set
    }
}

impl fmt::Debug for PermissionSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(Permission::api))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let read = Permission::parse("org-token-read").unwrap();
        let write = Permission::parse("org-token-write").unwrap();
        let mut set = PermissionSet::EMPTY;
        assert!(set.is_empty());
        set.insert(read);
        assert!(set.contains(read) && !set.contains(write));
        let both: PermissionSet = [read, write].into_iter().collect();
        assert_eq!(both.len(), 2);
        assert_eq!(both.intersection(set), set);
        assert_eq!(both.difference(set).iter().collect::<Vec<_>>(), [write]);
        assert_eq!(set.union(both), both);
        assert_eq!(PermissionSet::all().len(), Permission::all().len());
        assert_eq!(format!("{set:?}"), "{\"org-token-read\"}");
    }
}
