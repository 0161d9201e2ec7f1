//! ISO 20022 `camt.053` (bank-to-customer statement) as the portal reads it: each `Stmt` with
//! its account, opening and closing balances and entries. An entry that batches several
//! transfers (`TxDtls` with their own amounts) becomes one entry per transfer. Versions `.02`
//! to `.08` are read alike: the payer's name is taken from `Dbtr/Nm` or `Dbtr/Pty/Nm`.

use chrono::NaiveDate;
use serde::Deserialize;

use super::account::{accounts_in, Nrb};
use super::statement::{amount, Entry, Format, Statement, StatementProblem};
use crate::domain::money::Currency;

#[derive(Deserialize)]
struct Document {
    #[serde(rename = "BkToCstmrStmt")]
    report: Report,
}

#[derive(Deserialize)]
struct Report {
    #[serde(rename = "Stmt", default)]
    statements: Vec<Stmt>,
}

#[derive(Deserialize)]
struct Stmt {
    #[serde(rename = "Id")]
    id: String,
    #[serde(rename = "Acct")]
    account: Account,
    #[serde(rename = "Bal", default)]
    balances: Vec<Balance>,
    #[serde(rename = "Ntry", default)]
    entries: Vec<Ntry>,
}

#[derive(Deserialize, Default)]
struct Account {
    #[serde(rename = "Id", default)]
    id: AccountId,
    #[serde(rename = "Ccy")]
    currency: Option<String>,
}

#[derive(Deserialize, Default)]
struct AccountId {
    #[serde(rename = "IBAN")]
    iban: Option<String>,
    #[serde(rename = "Othr")]
    other: Option<Other>,
}

#[derive(Deserialize)]
struct Other {
    #[serde(rename = "Id")]
    id: String,
}

impl Account {
    fn text(&self) -> Option<String> {
        self.id
            .iban
            .clone()
            .or_else(|| self.id.other.as_ref().map(|o| o.id.clone()))
    }
}

#[derive(Deserialize)]
struct Balance {
    #[serde(rename = "Tp")]
    kind: BalanceKind,
    #[serde(rename = "Amt")]
    amount: Amount,
    #[serde(rename = "CdtDbtInd")]
    direction: String,
}

#[derive(Deserialize)]
struct BalanceKind {
    #[serde(rename = "CdOrPrtry")]
    code: Code,
}

#[derive(Deserialize)]
struct Code {
    #[serde(rename = "Cd")]
    code: Option<String>,
}

#[derive(Deserialize)]
struct Amount {
    #[serde(rename = "@Ccy")]
    currency: String,
    #[serde(rename = "$text")]
    value: String,
}

#[derive(Deserialize)]
struct Ntry {
    #[serde(rename = "Amt")]
    amount: Amount,
    #[serde(rename = "CdtDbtInd")]
    direction: String,
    #[serde(rename = "RvslInd")]
    reversal: Option<bool>,
    #[serde(rename = "BookgDt")]
    booked: Option<DateChoice>,
    #[serde(rename = "ValDt")]
    value: Option<DateChoice>,
    #[serde(rename = "AcctSvcrRef")]
    reference: Option<String>,
    #[serde(rename = "NtryDtls", default)]
    details: Vec<EntryDetails>,
}

#[derive(Deserialize)]
struct DateChoice {
    #[serde(rename = "Dt")]
    date: Option<String>,
    #[serde(rename = "DtTm")]
    date_time: Option<String>,
}

impl DateChoice {
    fn day(&self) -> Option<NaiveDate> {
        let text = self.date.as_deref().or(self.date_time.as_deref())?;
        NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
    }
}

#[derive(Deserialize)]
struct EntryDetails {
    #[serde(rename = "TxDtls", default)]
    transactions: Vec<Transaction>,
}

#[derive(Deserialize)]
struct Transaction {
    #[serde(rename = "Refs")]
    refs: Option<Refs>,
    #[serde(rename = "Amt")]
    amount: Option<Amount>,
    #[serde(rename = "RltdPties")]
    parties: Option<Parties>,
    #[serde(rename = "RmtInf")]
    remittance: Option<Remittance>,
}

#[derive(Deserialize)]
struct Refs {
    #[serde(rename = "AcctSvcrRef")]
    servicer: Option<String>,
    #[serde(rename = "TxId")]
    transaction: Option<String>,
    #[serde(rename = "EndToEndId")]
    end_to_end: Option<String>,
}

#[derive(Deserialize)]
struct Parties {
    #[serde(rename = "Dbtr")]
    debtor: Option<Party>,
    #[serde(rename = "CdtrAcct")]
    creditor_account: Option<Account>,
}

#[derive(Deserialize)]
struct Party {
    #[serde(rename = "Nm")]
    name: Option<String>,
    #[serde(rename = "Pty")]
    party: Option<Box<Party>>,
}

impl Party {
    fn name(&self) -> Option<String> {
        self.name
            .clone()
            .or_else(|| self.party.as_ref().and_then(|p| p.name()))
    }
}

#[derive(Deserialize)]
struct Remittance {
    #[serde(rename = "Ustrd", default)]
    unstructured: Vec<String>,
}

