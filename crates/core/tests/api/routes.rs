//! Every route as every default role: each answers what the route's declared need and the RBAC
//! evaluator say (`fixtures::probe::expected`), with no list of expected statuses kept by hand, and no
//! probe changes anything.
//!
//! The roles are the seeds' default roles: the 16 organization roles (seed 004, "Default roles";
//! seed 002, "Default Operational Roles" and "Default Special Roles") and the 3 enterprise roles
//! (seed 000, "Manage enterprise roles"). Each goes on an application token of its own, made as
//! seed 000 says: "Create organization application tokens" and "Create enterprise tokens", both
//! with POST /v2/tokens.

use crate::support::World;
use portal_core::api::routes::{Check, On, ROUTES};
use portal_core::api::{self, Actor, Body, Method, Outcome, Principal, Request};
use portal_core::fixtures::probe::{self, Expected};
use portal_core::model::{MemberStatus, Scope};
use portal_core::rbac::{DefaultRole, Permission, Realm, Role, DEFAULT_ROLES};
use serde_json::{json, Value};

/// Someone to run the probes as.
struct Holder {
    /// For messages: the role, permission or user.
    name: String,
    realm: Realm,
    actor: Actor,
}

/// What one holder got from every probe.
struct Tally {
    problems: Vec<String>,
    allowed: usize,
    denied: usize,
}

/// The demo, and the organization its organization-level probes act in: the first the enterprise
/// lists (by name), Acme Analytics. Acme Production can't be probed: removing its card would
/// succeed (see `probing_where_the_card_could_go_is_refused`).
fn demo() -> (World, String) {
    let world = World::demo(7);
    let org = probe::organization(&world.state)
        .expect("an organization every route can be probed in")
        .id
        .clone();
    (world, org)
}

fn scope_of(realm: Realm, org: &str) -> Scope {
    match realm {
        Realm::Organization => Scope::Organization(org.to_owned()),
        Realm::Enterprise => Scope::Enterprise,
    }
}

/// The demo's administrator, a user who is Organization Administrator of `org` and Enterprise
/// Administrator, acting in the realm.
fn administrator(world: &World, org: &str, realm: Realm) -> Actor {
    world.user(&world.boot.user_id, scope_of(realm, org))
}

/// A token of the realm holding just these roles, generated with POST /v2/tokens by the
/// administrator (seed 000: "If you have a role with the ent-token-write permission [...] you can
/// create application tokens").
fn token(world: &mut World, org: &str, realm: Realm, role_id: &str, name: String) -> Holder {
    let admin = administrator(world, org, realm);
    let body = json!({"roles": [role_id], "description": format!("matrix: {name}")});
    let issued = world.expect(200, &admin, Method::Post, "/v2/tokens", body);
    let token = issued["token"].as_str().expect("the token, shown once");
    let actor =
        api::authenticate(&world.state, token, world.now).expect("a new token authenticates");
    Holder { name, realm, actor }
}

/// A custom role of the realm holding only `api`, on everything the realm's default roles cover,
/// made with POST /v2/organizations/roles by the administrator, and a token with it.
fn token_with_only(world: &mut World, org: &str, api: &str, realm: Realm) -> Holder {
    let everything = match realm {
        Realm::Organization => (default_role("Organization Administrator"), org.to_owned()),
        Realm::Enterprise => (
            default_role("Enterprise Administrator"),
            world.state.enterprise.id.clone(),
        ),
    };
    let resources: Vec<String> = Role::from_default(everything.0, &everything.1)
        .policy
        .resources
        .iter()
        .map(ToString::to_string)
        .collect();
    let body = json!({"name": format!("only {api}"), "policy": {
        "description": format!("only {api}"),
        "resources": resources,
        "actions": [api],
        "effect": "allow",
    }});
    let admin = administrator(world, org, realm);
    let created = world.expect(201, &admin, Method::Post, "/v2/organizations/roles", body);
    let id = created["ID"]
        .as_str()
        .expect("the new role's ID")
        .to_owned();
    token(world, org, realm, &id, format!("only {api}"))
}

fn default_role(name: &str) -> &'static DefaultRole {
    DefaultRole::find(name).expect("a default role")
}

