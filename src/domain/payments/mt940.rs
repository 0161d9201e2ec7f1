//! A lenient MT940 reader. Polish banks' files break strict readers: free text in `:86:` holds
//! colons (times such as `20:44:45`) and runs over several lines, and the structured `:86:` of
//! Polish banks splits it into numbered subfields (`~20`–`~25` the title, `~27`–`~29` the
//! payer, `~31`/`~38` accounts) with `~`, `^` or `<` between them. A field starts only at a
//! line that begins with `:NN:` or `:NNA:`; every other line continues the field before it.

use chrono::NaiveDate;

use super::account::accounts_in;
use super::statement::{amount, Entry, Format, Statement, StatementProblem};
use crate::domain::money::Currency;

/// A field of the message: its tag, its text and the line it starts on.
struct Field {
    tag: String,
    text: String,
    line: usize,
}

fn tag_of(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let (tag, text) = rest.split_once(':')?;
    let bytes = tag.as_bytes();
    let shaped = matches!(bytes.len(), 2 | 3)
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes.get(2).is_none_or(u8::is_ascii_uppercase);
    shaped.then_some((tag, text))
}

/// Splits the file into messages (one statement each), each a list of fields. SWIFT block
/// headers (`{1:…}{2:…}{4:`) and the end markers (`-`, `-}`) are skipped.
fn messages(text: &str) -> Vec<Vec<Field>> {
    let mut messages: Vec<Vec<Field>> = Vec::new();
    let mut current: Vec<Field> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let line = match line.rfind("{4:") {
            Some(at) => &line[at + 3..],
            None => line,
        };
        if line.trim() == "-" || line.trim() == "-}" || line.trim_start().starts_with("{1:") {
            if !current.is_empty() {
                messages.push(std::mem::take(&mut current));
            }
            continue;
        }
        match tag_of(line) {
            Some((tag, rest)) => {
                if tag == "20" && !current.is_empty() {
                    messages.push(std::mem::take(&mut current));
                }
                current.push(Field {
                    tag: tag.to_owned(),
                    text: rest.to_owned(),
                    line: index + 1,
                });
            }
            None => {
                if let Some(field) = current.last_mut() {
                    field.text.push('\n');
                    field.text.push_str(line);
                }
            }
        }
    }
    if !current.is_empty() {
        messages.push(current);
    }
    messages
}

fn malformed(line: usize, what: &str) -> StatementProblem {
    StatementProblem::Malformed {
        line,
        what: what.to_owned(),
    }
}

/// Every statement in an MT940 file.
pub fn read(text: &str) -> Result<Vec<Statement>, StatementProblem> {
    messages(text).iter().map(|m| statement(m)).collect()
}

fn statement(fields: &[Field]) -> Result<Statement, StatementProblem> {
    let first_line = fields.first().map_or(1, |f| f.line);
    let find = |tags: &[&str]| fields.iter().find(|f| tags.contains(&f.tag.as_str()));
    let reference = find(&["20"])
        .ok_or_else(|| malformed(first_line, "no :20: reference"))?
        .text
        .trim()
        .to_owned();
    let number = find(&["28C", "28"]).map(|f| f.text.trim().to_owned());
    let account = find(&["25"])
        .ok_or_else(|| malformed(first_line, "no :25: account"))?
        .text
        .trim()
        .trim_start_matches('/')
        .to_owned();
    let opening_field =
        find(&["60F", "60M"]).ok_or_else(|| malformed(first_line, "no :60F: opening balance"))?;
    let (opening, currency) = balance(opening_field)?;
    let Some(closing_field) = find(&["62F", "62M"]) else {
        return Err(StatementProblem::Truncated);
    };
    let (closing, closing_currency) = balance(closing_field)?;
    if closing_currency != currency {
        return Err(malformed(
            closing_field.line,
            "the closing balance is in another currency",
        ));
    }
    let mut entries = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        if field.tag != "61" {
            continue;
        }
        let details = fields
            .get(i + 1)
            .filter(|f| f.tag == "86")
            .map(|f| f.text.as_str())
            .unwrap_or_default();
        entries.push(entry(field, details, entries.len() + 1)?);
    }
    Ok(Statement {
        format: Format::Mt940,
        reference: match number {
            Some(number) => format!("{reference}/{number}"),
            None => reference,
        },
        account,
        currency,
        opening,
        closing,
        entries,
    })
}

/// `C260714PLN1000,00`: the sign, date, currency and amount of a balance.
fn balance(field: &Field) -> Result<(i64, Currency), StatementProblem> {
    let text = field.text.trim();
    let wrong = || {
        malformed(
            field.line,
            "a balance is written as C|D, YYMMDD, currency, amount",
        )
    };
    let sign = match text.get(..1) {
        Some("C") => 1,
        Some("D") => -1,
        _ => return Err(wrong()),
    };
    date(text.get(1..7).ok_or_else(wrong)?).ok_or_else(wrong)?;
    let currency = text
        .get(7..10)
        .and_then(Currency::parse)
        .ok_or_else(wrong)?;
    let minor = text.get(10..).and_then(amount).ok_or_else(wrong)?;
    Ok((sign * minor, currency))
}

