//! One pager for every list that shows a page of rows at a time: the page being shown, clamped
//! to the pages there are (a change can shrink the list under it), and the Previous / Next
//! buttons, disabled at the ends.

use leptos::prelude::*;

/// Rows on one page of a long list.
pub const PAGE_SIZE: usize = 50;

/// The positions of the rows `keep` takes: a filter's matches, without copying the rows.
pub fn positions<T>(rows: &[T], keep: impl Fn(&T) -> bool) -> Vec<usize> {
    (0..rows.len()).filter(|&at| keep(&rows[at])).collect()
}

/// Which page of a list of `count` rows is shown.
#[derive(Clone, Copy)]
pub struct Paging {
    page: RwSignal<usize>,
    count: Signal<usize>,
}

impl Paging {
    /// Paging over a list whose length `count` tracks.
    pub fn new(count: impl Fn() -> usize + Send + Sync + 'static) -> Paging {
        Paging {
            page: RwSignal::new(0),
            count: Signal::derive(count),
        }
    }

    /// How many pages there are; an empty list still has its one (empty) page.
    pub fn pages(&self) -> usize {
        self.count.get().div_ceil(PAGE_SIZE).max(1)
    }

    /// The page shown, from 0. Deleting the last row of the last page shows the one before.
    pub fn current(&self) -> usize {
        self.page.get().min(self.pages() - 1)
    }

    /// The rows of the page shown.
    pub fn page_of<T: Clone>(&self, rows: &[T]) -> Vec<T> {
        rows.iter()
            .skip(self.current() * PAGE_SIZE)
            .take(PAGE_SIZE)
            .cloned()
            .collect()
    }

    /// The rows of the page shown, of those at `shown` ([`positions`]).
    pub fn page_at<T: Clone>(&self, rows: &[T], shown: &[usize]) -> Vec<T> {
        self.page_of(shown)
            .into_iter()
            .filter_map(|at| rows.get(at).cloned())
            .collect()
    }

    /// Back to the first page, as when the filter changes.
    pub fn restart(&self) {
        self.page.set(0);
    }

    fn turn(&self, forward: bool) {
        let current = self.current();
        self.page.set(if forward {
            (current + 1).min(self.pages() - 1)
        } else {
            current.saturating_sub(1)
        });
    }
}

/// "Previous", "Page N of M" and "Next", for the list named `label`.
#[component]
pub fn Pager(paging: Paging, label: &'static str) -> impl IntoView {
    let at_first = move || paging.current() == 0;
    let at_last = move || paging.current() + 1 == paging.pages();
    view! {
        <nav class="pager" aria-label=label>
            <button type="button" disabled=at_first on:click=move |_| paging.turn(false)>
                "Previous"
            </button>
            <span class="pager-position" aria-live="polite">
                {move || format!("Page {} of {}", paging.current() + 1, paging.pages())}
            </span>
            <button type="button" disabled=at_last on:click=move |_| paging.turn(true)>
                "Next"
            </button>
        </nav>
    }
}

/// The filter above a paged list: what is typed narrows the list, and the first page of what
/// matches is shown.
#[component]
pub fn PagedFilter(
    value: RwSignal<String>,
    paging: Paging,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] id: Option<&'static str>,
    /// What the filter matches, as a hint inside the empty field.
    #[prop(optional)]
    placeholder: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class=class>
            "Filter"
            <input
                type="search"
                id=id
                placeholder=placeholder
                prop:value=value
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    paging.restart();
                }
            />
        </label>
    }
}
