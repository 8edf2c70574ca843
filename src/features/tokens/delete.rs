//! "Delete token" (seed 000, "Revoke enterprise tokens": "locate the token you want to delete,
//! and then click Delete"): the question and its request, for the token list and the Access
//! page's unused tokens.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use serde_json::Value;

use crate::portal::{use_portal, Allowed};
use crate::ui::dialog::confirm::ConfirmDialog;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

/// The token a Delete was clicked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doomed {
    pub client_id: String,
    pub description: String,
}

/// Revoking is bounded like granting: the core answers for the token's own DELETE.
pub fn may_revoke(scope: &Scope, client_id: &str) -> Allowed {
    let target = format!("/v2/tokens/{client_id}");
    use_portal().permits(scope, Method::Delete, &target, &Value::Null)
}

/// A row's Delete: enabled by the core's answer for this token's DELETE, and asking the
/// [`DeleteTokenDialog`] about it.
#[component]
pub fn DeleteTokenButton(
    token: Doomed,
    #[prop(into)] scope: Signal<Scope>,
    deleting: RwSignal<Option<Doomed>>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let (revoked, name) = (
        token.client_id.clone(),
        format!("Delete token {}", token.client_id),
    );
    let allowed = Signal::derive(move || may_revoke(&scope.get(), &revoked));
    view! {
        <GuardedButton label="Delete" class="danger" allowed aria_label=name on_click=move || {
            deleting.set(Some(token.clone()));
            open.set(true);
        }/>
    }
}

#[component]
pub fn DeleteTokenDialog(
    /// The token asked about; set it and `open` to ask.
    deleting: RwSignal<Option<Doomed>>,
    open: RwSignal<bool>,
    /// The page's notice, which says what was deleted.
    notice: RwSignal<Option<Notice>>,
    /// Where the token belongs, and so where the request acts.
    #[prop(into)]
    scope: Signal<Scope>,
) -> impl IntoView {
    let submission = Submission::default();
    let allowed = Signal::derive(move || {
        deleting
            .get()
            .map_or(Ok(()), |doomed| may_revoke(&scope.get(), &doomed.client_id))
    });
    let confirm = move || {
        let Some(doomed) = deleting.get_untracked() else {
            return;
        };
        let target = format!("/v2/tokens/{}", doomed.client_id);
        let done = close_and_tell(open, notice, format!("Deleted token {}.", doomed.client_id));
        submission.send(scope.get_untracked(), Method::Delete, target, None, done);
    };
    view! {
        <ConfirmDialog title="Delete token" open label="Delete Token" allowed submission on_confirm=confirm>
            {move || deleting.get_untracked().map(|doomed| {
                let named = if doomed.description.is_empty() {
                    doomed.client_id.clone()
                } else {
                    format!("{} ({})", doomed.client_id, doomed.description)
                };
                view! {
                    <p>{format!("Delete token {named}? Applications that use it can no longer connect, and it can't be restored.")}</p>
                }
            })}
        </ConfirmDialog>
    }
}
