//! A per-token rate limit: each token's clientId has its own allowance of requests per minute,
//! refilled continuously (GCRA), so that one busy script can't starve everyone else; and a
//! per-peer allowance of failed authentications, checked before anything else is.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub struct RateLimit {
    limiter: Option<DefaultKeyedRateLimiter<String>>,
    clock: DefaultClock,
}

impl RateLimit {
    /// `per_minute` requests a minute for each token, all of which may come at once; 0 turns the
    /// limit off.
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit {
            limiter: NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n))),
            clock: DefaultClock::default(),
        }
    }

    /// `Ok` when the token may make a request now, else how long until it may.
    pub fn check(&self, client_id: &str) -> Result<(), Duration> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        limiter
            .check_key(&client_id.to_owned())
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }
}

/// Failed authentications per peer address. Past its allowance a peer is refused before its
/// token is looked at or its body read, until the allowance refills: a flood of bad tokens costs
/// the server almost nothing and can't be used to guess one.
pub struct FailedAuthentications {
    limiter: Option<DefaultKeyedRateLimiter<IpAddr>>,
    clock: DefaultClock,
    /// Peers that used up their allowance, and until when they are refused.
    refused: Mutex<HashMap<IpAddr, Instant>>,
}

impl FailedAuthentications {
    /// `per_minute` failures a minute for each peer; 0 turns the limit off.
    pub fn new(per_minute: u32) -> FailedAuthentications {
        FailedAuthentications {
            limiter: NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n))),
            clock: DefaultClock::default(),
            refused: Mutex::new(HashMap::new()),
        }
    }

    /// `Ok` when the peer may send a request now, else how long until it may.
    pub fn check(&self, peer: IpAddr) -> Result<(), Duration> {
        // Every request asks: with the limit off, no lock is taken.
        if self.limiter.is_none() {
            return Ok(());
        }
        let mut refused = self.refused.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        match refused.get(&peer) {
            Some(until) if *until > now => Err(*until - now),
            Some(_) => {
                refused.remove(&peer);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Counts a failed authentication of the peer; past the allowance, refuses it for a while.
    pub fn failed(&self, peer: IpAddr) {
        let Some(limiter) = &self.limiter else {
            return;
        };
        if let Err(not_until) = limiter.check_key(&peer) {
            let wait = not_until.wait_time_from(self.clock.now());
            let mut refused = self.refused.lock().unwrap_or_else(|e| e.into_inner());
            refused.insert(peer, Instant::now() + wait);
            limiter.retain_recent();
        }
    }
}
