//! Fees paid by bank transfer: each candidate's own account number, statements imported by
//! the finance office (MT940 in Windows-1250, camt.053) or from the command line, credits
//! matched to fees exactly once, and the queue of what staff match by hand.

use crate::helpers::journey::{app_with_open_cycle, submitted_application};
use crate::helpers::payments::{fee_order as order, fee_paid_entries};
use crate::helpers::{Page, TestApp};
use admitto::domain::ids::ApplicationId;
use admitto::domain::payments::FeeStatus;
use admitto::domain::Role;
use reqwest::StatusCode;

/// A candidate with a submitted application whose fee is due.
struct Payer {
    email: String,
    id: String,
    /// Their account number, as the application page shows it.
    account: String,
    receipt: String,
}

async fn payer(app: &TestApp) -> Payer {
    let (client, email, id) = submitted_application(app).await;
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(page.body.contains("Pay by bank transfer"), "{}", page.body);
    let account = between(&page.body, "<code class=\"account\">", "</code>");
    let receipt =
        admitto::db::applications::find(&mut app.conn(), &ApplicationId::from(id.as_str()))
            .unwrap()
            .unwrap()
            .receipt_number
            .unwrap();
    assert!(
        page.body.contains(&format!("Application fee {receipt}")),
        "the transfer title names the application"
    );
    assert!(page.body.contains("up to 7 working days"));
    Payer {
        email,
        id,
        account,
        receipt,
    }
}

fn between(text: &str, start: &str, end: &str) -> String {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {text}"))
        + start.len();
    let to = from + text[from..].find(end).unwrap();
    text[from..to].to_owned()
}

fn compact(account: &str) -> String {
    account.replace(' ', "")
}

