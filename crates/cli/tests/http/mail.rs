//! `portal serve --smtp`: the emails the portal writes go out through a real SMTP conversation
//! (with a mail server of the test's own, below), and the outbox says how each went. Seed 000:
//! "The user receives an email invitation".

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portal_cli::serve::{Args, Server};
use serde_json::Value;

use crate::postgres::free_port;
use crate::server::{args, Served};

/// A mail server that takes every message and keeps what it was sent (the DATA section).
struct MailServer {
    port: u16,
    received: Arc<Mutex<Vec<String>>>,
}

impl MailServer {
    fn start() -> MailServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port for the mail server");
        let port = listener.local_addr().expect("its address").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let kept = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let kept = kept.clone();
                std::thread::spawn(move || converse(stream, &kept));
            }
        });
        MailServer { port, received }
    }

    /// The messages received, once there are `count`: one generous deadline.
    fn messages(&self, count: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let received = self.received.lock().unwrap().clone();
            if received.len() >= count {
                return received;
            }
            assert!(
                Instant::now() < deadline,
                "waited 60 s for {count} messages at the mail server; it has {}",
                received.len()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// One SMTP session (RFC 5321), as much of it as a client that sends plain messages needs.
fn converse(stream: TcpStream, received: &Mutex<Vec<String>>) {
    let mut writer = stream.try_clone().expect("the connection");
    let mut lines = BufReader::new(stream);
    let mut say = |text: &str| writer.write_all(format!("{text}\r\n").as_bytes());
    if say("220 mail.acme.test ESMTP").is_err() {
        return;
    }
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_ascii_uppercase();
        let answer = if command.starts_with("EHLO") || command.starts_with("HELO") {
            "250 mail.acme.test"
        } else if command == "DATA" {
            if say("354 end with <CRLF>.<CRLF>").is_err() {
                return;
            }
            let mut message = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if line == ".\r\n" {
                    break;
                }
                message.push_str(&line);
            }
            received.lock().unwrap().push(message);
            "250 queued"
        } else if command == "QUIT" {
            let _ = say("221 bye");
            return;
        } else {
            "250 OK"
        };
        if say(answer).is_err() {
            return;
        }
    }
}

fn mailing(name: &str, smtp: String) -> Args {
    let mut options = args(name, false);
    options.smtp = Some(smtp);
    options.public_url = Some("https://portal.acme.test/".into());
    options
}

/// Invites `email` to the organization as its administrator's token.
fn invite(served: &Served, email: &str) {
    let role = portal_core::api::access::default_role("Read Only User");
    let body = serde_json::json!({"email": email, "roles": [role.id]}).to_string();
    let token = served.boot().organization_token.token.clone();
    let reply = served.call("PUT", "/v2/organizations/users", &token, &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
}

/// The outbox as the organization's administrator reads it, once its newest email is `state`.
fn outbox_when(served: &Served, state: &str) -> Vec<Value> {
    let token = served.boot().organization_token.token.clone();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let reply = served.call("GET", "/v2/portal/emails", &token, "");
        assert_eq!(reply.status, 200, "{}", reply.body);
        let emails = reply.json()["emails"].as_array().unwrap().clone();
        if emails
            .first()
            .is_some_and(|e| e["delivery"]["state"] == state)
        {
            return emails;
        }
        assert!(
            Instant::now() < deadline,
            "waited 60 s for the newest email to be {state}: {emails:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_invitation_goes_out_through_the_mail_server_with_its_link() {
    let mail = MailServer::start();
    let served = Served::start(&mailing(
        "mail-sent",
        format!("smtp://127.0.0.1:{}", mail.port),
    ));
    invite(&served, "new@acme.test");
    let message = &quoted_printable(&mail.messages(1)[0]);
    let org = &served.boot().organization_id;
    for expected in [
        "To: new@acme.test",
        "From: \"Astra Portal\" <portal@acme.test>",
        "Subject: You're invited to join Acme Dev",
        "as Read Only User",
        "https://portal.acme.test/invitation/",
    ] {
        assert!(message.contains(expected), "{expected:?} in {message}");
    }
    assert!(
        message.contains(&format!("/organization/{org}")),
        "{message}"
    );

    let emails = outbox_when(&served, "sent");
    assert_eq!(emails[0]["to"], "new@acme.test");
    let stored = served.stored();
    let email = stored.emails.values().next().unwrap();
    assert!(
        matches!(
            email.delivery,
            portal_core::model::mail::Delivery::Sent { .. }
        ),
        "{email:?}"
    );
    served.stop();
    assert_eq!(mail.received.lock().unwrap().len(), 1, "sent once");
}

#[test]
fn an_email_the_mail_server_cant_take_is_marked_failed_with_the_reason() {
    // Nothing listens there: the connection is refused.
    let served = Served::start(&mailing(
        "mail-failed",
        format!("smtp://127.0.0.1:{}", free_port()),
    ));
    invite(&served, "new@acme.test");
    let emails = outbox_when(&served, "failed");
    let reason = emails[0]["delivery"]["reason"].as_str().unwrap();
    assert!(reason.contains("the mail server refused it"), "{reason}");
    served.stop();
}

#[test]
fn a_mail_server_address_that_isnt_one_is_refused_at_start() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    for (smtp, said) in [
        ("http://mail.acme.test", "the scheme is http, not smtp"),
        ("smtp://", "there is no host"),
    ] {
        let options = mailing("mail-refused", smtp.into());
        let Err(e) = runtime.block_on(Server::start(&options)) else {
            panic!("{smtp} was taken");
        };
        let message = e.to_string();
        assert!(
            message.contains("--smtp") && message.contains(said),
            "{message}"
        );
    }
}

/// The text of a quoted-printable body (RFC 2045): soft line breaks joined, `=XX` decoded.
fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let mut bytes = Vec::new();
    let mut rest = joined.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        let escaped = tail
            .get(..2)
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match (first, escaped) {
            (b'=', Some(byte)) => {
                bytes.push(byte);
                rest = &tail[2..];
            }
            _ => {
                bytes.push(first);
                rest = tail;
            }
        }
    }
    String::from_utf8(bytes).expect("UTF-8 text")
}
