//! HTTP-level specifications of Admitto, run against a real server on a random port with a

#![allow(clippy::unwrap_used, clippy::expect_used)]
//! fresh database per test: SQLite by default, PostgreSQL when `TEST_POSTGRES_URL` is set.

mod architecture;
mod catalogue;
mod cli;
mod config;
mod csrf;
mod editor;
mod files;
mod health;
mod helpers;
mod i18n;
mod jobs;
mod journey;
mod login;
mod migrations;
mod password;
mod register;
mod s3;
mod scan;
mod smtp;
mod staff;
mod uploads;
