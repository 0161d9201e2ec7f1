//! The application journey: starting an application, saving profile and application steps,
//! submitting (once, whatever the number of clicks), withdrawing. Each status change writes its
//! history row, and the emails it causes, in the same transaction.

use crate::db::applications::{self as rows, ApplicationRow};
use crate::db::{self, write_tx, DbConn};
use crate::domain::answers::{self, FormInput, StepOutcome};
use crate::domain::checklist;
use crate::domain::checklist::{Item, ItemKind, ItemState};
use crate::domain::cycle::evaluate::{evaluate, Compiled, Preview, Scope};
use crate::domain::cycle::Definition;
use crate::domain::documents::LatestDocument;
use crate::domain::history::HistoryEntry;
use crate::domain::ids::{ApplicationId, ProgrammeCode};
use crate::domain::status::{
    ApplicationStatus, CHANGEABLE_AFTER_SUBMISSION, EDITABLE, WITHDRAWABLE,
};
use crate::domain::Locale;
use crate::domain::UserId;
use crate::notify::emails::{EmailMessage, Recipient};
use crate::services::transitions::{self, Notification, Transition};
use crate::services::ServiceConfig;
use anyhow::Context;
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Whether the workflow of `program` lets candidates change submitted applications.
pub fn changes_after_submission(def: &Definition, program: &str) -> bool {
    def.workflow_of(program)
        .is_some_and(|w| w.workflow.changes_after_submission)
}

/// The statuses in which answers of an application to `program` may change.
fn changeable(def: &Definition, program: &str) -> Vec<ApplicationStatus> {
    let mut statuses = EDITABLE.to_vec();
    if changes_after_submission(def, program) {
        statuses.extend(CHANGEABLE_AFTER_SUBMISSION);
    }
    statuses
}

/// A candidate's shared profile: answers and the steps saved complete.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub answers: Map<String, Value>,
    pub saved_steps: Vec<String>,
}

fn parse_map(json: &str) -> anyhow::Result<Map<String, Value>> {
    serde_json::from_str(json).context("reading stored answers")
}

fn parse_list(json: &str) -> anyhow::Result<Vec<String>> {
    serde_json::from_str(json).context("reading stored step list")
}

pub fn profile(conn: &mut DbConn, candidate_id: &str) -> anyhow::Result<Profile> {
    match rows::profile(conn, candidate_id)? {
        None => Ok(Profile::default()),
        Some(row) => Ok(Profile {
            answers: parse_map(&row.answers)?,
            saved_steps: parse_list(&row.saved_steps)?,
        }),
    }
}

/// An application with its answers read.
#[derive(Debug, Clone)]
pub struct Application {
    pub row: ApplicationRow,
    pub answers: Map<String, Value>,
    pub saved_steps: Vec<String>,
    /// Exam key → the score that counts, for the exams scored so far.
    pub scores: HashMap<String, f64>,
}

impl Application {
    pub fn from_row(row: ApplicationRow) -> anyhow::Result<Application> {
        Ok(Application {
            answers: parse_map(&row.answers)?,
            saved_steps: parse_list(&row.saved_steps)?,
            scores: HashMap::new(),
            row,
        })
    }

    /// Still a draft: answers change freely and it can be submitted.
    pub fn is_editable(&self) -> bool {
        self.row.status.is_editable()
    }

    /// Whether the candidate may change its answers and documents now: a draft, or a submitted
    /// application whose workflow allows changes after submission.
    pub fn can_change(&self, def: &Definition) -> bool {
        self.is_editable()
            || (CHANGEABLE_AFTER_SUBMISSION.contains(&self.row.status)
                && changes_after_submission(def, self.row.program_code.as_str()))
    }

    pub fn can_withdraw(&self) -> bool {
        WITHDRAWABLE.contains(&self.row.status)
    }
}

/// The candidate's application `id` (None when it is not theirs).
pub fn owned(
    conn: &mut DbConn,
    id: &ApplicationId,
    candidate: &UserId,
) -> anyhow::Result<Option<Application>> {
    let found = rows::find_owned(conn, id, candidate)?
        .map(Application::from_row)
        .transpose()?;
    Ok(with_scores(conn, found.into_iter().collect())?.pop())
}

