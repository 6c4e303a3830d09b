//! Pan and zoom for the diagram: the SVG's viewBox as a plain value, moved by the wheel, a
//! drag, the zoom buttons and the keyboard (`use_pan_zoom`). Until the visitor zooms, the
//! drawing fits its pane (the stylesheet caps how far it grows); the first zoom or drag
//! lets the SVG fill the pane and widens the viewBox so nothing jumps.

use std::rc::Rc;
use web_sys::{Element, KeyboardEvent, PointerEvent, WheelEvent};
use yew::prelude::*;

/// One wheel notch or button press zooms by this factor.
const STEP: f64 = 1.2;
/// How far the view may zoom in and out, relative to the fitted view.
const MIN_SHARE: f64 = 0.12;
const MAX_SHARE: f64 = 3.0;
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

    /// Zoomed by `factor` (> 1 shows more) keeping the drawing point `(px, py)` in place,
    /// within limits relative to `fit`.
    fn zoom(self, factor: f64, px: f64, py: f64, fit: ViewBox) -> ViewBox {
        let w = (self.w * factor).clamp(fit.w * MIN_SHARE, fit.w * MAX_SHARE);
        let f = w / self.w;
        ViewBox {
            x: px - (px - self.x) * f,
            y: py - (py - self.y) * f,
            w,
            h: self.h * f,
        }
    }

    fn pan(self, dx: f64, dy: f64) -> ViewBox {
        ViewBox {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
    }

    /// This view at `scale` pixels per unit, widened to a box of `w` × `h` pixels around
    /// the same centre.
    fn widened(self, scale: f64, w: f64, h: f64) -> ViewBox {
        let (cx, cy) = (self.x + self.w / 2.0, self.y + self.h / 2.0);
        let (nw, nh) = (w / scale, h / scale);
        ViewBox {
            x: cx - nw / 2.0,
            y: cy - nh / 2.0,
            w: nw,
            h: nh,
        }
    }
}

/// A box on the screen (client pixels).
#[derive(Clone, Copy, Debug)]
struct Frame {
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
    fn scale(self, view: ViewBox) -> f64 {
        let s = (self.width / view.w).min(self.height / view.h);
        if s.is_finite() && s > 0.0 {
            s
        } else {
            1.0
        }
    }

    /// The drawing point under the client position `(cx, cy)`.
    fn point(self, view: ViewBox, cx: f64, cy: f64) -> (f64, f64) {
        let s = self.scale(view);
        let left = self.left + (self.width - view.w * s) / 2.0;
        let top = self.top + (self.height - view.h * s) / 2.0;
        (view.x + (cx - left) / s, view.y + (cy - top) / s)
    }
}

/// A zoomed view and the fitted view it started from (the zoom limits' reference).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Zoomed {
    view: ViewBox,
    fit: ViewBox,
}

/// A drag in progress.
struct Drag {
    x: f64,
    y: f64,
    from: Zoomed,
    scale: f64,
}

/// What the diagram draws with: the viewBox, whether the visitor zoomed, and handlers.
pub struct PanZoom {
    pub view_box: String,
    pub zoomed: bool,
    pub onwheel: Callback<WheelEvent>,
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
    pub zoom_in: Callback<MouseEvent>,
    pub zoom_out: Callback<MouseEvent>,
    pub fit: Callback<MouseEvent>,
}

