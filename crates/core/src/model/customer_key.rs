//! Customer keys (seed 001, "Bring Your Own Key"): "associate a Customer Managed Key (one per
//! region) that you defined in the cloud provider's Key Management Service with a Customer Key
//! that you create in Astra DB". An organization keeps, per provider and region, only the key's
//! identifier in the provider's KMS, never key material.
//!
//! The providers are the two the DevOps API's ExternalKMS names (`aws`, `gcp`); their regions
//! are the portal's Serverless regions of that provider (`pricing::regions`), where its
//! databases can be, so a key is registered where a database could use it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::pricing::price_book::CloudProvider;
use crate::pricing::regions::{serverless_regions, ServerlessRegion};

/// A cloud provider whose Key Management Service holds customer keys, as the spec's ExternalKMS
/// names them.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KmsProvider {
    Aws,
    Gcp,
}

impl KmsProvider {
    pub const ALL: [KmsProvider; 2] = [KmsProvider::Aws, KmsProvider::Gcp];

    /// As the DevOps API spells it: `aws`, `gcp`.
    pub fn api(self) -> &'static str {
        match self {
            KmsProvider::Aws => "aws",
            KmsProvider::Gcp => "gcp",
        }
    }

    /// The provider spelled `text`, in any letter case.
    pub fn parse(text: &str) -> Option<KmsProvider> {
        KmsProvider::ALL
            .into_iter()
            .find(|p| p.api().eq_ignore_ascii_case(text.trim()))
    }

    /// The names the portal's pages use: AWS, GCP.
    pub fn label(self) -> &'static str {
        self.cloud().api()
    }

    fn cloud(self) -> CloudProvider {
        match self {
            KmsProvider::Aws => CloudProvider::Aws,
            KmsProvider::Gcp => CloudProvider::Gcp,
        }
    }

    /// The provider's regions where the portal's databases can be.
    pub fn regions(self) -> impl Iterator<Item = &'static ServerlessRegion> {
        serverless_regions()
            .iter()
            .filter(move |r| r.provider == self.cloud())
    }

    /// The region of this provider named `name`, exactly as the provider writes it.
    pub fn region(self, name: &str) -> Option<&'static ServerlessRegion> {
        self.regions().find(|r| r.name == name)
    }

    /// The region names, for a message that lists them.
    pub fn region_names(self) -> String {
        self.regions()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What the key ID looks like for a key in `region`, for hints and messages.
    pub fn example(self, region: &str) -> String {
        match self {
            KmsProvider::Aws => {
                format!(
                    "arn:aws:kms:{region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                )
            }
            KmsProvider::Gcp => {
                format!("projects/my-project/locations/{region}/keyRings/my-ring/cryptoKeys/my-key")
            }
        }
    }

    /// What is wrong with `key_id` as the identifier of this provider's key in `region`, if
    /// anything. Only the shape is checked, which is cheap and certain: an AWS key ARN
    /// (`arn:aws:kms:<region>:<account digits>:key/<key ID>`, the spec's example) or a GCP key
    /// resource name (`projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>`,
    /// with `/cryptoKeyVersions/<n>` for the key version the spec's GCP-KMS describes), naming
    /// the same region the key is registered for: "one per region" means the region's own key.
    /// Whether the key exists, and grants access, only the provider can say.
    pub fn key_id_problem(self, region: &str, key_id: &str) -> Option<String> {
        let shaped = match self {
            KmsProvider::Aws => aws_key_arn(key_id).map(|in_region| in_region == region),
            KmsProvider::Gcp => gcp_key_name(key_id).map(|in_region| in_region == region),
        };
        let wanted = match self {
            KmsProvider::Aws => "an AWS KMS key ARN",
            KmsProvider::Gcp => "a GCP Cloud KMS key resource name",
        };
        let example = self.example(region);
        match shaped {
            Some(true) => None,
            Some(false) => Some(format!(
                "the key is not in region {region}: give the ARN or resource name of the key \
                 you defined in {region}, such as {example}"
            )),
            None => Some(format!(
                "'{key_id}' is not {wanted}: copy the key's identifier from the provider's Key \
                 Management Service, such as {example}"
            )),
        }
    }
}

/// The region of an AWS KMS key ARN, if `text` is one.
fn aws_key_arn(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("arn:aws:kms:")?;
    let (region, rest) = rest.split_once(':')?;
    let (account, resource) = rest.split_once(':')?;
    let key = resource.strip_prefix("key/")?;
    let digits = !account.is_empty() && account.len() <= 12;
    (is_segment(region) && digits && account.bytes().all(|b| b.is_ascii_digit()) && is_segment(key))
        .then_some(region)
}

/// The location of a GCP Cloud KMS key (or key version) resource name, if `text` is one.
fn gcp_key_name(text: &str) -> Option<&str> {
    let parts: Vec<&str> = text.split('/').collect();
    let named = |at: usize, word: &str| parts.get(at) == Some(&word);
    let layout = matches!(parts.len(), 8 | 10)
        && named(0, "projects")
        && named(2, "locations")
        && named(4, "keyRings")
        && named(6, "cryptoKeys")
        && (parts.len() == 8
            || (named(8, "cryptoKeyVersions") && parts[9].bytes().all(|b| b.is_ascii_digit())));
    // A project ID may be domain-scoped ("example.com:project").
    let project = parts.get(1).is_some_and(|p| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
    });
    (layout && project && [3, 5, 7].iter().all(|at| is_segment(parts[*at]))).then(|| parts[3])
}

