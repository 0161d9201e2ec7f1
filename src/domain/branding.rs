//! How the portal presents the university that runs it: its name in each language and its
//! accent colour, both from the cycle definition (`[university]` in `cycle.toml`).

use crate::domain::cycle::model::{Definition, Text};

#[derive(Debug, Clone, PartialEq)]
pub struct Branding {
    pub name: Text,
    /// `#rrggbb`, the header's background.
    pub accent: String,
    /// The accent darkened by a quarter: borders and hovered links.
    pub accent_dark: String,
    /// The admissions office's address, shown in every page's footer.
    pub contact_email: String,
}

impl Branding {
    pub fn of(def: &Definition) -> Branding {
        let university = &def.cycle.university;
        let accent = university.accent_color.get_ref().clone();
        Branding {
            name: university.name.get_ref().clone(),
            contact_email: university.contact_email.clone(),
            accent_dark: darker(&accent, 0.75).unwrap_or_else(|| accent.clone()),
            accent,
        }
    }

    /// The stylesheet that gives every page the university's colours.
    pub fn stylesheet(&self) -> String {
        format!(
            ":root {{ --accent: {}; --accent-dark: {}; }}\n",
            self.accent, self.accent_dark
        )
    }
}

/// `#rrggbb` with each channel multiplied by `factor`; None for anything else.
pub fn darker(hex: &str, factor: f64) -> Option<String> {
    let digits = hex.strip_prefix('#').filter(|d| d.len() == 6)?;
    let mut out = String::from("#");
    for i in 0..3 {
        let channel = u8::from_str_radix(digits.get(i * 2..i * 2 + 2)?, 16).ok()?;
        let scaled = (f64::from(channel) * factor).round().clamp(0.0, 255.0) as u8;
        out.push_str(&format!("{scaled:02x}"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dark_accent_is_the_accent_darkened_by_a_quarter() {
        assert_eq!(darker("#1d4f91", 0.75).as_deref(), Some("#163b6d"));
        assert_eq!(darker("#ffffff", 0.5).as_deref(), Some("#808080"));
        assert_eq!(darker("1d4f91", 0.75), None);
        assert_eq!(darker("#1d4f9", 0.75), None);
    }
}