/// Every statement in a camt.053 document.
pub fn read(xml: &str) -> Result<Vec<Statement>, StatementProblem> {
    let document: Document = quick_xml::de::from_str(xml).map_err(|e| {
        let what = e.to_string();
        // A document cut short ends inside an element.
        if what.contains("end of") || what.contains("EOF") || what.contains("Unexpected") {
            StatementProblem::Truncated
        } else {
            StatementProblem::Malformed { line: 1, what }
        }
    })?;
    document.report.statements.iter().map(statement).collect()
}

fn malformed(what: &str) -> StatementProblem {
    StatementProblem::Malformed {
        line: 1,
        what: what.to_owned(),
    }
}

fn signed(amount: &Amount, direction: &str) -> Result<i64, StatementProblem> {
    let minor = super::statement::amount(&amount.value)
        .ok_or_else(|| malformed(&format!("an amount {:?} is not a number", amount.value)))?;
    match direction {
        "CRDT" => Ok(minor),
        "DBIT" => Ok(-minor),
        other => Err(malformed(&format!(
            "CdtDbtInd {other:?} is neither CRDT nor DBIT"
        ))),
    }
}

fn statement(stmt: &Stmt) -> Result<Statement, StatementProblem> {
    let account = stmt
        .account
        .text()
        .ok_or_else(|| malformed("a statement without its account"))?;
    let balance = |codes: &[&str]| {
        stmt.balances.iter().find(|b| {
            b.kind
                .code
                .code
                .as_deref()
                .is_some_and(|c| codes.contains(&c))
        })
    };
    let opening = balance(&["OPBD", "PRCD"]).ok_or_else(|| malformed("no opening balance"))?;
    let closing = balance(&["CLBD"]).ok_or(StatementProblem::Truncated)?;
    let currency_code = stmt
        .account
        .currency
        .clone()
        .unwrap_or_else(|| opening.amount.currency.clone());
    let currency = Currency::parse(&currency_code)
        .ok_or_else(|| malformed(&format!("currency {currency_code:?}")))?;
    let mut entries = Vec::new();
    for ntry in &stmt.entries {
        let total = signed(&ntry.amount, &ntry.direction)?;
        // A reversal undoes an entry of the opposite direction.
        let credit = (total > 0) != ntry.reversal.unwrap_or(false);
        let value_date = ntry
            .value
            .as_ref()
            .and_then(DateChoice::day)
            .or_else(|| ntry.booked.as_ref().and_then(DateChoice::day))
            .ok_or_else(|| malformed("an entry without a value or booking date"))?;
        let transactions: Vec<&Transaction> =
            ntry.details.iter().flat_map(|d| &d.transactions).collect();
        let batched = transactions.len() > 1 && transactions.iter().all(|t| t.amount.is_some());
        let parts: Vec<Option<&Transaction>> = if batched {
            transactions.into_iter().map(Some).collect()
        } else {
            vec![transactions.first().copied()]
        };
        for tx in parts {
            let amount_minor = match tx.and_then(|t| t.amount.as_ref()).filter(|_| batched) {
                Some(part) => amount(&part.value)
                    .ok_or_else(|| malformed(&format!("an amount {:?}", part.value)))?,
                None => total.abs(),
            };
            entries.push(entry(
                ntry,
                tx,
                credit,
                amount_minor,
                value_date,
                entries.len() + 1,
            ));
        }
    }
    Ok(Statement {
        format: Format::Camt053,
        reference: stmt.id.clone(),
        account,
        currency,
        opening: signed(&opening.amount, &opening.direction)?,
        closing: signed(&closing.amount, &closing.direction)?,
        entries,
    })
}

fn entry(
    ntry: &Ntry,
    tx: Option<&Transaction>,
    credit: bool,
    amount_minor: i64,
    value_date: NaiveDate,
    position: usize,
) -> Entry {
    let refs = tx.and_then(|t| t.refs.as_ref());
    let bank_reference = refs
        .and_then(|r| r.servicer.clone().or_else(|| r.transaction.clone()))
        .or_else(|| ntry.reference.clone())
        .or_else(|| {
            refs.and_then(|r| r.end_to_end.clone())
                .filter(|e| e != "NOTPROVIDED")
        })
        .unwrap_or_default();
    let parties = tx.and_then(|t| t.parties.as_ref());
    let payer = parties
        .and_then(|p| p.debtor.as_ref())
        .and_then(Party::name)
        .unwrap_or_default();
    let title = tx
        .and_then(|t| t.remittance.as_ref())
        .map(|r| r.unstructured.join(" "))
        .unwrap_or_default();
    let mut accounts: Vec<Result<Nrb, String>> = parties
        .and_then(|p| p.creditor_account.as_ref())
        .and_then(Account::text)
        .map(|text| accounts_in(&text))
        .unwrap_or_default();
    accounts.extend(accounts_in(&title));
    Entry {
        credit,
        amount_minor,
        value_date,
        bank_reference,
        payer: payer.trim().to_owned(),
        title: title.trim().to_owned(),
        accounts,
        position,
    }
}
