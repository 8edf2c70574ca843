//! The `portal` binary as a user runs it.

use std::process::{Command, Output};

fn portal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .output()
        .expect("the portal binary runs")
}

#[test]
fn version_prints_the_crate_version() {
    let out = portal(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("portal {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_describes_the_command() {
    let out = portal(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Usage: portal"), "{text}");
    assert!(text.contains("Manage an Astra DB style account"), "{text}");
}

#[test]
fn no_arguments_shows_help_and_fails() {
    let out = portal(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage: portal"));
}

#[test]
fn unknown_argument_is_a_clear_error() {
    let out = portal(&["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unexpected argument '--frobnicate'"));
}
