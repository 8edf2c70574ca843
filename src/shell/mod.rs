pub mod acting_as;
pub mod header;
pub mod org_switcher;
pub mod portal_status;
pub mod route_change;
pub mod settings_nav;
pub mod skip_link;
pub mod sync_status;