/// Uploads a statement file through the payments page, as the finance office does.
async fn import(app: &TestApp, staff: &reqwest::Client, name: &str, bytes: Vec<u8>) -> Page {
    let token = app.csrf_token_for(staff).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .part(
            "statement",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    let response = staff
        .post(app.url("/staff/payments/import"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    crate::helpers::to_page(response).await
}

/// A statement as a Polish bank writes it: CRLF lines, the structured `:86:` with `~`
/// subfields, colons in the free text, and (written out in Windows-1250) Polish letters.
fn mt940(entries: &[(&str, i64, &str)], opening: i64) -> String {
    let mut text = String::from(
        "{1:F01BPKOPLPWAXXX0000000000}{2:I940BPKOPLPWXXXXN}{4:\r\n\
         :20:ST260715/001\r\n\
         :25:/PL61109010140000071219812874\r\n\
         :28C:00123/1\r\n",
    );
    text.push_str(&format!(":60F:C260714PLN{}\r\n", amount(opening)));
    let mut balance = opening;
    for (i, (mark, minor, details)) in entries.iter().enumerate() {
        text.push_str(&format!(
            ":61:2607150716{mark}{}NTRFNONREF//26071500{i:02}\r\n:86:{details}\r\n",
            amount(*minor)
        ));
        balance += if *mark == "C" { *minor } else { -*minor };
    }
    text.push_str(&format!(":62F:C260716PLN{}\r\n-}}", amount(balance)));
    text
}

fn amount(minor: i64) -> String {
    format!("{},{:02}", minor / 100, minor % 100)
}

#[tokio::test]
async fn a_windows_1250_mt940_statement_pays_three_candidates_and_leaves_one_transfer_for_staff() {
    let app = app_with_open_cycle().await;
    let [a, b, c, d] = [
        payer(&app).await,
        payer(&app).await,
        payer(&app).await,
        payer(&app).await,
    ];
    assert_ne!(
        a.account, b.account,
        "each candidate has an account of their own"
    );
    let fee = order(&app, &a.id).amount_minor;
    let statement = mt940(
        &[
            // To A's account in the structured subfield, a time with colons in the title.
            (
                "C",
                fee,
                &format!(
                    "020~00TRAN~20Opłata rekrutacyjna 20:44:45~21{}~27Zażółć Gęślą~28ul. Łąkowa 1\r\n~2900-950 Warszawa~31{}",
                    a.receipt,
                    compact(&a.account)
                ),
            ),
            // To B's account as printed, in unstructured text running over two lines.
            (
                "C",
                fee,
                &format!("Przelew na rachunek {} tytułem:\r\nopłata", b.account),
            ),
            // C pays 20.00 more than the fee: the rest is their balance.
            ("C", fee + 2000, &format!("020~20Opłata~31PL{}", compact(&c.account))),
            // D forgot the account number; only the title names the application.
            ("C", fee, &format!("020~20Opłata {}~27Ojciec kandydata", d.receipt)),
            // The bank's own fee, money out.
            ("D", 350, "073~20Prowizja za prowadzenie rachunku"),
        ],
        1_000_000,
    );
    let (cp1250, _, unmappable) = encoding_rs::WINDOWS_1250.encode(&statement);
    assert!(!unmappable);

    let officer = app.signed_in_staff(Role::Officer).await;
    let refused = app.get_with(&officer, "/staff/payments").await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "money is the finance office's"
    );
    let finance = app.signed_in_staff(Role::Finance).await;
    let imported = import(&app, &finance, "wyciag-20260716.sta", cp1250.to_vec()).await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
    assert!(
        imported
            .body
            .contains("4 new credits: 3 matched, 1 left for matching by hand, 0 imported before. 3 fees paid."),
        "{}",
        imported.body
    );

    for p in [&a, &b, &c] {
        let paid = order(&app, &p.id);
        assert_eq!(paid.status, FeeStatus::Paid);
        assert_eq!(paid.channel.as_deref(), Some("bank_transfer"));
        // The day the transfer was sent counts, not the booking day after it.
        assert_eq!(
            paid.paid_at.map(|t| t.date().to_string()).as_deref(),
            Some("2026-07-15")
        );
        assert_eq!(fee_paid_entries(&app, &p.id), 1);
        app.dispatch_jobs().await;
        let mails = app.emails_to(&p.email).await;
        assert!(
            mails
                .iter()
                .any(|m| m.subject.starts_with("Payment received")),
            "{mails:?}"
        );
    }
    assert_eq!(order(&app, &d.id).status, FeeStatus::Due);
    let balance: Vec<admitto::db::transfers::CreditRow> = admitto::db::transfers::credits_in(
        &mut app.conn(),
        admitto::domain::payments::reconcile::CreditState::Balance,
        10,
    )
    .unwrap();
    assert_eq!(balance.len(), 1);
    assert_eq!(
        balance[0].left_minor, 2000,
        "C's overpayment is kept, refundable"
    );
    // Staff see it beside C's fees, on C's application.
    let detail = app
        .get_with(&officer, &format!("/staff/applications/{}", c.id))
        .await;
    assert!(
        detail.body.contains("The candidate&#39;s fees"),
        "{}",
        detail.body
    );
    assert!(
        detail
            .body
            .contains("20.00 PLN left over from a transfer booked on 15.07.2026"),
        "{}",
        detail.body
    );

    // The finance office sends C's balance back by transfer, from C's refund page.
    let refund_page = format!("/staff/applications/{}/refund", c.id);
    let page = app.get_with(&finance, &refund_page).await;
    assert!(page.body.contains("Money left over"), "{}", page.body);
    let credit = balance[0].id.clone();
    let path = format!("/staff/applications/{}/refund/balance", c.id);
    let send = |amount: &'static str, account: &'static str| {
        let (app, finance, path, credit) = (&app, &finance, path.clone(), credit.clone());
        async move {
            app.post_with(
                finance,
                &path,
                &[
                    ("credit", credit.as_str()),
                    ("amount", amount),
                    ("reason", "Overpaid"),
                    ("account", account),
                ],
            )
            .await
        }
    };
    let wrong = send("20", "62 1090 1014 0000 0712 1981 2874").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong
        .body
        .contains(&format!("href=\"#balance-{credit}-account\"")));
    let too_much = send("20.01", "61 1090 1014 0000 0712 1981 2874").await;
    assert!(too_much
        .body
        .contains("That is more than is left to refund."));
    let sent = send("20", "61 1090 1014 0000 0712 1981 2874").await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let page = app.get_with(&finance, &refund_page).await;
    assert!(page.body.contains("The refund waits for the transfer"));
    assert!(
        !page.body.contains("Money left over"),
        "nothing is left over now"
    );
    // The fee itself is untouched: still paid, its 85.00 PLN still refundable.
    assert_eq!(order(&app, &c.id).status, FeeStatus::Paid);
    assert!(page.body.contains("85.00 PLN"));
    let again = send("20", "61 1090 1014 0000 0712 1981 2874").await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again
        .body
        .contains("Nothing is left over on this transfer."));

    // The same file again credits nothing twice.
    let again = import(&app, &finance, "wyciag-20260716.sta", cp1250.to_vec()).await;
    assert!(
        again
            .body
            .contains("0 new credits: 0 matched, 0 left for matching by hand, 4 imported before."),
        "{}",
        again.body
    );
    for p in [&a, &b, &c] {
        assert_eq!(fee_paid_entries(&app, &p.id), 1);
    }

    // The queue shows D's transfer, why it was not matched, and D's fee as a suggestion (the
    // amount fits); staff match it by the receipt number in its title.
    let queue = app.get_with(&finance, "/staff/payments").await;
    assert!(
        queue.body.contains("1 transfer is waiting."),
        "{}",
        queue.body
    );
    assert!(queue.body.contains("Ojciec kandydata"));
    assert!(
        queue
            .body
            .contains("It names none of the candidates&#39; account numbers."),
        "{}",
        queue.body
    );
    assert!(queue.body.contains(&d.receipt), "D's fee is suggested");
    let action = between(&queue.body, "action=\"/staff/payments/credits/", "/match\"");
    let path = format!("/staff/payments/credits/{action}/match");
    let wrong = app
        .post_with(&finance, &path, &[("application", "NO-SUCH-RECEIPT")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong
        .body
        .contains("No application with a fee has this receipt number."));
    let paid_already = app
        .post_with(&finance, &path, &[("application", &a.receipt)])
        .await;
    assert!(
        paid_already.body.contains("is not unpaid"),
        "{}",
        paid_already.body
    );
    let matched = app
        .post_with(&finance, &path, &[("application", &d.receipt)])
        .await;
    assert_eq!(matched.status, StatusCode::OK, "{}", matched.body);
    assert!(matched.body.contains("No transfer is waiting."));
    assert_eq!(order(&app, &d.id).status, FeeStatus::Paid);
    let twice = app
        .post_with(&finance, &path, &[("application", &d.receipt)])
        .await;
    assert!(twice.body.contains("This transfer was matched meanwhile."));
    assert_eq!(fee_paid_entries(&app, &d.id), 1);
    let audit = admitto::db::audit::recent(&mut app.conn(), 20).unwrap();
    assert!(audit.iter().any(|a| a.action == "payments.credit.match"));
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.action == "payments.statement.import")
            .count(),
        2
    );
}

