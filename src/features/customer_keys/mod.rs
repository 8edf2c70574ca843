//! Customer keys (seed 001, "Bring Your Own Key"): the organization's keys, one per provider and
//! region, and the dialog that registers one (`POST /v2/kms`).

pub mod add;
pub mod table;
