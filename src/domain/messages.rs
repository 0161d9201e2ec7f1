//! Messages staff write: `messages/<name>.toml` in the definition, one table per language with
//! the email's `subject`, `text` and optional `html` body (made from the text when absent), as
//! minijinja templates over the variables a rule's message gets. Checked whole when the
//! definition is: every language, the syntax, and no name a message cannot have.

use minijinja::{Environment, UndefinedBehavior};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

pub const MESSAGES_FOLDER: &str = "messages/";

/// A message in every language: language code → its texts.
pub type MessageFile = BTreeMap<String, MessageText>;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MessageText {
    pub subject: Spanned<String>,
    pub text: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<Spanned<String>>,
}

/// The variables every rule's message may use. Those a trigger does not give (a document for a
/// reminder about the fee) are empty.
pub const VARIABLES: [(&str, &str); 13] = [
    ("institution", "the university's name"),
    ("first_name", "the candidate's first name"),
    ("programme", "the programme's name"),
    ("status", "the application's status, in words"),
    ("link", "the address of the application's page"),
    ("receipt", "the receipt number given at submission"),
    ("closes", "when registration closes"),
    ("payment_deadline", "the last moment the fee may be paid"),
    ("fee", "the application fee"),
    ("document", "the document the rule is about"),
    ("exam", "the exam or interview the rule is about"),
    ("starts", "when its session starts"),
    ("place", "where it takes place"),
];

/// A message's name as a file name gives it: `messages/draft-closing.toml` → `draft-closing`.
pub fn name_of(file: &str) -> Option<&str> {
    file.strip_prefix(MESSAGES_FOLDER)?.strip_suffix(".toml")
}

/// The environment messages render in: an unknown name is an error, never an empty text.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env
}

/// What is wrong with one part of a message: its syntax, or names it may not use.
pub fn check_template(source: &str) -> Result<(), String> {
    let env = environment();
    let template = env.template_from_str(source).map_err(|e| match e.line() {
        Some(line) if line > 1 => format!(
            "line {line} of the text: {}",
            e.detail().unwrap_or("syntax error")
        ),
        _ => e.detail().unwrap_or("syntax error").to_owned(),
    })?;
    let mut unknown: Vec<String> = template
        .undeclared_variables(false)
        .into_iter()
        .filter(|name| !VARIABLES.iter().any(|(known, _)| known == name))
        .collect();
    unknown.sort();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "unknown variable{} {} (a message may use: {})",
            if unknown.len() > 1 { "s" } else { "" },
            unknown
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", "),
            VARIABLES.map(|(n, _)| n).join(", ")
        ))
    }
}

/// A message put into words for one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders `text` with `vars` (a map of the [`VARIABLES`]).
pub fn render(text: &MessageText, vars: &minijinja::Value) -> Result<Rendered, String> {
    let env = environment();
    let part = |source: &str| {
        env.render_str(source, vars.clone())
            .map_err(|e| e.detail().unwrap_or("cannot be rendered").to_owned())
    };
    let subject = part(text.subject.get_ref())?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let body = part(text.text.get_ref())?;
    let html = match &text.html {
        Some(html) => {
            let mut html_env = environment();
            html_env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
            html_env
                .render_str(html.get_ref(), vars.clone())
                .map_err(|e| e.detail().unwrap_or("cannot be rendered").to_owned())?
        }
        None => html_of(&body),
    };
    let html = page(&subject, &html);
    Ok(Rendered {
        subject,
        text: body,
        html,
    })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A plain text as HTML: paragraphs at blank lines, line breaks kept, addresses as links.
pub fn html_of(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|paragraph| {
            let lines: Vec<String> = paragraph
                .lines()
                .map(|line| {
                    line.split(' ')
                        .map(|word| {
                            if word.starts_with("https://") || word.starts_with("http://") {
                                format!("<a href=\"{0}\">{0}</a>", escape(word))
                            } else {
                                escape(word)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            format!(
                "<p style=\"font-size:16px;line-height:1.5;\">{}</p>",
                lines.join("<br>\n")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn page(subject: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html>\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n\
         <body style=\"margin:0;padding:24px;background:#f3f2f1;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#0b0c0c;\">\n\
         <div style=\"max-width:560px;margin:0 auto;background:#ffffff;padding:32px;border-top:6px solid #1d4f91;\">\n{body}\n</div>\n</body>\n</html>\n",
        escape(subject)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(subject: &str, text: &str) -> MessageText {
        let parsed: MessageFile =
            toml::from_str(&format!("[en]\nsubject = {subject:?}\ntext = {text:?}\n")).unwrap();
        parsed["en"].clone()
    }

    #[test]
    fn a_message_is_put_into_words_with_its_variables() {
        let m = message(
            "{{ programme }}: 3 days left",
            "Dear {{ first_name }},\n\nfinish it: {{ link }}",
        );
        let vars = minijinja::context! {
            programme => "Law", first_name => "Anna <A>", link => "https://portal.example/a/1"
        };
        let out = render(&m, &vars).unwrap();
        assert_eq!(out.subject, "Law: 3 days left");
        assert!(out.text.starts_with("Dear Anna <A>,"));
        assert!(out.html.contains("Dear Anna &lt;A&gt;,"));
        assert!(out
            .html
            .contains("<a href=\"https://portal.example/a/1\">https://portal.example/a/1</a>"));
    }

    #[test]
    fn an_unknown_variable_and_broken_syntax_are_named() {
        assert!(check_template("{{ programme }} {{ link }}").is_ok());
        let unknown = check_template("{{ programe }}").unwrap_err();
        assert!(unknown.contains("`programe`"), "{unknown}");
        let broken = check_template("{% if status %}open").unwrap_err();
        assert!(!broken.is_empty());
    }
}
