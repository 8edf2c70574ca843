//! `portal api --state FILE --token TOKEN METHOD PATH [JSON_BODY]`: one DevOps API request
//! through the same handler the page and the server use, as the token's principal. Prints the
//! status code on the first line and the body after it. A change is written back atomically; a
//! refused request leaves the file byte for byte as it was. A billing report the request queued
//! is then generated (`api::report_generation`), each step written like a request, so that the
//! file never keeps a report that nothing will finish.
//!
//! Exit 0 when the request ran, whatever its status; 2 when the command is misused or the state
//! file can't be read.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use portal_core::api::{Context, Method, Request};
use portal_core::model::OsEntropy;
use portal_core::store::Backend;
use portal_core::usage::MAX_REPORT_BYTES;

use crate::state_file::StateFile;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The state file (made by `portal init`).
    #[arg(long, value_name = "FILE")]
    state: PathBuf,
    /// The application token to act as: `AstraCS:...`.
    #[arg(long, value_name = "TOKEN")]
    token: String,
    /// GET, POST, PUT, PATCH or DELETE.
    method: String,
    /// The path, with its query if any, e.g. `/v2/organizations/roles`.
    path: String,
    /// The JSON body.
    body: Option<String>,
}

pub fn run(args: Args) -> ExitCode {
    let Some(method) = Method::parse(&args.method) else {
        eprintln!(
            "error: '{}' is not a method: use GET, POST, PUT, PATCH or DELETE",
            args.method
        );
        return ExitCode::from(2);
    };
    if !args.path.starts_with('/') {
        eprintln!("error: the path starts with '/', e.g. /v2/organizations/roles");
        return ExitCode::from(2);
    }
    futures_executor::block_on(async {
        let file = StateFile::new(&args.state);
        let mut backend = match Backend::open_existing(file).await {
            Ok(Some(backend)) => backend,
            Ok(None) => {
                eprintln!(
                    "error: {} does not exist: create it with `portal init --state {}`",
                    args.state.display(),
                    args.state.display()
                );
                return ExitCode::from(2);
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        let request = Request::new(method, &args.path, args.body.unwrap_or_default());
        let mut entropy = OsEntropy;
        let mut ctx = Context::new(Utc::now(), &mut entropy);
        let response = backend
            .request_with_token(&args.token, &request, &mut ctx)
            .await;
        println!("{}", response.status);
        let body = response.body_text();
        if !body.is_empty() {
            println!("{body}");
        }
        while backend.advance_report(&mut ctx, MAX_REPORT_BYTES).await {}
        ExitCode::SUCCESS
    })
}
