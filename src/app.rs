//! The app: providers, the shell (navigation, notices) and the routes.

use crate::components::{Nav, Toasts};
use crate::pages::backup::{BackupPage, BackupReminder};
use crate::pages::customers::{CustomerPage, CustomersPage, NewCustomerPage};
use crate::pages::dashboard::DashboardPage;
use crate::pages::import::ImportPage;
use crate::pages::keyboard::Keyboard;
use crate::pages::not_found::NotFound;
use crate::pages::products::ProductsPage;
use crate::pages::segments::{
    ClustersPage, EditSegmentPage, NewSegmentPage, SegmentPage, SegmentsPage,
};
use crate::pages::settings::SettingsPage;
use crate::platform::tabs::Job;
use crate::state::{
    provide_data, provide_notices, provide_safety, provide_segments, provide_settings, use_data,
    use_notices, use_settings, LoadState,
};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let settings = provide_settings();
    let notices = provide_notices();
    let data = provide_data();
    provide_safety(data, notices, settings);
    provide_segments(data, settings);
    register_service_worker();
    view! {
        <Router>
            <a class="skip" href="#main">{move || use_settings().t().skip_to_content}</a>
            <Nav/>
            <main id="main">
                <LoadProblem/>
                <Elsewhere/>
                <BackupReminder/>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/customers"/> }/>
                    <Route path=path!("/dashboard") view=DashboardPage/>
                    <Route path=path!("/customers") view=CustomersPage/>
                    <Route path=path!("/customers/new") view=NewCustomerPage/>
                    <Route path=path!("/customers/:id") view=CustomerPage/>
                    <Route path=path!("/products") view=ProductsPage/>
                    <Route path=path!("/segments") view=SegmentsPage/>
                    <Route path=path!("/segments/new") view=NewSegmentPage/>
                    <Route path=path!("/segments/clusters") view=ClustersPage/>
                    <Route path=path!("/segments/:id") view=SegmentPage/>
                    <Route path=path!("/segments/:id/edit") view=EditSegmentPage/>
                    <Route path=path!("/import") view=ImportPage/>
                    <Route path=path!("/backup") view=BackupPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </Routes>
            </main>
            <Toasts/>
            <Keyboard/>
        </Router>
    }
}

/// Says why the data could not be opened (private mode, newer version...).
#[component]
fn LoadProblem() -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    move || match data.state.get() {
        LoadState::Failed(e) => {
            Some(view! { <p class="banner error" role="alert">{e.message(settings.t())}</p> })
        }
        _ => None,
    }
}

/// Says that another tab is running a bulk job (an import, a restore...) while it
/// runs, and that this tab shows its result once it has ended.
#[component]
fn Elsewhere() -> impl IntoView {
    let data = use_data();
    let settings = use_settings();
    let notices = use_notices();
    Effect::new(move |was: Option<bool>| {
        let busy = data.elsewhere.with(Option::is_some);
        if was == Some(true) && !busy {
            // "…Try again when it has finished" is stale now.
            let stale = settings.t().elsewhere_try_later;
            notices
                .list
                .update(|l| l.retain(|n| !n.text.ends_with(stale)));
            notices.info(settings.t().elsewhere_done);
        }
        busy
    });
    move || {
        data.elsewhere.get().map(|job| {
            let t = settings.t();
            view! { <p class="banner info" role="status">{format!("{} {}", Job::elsewhere(Some(job), t), t.elsewhere_wait)}</p> }
        })
    }
}

/// Registers the service worker that makes the app work offline.
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let nav = window.navigator();
    if !js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let _ = nav.service_worker().register("/sw.js");
}
