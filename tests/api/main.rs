//! HTTP-level specifications of Admitto, run against a real server on a random port with a

#![allow(clippy::unwrap_used, clippy::expect_used)]
//! fresh database per test: SQLite by default, PostgreSQL when `TEST_POSTGRES_URL` is set.

mod helpers;

mod accounts {
    mod login;
    mod password;
    mod register;
}
mod applications {
    mod journey;
}
mod automation {
    mod rules;
    mod staff;
}
mod cycle {
    pub(crate) mod config;
    pub(crate) mod editor;
    mod editor_exams;
}
mod documents {
    mod s3;
    mod scan;
    mod uploads;
    mod verification;
}
mod exams {
    mod booking;
    mod config;
    mod import;
    mod office;
    mod sessions;
    mod waiting;
}
mod payments {
    mod przelewy24;
    mod refunds;
    mod sandbox;
    mod stripe;
    mod transfers;
}
mod platform {
    mod architecture;
    mod cli;
    mod csrf;
    mod i18n;
    mod jobs;
    mod migrations;
    mod smtp;
}
mod public {
    mod catalogue;
    mod health;
}
mod staff {
    mod applications;
    mod home;
}
