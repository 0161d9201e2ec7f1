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
