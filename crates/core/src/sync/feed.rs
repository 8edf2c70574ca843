//! What changed on the server since a revision, as one actor may read it: the records written
//! since, and the keys deleted (or no longer readable) since; from revision 0, or when the actor's
//! access changed, all it may read (a snapshot).

use serde::{Deserialize, Serialize};

use crate::api::visibility::Visibility;
use crate::api::{Actor, ApiError, ErrorId};
use crate::model::{Change, ChangeSet, Collection, Key, State};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Feed {
    /// Which state this is: a client whose copy is of another enterprise starts over.
    pub enterprise_id: String,
    /// The revision the client has once it applied `changes`.
    pub revision: u64,
    /// `changes` are the whole state, to replace the copy rather than to change it.
    pub snapshot: bool,
    pub changes: Vec<Change>,
}

/// The changes since `since` that `actor` may read (0: a snapshot of all it may read).
///
/// Records are sent as [`Visibility`] projects them, and a changed record the actor may not read
/// goes as a `Delete`, so that a copy never holds what its reader may not read. When a record
/// that decides the actor's access changed since (`Visibility::decides_access`: its own token or
/// user record, a role it holds), what it may read may have changed without the records
/// themselves changing: the answer is a snapshot, which replaces the copy, so that what it may no
/// longer read leaves the copy and what it now may read enters it.
pub fn feed(state: &State, actor: &Actor, since: u64) -> Result<Feed, ApiError> {
    let revision = state.sync.revision();
    if since > revision {
        return Err(ApiError::new(
            ErrorId::InvalidField,
            format!(
                "since={since} is ahead of this server's revision {revision}: the server's state \
                 was replaced; ask again with since=0 for all of it"
            ),
        ));
    }
    // The usual poll: nothing is newer, and no record need be looked at.
    if since == revision && since != 0 {
        return Ok(Feed {
            enterprise_id: state.enterprise.id.clone(),
            revision,
            snapshot: false,
            changes: Vec::new(),
        });
    }
    let visibility = Visibility::of(state, actor);
    let changed = if since == 0 {
        Vec::new()
    } else {
        changed_since(state, since)
    };
    // A token's own record changes on its own once a minute while it is used (its last use);
    // its roles change only when a role it held is deleted, which deletes that role's record
    // too. So the token's record calls for a snapshot only beside a deleted role: a connected
    // page's polls don't turn into a snapshot a minute.
    let role_deleted = changed
        .iter()
        .any(|key| key.collection == Collection::Roles && !state.roles.contains_key(&key.id));
    let snapshot = since == 0
        || changed.iter().any(|key| {
            visibility.decides_access(key) && (key.collection != Collection::Tokens || role_deleted)
        });
    let changes = if snapshot {
        visibility.records().into_iter().map(Change::Put).collect()
    } else {
        changed
            .into_iter()
            .map(|key| {
                match state
                    .record(&key)
                    .and_then(|record| visibility.project(record))
                {
                    Some(record) => Change::Put(record),
                    None => Change::Delete(key),
                }
            })
            .collect()
    };
    Ok(Feed {
        enterprise_id: state.enterprise.id.clone(),
        revision,
        snapshot,
        changes,
    })
}

/// The keys of the records written or deleted since the revision.
fn changed_since(state: &State, since: u64) -> Vec<Key> {
    state
        .sync
        .versions
        .iter()
        .filter(|(_, stamp)| stamp.version > since)
        .filter_map(|(path, _)| Key::from_path(path))
        .filter(|key| !is_bookkeeping(key))
        .collect()
}

fn is_bookkeeping(key: &Key) -> bool {
    matches!(key.collection, Collection::Versions | Collection::Clients)
}

impl Feed {
    /// The client's copy after this feed: a snapshot replaces it, changes apply to it. `None`
    /// when the changes don't fit the copy (none yet, or another enterprise's): ask for a
    /// snapshot.
    pub fn apply_to(&self, copy: Option<State>) -> Option<State> {
        match copy {
            _ if self.snapshot => {
                State::from_records(self.changes.iter().filter_map(|change| match change {
                    Change::Put(record) => Some(record.clone()),
                    Change::Delete(_) => None,
                }))
            }
            Some(mut state) if state.enterprise.id == self.enterprise_id => {
                state.apply(&ChangeSet(self.changes.clone()));
                Some(state)
            }
            _ => None,
        }
    }
}
