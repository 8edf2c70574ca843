use leptos::prelude::*;

/// A table with one header row: each column's name is a column header (`scope="col"`), so that
/// assistive technology reads every cell with its column; the rows are the caller's.
#[component]
pub fn DataTable(
    #[prop(optional)] class: &'static str,
    /// What the table holds, where the heading above doesn't say it.
    #[prop(optional)]
    caption: Option<&'static str>,
    /// The columns' names, in order.
    #[prop(into)]
    columns: Vec<&'static str>,
    /// The body's rows.
    children: Children,
) -> impl IntoView {
    view! {
        <table class=class>
            {caption.map(|caption| view! { <caption>{caption}</caption> })}
            <thead>
                <tr>
                    {columns.into_iter().map(|name| view! { <th scope="col">{name}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}
