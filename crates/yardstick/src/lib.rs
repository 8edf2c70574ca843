//! Cedar as the yardstick of the RBAC evaluator.
//!
//! The same roles are written as Cedar policies, one `permit` per role:
//!
//! ```text
//! permit(principal in Role::"r3", action in [Action::"db-table-select", ...], resource)
//! when { (resource.kind == "Table" && resource.org == "o1" && resource.keyspace == "k1") || ... };
//! ```
//!
//! A resource is an entity whose attributes are its DRN's kind and ID segments, and a DRN pattern
//! is the conjunction of its kind and its non-`*` segments: Cedar's `like` would let `*` match
//! across `:`, which is not the DRN rule. A principal is an entity whose parents are its roles.
//! The tests check that both decide alike on random cases; the benchmarks time both.

pub mod cases;

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use cedar_policy::{
    Authorizer, Context, Decision, Entities, Entity, EntityId, EntityTypeName, EntityUid,
    PolicySet, Request, RestrictedExpression,
};
use portal_core::rbac::{Drn, DrnKind, Permission, Role};

/// Cedar's view of a pool of roles: role `i` is `Role::"r{i}"`.
pub struct CedarRoles {
    policies: PolicySet,
    authorizer: Authorizer,
}

impl CedarRoles {
    pub fn new(roles: &[Role]) -> CedarRoles {
        let text: String = roles
            .iter()
            .enumerate()
            .map(|(i, r)| policy(i, r))
            .collect();
        let policies = PolicySet::from_str(&text)
            .unwrap_or_else(|e| panic!("the generated policies parse: {e:?}\n{text}"));
        CedarRoles {
            policies,
            authorizer: Authorizer::new(),
        }
    }

    /// Whether a principal holding the roles at `role_indices` may do `action` on `resource`.
    pub fn decide(&self, role_indices: &[usize], action: Permission, resource: &Drn) -> bool {
        let request = self.request(role_indices, action, resource);
        let response = self
            .authorizer
            .is_authorized(&request.0, &self.policies, &request.1);
        response.decision() == Decision::Allow
    }

    /// The request and entities for a decision, built apart so that a benchmark can time the
    /// authorization alone.
    pub fn request(
        &self,
        role_indices: &[usize],
        action: Permission,
        resource: &Drn,
    ) -> (Request, Entities) {
        let roles: HashSet<EntityUid> = role_indices.iter().map(|i| role_uid(*i)).collect();
        let principal_uid = uid("Principal", "p");
        let principal = Entity::new_no_attrs(principal_uid.clone(), roles.clone());
        let role_entities = roles
            .into_iter()
            .map(|r| Entity::new_no_attrs(r, HashSet::new()));
        let resource_uid = uid("Resource", &resource.to_string());
        let resource_entity =
            Entity::new(resource_uid.clone(), attributes(resource), HashSet::new())
                .expect("resource attributes are plain strings");
        let entities = Entities::from_entities(
            std::iter::once(principal)
                .chain(role_entities)
                .chain(std::iter::once(resource_entity)),
            None,
        )
        .expect("distinct entities");
        let request = Request::new(
            principal_uid,
            uid("Action", action.api()),
            resource_uid,
            Context::empty(),
            None,
        )
        .expect("a request without a schema");
        (request, entities)
    }

    pub fn authorize(&self, request: &(Request, Entities)) -> bool {
        self.authorizer
            .is_authorized(&request.0, &self.policies, &request.1)
            .decision()
            == Decision::Allow
    }
}

fn uid(kind: &str, id: &str) -> EntityUid {
    EntityUid::from_type_name_and_id(
        EntityTypeName::from_str(kind).expect("a valid type name"),
        EntityId::new(id),
    )
}

fn role_uid(index: usize) -> EntityUid {
    uid("Role", &format!("r{index}"))
}

/// The `kind` attribute of a resource entity.
fn kind_name(kind: DrnKind) -> String {
    format!("{kind:?}")
}

fn attributes(resource: &Drn) -> HashMap<String, RestrictedExpression> {
    let mut attrs = HashMap::new();
    attrs.insert(
        "kind".to_owned(),
        RestrictedExpression::new_string(kind_name(resource.kind())),
    );
    for (name, id) in resource.kind().keywords().iter().zip(resource.ids()) {
        attrs.insert(
            (*name).to_owned(),
            RestrictedExpression::new_string(id.to_string()),
        );
    }
    attrs
}

/// One role as one Cedar policy.
fn policy(index: usize, role: &Role) -> String {
    let actions: Vec<String> = role
        .policy
        .actions
        .iter()
        .map(|p| format!("Action::{:?}", p.api()))
        .collect();
    let patterns: Vec<String> = role.policy.resources.iter().map(condition).collect();
    format!(
        "permit(principal in Role::\"r{index}\", action in [{}], resource) when {{ {} }};\n",
        actions.join(", "),
        patterns.join(" || ")
    )
}

/// A DRN pattern as a condition: its kind, then each segment that is not `*`.
fn condition(pattern: &Drn) -> String {
    let mut terms = vec![format!("resource.kind == {:?}", kind_name(pattern.kind()))];
    for (name, id) in pattern.kind().keywords().iter().zip(pattern.ids()) {
        if let Some(id) = id.id() {
            terms.push(format!("resource.{name} == {id:?}"));
        }
    }
    format!("({})", terms.join(" && "))
}
