//! Reading a statement file: the encoding decoded, the format told apart (camt.053 when it is
//! XML, MT940 otherwise) and every statement in it checked before anything is imported.

use super::statement::{Statement, StatementProblem};

/// Reads a statement file: camt.053 when it is XML, MT940 otherwise. Every statement in it must
/// add up.
pub fn read(bytes: &[u8]) -> Result<Vec<Statement>, StatementProblem> {
    let text = decode(bytes)?;
    let trimmed = text.trim_start();
    let statements = if trimmed.starts_with('<') {
        super::camt::read(trimmed)?
    } else {
        super::mt940::read(&text)?
    };
    if statements.is_empty() {
        return Err(StatementProblem::Empty);
    }
    for statement in &statements {
        statement.check()?;
    }
    Ok(statements)
}

/// UTF-8 when the bytes are UTF-8, else Windows-1250 (what Polish banks write MT940 in). Text
/// with NUL or C1 control characters was written in another encoding (UTF-16, or bytes that
/// Windows-1250 leaves undefined) and is refused rather than misread.
pub fn decode(bytes: &[u8]) -> Result<String, StatementProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            // Without BOM sniffing: a UTF-16 BOM must not switch the decoder.
            let (text, errors) = encoding_rs::WINDOWS_1250.decode_without_bom_handling(bytes);
            if errors {
                return Err(StatementProblem::Encoding);
            }
            text.into_owned()
        }
    };
    let foreign = text
        .chars()
        .any(|c| c == '\0' || ('\u{80}'..='\u{9f}').contains(&c));
    if foreign {
        return Err(StatementProblem::Encoding);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_decoded_as_utf8_or_windows_1250_and_other_encodings_are_refused() {
        assert_eq!(decode("Opłata".as_bytes()), Ok("Opłata".to_owned()));
        let (cp1250, _, _) = encoding_rs::WINDOWS_1250.encode("Opłata źródło");
        assert_eq!(decode(&cp1250), Ok("Opłata źródło".to_owned()));
        let utf16: Vec<u8> = ":20:X"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&utf16), Err(StatementProblem::Encoding));
        let with_bom: Vec<u8> = [0xFF, 0xFE].into_iter().chain(utf16).collect();
        assert_eq!(decode(&with_bom), Err(StatementProblem::Encoding));
    }
}

/// Whole camt.053 files, read as an import reads them.
#[cfg(test)]
mod camt_files {
    use super::read as read_file;
    use crate::domain::payments::statement::{Format, StatementProblem};
    use chrono::NaiveDate;

    pub const CAMT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-07-16T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S-2026-07-15</Id>
      <Acct><Id><IBAN>PL61109010140000071219812874</IBAN></Id><Ccy>PLN</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="PLN">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-07-14</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="PLN">1255.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-07-15</Dt></Dt></Bal>
      <Ntry>
        <Amt Ccy="PLN">85.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-07-16</Dt></BookgDt><ValDt><Dt>2026-07-15</Dt></ValDt>
        <AcctSvcrRef>B1</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <RltdPties><Dbtr><Nm>Anna Nowak</Nm></Dbtr>
            <CdtrAcct><Id><IBAN>PL64109010140000000000000042</IBAN></Id></CdtrAcct></RltdPties>
          <RmtInf><Ustrd>Opłata rekrutacyjna</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="PLN">170.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <BookgDt><DtTm>2026-07-15T10:00:00</DtTm></BookgDt>
        <NtryDtls>
          <TxDtls><Refs><TxId>T1</TxId></Refs><Amt Ccy="PLN">85.00</Amt><RltdPties><Dbtr><Pty><Nm>Jan</Nm></Pty></Dbtr></RltdPties></TxDtls>
          <TxDtls><Refs><TxId>T2</TxId></Refs><Amt Ccy="PLN">85.00</Amt></TxDtls>
        </NtryDtls>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>"#;

    #[test]
    fn a_statement_is_read_with_batched_transfers_split() {
        let statements = read_file(CAMT.as_bytes()).expect("reads");
        let s = &statements[0];
        assert_eq!(s.format, Format::Camt053);
        assert_eq!((s.opening, s.closing), (100_000, 125_500));
        assert_eq!(s.entries.len(), 3);
        let first = &s.entries[0];
        assert_eq!(first.payer, "Anna Nowak");
        assert_eq!(first.title, "Opłata rekrutacyjna");
        assert_eq!(first.bank_reference, "B1");
        assert_eq!(
            first.value_date,
            NaiveDate::from_ymd_opt(2026, 7, 15).expect("date")
        );
        assert_eq!(first.accounts.len(), 1);
        assert_eq!(s.entries[1].payer, "Jan");
        assert_eq!(s.entries[1].bank_reference, "T1");
        assert_eq!(s.entries[2].amount_minor, 8500);
    }

