//! Code fetched the first time it is needed. In a build made with the `split` feature (what
//! trunk builds: `index.html`), each view declared with [`lazy_view!`] is a split point: the
//! build's last step (wasm-split: `scripts/split-build.mjs`) moves it, and whatever only it
//! uses, into modules of their own that the page fetches the first time the view is shown, so the
//! first page shows without the others' code (the service worker fetches it after). The test suites build without the
//! feature and call the view directly; both go through [`when_loaded`], so the tests take the
//! page's path.

use std::future::Future;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

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

            $crate::ui::lazy::when_loaded(async {
                #[cfg(feature = "split")]
                let view = $name().await;
                #[cfg(not(feature = "split"))]
                let view = $name();
                view
            })
        }
    };
}
pub(crate) use lazy_view;

/// Shows `view` when it is ready, and says it is loading until then (its modules are fetched and
/// compiled at the first use: a few milliseconds near the server, longer on a slow network). A
/// module that could not be fetched (the network went away before the page's files were kept
/// for offline use) is said so, with what to do; opening the page again tries again.
pub fn when_loaded(
    view: impl Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
) -> impl IntoView {
    let view = SendWrapper::new(async move {
        view.await.unwrap_or_else(|_| {
            view! {
                <p class="notice error" role="alert">
                    "This page's code could not be downloaded. Check the network connection, then open the page again."
                </p>
            }
            .into_any()
        })
    });
    view! {
        <Suspense fallback=|| view! { <p class="notice" role="status">"Loading the page..."</p> }>
            {Suspend::new(view)}
        </Suspense>
    }
}