/// A non-empty run of ASCII letters, digits, '-' and '_'.
fn is_segment(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// One registered key: where it is, its identifier in the provider's KMS, and when and by whom it
/// was added (the actor as the audit log names it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerKey {
    pub provider: KmsProvider,
    pub region: String,
    pub key_id: String,
    pub added_at: DateTime<Utc>,
    pub added_by: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_are_checked_for_shape_and_region() {
        let aws = KmsProvider::Aws;
        // The spec's own example (a 9-digit account) is an ARN.
        let spec = "arn:aws:kms:us-east-1:111111111:key/aabbbb-a00f-4c38-9e92-b46ff1ed181d";
        assert_eq!(aws.key_id_problem("us-east-1", spec), None);
        assert!(aws
            .key_id_problem("us-west-2", spec)
            .is_some_and(|p| p.contains("not in region us-west-2")));
        for bad in [
            "",
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:kms:us-east-1:12ab:key/x",
            "arn:aws:kms:us-east-1:123456789012:alias/mine",
            "arn:aws:kms:us-east-1:123456789012:key/",
        ] {
            assert!(aws.key_id_problem("us-east-1", bad).is_some(), "{bad}");
        }
        let gcp = KmsProvider::Gcp;
        let key = "projects/p-1/locations/us-east1/keyRings/r/cryptoKeys/k";
        assert_eq!(gcp.key_id_problem("us-east1", key), None);
        let version = format!("{key}/cryptoKeyVersions/3");
        assert_eq!(gcp.key_id_problem("us-east1", &version), None);
        assert!(gcp.key_id_problem("europe-west1", key).is_some());
        assert!(gcp.key_id_problem("us-east1", spec).is_some());
        for short in [
            "projects/p/locations/us-east1/keyRings/r",
            "projects/p",
            "projects",
        ] {
            assert!(gcp.key_id_problem("us-east1", short).is_some(), "{short}");
        }
        for provider in KmsProvider::ALL {
            let region = provider.regions().next().expect("a region").name.clone();
            assert_eq!(
                provider.key_id_problem(&region, &provider.example(&region)),
                None
            );
        }
    }

    #[test]
    fn providers_are_the_specs_two_with_the_portals_regions() {
        assert_eq!(KmsProvider::parse("AWS"), Some(KmsProvider::Aws));
        assert_eq!(KmsProvider::parse("gcp"), Some(KmsProvider::Gcp));
        assert_eq!(KmsProvider::parse("azure"), None);
        assert!(KmsProvider::Aws.region("us-east-1").is_some());
        assert!(KmsProvider::Aws.region("us-east1").is_none());
        assert!(KmsProvider::Gcp.region("us-east1").is_some());
    }
}
