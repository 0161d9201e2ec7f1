//! What the payment tests share: a fee order's state, the payments in an application's history,
//! "Pay" followed to where the portal sends the candidate, and stand-in gateways served locally.

use super::TestApp;
use admitto::db::payments::FeeOrderRow;
use admitto::domain::history::HistoryEntry;
use admitto::domain::ids::ApplicationId;
use reqwest::StatusCode;

pub fn fee_order(app: &TestApp, id: &str) -> FeeOrderRow {
    admitto::services::payments::fee_order(&mut app.conn(), &ApplicationId::from(id))
        .unwrap()
        .expect("the fee order")
}

/// How many "fee paid" entries the application's history has.
pub fn fee_paid_entries(app: &TestApp, id: &str) -> usize {
    admitto::db::applications::events(&mut app.conn(), &ApplicationId::from(id))
        .unwrap()
        .iter()
        .filter(|e| matches!(e.entry, Some(HistoryEntry::FeePaid { .. })))
        .count()
}

/// Presses "Pay" and returns where the portal sends the candidate, less `prefix` (the
/// gateway's checkout page).
pub async fn pay_at(app: &TestApp, client: &reqwest::Client, id: &str, prefix: &str) -> String {
    let page = app
        .post_with(client, &format!("/applications/{id}/fee/pay"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let location = page.location.unwrap();
    location
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("to {prefix}…, not {location}"))
        .to_owned()
}

/// Serves a stand-in gateway made of `routes` on a free local port; its base URL.
pub fn serve<F>(routes: F) -> String
where
    F: Fn(&mut actix_web::web::ServiceConfig) + Clone + Send + 'static,
{
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server =
        actix_web::HttpServer::new(move || actix_web::App::new().configure(routes.clone()))
            .workers(1)
            .listen(listener)
            .unwrap()
            .run();
    tokio::spawn(server);
    url
}

/// Five "Pay" clicks at once and one after: all reach the same checkout (one is opened at the
/// gateway), whose id (less `prefix`) is returned.
pub async fn clicks_open_one(
    app: &TestApp,
    client: &reqwest::Client,
    id: &str,
    prefix: &str,
) -> String {
    let clicks = (0..5).map(|_| pay_at(app, client, id, prefix));
    let checkouts = futures_util::future::join_all(clicks).await;
    assert!(
        checkouts.iter().all(|c| *c == checkouts[0]),
        "{checkouts:?}"
    );
    assert_eq!(pay_at(app, client, id, prefix).await, checkouts[0]);
    checkouts[0].clone()
}

/// Runs the payment sweep now, as the worker's periodic job does, for checkouts open longer
/// than the configured time.
pub async fn sweep_now(app: &TestApp) -> admitto::services::payments::sweep::SweepReport {
    admitto::services::payments::sweep::sweep(
        &admitto::db::Db(app.pool.clone()),
        &app.services,
        app.services.payment_sweep_after,
    )
    .await
    .unwrap()
}
