//! Merging two customers (`core::merge`): the kept one's data completed from the
//! other's, the other's orders and interactions moved to the kept one, the people
//! of an organisation merged away moved to the kept one, and the other left as a
//! tombstone naming the kept one. Each step goes through the one write path; if a
//! step fails, the steps done are undone, and a merge done can be undone whole.

use super::data::Data;
use super::error::AppError;
use crate::platform;
use clientele_core::command::RecordCommand;
use clientele_core::merge::combine;
use clientele_core::model::CustomerField;
use clientele_core::record::changes;
use clientele_core::{Customer, Id, Interaction, Order};
use std::sync::Arc;

/// A merge done: what undoes it, step by step, last first.
#[derive(Clone)]
pub struct Merged {
    pub keep: Id,
    pub gone: Id,
    /// Orders and interactions moved.
    pub moved: usize,
    undo: Arc<Vec<Step>>,
}

/// One written step's undo.
enum Step {
    Customer(Box<RecordCommand<Customer>>),
    Orders(Id, Vec<RecordCommand<Order>>),
    Interactions(Id, Vec<RecordCommand<Interaction>>),
}

impl Data {
    /// Merges `gone` into `keep`.
    pub async fn merge_customers(&self, keep: Id, gone: Id) -> Result<Merged, AppError> {
        let live = |id| self.customer(id).filter(|c| !c.is_deleted());
        let (Some(k), Some(g)) = (live(keep), live(gone)) else {
            return Err(AppError::NotFound);
        };
        if keep == gone {
            return Err(AppError::NotFound);
        }
        let mut done: Vec<Step> = Vec::new();
        match self
            .merge_steps(&k.data, &g.data, keep, gone, &mut done)
            .await
        {
            Ok(moved) => Ok(Merged {
                keep,
                gone,
                moved,
                undo: Arc::new(done),
            }),
            Err(e) => {
                let _ = self.undo_steps(&done).await;
                Err(e)
            }
        }
    }

    /// Undoes a merge: the other customer back, with their orders and interactions.
    pub async fn undo_merge(&self, m: &Merged) -> Result<(), AppError> {
        self.undo_steps(&m.undo).await
    }

    async fn undo_steps(&self, steps: &[Step]) -> Result<(), AppError> {
        for step in steps.iter().rev() {
            match step {
                Step::Customer(cmd) => {
                    self.customer_command((**cmd).clone()).await?;
                }
                Step::Orders(c, cmds) => {
                    self.history_commands(*c, cmds.clone()).await?;
                }
                Step::Interactions(c, cmds) => {
                    self.history_commands(*c, cmds.clone()).await?;
                }
            }
        }
        Ok(())
    }

    /// The steps, each pushed to `done` once written; returns the entries moved.
    async fn merge_steps(
        &self,
        k: &Customer,
        g: &Customer,
        keep: Id,
        gone: Id,
        done: &mut Vec<Step>,
    ) -> Result<usize, AppError> {
        let orders: Vec<_> = self.history::<Order>(gone, |o| o.placed_at).await?;
        let touches: Vec<_> = self.history::<Interaction>(gone, |i| i.at).await?;
        let orders: Vec<_> = orders.into_iter().filter(|r| !r.is_deleted()).collect();
        let touches: Vec<_> = touches.into_iter().filter(|r| !r.is_deleted()).collect();
        let moved = orders.len() + touches.len();
        // Copies first, with the kept customer; then the originals go.
        if !orders.is_empty() {
            let copies = orders
                .iter()
                .map(|o| RecordCommand::Create {
                    id: platform::new_id(),
                    data: Order {
                        customer: keep,
                        ..o.data.clone()
                    },
                })
                .collect();
            let undo = self.history_commands(keep, copies).await?;
            done.push(Step::Orders(keep, undo));
        }
        if !touches.is_empty() {
            let copies = touches
                .iter()
                .map(|i| RecordCommand::Create {
                    id: platform::new_id(),
                    data: Interaction {
                        customer: keep,
                        ..i.data.clone()
                    },
                })
                .collect();
            let undo = self.history_commands(keep, copies).await?;
            done.push(Step::Interactions(keep, undo));
        }
        if !orders.is_empty() {
            let deletes = orders
                .iter()
                .map(|o| RecordCommand::Delete { id: o.id })
                .collect();
            let undo = self.history_commands(gone, deletes).await?;
            done.push(Step::Orders(gone, undo));
        }
        if !touches.is_empty() {
            let deletes = touches
                .iter()
                .map(|i| RecordCommand::Delete { id: i.id })
                .collect();
            let undo = self.history_commands(gone, deletes).await?;
            done.push(Step::Interactions(gone, undo));
        }
        let fields = changes(k, &combine(k, g));
        if !fields.is_empty() {
            self.customer_step(
                RecordCommand::Update {
                    id: keep,
                    changes: fields,
                },
                done,
            )
            .await?;
        }
        // An organisation merged away: its people work for the kept one.
        for person in self.with(|db| db.members_of(gone)) {
            let cmd = RecordCommand::Update {
                id: person,
                changes: vec![CustomerField::Company(Some(keep))],
            };
            self.customer_step(cmd, done).await?;
        }
        let cmd = RecordCommand::Update {
            id: gone,
            changes: vec![CustomerField::MergedInto(Some(keep))],
        };
        self.customer_step(cmd, done).await?;
        self.customer_step(RecordCommand::Delete { id: gone }, done)
            .await?;
        Ok(moved)
    }

    async fn customer_step(
        &self,
        cmd: RecordCommand<Customer>,
        done: &mut Vec<Step>,
    ) -> Result<(), AppError> {
        if let Some(undo) = self.customer_command(cmd).await? {
            done.push(Step::Customer(Box::new(undo)));
        }
        Ok(())
    }
}
