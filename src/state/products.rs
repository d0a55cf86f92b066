//! Renaming a product of the catalogue, or merging two spellings of one: every line
//! of every order with that product (its name folded: case and diacritics ignored)
//! takes the new name, one storage bucket at a time (each bucket all or nothing,
//! through the one write path), only in the buckets whose customers bought it.
//! Progress is reported per bucket; the views and the analysis are told once, at
//! the end. Undo puts the old names back.

use super::data::Data;
use super::error::AppError;
use clientele_core::command::RecordCommand;
use clientele_core::model::OrderField;
use clientele_core::search::fold;
use clientele_core::Order;
use std::sync::Arc;

/// A rename done: what undoes it, per bucket.
#[derive(Clone)]
pub struct Renamed {
    /// Orders changed.
    pub orders: usize,
    undo: Arc<Vec<(u32, Vec<RecordCommand<Order>>)>>,
}

impl Data {
    /// Renames product `from` (a catalogue term) to `to` in every order; `progress`
    /// hears (buckets done, buckets to do).
    pub async fn rename_product(
        &self,
        term: u32,
        to: &str,
        progress: impl Fn(usize, usize),
    ) -> Result<Renamed, AppError> {
        let to = to.trim().to_string();
        let (from, buckets) =
            self.untracked(|db| (db.terms().text(term).to_string(), db.buckets_with(term)));
        let key = fold(&from);
        let storage = self.storage()?;
        let mut undo = Vec::new();
        let mut orders = 0;
        for (n, &b) in buckets.iter().enumerate() {
            progress(n, buckets.len());
            let stored = storage.read::<Order>(b).await?;
            let cmds: Vec<RecordCommand<Order>> = stored
                .iter()
                .filter(|o| !o.is_deleted())
                .filter_map(|o| {
                    let mut items = o.data.items.clone();
                    let mut changed = false;
                    for i in items.iter_mut().filter(|i| fold(i.product.trim()) == key) {
                        if i.product != to {
                            i.product = to.clone();
                            changed = true;
                        }
                    }
                    changed.then(|| RecordCommand::Update {
                        id: o.id,
                        changes: vec![OrderField::Items(items)],
                    })
                })
                .collect();
            if cmds.is_empty() {
                continue;
            }
            orders += cmds.len();
            match self.bucket_commands_quietly(b, cmds).await {
                Ok(back) => undo.push((b, back)),
                Err(e) => {
                    // What was renamed goes back: all or nothing.
                    let _ = self.undo_buckets(&undo).await;
                    self.changed();
                    return Err(e);
                }
            }
        }
        // The views and the analysis see the whole rename once.
        self.changed();
        progress(buckets.len(), buckets.len());
        Ok(Renamed {
            orders,
            undo: Arc::new(undo),
        })
    }

    /// Puts the old names back.
    pub async fn undo_rename(&self, r: &Renamed) -> Result<(), AppError> {
        self.undo_buckets(&r.undo).await
    }

    async fn undo_buckets(
        &self,
        done: &[(u32, Vec<RecordCommand<Order>>)],
    ) -> Result<(), AppError> {
        for (b, cmds) in done.iter().rev() {
            self.bucket_commands(*b, cmds.clone()).await?;
        }
        Ok(())
    }
}
