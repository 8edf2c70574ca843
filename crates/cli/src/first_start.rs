//! What a new state starts with, shared by `portal init` and the first start of `portal serve`:
//! an enterprise, its first organization and an administrator, or the demo data set; and the
//! JSON shown once with the IDs and the administrator's two tokens, which are kept nowhere else.

use chrono::{DateTime, Utc};
use portal_core::model::bootstrap::{new_state, Bootstrap, Names};
use portal_core::model::demo::demo;
use portal_core::model::{OsEntropy, State};

#[derive(clap::Args, Clone, Debug)]
pub struct FirstStart {
    /// The demo data set (three organizations, a dozen users, databases, roles, tokens, usage).
    #[arg(long)]
    pub demo: bool,
    /// The enterprise's display name.
    #[arg(long, default_value = "My Enterprise", conflicts_with = "demo")]
    pub enterprise: String,
    /// The first organization's name.
    #[arg(long, default_value = "My Organization", conflicts_with = "demo")]
    pub organization: String,
    /// The administrator's email.
    #[arg(long, default_value = "admin@example.com", conflicts_with = "demo")]
    pub email: String,
}

impl FirstStart {
    pub fn create(&self, now: DateTime<Utc>) -> (State, Bootstrap) {
        if self.demo {
            return demo(now, &mut OsEntropy);
        }
        let names = Names {
            enterprise: &self.enterprise,
            organization: &self.organization,
            admin_email: &self.email,
        };
        new_state(&names, now, &mut OsEntropy)
    }
}

/// The bootstrap JSON, printed once on standard output.
pub fn print(boot: &Bootstrap) {
    println!(
        "{}",
        serde_json::to_string_pretty(boot).expect("the bootstrap output serializes")
    );
}
