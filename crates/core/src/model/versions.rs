//! What syncing needs to be kept with the state: the version of every record written
//! since the state was created, and each client's last mutation number.
//!
//! A version is the state's revision when the record was last written, so versions only grow,
//! the highest of them is the revision, and "what changed since revision N" is the records (and
//! deletions) with a version above N. Deleted records keep their version, so that an edit based
//! on a record someone else deleted is a conflict too.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::state::{Change, ChangeSet, Collection, Key, Record, State};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncMeta {
    /// `collection/id` → the revision that last wrote the record and the client whose mutation
    /// it was; a record never written since the state was created has version 0 and no entry.
    pub versions: BTreeMap<String, Stamp>,
    /// Client ID → its last mutation and how it was answered.
    pub clients: BTreeMap<String, ClientMark>,
    /// The highest version in `versions`, kept as they are written: asked on every change.
    revision: u64,
}

/// When a record was last written, and by which client's mutation (`None`: not by a mutation).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stamp {
    pub version: u64,
    #[serde(default)]
    pub by: Option<String>,
}

/// The stored form of one record's version. `previous` is the version the writer saw: a storage
/// shared by several writers (two tabs on one IndexedDB) refuses the write when it holds another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordVersion {
    pub key: String,
    #[serde(flatten)]
    pub stamp: Stamp,
    pub previous: u64,
}

/// A client's last mutation number and the status it was answered with, so that a retry of it
/// (its answer was lost) gets that status rather than a second application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientMark {
    pub client_id: String,
    pub last_mutation: u64,
    pub last_status: u16,
    /// The last mutation was refused as a conflict (its retry gets both sides again).
    #[serde(default)]
    pub conflict: bool,
}

impl SyncMeta {
    /// The latest revision: the highest version written.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records a record's version (a stored one loaded, or a new one written).
    pub fn set(&mut self, key: String, stamp: Stamp) {
        self.revision = self.revision.max(stamp.version);
        self.versions.insert(key, stamp);
    }

    pub fn version(&self, key: &Key) -> u64 {
        self.stamp(key).map_or(0, |s| s.version)
    }

    pub fn stamp(&self, key: &Key) -> Option<&Stamp> {
        self.versions.get(&key.path())
    }

    /// The last mutation answered for a client and its status; (0, 0) when there was none.
    pub fn last_mutation(&self, client_id: &str) -> (u64, u16) {
        self.clients
            .get(client_id)
            .map_or((0, 0), |mark| (mark.last_mutation, mark.last_status))
    }
}

impl Key {
    /// `collection/id`: how a key is written where only text will do.
    pub fn path(&self) -> String {
        format!("{}/{}", self.collection.name(), self.id)
    }

    /// The key a [`Key::path`] names; collection names have no `/`, IDs may.
    pub fn from_path(path: &str) -> Option<Key> {
        let (collection, id) = path.split_once('/')?;
        let collection = Collection::ALL
            .into_iter()
            .find(|c| c.name() == collection)?;
        Some(Key {
            collection,
            id: id.to_owned(),
        })
    }
}

impl ChangeSet {
    /// The revision a versioned change set makes: the version its records are stamped with.
    /// `None` for changes not yet versioned ([`State::versioned`]).
    pub fn revision(&self) -> Option<u64> {
        self.iter()
            .filter_map(|change| match change {
                Change::Put(Record::Version(version)) => Some(version.stamp.version),
                _ => None,
            })
            .max()
    }
}

impl State {
    /// `changes` with the version records that go with them: every record they put or delete
    /// gets the next revision as its version, and `by` (the client whose mutation it is). A
    /// change set that writes anything makes exactly one revision.
    pub fn versioned(&self, changes: ChangeSet, by: Option<&str>) -> ChangeSet {
        let next = self.sync.revision() + 1;
        let mut stamped = changes.clone();
        // A client's mark gets a version too: every change set is then one revision, by which
        // servers that share a database count one another's commits.
        for key in changes.keys_where(|c| c != Collection::Versions) {
            stamped.put(Record::Version(RecordVersion {
                stamp: Stamp {
                    version: next,
                    by: by.map(str::to_owned),
                },
                previous: self.sync.version(&key),
                key: key.path(),
            }));
        }
        stamped
    }

    /// The record a key names, if the state holds it.
    pub fn record(&self, key: &Key) -> Option<Record> {
        let id = key.id.as_str();
        Some(match key.collection {
            Collection::Enterprise => Record::Enterprise(self.enterprise.clone()),
            Collection::Credits => Record::Credits(self.credits.clone()),
            Collection::Organizations => Record::Organization(self.organizations.get(id)?.clone()),
            Collection::Users => Record::User(self.users.get(id)?.clone()),
            Collection::Roles => Record::Role(self.roles.get(id)?.clone()),
            Collection::Tokens => Record::Token(self.tokens.get(id)?.clone()),
            Collection::Databases => Record::Database(self.databases.get(id)?.clone()),
            Collection::Billing => Record::Billing {
                org_id: id.to_owned(),
                billing: self.billing.get(id)?.clone(),
            },
            Collection::Usage => Record::Usage(self.usage.get(id)?.clone()),
            Collection::BillingReports => {
                Record::BillingReport(self.billing_reports.get(id)?.clone())
            }
            Collection::Audit => Record::Audit(self.audit.get(id)?.clone()),
            Collection::Versions => {
                let stamp = self.sync.versions.get(id)?.clone();
                Record::Version(RecordVersion {
                    key: id.to_owned(),
                    previous: stamp.version,
                    stamp,
                })
            }
            Collection::Clients => Record::Client(self.sync.clients.get(id)?.clone()),
            Collection::Emails => Record::Email(self.emails.get(id)?.clone()),
        })
    }
}
