//! Role-based access control: the permission catalog, the default roles, DRN resource scopes and
//! the evaluator that decides, with reasons.

pub mod advisor;
mod catalog;
mod default_roles;
pub mod drn;
pub mod evaluator;
pub mod grant;
mod named;
pub mod overbroad;
pub mod permission;
pub mod permission_set;
pub mod policy;
pub mod role;
pub mod scope;

pub use advisor::{AccessMethod, ACCESS_METHODS};
pub use default_roles::DEFAULT_ROLES;
pub use drn::{Drn, DrnError, DrnKind};
pub use evaluator::{Decision, NotApplicable, Reason};
pub use permission::{Category, Permission, PermissionInfo, Scopable, Status, UnknownPermission};
pub use permission_set::PermissionSet;
pub use policy::{Policy, Role, RoleError};
pub use role::{DefaultGrant, DefaultRole, Realm};
pub use scope::{DatabaseKeyspaces, EnterpriseScope, Keyspaces, ResourceScope};
