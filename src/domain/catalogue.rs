//! The programme catalogue: which programmes of a definition match a visitor's search and
//! filters. The search forgives case and Polish diacritics ("lodz" finds "Łódź").

use crate::domain::cycle::model::{Definition, ProgramDef};

/// What a visitor searched for; empty values filter nothing.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct ProgrammeFilter {
    pub q: String,
    pub level: String,
    pub faculty: String,
    pub language: String,
    pub form: String,
}

/// Lower-case text without Polish diacritics, for a forgiving search.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'ą' => 'a',
            'ć' => 'c',
            'ę' => 'e',
            'ł' => 'l',
            'ń' => 'n',
            'ó' => 'o',
            'ś' => 's',
            'ź' | 'ż' => 'z',
            other => other,
        })
        .collect()
}

impl ProgrammeFilter {
    pub fn matches(&self, p: &ProgramDef) -> bool {
        let query = fold(self.q.trim());
        let named = query.is_empty()
            || p.name.get_ref().values().any(|n| fold(n).contains(&query))
            || fold(p.code.get_ref()).contains(&query);
        named
            && (self.level.is_empty() || p.level.as_str() == self.level)
            && (self.faculty.is_empty() || p.faculty.get_ref() == &self.faculty)
            && (self.language.is_empty() || p.language == self.language)
            && (self.form.is_empty() || p.form.as_str() == self.form)
    }

    /// The programmes of `def` that match, in the definition's order.
    pub fn apply<'a>(&self, def: &'a Definition) -> Vec<&'a ProgramDef> {
        def.programs
            .iter()
            .map(|(_, p)| &p.program)
            .filter(|p| self.matches(p))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_forgives_case_and_polish_letters() {
        assert_eq!(fold("Łódź Żółć"), "lodz zolc");
    }
}
