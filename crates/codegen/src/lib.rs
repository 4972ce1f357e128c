//! Postman collection -> typed Rust client crate.
#![allow(dead_code)]

pub mod infer;
pub mod names;
