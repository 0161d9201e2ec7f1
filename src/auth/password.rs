//! Password hashing with argon2id at OWASP's recommended cost (19 MiB, t = 2, p = 1).

use anyhow::Context;
use argon2::password_hash::{phc::PasswordHash, PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

fn hasher() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None)
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password with a fresh random salt into a PHC string.
pub fn hash(password: &str) -> anyhow::Result<String> {
    hasher()?
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// Checks a password against a stored PHC string. A malformed stored hash is an error, not a
/// mismatch, so a broken row is noticed.
pub fn verify(password: &str, stored: &str) -> anyhow::Result<bool> {
    let parsed = PasswordHash::new(stored)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("parsing a stored password hash")?;
    Ok(hasher()?
        .verify_password(password.as_bytes(), &parsed)
        .is_ok())
}

/// A hash that no password matches, for accounts that must set theirs through a link, and for
/// spending the same time on unknown emails as on known ones.
pub fn unusable_hash() -> anyhow::Result<String> {
    hash(&super::new_token())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_own_password_only() -> anyhow::Result<()> {
        let stored = hash("correct horse battery")?;
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("correct horse battery", &stored)?);
        assert!(!verify("correct horse battery!", &stored)?);
        Ok(())
    }

    #[test]
    fn a_malformed_stored_hash_is_an_error() {
        assert!(verify("anything", "not a hash").is_err());
    }
}