fn json_of(outcome: &Outcome) -> Value {
    match &outcome.response.body {
        Body::Json(json) => json.value(),
        _ => Value::Null,
    }
}

/// Runs every probe of the holder's realm as the holder, without applying anything.
fn run_as(world: &mut World, org: &str, holder: &Holder) -> Tally {
    let probes = probe::probes(&world.state, org, holder.realm).expect("harmless probes");
    let mut tally = Tally {
        problems: Vec::new(),
        allowed: 0,
        denied: 0,
    };
    // A token already used this minute: the probes are harmless, so any change is a problem
    // (the first use of a minute stamps the token's last use; the tokens' tests cover that).
    if let Principal::Token(id) = &holder.actor.principal {
        if let Some(stamped) = world.state.tokens[id].last_use_stamp(world.now) {
            world.state.tokens.insert(id.clone(), stamped);
        }
    }
    for probe in &probes {
        let request = Request::new(probe.method, &probe.target, probe.body.clone());
        let outcome = world.run(&holder.actor, &request);
        let expected = probe::expected(&world.state, &holder.actor, probe);
        let call = format!(
            "{}: {} {}",
            holder.name,
            probe.method.as_str(),
            probe.target
        );
        if let Some(problem) = expected.disagreement(outcome.response.status, &json_of(&outcome)) {
            tally.problems.push(format!("{call}: {problem}"));
        }
        // What the page asks before sending (a read is answered by the gate alone) must agree
        // with what sending gets.
        let refused = matches!(outcome.response.status, 401 | 403);
        let permitted = api::permits(&world.state, &holder.actor, &request, world.now);
        if permitted.is_ok() == refused {
            tally.problems.push(format!(
                "{call}: permits says {permitted:?}, sending got {}",
                outcome.response.status
            ));
        }
        if !outcome.changes.is_empty() {
            tally
                .problems
                .push(format!("{call} changed: {:?}", outcome.changes));
        }
        match expected {
            Expected::Allowed(_) => tally.allowed += 1,
            Expected::Denied { .. } => tally.denied += 1,
        }
    }
    tally
}

