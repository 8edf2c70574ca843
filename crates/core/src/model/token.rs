//! Application tokens. A token is `AstraCS:` + the 24-letter clientId + `:` + 64 lower-case hex,
//! 97 characters; the hex is `hex(sha256(secret))` (the spec's GenerateTokenResponse). Only a hash
//! of that hex is kept, so neither the secret nor the token can be read back from a state: they
//! are shown once, in the response that creates them.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::entropy::{below, Entropy};
use super::Scope;

pub const PREFIX: &str = "AstraCS:";
pub const CLIENT_ID_LEN: usize = 24;
pub const TOKEN_LEN: usize = PREFIX.len() + CLIENT_ID_LEN + 1 + 64;
const SECRET_LEN: usize = 64;
const SECRET_ALPHABET: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._+";

/// A token as stored: everything but the secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationToken {
    pub client_id: String,
    /// `hex(sha256(the token's 64 hex characters))`.
    pub hash: String,
    /// Role IDs, available to the token's organization (or enterprise roles).
    pub roles: Vec<String>,
    pub scope: Scope,
    /// Set once, when the token is generated: "You can't change the description after
    /// generating the token" (seed 000).
    #[serde(default)]
    pub description: String,
    pub generated_on: DateTime<Utc>,
    /// Who generated it: a user ID or a token's clientId.
    pub generated_by: String,
    /// When it stops authenticating, to the second; `None` is "Never". Seed 000 says
    /// application tokens "never expire", and "Never" stays the default; the current Astra
    /// portal and its DevOps API also let a new token expire (the token list's `tokenExpiry`,
    /// IamTokens.json), and an expiry bounds what a leaked token can do, so one can be chosen.
    #[serde(default)]
    pub token_expiry: Option<DateTime<Utc>>,
    /// The minute of its last authenticated request that was answered (not refused); `None`
    /// when it was never used. Kept to the minute so that a busy token writes at most once a
    /// minute (see [`ApplicationToken::last_use_stamp`]).
    #[serde(default)]
    pub last_used: Option<DateTime<Utc>>,
}

/// How long a token goes unused before the Access page lists it for deletion (seed 000:
/// "rotate or revoke unused and potentially compromised tokens"; AWS IAM Access Analyzer's
/// "unused access" uses the same kind of window).
pub const UNUSED_AFTER: TimeDelta = TimeDelta::days(90);

/// How soon an expiry is flagged in the token lists.
pub const EXPIRES_SOON: TimeDelta = TimeDelta::days(7);

impl ApplicationToken {
    /// Whether it has expired at `now`: a token expiring at T authenticates at T - 1 s and is
    /// refused from T on.
    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        self.token_expiry.is_some_and(|expiry| now >= expiry)
    }

    /// Whether it expires within [`EXPIRES_SOON`] of `now` and has not expired yet.
    pub fn expires_soon(&self, now: DateTime<Utc>) -> bool {
        self.token_expiry
            .is_some_and(|expiry| now < expiry && expiry - now <= EXPIRES_SOON)
    }

    /// The record to store for a use at `now`, or `None` when the stored minute is already
    /// `now`'s: a busy token costs one write a minute, and a read by a token stamped this
    /// minute writes nothing.
    pub fn last_use_stamp(&self, now: DateTime<Utc>) -> Option<ApplicationToken> {
        let minute = to_the_minute(now);
        (self.last_used != Some(minute)).then(|| ApplicationToken {
            last_used: Some(minute),
            ..self.clone()
        })
    }

    /// Unused for [`UNUSED_AFTER`] at `now`: last used that long ago, or never used and
    /// generated that long ago (a token made for a job that never ran is as idle as one whose
    /// job stopped; one generated yesterday and not used yet is not).
    pub fn unused(&self, now: DateTime<Utc>) -> bool {
        now - self.last_used.unwrap_or(self.generated_on) >= UNUSED_AFTER
    }
}

fn to_the_minute(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant
        .duration_trunc(TimeDelta::minutes(1))
        .unwrap_or(instant)
}

/// What a caller gets once: the clientId, the secret and the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub client_id: String,
    pub secret: String,
    pub token: String,
}