#[tokio::test]
async fn a_paid_fee_reads_paid_by_transfer_on_the_candidates_page() {
    let app = app_with_open_cycle().await;
    let (client, _, id) = submitted_application(&app).await;
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    let account = between(&page.body, "<code class=\"account\">", "</code>");
    let fee = order(&app, &id).amount_minor;
    let finance = app.signed_in_staff(Role::Finance).await;
    let statement = mt940(&[("C", fee, &format!("Opłata {account}"))], 0);
    let imported = import(&app, &finance, "s.sta", statement.into_bytes()).await;
    assert!(imported.body.contains("1 fee paid."), "{}", imported.body);
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        page.body.contains("Paid on 15 July 2026 (bank transfer)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("application fee paid (bank transfer)"));
    assert!(!page.body.contains("Pay by bank transfer"));
}

#[tokio::test]
async fn statements_that_are_cut_altered_mistyped_or_in_another_encoding_are_refused_whole() {
    let app = app_with_open_cycle().await;
    let p = payer(&app).await;
    let fee = order(&app, &p.id).amount_minor;
    let finance = app.signed_in_staff(Role::Finance).await;
    let good = mt940(&[("C", fee, &format!("020~31{}", compact(&p.account)))], 0);
    let cut = good[..good.find(":62F:").unwrap()].to_owned();
    let altered = good.replace(
        &format!("C{}NTRF", amount(fee)),
        &format!("C{}NTRF", amount(fee * 10)),
    );
    let wrong_account = good.replace("PL61109", "PL62109");
    let utf16: Vec<u8> = good.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let malformed = good.replace(":60F:C260714PLN", ":60F:X260714PLN");
    for (name, bytes, message) in [
        ("cut.sta", cut.into_bytes(), "it was cut short"),
        ("altered.sta", altered.into_bytes(), "do not add up"),
        (
            "account.sta",
            wrong_account.into_bytes(),
            "has wrong check digits",
        ),
        ("utf16.sta", utf16, "neither UTF-8 nor Windows-1250"),
        ("malformed.sta", malformed.into_bytes(), "line 5: a balance"),
        ("empty.sta", b"hello".to_vec(), "holds no statement"),
    ] {
        let page = import(&app, &finance, name, bytes).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(page.body.contains(message), "{name}: {}", page.body);
        assert!(
            page.body.contains("aria-invalid=\"true\""),
            "{name}: at the file field"
        );
        assert_eq!(order(&app, &p.id).status, FeeStatus::Due, "{name}");
    }
    let statements = admitto::db::transfers::recent_statements(&mut app.conn(), 10).unwrap();
    assert!(statements.is_empty(), "nothing of a refused file is kept");
    // A credit to the candidate's account with one digit mistyped waits for staff, saying so.
    let digits = compact(&p.account);
    let last = digits.chars().last().unwrap().to_digit(10).unwrap();
    let mistyped = format!("{}{}", &digits[..25], (last + 1) % 10);
    let page = import(
        &app,
        &finance,
        "typo.sta",
        mt940(&[("C", fee, &format!("020~20Opłata~31{mistyped}"))], 0).into_bytes(),
    )
    .await;
    assert!(
        page.body.contains("1 left for matching by hand"),
        "{}",
        page.body
    );
    assert!(page.body.contains("wrong check digits (mistyped)"));
    assert_eq!(order(&app, &p.id).status, FeeStatus::Due);
}

/// camt.053 from the command line: one credit to a candidate's account, one batch of two
/// transfers of which one is to a second candidate.
#[tokio::test]
async fn a_camt053_statement_imported_from_the_command_line_pays_fees() {
    let app = app_with_open_cycle().await;
    let (a, b) = (payer(&app).await, payer(&app).await);
    let fee = order(&app, &a.id).amount_minor;
    let decimal = |minor: i64| format!("{}.{:02}", minor / 100, minor % 100);
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
 <BkToCstmrStmt>
  <GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-07-16T06:00:00</CreDtTm></GrpHdr>
  <Stmt>
   <Id>CAMT-2026-07-15</Id>
   <Acct><Id><IBAN>PL61109010140000071219812874</IBAN></Id><Ccy>PLN</Ccy></Acct>
   <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="PLN">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-07-14</Dt></Dt></Bal>
   <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="PLN">{closing}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-07-15</Dt></Dt></Bal>
   <Ntry>
    <Amt Ccy="PLN">{fee}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
    <BookgDt><Dt>2026-07-16</Dt></BookgDt><ValDt><Dt>2026-07-15</Dt></ValDt>
    <AcctSvcrRef>REF-A</AcctSvcrRef>
    <NtryDtls><TxDtls>
     <RltdPties><Dbtr><Pty><Nm>Anna Wiśniewska</Nm></Pty></Dbtr><CdtrAcct><Id><IBAN>PL{a}</IBAN></Id></CdtrAcct></RltdPties>
     <RmtInf><Ustrd>Opłata rekrutacyjna</Ustrd></RmtInf>
    </TxDtls></NtryDtls>
   </Ntry>
   <Ntry>
    <Amt Ccy="PLN">{two}</Amt><CdtDbtInd>CRDT</CdtDbtInd>
    <BookgDt><Dt>2026-07-15</Dt></BookgDt>
    <NtryDtls>
     <TxDtls><Refs><TxId>T-B</TxId></Refs><Amt Ccy="PLN">{fee}</Amt><RltdPties><CdtrAcct><Id><IBAN>PL{b}</IBAN></Id></CdtrAcct></RltdPties></TxDtls>
     <TxDtls><Refs><TxId>T-X</TxId></Refs><Amt Ccy="PLN">{fee}</Amt><RmtInf><Ustrd>Darowizna</Ustrd></RmtInf></TxDtls>
    </NtryDtls>
   </Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>"#,
        closing = decimal(fee * 3),
        fee = decimal(fee),
        two = decimal(fee * 2),
        a = compact(&a.account),
        b = compact(&b.account),
    );
    let file = app.data_dir.path().join("camt053.xml");
    std::fs::write(&file, xml).unwrap();
    let run = || {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_admitto"));
        command
            .args(["--data-dir"])
            .arg(app.data_dir.path())
            .args(["payments", "import", "--demo"])
            .arg(&file)
            .env("DATABASE_URL", app.settings.database_url())
            .env("ADMITTO_LOG_LEVEL", "warn")
            .env("ADMITTO_MAIL__BACKEND", "memory");
        command.output().unwrap()
    };
    let output = run();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("1 statement(s), 3 new credit(s): 2 matched (2 fee(s) paid), 1 left for staff; 0 imported before"),
        "{stdout}"
    );
    assert_eq!(order(&app, &a.id).status, FeeStatus::Paid);
    assert_eq!(order(&app, &b.id).status, FeeStatus::Paid);
    let again = run();
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        stdout.contains("0 new credit(s)") && stdout.contains("3 imported before"),
        "{stdout}"
    );
    assert_eq!(fee_paid_entries(&app, &a.id), 1);
    assert_eq!(fee_paid_entries(&app, &b.id), 1);
}

