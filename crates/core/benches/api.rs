//! The backend's handlers on the demo state, and what a host does around them. Run with
//! `cargo bench -p portal-core --bench api`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use portal_core::api::{authenticate, handle, Actor, Context, Method, Principal, Request};
use portal_core::fixtures::bulk::{grow, Growth};
use portal_core::model::demo::demo;
use portal_core::model::{check_invariants, export, import, Scope, SeededEntropy, State};

fn production_admin(state: &State) -> Actor {
    let org = state
        .organizations
        .values()
        .find(|o| o.name == "Acme Production")
        .unwrap();
    Actor {
        principal: Principal::User(
            state
                .user_by_email("dana.admin@acme.example")
                .unwrap()
                .id
                .clone(),
        ),
        scope: Scope::Organization(org.id.clone()),
    }
}

/// The demo state with `extra` more invited users in Acme Production.
fn with_users(extra: usize) -> State {
    let now = "2026-11-22T10:00:00Z".parse().unwrap();
    let mut entropy = SeededEntropy::new(1);
    let (mut state, _) = demo(now, &mut entropy);
    let growth = Growth {
        users: extra,
        roles: 0,
        tokens: 0,
    };
    grow(&mut state, growth, now, &mut entropy).unwrap();
    state
}

fn handlers(c: &mut Criterion) {
    let now = "2026-11-22T10:00:00Z".parse().unwrap();
    for users in [0, 10_000] {
        let state = with_users(users);
        let actor = production_admin(&state);
        let requests = [
            Request::get("/v2/organizations/users"),
            Request::new(
                Method::Post,
                "/v2/tokens",
                r#"{"roles":["9d274655-116c-53d6-8b25-9ec10c7e26f6"]}"#,
            ),
        ];
        for request in &requests {
            let name = format!(
                "{} {}, demo + {users} users",
                request.method.as_str(),
                request.path
            );
            c.bench_function(&name, |b| {
                b.iter(|| {
                    let mut entropy = SeededEntropy::new(3);
                    let mut ctx = Context::new(now, &mut entropy);
                    handle(black_box(&state), &actor, request, &mut ctx)
                })
            });
        }
        c.bench_function(
            &format!("check the invariants, demo + {users} users"),
            |b| b.iter(|| check_invariants(black_box(&state))),
        );
        let document = export(&state);
        c.bench_function(&format!("export the state, demo + {users} users"), |b| {
            b.iter(|| export(black_box(&state)))
        });
        c.bench_function(
            &format!("import (validate) the state, demo + {users} users"),
            |b| b.iter(|| import(black_box(&document)).unwrap()),
        );
    }
    let (state, boot) = demo(now, &mut SeededEntropy::new(4));
    let token = boot.organization_token.token;
    c.bench_function(
        "authenticate a token (find by clientId, SHA-256, compare)",
        |b| b.iter(|| authenticate(black_box(&state), black_box(&token), now).unwrap()),
    );
}

criterion_group!(benches, handlers);
criterion_main!(benches);
