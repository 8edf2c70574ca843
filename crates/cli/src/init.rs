//! `portal init --state FILE [--demo]`: a new state file with one enterprise, its first
//! organization and an administrator (or the demo data set), and, printed once as JSON, the IDs
//! and the administrator's enterprise and organization tokens. The tokens are not kept anywhere:
//! the file holds only their hashes.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use portal_core::model::bootstrap::{new_state, Names};
use portal_core::model::demo::demo;
use portal_core::model::OsEntropy;
use portal_core::store::Storage;

use crate::state_file::StateFile;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The state file to create; it must not exist yet.
    #[arg(long, value_name = "FILE")]
    state: PathBuf,
    /// The demo data set (three organizations, a dozen users, databases, roles, tokens, usage).
    #[arg(long)]
    demo: bool,
    /// The enterprise's display name.
    #[arg(long, default_value = "My Enterprise", conflicts_with = "demo")]
    enterprise: String,
    /// The first organization's name.
    #[arg(long, default_value = "My Organization", conflicts_with = "demo")]
    organization: String,
    /// The administrator's email.
    #[arg(long, default_value = "admin@example.com", conflicts_with = "demo")]
    email: String,
}

pub fn run(args: Args) -> ExitCode {
    if args.state.exists() {
        eprintln!(
            "error: {} already exists: `portal init` never overwrites a state; choose another \
             path, or delete the file first",
            args.state.display()
        );
        return ExitCode::from(2);
    }
    let now = Utc::now();
    let (state, boot) = if args.demo {
        demo(now, &mut OsEntropy)
    } else {
        let names = Names {
            enterprise: &args.enterprise,
            organization: &args.organization,
            admin_email: &args.email,
        };
        new_state(&names, now, &mut OsEntropy)
    };
    let mut file = StateFile::new(&args.state);
    if let Err(e) = futures_executor::block_on(file.replace(&state)) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&boot).expect("the bootstrap output serializes")
    );
    ExitCode::SUCCESS
}
