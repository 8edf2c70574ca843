//! The spec's own fuzzer: schemathesis (pinned in `tests/schemathesis/requirements.txt`) over
//! every operation that both the spec and the route table define, against `portal serve --demo`,
//! bounded in time, with the checks `not_a_server_error`, `negative_data_rejection`,
//! `response_schema_conformance` and `use_after_free`. It reads the spec with the departures the
//! conformance test applies (`Spec::departed`: the real service's `ID`, PascalCase roles and users,
//! every refusal as the `Errors` object, ...), so that it holds the server to the service as it
//! is. `scripts/setup test` installs it in a virtual environment and
//! names the command in `PORTAL_SCHEMATHESIS`.

use std::process::Command;

use crate::server::{args, Served};

use super::spec::Spec;

#[test]
fn schemathesis_finds_nothing_in_the_operations_the_spec_defines() {
    let Some(schemathesis) = std::env::var_os("PORTAL_SCHEMATHESIS") else {
        // Straight to stderr: the harness keeps a passing test's own output to itself.
        eprintln!(
            "skipped schemathesis_finds_nothing_in_the_operations_the_spec_defines: PORTAL_SCHEMATHESIS \
             is not set (scripts/setup test installs schemathesis in a virtual environment and \
             sets it; the dates layer leaves it unset, as Python's sleep fails under libfaketime)"
        );
        return;
    };
    let spec = Spec::load();
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    std::fs::create_dir_all(&dir).expect("the fuzzer's directory");
    let spec_file = dir.join("spec.json");
    std::fs::write(&spec_file, spec.departed().to_string()).expect("the spec with its departures");

    let served = Served::start(&args("fuzz", true));
    let token = served.boot().organization_token.token.clone();
    let mut command = Command::new(schemathesis);
    command
        .arg("run")
        .arg(&spec_file)
        .args(["--url", &served.url])
        .args(["--header", &format!("Authorization: Bearer {token}")])
        .args([
            "--checks",
            "not_a_server_error,negative_data_rejection,response_schema_conformance,use_after_free",
        ])
        // Bounded, and the same cases on every run.
        .args(["--max-time", "30", "--seed", "1"])
        .args(["--report-dir"])
        .arg(dir.join("report"))
        .current_dir(&dir);
    let operations: Vec<String> = spec
        .overlap()
        .iter()
        .map(|operation| {
            operation.spec["operationId"]
                .as_str()
                .expect("an operationId")
                .to_owned()
        })
        .collect();
    for operation in &operations {
        command.args(["--include-operation-id", operation]);
    }
    let output = command.output().expect("schemathesis runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "schemathesis found:\n{printed}");
    assert!(
        printed.contains(&format!("Tested: {}", operations.len())),
        "{printed}"
    );
    served.stop();
}
