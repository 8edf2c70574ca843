//! What Edit User and Remove User share: the member they are about, the request they send about
//! it, the core's answer for that very request, and the page's notice once it is done.

use leptos::prelude::*;
use portal_core::api::Method;
use serde_json::Value;

use crate::features::users::scope::{UserRow, UserScope};
use crate::portal::{use_portal, Allowed};
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

#[derive(Clone)]
pub struct MemberDialog {
    pub users: UserScope,
    pub row: UserRow,
    /// The dialog's; closed once the request is accepted.
    pub open: RwSignal<bool>,
    /// The page's, which says what was done.
    pub notice: RwSignal<Option<Notice>>,
}

impl MemberDialog {
    /// The member's `path` below the users' API prefix: "" for the member, "/roles" for its roles.
    fn path(&self, below: &str) -> String {
        format!("/users/{}{below}", self.row.id)
    }

    /// The core's answer (tracked) for `method` on the member's `below` with the body `body`
    /// makes: the dialog's button is disabled with the refusal before anything is sent.
    pub fn allowed(
        &self,
        method: Method,
        below: &str,
        body: impl Fn() -> Value + Send + Sync + 'static,
    ) -> Signal<Allowed> {
        let portal = use_portal();
        let (users, path) = (self.users.clone(), self.path(below));
        Signal::derive(move || users.permits(&portal, method, &path, &body()))
    }

    /// Sends `method` on the member's `below`; once it is accepted, the dialog closes and the
    /// page says `done`.
    pub fn send(
        &self,
        submission: Submission,
        method: Method,
        below: &str,
        body: Option<Value>,
        done: String,
    ) {
        let target = self.users.target(&self.path(below));
        let then = close_and_tell(self.open, self.notice, done);
        submission.send(self.users.scope.clone(), method, target, body, then);
    }
}
