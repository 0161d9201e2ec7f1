//! Demo mode: one staff account per role with a fresh password on every start, printed for the
//! person trying the portal. Never used outside `serve --demo`.

use crate::auth::{self, new_token};
use crate::db::{self, write_tx, DbConn};
use crate::domain::Role;

pub struct DemoAccount {
    pub role: Role,
    pub email: String,
    pub password: String,
}

pub fn demo_email(role: Role) -> String {
    format!("{}@demo.admitto.test", role.as_str().replace('_', "-"))
}

/// Creates the demo staff accounts if missing and gives each a new random password.
pub fn ensure_demo_staff(conn: &mut DbConn) -> anyhow::Result<Vec<DemoAccount>> {
    let mut accounts = Vec::new();
    for role in Role::STAFF {
        let password = new_token()[..16].to_owned();
        let hash = auth::password::hash(&password)?;
        let email = demo_email(role);
        write_tx(conn, |conn| -> anyhow::Result<()> {
            let now = db::now();
            match db::users::find_by_email(conn, &email)? {
                Some(user) => {
                    db::users::set_password_hash(conn, &user.id, &hash, now)?;
                    db::users::set_role(conn, &user.id, role.as_str(), now)?;
                }
                None => db::users::insert(
                    conn,
                    &db::users::NewUser {
                        id: &db::new_id(),
                        email: &email,
                        password_hash: &hash,
                        role: role.as_str(),
                        // No stored preference: the browser's language applies.
                        locale: None,
                        email_verified_at: Some(now),
                        privacy_version: None,
                        privacy_accepted_at: None,
                        created_at: now,
                        updated_at: now,
                    },
                )?,
            }
            Ok(())
        })?;
        accounts.push(DemoAccount {
            role,
            email,
            password,
        });
    }
    Ok(accounts)
}