pub fn for_candidate(conn: &mut DbConn, candidate: &UserId) -> anyhow::Result<Vec<Application>> {
    let apps = rows::for_candidate(conn, candidate)?
        .into_iter()
        .map(Application::from_row)
        .collect::<anyhow::Result<Vec<_>>>()?;
    with_scores(conn, apps)
}

/// The applications with their exam scores (one query for all of them).
pub fn with_scores(
    conn: &mut DbConn,
    mut apps: Vec<Application>,
) -> anyhow::Result<Vec<Application>> {
    if apps.is_empty() {
        return Ok(apps);
    }
    let ids: Vec<&str> = apps.iter().map(|a| a.row.id.as_str()).collect();
    let mut scores = db::exams::counted_scores(conn, &ids)?;
    for app in &mut apps {
        app.scores = scores.remove(app.row.id.as_str()).unwrap_or_default();
    }
    Ok(apps)
}

#[derive(Debug)]
pub enum StartOutcome {
    Started(ApplicationId),
    /// The candidate already applies to this programme: its application.
    Exists(ApplicationId),
    Closed,
    UnknownProgramme,
    /// The cycle's `max_applications` is reached.
    Limit(u32),
}

/// Starts an application to `program` on the given published version, or finds the existing
/// one. Two clicks at once make one application (a unique constraint decides).
pub fn start(
    conn: &mut DbConn,
    def: &Definition,
    version_id: &str,
    candidate: &UserId,
    program: &ProgrammeCode,
) -> anyhow::Result<StartOutcome> {
    let candidate_id = candidate.as_str();
    let cycle = def.cycle.cycle.code.get_ref().clone();
    if !def
        .programs
        .iter()
        .any(|(_, p)| p.program.code.get_ref() == program.as_str())
    {
        return Ok(StartOutcome::UnknownProgramme);
    }
    if let Some(existing) = rows::find_by_program(conn, candidate, &cycle, program)? {
        return Ok(StartOutcome::Exists(existing.id));
    }
    let now = db::now();
    if !crate::domain::cycle::registration_open(def, now) {
        return Ok(StartOutcome::Closed);
    }
    let id = ApplicationId::new(db::new_id());
    let max = def.cycle.cycle.max_applications;
    // Counted and inserted in one transaction that holds the candidate's row lock, so clicks
    // on several programmes at once cannot all pass the count.
    // Ok(inserted), or Err(the limit) when the candidate has that many applications already.
    let inserted = write_tx(conn, |conn| -> anyhow::Result<Result<bool, u32>> {
        db::users::lock(conn, candidate_id)?;
        if let Some(max) = max {
            let active = rows::for_candidate(conn, candidate)?
                .iter()
                .filter(|a| a.cycle_code == cycle && a.status != ApplicationStatus::Withdrawn)
                .count();
            if active >= max as usize {
                return Ok(Err(max));
            }
        }
        let inserted = rows::insert_application(
            conn,
            &rows::NewApplication {
                id: &id,
                candidate_id,
                cycle_code: &cycle,
                program_code: program.as_str(),
                cycle_version_id: version_id,
                status: ApplicationStatus::Draft,
                now,
            },
        )?;
        if inserted {
            transitions::record(
                conn,
                &id,
                None,
                ApplicationStatus::Draft,
                Some(candidate_id),
                &HistoryEntry::Started,
                now,
            )?;
        }
        Ok(Ok(inserted))
    });
    let inserted = match inserted {
        Ok(Err(max)) => return Ok(StartOutcome::Limit(max)),
        Ok(Ok(inserted)) => Ok(inserted),
        Err(e) => Err(e),
    };
    match inserted {
        Ok(true) => Ok(StartOutcome::Started(id)),
        // Lost a race with another click: the other request made it.
        other => match rows::find_by_program(conn, candidate, &cycle, program)? {
            Some(existing) => Ok(StartOutcome::Exists(existing.id)),
            None => Err(other
                .err()
                .unwrap_or_else(|| anyhow::anyhow!("application neither inserted nor found"))),
        },
    }
}

