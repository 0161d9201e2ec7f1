//! What the candidate's pages show of their answers: each field as a form input (with what was
//! typed or saved, its error and hint), and each answer as readable text (summary, PDF, staff).
//! Shared by the candidate's journey and the staff application view.

pub mod catalogue;
pub mod exams;
pub mod messages;

use crate::domain::answers::{
    is_empty, result_input, FormInput, InputError, LONG_TEXT_MAX, TEXT_MAX,
};
use crate::domain::checklist::{Fact, FactLabel, FactValue, Item, ItemKind, ItemState};
use crate::domain::cycle::evaluate::{Because, StepView};
use crate::domain::cycle::model::{Definition, FieldDef, FieldType, StepDef};
use crate::domain::cycle::model_countries::COUNTRIES;
use crate::domain::history::{HistoryEntry, Reader};
use crate::i18n::format::{country_name, money, pick};
use crate::web::Page;
use fluent_templates::fluent_bundle::FluentValue;
use serde_json::{Map, Value};

/// The programmes of a definition, as (code, name) pairs for a drop-down.
pub fn programme_choices(def: Option<&Definition>, locale: &str) -> Vec<(String, String)> {
    def.map(|d| {
        d.programs
            .iter()
            .map(|(_, p)| {
                (
                    p.program.code.get_ref().clone(),
                    pick(p.program.name.get_ref(), locale),
                )
            })
            .collect()
    })
    .unwrap_or_default()
}

/// A "from"/"until" pair of typed days as the start of the first day and the start of the day
/// after the last (so the last day counts whole); a date that cannot be read is reported at its
/// field (`from` or `until`) and left out.
pub fn day_range(
    page: &Page,
    errors: &mut crate::web::form::FormErrors,
    from: &str,
    until: &str,
) -> (Option<chrono::NaiveDateTime>, Option<chrono::NaiveDateTime>) {
    let mut day = |field: &'static str, raw: &str| {
        if raw.trim().is_empty() {
            return None;
        }
        match crate::domain::values::parse_date(raw) {
            Ok(d) => Some(d.and_time(chrono::NaiveTime::MIN)),
            Err(e) => {
                errors.add(field, page.t(e.message_id()));
                None
            }
        }
    };
    let from = day("from", from);
    let until = day("until", until).map(|d| d + chrono::Duration::days(1));
    (from, until)
}

/// A link to page `page` of a filtered list at `path`, keeping the filters that are set.
pub fn page_link(path: &str, filters: &[(&str, &str)], page: i64) -> String {
    let mut kept: Vec<(&str, String)> = filters
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (*k, (*v).to_owned()))
        .collect();
    kept.push(("page", page.to_string()));
    format!(
        "{path}?{}",
        serde_urlencoded::to_string(&kept).unwrap_or_default()
    )
}

/// One option of a choice input.
pub struct OptionInput {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// One subject's row of an exam results table.
pub struct ResultRow {
    pub subject: String,
    pub basic_name: String,
    pub basic: String,
    pub extended_name: String,
    pub extended: String,
    pub error: String,
}

/// A field as the form shows it.
pub struct FieldInput {
    pub key: String,
    /// The template's switch: `text`, `long_text`, `number`, `date`, `choice`, `multi_choice`,
    /// `yes_no`, `country`, `email`, `phone`, `pesel`, `postal_code`, `exam_results`.
    pub kind: &'static str,
    pub label: String,
    pub hint: String,
    pub required: bool,
    pub error: String,
    pub value: String,
    pub options: Vec<OptionInput>,
    pub results: Vec<ResultRow>,
    pub max_length: usize,
    pub autocomplete: &'static str,
}

impl FieldInput {
    pub fn has_error(&self) -> bool {
        !self.error.is_empty()
    }

    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.key));
        }
        if !self.error.is_empty() {
            ids.push(format!("{}-error", self.key));
        }
        ids.join(" ")
    }
}

/// The browser's autofill name for well-known profile fields (WCAG 1.3.5).
fn autocomplete(key: &str) -> &'static str {
    match key {
        "first_name" => "given-name",
        "second_name" => "additional-name",
        "last_name" => "family-name",
        "date_of_birth" => "bday",
        "phone" => "tel",
        "street" => "street-address",
        "postal_code" => "postal-code",
        "city" => "address-level2",
        "country_of_residence" => "country",
        _ => "off",
    }
}

