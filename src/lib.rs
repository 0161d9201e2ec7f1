//! Admitto: a university admissions self-service portal.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod i18n;
pub mod jobs;
pub mod notify;
pub mod pdf;
pub mod routes;
pub mod scan;
pub mod services;
pub mod startup;
pub mod storage;
pub mod telemetry;
pub mod thumbnail;
pub mod web;
