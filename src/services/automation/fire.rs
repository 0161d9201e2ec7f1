//! Carrying out one firing: the rule is read from the current version, its status filter and
//! condition checked on the application as it is now, and its actions done in one
//! transaction (status change through `transitions::apply`, history note, message), with the
//! outcome recorded on the firing. A retry after a failure does it all again or nothing.

use crate::db::{self, write_tx, DbConn};
use crate::domain::automation::Firing;
use crate::domain::automation::{Action, ApplicationFacts};
use crate::domain::cycle::expr::Expr;
use crate::domain::cycle::{evaluate, payment_deadline, warsaw_time, Definition};
use crate::domain::history::HistoryEntry;
use crate::domain::ids::ApplicationId;
use crate::domain::Locale;
use crate::i18n::format::pick;
use crate::i18n::I18n;
use crate::notify::emails::{enqueue_written, Recipient, RenderedEmail};
use crate::services::applications::{profile, with_scores, Application};
use crate::services::transitions::{self, Transition};
use crate::services::ServiceConfig;
use anyhow::Context;
use chrono::NaiveDateTime;

/// What a firing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Acted,
    /// The rule is no longer in the current version, or is switched off.
    RuleGone,
    /// The application is no longer in a status the rule concerns.
    StatusDiffers,
    /// The rule's condition does not hold for the application now.
    ConditionFalse,
    /// Another change moved the application first.
    MovedMeanwhile,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Acted => "acted",
            Outcome::RuleGone => "rule-gone",
            Outcome::StatusDiffers => "status-differs",
            Outcome::ConditionFalse => "condition-false",
            Outcome::MovedMeanwhile => "moved-meanwhile",
        }
    }
}

pub fn carry_out(
    conn: &mut DbConn,
    config: &ServiceConfig,
    firing: &Firing,
    now: NaiveDateTime,
) -> anyhow::Result<Outcome> {
    let outcome = decide_and_act(conn, config, firing, now)?;
    if outcome != Outcome::Acted {
        db::automation::finish_firing(conn, &firing.key(), outcome.as_str(), now)?;
    }
    Ok(outcome)
}

fn decide_and_act(
    conn: &mut DbConn,
    config: &ServiceConfig,
    firing: &Firing,
    now: NaiveDateTime,
) -> anyhow::Result<Outcome> {
    let Some(current) = config.cycles.current(conn)? else {
        return Ok(Outcome::RuleGone);
    };
    let Some((rule, when)) = current
        .rules
        .get(&firing.rule)
        .filter(|_| current.cycle_code == firing.cycle)
    else {
        return Ok(Outcome::RuleGone);
    };
    let id = ApplicationId::new(firing.application_id.clone());
    let Some(row) = db::applications::find(conn, &id)? else {
        return Ok(Outcome::StatusDiffers);
    };
    // With its exam scores, which a condition may read.
    let app = with_scores(conn, vec![Application::from_row(row)?])?
        .pop()
        .context("the application just read")?;
    let status = app.row.status;
    if !rule.statuses.is_empty() && !rule.statuses.contains(&status) {
        return Ok(Outcome::StatusDiffers);
    }
    let def = &current.definition;
    let candidate = profile(conn, app.row.candidate_id.as_str())?;
    let facts = facts_of(conn, &app, status)?;
    if let Some(when) = when {
        if !holds(def, when, &app, &candidate.answers, &facts)? {
            return Ok(Outcome::ConditionFalse);
        }
    }
    if let Some(to) = rule.sets_status() {
        if !status.may_move(to) {
            return Ok(Outcome::StatusDiffers);
        }
    }
    let user = db::users::find(conn, app.row.candidate_id.as_str())?
        .context("the candidate is missing")?;
    let locale = user.locale_or(Locale::Pl);
    let about = About::of(conn, def, app.row.program_code.as_str(), firing)?;
    write_tx(conn, |conn| -> anyhow::Result<Outcome> {
        let entry = HistoryEntry::Automated {
            rule: rule.id.clone(),
            note: rule.note(),
        };
        let writes_history = rule.actions.iter().any(|a| matches!(a, Action::History(_)));
        match rule.sets_status() {
            Some(to) => {
                let change = Transition {
                    application_id: &id,
                    from: status,
                    to,
                    actor: None,
                    entry,
                    receipt: None,
                    notifications: vec![],
                    chain: firing.chain + 1,
                };
                if !transitions::apply(conn, config, &change, now)? {
                    return Ok(Outcome::MovedMeanwhile);
                }
            }
            None if writes_history => {
                transitions::record(conn, &id, Some(status), status, None, &entry, now)?;
            }
            None => {}
        }
        let new_status = rule.sets_status().unwrap_or(status);
        for action in &rule.actions {
            let Action::Send { message, .. } = action else {
                continue;
            };
            let vars = variables(
                config,
                def,
                &app,
                new_status,
                &candidate.answers,
                &about,
                locale,
            );
            let email = write(def, message, locale, &vars)?;
            enqueue_written(
                conn,
                config.mail_max_attempts,
                &Recipient {
                    email: &user.email,
                    user_id: Some(&user.id),
                    locale,
                    application_id: Some(&firing.application_id),
                },
                (
                    message,
                    &format!("{} v{}", current.cycle_code, current.version),
                ),
                &email,
                Some(&format!("{}:{message}", firing.key())),
            )?;
        }
        db::automation::finish_firing(conn, &firing.key(), Outcome::Acted.as_str(), now)?;
        Ok(Outcome::Acted)
    })
}

