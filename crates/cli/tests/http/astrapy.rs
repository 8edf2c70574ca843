//! DataStax's own Python client, astrapy (pinned in `tests/astrapy/requirements.txt`), drives
//! `portal serve` through its admin API: `tests/astrapy/walk.py` lists, reads, finds the
//! regions, creates a database and waits for it, adds and drops a keyspace, drops the database
//! and waits for the end. `scripts/setup test` installs it in a virtual environment and names its
//! Python in `PORTAL_ASTRAPY_PYTHON`.

use std::process::Command;

use crate::server::{args, Served};

#[test]
fn astrapy_walks_the_admin_api() {
    let Some(python) = std::env::var_os("PORTAL_ASTRAPY_PYTHON") else {
        // Straight to stderr: the harness keeps a passing test's own output to itself.
        eprintln!(
            "skipped astrapy_walks_the_admin_api: PORTAL_ASTRAPY_PYTHON is not set \
             (scripts/setup test installs astrapy in a virtual environment and sets it; the \
             dates layer leaves it unset, as Python's sleep fails under libfaketime)"
        );
        return;
    };
    let served = Served::start(&args("astrapy", true));
    let token = served.boot().organization_token.token.clone();
    let walk = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/astrapy/walk.py");
    let output = Command::new(python)
        .arg(walk)
        .arg(&served.url)
        .arg(&token)
        .output()
        .expect("the virtual environment's Python runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "the astrapy walk failed:\n{printed}"
    );
    assert!(printed.contains("astrapy walk: "), "{printed}");
    served.stop();
}
