pub mod header;
pub mod page_heading;
pub mod settings_nav;