/// The message for an input error, in the page's language.
pub fn error_message(page: &Page, field: Option<&FieldDef>, error: &InputError) -> String {
    use crate::domain::values::ValueError;
    let number = |n: Option<f64>| n.map(|v| v.to_string()).unwrap_or_default();
    match error.error {
        ValueError::TooLong { max } => page.tn("value-too-long", "max", &(max as i64)),
        ValueError::BelowMin => {
            page.t1("value-below-min", "min", &number(field.and_then(|f| f.min)))
        }
        ValueError::AboveMax => {
            page.t1("value-above-max", "max", &number(field.and_then(|f| f.max)))
        }
        ValueError::PhoneTooShort { code, min } => page.t_args(
            "value-phone-too-short",
            &[
                ("code", i64::from(code).into()),
                ("min", i64::from(min).into()),
            ],
        ),
        ValueError::PhoneTooLong { code, max } => page.t_args(
            "value-phone-too-long",
            &[
                ("code", i64::from(code).into()),
                ("max", i64::from(max).into()),
            ],
        ),
        ValueError::PhoneNotInPlan { code } => {
            page.tn("value-phone-not-in-plan", "code", &i64::from(code))
        }
        ValueError::PhoneNotInCountry { code } => {
            page.tn("value-phone-not-in-country", "code", &i64::from(code))
        }
        other => page.t(other.message_id()),
    }
}

/// Where a field's value comes from when the form is shown.
pub enum Source<'a> {
    /// What is stored.
    Saved(&'a Map<String, Value>),
    /// What was just typed (re-shown with errors).
    Typed(FormInput<'a>),
}

fn stored_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(true)) => "yes".into(),
        Some(Value::Bool(false)) => "no".into(),
        _ => String::new(),
    }
}

/// The inputs of a step: only the fields `view` shows, each marked required or not.
pub fn field_inputs(
    page: &Page,
    def: &Definition,
    step: &StepDef,
    view: &StepView,
    source: &Source<'_>,
    errors: &[InputError],
) -> Vec<FieldInput> {
    let locale = page.lang();
    let mut inputs = Vec::new();
    for field_view in &view.fields {
        let Some(field) = step
            .fields
            .iter()
            .find(|f| f.key.get_ref() == &field_view.key)
        else {
            continue;
        };
        let key = field.key.get_ref().clone();
        let error = errors
            .iter()
            .find(|e| e.input == key)
            .map(|e| error_message(page, Some(field), e))
            .unwrap_or_default();
        let value = shown_value(field, source);
        let options = options(page, field, &chosen(&key, source), &value);
        let results = if field.kind == FieldType::ExamResults {
            result_rows(page, def, &key, source, errors)
        } else {
            Vec::new()
        };
        let max_length = match field.kind {
            FieldType::Text => field.max_length.map_or(TEXT_MAX, |m| m as usize),
            FieldType::LongText => field.max_length.map_or(LONG_TEXT_MAX, |m| m as usize),
            _ => 0,
        };
        inputs.push(FieldInput {
            kind: field.kind.as_str(),
            label: pick(field.label.get_ref(), locale),
            hint: hint(page, field),
            required: field_view.required.is_some(),
            error,
            value,
            options,
            results,
            max_length,
            autocomplete: autocomplete(&key),
            key,
        });
    }
    inputs
}

/// The field's value as its input shows it: saved, or as the candidate typed it.
fn shown_value(field: &FieldDef, source: &Source<'_>) -> String {
    let key = field.key.get_ref();
    match source {
        // Dates are typed and shown as day.month.year, the way candidates write them.
        Source::Saved(map) if field.kind == FieldType::Date => {
            let stored = stored_text(map.get(key));
            chrono::NaiveDate::parse_from_str(&stored, "%Y-%m-%d")
                .map(|d| d.format("%d.%m.%Y").to_string())
                .unwrap_or(stored)
        }
        Source::Saved(map) => stored_text(map.get(key)),
        Source::Typed(input) => input.first(key).to_owned(),
    }
}