/// The programme whose workflow decides profile visibility when no application is at hand
/// (profile conditions cannot read the programme, so any will do).
pub fn any_program(def: &Definition) -> Option<String> {
    def.programs
        .first()
        .map(|(_, p)| p.program.code.get_ref().clone())
}

/// Everything one application's pages show: what applies, the checklist, the points.
pub struct Evaluated {
    pub preview: Preview,
    pub checklist: Vec<Item>,
}

pub fn evaluate_application(
    def: &Definition,
    compiled: &Compiled,
    app: &Application,
    profile: &Profile,
    documents: &[LatestDocument],
) -> anyhow::Result<Evaluated> {
    let program = app.row.program_code.as_str();
    let mut applicant = answers::applicant(def, &profile.answers, &app.answers);
    applicant.exams = app.scores.clone();
    let preview = evaluate(def, compiled, program, &applicant).map_err(anyhow::Error::msg)?;
    let checklist = checklist::checklist(
        def,
        program,
        &preview,
        &applicant,
        &profile.saved_steps,
        &app.saved_steps,
        documents,
    );
    Ok(Evaluated { preview, checklist })
}

/// Saves one step. Valid answers are stored even when others on the step are wrong (nothing
/// typed correctly is lost); the step counts as saved only without errors or new questions.
#[allow(clippy::too_many_arguments)]
pub fn save_step(
    conn: &mut DbConn,
    config: &ServiceConfig,
    def: &Definition,
    compiled: &Compiled,
    candidate: &UserId,
    application: Option<&Application>,
    scope: Scope,
    step_key: &str,
    input: FormInput<'_>,
    shown: &[String],
    today: NaiveDate,
) -> anyhow::Result<Option<StepOutcome>> {
    let candidate_id = candidate.as_str();
    let profile = profile(conn, candidate_id)?;
    let program = match application {
        Some(a) => a.row.program_code.to_string(),
        None => any_program(def).context("the cycle has no programmes")?,
    };
    let answers = application.map(|a| a.answers.clone()).unwrap_or_default();
    let outcome = answers::read_step(
        def,
        compiled,
        &program,
        &profile.answers,
        &answers,
        scope,
        step_key,
        input,
        shown,
        today,
    )
    .map_err(anyhow::Error::msg)?;
    let mark = |saved: &[String]| -> anyhow::Result<String> {
        let mut saved: Vec<String> = saved.iter().filter(|s| *s != step_key).cloned().collect();
        if outcome.is_complete() {
            saved.push(step_key.to_owned());
        }
        Ok(serde_json::to_string(&saved)?)
    };
    let now = db::now();
    match scope {
        Scope::Profile => {
            rows::ensure_profile(conn, candidate_id, now)?;
            let answers_json = serde_json::to_string(&outcome.answers)?;
            let saved_json = mark(&profile.saved_steps)?;
            let text = |key: &str| {
                outcome
                    .answers
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned()
            };
            let full_name = [text("first_name"), text("last_name")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            write_tx(conn, |conn| {
                rows::update_profile(
                    conn,
                    candidate_id,
                    &rows::ProfileUpdate {
                        answers: &answers_json,
                        saved_steps: &saved_json,
                        full_name: &full_name,
                        citizenship: &text("citizenship"),
                        now,
                    },
                )
            })?;
        }
        Scope::Application => {
            let Some(app) = application else {
                anyhow::bail!("an application step needs its application");
            };
            let answers_json = serde_json::to_string(&outcome.answers)?;
            let saved_json = mark(&app.saved_steps)?;
            let allowed = changeable(def, app.row.program_code.as_str());
            let updated = write_tx(conn, |conn| -> anyhow::Result<usize> {
                let updated = rows::update_answers(
                    conn,
                    &app.row.id,
                    candidate,
                    &allowed,
                    &answers_json,
                    &saved_json,
                    now,
                )?;
                if updated == 1 && !app.is_editable() {
                    // A change after submission sends the application back for review.
                    transitions::apply(
                        conn,
                        config,
                        &Transition {
                            application_id: &app.row.id,
                            from: app.row.status,
                            to: ApplicationStatus::Submitted,
                            actor: Some(candidate_id),
                            entry: HistoryEntry::ChangedAfterSubmission {
                                step: step_key.to_owned(),
                            },
                            receipt: None,
                            notifications: vec![],
                            chain: 0,
                        },
                        now,
                    )?;
                }
                Ok(updated)
            })?;
            if updated == 0 {
                // Submitted or withdrawn meanwhile (e.g. in another tab): nothing is changed.
                return Ok(None);
            }
        }
    }
    Ok(Some(outcome))
}

/// A receipt number: the day and six random characters, e.g. `20270712-7KQ3ZP`.
fn receipt_number(now: NaiveDateTime) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let random: String = (0..6)
        .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{}-{random}", now.format("%Y%m%d"))
}

