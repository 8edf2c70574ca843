//! `portal`: the core's rules from the shell. Later issues add `can`, `price`, `serve`, ...

use clap::Parser;

/// Manage an Astra DB style account: enterprise, organizations, users, roles, tokens, billing.
#[derive(Parser, Debug)]
#[command(name = "portal", version, arg_required_else_help = true)]
struct Cli {}

fn main() {
    let Cli {} = Cli::parse();
}
