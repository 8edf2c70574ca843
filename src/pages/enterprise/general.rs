//! The enterprise's General page (seed 000, "Get your enterprise ID", "Edit the enterprise
//! name"), the API connection, and the portal's own data: export, import, reset to the
//! demo data, or start empty.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::api::Method;
use portal_core::model::bootstrap::{new_state, Bootstrap, IssuedToken, Names};
use portal_core::model::demo::demo;
use portal_core::model::{OsEntropy, Scope, State};
use portal_core::time::format_day;
use portal_core::validation::ENTERPRISE_NAME;
use serde_json::json;

use super::CONTEXT;
use crate::clock::now;
use crate::features::connection::api_connection::ApiConnection;
use crate::portal::{use_portal, Allowed};
use crate::ui::copy_button::CopyButton;
use crate::ui::dialog::confirm::ConfirmDialog;
use crate::ui::dialog::form::FormDialog;
use crate::ui::download::{chosen_file, download, read_file};
use crate::ui::field::TextField;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::page_heading::PageHeading;
use crate::ui::request::{close_and_tell, Submission};

#[component]
pub fn General() -> impl IntoView {
    view! {
        <PageHeading context=CONTEXT title="General" intro="Your enterprise ID and display name."/>
        <Enterprise/>
        <ApiConnection/>
        <PortalData/>
    }
}

#[component]
fn Enterprise() -> impl IntoView {
    let portal = use_portal();
    let id = Signal::derive(move || {
        portal
            .state()
            .map(|s| s.enterprise.id.clone())
            .unwrap_or_default()
    });
    let name = Signal::derive(move || {
        portal
            .state()
            .map(|s| s.enterprise.name.clone())
            .unwrap_or_default()
    });
    // No permission names renaming (the backend takes the Enterprise Administrator role): the
    // core answers for the PATCH Edit sends.
    let may_rename = portal.allows(Scope::Enterprise, Method::Patch, "/v2/enterprises/current");
    let editing = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    view! {
        <section aria-labelledby="enterprise-heading">
            <h2 id="enterprise-heading">"Enterprise"</h2>
            <dl class="org-facts">
                <dt>"Enterprise ID"</dt>
                <dd><code class="enterprise-id">{id}</code> " " <CopyButton text=id what="enterprise ID"/></dd>
                <dt>"Display name"</dt>
                <dd class="enterprise-name">{name}</dd>
            </dl>
            <NoticeLine notice/>
            <div class="actions">
                <GuardedButton label="Edit" allowed=may_rename on_click=move || editing.set(true)/>
            </div>
        </section>
        <Rename open=editing current=name allowed=may_rename done=notice/>
    }
}

/// "Click Edit to change the enterprise's display name": PATCH /v2/enterprises/current.
#[component]
fn Rename(
    open: RwSignal<bool>,
    current: Signal<String>,
    allowed: Signal<Allowed>,
    done: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let submission = Submission::default();
    let save = move || {
        let body = json!({ "name": name.get_untracked() });
        let done = close_and_tell(open, done, "Saved the enterprise name.".to_owned());
        let target = "/v2/enterprises/current";
        submission.send(Scope::Enterprise, Method::Patch, target, Some(body), done);
    };
    let fill = move || name.set(current.get_untracked());
    view! {
        <FormDialog title="Edit enterprise name" open label="Save" allowed submission on_open=fill on_submit=save>
            <TextField label="Enterprise name" value=name max=ENTERPRISE_NAME.max/>
        </FormDialog>
    }
}

