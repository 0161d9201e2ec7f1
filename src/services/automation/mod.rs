//! The automation engine: rules of the current published version fire on what happens to an
//! application (`queue::on_event`, called where it happens) and on dates (`tick::tick`, every
//! minute); each firing is recorded once under its deduplication key and carried out by a
//! `RuleFiring` job (`fire::carry_out`).

pub mod dry_run;
pub mod fire;
pub mod queue;
pub mod tick;

pub use queue::{on_event, Happened};
pub use tick::tick;
