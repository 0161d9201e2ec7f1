//! What an application's history records. Each change is a typed entry, stored as a key plus
//! its arguments and put into words only when shown: the candidate and staff each read their own
//! phrasing (`history-<key>` and `staff-history-<key>`), in their own language.

use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryEntry {
    /// The candidate started the application.
    Started,
    /// Submitted, with the receipt number the candidate was given.
    Submitted { receipt: String },
    /// Withdrawn by the candidate.
    Withdrawn,
    /// The candidate changed the answers of a step after submitting; it goes back for review.
    ChangedAfterSubmission { step: String },
    /// The candidate changed the shared profile after submitting.
    ProfileChanged,
    /// The application fee was credited, through `channel` (`domain::payments::Channel`).
    FeePaid { channel: String },
    /// Money given back on the application fee: `amount` as `85.00 PLN`.
    FeeRefunded { amount: String },
    /// An automation rule acted: `rule` is its id, `note` its history note (or its name) in
    /// each language.
    Automated {
        rule: String,
        note: crate::domain::cycle::model::Text,
    },
}

/// Who reads the history: the wording differs ("withdrawn by you" / "by the candidate").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Candidate,
    Staff,
}

impl HistoryEntry {
    /// Every key an entry may have.
    pub const KEYS: [&'static str; 8] = [
        "started",
        "submitted",
        "withdrawn",
        "changed-after-submission",
        "profile-changed",
        "fee-paid",
        "fee-refunded",
        "automated",
    ];

    /// The stored key, also the suffix of its Fluent ids.
    pub fn key(&self) -> &'static str {
        match self {
            HistoryEntry::Started => "started",
            HistoryEntry::Submitted { .. } => "submitted",
            HistoryEntry::Withdrawn => "withdrawn",
            HistoryEntry::ChangedAfterSubmission { .. } => "changed-after-submission",
            HistoryEntry::ProfileChanged => "profile-changed",
            HistoryEntry::FeePaid { .. } => "fee-paid",
            HistoryEntry::FeeRefunded { .. } => "fee-refunded",
            HistoryEntry::Automated { .. } => "automated",
        }
    }

    /// The named arguments of its message.
    pub fn args(&self) -> Vec<(&'static str, &str)> {
        match self {
            HistoryEntry::Submitted { receipt } => vec![("receipt", receipt)],
            HistoryEntry::ChangedAfterSubmission { step } => vec![("step", step)],
            HistoryEntry::FeePaid { channel } => vec![("channel", channel)],
            HistoryEntry::FeeRefunded { amount } => vec![("amount", amount)],
            HistoryEntry::Automated { rule, note } => {
                let mut args = vec![("rule", rule.as_str())];
                for locale in crate::domain::cycle::validate::SUPPORTED_LOCALES {
                    if let Some(text) = note.get(locale) {
                        args.push((locale, text.as_str()));
                    }
                }
                args
            }
            HistoryEntry::Started | HistoryEntry::Withdrawn | HistoryEntry::ProfileChanged => {
                vec![]
            }
        }
    }

    /// The arguments as stored: a JSON object of strings.
    pub fn args_json(&self) -> String {
        let map: Map<String, Value> = self
            .args()
            .into_iter()
            .map(|(name, value)| (name.to_owned(), Value::String(value.to_owned())))
            .collect();
        Value::Object(map).to_string()
    }

    /// Reads a stored entry back; `None` for a key this version does not know.
    pub fn from_stored(key: &str, args_json: &str) -> Option<HistoryEntry> {
        let args: Map<String, Value> = serde_json::from_str(args_json).unwrap_or_default();
        let arg = |name: &str| {
            args.get(name)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        Some(match key {
            "started" => HistoryEntry::Started,
            "submitted" => HistoryEntry::Submitted {
                receipt: arg("receipt"),
            },
            "withdrawn" => HistoryEntry::Withdrawn,
            "changed-after-submission" => {
                HistoryEntry::ChangedAfterSubmission { step: arg("step") }
            }
            "profile-changed" => HistoryEntry::ProfileChanged,
            "fee-paid" => HistoryEntry::FeePaid {
                channel: arg("channel"),
            },
            "fee-refunded" => HistoryEntry::FeeRefunded {
                amount: arg("amount"),
            },
            "automated" => HistoryEntry::Automated {
                rule: arg("rule"),
                note: crate::domain::cycle::validate::SUPPORTED_LOCALES
                    .into_iter()
                    .filter_map(|l| Some((l.to_owned(), args.get(l)?.as_str()?.to_owned())))
                    .collect(),
            },
            _ => return None,
        })
    }

    /// The Fluent id of its wording for `reader`.
    pub fn message_id(&self, reader: Reader) -> String {
        match reader {
            Reader::Candidate => format!("history-{}", self.key()),
            Reader::Staff => format!("staff-history-{}", self.key()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_survives_a_round_trip_through_its_stored_form() {
        let entries = [
            HistoryEntry::Started,
            HistoryEntry::Submitted {
                receipt: "20270712-7KQ3ZP".into(),
            },
            HistoryEntry::Withdrawn,
            HistoryEntry::ChangedAfterSubmission {
                step: "questions".into(),
            },
            HistoryEntry::ProfileChanged,
            HistoryEntry::FeePaid {
                channel: "sandbox".into(),
            },
            HistoryEntry::FeeRefunded {
                amount: "40.00 PLN".into(),
            },
            HistoryEntry::Automated {
                rule: "expire-drafts".into(),
                note: [("pl", "wygasło"), ("en", "expired")]
                    .map(|(l, t)| (l.to_owned(), t.to_owned()))
                    .into(),
            },
        ];
        for entry in entries {
            assert!(HistoryEntry::KEYS.contains(&entry.key()));
            let back = HistoryEntry::from_stored(entry.key(), &entry.args_json());
            assert_eq!(back, Some(entry));
        }
    }

    #[test]
    fn an_unknown_key_is_not_guessed() {
        assert_eq!(HistoryEntry::from_stored("promoted", "{}"), None);
    }
}
