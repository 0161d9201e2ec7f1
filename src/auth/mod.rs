//! Credentials and secrets: password hashing (and the threads it runs on), random tokens and
//! their digests.

pub mod hash_pool;
pub mod password;
pub mod token;

pub use hash_pool::HashPool;
pub use token::{hash_token, new_token};