/// The portal keeps its state in this browser only: these move it in and out, or replace it.
/// They act on the whole store rather than through the DevOps API, so no role guards them; the
/// replacements are confirmed first.
#[component]
fn PortalData() -> impl IntoView {
    let portal = use_portal();
    let notice = RwSignal::new(None::<Notice>);
    let fresh = RwSignal::new(None::<Bootstrap>);
    let resetting = RwSignal::new(false);
    let emptying = RwSignal::new(false);
    let export = move |_| {
        spawn_local(async move {
            let document = match portal.export().await {
                Ok(document) => document,
                Err(why) => {
                    notice.set(Some(Notice::Error(why.to_string())));
                    return;
                }
            };
            let filename = format!("astra-portal-{}.json", format_day(now()));
            notice.set(Some(
                match download(&filename, "application/json", &document) {
                    Ok(()) => Notice::Done(format!("Exported the portal's data as {filename}.")),
                    Err(why) => Notice::Error(why),
                },
            ));
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        spawn_local(async move {
            let result = match read_file(&file).await {
                Ok(text) => portal.import(&text).await.map_err(|e| e.to_string()),
                Err(why) => Err(why),
            };
            fresh.set(None);
            notice.set(Some(match result {
                Ok(()) => Notice::Done(format!("Imported {}.", file.name())),
                Err(why) => Notice::Error(format!(
                    "{} was not imported, and nothing changed: {why}",
                    file.name()
                )),
            }));
        });
    };
    // While connected, the pages show the server's state: these would act on this browser's own
    // data, out of sight, so they wait for Disconnect.
    let connected = move || portal.sync_view().is_some();
    view! {
        <section aria-labelledby="data-heading" class="portal-data">
            <h2 id="data-heading">"Data"</h2>
            <p class="org-hint">
                "The portal keeps its data in this browser. Export it to keep a copy or move it to \
                another browser; importing a file replaces everything, once the whole file checks out."
            </p>
            <Show when=connected>
                <p class="org-hint">"While connected, the pages show the server's state; disconnect to export, import or replace this browser's own data."</p>
            </Show>
            <div class="actions" hidden=connected>
                <button type="button" on:click=export>"Export"</button>
                <label class="file-picker">
                    "Import"
                    <input type="file" accept=".json,application/json" on:change=import/>
                </label>
                <button type="button" class="danger" on:click=move |_| resetting.set(true)>"Reset to demo data"</button>
                <button type="button" class="danger" on:click=move |_| emptying.set(true)>"Start empty"</button>
            </div>
            <NoticeLine notice/>
            <FreshTokens fresh/>
        </section>
        <Replace
            title="Reset to demo data"
            explanation="Everything in the portal is replaced by a new copy of the demo data: Acme \
                Corporation, its organizations, users, roles, tokens, databases and usage."
            confirm="Reset"
            open=resetting
            make=|| (demo(now(), &mut OsEntropy).0, None)
            notice
            fresh
        />
        <Replace
            title="Start empty"
            explanation="Everything in the portal is replaced by a new enterprise with one \
                organization and its administrator, who gets an enterprise token and an \
                organization token: they are shown once, next."
            confirm="Erase and start empty"
            open=emptying
            make=|| {
                let (state, boot) = new_state(&Names::default(), now(), &mut OsEntropy);
                (state, Some(boot))
            }
            notice
            fresh
        />
    }
}

/// A confirmed replacement of the whole state; `make` builds the new one, and the tokens to show
/// once if it made any.
#[component]
fn Replace(
    title: &'static str,
    explanation: &'static str,
    confirm: &'static str,
    open: RwSignal<bool>,
    make: fn() -> (State, Option<Bootstrap>),
    notice: RwSignal<Option<Notice>>,
    fresh: RwSignal<Option<Bootstrap>>,
) -> impl IntoView {
    let portal = use_portal();
    let submission = Submission::default();
    // A failed replacement changes nothing, and the page's notice says so once the dialog closes.
    let replace = move || {
        let replaced = async move {
            let (state, boot) = make();
            Ok(portal.reset(state).await.map(|()| boot))
        };
        submission.run(replaced, move |result| {
            open.set(false);
            match result {
                Ok(boot) => {
                    fresh.set(boot);
                    notice.set(Some(Notice::Done(format!("{title}: done."))));
                }
                Err(why) => notice.set(Some(Notice::Error(format!(
                    "{title} failed, and nothing changed: {why}"
                )))),
            }
        });
    };
    view! {
        <ConfirmDialog title open label=confirm allowed=Signal::stored(Ok(())) submission on_confirm=replace>
            <p>{explanation}</p>
            <p><strong>"This can't be undone."</strong> " Export first to keep a copy."</p>
        </ConfirmDialog>
    }
}

/// The new administrator's two tokens, shown once: only their hashes are kept.
#[component]
fn FreshTokens(fresh: RwSignal<Option<Bootstrap>>) -> impl IntoView {
    let token = |issued: IssuedToken, label: &'static str, what: &'static str| {
        let text = Signal::stored(issued.token.clone());
        view! {
            <dt>{format!("{label} ({})", issued.role)}</dt>
            <dd>
                <code class="token">{issued.token}</code> " " <CopyButton text what/>
                <br/>"Client ID " <code>{issued.client_id}</code>
            </dd>
        }
    };
    move || {
        fresh.get().map(|boot| {
            view! {
                <div class="fresh-tokens" role="region" aria-labelledby="fresh-tokens-heading">
                    <h3 id="fresh-tokens-heading">"The administrator's tokens"</h3>
                    <p>
                        "Copy these tokens now: they can't be shown again. To act as one, paste it \
                        under \"Acting as\"."
                    </p>
                    <dl class="org-facts">
                        {token(boot.enterprise_token, "Enterprise token", "enterprise token")}
                        {token(boot.organization_token, "Organization token", "organization token")}
                    </dl>
                    <button type="button" on:click=move |_| fresh.set(None)>"I have saved them"</button>
                </div>
            }
        })
    }
}
