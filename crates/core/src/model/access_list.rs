//! A database's IP access list (seeds 001 and 004: "Read IP Access List", "Write IP Access List",
//! "Manage access list for IP addresses and CIDR"): the addresses allowed to connect, each a CIDR
//! range that is enabled or not, and the list's own switch, `accessListEnabled`.
//!
//! The spec's AddressRequest takes IPv4 only (its pattern is a dotted quad with an optional
//! `/0`–`/32`), so the portal does too. A bare address is one host, `/32`, and is kept as such, so
//! that `10.0.0.1` and `10.0.0.1/32` are the same entry. A range whose address has host bits set
//! (`10.0.0.1/24`) is refused with the range it probably means (`10.0.0.0/24`) rather than
//! silently widened: the person who typed it may have meant the host.
//!
//! What the list allows: seed 004's Read/Write IP Access List only say who may see and change it;
//! the spec's switch says whether it applies. So while the list is off every address may connect;
//! while it is on, only an address inside an enabled entry may (a disabled entry allows nothing,
//! and an empty list that is on allows no one).

use std::fmt;
use std::net::Ipv4Addr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One database's list. A database that never had one has an empty list that is off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessList {
    /// The spec's `configurations.accessListEnabled`.
    pub enabled: bool,
    pub addresses: Vec<AccessAddress>,
}

/// One entry: the spec's AddressResponse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessAddress {
    /// Always in the form [`Cidr`] writes: `137.187.23.0/24`, `10.0.0.1/32`.
    pub address: String,
    pub enabled: bool,
    pub description: String,
    pub updated_at: DateTime<Utc>,
}

impl AccessAddress {
    pub fn cidr(&self) -> Option<Cidr> {
        Cidr::parse(&self.address).ok()
    }
}

/// An IPv4 range: its first address and prefix length, with no host bits set.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cidr {
    network: u32,
    prefix: u8,
}

impl Cidr {
    /// `a.b.c.d/n`, or a bare `a.b.c.d` for one host. `Err` says what is wrong and how to write it.
    pub fn parse(text: &str) -> Result<Cidr, String> {
        let text = text.trim();
        let example = "write an IPv4 address such as 137.187.23.10, or a range such as \
                       137.187.23.0/24";
        if text.is_empty() {
            return Err(format!("the address is empty: {example}"));
        }
        let (ip, prefix) = match text.split_once('/') {
            Some((ip, prefix)) => (ip, Some(prefix)),
            None => (text, None),
        };
        let ip: Ipv4Addr = ip.parse().map_err(|_| {
            if ip.contains(':') {
                format!("'{text}' is an IPv6 address, and access lists take IPv4 only: {example}")
            } else {
                format!("'{text}' is not an IPv4 address: {example}")
            }
        })?;
        let prefix = match prefix {
            None => 32,
            Some(digits) => digits
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= 32 && digits.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| {
                    format!(
                        "'{text}' has the prefix length '/{digits}': use a number from /0 to /32"
                    )
                })?,
        };
        let address = u32::from(ip);
        let cidr = Cidr {
            network: address & mask(prefix),
            prefix,
        };
        if cidr.network != address {
            return Err(format!(
                "'{text}' has host bits set after its first {prefix} bits: write the range as \
                 {cidr}, or the one address as {ip}/32"
            ));
        }
        Ok(cidr)
    }

    pub fn prefix(self) -> u8 {
        self.prefix
    }

    pub fn contains(self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & mask(self.prefix) == self.network
    }

    /// Two CIDR ranges overlap only when one holds the other.
    pub fn overlaps(self, other: Cidr) -> bool {
        let shorter = mask(self.prefix.min(other.prefix));
        self.network & shorter == other.network & shorter
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", Ipv4Addr::from(self.network), self.prefix)
    }
}

fn mask(prefix: u8) -> u32 {
    u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0)
}

/// Which field of an entry a problem is about, so that a form shows it beside that field.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum EntryField {
    Address,
    Description,
}

impl EntryField {
    /// Its name in the spec's AddressRequest.
    pub fn name(self) -> &'static str {
        match self {
            EntryField::Address => "address",
            EntryField::Description => "description",
        }
    }
}

/// What is wrong with one entry of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryProblem {
    /// The entry's place in the list that was checked.
    pub index: usize,
    pub field: EntryField,
    pub message: String,
}

impl EntryProblem {
    /// As a refusal says it, the entry under `path`: "field 'addresses[1].address' is invalid:
    /// ...".
    pub fn message_with_field(&self, path: &str) -> String {
        format!(
            "field '{path}[{}].{}' is invalid: {}",
            self.index,
            self.field.name(),
            self.message
        )
    }
}

/// An entry as a request gives it, before it is checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryInput<'a> {
    pub address: &'a str,
    pub description: &'a str,
}