fn date(yymmdd: &str) -> Option<NaiveDate> {
    if yymmdd.len() != 6 || !yymmdd.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = yymmdd[..2].parse().ok()?;
    let month: u32 = yymmdd[2..4].parse().ok()?;
    let day: u32 = yymmdd[4..6].parse().ok()?;
    NaiveDate::from_ymd_opt(2000 + year, month, day)
}

/// `:61:2607150715C85,00NTRFNONREF//2607151234` (then an optional line of details): the value
/// date, an optional booking date, the mark (`C`, `D`, `RC`, `RD`), an optional funds code, the
/// amount, the type, the references.
fn entry(field: &Field, details: &str, position: usize) -> Result<Entry, StatementProblem> {
    let wrong = |what: &str| malformed(field.line, what);
    let first = field.text.lines().next().unwrap_or_default().trim();
    let value_date = first
        .get(..6)
        .and_then(date)
        .ok_or_else(|| wrong("an entry starts with its value date YYMMDD"))?;
    let mut rest = &first[6..];
    if rest.len() >= 4 && rest[..4].chars().all(|c| c.is_ascii_digit()) {
        rest = &rest[4..];
    }
    let (credit, after) = if let Some(after) = rest.strip_prefix("RC") {
        (false, after)
    } else if let Some(after) = rest.strip_prefix("RD") {
        (true, after)
    } else if let Some(after) = rest.strip_prefix('C') {
        (true, after)
    } else if let Some(after) = rest.strip_prefix('D') {
        (false, after)
    } else {
        return Err(wrong("an entry's mark is C, D, RC or RD"));
    };
    // An optional funds code: the third letter of the currency.
    let after = match after.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => &after[1..],
        _ => after,
    };
    let amount_end = after
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(after.len());
    let amount_minor =
        amount(&after[..amount_end]).ok_or_else(|| wrong("an entry's amount is like 85,00"))?;
    // The transaction type follows: N, F or S and three characters.
    if !after[amount_end..].starts_with(['N', 'F', 'S']) {
        return Err(wrong(
            "an entry's amount is followed by its type, like NTRF",
        ));
    }
    let references = after.get(amount_end + 4..).unwrap_or_default();
    let bank_reference = references
        .split_once("//")
        .map(|(_, bank)| bank.trim().to_owned())
        .filter(|bank| !bank.is_empty())
        .unwrap_or_else(|| {
            let own = references.trim();
            if own == "NONREF" {
                String::new()
            } else {
                own.to_owned()
            }
        });
    let supplementary = field.text.lines().skip(1).collect::<Vec<_>>().join(" ");
    let (payer, title, parts) = describe(details);
    // Each subfield apart, so a subfield's code never runs into the digits after it.
    let mut accounts: Vec<_> = parts.iter().flat_map(|part| accounts_in(part)).collect();
    accounts.extend(accounts_in(&supplementary));
    Ok(Entry {
        credit,
        amount_minor,
        value_date,
        bank_reference,
        payer,
        title,
        accounts,
        position,
    })
}

/// The payer, the title and the text's parts from `:86:`: from the numbered subfields when the
/// bank writes them (`020~00TRAN~20title…~27payer…`, the parts being the subfields' values),
/// else the whole text is the title and the one part.
fn describe(details: &str) -> (String, String, Vec<String>) {
    let joined: String = details.lines().map(str::trim_end).collect();
    let separator = joined
        .get(3..4)
        .and_then(|s| s.chars().next())
        .filter(|c| matches!(c, '~' | '^' | '<'))
        .filter(|_| {
            joined
                .get(..3)
                .is_some_and(|code| code.chars().all(|c| c.is_ascii_digit()))
        });
    let Some(separator) = separator else {
        let text = details.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        let text = text.trim().to_owned();
        return (String::new(), text.clone(), vec![text]);
    };
    let mut title = String::new();
    let mut payer = String::new();
    let mut parts = Vec::new();
    for part in joined.split(separator).skip(1) {
        let (Some(code), Some(value)) = (part.get(..2), part.get(2..)) else {
            continue;
        };
        parts.push(value.to_owned());
        match code.parse::<u8>() {
            Ok(20..=26) => title.push_str(value),
            Ok(27..=29 | 32..=33) => {
                if !payer.is_empty() && !value.is_empty() {
                    payer.push(' ');
                }
                payer.push_str(value.trim());
            }
            _ => {}
        }
    }
    (payer.trim().to_owned(), title.trim().to_owned(), parts)
}