/// Runs the matrix and fails with every problem at once; `extra` adds a holder's own checks.
fn assert_matrix(
    world: &mut World,
    org: &str,
    holders: &[Holder],
    extra: impl Fn(&Holder, &Tally) -> Option<String>,
) {
    let mut problems = Vec::new();
    for holder in holders {
        let tally = run_as(world, org, holder);
        problems.extend(extra(holder, &tally));
        problems.extend(tally.problems);
    }
    let calls = holders.len() * ROUTES.len();
    assert!(
        problems.is_empty(),
        "{} problem(s) in {calls} calls:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The realm's all-powerful role, denied only what belongs to the other realm.
fn is_administrator(name: &str) -> bool {
    matches!(
        name,
        "Organization Administrator" | "Enterprise Administrator"
    )
}

/// Every default role of both realms, each alone on a token: seed 004 for the organization's,
/// seed 000 for the enterprise's. Each is allowed something, and every role but the two
/// administrators is denied something.
#[test]
fn every_route_answers_every_default_role_as_its_need_says() {
    let (mut world, org) = demo();
    let holders: Vec<Holder> = DEFAULT_ROLES
        .iter()
        .map(|role| token(&mut world, &org, role.realm, role.id, role.name.to_owned()))
        .collect();
    assert_eq!(holders.len(), 19);
    assert_matrix(&mut world, &org, &holders, |holder, tally| {
        if tally.allowed == 0 {
            Some(format!("{}: allowed nothing", holder.name))
        } else if tally.denied == 0 && !is_administrator(&holder.name) {
            Some(format!("{}: denied nothing", holder.name))
        } else {
            None
        }
    });
}

/// Every permission a need names, alone on a custom role: a route guarded by another permission
/// than it declares shows even where no default role tells the two apart (only Organization
/// Administrator holds org-role-read, and it holds org-role-write too).
#[test]
fn every_route_answers_each_permission_alone_as_its_need_says() {
    let (mut world, org) = demo();
    let mut named: Vec<(Permission, Realm)> = Vec::new();
    for route in ROUTES {
        for (api, on) in permissions(route.need.organization)
            .into_iter()
            .chain(permissions(route.need.enterprise))
        {
            let realm = match on {
                On::Enterprise | On::PathEnterpriseOrganization => Realm::Enterprise,
                _ => Realm::Organization,
            };
            if !named.contains(&(api, realm)) {
                named.push((api, realm));
            }
        }
    }
    let holders: Vec<Holder> = named
        .into_iter()
        .map(|(permission, realm)| token_with_only(&mut world, &org, permission.api(), realm))
        .collect();
    assert_matrix(&mut world, &org, &holders, |_, _| None);
}

/// The demo's users, as themselves, wherever they are active members of the probed organization
/// or of the enterprise: the needs only a user can meet (seed 002's invitation, seed 000's
/// deletion from the enterprise level by an Enterprise Administrator who is also the
/// organization's Organization Administrator) are met here, by the administrator.
#[test]
fn every_route_answers_the_demo_users_as_its_need_says() {
    let (mut world, org) = demo();
    let mut holders = Vec::new();
    for user in world.state.users.values() {
        for realm in [Realm::Organization, Realm::Enterprise] {
            let scope = scope_of(realm, &org);
            if user
                .membership(&scope)
                .is_some_and(|m| m.status == MemberStatus::Active)
            {
                holders.push(Holder {
                    name: format!("{} ({realm:?})", user.email),
                    realm,
                    actor: world.user(&user.id, scope),
                });
            }
        }
    }
    assert!(holders.len() >= 5, "too few demo users to matter");
    assert_matrix(&mut world, &org, &holders, |_, _| None);
}

/// The permissions a check names, with the resource each is checked on.
fn permissions(check: Check) -> Vec<(Permission, On)> {
    match check {
        Check::Permission(permission, on) => vec![(permission, on)],
        Check::AnyPermission(permissions, on) => permissions.iter().map(|p| (*p, on)).collect(),
        Check::AllOf(checks) => checks.iter().flat_map(|c| permissions(*c)).collect(),
        _ => Vec::new(),
    }
}

fn roles(check: Check) -> Vec<&'static str> {
    match check {
        Check::Role(name) | Check::PathOrganizationRole(name) => vec![name],
        Check::AllOf(checks) => checks.iter().flat_map(|c| roles(*c)).collect(),
        _ => Vec::new(),
    }
}

/// The plan covers the table: exactly one probe per route, in both realms, and no route twice.
#[test]
fn there_is_one_probe_per_route() {
    let (world, org) = demo();
    let routes: Vec<(Method, &str)> = ROUTES.iter().map(|r| (r.method, r.pattern)).collect();
    for (i, route) in routes.iter().enumerate() {
        assert!(
            !routes[..i].contains(route),
            "{route:?} is in the table twice"
        );
    }
    for realm in [Realm::Organization, Realm::Enterprise] {
        let probes = probe::probes(&world.state, &org, realm).expect("harmless probes");
        let probed: Vec<(Method, &str)> = probes.iter().map(|p| (p.method, p.pattern)).collect();
        assert_eq!(probed, routes, "{realm:?}");
    }
}

/// Every role a need names is a default one (seed 000 for the enterprise's, seed 004 for the
/// organization's); its permissions are the catalog's by type.
#[test]
fn needs_name_default_roles() {
    for route in ROUTES {
        for check in [route.need.organization, route.need.enterprise] {
            for name in roles(check) {
                assert!(
                    DefaultRole::find(name).is_some(),
                    "{} names {name}",
                    route.pattern
                );
            }
        }
    }
}

/// Removing a payment method takes no body: where it would succeed, no probe of it is harmless,
/// and `probes` says so rather than plan a change. The demo's Acme Production has a card, no
/// balance and no premium feature.
#[test]
fn probing_where_the_card_could_go_is_refused() {
    let world = World::demo(7);
    let production = world.boot.organization_id.clone();
    let refusal = probe::probes(&world.state, &production, Realm::Organization).unwrap_err();
    assert!(refusal.to_string().contains("payment method"), "{refusal}");
}
