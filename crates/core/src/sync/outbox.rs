//! The client's side: the changes made on the copy and not yet answered by the server, sent in
//! order, each under its own number; the conflicts waiting for a person's choice; and the
//! revision of the copy.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::mutation::{Conflict, Mutation, Replayed, Yours};
use super::Feed;
use crate::api::{self, Actor, Body, Context, Request, Response};
use crate::model::State;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outbox {
    pub client_id: String,
    /// The last number given to a mutation.
    pub numbered: u64,
    /// The server revision the copy has.
    pub revision: u64,
    pub pending: VecDeque<Pending>,
    pub conflicts: Vec<Conflict>,
}

/// A change waiting to be sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    pub mutation: Mutation,
    pub change: Yours,
}

/// How the server answered the front of the outbox.
#[derive(Clone, Debug, PartialEq)]
pub enum Settled {
    /// Applied now, or (a retry whose first answer was lost) before.
    Applied(u64, Response),
    /// Refused for what it asked (403, 404, 400, ...): shown to the person, dropped.
    Refused(u64, Response),
    /// Based on records someone else changed: kept in `conflicts` until a person chooses.
    Conflict(u64),
    /// Not answered (the server was busy or could not store it): stays first in line.
    Later,
}

/// What a person chose for a conflict.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Apply my change to the current state (sent again, based on the revision the copy has now).
    Mine,
    /// Keep the server's records and drop my change.
    Theirs,
}

impl Pending {
    pub fn request(&self) -> Request {
        Request::new(
            self.change.method,
            &self.change.target,
            self.change.body.clone(),
        )
    }
}

impl Outbox {
    pub fn new(client_id: impl Into<String>) -> Outbox {
        Outbox {
            client_id: client_id.into(),
            ..Outbox::default()
        }
    }

    /// Queues a change made on the copy at its current revision; returns its number.
    pub fn push(&mut self, request: &Request) -> u64 {
        self.numbered += 1;
        self.pending.push_back(Pending {
            mutation: Mutation {
                client_id: self.client_id.clone(),
                number: self.numbered,
                base: self.revision,
            },
            change: Yours {
                method: request.method,
                target: request.target(),
                body: request.body.clone(),
            },
        });
        self.numbered
    }

    /// The next change to send.
    pub fn front(&self) -> Option<&Pending> {
        self.pending.front()
    }

    /// Takes the server's answer to [`Outbox::front`].
    pub fn settle(&mut self, response: &Response) -> Settled {
        if response.status == 429 || response.status >= 500 {
            return Settled::Later;
        }
        let Some(sent) = self.pending.pop_front() else {
            return Settled::Later;
        };
        let number = sent.mutation.number;
        // Read from the text, as the page's store reads records: a conflict holds records, and
        // their reader is compiled once for text rather than once more for a tree of values.
        let text = match &response.body {
            Body::Json(json) => Some(json.text()),
            _ => None,
        };
        if let Some(replayed) = text
            .and_then(|t| serde_json::from_str::<Replayed>(t).ok())
            .filter(|r| r.replayed)
        {
            // The first answer's status with the replay's body: the server keeps only the status.
            let first = Response::new(replayed.status, response.body.clone());
            return if (200..300).contains(&replayed.status) {
                Settled::Applied(number, first)
            } else {
                Settled::Refused(number, first)
            };
        }
        if response.status == 409 {
            if let Some(conflict) = text.and_then(|t| serde_json::from_str::<Conflict>(t).ok()) {
                self.conflicts.push(conflict);
                return Settled::Conflict(number);
            }
        }
        if (200..300).contains(&response.status) {
            Settled::Applied(number, response.clone())
        } else {
            Settled::Refused(number, response.clone())
        }
    }

