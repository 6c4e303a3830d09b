//! The ER diagram pane: the `diagram` layer's layout of the schema drawn as SVG elements
//! (`erd`), with its interactions: hover a table or an edge to light it and both its ends;
//! click a table to show its rows (and get a ready query in the console); drag a box to
//! move it (it stays pinned there, also across recompiles, reloads and Share links: the
//! page's state holds the pins, this pane only draws them); pan and zoom with the wheel, a
//! trackpad pinch, two fingers, a drag, the buttons or the keyboard (`zoom`, `gesture`);
//! download the drawing as SVG or PNG (`export`).
//!
//! A recompile lays the new schema out against the previous layout, so tables that did not
//! change stay where they were. Loading other models (an example, Reset, a Share link)
//! starts afresh.

use super::erd::{self, Focus, Hover, Lit};
use super::export;
use super::gesture::{gestures, Pointers, Targets};
use super::zoom::{use_view, ViewBox};
use crate::diagram::pins::Pins;
use crate::diagram::text::FONT_STACK;
use crate::diagram::{layout, with_pins, Diagram as Drawing, LayoutOptions, Point};
use crate::schema::Schema;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::{Element, HtmlElement, PointerEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub schema: Option<Rc<Schema>>,
    /// Changes when other models replace the editor's text: forget moved boxes, the
    /// previous layout and the zoom.
    #[prop_or_default]
    pub revision: u32,
    /// A table was clicked (its name).
    #[prop_or_default]
    pub on_pick: Callback<String>,
    /// Boxes the visitor dragged: their top-left corners (the page's state keeps them).
    #[prop_or_default]
    pub pins: Rc<Pins>,
    /// A box was dragged to a new corner (pin it there).
    #[prop_or_default]
    pub on_move: Callback<(String, Point)>,
    /// "Re-layout": unpin every box.
    #[prop_or_default]
    pub on_relayout: Callback<()>,
}

/// The layouts kept from one render to the next.
#[derive(Default)]
struct Layouts {
    schema: Option<Rc<Schema>>,
    revision: u32,
    /// The unpinned layout of the schema before this one: what `base` was laid out against.
    before: Option<Drawing>,
    /// The schema laid out without pins (the next layout's `previous`).
    base: Option<Drawing>,
    /// The pins `shown` was laid out with.
    pins: Rc<Pins>,
    shown: Option<Rc<Drawing>>,
    stale: bool,
}

impl Layouts {
    /// The drawing of `schema`, laid out again only when the schema or the pins changed.
    fn drawing(
        &mut self,
        schema: Option<&Rc<Schema>>,
        revision: u32,
        pins: &Rc<Pins>,
    ) -> Option<Rc<Drawing>> {
        if revision != self.revision {
            *self = Layouts {
                revision,
                ..Layouts::default()
            };
        }
        if self.pins != *pins {
            self.pins = pins.clone();
            self.stale = true;
        }
        let same = match (&self.schema, schema) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b) || **a == **b,
            (None, None) => true,
            _ => false,
        };
        if !same {
            self.schema = schema.cloned();
            let schema = schema.filter(|s| !s.tables.is_empty());
            if let Some(base) = self.base.take() {
                self.before = Some(base);
            }
            self.base = schema.map(|s| {
                layout(
                    s,
                    &LayoutOptions {
                        pinned: BTreeMap::new(),
                        previous: self.before.clone(),
                    },
                )
            });
            self.stale = true;
        }
        if self.stale {
            self.stale = false;
            self.shown = match (self.schema.as_deref(), &self.base) {
                (Some(s), Some(base)) if !self.pins.is_empty() => {
                    Some(Rc::new(with_pins(s, base, &self.pins)))
                }
                (_, base) => base.clone().map(Rc::new),
            };
        }
        self.shown.clone()
    }
}

