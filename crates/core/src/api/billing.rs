//! SCAFFOLD: replaced by the real handlers.
use super::access::Actor;
use super::error::{ApiError, ErrorId};
use super::request::Request;
use super::routes::{Handled, Params};
use super::Context;
use crate::model::State;

pub fn get(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn set_payment_method(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn remove_payment_method(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn usage_download(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn consumption(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn generate_report(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn report(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}

pub fn report_csv(_state: &State, _actor: &Actor, _request: &Request, _ctx: &mut Context, _params: &Params) -> Handled {
    Err(ApiError::new(ErrorId::UnknownRoute, "not yet"))
}
