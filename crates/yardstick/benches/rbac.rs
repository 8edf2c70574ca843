//! The evaluator's speed: one decision, one explained decision, a 1,000 x 1,000 matrix, and the
//! same 1,000 decisions by our evaluator and by Cedar (requests and entities prebuilt for Cedar). Run with `cargo bench -p portal-yardstick`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use portal_core::rbac::{
    evaluator, DatabaseKeyspaces, DefaultRole, Drn, Keyspaces, Permission, Policy, ResourceScope,
    Role,
};
use portal_yardstick::cases::Generator;
use portal_yardstick::CedarRoles;

const ORG: &str = "0f3b6c9e-1111-4c2d-9a41-5e2c7d8b9a10";

fn typical_roles() -> Vec<Role> {
    let scoped = Role::new(
        "r-shop",
        "Shop writer",
        Policy {
            description: String::new(),
            actions: ["db-table-select", "db-table-modify", "org-db-view"]
                .iter()
                .map(|a| Permission::parse(a).unwrap())
                .collect(),
            resources: ResourceScope::Specific(vec![DatabaseKeyspaces {
                database: "shop".into(),
                keyspaces: Keyspaces::Listed(vec!["orders".into(), "items".into()]),
            }])
            .to_drns(ORG),
        },
    )
    .unwrap();
    vec![
        Role::from_default(DefaultRole::find("Billing Administrator").unwrap(), ORG),
        scoped,
        Role::from_default(DefaultRole::find("Read Only User").unwrap(), ORG),
    ]
}

fn single(c: &mut Criterion) {
    let roles = typical_roles();
    let select = Permission::parse("db-table-select").unwrap();
    let table = Drn::table(ORG, "shop", "orders", "line_items");
    c.bench_function("decide one (3 roles, allowed by the 3rd)", |b| {
        b.iter(|| evaluator::decide(black_box(&roles), black_box(select), black_box(&table)))
    });
    let drop = Permission::parse("db-table-drop").unwrap();
    c.bench_function("decide one (3 roles, denied)", |b| {
        b.iter(|| evaluator::decide(black_box(&roles), black_box(drop), black_box(&table)))
    });
    c.bench_function("explain one (3 roles)", |b| {
        b.iter(|| evaluator::explain(black_box(&roles), black_box(select), black_box(&table)))
    });
}

fn matrix(c: &mut Criterion) {
    let mut generator = Generator::new(42);
    let pool = generator.roles(200);
    let principals: Vec<Vec<Role>> = (0..1000)
        .map(|_| {
            generator
                .case(pool.len())
                .roles
                .iter()
                .map(|i| pool[*i].clone())
                .collect()
        })
        .collect();
    let resources: Vec<Drn> = (0..1000).map(|_| generator.case(1).resource).collect();
    let mut group = c.benchmark_group("matrix");
    group.sample_size(10);
    group.throughput(Throughput::Elements(1_000_000));
    group.bench_function("1,000 principals x 1,000 resources", |b| {
        b.iter(|| {
            evaluator::matrix(
                black_box(&principals),
                |p| p.as_slice(),
                black_box(&resources),
            )
        })
    });
    group.finish();
}

fn against_cedar(c: &mut Criterion) {
    let mut generator = Generator::new(9);
    let pool = generator.roles(400);
    let cedar = CedarRoles::new(&pool);
    let cases: Vec<_> = (0..1000).map(|_| generator.case(pool.len())).collect();
    let held: Vec<Vec<&Role>> = cases
        .iter()
        .map(|c| c.roles.iter().map(|i| &pool[*i]).collect())
        .collect();
    let requests: Vec<_> = cases
        .iter()
        .map(|c| cedar.request(&c.roles, c.action, &c.resource))
        .collect();
    let mut group = c.benchmark_group("1,000 random decisions");
    group.throughput(Throughput::Elements(1000));
    group.bench_function("ours", |b| {
        b.iter(|| {
            cases
                .iter()
                .zip(&held)
                .filter(|(case, roles)| {
                    evaluator::decide(roles.as_slice(), case.action, &case.resource).unwrap()
                })
                .count()
        })
    });
    group.bench_function("cedar, all 400 roles as one policy set", |b| {
        b.iter(|| requests.iter().filter(|r| cedar.authorize(r)).count())
    });
    // The kinder comparison: each principal's own roles as its policy set, built beforehand.
    let own: Vec<_> = held
        .iter()
        .zip(&cases)
        .map(|(roles, case)| {
            let roles: Vec<Role> = roles.iter().map(|r| (*r).clone()).collect();
            let cedar = CedarRoles::new(&roles);
            let indices: Vec<usize> = (0..roles.len()).collect();
            let request = cedar.request(&indices, case.action, &case.resource);
            (cedar, request)
        })
        .collect();
    group.bench_function("cedar, each principal's own roles as its policy set", |b| {
        b.iter(|| own.iter().filter(|(cedar, r)| cedar.authorize(r)).count())
    });
    group.finish();
}

criterion_group!(benches, single, matrix, against_cedar);
criterion_main!(benches);
