//! Credentials and secrets: password hashing, random tokens and their digests, and signing.

pub mod password;
pub mod token;

pub use token::{hash_token, new_token};
