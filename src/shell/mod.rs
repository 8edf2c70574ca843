pub mod acting_as;
pub mod header;
pub mod org_switcher;
pub mod portal_status;
pub mod settings_nav;
pub mod sync_status;
