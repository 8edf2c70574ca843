//! The environment variables an application connects to a database with, as seeds 001 and 002
//! write them under "Set environment variables": "paste the following environment variables
//! copied for your Astra DB database". The same text is pasted into a shell and saved as a
//! `.env` file, which dotenv readers take with its `export` words.

use crate::model::Database;

/// The variables, in the seeds' order and spelling.
pub const VARIABLES: [&str; 4] = [
    "ASTRA_DB_ID",
    "ASTRA_DB_REGION",
    "ASTRA_DB_KEYSPACE",
    "ASTRA_DB_APPLICATION_TOKEN",
];

/// The name the block is saved under.
pub const FILE_NAME: &str = ".env";

/// The `export` lines for `database`'s `keyspace`, connecting with `token`; `None` when the
/// database has no keyspace by that name.
pub fn environment_block(database: &Database, keyspace: &str, token: &str) -> Option<String> {
    if !database.keyspaces.contains_key(keyspace) {
        return None;
    }
    let values = [database.id.as_str(), &database.region, keyspace, token];
    let lines = VARIABLES
        .iter()
        .zip(values)
        .map(|(name, value)| format!("export {name}={}\n", shell_word(value)));
    Some(lines.collect())
}

/// A value as one shell word: bare, as the seeds write theirs, when every character is one a
/// shell and a dotenv reader both take literally; otherwise in single quotes, inside which a
/// shell expands nothing (a single quote itself is closed, escaped and reopened).
fn shell_word(value: &str) -> String {
    let literal = |c: char| c.is_ascii_alphanumeric() || "-_.:/@+".contains(c);
    if !value.is_empty() && value.chars().all(literal) {
        return value.to_owned();
    }
    format!("'{}'", value.replace('\'', r"'\''"))
}
