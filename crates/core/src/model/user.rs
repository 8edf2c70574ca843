//! Users and their memberships: per organization and in the enterprise, each with its roles and
//! whether the invitation was accepted ("Invited users are listed as pending until they accept
//! the invitation", seed 002).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberStatus {
    Active,
    Invited,
}

impl MemberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Invited => "invited",
        }
    }
}

/// A user's place in one organization or in the enterprise: the role IDs assigned there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    pub status: MemberStatus,
    pub roles: Vec<String>,
    /// Until when a pending invitation can be accepted (`mail::INVITATION_LIFETIME` after it was
    /// last sent); none for an active member, or an invitation from before invitations expired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<DateTime<Utc>>,
}

impl Membership {
    pub fn active(roles: Vec<String>) -> Membership {
        Membership {
            status: MemberStatus::Active,
            roles,
            expires: None,
        }
    }

    /// Whether this is an invitation that can no longer be accepted at `now`.
    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        self.status == MemberStatus::Invited && self.expires.is_some_and(|until| now >= until)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub email: String,
    /// Organization ID → membership.
    #[serde(default)]
    pub organizations: BTreeMap<String, Membership>,
    /// The enterprise membership, apart from any organization's: "Inviting a user to your
    /// enterprise does not add the user to any organizations in your enterprise" (seed 000).
    #[serde(default)]
    pub enterprise: Option<Membership>,
}

impl User {
    /// The membership in an organization or the enterprise.
    pub fn membership(&self, scope: &super::Scope) -> Option<&Membership> {
        match scope {
            super::Scope::Organization(org) => self.organizations.get(org),
            super::Scope::Enterprise => self.enterprise.as_ref(),
        }
    }

    pub fn membership_mut(&mut self, scope: &super::Scope) -> Option<&mut Membership> {
        match scope {
            super::Scope::Organization(org) => self.organizations.get_mut(org),
            super::Scope::Enterprise => self.enterprise.as_mut(),
        }
    }

    /// Every scope the user is a member of, whatever the membership's status: its organizations,
    /// then the enterprise.
    pub fn scopes(&self) -> impl Iterator<Item = super::Scope> + '_ {
        self.organizations
            .keys()
            .map(|org| super::Scope::Organization(org.clone()))
            .chain(self.enterprise.as_ref().map(|_| super::Scope::Enterprise))
    }

    /// Sets or, with `None`, ends the membership.
    pub fn set_membership(&mut self, scope: &super::Scope, membership: Option<Membership>) {
        match scope {
            super::Scope::Organization(org) => match membership {
                Some(m) => {
                    self.organizations.insert(org.clone(), m);
                }
                None => {
                    self.organizations.remove(org);
                }
            },
            super::Scope::Enterprise => self.enterprise = membership,
        }
    }
}
