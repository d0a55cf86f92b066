//! Saving a chart as an SVG or PNG file. The chart's colours and fonts come from the
//! stylesheet (light or dark theme), so the saved copy gets them written on each
//! element; the PNG is the SVG drawn on a canvas at twice the size.

use crate::components::download;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Style properties a chart uses.
const PROPERTIES: [&str; 12] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
    "paint-order",
];

fn inline(
    window: &web_sys::Window,
    from: &web_sys::Element,
    to: &web_sys::Element,
) -> Result<(), JsValue> {
    let css = window.get_computed_style(from)?.ok_or("no style")?;
    let mut style = String::new();
    for p in PROPERTIES {
        let v = css.get_property_value(p)?;
        if !v.is_empty() {
            style.push_str(&format!("{p}:{v};"));
        }
    }
    to.set_attribute("style", &style)
}

/// The first SVG inside `wrapper` as a standalone file, with its size.
fn standalone(wrapper: &web_sys::Element) -> Result<(String, f64, f64), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let svg = wrapper.query_selector("svg")?.ok_or("no chart")?;
    let copy: web_sys::Element = svg.clone_node_with_deep(true)?.unchecked_into();
    let (from, to) = (svg.query_selector_all("*")?, copy.query_selector_all("*")?);
    for i in 0..from.length() {
        if let (Some(a), Some(b)) = (from.item(i), to.item(i)) {
            inline(&window, a.unchecked_ref(), b.unchecked_ref())?;
        }
    }
    let rect = svg.get_bounding_client_rect();
    let (w, h) = (
        rect.width().round().max(1.0),
        rect.height().round().max(1.0),
    );
    copy.set_attribute("xmlns", "http://www.w3.org/2000/svg")?;
    copy.set_attribute("width", &w.to_string())?;
    copy.set_attribute("height", &h.to_string())?;
    // The card's background behind the chart, as on screen.
    let card = svg.closest(".card")?.unwrap_or_else(|| svg.clone());
    let background = window
        .get_computed_style(&card)?
        .ok_or("no style")?
        .get_property_value("background-color")?;
    let document = window.document().ok_or("no document")?;
    let back = document.create_element_ns(Some("http://www.w3.org/2000/svg"), "rect")?;
    for (k, v) in [
        ("x", "-1000"),
        ("y", "-1000"),
        ("width", "5000"),
        ("height", "5000"),
    ] {
        back.set_attribute(k, v)?;
    }
    back.set_attribute("style", &format!("fill:{background}"))?;
    copy.insert_before(&back, copy.first_child().as_ref())?;
    let text = web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?;
    Ok((text, w, h))
}

/// Saves the chart in `wrapper` as `name`.svg.
pub fn save_svg(wrapper: &web_sys::Element, name: &str) -> Result<(), JsValue> {
    let (text, _, _) = standalone(wrapper)?;
    download(&format!("{name}.svg"), "image/svg+xml;charset=utf-8", &text)
}

/// Saves the chart in `wrapper` as `name`.png; `done` hears how it went (the image
/// is drawn once it has loaded).
pub fn save_png(
    wrapper: &web_sys::Element,
    name: &str,
    done: impl FnOnce(Result<(), JsValue>) + 'static,
) -> Result<(), JsValue> {
    let (text, w, h) = standalone(wrapper)?;
    let img = web_sys::HtmlImageElement::new()?;
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&text))
    );
    let name = format!("{name}.png");
    let image = img.clone();
    let onload = Closure::once(move || {
        let draw = || -> Result<(), JsValue> {
            let document = web_sys::window()
                .and_then(|w| w.document())
                .ok_or("no document")?;
            let canvas: web_sys::HtmlCanvasElement =
                document.create_element("canvas")?.unchecked_into();
            canvas.set_width((w * 2.0) as u32);
            canvas.set_height((h * 2.0) as u32);
            let ctx: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or("no canvas")?
                .unchecked_into();
            ctx.scale(2.0, 2.0)?;
            ctx.draw_image_with_html_image_element(&image, 0.0, 0.0)?;
            let data = canvas.to_data_url_with_type("image/png")?;
            let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
            a.set_href(&data);
            a.set_download(&name);
            a.click();
            Ok(())
        };
        done(draw());
    });
    img.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    img.set_src(&url);
    Ok(())
}
