//! `--smtp`: the emails handlers write into the outbox (`portal_core::model::mail`) go out
//! through a mail server. Each is first taken (moved to "sending" in a committed change, so that
//! of several servers over one database only one sends it), then sent, then marked sent or
//! failed with the server's reason; the page's Email outbox shows which. An email that was being
//! sent when the server stopped stays "sending" rather than go out twice.

use std::time::Duration;

use chrono::Utc;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use percent_encoding::percent_decode_str;
use portal_core::model::mail::Delivery;
use portal_core::model::Email;
use tokio::sync::oneshot;

use super::worker::Worker;

/// How often the outbox is looked at: an invitation goes out within this of being made.
const POLL: Duration = Duration::from_millis(500);
/// How long one mail server conversation may take before the email is marked failed.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// Where and as whom emails are sent.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The page's origin, which makes an invitation's link absolute.
    origin: String,
}

impl Mailer {
    /// The mail server at `url` (`smtp://[user:password@]host[:port]`) and the sender's address;
    /// `Err` says which is wrong. Links point to `origin` (set once the server listens).
    pub fn new(url: &str, from: &str) -> Result<Mailer, String> {
        let transport = transport(url).map_err(|problem| {
            format!(
                "--smtp '{url}' is not a mail server's address ({problem}): give \
                 smtp://HOST:PORT, with USER:PASSWORD@ before the host if it asks for them"
            )
        })?;
        let from = from.parse::<Mailbox>().map_err(|e| {
            format!("--mail-from '{from}' is not an address ({e}): e.g. 'Astra Portal <portal@example.com>'")
        })?;
        Ok(Mailer {
            transport,
            from,
            origin: String::new(),
        })
    }

    /// The page's origin, which invitation links start with.
    pub fn linking_to(self, origin: &str) -> Mailer {
        Mailer {
            origin: origin.trim_end_matches('/').to_owned(),
            ..self
        }
    }

    /// Sends what waits in the outbox until `stop` fires.
    pub async fn run(self, worker: Worker, mut stop: oneshot::Receiver<()>) {
        let mut poll = tokio::time::interval(POLL);
        loop {
            tokio::select! {
                _ = poll.tick() => {}
                _ = &mut stop => return,
            }
            let waiting = match worker.waiting_emails().await {
                Ok(waiting) => waiting,
                Err(e) => {
                    tracing::warn!(error = %e, "the outbox could not be read; trying again");
                    continue;
                }
            };
            for email in waiting {
                self.deliver(&worker, email).await;
            }
        }
    }

    async fn deliver(&self, worker: &Worker, email: Email) {
        let taking = Delivery::Sending { at: Utc::now() };
        if !worker.move_email(email.id.clone(), taking).await {
            // Another server took it, or this one is stopping.
            return;
        }
        let next = match self.send(&email).await {
            Ok(()) => {
                tracing::info!(email = %email.id, to = %email.to, "sent");
                Delivery::Sent { at: Utc::now() }
            }
            Err(reason) => {
                tracing::warn!(email = %email.id, to = %email.to, %reason, "not sent");
                Delivery::Failed {
                    at: Utc::now(),
                    reason,
                }
            }
        };
        if !worker.move_email(email.id.clone(), next).await {
            tracing::warn!(email = %email.id, "how the email went could not be recorded");
        }
    }

    async fn send(&self, email: &Email) -> Result<(), String> {
        let to = email
            .to
            .parse::<Mailbox>()
            .map_err(|e| format!("'{}' is not an address a mail server takes: {e}", email.to))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(email.text(&self.origin))
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(drop)
            .map_err(|e| format!("the mail server refused it: {e}"))
    }
}

/// `smtp://[USER:PASSWORD@]HOST[:PORT]`, port 25 unless given, as a plain SMTP connection.
fn transport(url: &str) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let url = url::Url::parse(url).map_err(|e| e.to_string())?;
    if url.scheme() != "smtp" {
        return Err(format!("the scheme is {}, not smtp", url.scheme()));
    }
    let host = url.host_str().ok_or("there is no host")?;
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(url.port().unwrap_or(25))
        .timeout(Some(SEND_TIMEOUT));
    if !url.username().is_empty() {
        let decoded = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
        let password = decoded(url.password().unwrap_or_default());
        builder = builder.credentials(Credentials::new(decoded(url.username()), password));
    }
    Ok(builder.build())
}
