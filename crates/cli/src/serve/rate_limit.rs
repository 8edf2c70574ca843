//! A per-token rate limit: each token's clientId has its own allowance of requests per minute,
//! refilled continuously (GCRA), so that one busy script can't starve everyone else.

use std::num::NonZeroU32;
use std::time::Duration;

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
