//! Editing a member's roles, and who may invite, edit and remove.

use super::{invite_to_org, join, join_org, membership, org_scope, Realm, ENT_USERS, ORG_USERS};
use crate::support::{assert_mentions, codes::*, default_id, error_id, World};
use portal_core::api::Method;
use portal_core::model::MemberStatus;
use serde_json::{json, Value};
use Method::{Delete, Put};

/// seed 004, "Organization permissions": "Write User: org-user-write: Invite (add) users, edit
/// users' assigned roles, and remove users from an organization."
#[test]
fn inviting_editing_and_removing_need_write_user() {
    let mut world = World::new();
    let reader = join_org(&mut world, "reader@acme.test", "Read Only User");
    let admin_path = format!("{ORG_USERS}/{}", world.boot.user_id);
    let attempts = [
        (
            Put,
            ORG_USERS.to_owned(),
            json!({"email": "x@acme.test", "roles": [default_id("Read Only User")]}),
        ),
        (Delete, admin_path.clone(), Value::Null),
        (
            Put,
            format!("{admin_path}/roles"),
            json!({"roles": [default_id("Read Only User")]}),
        ),
    ];
    for (method, path, body) in attempts {
        let refused = world.expect(403, &reader, method, &path, body);
        assert_mentions(&refused, "org-user-write");
    }
    let ent_reader = join(
        &mut world,
        Realm::Enterprise,
        "entorg@acme.test",
        "Enterprise Organization Administrator",
    );
    let request =
        json!({"email": "y@acme.test", "roles": [default_id("Enterprise Administrator")]});
    let refused = world.expect(403, &ent_reader, Put, ENT_USERS, request);
    assert_mentions(&refused, "ent-user-write");
}

/// seed 000, "Manage enterprise users": "To edit a user's roles, click More, and then select Edit
/// User." The spec's RoleInviteRequest replaces the member's roles; a pending invitation stays
/// pending.
#[test]
fn editing_roles_replaces_them() {
    let mut world = World::new();
    let admin = world.admin();
    let dev = join_org(&mut world, "dev@acme.test", "Read Only User");
    let pending = invite_to_org(&mut world, "pending@acme.test", "Read Only User");
    let new_roles = [
        default_id("Read/Write User"),
        default_id("Billing Administrator"),
        default_id("Read/Write User"),
    ];
    for id in [dev.id(), pending.as_str()] {
        let response = world.call(
            &admin,
            Put,
            &format!("{ORG_USERS}/{id}/roles"),
            json!({"roles": new_roles}),
        );
        assert_eq!(response.status, 204);
        let m = membership(&world, id, &org_scope(&world)).unwrap();
        assert_eq!(
            m.roles,
            [
                default_id("Read/Write User"),
                default_id("Billing Administrator")
            ]
        );
        let audit = world.state.audit.values().last().unwrap();
        assert_eq!(
            (audit.action.as_str(), audit.targets.as_slice()),
            ("user.roles", [id.to_owned()].as_slice())
        );
    }
    assert_eq!(
        membership(&world, dev.id(), &org_scope(&world))
            .unwrap()
            .status,
        MemberStatus::Active
    );
    assert_eq!(
        membership(&world, &pending, &org_scope(&world))
            .unwrap()
            .status,
        MemberStatus::Invited
    );
}

/// Editing roles follows the same rules as inviting: available roles only, members only, and
/// never demoting the last administrator.
#[test]
fn editing_roles_is_refused_for_unavailable_roles_non_members_and_the_last_administrator() {
    let mut world = World::new();
    let admin = world.admin();
    let dev = join_org(&mut world, "dev@acme.test", "Read Only User");
    let path = format!("{ORG_USERS}/{}/roles", dev.id());
    let body = json!({"roles": [default_id("Enterprise Administrator")]});
    let refused = world.expect(400, &admin, Put, &path, body);
    assert_eq!(error_id(&refused), ROLE_NOT_AVAILABLE);
    let body = json!({"roles": []});
    world.expect(400, &admin, Put, &path, body);
    let body = json!({});
    world.expect(400, &admin, Put, &path, body);
    let body = json!({"roles": [default_id("Read Only User")]});
    let refused = world.expect(404, &admin, Put, &format!("{ORG_USERS}/nobody/roles"), body);
    assert_eq!(error_id(&refused), NOT_FOUND);
    let own = format!("{ORG_USERS}/{}/roles", world.boot.user_id);
    let body = json!({"roles": [default_id("Read Only User")]});
    let refused = world.expect(409, &admin, Put, &own, body);
    assert_eq!(error_id(&refused), LAST_ADMINISTRATOR);
    // Keeping the administrator role beside others is fine.
    let body =
        json!({"roles": [default_id("Organization Administrator"), default_id("Read Only User")]});
    world.expect(204, &admin, Put, &own, body);
}