#[tokio::test]
async fn the_finance_office_lists_fees_by_status_and_channel_and_exports_them_as_csv() {
    let app = app_with_open_cycle().await;
    let (paid, due) = (payer(&app).await, payer(&app).await);
    let fee = order(&app, &paid.id).amount_minor;
    let finance = app.signed_in_staff(Role::Finance).await;
    let statement = mt940(
        &[("C", fee, &format!("020~31{}", compact(&paid.account)))],
        0,
    );
    let imported = import(&app, &finance, "s.sta", statement.into_bytes()).await;
    assert!(imported.body.contains("1 fee paid."), "{}", imported.body);

    let all = app.get_with(&finance, "/staff/payments/fees").await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.contains("2 fees."), "{}", all.body);
    let by_transfer = app
        .get_with(
            &finance,
            "/staff/payments/fees?status=paid&channel=bank_transfer",
        )
        .await;
    assert!(by_transfer.body.contains("1 fee."));
    assert!(by_transfer.body.contains(&paid.receipt));
    assert!(!by_transfer.body.contains(&due.receipt));
    let bad = app
        .get_with(&finance, "/staff/payments/fees?from=31.02.2026")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let csv = app
        .get_with(&finance, "/staff/payments/fees.csv?status=paid")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "receipt,application,email,programme,amount,currency,status,channel,paid_at,created_at"
    );
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].starts_with(&format!("{},{},{}", paid.receipt, paid.id, paid.email)));
    assert!(lines[1].contains(",85.00,PLN,paid,bank_transfer,2026-07-15T00:00:00Z,"));
    let officer = app.signed_in_staff(Role::Officer).await;
    let refused = app.get_with(&officer, "/staff/payments/fees.csv").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

