//! Code fetched the first time it is needed. In a build made with the `split` feature (what
//! trunk builds: `index.html`), each view declared with [`lazy_view!`] is a split point: the
//! build's last step (wasm-split: `scripts/split-build.mjs`) moves it, and whatever only it
//! uses, into modules of their own that the page fetches the first time the view is shown, so the
//! first page shows without the others' code (the service worker fetches it after). The wasm
//! test suites build without the feature and draw each view at once, as before the split; the
//! end-to-end suite runs the split build.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

/// Declares `fn $name() -> impl IntoView` that shows `$view` once its code is loaded. The views
/// of one `$module` are loaded together: the pages a person tends to open one after the other,
/// fetched in one go rather than as many small pieces.
macro_rules! lazy_view {
    ($module:ident: $(#[$attr:meta])* $vis:vis fn $name:ident() => $view:expr) => {
        $(#[$attr])*
        $vis fn $name() -> impl ::leptos::IntoView {
            #[cfg_attr(
                feature = "split",
                ::leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)
            )]
            fn $name() -> ::std::result::Result<::leptos::prelude::AnyView, ::leptos::wasm_split::SplitLoaderError> {
                Ok(::leptos::prelude::IntoAny::into_any($view))
            }

            #[cfg(feature = "split")]
            let view = $crate::ui::lazy::when_loaded(async { $name().await });
            #[cfg(not(feature = "split"))]
            let view = $crate::ui::lazy::or_not_downloaded($name());
            view
        }
    };
}
pub(crate) use lazy_view;

/// Shows `view` when it is ready, and says it is loading until then (its modules are fetched and
/// compiled at the first use: a few milliseconds near the server, longer on a slow network).
#[cfg(feature = "split")]
pub fn when_loaded(
    view: impl std::future::Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
) -> impl IntoView {
    let (loading, set_loading) = signal(true);
    let view = send_wrapper::SendWrapper::new(async move {
        let view = view.await;
        set_loading.set(false);
        or_not_downloaded(view)
    });
    view! {
        <Show when=move || loading.get()>
            <p class="notice" role="status">"Loading the page..."</p>
        </Show>
        {Suspend::new(view)}
    }
}

/// The view, or why it isn't there: its module could not be fetched (the network went away
/// before the service worker kept the build's files). Opening the page again tries again.
pub fn or_not_downloaded(view: Result<AnyView, SplitLoaderError>) -> AnyView {
    view.unwrap_or_else(|_| {
        view! {
            <p class="notice error" role="alert">
                "This page's code could not be downloaded. Check the network connection, then open the page again."
            </p>
        }
        .into_any()
    })
}