    /// [`Outbox::settle`] for the change numbered `number`, sent as the front of this outbox;
    /// `None`, and nothing changes, when it is no longer first in line. Two tabs of one page send
    /// from one outbox, so the other may have taken the server's answer to it already.
    pub fn settle_sent(&mut self, number: u64, response: &Response) -> Option<Settled> {
        let first = self.front()?.mutation.number;
        (first == number).then(|| self.settle(response))
    }

    /// Takes back a queued change that was not sent; false when it is not waiting (any more).
    pub fn withdraw(&mut self, number: u64) -> bool {
        let waiting = self.pending.len();
        self.pending.retain(|p| p.mutation.number != number);
        self.pending.len() < waiting
    }

    /// Settles a conflict as the person chose; false when there is no such conflict.
    pub fn resolve(&mut self, mutation: u64, choice: Choice) -> bool {
        let Some(at) = self.conflicts.iter().position(|c| c.mutation == mutation) else {
            return false;
        };
        let conflict = self.conflicts.remove(at);
        if choice == Choice::Mine {
            let yours = conflict.yours;
            self.push(&Request::new(yours.method, &yours.target, yours.body));
        }
        true
    }

    /// The copy after a feed, and the revision it has then. `None` when the feed does not fit the
    /// copy: the revision goes back to 0, and the next feed asked for is a snapshot.
    pub fn follow(&mut self, copy: Option<State>, feed: &Feed) -> Option<State> {
        let next = feed.apply_to(copy);
        self.revision = if next.is_some() { feed.revision } else { 0 };
        next
    }

    /// What the person sees: the copy with the changes not yet sent applied on top, as the
    /// server will apply them unless it refuses.
    pub fn view(&self, copy: &State, actor: &Actor, ctx: &mut Context) -> State {
        let mut view = copy.clone();
        for pending in &self.pending {
            let outcome = api::handle(&view, actor, &pending.request(), ctx);
            view.apply(&outcome.changes);
        }
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Method;

    fn rename(name: &str) -> Request {
        let body = serde_json::json!({ "name": name }).to_string();
        Request::new(Method::Patch, "/v2/enterprises/current", body)
    }

    fn queued(names: &[&str]) -> Outbox {
        let mut outbox = Outbox::new("tab");
        for name in names {
            outbox.push(&rename(name));
        }
        outbox
    }

    fn numbers(outbox: &Outbox) -> Vec<u64> {
        outbox.pending.iter().map(|p| p.mutation.number).collect()
    }

    #[test]
    fn the_answer_to_the_front_settles_it() {
        let mut outbox = queued(&["a", "b"]);
        let answer = Response::ok(serde_json::json!({}));
        assert_eq!(
            outbox.settle_sent(1, &answer),
            Some(Settled::Applied(1, answer))
        );
        assert_eq!(numbers(&outbox), [2]);
    }

    #[test]
    fn an_answer_another_tab_took_first_changes_nothing() {
        let mut outbox = queued(&["a", "b"]);
        let answer = Response::ok(serde_json::json!({}));
        // The other tab settled 1; this one's answer to 1 arrives late.
        outbox.settle(&answer);
        assert_eq!(outbox.settle_sent(1, &answer), None);
        assert_eq!(numbers(&outbox), [2]);
        assert_eq!(queued(&[]).settle_sent(1, &answer), None);
    }

    #[test]
    fn a_busy_server_leaves_the_sent_change_first() {
        let mut outbox = queued(&["a"]);
        let busy = Response::new(503, Body::Empty);
        assert_eq!(outbox.settle_sent(1, &busy), Some(Settled::Later));
        assert_eq!(numbers(&outbox), [1]);
    }

    #[test]
    fn withdrawing_takes_back_that_change_only_and_keeps_the_numbering() {
        let mut outbox = queued(&["a", "b", "c"]);
        assert!(outbox.withdraw(2));
        assert_eq!(numbers(&outbox), [1, 3]);
        assert!(!outbox.withdraw(2), "no longer waiting");
        // A number is never given twice, even after a withdrawal.
        assert_eq!(outbox.push(&rename("d")), 4);
    }
}
