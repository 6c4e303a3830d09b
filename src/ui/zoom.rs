//! The diagram's view: which part of the drawing the SVG shows (its viewBox) and how the
//! wheel, trackpad pinch (a wheel event with Ctrl), the zoom buttons and the keyboard
//! change it (`use_view`). Pointer gestures (pan, pinch, moving a box) are in `gesture`.
//!
//! Until the visitor zooms, the view is *fitted*: the stylesheet sizes the SVG to fit its
//! pane, never larger than `--diagram-max` and never smaller than `--diagram-min` (below
//! that the pane scrolls, so text stays readable on a phone). Fit (the button or `0`) shows
//! the whole drawing however small. The first zoom or drag switches to an explicit viewBox
//! over the whole pane that starts from exactly what was visible, so nothing jumps.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::{Element, KeyboardEvent, WheelEvent};
use yew::prelude::*;

/// One wheel notch (100 px of scrolling) or button press zooms by this factor.
const STEP: f64 = 1.2;
/// Screen pixels per drawing unit at the closest zoom.
const MAX_SCALE: f64 = 4.0;
/// How far out the view may zoom, as a multiple of the view showing the whole drawing.
const MAX_ZOOM_OUT: f64 = 1.5;
/// Arrow keys pan by this many screen pixels.
const KEY_PAN_PX: f64 = 40.0;

/// A viewBox: the part of the drawing shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl ViewBox {
    /// The whole drawing of `w` × `h`.
    pub fn whole(w: f64, h: f64) -> ViewBox {
        ViewBox {
            x: 0.0,
            y: 0.0,
            w,
            h,
        }
    }

    /// The `viewBox` attribute.
    pub fn attr(self) -> String {
        format!("{:.1} {:.1} {:.1} {:.1}", self.x, self.y, self.w, self.h)
    }

    fn centred(cx: f64, cy: f64, w: f64, h: f64) -> ViewBox {
        ViewBox {
            x: cx - w / 2.0,
            y: cy - h / 2.0,
            w,
            h,
        }
    }

    fn pan(self, dx: f64, dy: f64) -> ViewBox {
        ViewBox {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
    }
}

/// A box on the screen (client pixels).
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
}

impl Frame {
    fn of(el: &Element) -> Frame {
        let r = el.get_bounding_client_rect();
        Frame {
            left: r.left(),
            top: r.top(),
            width: r.width(),
            height: r.height(),
        }
    }

    /// Screen pixels per drawing unit for `view` drawn into this box ("meet" scaling).
    pub fn scale(self, view: ViewBox) -> f64 {
        let s = (self.width / view.w).min(self.height / view.h);
        if s.is_finite() && s > 0.0 {
            s
        } else {
            1.0
        }
    }

    /// The drawing point under the client position `(cx, cy)` when this box shows `view`.
    pub fn point(self, view: ViewBox, cx: f64, cy: f64) -> (f64, f64) {
        let s = self.scale(view);
        let left = self.left + (self.width - view.w * s) / 2.0;
        let top = self.top + (self.height - view.h * s) / 2.0;
        (view.x + (cx - left) / s, view.y + (cy - top) / s)
    }

    /// `view` moved so the drawing point `p` sits under the client position `(cx, cy)`.
    fn placing(self, view: ViewBox, p: (f64, f64), cx: f64, cy: f64) -> ViewBox {
        let (qx, qy) = self.point(view, cx, cy);
        view.pan(p.0 - qx, p.1 - qy)
    }
}

/// An explicit view and how far it may zoom (view widths, in drawing units).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zoomed {
    pub view: ViewBox,
    min_w: f64,
    max_w: f64,
}

impl Zoomed {
    /// Zoomed by `factor` (> 1 shows more) keeping the drawing point `p` in place.
    fn zoom(self, factor: f64, p: (f64, f64)) -> Zoomed {
        let w = (self.view.w * factor).clamp(self.min_w, self.max_w);
        let f = w / self.view.w;
        let v = self.view;
        Zoomed {
            view: ViewBox {
                x: p.0 - (p.0 - v.x) * f,
                y: p.1 - (p.1 - v.y) * f,
                w,
                h: v.h * f,
            },
            ..self
        }
    }

    /// This view panned by `(dx, dy)` drawing units.
    pub fn panned(self, dx: f64, dy: f64) -> Zoomed {
        Zoomed {
            view: self.view.pan(dx, dy),
            ..self
        }
    }

    /// This view zoomed so it is `ratio` times as wide (clamped), with the drawing point
    /// `p` under the client position `(cx, cy)` of `frame`.
    pub fn pinched(self, frame: Frame, ratio: f64, p: (f64, f64), cx: f64, cy: f64) -> Zoomed {
        let w = (self.view.w * ratio).clamp(self.min_w, self.max_w);
        let f = w / self.view.w;
        let sized = ViewBox {
            w,
            h: self.view.h * f,
            ..self.view
        };
        Zoomed {
            view: frame.placing(sized, p, cx, cy),
            ..self
        }
    }
}

/// The view of one diagram, shared by the handlers of one render and the next.
pub struct View {
    zoomed: RefCell<Option<Zoomed>>,
    /// Fitted view showing everything (Fit was pressed), not held at the readable minimum.
    all: Cell<bool>,
    whole: Cell<ViewBox>,
    reset_key: Cell<u32>,
    svg: NodeRef,
    frame: NodeRef,
    redraw: yew::functional::UseForceUpdateHandle,
}

