//! SCAFFOLD: replaced by the real handlers.
use super::access::Actor;
use super::error::{ApiError, ErrorId};
use super::request::Request;
use super::routes::{Handled, Params};
use super::Context;
use crate::model::State;

pub fn list(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn invite(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn get(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn remove(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn update_roles(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn accept(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}