/// The field's hint: its own, or what its type asks for (a date's format, a number's range).
fn hint(page: &Page, field: &FieldDef) -> String {
    let bound = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
    match (field.hint.as_ref(), field.kind) {
        (Some(h), _) => pick(h.get_ref(), page.lang()),
        (None, FieldType::Date) => page.t("hint-date"),
        (None, FieldType::Phone) => page.t("hint-phone"),
        (None, FieldType::Number) if field.min.is_some() || field.max.is_some() => page.t2(
            "hint-number-range",
            "min",
            bound(field.min),
            "max",
            bound(field.max),
        ),
        (None, _) => String::new(),
    }
}

/// The options of the field `key` that are chosen: saved, or as the candidate ticked them.
fn chosen(key: &str, source: &Source<'_>) -> Vec<String> {
    match source {
        Source::Saved(map) => match map.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            other => vec![stored_text(other)],
        },
        Source::Typed(input) => input.all(key).into_iter().map(str::to_owned).collect(),
    }
}

/// The options a choice, yes/no or country field offers, with those chosen marked.
fn options(page: &Page, field: &FieldDef, chosen: &[String], value: &str) -> Vec<OptionInput> {
    let locale = page.lang();
    match field.kind {
        FieldType::Choice | FieldType::MultiChoice => field
            .options
            .iter()
            .map(|o| OptionInput {
                value: o.value.get_ref().clone(),
                label: pick(o.label.get_ref(), locale),
                checked: chosen.contains(o.value.get_ref()),
            })
            .collect(),
        FieldType::YesNo => [("yes", "answer-yes"), ("no", "answer-no")]
            .into_iter()
            .map(|(v, label)| OptionInput {
                value: v.into(),
                label: page.t(label),
                checked: value == v,
            })
            .collect(),
        FieldType::Country => {
            let choose = OptionInput {
                value: String::new(),
                label: page.t("answer-choose"),
                checked: value.is_empty(),
            };
            let countries = COUNTRIES.iter().map(|(code, pl, en)| OptionInput {
                value: (*code).to_owned(),
                label: (if locale == "pl" { *pl } else { *en }).to_owned(),
                checked: value == *code,
            });
            std::iter::once(choose).chain(countries).collect()
        }
        _ => Vec::new(),
    }
}