#[component]
pub fn Diagram(props: &DiagramProps) -> Html {
    let layouts = use_mut_ref(Layouts::default);
    let pointers = use_mut_ref(Pointers::default);
    let redraw = use_force_update();
    let focus = use_state(|| None::<Focus>);
    let svg = use_node_ref();
    let frame = use_node_ref();
    let drawing = layouts
        .borrow_mut()
        .drawing(props.schema.as_ref(), props.revision, &props.pins);
    // The fitted view shows the drawing, not empty canvas a stable layout left around it.
    let whole = drawing.as_deref().map_or(ViewBox::whole(1.0, 1.0), |d| {
        let [x, y, w, h] = d.extent();
        ViewBox { x, y, w, h }
    });
    let pz = use_view(whole, props.revision, svg.clone(), frame.clone());
    // Whether the fitted drawing continues past the pane's left or right edge (it scrolls
    // there, and a fade says so).
    let more = use_state(|| (false, false));
    let measure = {
        let frame = frame.clone();
        let more = more.clone();
        move || {
            if let Some(f) = frame.cast::<Element>() {
                let (left, width) = (f.scroll_left(), f.client_width());
                let now = (left > 1, left + width < f.scroll_width() - 1);
                if *more != now {
                    more.set(now);
                }
            }
        }
    };
    // Measured when the drawing or the view changes (and on scroll), at the next frame.
    {
        let measure = measure.clone();
        use_effect_with((whole, pz.view_box.clone()), move |_| {
            super::next_frame(measure)
        });
    }
    let Some(d) = drawing else {
        return html! {
            <div class="diagram empty-diagram">
                <p class="empty">{"The diagram appears when models.py defines a model."}</p>
            </div>
        };
    };

    let targets = Targets {
        drawing: d.clone(),
        on_move: props.on_move.clone(),
        on_pick: props.on_pick.clone(),
        on_change: {
            let redraw = redraw.clone();
            Callback::from(move |_| redraw.force_update())
        },
    };
    let g = gestures(pointers.clone(), pz.view.clone(), svg.clone(), targets);
    // A press must not focus or select anything (the pane takes the keyboard focus).
    let onpointerdown = {
        let down = g.onpointerdown.clone();
        let frame = frame.clone();
        Callback::from(move |e: PointerEvent| {
            e.prevent_default();
            if let Some(f) = frame.cast::<HtmlElement>() {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = f.focus_with_options(&options);
            }
            down.emit(e);
        })
    };
    let hover = Hover {
        on: {
            let focus = focus.clone();
            let pointers = pointers.clone();
            Callback::from(move |f: Option<Focus>| {
                if !pointers.borrow().busy() {
                    focus.set(f);
                }
            })
        },
        on_key_pick: props.on_pick.clone(),
    };

    let ends = erd::ends(&d);
    let lit = Lit::of(&d, &ends, *focus);
    let moving = pointers.borrow().moving().map(str::to_owned);
    let is_pinned = |name: &str| props.pins.contains_key(name);
    let summary = format!(
        "ER diagram: {} tables, {} foreign keys",
        d.tables.len(),
        d.edges.len()
    );

    let download = |png: bool| {
        let d = d.clone();
        let frame = frame.clone();
        Callback::from(move |_: MouseEvent| {
            let theme = frame
                .cast::<Element>()
                .map_or(crate::diagram::Theme::Light, |f| export::theme_at(&f));
            let file = d.cropped();
            if png {
                export::download_png(&file, theme);
            } else {
                export::download_svg(&file, theme);
            }
        })
    };
    let unpin = props.on_relayout.reform(|_: MouseEvent| ());
    let relayout = (!props.pins.is_empty()).then(|| {
        html! {
            <button type="button" class="ghost" onclick={unpin}
                title="Put every moved box back where the layout places it">{"Re-layout"}</button>
        }
    });
    let class = classes!(
        pz.zoomed.then_some("zoomed"),
        pz.all.then_some("all"),
        focus.is_some().then_some("focusing"),
        moving.is_some().then_some("moving"),
    );
    // The drawing's size sizes the SVG (and, on narrow screens, the pane: see the CSS).
    let size = format!("--w:{}px;--h:{}px", whole.w, whole.h);
    let style = format!("font-family:{FONT_STACK}");
    let outer = classes!(
        "diagram",
        more.0.then_some("more-left"),
        more.1.then_some("more-right")
    );
    html! {
        <div class={outer} style={size}>
            <div class="diagram-frame" ref={frame.clone()} tabindex="0" role="group"
                onscroll={Callback::from(move |_: Event| measure())}
                aria-label="Diagram view: + and - zoom, arrows pan, 0 fits; Tab reaches each table"
                onkeydown={pz.onkeydown}>
                <svg ref={svg} viewBox={pz.view_box} role="group" class={class} {style}
                    aria-label={summary}
                    onwheel={pz.onwheel} {onpointerdown}
                    onpointermove={g.onpointermove} onpointerup={g.onpointerup}
                    onpointercancel={g.onpointercancel}>
                    <g class="edges">{erd::edges(&d, &lit, &hover)}</g>
                    <g class="tables">{erd::tables(&d, &lit, &hover, moving.as_deref(), is_pinned)}</g>
                    <g class="labels">{erd::labels(&d, &lit, &hover)}</g>
                </svg>
            </div>
            <div class="diagram-bar">
                <div class="export">
                    <button type="button" class="ghost" onclick={download(false)}
                        aria-label="Download the diagram as SVG" title="Download as SVG">{"SVG"}</button>
                    <button type="button" class="ghost" onclick={download(true)}
                        aria-label="Download the diagram as PNG" title="Download as PNG">{"PNG"}</button>
                    {relayout}
                </div>
                <div class="zoom-controls">
                    <button type="button" class="ghost icon" aria-label="Zoom in" title="Zoom in (+)"
                        onclick={pz.zoom_in}>{"+"}</button>
                    <button type="button" class="ghost icon" aria-label="Zoom out" title="Zoom out (−)"
                        onclick={pz.zoom_out}>{"−"}</button>
                    <button type="button" class="ghost" aria-label="Fit the diagram" title="Fit (0)"
                        disabled={pz.all && !pz.zoomed} onclick={pz.fit}>{"Fit"}</button>
                </div>
            </div>
        </div>
    }
}
