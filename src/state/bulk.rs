//! Changes to many customers at once (the list's bulk actions: tag, delete): the
//! commands grouped by storage bucket, each bucket in one transaction through the
//! one write path, the views told once at the end. If a bucket fails, the buckets
//! done are undone; the undo of the whole is returned.

use super::data::Data;
use super::error::AppError;
use clientele_core::command::RecordCommand;
use clientele_core::db::bucket_of;
use clientele_core::Customer;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What undoes a bulk change, bucket by bucket.
#[derive(Clone)]
pub struct BulkUndo(Arc<Vec<(u32, Vec<RecordCommand<Customer>>)>>);

impl Data {
    /// Runs customer commands (any customers, at most one each).
    pub async fn customer_commands(
        &self,
        cmds: Vec<RecordCommand<Customer>>,
    ) -> Result<BulkUndo, AppError> {
        let mut by: BTreeMap<u32, Vec<RecordCommand<Customer>>> = BTreeMap::new();
        for c in cmds {
            by.entry(bucket_of(c.id())).or_default().push(c);
        }
        let mut done = Vec::new();
        for (b, cmds) in by {
            match self.bucket_customers(b, cmds).await {
                Ok(undo) => done.push((b, undo)),
                Err(e) => {
                    let _ = self.undo_customer_buckets(&done).await;
                    self.changed();
                    return Err(e);
                }
            }
        }
        self.changed();
        Ok(BulkUndo(Arc::new(done)))
    }

    /// Undoes a bulk change.
    pub async fn undo_bulk(&self, undo: &BulkUndo) -> Result<(), AppError> {
        let result = self.undo_customer_buckets(&undo.0).await;
        self.changed();
        result
    }

    async fn undo_customer_buckets(
        &self,
        done: &[(u32, Vec<RecordCommand<Customer>>)],
    ) -> Result<(), AppError> {
        for (b, cmds) in done.iter().rev() {
            self.bucket_customers(*b, cmds.clone()).await?;
        }
        Ok(())
    }

    /// One bucket's commands, in one transaction; memory updated, views not told.
    async fn bucket_customers(
        &self,
        b: u32,
        cmds: Vec<RecordCommand<Customer>>,
    ) -> Result<Vec<RecordCommand<Customer>>, AppError> {
        let lock = self.lock_handle();
        let _guard = lock.lock().await;
        let written = self.run_all(b, cmds).await?;
        self.db.update_value(|db| db.put_stored(written.records));
        Ok(written.value.into_iter().rev().flatten().collect())
    }
}