/// One row per exam subject of the cycle, with the basic and extended level inputs of the
/// exam-results field `key`.
fn result_rows(
    page: &Page,
    def: &Definition,
    key: &str,
    source: &Source<'_>,
    errors: &[InputError],
) -> Vec<ResultRow> {
    def.cycle
        .subjects
        .iter()
        .map(|s| {
            let code = s.code.get_ref();
            let level = |level: &str| {
                let name = result_input(key, code, level);
                let value = match source {
                    Source::Saved(map) => map
                        .get(key)
                        .and_then(|r| r.get(code))
                        .and_then(|r| r.get(level))
                        .map(|v| stored_text(Some(v)))
                        .unwrap_or_default(),
                    Source::Typed(input) => input.first(&name).to_owned(),
                };
                let error = errors
                    .iter()
                    .find(|e| e.input == name)
                    .map(|e| error_message(page, None, e))
                    .unwrap_or_default();
                (name, value, error)
            };
            let (basic_name, basic, basic_error) = level("basic");
            let (extended_name, extended, extended_error) = level("extended");
            ResultRow {
                subject: pick(s.name.get_ref(), page.lang()),
                basic_name,
                basic,
                extended_name,
                extended,
                error: [basic_error, extended_error]
                    .into_iter()
                    .filter(|e| !e.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        })
        .collect()
}

/// The programme's name in `locale` (its code when the definition has no such programme).
/// An amount stored as minor units and a currency code, as the page's language writes it.
pub fn money_text(page: &Page, minor: i64, currency: &str) -> String {
    crate::domain::money::Currency::parse(currency)
        .map(|currency| {
            crate::i18n::format::money(
                &crate::domain::money::Money { minor, currency },
                page.lang(),
            )
        })
        .unwrap_or_else(|| format!("{minor} {currency}"))
}

pub fn programme_name(def: &Definition, code: &str, locale: &str) -> String {
    def.programs
        .iter()
        .find(|(_, p)| p.program.code.get_ref() == code)
        .map_or_else(
            || code.to_owned(),
            |(_, p)| pick(p.program.name.get_ref(), locale),
        )
}

/// The candidate's name as the staff lists show it ("no name yet" before the profile has one).
pub fn candidate_name(page: &Page, full_name: Option<String>) -> String {
    full_name
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| page.t("staff-applications-no-name"))
}

/// A citizenship's country name in `locale` (empty while none is given).
pub fn citizenship_name(code: Option<&str>, locale: &str) -> String {
    code.filter(|c| !c.is_empty())
        .map(|c| country_name(c, locale))
        .unwrap_or_default()
}

/// A stored answer as readable text.
pub fn display_value(
    page: &Page,
    def: &Definition,
    field: &FieldDef,
    value: Option<&Value>,
) -> String {
    let locale = page.lang();
    let Some(value) = value.filter(|v| !is_empty(v)) else {
        return page.t("answer-none");
    };
    let option = |v: &str| {
        field
            .options
            .iter()
            .find(|o| o.value.get_ref() == v)
            .map_or_else(|| v.to_owned(), |o| pick(o.label.get_ref(), locale))
    };
    match (field.kind, value) {
        (FieldType::YesNo, Value::Bool(b)) => page.t(if *b { "answer-yes" } else { "answer-no" }),
        (FieldType::Country, Value::String(code)) => country_name(code, locale),
        (FieldType::Choice, Value::String(v)) => option(v),
        (FieldType::MultiChoice, Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(option)
            .collect::<Vec<_>>()
            .join(", "),
        (FieldType::Number, Value::Number(n)) => {
            let text = n.to_string();
            if locale == "pl" {
                text.replace('.', ",")
            } else {
                text
            }
        }
        (FieldType::Date, Value::String(d)) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(|d| {
                if locale == "pl" {
                    d.format("%d.%m.%Y").to_string()
                } else {
                    d.format("%-d %B %Y").to_string()
                }
            })
            .unwrap_or_else(|_| d.clone()),
        (FieldType::ExamResults, Value::Object(subjects)) => def
            .cycle
            .subjects
            .iter()
            .filter_map(|s| {
                let levels = subjects.get(s.code.get_ref())?;
                let level = |l: &str| {
                    levels
                        .get(l)
                        .and_then(Value::as_f64)
                        .map(|v| format!("{v}%"))
                        .unwrap_or_else(|| "–".into())
                };
                Some(page.t_args(
                    "answer-result",
                    &[
                        ("subject", pick(s.name.get_ref(), locale).into()),
                        ("basic", level("basic").into()),
                        ("extended", level("extended").into()),
                    ],
                ))
            })
            .collect::<Vec<_>>()
            .join("; "),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

/// A checklist item ready for the page.
pub struct ItemView {
    pub title: String,
    /// `missing`, `complete`, `submitted`, `accepted`, `rejected`, `waived`, `to-pay`.
    pub state: &'static str,
    pub state_label: String,
    /// Why it applies, in plain words.
    pub reason: String,
    pub link: String,
    pub outstanding: bool,
    /// For documents whose paper original is needed: when it is due or when it came.
    pub original: String,
}

fn original_text(page: &Page, item: &Item) -> String {
    match &item.original {
        None => String::new(),
        Some(original) => match (&original.received_on, &original.due) {
            (Some(received), _) => page.t1("original-received", "date", &page.date(received)),
            (None, Some(due)) => page.t1("original-due", "date", &page.day(due)),
            (None, None) => page.t("original-needed"),
        },
    }
}

fn fact_text(page: &Page, fact: &Fact) -> String {
    let locale = page.lang();
    let label = match &fact.label {
        FactLabel::Field(text) => pick(text, locale),
        FactLabel::PolishCitizen => page.t("fact-polish-citizen"),
        FactLabel::EuCitizen => page.t("fact-eu-citizen"),
        FactLabel::Programme(name) if name == "language" => {
            let language = match &fact.value {
                FactValue::Text(code) => page.t(&format!("language-{code}")),
                _ => String::new(),
            };
            return page.t1("fact-programme-language", "language", &language);
        }
        FactLabel::Programme(name) => page.t1("fact-programme", "name", name),
    };
    let value = match &fact.value {
        FactValue::Text(t) if t.is_empty() => return label,
        FactValue::Text(t) => t.clone(),
        FactValue::Country(code) => country_name(code, locale),
        FactValue::Choice(text) => pick(text, locale),
        FactValue::Choices(texts) => texts
            .iter()
            .map(|t| pick(t, locale))
            .collect::<Vec<_>>()
            .join(", "),
        FactValue::YesNo(b) => page.t(if *b { "answer-yes" } else { "answer-no" }),
        FactValue::NotGiven => page.t("answer-none"),
    };
    format!("{label}: {value}")
}

/// The "because …" sentence of an item.
pub fn reason(page: &Page, item: &Item) -> String {
    let locale = page.lang();
    let explanation = item
        .explanation
        .as_ref()
        .map(|t| pick(t, locale))
        .unwrap_or_default();
    let because = match (&item.because, &item.kind) {
        (Because::Always, ItemKind::Fee { .. }) if item.state == ItemState::ToPay => {
            page.t("reason-fee")
        }
        (Because::Always, ItemKind::Fee { .. }) => page.t("reason-fee-due"),
        (Because::Always, ItemKind::Step { .. }) => page.t("reason-step-always"),
        (Because::Always, ItemKind::Document { .. }) => page.t("reason-document-always"),
        (Because::Always, ItemKind::Exam { .. }) => page.t("reason-exam-always"),
        (Because::Condition(_), _) if item.facts.is_empty() => page.t("reason-your-answers"),
        (Because::Condition(_), _) => page.t1(
            "reason-because",
            "facts",
            &item
                .facts
                .iter()
                .map(|f| fact_text(page, f))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    };
    let later = if item.state == ItemState::BookLater {
        page.t("reason-exam-after-submission")
    } else {
        String::new()
    };
    [explanation, because, later]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn item_views(page: &Page, items: &[Item], link_base: &str) -> Vec<ItemView> {
    let locale = page.lang();
    items
        .iter()
        .map(|item| {
            let (title, link) = match &item.kind {
                ItemKind::Step { key, .. } => (
                    pick(&item.title, locale),
                    format!("{link_base}/steps/{key}"),
                ),
                ItemKind::Document { step, .. } => (
                    pick(&item.title, locale),
                    format!("{link_base}/steps/{step}"),
                ),
                ItemKind::Fee(fee) => (
                    page.t1("checklist-fee", "amount", &money(fee, locale)),
                    String::new(),
                ),
                ItemKind::Exam { key } => (
                    page.t1("checklist-exam", "name", &pick(&item.title, locale)),
                    format!("{link_base}/exams/{key}"),
                ),
            };
            let state = item.state.as_str();
            ItemView {
                title,
                state,
                state_label: page.t(&format!("item-{}", state)),
                reason: reason(page, item),
                link,
                outstanding: item.is_outstanding(),
                original: original_text(page, item),
            }
        })
        .collect()
}

/// Items done out of the ones that count for submission.
pub fn progress(items: &[Item]) -> (usize, usize) {
    let blocking: Vec<&Item> = items.iter().filter(|i| i.blocking).collect();
    let done = blocking
        .iter()
        .filter(|i| !matches!(i.state, ItemState::Missing | ItemState::Rejected))
        .count();
    (done, blocking.len())
}

/// A history entry in words for `reader`; an entry this version does not know shows nothing.
pub fn history_note(page: &Page, entry: Option<&HistoryEntry>, reader: Reader) -> String {
    let Some(entry) = entry else {
        return String::new();
    };
    if let HistoryEntry::Automated { rule, note } = entry {
        let note = crate::i18n::format::pick(note, page.i18n.locale.code());
        return page.t_args(
            &entry.message_id(reader),
            &[
                ("rule", FluentValue::from(rule.clone())),
                ("note", FluentValue::from(note)),
            ],
        );
    }
    let args: Vec<(&'static str, FluentValue<'static>)> = entry
        .args()
        .into_iter()
        .map(|(name, value)| (name, FluentValue::from(value.to_owned())))
        .collect();
    page.t_args(&entry.message_id(reader), &args)
}