#[derive(Debug)]
pub enum SubmitOutcome {
    /// This request submitted the application.
    Submitted {
        receipt: String,
    },
    /// It was submitted before (another click, tab or retry): the same receipt.
    AlreadySubmitted {
        receipt: String,
    },
    /// What is still missing.
    Incomplete(Vec<Item>),
    Closed,
    /// Withdrawn or otherwise past submission.
    NotSubmittable,
}

pub struct SubmitContext<'a> {
    pub def: &'a Definition,
    pub compiled: &'a Compiled,
    pub config: &'a ServiceConfig,
    pub documents: &'a [LatestDocument],
}

/// Submits the application when nothing blocking is missing. One conditional statement moves it
/// from draft to submitted with its receipt, so of any number of concurrent attempts exactly
/// one submits (and writes the history row and the email); the others report that one.
pub fn submit(
    conn: &mut DbConn,
    ctx: &SubmitContext<'_>,
    application_id: &ApplicationId,
    candidate: &UserId,
) -> anyhow::Result<Option<SubmitOutcome>> {
    let candidate_id = candidate.as_str();
    let Some(app) = owned(conn, application_id, candidate)? else {
        return Ok(None);
    };
    if let Some(receipt) = app.row.receipt_number.clone() {
        return Ok(Some(SubmitOutcome::AlreadySubmitted { receipt }));
    }
    if !app.is_editable() {
        return Ok(Some(SubmitOutcome::NotSubmittable));
    }
    let now = db::now();
    if !crate::domain::cycle::registration_open(ctx.def, now) {
        return Ok(Some(SubmitOutcome::Closed));
    }
    let profile = profile(conn, candidate_id)?;
    let evaluated = evaluate_application(ctx.def, ctx.compiled, &app, &profile, ctx.documents)?;
    let fee = evaluated
        .checklist
        .iter()
        .find_map(|item| match &item.kind {
            ItemKind::Fee(money) => Some((money.clone(), item.state == ItemState::Waived)),
            _ => None,
        });
    let missing: Vec<Item> = evaluated
        .checklist
        .into_iter()
        .filter(Item::is_outstanding)
        .collect();
    if !missing.is_empty() {
        return Ok(Some(SubmitOutcome::Incomplete(missing)));
    }
    let user = db::users::find(conn, candidate_id)?.context("candidate missing")?;
    let locale = user.locale_or(Locale::Pl);
    let programme = ctx
        .def
        .programs
        .iter()
        .find(|(_, p)| p.program.code.get_ref() == app.row.program_code.as_str())
        .map(|(_, p)| p.program.name.get_ref().clone())
        .unwrap_or_default();
    let receipt = receipt_number(now);
    let submitted = write_tx(conn, |conn| {
        transitions::apply(
            conn,
            ctx.config,
            &Transition {
                application_id: &app.row.id,
                from: app.row.status,
                to: ApplicationStatus::Submitted,
                actor: Some(candidate_id),
                entry: HistoryEntry::Submitted {
                    receipt: receipt.clone(),
                },
                chain: 0,
                receipt: Some(&receipt),
                notifications: vec![Notification {
                    to: Recipient {
                        email: &user.email,
                        user_id: Some(&user.id),
                        locale,
                        // Filled in by the transition.
                        application_id: None,
                    },
                    message: EmailMessage::ApplicationSubmitted {
                        programme: programme.clone(),
                        receipt: receipt.clone(),
                        submitted_at: now,
                        link: ctx.config.link(&format!("/applications/{}", app.row.id)),
                    },
                    dedup_key: Some(format!("submitted:{}", app.row.id)),
                }],
            },
            now,
        )
        .and_then(|submitted| {
            if let (true, Some((money, waived))) = (submitted, &fee) {
                super::payments::open_order(conn, &app.row.id, money, *waived, now)?;
            }
            Ok(submitted)
        })
    })?;
    if submitted {
        return Ok(Some(SubmitOutcome::Submitted { receipt }));
    }
    let current = owned(conn, application_id, candidate)?.context("application vanished")?;
    Ok(Some(match current.row.receipt_number {
        Some(receipt) => SubmitOutcome::AlreadySubmitted { receipt },
        None => SubmitOutcome::NotSubmittable,
    }))
}

