//! What changed on the server since a revision: the records written since, and the keys deleted
//! since; from revision 0, everything (a snapshot).

use serde::{Deserialize, Serialize};

use crate::api::{ApiError, ErrorId};
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

/// The changes since `since` (0: a snapshot of everything).
pub fn feed(state: &State, since: u64) -> Result<Feed, ApiError> {
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
    let changes = if since == 0 {
        state
            .records()
            .into_iter()
            .filter(|r| !is_bookkeeping(&r.key()))
            .map(Change::Put)
            .collect()
    } else if since == revision {
        // The usual poll: nothing is newer, and no record need be looked at.
        Vec::new()
    } else {
        changed_since(state, since)
    };
    Ok(Feed {
        enterprise_id: state.enterprise.id.clone(),
        revision,
        snapshot: since == 0,
        changes,
    })
}

fn changed_since(state: &State, since: u64) -> Vec<Change> {
    state
        .sync
        .versions
        .iter()
        .filter(|(_, stamp)| stamp.version > since)
        .filter_map(|(path, _)| Key::from_path(path))
        .map(|key| match state.record(&key) {
            Some(record) => Change::Put(record),
            None => Change::Delete(key),
        })
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
