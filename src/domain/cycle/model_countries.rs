//! Country groups the rules need: EU/EEA/EFTA citizens study on the same terms as Poles.

/// ISO 3166-1 alpha-2 codes of EU member states, the other EEA states and Switzerland.
pub const EEA: [&str; 31] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH",
];

pub fn is_eea(code: &str) -> bool {
    EEA.contains(&code)
}

/// Countries offered in country choices: code, Polish name, English name, in the order shown
/// (Poland and the usual countries of origin first, then the rest alphabetically by code).
/// Candidates from elsewhere choose "other" (`XX`).
pub const COUNTRIES: [(&str, &str, &str); 58] = [
    ("PL", "Polska", "Poland"),
    ("UA", "Ukraina", "Ukraine"),
    ("BY", "Białoruś", "Belarus"),
    ("AT", "Austria", "Austria"),
    ("AU", "Australia", "Australia"),
    ("AZ", "Azerbejdżan", "Azerbaijan"),
    ("BE", "Belgia", "Belgium"),
    ("BG", "Bułgaria", "Bulgaria"),
    ("BR", "Brazylia", "Brazil"),
    ("CA", "Kanada", "Canada"),
    ("CH", "Szwajcaria", "Switzerland"),
    ("CN", "Chiny", "China"),
    ("CY", "Cypr", "Cyprus"),
    ("CZ", "Czechy", "Czechia"),
    ("DE", "Niemcy", "Germany"),
    ("DK", "Dania", "Denmark"),
    ("EE", "Estonia", "Estonia"),
    ("EG", "Egipt", "Egypt"),
    ("ES", "Hiszpania", "Spain"),
    ("FI", "Finlandia", "Finland"),
    ("FR", "Francja", "France"),
    ("GB", "Wielka Brytania", "United Kingdom"),
    ("GE", "Gruzja", "Georgia"),
    ("GR", "Grecja", "Greece"),
    ("HR", "Chorwacja", "Croatia"),
    ("HU", "Węgry", "Hungary"),
    ("IE", "Irlandia", "Ireland"),
    ("IL", "Izrael", "Israel"),
    ("IN", "Indie", "India"),
    ("IS", "Islandia", "Iceland"),
    ("IT", "Włochy", "Italy"),
    ("JP", "Japonia", "Japan"),
    ("KR", "Korea Południowa", "South Korea"),
    ("KZ", "Kazachstan", "Kazakhstan"),
    ("LI", "Liechtenstein", "Liechtenstein"),
    ("LT", "Litwa", "Lithuania"),
    ("LU", "Luksemburg", "Luxembourg"),
    ("LV", "Łotwa", "Latvia"),
    ("MD", "Mołdawia", "Moldova"),
    ("MT", "Malta", "Malta"),
    ("MX", "Meksyk", "Mexico"),
    ("NG", "Nigeria", "Nigeria"),
    ("NL", "Holandia", "Netherlands"),
    ("NO", "Norwegia", "Norway"),
    ("NZ", "Nowa Zelandia", "New Zealand"),
    ("PT", "Portugalia", "Portugal"),
    ("RO", "Rumunia", "Romania"),
    ("SE", "Szwecja", "Sweden"),
    ("SI", "Słowenia", "Slovenia"),
    ("SK", "Słowacja", "Slovakia"),
    ("TR", "Turcja", "Türkiye"),
    ("US", "Stany Zjednoczone", "United States"),
    ("UZ", "Uzbekistan", "Uzbekistan"),
    ("VN", "Wietnam", "Vietnam"),
    ("CL", "Chile", "Chile"),
    ("CO", "Kolumbia", "Colombia"),
    ("KG", "Kirgistan", "Kyrgyzstan"),
    ("XX", "Inny kraj", "Other country"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_eea_country_can_be_chosen() {
        for code in EEA {
            assert!(
                COUNTRIES.iter().any(|(c, _, _)| *c == code),
                "{code} missing from COUNTRIES"
            );
        }
    }
}
