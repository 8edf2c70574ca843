//! `portal init --state FILE [--demo]`: a new state file with one enterprise, its first
//! organization and an administrator (or the demo data set); the IDs and the administrator's
//! tokens are printed once. The file holds only the tokens' hashes.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use portal_cli::first_start::{self, FirstStart};
use portal_core::store::{Created, Storage};

use crate::state_file::StateFile;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The state file to create; it must not exist yet.
    #[arg(long, value_name = "FILE")]
    state: PathBuf,
    #[command(flatten)]
    first: FirstStart,
}

pub fn run(args: Args) -> ExitCode {
    let exists = || {
        eprintln!(
            "error: {} already exists: `portal init` never overwrites a state; choose another \
             path, or delete the file first",
            args.state.display()
        );
        ExitCode::from(2)
    };
    if args.state.exists() {
        return exists();
    }
    let (state, boot) = args.first.create(Utc::now());
    let mut file = StateFile::new(&args.state);
    // The file may have appeared since: it is kept, never overwritten.
    match futures_executor::block_on(file.create(&state)) {
        Ok(Created::Stored) => {
            first_start::print(&boot);
            ExitCode::SUCCESS
        }
        Ok(Created::Existing(_)) => exists(),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
