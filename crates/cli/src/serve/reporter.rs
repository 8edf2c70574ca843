//! Billing reports are generated after `generate-report` answered (seed 000: "It can take some
//! time to generate the report"): this task takes each unfinished report through its steps
//! (`portal_core::api::report_generation`), each one committed change decided on the backend's
//! thread like a request. It runs when a request's commit leaves a report unfinished, at start (a
//! report the server stopped during), and every [`POLL`] (one left by another server over the
//! same PostgreSQL database that stopped during it).

use std::time::Duration;

use tokio::sync::oneshot;

use super::worker::Worker;

/// How often unfinished reports are looked for without being told of one.
const POLL: Duration = Duration::from_secs(10);

/// Generates the reports that wait, until `stop` fires.
pub async fn run(worker: Worker, mut stop: oneshot::Receiver<()>) {
    let mut poll = tokio::time::interval(POLL);
    loop {
        tokio::select! {
            _ = poll.tick() => {}
            _ = worker.report_waits() => {}
            _ = &mut stop => return,
        }
        while worker.advance_report().await {}
    }
}
