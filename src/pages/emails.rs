use leptos::prelude::*;

use crate::features::emails::outbox::EmailOutbox;
use crate::pages::settings_heading::SettingsHeading;
use crate::scope::use_scope;

/// Settings → Email outbox: the invitations and notices the portal wrote, for whoever may read
/// them where the page acts.
#[component]
pub fn Emails() -> impl IntoView {
    let scope = use_scope();
    view! {
        <SettingsHeading
            title="Email outbox"
            enterprise="The invitations to the enterprise the portal sent, and those to you."
            organization="The invitations and notices the portal sent for this organization, and those to you."
        />
        <EmailOutbox scope/>
    }
}