/// Pan and zoom of a drawing `whole` drawn by the SVG `svg`, whose fitted size the
/// stylesheet caps; once zoomed, the SVG fills `frame`. A new drawing size fits again.
#[hook]
pub fn use_pan_zoom(whole: ViewBox, svg: NodeRef, frame: NodeRef) -> PanZoom {
    let zoomed = use_state(|| None::<Zoomed>);
    let drag = use_mut_ref(|| None::<Drag>);
    {
        let zoomed = zoomed.clone();
        use_effect_with((whole.w.to_bits(), whole.h.to_bits()), move |_| {
            zoomed.set(None);
        });
    }
    // The zoomed view now (entering zoom from the fitted drawing), and the frame it fills.
    let current: Rc<dyn Fn() -> Option<(Zoomed, Frame)>> = {
        let zoomed = zoomed.clone();
        Rc::new(move || {
            let box_ = Frame::of(&frame.cast::<Element>()?);
            if let Some(z) = *zoomed {
                return Some((z, box_));
            }
            let drawn = Frame::of(&svg.cast::<Element>()?);
            let fit = whole.widened(drawn.scale(whole), box_.width, box_.height);
            Some((Zoomed { view: fit, fit }, box_))
        })
    };
    let zoom_by = {
        let zoomed = zoomed.clone();
        let current = current.clone();
        move |factor: f64, at: Option<(f64, f64)>| {
            if let Some((z, box_)) = current() {
                let (px, py) = match at {
                    Some((cx, cy)) => box_.point(z.view, cx, cy),
                    None => (z.view.x + z.view.w / 2.0, z.view.y + z.view.h / 2.0),
                };
                zoomed.set(Some(Zoomed {
                    view: z.view.zoom(factor, px, py, z.fit),
                    ..z
                }));
            }
        }
    };

    let onwheel = {
        let zoom_by = zoom_by.clone();
        Callback::from(move |e: WheelEvent| {
            if e.delta_y() == 0.0 {
                return;
            }
            e.prevent_default();
            let factor = if e.delta_y() > 0.0 { STEP } else { 1.0 / STEP };
            zoom_by(
                factor,
                Some((f64::from(e.client_x()), f64::from(e.client_y()))),
            );
        })
    };
    let onpointerdown = {
        let drag = drag.clone();
        let current = current.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            if let Some((z, box_)) = current() {
                *drag.borrow_mut() = Some(Drag {
                    x: f64::from(e.client_x()),
                    y: f64::from(e.client_y()),
                    from: z,
                    scale: box_.scale(z.view),
                });
                let target: Element = e.target_unchecked_into();
                let _ = target.set_pointer_capture(e.pointer_id());
            }
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let zoomed = zoomed.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(d) = drag.borrow().as_ref() {
                let dx = (f64::from(e.client_x()) - d.x) / d.scale;
                let dy = (f64::from(e.client_y()) - d.y) / d.scale;
                if dx.abs() + dy.abs() > 0.5 / d.scale {
                    zoomed.set(Some(Zoomed {
                        view: d.from.view.pan(-dx, -dy),
                        ..d.from
                    }));
                }
            }
        })
    };
    let onpointerup = Callback::from(move |_: PointerEvent| {
        drag.borrow_mut().take();
    });
    let onkeydown = {
        let zoom_by = zoom_by.clone();
        let zoomed = zoomed.clone();
        Callback::from(move |e: KeyboardEvent| {
            let pan = |dx: f64, dy: f64| {
                if let Some((z, box_)) = current() {
                    let s = box_.scale(z.view);
                    zoomed.set(Some(Zoomed {
                        view: z.view.pan(dx * KEY_PAN_PX / s, dy * KEY_PAN_PX / s),
                        ..z
                    }));
                }
            };
            match e.key().as_str() {
                "+" | "=" => zoom_by(1.0 / STEP, None),
                "-" | "_" => zoom_by(STEP, None),
                "0" => zoomed.set(None),
                "ArrowLeft" => pan(-1.0, 0.0),
                "ArrowRight" => pan(1.0, 0.0),
                "ArrowUp" => pan(0.0, -1.0),
                "ArrowDown" => pan(0.0, 1.0),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let zoom_in = {
        let zoom_by = zoom_by.clone();
        Callback::from(move |_: MouseEvent| zoom_by(1.0 / STEP, None))
    };
    let zoom_out = Callback::from(move |_: MouseEvent| zoom_by(STEP, None));
    let fit = {
        let zoomed = zoomed.clone();
        Callback::from(move |_: MouseEvent| zoomed.set(None))
    };
    PanZoom {
        view_box: zoomed.map_or(whole, |z| z.view).attr(),
        zoomed: zoomed.is_some(),
        onwheel,
        onpointerdown,
        onpointermove,
        onpointerup,
        onkeydown,
        zoom_in,
        zoom_out,
        fit,
    }
}
