//! A modal confirmation dialog (native <dialog>), for destructive actions.

use leptos::html::Dialog;
use leptos::prelude::*;

#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is open.
    open: RwSignal<bool>,
    /// The question, as the dialog's title.
    #[prop(into)]
    title: Signal<String>,
    /// More words on what will happen.
    #[prop(into)]
    body: Signal<String>,
    /// The label of the confirming (destructive) button.
    #[prop(into)]
    confirm: Signal<String>,
    /// The label of the cancel button.
    #[prop(into)]
    cancel: Signal<String>,
    /// Called when the person confirms.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    let title_id = super::next_id("dlg");
    let labelled_by = title_id.clone();
    view! {
        <dialog node_ref=dialog aria-labelledby=labelled_by on:close=move |_| open.set(false)>
            <h2 id=title_id>{move || title.get()}</h2>
            <p>{move || body.get()}</p>
            <div class="actions">
                <button type="button" on:click=move |_| open.set(false)>{move || cancel.get()}</button>
                <button type="button" class="danger" on:click=move |_| { open.set(false); on_confirm.run(()); }>{move || confirm.get()}</button>
            </div>
        </dialog>
    }
}
