//! `portal`: the core's rules from the shell, for people and for CI scripts, and the server.

mod api;
mod can;
mod can_batch;
mod catalog;
mod init;
mod price;
mod state_file;
mod usage;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Manage an Astra DB style account: enterprise, organizations, users, roles, tokens, billing.
#[derive(Parser, Debug)]
#[command(name = "portal", version, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// The permission catalog: every permission a role can grant.
    Permissions {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The default roles and their permissions.
    Roles {
        /// Print the DevOps API Role format, with __ORG_ID__ (__ENTERPRISE_ID__) as the owner.
        #[arg(long)]
        json: bool,
    },
    /// Would these roles allow ACTION on RESOURCE? Exit 0 allow, 1 deny, 2 bad input. With
    /// --batch, one question per line, checked against what each expects.
    Can(can::Args),
    /// The itemized estimate of a Serverless or Classic workload.
    Price(price::Args),
    /// A usage report's totals, breakdowns, cost reconciliation and projection.
    Usage(usage::Args),
    /// A new state file: an enterprise, its first organization and an administrator (or the demo
    /// data set); prints the IDs and two tokens, once.
    Init(init::Args),
    /// One DevOps API request on a state file, as a token's principal: prints the status, then
    /// the JSON body.
    Api(api::Args),
    /// The DevOps API and the page over HTTP, on a SQLite file; a new file gets an enterprise,
    /// and its IDs and two tokens are printed once.
    Serve(portal_cli::serve::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Permissions { json } => catalog::permissions(json),
        Command::Roles { json } => catalog::roles(json),
        Command::Can(args) => can::run(args),
        Command::Price(args) => price::run(args),
        Command::Usage(args) => usage::run(args),
        Command::Init(args) => init::run(args),
        Command::Api(args) => api::run(args),
        Command::Serve(args) => portal_cli::serve::run(args),
    }
}