/// A transfer pays the fee while a checkout is open, then the gateway reports the checkout
/// paid as well: nothing is credited twice, and the fee's history tells staff to refund.
#[tokio::test]
async fn a_checkout_paid_after_a_transfer_is_recorded_as_paid_twice_not_credited_again() {
    use super::sandbox::{notice_body, notify, pay, sandbox};
    let app = app_with_open_cycle().await;
    let (client, _, id) = submitted_application(&app).await;
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    let account = between(&page.body, "<code class=\"account\">", "</code>");
    let session = pay(&app, &client, &id).await;
    assert_eq!(order(&app, &id).status, FeeStatus::Pending);
    let fee = order(&app, &id).amount_minor;
    let finance = app.signed_in_staff(Role::Finance).await;
    let statement = mt940(&[("C", fee, &format!("020~31{}", compact(&account)))], 0);
    let imported = import(&app, &finance, "s.sta", statement.into_bytes()).await;
    assert!(imported.body.contains("1 fee paid."), "{}", imported.body);
    let body = notice_body("evt_late", &session, "paid", fee, "PLN");
    let signature = sandbox().sign(&body, chrono::Utc::now().timestamp());
    assert_eq!(notify(&app, body, Some(signature)).await, StatusCode::OK);
    let paid = order(&app, &id);
    assert_eq!(paid.status, FeeStatus::Paid);
    assert_eq!(
        paid.channel.as_deref(),
        Some("bank_transfer"),
        "the first payment stands"
    );
    assert_eq!(fee_paid_entries(&app, &id), 1);
    let (_, events) = admitto::services::payments::fee_with_history(
        &mut app.conn(),
        &ApplicationId::from(id.as_str()),
    )
    .unwrap()
    .unwrap();
    assert_eq!(events.last().map(|e| e.reason.as_str()), Some("paid-twice"));
    let admin = app.signed_in_staff(Role::Admin).await;
    let staff_page = app
        .get_with(&admin, &format!("/staff/applications/{id}"))
        .await;
    assert!(
        staff_page.body.contains("refund the second payment"),
        "{}",
        staff_page.body
    );

    // The finance office gives the second payment back whole; the fee stays paid by transfer.
    let path = format!("/staff/applications/{id}/refund");
    let page = app.get_with(&finance, &path).await;
    assert!(page.body.contains("Paid twice"), "{}", page.body);
    assert!(page.body.contains("Give back 85.00 PLN"));
    let field = format!("extra-{session}");
    let extra = format!("/staff/applications/{id}/refund/extra");
    let missing = app
        .post_with(
            &finance,
            &extra,
            &[("payment", session.as_str()), ("extra_reason", " ")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing.body.contains(&format!("href=\"#{field}\"")),
        "{}",
        missing.body
    );
    assert!(missing.body.contains("Say why the money is given back."));
    let given = app
        .post_with(
            &finance,
            &extra,
            &[
                ("payment", session.as_str()),
                ("extra_reason", "Paid twice"),
            ],
        )
        .await;
    assert_eq!(
        given.location.as_deref(),
        Some(path.as_str()),
        "{}",
        given.body
    );
    let paid = order(&app, &id);
    assert_eq!(paid.status, FeeStatus::Paid, "the fee itself stays paid");
    let page = app.get_with(&finance, &path).await;
    assert!(
        page.body.contains("The money was given back."),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains("Given back, or asked of the payment service."));
    assert!(!page.body.contains("Give back 85.00 PLN"));
    // The fee's own 85.00 PLN is still there to refund, by transfer.
    assert!(page.body.contains("The money goes back as a bank transfer"));
    let again = app
        .post_with(
            &finance,
            &extra,
            &[
                ("payment", session.as_str()),
                ("extra_reason", "Paid twice"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("is given back already"));
    let (_, events) = admitto::services::payments::fee_with_history(
        &mut app.conn(),
        &ApplicationId::from(id.as_str()),
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        events.last().map(|e| e.reason.as_str()),
        Some("refunded-extra")
    );
}

#[tokio::test]
async fn a_new_fee_opened_in_many_tabs_at_once_gives_the_candidate_one_account_number() {
    let app = app_with_open_cycle().await;
    let (client, _, id) = submitted_application(&app).await;
    let path = format!("/applications/{id}");
    let pages = futures_util::future::join_all((0..12).map(|_| app.get_with(&client, &path))).await;
    let accounts: std::collections::BTreeSet<String> = pages
        .iter()
        .map(|page| {
            assert_eq!(page.status, StatusCode::OK, "{}", page.body);
            between(&page.body, "<code class=\"account\">", "</code>")
        })
        .collect();
    assert_eq!(accounts.len(), 1, "{accounts:?}");
    let (numbers, counter) = {
        use admitto::db::schema::{candidate_numbers, counters};
        use diesel::prelude::*;
        let mut conn = app.conn();
        let conn: &mut admitto::db::DbConn = &mut conn;
        let numbers: Vec<i64> = candidate_numbers::table
            .select(candidate_numbers::number)
            .load(conn)
            .unwrap();
        let counter: i64 = counters::table
            .find("candidate")
            .select(counters::value)
            .first(conn)
            .unwrap();
        (numbers, counter)
    };
    assert_eq!(numbers.len(), 1, "{numbers:?}");
    assert_eq!(
        counter, numbers[0],
        "no number is used up by the tabs that lost the race"
    );
    // Another candidate's step pages give them no number: only the page with the transfer does.
    let (other, _, other_id) = submitted_application(&app).await;
    let step = app
        .get_with(&other, &format!("/applications/{other_id}/steps/personal"))
        .await;
    assert_eq!(step.status, StatusCode::OK);
    let count: i64 = {
        use admitto::db::schema::candidate_numbers;
        use diesel::prelude::*;
        let mut conn = app.conn();
        let conn: &mut admitto::db::DbConn = &mut conn;
        candidate_numbers::table.count().get_result(conn).unwrap()
    };
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_fee_paid_by_transfer_is_refunded_by_a_transfer_the_finance_office_sends_then_marks_sent()
{
    let app = app_with_open_cycle().await;
    let p = payer(&app).await;
    let fee = order(&app, &p.id).amount_minor;
    let finance = app.signed_in_staff(Role::Finance).await;
    let statement = mt940(&[("C", fee, &format!("Opłata {}", p.account))], 0);
    let imported = import(&app, &finance, "s.sta", statement.into_bytes()).await;
    assert!(imported.body.contains("1 fee paid."), "{}", imported.body);
    let path = format!("/staff/applications/{}/refund", p.id);
    let page = app.get_with(&finance, &path).await;
    assert!(
        page.body
            .contains("The money goes back as a bank transfer that the finance office makes"),
        "{}",
        page.body
    );
    assert_eq!(
        crate::helpers::input_value(&page.body, "account").as_deref(),
        Some("")
    );

    // The account must be one: its check digits are checked, what was typed is kept.
    for bad in [
        "",
        "62 1090 1014 0000 0712 1981 2874",
        "DE88 3704 0044 0532 0130 00",
    ] {
        let page = app
            .post_with(
                &finance,
                &path,
                &[
                    ("amount", "85"),
                    ("reason", "Studies not started"),
                    ("account", bad),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
        assert!(page
            .body
            .contains("Enter an account number whose check digits are right"));
        assert_eq!(
            crate::helpers::input_value(&page.body, "account").as_deref(),
            Some(bad)
        );
    }
    let asked = app
        .post_with(
            &finance,
            &path,
            &[
                ("amount", "85"),
                ("reason", "Studies not started"),
                ("account", "61 1090 1014 0000 0712 1981 2874"),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let page = app.get_with(&finance, &path).await;
    assert!(
        page.body.contains("The refund waits for the transfer"),
        "{}",
        page.body
    );
    assert!(page.body.contains("to send by transfer"));
    // Until it is sent, the money is spoken for but the fee is still paid.
    assert!(page.body.contains("Nothing is left to refund on this fee."));
    assert_eq!(order(&app, &p.id).status, FeeStatus::Paid);
    let payments = app.get_with(&finance, "/staff/payments").await;
    assert!(payments.body.contains("One refund is waiting to be sent."));
    assert!(payments.body.contains("PL61109010140000071219812874"));
    assert!(payments.body.contains(&p.receipt));
    let refund = between(&payments.body, "action=\"/staff/refunds/", "/sent\"");

    // Only money staff mark it sent; then it is done, once.
    let officer = app.signed_in_staff(Role::Officer).await;
    let sent_path = format!("/staff/refunds/{refund}/sent");
    assert_eq!(
        app.post_with(&officer, &sent_path, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let sent = app.post_with(&finance, &sent_path, &[]).await;
    assert_eq!(sent.location.as_deref(), Some(path.as_str()));
    let page = app.get_with(&finance, &path).await;
    assert!(
        page.body.contains("The refund is marked sent"),
        "{}",
        page.body
    );
    assert_eq!(order(&app, &p.id).status, FeeStatus::Refunded);
    let again = app.post_with(&finance, &sent_path, &[]).await;
    assert_eq!(again.location.as_deref(), Some("/staff/payments"));
    let payments = app.get_with(&finance, "/staff/payments").await;
    assert!(payments.body.contains("No refunds are waiting to be sent."));
    let told: Vec<_> = app
        .emails_to(&p.email)
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Application fee refund"))
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0]
        .text
        .contains("It was sent by bank transfer to the account PL61109010140000071219812874"));
    let audit = admitto::db::audit::recent(&mut app.conn(), 50).unwrap();
    assert!(audit.iter().any(|a| a.action == "payments.refund.sent"));
}
