//! "Set environment variables" beside a token just generated (seeds 001 and 002): a database
//! and one of its keyspaces picked, the variables an application connects with filled in, to
//! Copy or download as `.env`. The block holds the token, so it lives only as long as the reveal
//! that shows it.

use leptos::prelude::*;
use portal_core::environment::{environment_block, FILE_NAME};

use crate::clock;
use crate::features::databases::visible::visible_databases;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::copy_button::CopyButton;
use crate::ui::download::download;
use crate::ui::field::SelectField;
use crate::ui::notice::{Notice, NoticeLine};

#[component]
pub fn EnvironmentVariables(
    /// The token the variables connect with.
    token: String,
    /// The database picked at first: a database's own Generate Token connects to it.
    database: Option<String>,
) -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let notice = RwSignal::new(None::<Notice>);
    let databases = Memo::new(move |_| {
        portal.state().map_or_else(Vec::new, |state| {
            visible_databases(portal, &state, &scope.get(), clock::now()).0
        })
    });
    let none = Memo::new(move |_| databases.with(Vec::is_empty));
    let database_id = RwSignal::new(database.unwrap_or_default());
    let picked_keyspace = RwSignal::new(String::new());
    let chosen = Memo::new(move |_| {
        let id = database_id.get();
        databases.get().into_iter().find(|db| db.id == id)
    });
    // The keyspace follows the database: the one picked while the database has it, else the
    // database's default keyspace.
    let keyspace = Memo::new(move |_| {
        let db = chosen.get()?;
        let picked = picked_keyspace.get();
        if db.keyspaces.contains_key(&picked) {
            Some(picked)
        } else {
            db.default_keyspace().map(str::to_owned)
        }
    });
    let block = Memo::new(move |_| environment_block(&chosen.get()?, &keyspace.get()?, &token));
    let text = Signal::derive(move || block.get().unwrap_or_default());
    let save = move |_| {
        if let Err(why) = download(FILE_NAME, "text/plain", &text.get_untracked()) {
            notice.set(Some(Notice::Error(why)));
        }
    };
    let database_options = move || {
        databases
            .get()
            .into_iter()
            .map(|db| {
                let selected = db.id == database_id.get_untracked();
                view! { <option value=db.id selected=selected>{db.name}</option> }
            })
            .collect_view()
    };
    let keyspace_options = move || {
        let shown = keyspace.get();
        chosen.get().map(|db| {
            db.keyspace_names()
                .map(|name| {
                    let selected = shown.as_deref() == Some(name);
                    view! { <option value=name.to_owned() selected=selected>{name.to_owned()}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="token-environment" aria-labelledby="token-environment-heading">
            <h3 id="token-environment-heading">"Set environment variables"</h3>
            {move || if none.get() {
                view! { <p>"There is no database here that you may view to connect to."</p> }.into_any()
            } else {
                view! {
                    <p>"Pick a database and keyspace: paste these variables into your command line, or save them as a .env file."</p>
                    <form class="inline" on:submit=|ev| ev.prevent_default()>
                        <SelectField label="Database" name="database" value=database_id>
                            <option value="">"Select a database"</option>
                            {database_options}
                        </SelectField>
                        <SelectField label="Keyspace" name="keyspace" value=picked_keyspace>
                            {keyspace_options}
                        </SelectField>
                    </form>
                }.into_any()
            }}
            {move || block.get().map(|variables| view! {
                <pre><code data-field="environment">{variables}</code></pre>
                <div class="actions">
                    <CopyButton text what="environment variables"/>
                    <button type="button" on:click=save>"Download .env"</button>
                </div>
            })}
            <NoticeLine notice/>
        </section>
    }
}