#[derive(Debug, PartialEq, Eq)]
pub enum WithdrawOutcome {
    Withdrawn,
    AlreadyWithdrawn,
    NotWithdrawable,
}

/// What else leaves with a withdrawn application (its bookings: `exams::release_all`), run in
/// the withdrawal's transaction. Passed in, so that this module does not depend on the exams
/// that depend on it.
pub type Release =
    fn(&mut DbConn, &ServiceConfig, &Application, NaiveDateTime) -> anyhow::Result<()>;

/// Withdraws the application (from any status before a final decision), with a history row;
/// `release` gives up what it held.
pub fn withdraw(
    conn: &mut DbConn,
    config: &ServiceConfig,
    application_id: &ApplicationId,
    candidate: &UserId,
    release: Release,
) -> anyhow::Result<Option<WithdrawOutcome>> {
    let candidate_id = candidate.as_str();
    let Some(app) = owned(conn, application_id, candidate)? else {
        return Ok(None);
    };
    if app.row.status == ApplicationStatus::Withdrawn {
        return Ok(Some(WithdrawOutcome::AlreadyWithdrawn));
    }
    if !app.can_withdraw() {
        return Ok(Some(WithdrawOutcome::NotWithdrawable));
    }
    let now = db::now();
    let changed = write_tx(conn, |conn| {
        transitions::apply(
            conn,
            config,
            &Transition {
                application_id: &app.row.id,
                from: app.row.status,
                to: ApplicationStatus::Withdrawn,
                actor: Some(candidate_id),
                entry: HistoryEntry::Withdrawn,
                receipt: None,
                notifications: vec![],
                chain: 0,
            },
            now,
        )
        .and_then(|changed| {
            if changed {
                release(conn, config, &app, now)?;
            }
            Ok(changed)
        })
    })?;
    Ok(Some(if changed {
        WithdrawOutcome::Withdrawn
    } else {
        WithdrawOutcome::AlreadyWithdrawn
    }))
}

/// Records on each of the candidate's submitted applications (still under consideration) that
/// the shared profile changed after submission, so staff know the data they see moved.
pub fn note_profile_change(conn: &mut DbConn, candidate: &UserId) -> anyhow::Result<()> {
    let candidate_id = candidate.as_str();
    let submitted: Vec<Application> = for_candidate(conn, candidate)?
        .into_iter()
        .filter(|a| a.row.receipt_number.is_some() && a.can_withdraw())
        .collect();
    if submitted.is_empty() {
        return Ok(());
    }
    let now = db::now();
    write_tx(conn, |conn| -> anyhow::Result<()> {
        for app in &submitted {
            transitions::record(
                conn,
                &app.row.id,
                Some(app.row.status),
                app.row.status,
                Some(candidate_id),
                &HistoryEntry::ProfileChanged,
                now,
            )?;
        }
        Ok(())
    })
}