impl Credentials {
    /// Fresh credentials from a cryptographic source.
    pub fn generate(entropy: &mut dyn Entropy) -> Credentials {
        let client_id: String = (0..CLIENT_ID_LEN)
            .map(|_| {
                let i = below(entropy, 52) as u8;
                char::from(if i < 26 { b'A' + i } else { b'a' + i - 26 })
            })
            .collect();
        let secret: String = (0..SECRET_LEN)
            .map(|_| {
                char::from(SECRET_ALPHABET[below(entropy, SECRET_ALPHABET.len() as u32) as usize])
            })
            .collect();
        let token = format!(
            "{PREFIX}{client_id}:{:x}",
            Sha256::digest(secret.as_bytes())
        );
        Credentials {
            client_id,
            secret,
            token,
        }
    }

    /// The hash a state keeps of these credentials.
    pub fn hash(&self) -> String {
        let presented =
            PresentedToken::parse(&self.token).expect("generated tokens are well formed");
        presented.hash()
    }
}

/// A token someone presented, checked for its form but not yet found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresentedToken<'a> {
    pub client_id: &'a str,
    hex: &'a str,
}

impl<'a> PresentedToken<'a> {
    /// Checks the form; the error says what is wrong with it, never echoing the token.
    pub fn parse(text: &'a str) -> Result<PresentedToken<'a>, &'static str> {
        let rest = text
            .strip_prefix(PREFIX)
            .ok_or("a token starts with 'AstraCS:'")?;
        let (client_id, hex) = rest
            .split_once(':')
            .ok_or("a token is AstraCS:<clientId>:<64 hex characters>")?;
        if client_id.len() != CLIENT_ID_LEN || !client_id.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err("a token's clientId is 24 ASCII letters");
        }
        if hex.len() != 64 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err("a token ends with 64 lower-case hexadecimal characters");
        }
        Ok(PresentedToken { client_id, hex })
    }

    pub fn hash(&self) -> String {
        format!("{:x}", Sha256::digest(self.hex.as_bytes()))
    }

    /// Whether this is the token the record was made for, compared in constant time.
    pub fn verifies(&self, token: &ApplicationToken) -> bool {
        let ours = self.hash();
        bool::from(ours.as_bytes().ct_eq(token.hash.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SeededEntropy;

    /// DESIGN "Wire contract": `AstraCS:` + 24 ASCII letters + `:` + 64 lower-case hex, 97
    /// characters; the spec: the hex is sha256 of the secret.
    #[test]
    fn generated_credentials_have_the_documented_form() {
        let mut entropy = SeededEntropy::new(7);
        let c = Credentials::generate(&mut entropy);
        assert_eq!(c.token.len(), 97);
        assert_eq!(TOKEN_LEN, 97);
        let presented = PresentedToken::parse(&c.token).unwrap();
        assert_eq!(presented.client_id, c.client_id);
        assert_eq!(
            presented.hex,
            format!("{:x}", Sha256::digest(c.secret.as_bytes()))
        );
        let other = Credentials::generate(&mut entropy);
        assert_ne!(c.client_id, other.client_id);
        assert_ne!(c.secret, other.secret);
    }

    #[test]
    fn only_the_matching_token_verifies() {
        let mut entropy = SeededEntropy::new(8);
        let c = Credentials::generate(&mut entropy);
        let stored = ApplicationToken {
            client_id: c.client_id.clone(),
            hash: c.hash(),
            roles: vec![],
            scope: Scope::Enterprise,
            description: String::new(),
            generated_on: DateTime::UNIX_EPOCH,
            generated_by: "u".into(),
            token_expiry: None,
            last_used: None,
        };
        assert!(!stored.hash.contains(&c.secret) && !c.token.contains(&stored.hash));
        assert!(PresentedToken::parse(&c.token).unwrap().verifies(&stored));
        let mut forged = c.token.clone();
        forged.replace_range(96.., if c.token.ends_with('0') { "1" } else { "0" });
        assert!(!PresentedToken::parse(&forged).unwrap().verifies(&stored));
    }

    #[test]
    fn malformed_tokens_are_refused_with_a_reason() {
        for bad in [
            "",
            "Bearer x",
            "AstraCS:short:00",
            "AstraCS:aaaaaaaaaaaaaaaaaaaaaaa1:0000000000000000000000000000000000000000000000000000000000000000",
            "AstraCS:aaaaaaaaaaaaaaaaaaaaaaaa:000000000000000000000000000000000000000000000000000000000000000G",
            "AstraCS:aaaaaaaaaaaaaaaaaaaaaaaa:00",
            "AstraCS:aaaaaaaaaaaaaaaaaaaaaaaaé0000000000000000000000000000000000000000000000000000000000000000",
        ] {
            assert!(PresentedToken::parse(bad).is_err(), "{bad}");
        }
    }
}
