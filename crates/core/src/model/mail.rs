//! Emails the portal sends: an invitation ("The user receives an email invitation", seed 000),
//! the new organization's notice ("An email is sent to the email address entered for the
//! organization owner", seed 002) and the payment method's removal ("An email is also sent for
//! your records", seed 001).
//!
//! A handler only writes the email into the outbox, in the change set that made it, so that an
//! email exists exactly when its cause was committed. A server started with a mail server delivers
//! what waits there and records how that went; without one, the outbox is where people read them
//! (Settings → Email outbox, like a mail catcher).

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::Scope;
use crate::time::format_minute;

/// How long an invitation can be accepted. Neither the seeds nor the spec say; the spec's invite
/// "resend[s] an invitation with new invitation details, such as an updated expiration", so an
/// invitation does expire and inviting the address again renews it.
pub const INVITATION_LIFETIME: TimeDelta = TimeDelta::days(7);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Email {
    /// Ascending in the order the emails were written.
    pub id: String,
    pub at: DateTime<Utc>,
    pub to: String,
    pub subject: String,
    /// Plain text, without the link: where the portal is served decides its address.
    pub body: String,
    pub about: About,
    pub delivery: Delivery,
}

/// What an email is about, which also says who may read it in the outbox besides its addressee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum About {
    /// An invitation of `user` to `scope`, which can be accepted until `expires`.
    #[serde(rename_all = "camelCase")]
    Invitation {
        scope: Scope,
        user_id: String,
        expires: DateTime<Utc>,
    },
    /// A notice to an organization's email address.
    #[serde(rename_all = "camelCase")]
    Organization { org_id: String, topic: Topic },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Topic {
    Created,
    PaymentMethodRemoved,
}

/// Where an email is on its way out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum Delivery {
    /// Waiting in the outbox: read there, or sent by a server that has a mail server.
    Outbox,
    /// A server took it to send at `at`. One that stopped before it knew how that went leaves it
    /// here rather than send it twice.
    Sending {
        at: DateTime<Utc>,
    },
    Sent {
        at: DateTime<Utc>,
    },
    Failed {
        at: DateTime<Utc>,
        reason: String,
    },
}

/// What an invitation says, whoever sends it: who invited the person to which place, as which
/// roles.
pub struct InvitationLetter {
    pub inviter: String,
    pub place: String,
    pub roles: String,
}

impl InvitationLetter {
    pub fn subject(&self) -> String {
        format!("You're invited to join {}", self.place)
    }

    pub fn body(&self, expires: DateTime<Utc>) -> String {
        format!(
            "{} invited you to join {} as {}.\n\nThe invitation can be accepted until {}. Open the \
             link below to accept it.",
            self.inviter,
            self.place,
            self.roles,
            format_minute(expires)
        )
    }
}

impl Email {
    /// The page's address that acts on this email, if it has one: an invitation's Accept
    /// Invitation, for the invitee.
    pub fn link(&self) -> Option<String> {
        match &self.about {
            About::Invitation { scope, user_id, .. } => Some(match scope {
                Scope::Organization(org) => format!("/invitation/{user_id}/organization/{org}"),
                Scope::Enterprise => format!("/invitation/{user_id}/enterprise"),
            }),
            About::Organization { .. } => None,
        }
    }

    /// The email moved on to `next`, when that is where it can go from here: from the outbox to
    /// a sender, and from a sender to sent or failed. Anything else is a second sender's late
    /// step, which must not undo the first's.
    pub fn moved(&self, next: Delivery) -> Option<Email> {
        let allowed = matches!(
            (&self.delivery, &next),
            (Delivery::Outbox, Delivery::Sending { .. })
                | (
                    Delivery::Sending { .. },
                    Delivery::Sent { .. } | Delivery::Failed { .. }
                )
        );
        allowed.then(|| Email {
            delivery: next,
            ..self.clone()
        })
    }

    /// The whole text as sent, with the link made absolute under `origin` (no trailing slash).
    pub fn text(&self, origin: &str) -> String {
        match self.link() {
            Some(link) => format!("{}\n\n{origin}{link}\n", self.body),
            None => format!("{}\n", self.body),
        }
    }
}
