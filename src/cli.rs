//! The `admitto` command line: serve, migrate, worker, user management.

use crate::config::Settings;
use crate::db;
use crate::domain::{EmailAddress, Locale, Role};
use crate::jobs::Worker;
use crate::notify::Mailer;
use crate::services::cycles::ApplyOutcome;
use crate::services::{demo, staff, ServiceConfig};
use crate::startup::Application;
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "admitto",
    version,
    about = "University admissions self-service portal"
)]
struct Cli {
    /// Settings file (optional; ADMITTO_* environment variables override it).
    #[arg(long, global = true, default_value = "admitto.toml")]
    config: PathBuf,
    /// Data directory (SQLite database, secret key, file mail). Default: ./var
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web portal (and the job worker, unless --no-worker).
    Serve {
        /// Demo mode: demo staff accounts (printed at start) and a mailbox at /dev/mailbox.
        #[arg(long)]
        demo: bool,
        /// Address to listen on. Default: 127.0.0.1:8080
        #[arg(long)]
        bind: Option<String>,
        /// Do not run the job worker in this process.
        #[arg(long)]
        no_worker: bool,
        /// Allow --demo on an address other than loopback. Anyone who reaches the portal then
        /// reads every email at /dev/mailbox, password-reset links included.
        #[arg(long)]
        demo_on_network: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Run the job worker (email delivery, maintenance) without the web server.
    Worker {
        /// Run every ready job, then exit.
        #[arg(long)]
        once: bool,
    },
    /// Check an admission-cycle definition (admin-config/).
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Fees: bank statements.
    Payments {
        #[command(subcommand)]
        command: PaymentsCommand,
    },
}

#[derive(Subcommand)]
enum PaymentsCommand {
    /// Import a bank statement (MT940 in UTF-8 or Windows-1250, or camt.053 XML): credits to
    /// candidates' account numbers pay their fees; the rest waits in the staff queue at
    /// /staff/payments. Importing a file again credits nothing twice.
    Import {
        file: PathBuf,
        /// Read account numbers with the demo's prefix (a database made by `serve --demo`).
        #[arg(long)]
        demo: bool,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Validate DIR; print every problem as `file:line: message` and exit 1 if there is any.
    Check { dir: PathBuf },
    /// Validate DIR and import it as the new published version (previous versions stay).
    Apply { dir: PathBuf },
    /// Write the current published version to DIR as TOML files.
    Export { dir: PathBuf },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff account and print a single-use link to set its password.
    Create {
        /// officer, program_admin, registrar, finance or admin
        #[arg(long)]
        role: String,
        #[arg(long)]
        email: String,
        /// Language of the invitation email: pl or en
        #[arg(long, default_value = "pl")]
        locale: String,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("admitto: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    // Checking a definition needs no settings, database or logging.
    if let Command::Config {
        command: ConfigCommand::Check { dir },
    } = &cli.command
    {
        return config_check(dir);
    }
    let mut settings = Settings::load(&cli.config)?;
    if let Some(dir) = cli.data_dir {
        settings.data_dir = dir;
    }
    crate::telemetry::init(settings.log_format, &settings.log_level);
    match cli.command {
        Command::Serve {
            demo,
            bind,
            no_worker,
            demo_on_network,
        } => {
            settings.demo = demo;
            if let Some(bind) = bind {
                settings.bind = bind;
            }
            if demo {
                demo_may_listen_on(&settings.bind, demo_on_network)?;
            }
            if no_worker {
                settings.run_worker = false;
            }
            serve(settings)
        }
        Command::Migrate => {
            let (_, applied) = open_database(&settings)?;
            println!("migrations applied: {applied}");
            Ok(())
        }
        Command::Worker { once } => {
            let (pool, _) = open_database(&settings)?;
            // Links in what it sends, and the gateway it sweeps, as `serve` has them (the secret
            // key the demo sandbox signs with may be kept in the data directory).
            std::fs::create_dir_all(&settings.data_dir)?;
            let public_url = settings
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", settings.bind));
            let worker = Worker::new(
                pool,
                Mailer::from_settings(&settings)?,
                settings.mail.from.clone(),
            )
            .with_services(crate::startup::service_config(&settings, &public_url)?)?;
            if once {
                let n = worker.run_until_idle()?;
                println!("jobs run: {n}");
                return Ok(());
            }
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let flag = stop.clone();
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            std::thread::spawn(move || {
                runtime.block_on(async {
                    let _ = tokio::signal::ctrl_c().await;
                });
                flag.store(true, std::sync::atomic::Ordering::Relaxed);
            });
            tracing::info!(worker = %worker.id, "worker started");
            worker.run_until_stopped(&stop);
            Ok(())
        }
        Command::Config {
            command: ConfigCommand::Apply { dir },
        } => {
            let files =
                crate::config::admin::read_dir(&dir).map_err(|problems| report(&dir, &problems))?;
            let (pool, _) = open_database(&settings)?;
            match crate::services::cycles::apply(&mut *pool.get()?, files, None)? {
                ApplyOutcome::Applied { cycle, version } => {
                    println!("published cycle {cycle} version {version}")
                }
                ApplyOutcome::Unchanged { cycle, version } => {
                    println!(
                        "cycle {cycle} version {version} is already published with this content"
                    )
                }
                ApplyOutcome::Invalid(problems) => return Err(report(&dir, &problems)),
            }
            Ok(())
        }
        Command::Config {
            command: ConfigCommand::Export { dir },
        } => {
            let (pool, _) = open_database(&settings)?;
            let (row, files) = crate::services::cycles::current_files(&mut *pool.get()?)?.context(
                "no cycle version has been published yet (use `admitto config apply DIR`)",
            )?;
            crate::config::admin::write_dir(&dir, &files)?;
            println!(
                "wrote cycle {} version {} to {}",
                row.cycle_code,
                row.version,
                dir.display()
            );
            Ok(())
        }
        // Answered above, before settings are read.
        Command::Config {
            command: ConfigCommand::Check { .. },
        } => Ok(()),
        Command::Payments {
            command: PaymentsCommand::Import { file, demo },
        } => payments_import(&settings, &file, demo),
        Command::User {
            command:
                UserCommand::Create {
                    role,
                    email,
                    locale,
                },
        } => {
            let role = Role::parse(&role)
                .filter(|r| r.is_staff())
                .with_context(|| format!("unknown staff role {role:?}; use officer, program_admin, registrar, finance or admin"))?;
            let email = EmailAddress::parse(&email)
                .map_err(|_| anyhow::anyhow!("{email:?} is not a valid email address"))?;
            let locale = Locale::parse(&locale).context("locale must be pl or en")?;
            let (pool, _) = open_database(&settings)?;
            let public_url = settings
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", settings.bind));
            let cfg = ServiceConfig::new(&settings, public_url);
            let mut conn = pool.get()?;
            let invitation = staff::create_staff_user(&mut conn, &cfg, &email, role, locale)?;
            println!(
                "{} {email} ({role}).\nSet-password link (single use, valid 72 hours):\n{}",
                if invitation.created {
                    "Created"
                } else {
                    "Re-invited"
                },
                invitation.set_password_link
            );
            Ok(())
        }
    }
}

fn payments_import(settings: &Settings, file: &std::path::Path, demo: bool) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let (pool, _) = open_database(settings)?;
    let public_url = settings
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", settings.bind));
    let mut cfg = ServiceConfig::new(settings, public_url);
    cfg.transfers = crate::services::payments::transfers::TransferPlan::from_settings(
        &settings.transfers,
        demo,
    )?;
    if cfg.transfers.is_none() {
        println!("transfers.account_prefix is not set: every credit goes to the staff queue");
    }
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let report = crate::services::payments::transfers::import_statement(
        &mut *pool.get()?,
        &cfg,
        &bytes,
        &name,
        None,
    )?
    .map_err(|problem| {
        anyhow::anyhow!("{}: refused, nothing imported: {problem}", file.display())
    })?;
    println!(
        "{}: {} statement(s), {} new credit(s): {} matched ({} fee(s) paid), {} left for staff; {} imported before",
        file.display(),
        report.statements,
        report.counts.credits,
        report.counts.matched,
        report.fees_paid,
        report.counts.unmatched,
        report.counts.repeated
    );
    Ok(())
}

fn config_check(dir: &std::path::Path) -> anyhow::Result<()> {
    match crate::config::admin::load(dir) {
        Ok(definition) => {
            println!(
                "{}: cycle {} with {} programmes and {} workflows: no problems found",
                dir.display(),
                definition.cycle.cycle.code.get_ref(),
                definition.programs.len(),
                definition.workflows.len()
            );
            Ok(())
        }
        Err(problems) => Err(report(dir, &problems)),
    }
}

/// Prints each problem as `path:line: message` (path under the checked directory) and returns
/// the error that ends the command.
fn report(dir: &std::path::Path, problems: &[crate::domain::cycle::Problem]) -> anyhow::Error {
    for problem in problems {
        println!(
            "{}:{}: {}",
            dir.join(&problem.file).display(),
            problem.line,
            problem.message
        );
    }
    anyhow::anyhow!("{} problem(s) found in {}", problems.len(), dir.display())
}

/// Demo mode publishes `admin-config/` (when the portal runs from the repository) unless the
/// same content is already the current version.
fn import_demo_cycle(conn: &mut db::DbConn) -> anyhow::Result<()> {
    let dir = std::path::Path::new("admin-config");
    if !dir.join("cycle.toml").exists() {
        println!("No admin-config/ here: no admission cycle imported");
        return Ok(());
    }
    let files = crate::config::admin::read_dir(dir).map_err(|problems| report(dir, &problems))?;
    match crate::services::cycles::apply(conn, files, None)? {
        ApplyOutcome::Applied { cycle, version } => {
            println!("Imported admin-config/: cycle {cycle} version {version}")
        }
        ApplyOutcome::Unchanged { cycle, version } => {
            println!("Admission cycle {cycle} version {version} is current")
        }
        ApplyOutcome::Invalid(problems) => return Err(report(dir, &problems)),
    }
    Ok(())
}

fn open_database(settings: &Settings) -> anyhow::Result<(db::Pool, usize)> {
    std::fs::create_dir_all(&settings.data_dir).with_context(|| {
        format!(
            "creating the data directory {}",
            settings.data_dir.display()
        )
    })?;
    let pool = db::build_pool(&settings.database_url(), 2)?;
    let applied = db::run_migrations(&mut *pool.get()?)?;
    crate::services::upgrades::run(&mut *pool.get()?)?;
    Ok((pool, applied))
}

/// Demo mode shows every email to whoever opens `/dev/mailbox`, so it listens on loopback
/// only, unless the operator confirms the network address.
fn demo_may_listen_on(bind: &str, confirmed: bool) -> anyhow::Result<()> {
    let host = bind.rsplit_once(':').map_or(bind, |(host, _)| host);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback || confirmed {
        return Ok(());
    }
    anyhow::bail!(
        "refusing --demo on {bind}: anyone who reaches it reads every email at /dev/mailbox, \
         password-reset links included, and can take over the demo administrator. Bind to \
         127.0.0.1, or add --demo-on-network if this network is yours alone."
    )
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    let demo = settings.demo;
    let scanning = settings.scan.clamd.is_some();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let app = Application::build(settings)?;
        let url = app.public_url().to_owned();
        if demo {
            let mut conn = app.pool.get()?;
            import_demo_cycle(&mut conn)?;
            let accounts = demo::ensure_demo_staff(&mut conn)?;
            println!("Admitto demo is running at {url}");
            println!("Every email the portal sends appears at {url}/dev/mailbox");
            println!(
                "  (anyone who can open it reads password-reset links too: keep demo mode to yourself)"
            );
            if !scanning {
                println!("Uploads are not scanned for malware (set [scan] clamd to turn it on).");
            }
            println!("Demo staff accounts (new passwords on every start):");
            for a in accounts {
                println!("  {:<14} {:<36} {}", a.role.as_str(), a.email, a.password);
            }
        } else {
            println!("Admitto is running at {url}");
        }
        app.run_until_stopped().await.context("running the server")
    })
}

#[cfg(test)]
mod tests {
    use super::demo_may_listen_on;

    #[test]
    fn demo_mode_listens_on_loopback_unless_the_network_is_confirmed() {
        for bind in [
            "127.0.0.1:8080",
            "localhost:8080",
            "[::1]:8080",
            "127.0.0.2:80",
        ] {
            assert!(demo_may_listen_on(bind, false).is_ok(), "{bind}");
        }
        for bind in [
            "0.0.0.0:8080",
            "192.168.1.20:8080",
            "[::]:8080",
            "example.edu:80",
        ] {
            let refused = demo_may_listen_on(bind, false).unwrap_err().to_string();
            assert!(refused.contains("/dev/mailbox"), "{bind}: {refused}");
            assert!(demo_may_listen_on(bind, true).is_ok(), "{bind}");
        }
    }
}
