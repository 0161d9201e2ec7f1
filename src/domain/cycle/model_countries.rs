//! Country groups the rules need: EU/EEA/EFTA citizens study on the same terms as Poles.

/// ISO 3166-1 alpha-2 codes of EU member states, the other EEA states and Switzerland.
pub const EEA: [&str; 31] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH",
];

pub fn is_eea(code: &str) -> bool {
    EEA.contains(&code)
}
