use super::*;

/// Every character is one unit wide.
fn unit(_: char) -> f32 {
    1.0
}

#[test]
fn wraps_words_within_width() {
    let lines = wrap("ala ma kota a kot ma alę", 10.0, unit);
    assert_eq!(lines, ["ala ma", "kota a kot", "ma alę"]);
    assert!(lines.iter().all(|l| l.chars().count() <= 10));
}

#[test]
fn collapses_whitespace_and_handles_blank_input() {
    assert_eq!(wrap("  a \t\r b  ", 10.0, unit), ["a b"]);
    assert!(wrap(" \t ", 10.0, unit).is_empty());
    assert!(wrap("", 10.0, unit).is_empty());
}

#[test]
fn splits_overlong_word() {
    let lines = wrap("ok Zażółćgęśląjaźń end", 5.0, unit);
    assert_eq!(lines, ["ok", "Zażół", "ćgęśl", "ąjaźń", "end"]);
}

#[test]
fn keeps_no_break_space_inside_word() {
    let lines = wrap("jadę w\u{a0}domu", 7.0, unit);
    assert_eq!(lines, ["jadę", "w\u{a0}domu"]);
}

#[test]
fn never_loops_on_tiny_width() {
    assert_eq!(wrap("abc", 0.0, unit), ["a", "b", "c"]);
}

#[test]
fn truncates_with_ellipsis() {
    assert_eq!(truncate_to_width("short", 10.0, unit), "short");
    assert_eq!(truncate_to_width("a long footer", 7.0, unit), "a long…");
}

fn sample(paragraphs: usize) -> Document {
    let mut blocks = vec![
        Block::Title("Podsumowanie wniosku".into()),
        Block::Heading("Dane osobowe".into()),
        Block::Field {
            label: "Imię i nazwisko".into(),
            value: "Łucja Źdźbło".into(),
        },
        Block::Field {
            label: "Adres".into(),
            value: "ul. Długa 1\n00-001 Łódź".into(),
        },
        Block::Spacer,
    ];
    blocks.extend(
        (0..paragraphs).map(|i| Block::Paragraph(format!("Akapit {i}: zażółć gęślą jaźń."))),
    );
    Document {
        title: "Wniosek".into(),
        footer: "Admitto".into(),
        blocks,
    }
}

/// Lays `blocks` out and returns the text shown on each page.
fn page_texts(blocks: &[Block]) -> Result<Vec<Vec<String>>> {
    let mut pdf = PdfDocument::new("test");
    let fonts = Fonts::load(&mut pdf)?;
    let mut layout = Layout::new(&fonts, Vec::new());
    for block in blocks {
        layout.block(block);
    }
    let texts = layout
        .finish()
        .iter()
        .map(|ops| {
            ops.iter()
                .filter_map(|op| match op {
                    Op::ShowText { items } => match items.as_slice() {
                        [TextItem::Text(text)] => Some(text.clone()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect()
        })
        .collect();
    Ok(texts)
}

#[test]
fn heading_moves_to_next_page_with_its_content() -> Result<()> {
    // Fill page 1 so that the heading alone would still fit, but not with
    // the two body lines it is kept with.
    let per_paragraph = BODY.leading + 6.0;
    let n = (CONTENT_H / per_paragraph) as usize - 1;
    let left = CONTENT_H - n as f32 * per_paragraph;
    let heading_alone = 12.0 + HEADING.leading;
    let heading_kept = heading_alone + 3.0 + 2.0 * BODY.leading;
    assert!((heading_alone..heading_kept).contains(&left));

    let mut blocks: Vec<Block> = (0..n).map(|i| Block::Paragraph(format!("p{i}"))).collect();
    blocks.push(Block::Heading("Nagłówek".into()));
    blocks.push(Block::Paragraph("treść".into()));
    let pages = page_texts(&blocks)?;
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[1], ["Nagłówek", "treść"]);
    Ok(())
}

#[test]
fn field_keeps_line_breaks_and_blank_blocks_take_no_space() -> Result<()> {
    let blocks = [
        Block::Title("  ".into()),
        Block::Paragraph(String::new()),
        Block::Field {
            label: "Adres".into(),
            value: "ul. Długa 1\n\n00-001 Łódź\n".into(),
        },
    ];
    let pages = page_texts(&blocks)?;
    assert_eq!(pages, [["Adres", "ul. Długa 1", "00-001 Łódź"]]);
    Ok(())
}

#[test]
fn renders_pdf_bytes() -> Result<()> {
    let bytes = render(&sample(3))?;
    assert!(bytes.starts_with(b"%PDF"));
    Ok(())
}

#[test]
fn renders_empty_document() -> Result<()> {
    let doc = Document {
        title: String::new(),
        footer: String::new(),
        blocks: Vec::new(),
    };
    assert!(render(&doc)?.starts_with(b"%PDF"));
    Ok(())
}

#[test]
fn long_document_spans_several_pages() -> Result<()> {
    let bytes = render(&sample(200))?;
    let mut warnings = Vec::new();
    let parsed = PdfDocument::parse(&bytes, &Default::default(), &mut warnings)
        .map_err(|e| anyhow!("rendered PDF does not parse: {e}"))?;
    assert!(parsed.pages.len() >= 4, "only {} pages", parsed.pages.len());
    Ok(())
}