/// The application as a rule's condition reads it.
pub fn facts_of(
    conn: &mut DbConn,
    app: &Application,
    status: crate::domain::ApplicationStatus,
) -> anyhow::Result<ApplicationFacts> {
    let id = app.row.id.as_str();
    Ok(ApplicationFacts {
        status,
        started: app.row.created_at,
        submitted: app.row.submitted_at,
        fee_due: db::automation::fee_due(conn, id)?,
        rejected_documents: db::automation::rejected_count(
            conn,
            id,
            app.row.candidate_id.as_str(),
        )?,
        booked_exams: db::automation::booked_count(conn, id)?,
    })
}

/// Whether `when` holds for the application.
pub fn holds(
    def: &Definition,
    when: &Expr,
    app: &Application,
    profile_answers: &serde_json::Map<String, serde_json::Value>,
    facts: &ApplicationFacts,
) -> anyhow::Result<bool> {
    let code = app.row.program_code.as_str();
    let program = def
        .program(code)
        .context("the application's programme is not in the definition")?;
    let workflow = def
        .workflow_of(code)
        .context("the programme's workflow is missing")?;
    let mut applicant = crate::domain::answers::applicant(def, profile_answers, &app.answers);
    applicant.exams = app.scores.clone();
    let mut vars = evaluate::vars_of(def, program, workflow, &applicant);
    vars.application = facts.vars();
    when.eval_bool(&vars)
        .map_err(|e| anyhow::anyhow!("the condition of a rule: {e}"))
}

/// The document or booking a firing is about, read from its occurrence.
#[derive(Default)]
struct About {
    document: Option<crate::domain::cycle::model::Text>,
    exam: Option<(
        crate::domain::cycle::model::Text,
        Option<NaiveDateTime>,
        Option<crate::domain::cycle::model::Text>,
    )>,
}

impl About {
    /// `program` is the application's programme, whose exams a booking is of.
    fn of(
        conn: &mut DbConn,
        def: &Definition,
        program: &str,
        firing: &Firing,
    ) -> anyhow::Result<About> {
        let mut about = About::default();
        let subject = firing
            .occurrence
            .split(['#', '@'])
            .next()
            .unwrap_or_default();
        if let Some(document) = subject.strip_prefix("document:") {
            if let Some(row) = db::documents::find(conn, document)? {
                about.document = def
                    .requirement(&row.requirement)
                    .map(|(d, _)| d.name.get_ref().clone());
            }
        }
        if let Some(booking) = subject.strip_prefix("booking:") {
            let id = crate::domain::ids::BookingId::new(booking.to_owned());
            if let Some(row) = db::exams::find(conn, &id)? {
                if let Some(exam) = def
                    .exams_of(program)
                    .iter()
                    .find(|e| e.key.get_ref() == &row.exam_key)
                {
                    let session = exam
                        .sessions
                        .iter()
                        .find(|s| s.key.get_ref() == &row.session_key);
                    about.exam = Some((
                        exam.name.get_ref().clone(),
                        session.and_then(|s| warsaw_time(s.starts.get_ref())),
                        session.and_then(|s| s.place.as_ref().map(|p| p.get_ref().clone())),
                    ));
                }
            }
        }
        Ok(about)
    }
}

/// The variables of a rule's message (`domain::messages::VARIABLES`), in `locale`'s words.
fn variables(
    config: &ServiceConfig,
    def: &Definition,
    app: &Application,
    status: crate::domain::ApplicationStatus,
    profile_answers: &serde_json::Map<String, serde_json::Value>,
    about: &About,
    locale: Locale,
) -> minijinja::Value {
    let i18n = I18n::new(locale);
    let code = locale.code();
    let program = def.program(app.row.program_code.as_str());
    let when = |t: Option<NaiveDateTime>| t.map(|t| i18n.datetime(&t)).unwrap_or_default();
    let fee = program
        .and_then(|p| {
            crate::domain::money::Money::parse(p.fee.amount.get_ref(), p.fee.currency.get_ref())
                .ok()
        })
        .map(|m| crate::i18n::format::money(&m, code))
        .unwrap_or_default();
    let (exam, starts, place) = match &about.exam {
        Some((name, starts, place)) => (
            pick(name, code),
            when(*starts),
            place.as_ref().map(|p| pick(p, code)).unwrap_or_default(),
        ),
        None => Default::default(),
    };
    minijinja::context! {
        institution => config.institution.name(locale),
        first_name => profile_answers.get("first_name").and_then(|v| v.as_str()).unwrap_or_default(),
        programme => program.map(|p| pick(p.name.get_ref(), code)).unwrap_or_default(),
        status => i18n.t(&status.message_id()),
        link => config.link(&format!("/applications/{}", app.row.id)),
        receipt => app.row.receipt_number.clone().unwrap_or_default(),
        closes => when(warsaw_time(def.cycle.cycle.closes.get_ref())),
        payment_deadline => when(payment_deadline(def)),
        fee,
        document => about.document.as_ref().map(|d| pick(d, code)).unwrap_or_default(),
        exam,
        starts,
        place,
    }
}

/// The message `name` in `locale` (or the first language it has), put into words.
fn write(
    def: &Definition,
    name: &str,
    locale: Locale,
    vars: &minijinja::Value,
) -> anyhow::Result<RenderedEmail> {
    let message = def
        .message(name)
        .with_context(|| format!("message {name} is not in the definition"))?;
    let text = message
        .get(locale.code())
        .or_else(|| message.values().next())
        .with_context(|| format!("message {name} has no language"))?;
    let rendered = crate::domain::messages::render(text, vars)
        .map_err(|e| anyhow::anyhow!("message {name}: {e}"))?;
    Ok(RenderedEmail {
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
    })
}
