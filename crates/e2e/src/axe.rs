//! axe-core's accessibility rules, run in the page as it is on screen. scripts/setup installs
//! the npm package and scripts/test passes the path of its `axe.min.js` in `AXE_CORE_JS`; the
//! script goes in over WebDriver, which the page's Content-Security-Policy (no inline scripts)
//! does not stop, as a `<script>` tag would be stopped.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::Session;

/// A rule the page breaks, where, and what it asks for.
#[derive(Deserialize)]
struct Violation {
    id: String,
    impact: String,
    help: String,
    targets: Vec<String>,
}

/// Runs axe and hands back the serious and critical violations: moderate and minor ones are
/// advice, these stop someone from using the page.
const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ["violations"] }).then(
  (results) => done(results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                   targets: v.nodes.map((n) => n.target.join(" ")) }))),
  (error) => done(String(error)));
"#;

fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = std::env::var("AXE_CORE_JS").unwrap_or_else(|_| {
            panic!("AXE_CORE_JS names no axe.min.js: run the suite through scripts/test e2e, or eval \"$(scripts/setup test)\" first")
        });
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read axe-core at {path}: {e}"))
    })
}

impl Session {
    /// The serious and critical accessibility violations of the page as it is now, one line
    /// each: `what` (the page or dialog), the rule, its impact, the element and the rule's help.
    pub async fn accessibility_violations(&self, what: &str) -> Vec<String> {
        let loaded = self
            .client
            .execute("return typeof axe !== 'undefined';", Vec::new())
            .await
            .expect("ask the page for axe");
        if loaded != serde_json::Value::Bool(true) {
            self.client
                .execute(axe_source(), Vec::new())
                .await
                .expect("load axe-core into the page");
        }
        let found = self
            .client
            .execute_async(RUN, Vec::new())
            .await
            .expect("run axe-core");
        let violations: Vec<Violation> = serde_json::from_value(found.clone())
            .unwrap_or_else(|_| panic!("axe-core failed on {what}: {found}"));
        violations
            .into_iter()
            .flat_map(|v| {
                v.targets.into_iter().map(move |target| {
                    format!("{what}: {} ({}) at {target}: {}", v.id, v.impact, v.help)
                })
            })
            .collect()
    }
}
