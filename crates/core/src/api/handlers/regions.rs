//! `GET /v2/regions/serverless`: where a database can be created (the spec's
//! listServerlessRegions), from the price book's regions.

use serde::Serialize;

use super::{unchanged, Call, Handled};
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::Response;
use crate::api::Context;
use crate::pricing::regions::serverless_regions;

/// The spec's ServerlessRegion.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RegionView {
    cloud_provider: &'static str,
    name: &'static str,
    display_name: &'static str,
    zone: &'static str,
    classification: &'static str,
    #[serde(rename = "region_type")]
    region_type: &'static str,
    enabled: bool,
    reserved_for_qualified_users: bool,
}

/// The region types a Serverless region serves: every region of the price book serves both.
const REGION_TYPES: [&str; 2] = ["serverless", "vector"];

/// Every region, once per region type asked for (`region-type`: serverless, the default, vector,
/// or all). `filter-by-org` (enabled or disabled) lists the same regions: no region is closed to
/// an organization of the portal.
pub fn serverless(call: Call, _ctx: &mut Context) -> Handled {
    let mut types: &[&'static str] = &REGION_TYPES[..1];
    for (name, value) in &call.request.query {
        let invalid = |takes: &str| {
            ApiError::new(
                ErrorId::InvalidField,
                format!("query parameter '{name}' is invalid: '{value}' is not {takes}"),
            )
        };
        match name.as_str() {
            "region-type" => {
                types = match value.to_ascii_lowercase().as_str() {
                    "all" => &REGION_TYPES,
                    wanted => {
                        let at = REGION_TYPES
                            .iter()
                            .position(|t| *t == wanted)
                            .ok_or_else(|| invalid("serverless, vector or all"))?;
                        &REGION_TYPES[at..=at]
                    }
                }
            }
            "filter-by-org" if !matches!(value.as_str(), "enabled" | "disabled") => {
                return Err(invalid("enabled or disabled"));
            }
            _ => {}
        }
    }
    let body: Vec<RegionView> = types
        .iter()
        .flat_map(|region_type| {
            serverless_regions().iter().map(move |r| RegionView {
                cloud_provider: r.provider.api(),
                name: r.name.as_str(),
                display_name: r.display_name,
                zone: r.zone.api(),
                classification: r.classification.api(),
                region_type,
                enabled: true,
                reserved_for_qualified_users: false,
            })
        })
        .collect();
    unchanged(Response::ok(body))
}
