//! Our evaluator decides exactly as Cedar does, over 100,000 random cases: random default and
//! custom roles (the portal's scope forms and arbitrary DRN patterns, both realms), a random
//! subset of them for the principal, a random action and a resource it applies to.

use std::sync::OnceLock;

use portal_core::rbac::{evaluator, Role};
use portal_yardstick::cases::Generator;
use portal_yardstick::CedarRoles;
use proptest::prelude::*;

const POOL: usize = 150;

fn pool() -> &'static (Vec<Role>, CedarRoles) {
    static POOL_ROLES: OnceLock<(Vec<Role>, CedarRoles)> = OnceLock::new();
    POOL_ROLES.get_or_init(|| {
        let roles = Generator::new(0x5eed).roles(POOL);
        let cedar = CedarRoles::new(&roles);
        (roles, cedar)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100_000))]

    #[test]
    fn our_decision_equals_cedars(seed in any::<u64>()) {
        let (roles, cedar) = pool();
        let case = Generator::new(seed).case(POOL);
        let held: Vec<&Role> = case.roles.iter().map(|i| &roles[*i]).collect();
        let ours = evaluator::decide(&held, case.action, &case.resource).unwrap();
        let theirs = cedar.decide(&case.roles, case.action, &case.resource);
        let explained = evaluator::explain(&held, case.action, &case.resource).unwrap();
        prop_assert_eq!(ours, theirs, "{} on {} with roles {:?}", case.action, case.resource, held);
        prop_assert_eq!(explained.allowed, ours);
    }
}

/// The random cases are not all one answer: both allows and denies are common.
#[test]
fn the_cases_cover_allows_and_denies() {
    let (roles, _) = pool();
    let mut generator = Generator::new(7);
    let allowed = (0..10_000)
        .filter(|_| {
            let case = generator.case(POOL);
            let held: Vec<&Role> = case.roles.iter().map(|i| &roles[*i]).collect();
            evaluator::decide(&held, case.action, &case.resource).unwrap()
        })
        .count();
    assert!(
        (1_000..9_000).contains(&allowed),
        "{allowed} of 10,000 allowed"
    );
}
