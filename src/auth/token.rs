//! Random tokens (sessions, emailed links, CSRF) and how they are stored and signed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a token: its SHA-256 in hex.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The server's key for signing values it hands to browsers.
#[derive(Clone)]
pub struct SigningKey(SecretString);

impl SigningKey {
    pub fn new(key: SecretString) -> Self {
        SigningKey(key)
    }

    fn mac(&self, value: &str) -> Option<Hmac<Sha256>> {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.0.expose_secret().as_bytes()).ok()?;
        mac.update(value.as_bytes());
        Some(mac)
    }

    /// `value.signature`
    pub fn sign(&self, value: &str) -> String {
        let signature = self
            .mac(value)
            .map(|m| URL_SAFE_NO_PAD.encode(m.finalize().into_bytes()))
            .unwrap_or_default();
        format!("{value}.{signature}")
    }

    /// Returns the value when the signature is genuine (compared in constant time).
    pub fn verify<'a>(&self, signed: &'a str) -> Option<&'a str> {
        let (value, signature) = signed.rsplit_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        self.mac(value)?.verify_slice(&signature).ok()?;
        Some(value)
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hashes_are_stable() {
        let a = new_token();
        assert_ne!(a, new_token());
        assert_eq!(a.len(), 43);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_eq!(hash_token(&a).len(), 64);
    }

    #[test]
    fn a_signed_value_verifies_and_a_tampered_one_does_not() {
        let key = SigningKey::new(SecretString::from("k".repeat(32)));
        let signed = key.sign("abc");
        assert_eq!(key.verify(&signed), Some("abc"));
        assert_eq!(key.verify(&signed.replace("abc", "abd")), None);
        let other = SigningKey::new(SecretString::from("x".repeat(32)));
        assert_eq!(other.verify(&signed), None);
    }
}