/// Checks a whole list of entries: each address a CIDR range, each description within its limit,
/// and no two ranges the same or one inside the other (the second would add nothing, or hide
/// what the first allows). Gives the ranges, in order, or every problem found.
pub fn check_entries(entries: &[EntryInput]) -> Result<Vec<(Cidr, String)>, Vec<EntryProblem>> {
    let mut problems = Vec::new();
    let mut checked: Vec<(Cidr, String)> = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let problem = |field, message| EntryProblem {
            index,
            field,
            message,
        };
        let description = crate::validation::ACCESS_LIST_DESCRIPTION
            .checked(entry.description)
            .map_err(|e| problem(EntryField::Description, e.to_string()));
        let cidr = Cidr::parse(entry.address)
            .map_err(|message| problem(EntryField::Address, message))
            .and_then(|cidr| match clash(cidr, entries[..index].iter()) {
                Some(message) => Err(problem(EntryField::Address, message)),
                None => Ok(cidr),
            });
        match (cidr, description) {
            (Ok(cidr), Ok(description)) => checked.push((cidr, description)),
            (cidr, description) => problems.extend(cidr.err().into_iter().chain(description.err())),
        }
    }
    if problems.is_empty() {
        Ok(checked)
    } else {
        Err(problems)
    }
}

/// What an earlier entry says against `cidr`: the same range, or one holding or inside it.
fn clash<'a>(cidr: Cidr, earlier: impl Iterator<Item = &'a EntryInput<'a>>) -> Option<String> {
    for entry in earlier {
        let Ok(other) = Cidr::parse(entry.address) else {
            continue;
        };
        let named = named(other, entry.description);
        if other == cidr {
            return Some(format!(
                "{cidr} is already in the list as {named}: change or remove that entry instead"
            ));
        }
        if other.overlaps(cidr) {
            let how = if other.prefix < cidr.prefix {
                "lies inside"
            } else {
                "holds"
            };
            return Some(format!(
                "{cidr} {how} {named}: ranges may not overlap; widen or narrow one of them, or \
                 remove one"
            ));
        }
    }
    None
}

fn named(cidr: Cidr, description: &str) -> String {
    let description = description.trim();
    if description.is_empty() {
        cidr.to_string()
    } else {
        format!("{cidr} ('{description}')")
    }
}

/// The answer to "would this address be allowed?".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Admission<'l> {
    /// The list is off: every address may connect.
    ListOff,
    /// This enabled entry holds the address.
    By(&'l AccessAddress),
    /// The list is on and no enabled entry holds it; `disabled` is an entry that would, were it
    /// enabled.
    Refused { disabled: Option<&'l AccessAddress> },
}

impl Admission<'_> {
    pub fn allowed(&self) -> bool {
        !matches!(self, Admission::Refused { .. })
    }
}

impl AccessList {
    /// Whether `ip` may connect, and which entry says so.
    pub fn admits(&self, ip: Ipv4Addr) -> Admission<'_> {
        if !self.enabled {
            return Admission::ListOff;
        }
        let holding = |enabled: bool| {
            self.addresses
                .iter()
                .find(|a| a.enabled == enabled && a.cidr().is_some_and(|c| c.contains(ip)))
        };
        match holding(true) {
            Some(entry) => Admission::By(entry),
            None => Admission::Refused {
                disabled: holding(false),
            },
        }
    }

    /// The entry for this range, written any way [`Cidr::parse`] takes it.
    pub fn position(&self, address: &str) -> Option<usize> {
        let cidr = Cidr::parse(address).ok()?;
        self.addresses.iter().position(|a| a.cidr() == Some(cidr))
    }

    /// An entry as a form gives it, checked against the rest of the list (`replacing` is the
    /// place of the entry it edits): its range, or its own problems, so that the form shows each
    /// beside its field.
    pub fn check_candidate(
        &self,
        replacing: Option<usize>,
        candidate: EntryInput,
    ) -> Result<Cidr, Vec<EntryProblem>> {
        let mut inputs: Vec<EntryInput> = self
            .inputs()
            .into_iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != replacing)
            .map(|(_, entry)| entry)
            .collect();
        let at = inputs.len();
        let address = candidate.address;
        inputs.push(candidate);
        if let Err(problems) = check_entries(&inputs) {
            let own: Vec<EntryProblem> = problems.into_iter().filter(|p| p.index == at).collect();
            if !own.is_empty() {
                return Err(own);
            }
        }
        Cidr::parse(address).map_err(|message| {
            vec![EntryProblem {
                index: at,
                field: EntryField::Address,
                message,
            }]
        })
    }

    /// The entries as [`check_entries`] reads them.
    pub fn inputs(&self) -> Vec<EntryInput<'_>> {
        self.addresses
            .iter()
            .map(|a| EntryInput {
                address: &a.address,
                description: &a.description,
            })
            .collect()
    }
}

/// The answer to "would `text` be allowed?" for a form: the address parsed, or what is wrong.
pub fn parse_ip(text: &str) -> Result<Ipv4Addr, String> {
    let text = text.trim();
    text.parse()
        .map_err(|_| format!("'{text}' is not an IPv4 address: write one such as 137.187.23.10"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mask_of_each_prefix_length() {
        assert_eq!(mask(0), 0);
        assert_eq!(mask(8), 0xFF00_0000);
        assert_eq!(mask(32), u32::MAX);
    }
}
