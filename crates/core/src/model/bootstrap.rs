//! A new state, as `portal init` and the server's first start make it: one enterprise, its first
//! organization, and an administrator who is Enterprise Administrator and that organization's
//! Organization Administrator, with an enterprise token and an organization token. The tokens'
//! secrets are returned once and never kept.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::entropy::{uuid, Entropy};
use super::{
    ApplicationToken, Credentials, Enterprise, Membership, OrgType, Organization, Scope, State,
    User,
};
use crate::pricing::billing::{OrganizationBilling, PlanKind};
use crate::rbac::DefaultRole;

/// What the caller is told once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bootstrap {
    pub enterprise_id: String,
    pub organization_id: String,
    pub user_id: String,
    pub enterprise_token: IssuedToken,
    pub organization_token: IssuedToken,
}

/// A token as shown once: its clientId, secret and token, and the role it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuedToken {
    pub client_id: String,
    pub secret: String,
    pub token: String,
    pub role: String,
}

/// The names a new state starts with.
pub struct Names<'a> {
    pub enterprise: &'a str,
    pub organization: &'a str,
    pub admin_email: &'a str,
}

impl Default for Names<'static> {
    fn default() -> Self {
        Names {
            enterprise: "My Enterprise",
            organization: "My Organization",
            admin_email: "admin@example.com",
        }
    }
}

pub fn new_state(
    names: &Names,
    now: DateTime<Utc>,
    entropy: &mut dyn Entropy,
) -> (State, Bootstrap) {
    let mut state = State::new(Enterprise {
        id: uuid(entropy),
        name: names.enterprise.to_owned(),
    });
    let org = enterprise_organization(&state, names.organization, names.admin_email, now, entropy);
    let org_admin = DefaultRole::find("Organization Administrator").expect("a default role");
    let ent_admin = DefaultRole::find("Enterprise Administrator").expect("a default role");
    let user = User {
        id: uuid(entropy),
        email: names.admin_email.to_owned(),
        organizations: [(org.id.clone(), active(org_admin))].into(),
        enterprise: Some(active(ent_admin)),
    };
    let mut user = user;
    let personal = personal_organization(&user, &personal_name(names.admin_email), now, entropy);
    user.organizations
        .insert(personal.id.clone(), active(org_admin));
    state.billing.insert(personal.id.clone(), free_billing());
    state.organizations.insert(personal.id.clone(), personal);
    let org_scope = Scope::Organization(org.id.clone());
    let enterprise_token = issue(
        &mut state,
        Scope::Enterprise,
        ent_admin,
        &user.id,
        now,
        entropy,
    );
    let organization_token = issue(&mut state, org_scope, org_admin, &user.id, now, entropy);
    let bootstrap = Bootstrap {
        enterprise_id: state.enterprise.id.clone(),
        organization_id: org.id.clone(),
        user_id: user.id.clone(),
        enterprise_token,
        organization_token,
    };
    state.billing.insert(org.id.clone(), enterprise_billing());
    state.organizations.insert(org.id.clone(), org);
    state.users.insert(user.id.clone(), user);
    (state, bootstrap)
}

/// A standalone organization: in no enterprise ("Organizations are either standalone or part of
/// an enterprise", seed 000).
pub fn standalone_organization(
    name: &str,
    email: &str,
    now: DateTime<Utc>,
    entropy: &mut dyn Entropy,
) -> Organization {
    Organization {
        id: uuid(entropy),
        name: name.to_owned(),
        email: email.to_owned(),
        org_type: OrgType::Standalone,
        default_of: None,
        description: String::new(),
        enterprise_id: None,
        organization_group_id: None,
        created_at: now,
        last_modified: now,
        max_token_lifetime_days: None,
        customer_keys: Vec::new(),
    }
}

/// A new organization of the state's enterprise.
pub fn enterprise_organization(
    state: &State,
    name: &str,
    email: &str,
    now: DateTime<Utc>,
    entropy: &mut dyn Entropy,
) -> Organization {
    let org = standalone_organization(name, email, now, entropy);
    Organization {
        org_type: OrgType::Enterprise,
        enterprise_id: Some(state.enterprise.id.clone()),
        organization_group_id: Some(uuid(entropy)),
        ..org
    }
}

/// A user's default (personal) organization, made when they first start or first accept an
/// invitation: standalone ("Default (personal) organizations can't belong to an enterprise",
/// seed 000), with the user's email for its notices. Seed 004: "Users can always create
/// organizations from their default organization because they are the Organization
/// Administrator of their default organization."
pub fn personal_organization(
    user: &User,
    name: &str,
    now: DateTime<Utc>,
    entropy: &mut dyn Entropy,
) -> Organization {
    Organization {
        default_of: Some(user.id.clone()),
        ..standalone_organization(name, &user.email, now, entropy)
    }
}

/// What a personal organization is called when the person hasn't named it: after the address's
/// name part ("ana@acme.test" → "ana's Organization").
pub fn personal_name(email: &str) -> String {
    let name = email
        .split('@')
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or(email);
    format!("{name}'s Organization")
}

/// "On the Free and Pay As You Go subscription plans, organizations have no relationship to each
/// other" (seed 000): a standalone organization starts on the Free plan.
pub fn free_billing() -> OrganizationBilling {
    OrganizationBilling {
        plan: PlanKind::Free,
        ..enterprise_billing()
    }
}

/// An organization of an enterprise is billed on the Enterprise plan.
pub fn enterprise_billing() -> OrganizationBilling {
    OrganizationBilling {
        plan: PlanKind::Enterprise,
        payment_method: None,
        outstanding_balance: Default::default(),
        plan_since: None,
        annual: None,
        earlier_plans: Vec::new(),
        credit_grants: Vec::new(),
    }
}

pub fn active(role: &DefaultRole) -> Membership {
    Membership::active(vec![role.id.to_owned()])
}

/// Adds a token with one default role to the state and returns it as shown once.
pub fn issue(
    state: &mut State,
    scope: Scope,
    role: &DefaultRole,
    generated_by: &str,
    now: DateTime<Utc>,
    entropy: &mut dyn Entropy,
) -> IssuedToken {
    let credentials = Credentials::generate(entropy);
    state.tokens.insert(
        credentials.client_id.clone(),
        ApplicationToken {
            client_id: credentials.client_id.clone(),
            hash: credentials.hash(),
            roles: vec![role.id.to_owned()],
            scope,
            description: format!("{} token", role.name),
            generated_on: now,
            generated_by: generated_by.to_owned(),
            token_expiry: None,
            last_used: None,
        },
    );
    IssuedToken {
        client_id: credentials.client_id,
        secret: credentials.secret,
        token: credentials.token,
        role: role.name.to_owned(),
    }
}