    #[test]
    fn a_cut_or_inconsistent_document_is_refused() {
        let cut = &CAMT[..CAMT.find("<Ntry>").expect("entry") + 30];
        assert!(read_file(cut.as_bytes()).is_err());
        let unbalanced = CAMT.replace(">1255.00<", ">1256.00<");
        assert!(matches!(
            read_file(unbalanced.as_bytes()),
            Err(StatementProblem::Unbalanced { .. })
        ));
        let no_closing = CAMT.replace("CLBD", "ITBD");
        assert_eq!(
            read_file(no_closing.as_bytes()),
            Err(StatementProblem::Truncated)
        );
    }
}

/// Whole MT940 files, read as an import reads them.
#[cfg(test)]
mod mt940_files {
    use super::read as read_file;
    use crate::domain::payments::statement::StatementProblem;
    use chrono::NaiveDate;

    const BANK: &str = "{1:F01BPKOPLPWAXXX0000000000}{2:I940BPKOPLPWXXXXN}{4:\r
:20:ST260715/001\r
:25:/PL61109010140000071219812874\r
:28C:00123/1\r
:60F:C260714PLN1000,00\r
:61:2607150715C85,00NTRFNONREF//2607150001\r
:86:020~00TRAN~20Opłata rekrutacyjna 20:44:45 ~21wpłata za studia~27Zażółć Gęślą~28ul. Polna 1\r
~2900-950 Warszawa~3810901014000007121981287~31PL64109010140000000000000042\r
:61:260715C170,00NTRFREF-77//2607150002\r
OPŁATA X\r
:86:Przelew na 64 1090 1014 0000 0000 0000 0042 od Jana\r
Kowalskiego\r
:61:260716D15,00NTRFNONREF\r
:86:Prowizja\r
:62F:C260716PLN1240,00\r
-}";

    #[test]
    fn a_polish_bank_file_with_colons_and_continuations_is_read() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(BANK);
        let statements = read_file(&bytes).expect("reads");
        assert_eq!(statements.len(), 1);
        let s = &statements[0];
        assert_eq!(s.reference, "ST260715/001/00123/1");
        assert_eq!(s.account, "PL61109010140000071219812874");
        assert_eq!((s.opening, s.closing), (100_000, 124_000));
        assert_eq!(s.entries.len(), 3);
        let first = &s.entries[0];
        assert!(first.credit);
        assert_eq!(first.amount_minor, 8500);
        assert_eq!(
            first.value_date,
            NaiveDate::from_ymd_opt(2026, 7, 15).expect("date")
        );
        assert_eq!(first.bank_reference, "2607150001");
        assert_eq!(first.title, "Opłata rekrutacyjna 20:44:45 wpłata za studia");
        assert_eq!(first.payer, "Zażółć Gęślą ul. Polna 1 00-950 Warszawa");
        assert!(first.accounts.iter().any(|a| a
            .as_ref()
            .is_ok_and(|n| n.digits() == "64109010140000000000000042")));
        let second = &s.entries[1];
        assert_eq!(second.amount_minor, 17_000);
        assert_eq!(
            second.title,
            "Przelew na 64 1090 1014 0000 0000 0000 0042 od Jana Kowalskiego"
        );
        assert_eq!(second.payer, "");
        assert_eq!(second.accounts.len(), 1);
        assert!(!s.entries[2].credit);
    }

    #[test]
    fn a_cut_or_inconsistent_file_is_refused_whole() {
        let cut = &BANK[..BANK.find(":62F:").expect("closing")];
        assert_eq!(read_file(cut.as_bytes()), Err(StatementProblem::Truncated));
        let unbalanced = BANK.replace(":62F:C260716PLN1240,00", ":62F:C260716PLN1325,00");
        assert!(matches!(
            read_file(unbalanced.as_bytes()),
            Err(StatementProblem::Unbalanced { .. })
        ));
        let wrong_account = BANK.replace("PL61109", "PL62109");
        assert!(matches!(
            read_file(wrong_account.as_bytes()),
            Err(StatementProblem::AccountCheckDigits(_))
        ));
        let bad_amount = BANK.replace("C85,00NTRF", "C85;00NTRF");
        assert!(matches!(
            read_file(bad_amount.as_bytes()),
            Err(StatementProblem::Malformed { line: 6, .. })
        ));
        assert_eq!(read_file(b"hello"), Err(StatementProblem::Empty));
    }
}
