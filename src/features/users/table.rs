//! The users of an organization or of the enterprise: a filtered, paged table whose rows open
//! Edit User and Remove User from their More menu.

use leptos::prelude::*;
use portal_core::api::Method;
use serde_json::json;

use crate::features::users::member_dialog::MemberDialog;
use crate::features::users::scope::{UserRow, UserScope};
use crate::portal::{use_portal, Allowed};
use crate::ui::menu::close_on_escape;
use crate::ui::notice::Notice;
use crate::ui::pager::{positions, PagedFilter, Pager, Paging};
use crate::ui::table::DataTable;

/// A dialog about one member: who, and whether it is open.
#[derive(Clone, Copy, Default)]
pub struct UserAction {
    pub open: RwSignal<bool>,
    pub user: RwSignal<Option<UserRow>>,
}

impl UserAction {
    pub fn start(&self, row: UserRow) {
        self.user.set(Some(row));
        self.open.set(true);
    }

    /// The dialog about the member chosen last (tracked), if any.
    pub fn dialog(
        &self,
        users: UserScope,
        notice: RwSignal<Option<Notice>>,
    ) -> Option<MemberDialog> {
        self.user.get().map(|row| MemberDialog {
            users,
            row,
            open: self.open,
            notice,
        })
    }
}

#[component]
pub fn UserTable(users: UserScope, edit: UserAction, remove: UserAction) -> impl IntoView {
    let portal = use_portal();
    let users = StoredValue::new(users);
    let filter = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        portal
            .state()
            .map(|state| users.with_value(|u| u.rows(&state)))
            .unwrap_or_default()
    });
    let shown = Memo::new(move |_| {
        let filter = filter.get().trim().to_lowercase();
        rows.with(|rows| positions(rows, |row| row.matches(&filter)))
    });
    let paging = Paging::new(move || shown.with(Vec::len));
    // Whether the actor may change these users at all; each dialog asks about its own request.
    let write = Memo::new(move |_| {
        users.with_value(|u| u.permits(&portal, Method::Put, "/users", &json!({})))
    });
    // Only the enterprise's list flags its administrators.
    let columns: Vec<&'static str> = ["Email", "Status", "Roles"]
        .into_iter()
        .chain(
            users
                .with_value(UserScope::is_enterprise)
                .then_some("Admin"),
        )
        .chain(["Actions"])
        .collect();
    let page_rows = move || rows.with(|rows| shown.with(|shown| paging.page_at(rows, shown)));
    let count = move || {
        let (shown, total) = (shown.with(Vec::len), rows.with(Vec::len));
        if shown == total {
            format!("{total} users")
        } else {
            format!("{shown} of {total} users")
        }
    };
    view! {
        <div class="user-list">
            <div class="user-list-tools">
                <PagedFilter class="user-filter" placeholder="Email or role" value=filter paging/>
                <span class="user-count" role="status">{count}</span>
            </div>
            <DataTable class="data user-table" columns>
                {move || page_rows().into_iter().map(|row| view! {
                    <UserTableRow row write edit remove/>
                }).collect_view()}
            </DataTable>
            {move || shown.with(Vec::is_empty).then(|| {
                let why = if rows.with(Vec::is_empty) {
                    "There are no users here yet."
                } else {
                    "No user's email or role matches the filter."
                };
                view! { <p class="user-empty">{why}</p> }
            })}
            <Pager paging label="Pages of users"/>
        </div>
    }
}

#[component]
fn UserTableRow(
    row: UserRow,
    write: Memo<Allowed>,
    edit: UserAction,
    remove: UserAction,
) -> impl IntoView {
    let status = if row.pending { "Pending" } else { "Active" };
    let admin = row.admin.map(|admin| if admin { "Yes" } else { "No" });
    let actions = view! { <UserRowActions row=row.clone() write edit remove/> };
    view! {
        <tr class:pending=row.pending>
            <td>{row.email}</td>
            <td><span class="badge user-status">{status}</span></td>
            <td>{row.role_names.join(", ")}</td>
            {admin.map(|admin| view! { <td>{admin}</td> })}
            <td>{actions}</td>
        </tr>
    }
}

/// seed 000: "To edit a user's roles, click More, and then select Edit User"; "To remove a user or
/// revoke a pending invitation, click More, and then select Remove User." Each row's buttons carry
/// the email in their names, since every row has the same two.
#[component]
fn UserRowActions(
    row: UserRow,
    write: Memo<Allowed>,
    edit: UserAction,
    remove: UserAction,
) -> impl IntoView {
    let reason_id = format!("why-user-{}", row.id);
    let described = reason_id.clone();
    let refused = move || write.get().err();
    let describedby = move || refused().map(|_| described.clone());
    let email = row.email.clone();
    let item = move |label: &'static str, class: Option<&'static str>, action: UserAction| {
        let (row, describedby) = (row.clone(), describedby.clone());
        view! {
            <button
                type="button"
                class=class
                aria-label=format!("{label} {}", row.email)
                disabled=move || refused().is_some()
                aria-describedby=describedby
                on:click=move |ev| {
                    close_menu(&ev);
                    action.start(row.clone());
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <details class="user-more" on:keydown=close_on_escape>
            <summary aria-label=format!("More actions for {email}")>"More"</summary>
            <div class="user-more-menu">
                {item("Edit User", None, edit)}
                {item("Remove User", Some("danger"), remove)}
                {move || refused().map(|why| view! {
                    <span class="refusal" id=reason_id.clone()>{why.to_string()}</span>
                })}
            </div>
        </details>
    }
}

/// Folds the More menu away once a dialog takes over.
fn close_menu(ev: &leptos::ev::MouseEvent) {
    let button: web_sys::Element = event_target(ev);
    if let Ok(Some(menu)) = button.closest("details") {
        let _ = menu.remove_attribute("open");
    }
}
