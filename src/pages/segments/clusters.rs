//! Discovering groups: k-means++ on standardised features, k chosen by silhouette (or
//! by the user), run one Lloyd step per task so the page stays responsive. Each group
//! is described in words from its centroid and can be saved as a static segment.

use crate::components::SelectField;
use crate::state::{use_data, use_notices, use_segments, use_settings, SettingsState};
use clientele_core::command::RecordCommand;
use clientele_core::segment::cluster::{describe, silhouette, Clustering, KMeans, Level};
use clientele_core::segment::features::{centroid_values, customer_features, Features, BASE};
use clientele_core::segment::saved::SavedSegment;
use clientele_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

const SEED: u64 = 7;
// `words` names the five fixed feature columns: more need their words.
const _: () = assert!(BASE == 5);
const SAMPLE: usize = 1000;

struct Found {
    features: Features,
    clustering: Clustering,
    silhouette: f64,
}

async fn run_kmeans(features: &Features, k: usize) -> Clustering {
    let mut km = KMeans::new(&features.matrix, k, SEED);
    loop {
        crate::state::yield_now().await;
        if km.step(&features.matrix) {
            break;
        }
    }
    km.finish()
}

fn words(settings: &SettingsState, f: &Features, centroid: &[f64]) -> String {
    let s = settings.s();
    let parts: Vec<String> = describe(centroid, 3)
        .into_iter()
        .map(|(col, level)| {
            let high = matches!(level, Level::High | Level::VeryHigh);
            let w = if high {
                &s.feature_high
            } else {
                &s.feature_low
            };
            // The fixed columns of `customer_features`, then one per category.
            let w = match col {
                0 => w.recency.to_string(),
                1 => w.frequency.to_string(),
                2 => w.spend.to_string(),
                3 => w.average_order.to_string(),
                4 => w.tenure.to_string(),
                c => w
                    .category
                    .replace("{x}", f.categories.get(c - BASE).map_or("", String::as_str)),
            };
            if matches!(level, Level::VeryHigh | Level::VeryLow) {
                s.very.replace("{x}", &w)
            } else {
                w
            }
        })
        .collect();
    if parts.is_empty() {
        s.typical.to_string()
    } else {
        parts.join(", ")
    }
}

#[component]
pub fn ClustersPage() -> impl IntoView {
    let settings = use_settings();
    let segments = use_segments();
    let data = use_data();
    let notices = use_notices();
    let s = move || settings.s();
    let k_choice = RwSignal::new(String::new());
    let running = RwSignal::new(false);
    let found: RwSignal<Option<Rc<Found>>, LocalStorage> = RwSignal::new_local(None);
    let k_options = Signal::derive(move || {
        let mut v = vec![(String::new(), s().k_auto.to_string())];
        v.extend((2..=8).map(|k| (k.to_string(), k.to_string())));
        v
    });
    let run = move |_| {
        running.set(true);
        let fixed: Option<usize> = k_choice.get_untracked().parse().ok();
        spawn_local(async move {
            let analysis = segments.analysis_untracked();
            let features = data.untracked(|db| customer_features(db, &analysis, 5));
            let ks: Vec<usize> = match fixed {
                Some(k) => vec![k],
                None => (2..=8).collect(),
            };
            let mut best: Option<(Clustering, f64)> = None;
            for k in ks {
                if features.matrix.rows <= k {
                    break;
                }
                let c = run_kmeans(&features, k).await;
                crate::state::yield_now().await;
                let score = silhouette(&features.matrix, &c, SAMPLE, SEED);
                if best.as_ref().is_none_or(|(_, b)| score > *b) {
                    best = Some((c, score));
                }
            }
            // The page may have been left meanwhile.
            let _ = found.try_set(best.map(|(clustering, silhouette)| {
                Rc::new(Found {
                    features,
                    clustering,
                    silhouette,
                })
            }));
            let _ = running.try_set(false);
        });
    };
    let save = move |i: usize, name: String| {
        let Some(f) = found.get_untracked() else {
            return;
        };
        let ids: Vec<Id> = data.untracked(|db| {
            f.clustering
                .assignment
                .iter()
                .enumerate()
                .filter(|(_, a)| **a as usize == i)
                .map(|(row, _)| db.at(f.features.positions[row]).id)
                .collect()
        });
        let id = crate::platform::new_id();
        let cmd = RecordCommand::Create {
            id,
            data: SavedSegment {
                name,
                description: s().clusters_title.to_string(),
                rule: None,
                members: ids,
                created_at: crate::platform::now_ms(),
                deleted: false,
            },
        };
        spawn_local(async move {
            match segments.command(cmd).await {
                Ok(_) => notices.info(settings.s().saved),
                Err(e) => notices.error(e.message(settings.t())),
            }
        });
    };
    let cards = move || {
        found.get().map(|f| {
            let c = &f.clustering;
            let total = c.assignment.len().max(1);
            let main = settings.currency();
            let cards = (0..c.k)
                .map(|i| {
                    let centroid = c.centroids.row(i).to_vec();
                    let v = centroid_values(&f.features, &centroid);
                    let title = s().cluster_name.replace("{n}", &(i + 1).to_string());
                    let text = words(&settings, &f.features, &centroid);
                    let name = format!("{title}: {text}");
                    let size = c.sizes[i];
                    let share = clientele_core::format::decimal(size as f64 * 100.0 / total as f64, 1, settings.locale());
                    let spend = (v[2] * main.minor_per_major()).round() as i64;
                    let save_name = name.clone();
                    view! {
                        <article class="card cluster">
                            <h2>{title}</h2>
                            <p class="words">{text}</p>
                            <p>{format!("{} · {share} %", settings.t().customer_count(size, &settings.integer(size as i64)))}</p>
                            <dl class="kpis small">
                                <div><dt>{s().average_recency}</dt><dd>{s().days.replace("{n}", &settings.integer(v[0].round() as i64))}</dd></div>
                                <div><dt>{s().average_purchase_days}</dt><dd>{clientele_core::format::decimal(v[1], 1, settings.locale())}</dd></div>
                                <div><dt>{s().average_spend}</dt><dd>{settings.money(spend, main)}</dd></div>
                            </dl>
                            <button type="button" on:click=move |_| save(i, save_name.clone()) aria-label=format!("{}: {}", s().save_cluster, name)>{s().save_cluster}</button>
                        </article>
                    }
                })
                .collect_view();
            view! {
                <p class="muted">{s().chose_k.replace("{n}", &c.k.to_string()).replace("{x}", &clientele_core::format::decimal(f.silhouette, 2, settings.locale()))}</p>
                <div class="cluster-grid">{cards}</div>
            }
        })
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{move || s().clusters_title}</h1>
                <a href="/segments">{move || s().back}</a>
            </div>
            <p class="muted">{move || s().clusters_explain}</p>
            <div class="toolbar">
                <SelectField label=Signal::derive(move || s().k_label.to_string()) value=k_choice options=k_options class="compact"/>
                <button type="button" class="primary" on:click=run disabled=move || running.get() || segments.analysis().buyers < 3>{move || s().run_clusters}</button>
            </div>
            <p aria-live="polite" class="muted">{move || running.get().then(|| s().running)}</p>
            {cards}
        </section>
    }
}