impl View {
    /// The view now and the pane's frame: the explicit view, or what the fitted SVG shows.
    pub fn current(&self) -> Option<(Zoomed, Frame)> {
        let pane = Frame::of(&self.frame.cast::<Element>()?);
        if let Some(z) = *self.zoomed.borrow() {
            return Some((z, pane));
        }
        let whole = self.whole.get();
        let drawn = Frame::of(&self.svg.cast::<Element>()?);
        let s = drawn.scale(whole);
        let (cx, cy) = drawn.point(
            whole,
            pane.left + pane.width / 2.0,
            pane.top + pane.height / 2.0,
        );
        let view = ViewBox::centred(cx, cy, pane.width / s, pane.height / s);
        let max_w = (pane.width / pane.scale(whole)) * MAX_ZOOM_OUT;
        let min_w = (pane.width / MAX_SCALE).min(max_w);
        Some((Zoomed { view, min_w, max_w }, pane))
    }

    /// Switches to an explicit view of exactly what is visible (before a gesture moves it).
    pub fn freeze(&self) -> Option<(Zoomed, Frame)> {
        let (z, pane) = self.current()?;
        self.set(z);
        Some((z, pane))
    }

    /// Shows `z` from now on.
    pub fn set(&self, z: Zoomed) {
        *self.zoomed.borrow_mut() = Some(z);
        self.redraw.force_update();
    }

    /// Zooms by `factor` (> 1 shows more) around the client position `at`, or the centre.
    pub fn zoom_by(&self, factor: f64, at: Option<(f64, f64)>) {
        if let Some((z, pane)) = self.current() {
            let p = match at {
                Some((cx, cy)) => pane.point(z.view, cx, cy),
                None => (z.view.x + z.view.w / 2.0, z.view.y + z.view.h / 2.0),
            };
            self.set(z.zoom(factor, p));
        }
    }

    /// Back to the fitted view; `all`: the whole drawing however small.
    pub fn fit(&self, all: bool) {
        *self.zoomed.borrow_mut() = None;
        self.all.set(all);
        self.redraw.force_update();
    }

    fn pan_keys(&self, dx: f64, dy: f64) {
        if let Some((z, pane)) = self.current() {
            let s = pane.scale(z.view);
            self.set(z.panned(dx * KEY_PAN_PX / s, dy * KEY_PAN_PX / s));
        }
    }
}

/// What the diagram draws with: the viewBox, the view's state, and the handlers that are
/// not pointer gestures.
pub struct PanZoom {
    pub view: Rc<View>,
    pub view_box: String,
    /// An explicit view (the SVG fills the pane).
    pub zoomed: bool,
    /// The fitted view shows everything (no readable minimum).
    pub all: bool,
    pub onwheel: Callback<WheelEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
    pub zoom_in: Callback<MouseEvent>,
    pub zoom_out: Callback<MouseEvent>,
    pub fit: Callback<MouseEvent>,
}

/// The view of a drawing `whole` drawn by `svg` inside `frame`. A new `reset_key` (other
/// models loaded) fits again; a recompile keeps an explicit view where it is.
#[hook]
pub fn use_view(whole: ViewBox, reset_key: u32, svg: NodeRef, frame: NodeRef) -> PanZoom {
    let redraw = use_force_update();
    let view = use_memo((), move |_| View {
        zoomed: RefCell::new(None),
        all: Cell::new(false),
        whole: Cell::new(whole),
        reset_key: Cell::new(reset_key),
        svg,
        frame,
        redraw,
    });
    let view: Rc<View> = view;
    view.whole.set(whole);
    if view.reset_key.replace(reset_key) != reset_key {
        view.zoomed.borrow_mut().take();
        view.all.set(false);
    }

    let onwheel = {
        let view = view.clone();
        Callback::from(move |e: WheelEvent| {
            let px = match e.delta_mode() {
                WheelEvent::DOM_DELTA_LINE => e.delta_y() * 20.0,
                WheelEvent::DOM_DELTA_PAGE => e.delta_y() * 400.0,
                _ => e.delta_y(),
            };
            if px == 0.0 || !px.is_finite() {
                return;
            }
            e.prevent_default();
            // A trackpad pinch arrives as small wheel steps with Ctrl held.
            let factor = if e.ctrl_key() {
                (px * 0.01).exp().clamp(0.5, 2.0)
            } else {
                STEP.powf((px / 100.0).clamp(-3.0, 3.0))
            };
            view.zoom_by(
                factor,
                Some((f64::from(e.client_x()), f64::from(e.client_y()))),
            );
        })
    };
    let onkeydown = {
        let view = view.clone();
        Callback::from(move |e: KeyboardEvent| {
            match e.key().as_str() {
                "+" | "=" => view.zoom_by(1.0 / STEP, None),
                "-" | "_" => view.zoom_by(STEP, None),
                "0" => view.fit(true),
                "ArrowLeft" => view.pan_keys(-1.0, 0.0),
                "ArrowRight" => view.pan_keys(1.0, 0.0),
                "ArrowUp" => view.pan_keys(0.0, -1.0),
                "ArrowDown" => view.pan_keys(0.0, 1.0),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let button = |factor: f64| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.zoom_by(factor, None))
    };
    let fit = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.fit(true))
    };
    let zoomed = *view.zoomed.borrow();
    PanZoom {
        view_box: zoomed.map_or(whole, |z| z.view).attr(),
        zoomed: zoomed.is_some(),
        all: view.all.get(),
        onwheel,
        onkeydown,
        zoom_in: button(1.0 / STEP),
        zoom_out: button(STEP),
        fit,
        view,
    }
}
