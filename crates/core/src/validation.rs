//! Every limit and format rule that the handlers enforce on what a request gives, in one place:
//! the handlers check with these, and the page takes its fields' `maxlength` from them, so that a
//! form never lets through what the backend refuses or stops what it takes.
//!
//! - [`field`]: free text (names and descriptions), trimmed, bounded and free of hidden
//!   characters.
//! - [`email`]: one rule for an email address.
//! - [`identifiers`]: a database's name, and CQL keyspace and table names.

pub mod email;
pub mod field;
pub mod identifiers;

pub use email::email_problem;
pub use field::Field;
pub use identifiers::{is_cql_identifier, is_database_name};

/// Seed 004, "Create a custom role": a role's name, as the role lists show it.
pub const ROLE_NAME: Field = Field::name("field 'name'", 100);
/// A role's policy description, which the DevOps API's Role carries.
pub const ROLE_DESCRIPTION: Field = Field::text("field 'policy.description'", 500);
/// Seed 000: "Enter a description, such as the purpose of the token or the name of an
/// application that will use the token": a line, not a document.
pub const TOKEN_DESCRIPTION: Field = Field::text("field 'description'", 200);
pub const ORGANIZATION_NAME: Field = Field::name("the organization name", 100);
pub const ENTERPRISE_NAME: Field = Field::name("the enterprise name", 100);
/// "Enter a name for the organization and an optional description" (seed 000).
pub const ORGANIZATION_DESCRIPTION: Field = Field::text("the description", 500);
/// An access list entry's description (the spec's AddressRequest `description`): what the
/// address is for, a line.
pub const ACCESS_LIST_DESCRIPTION: Field = Field::text("the description", 200);
/// A cloud region's code, such as "us-east-1" or "europe-west4".
pub const REGION: Field = Field::name("field 'region'", 64);
/// A private endpoint's description (the spec's PrivateLinkEndpoint `description`): what it
/// connects, a line.
pub const ENDPOINT_DESCRIPTION: Field = Field::text("field 'description'", 200);
/// A private endpoint's ID as its cloud gives it: AWS's are 22 characters, Azure's resource IDs
/// far longer.
pub const ENDPOINT_ID_MAX: usize = 512;
/// A principal allowed to connect endpoints (an AWS ARN, at most 2048 characters).
pub const PRINCIPAL_MAX: usize = 2048;

/// A customer key's identifier (an AWS key ARN, a GCP key resource name): AWS's limit for an
/// ARN, 2048 characters, which a GCP resource name stays well within.
pub const CUSTOMER_KEY_ID_MAX: usize = 2048;

/// The longest email address mail systems carry: RFC 5321's 254 octets for a whole path.
pub const EMAIL_MAX: usize = 254;
/// The most addresses one invitation request may hold: a team's worth at a time, and a request
/// that stays quick for everyone else the backend serves.
pub const INVITED_ADDRESSES_MAX: usize = 100;

/// A database's name: ASCII letters, digits, '-' and '_' ([`is_database_name`]).
pub const DATABASE_NAME_MAX: usize = 50;
/// Keyspace and table names: a letter, then up to 47 letters, digits or underscores
/// ([`is_cql_identifier`]).
pub const CQL_IDENTIFIER_MAX: usize = 48;

/// The most audit entries one read may ask for (its `limit`).
pub const AUDIT_LOG_LIMIT_MAX: usize = 1000;

/// A payment card is kept by its last digits only, never its whole number.
pub const CARD_LAST_DIGITS: usize = 4;
/// A card's expiry as printed on it.
pub const CARD_EXPIRY: &str = "MM/YY";

/// A billing report's year, as the seed writes it: `"2025"`.
pub const YEAR_DIGITS: usize = 4;
