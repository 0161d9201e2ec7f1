//! Who a user is to the system. Stored as text in `users.role`; this is the one place that
//! maps between the two.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Role {
    Candidate,
    Officer,
    ProgramAdmin,
    Registrar,
    /// The finance office: imports bank statements, matches transfers, refunds.
    Finance,
    /// Runs exam and interview sessions: marks attendance and enters scores.
    Examiner,
    Admin,
}

impl Role {
    pub const STAFF: [Role; 6] = [
        Role::Officer,
        Role::ProgramAdmin,
        Role::Registrar,
        Role::Finance,
        Role::Examiner,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Candidate => "candidate",
            Role::Officer => "officer",
            Role::ProgramAdmin => "program_admin",
            Role::Registrar => "registrar",
            Role::Finance => "finance",
            Role::Examiner => "examiner",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "candidate" => Some(Role::Candidate),
            "officer" => Some(Role::Officer),
            "program_admin" => Some(Role::ProgramAdmin),
            "registrar" => Some(Role::Registrar),
            "finance" => Some(Role::Finance),
            "examiner" => Some(Role::Examiner),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    /// Programme administrators and administrators change the cycle definition.
    pub fn may_edit_cycle(self) -> bool {
        matches!(self, Role::ProgramAdmin | Role::Admin)
    }

    /// Admissions officers and administrators verify documents.
    pub fn may_verify_documents(self) -> bool {
        matches!(self, Role::Officer | Role::Admin)
    }

    /// The finance office and administrators handle money: statements, transfers, refunds.
    pub fn may_handle_money(self) -> bool {
        matches!(self, Role::Finance | Role::Admin)
    }

    /// Examiners, admissions officers and administrators run exam sessions: attendance and
    /// scores.
    pub fn may_run_exams(self) -> bool {
        matches!(self, Role::Examiner | Role::Officer | Role::Admin)
    }

    /// Admissions officers and administrators arrange sessions: move a candidate to another
    /// session on request, cancel a whole session.
    pub fn may_arrange_exams(self) -> bool {
        matches!(self, Role::Officer | Role::Admin)
    }

    pub fn is_staff(self) -> bool {
        self != Role::Candidate
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_survives_a_round_trip_through_its_column_value() {
        for role in Role::STAFF.into_iter().chain([Role::Candidate]) {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
