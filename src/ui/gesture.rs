//! Pointer gestures on the diagram, told apart by what is under the pointer and how far it
//! moves: a press on a table that moves less than a few pixels is a click (show its rows);
//! one that moves further drags the box; a press elsewhere that moves pans the view; two
//! pointers pinch (zoom about their midpoint and pan with it). While a gesture runs the
//! pointers are captured by the SVG, so hovering cannot flicker and nothing is lost when
//! the pointer leaves the pane.

use super::zoom::{Frame, View, Zoomed};
use crate::diagram::{Diagram, Point};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent};
use yew::prelude::*;

/// A press moving less than this (screen px) is a click.
const CLICK_SLOP: f64 = 4.0;
/// At most this many pointers are followed (a third finger is ignored).
const MAX_POINTERS: usize = 2;

/// What the pointers are doing.
#[derive(Clone, Debug, Default)]
enum Gesture {
    #[default]
    Idle,
    /// Down, not yet moved far enough to be a drag; `table` is under it.
    Press {
        x: f64,
        y: f64,
        table: Option<String>,
    },
    Pan {
        x: f64,
        y: f64,
        from: Zoomed,
        scale: f64,
    },
    /// Moving a table's box: its top-left corner is the pointer's drawing point plus `grab`.
    Move {
        table: String,
        grab: (f64, f64),
        view: Zoomed,
        frame: Frame,
    },
    Pinch {
        from: Zoomed,
        frame: Frame,
        distance: f64,
        /// The drawing point under the pointers' midpoint when the pinch began.
        anchor: (f64, f64),
    },
}

/// The pointers down on the diagram and the gesture they make.
#[derive(Default)]
pub struct Pointers {
    down: BTreeMap<i32, (f64, f64)>,
    gesture: Gesture,
}

impl Pointers {
    /// The table being dragged, if any.
    pub fn moving(&self) -> Option<&str> {
        match &self.gesture {
            Gesture::Move { table, .. } => Some(table),
            _ => None,
        }
    }

    /// Whether a gesture is under way (hover changes wait until it ends).
    pub fn busy(&self) -> bool {
        !matches!(self.gesture, Gesture::Idle | Gesture::Press { .. })
    }

    fn two(&self) -> Option<((f64, f64), (f64, f64))> {
        let mut it = self.down.values().copied();
        Some((it.next()?, it.next()?))
    }
}

/// What the gestures need from the diagram.
#[derive(Clone)]
pub struct Targets {
    /// The drawing shown (where each box is).
    pub drawing: Rc<Diagram>,
    /// A box was moved to a new corner.
    pub on_move: Callback<(String, Point)>,
    /// A table was clicked.
    pub on_pick: Callback<String>,
    /// A gesture began or ended (the drawing shows a grabbed box).
    pub on_change: Callback<()>,
}

/// The pointer handlers of the diagram's SVG.
pub struct Gestures {
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
    pub onpointercancel: Callback<PointerEvent>,
}

fn client(e: &PointerEvent) -> (f64, f64) {
    (f64::from(e.client_x()), f64::from(e.client_y()))
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

fn midpoint(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
}

/// The table whose box holds the event's target.
fn table_under(e: &PointerEvent) -> Option<String> {
    let el: Element = e.target()?.dyn_into().ok()?;
    el.closest("[data-table]")
        .ok()??
        .get_attribute("data-table")
}

/// Handlers that turn pointer events on `svg` into clicks, box moves, pans and pinches.
pub fn gestures(
    pointers: Rc<RefCell<Pointers>>,
    view: Rc<View>,
    svg: NodeRef,
    targets: Targets,
) -> Gestures {
    let onpointerdown = {
        let pointers = pointers.clone();
        let view = view.clone();
        let targets = targets.clone();
        Callback::from(move |e: PointerEvent| {
            if e.pointer_type() == "mouse" && e.button() != 0 {
                return;
            }
            let mut p = pointers.borrow_mut();
            if p.down.len() >= MAX_POINTERS {
                return;
            }
            let at = client(&e);
            p.down.insert(e.pointer_id(), at);
            if let Some(el) = svg.cast::<Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            p.gesture = match p.two() {
                Some((a, b)) => match view.freeze() {
                    Some((from, frame)) => {
                        let (mx, my) = midpoint(a, b);
                        Gesture::Pinch {
                            from,
                            frame,
                            distance: distance(a, b).max(1.0),
                            anchor: frame.point(from.view, mx, my),
                        }
                    }
                    None => Gesture::Idle,
                },
                None => Gesture::Press {
                    x: at.0,
                    y: at.1,
                    table: table_under(&e),
                },
            };
            drop(p);
            targets.on_change.emit(());
        })
    };

    let onpointermove = {
        let pointers = pointers.clone();
        let targets = targets.clone();
        Callback::from(move |e: PointerEvent| {
            let mut p = pointers.borrow_mut();
            let Some(slot) = p.down.get_mut(&e.pointer_id()) else {
                return;
            };
            let at = client(&e);
            *slot = at;
            let next = match &p.gesture {
                Gesture::Press { x, y, table } => {
                    if (at.0 - x).abs().max((at.1 - y).abs()) < CLICK_SLOP {
                        return;
                    }
                    let Some((from, frame)) = view.freeze() else {
                        return;
                    };
                    let corner = table.as_deref().and_then(|name| {
                        let t = targets.drawing.tables.iter().find(|t| t.name == name)?;
                        Some([t.x, t.y])
                    });
                    match (table, corner) {
                        (Some(table), Some(c)) => {
                            let (px, py) = frame.point(from.view, *x, *y);
                            Gesture::Move {
                                table: table.clone(),
                                grab: (c[0] - px, c[1] - py),
                                view: from,
                                frame,
                            }
                        }
                        _ => Gesture::Pan {
                            x: *x,
                            y: *y,
                            from,
                            scale: frame.scale(from.view),
                        },
                    }
                }
                other => other.clone(),
            };
            match &next {
                Gesture::Pan { x, y, from, scale } => {
                    view.set(from.panned(-(at.0 - x) / scale, -(at.1 - y) / scale));
                }
                Gesture::Move {
                    table,
                    grab,
                    view: v,
                    frame,
                } => {
                    let (px, py) = frame.point(v.view, at.0, at.1);
                    let corner = [(px + grab.0).round(), (py + grab.1).round()];
                    targets.on_move.emit((table.clone(), corner));
                }
                Gesture::Pinch {
                    from,
                    frame,
                    distance: d0,
                    anchor,
                } => {
                    if let Some((a, b)) = p.two() {
                        let (mx, my) = midpoint(a, b);
                        let ratio = d0 / distance(a, b).max(1.0);
                        view.set(from.pinched(*frame, ratio, *anchor, mx, my));
                    }
                }
                Gesture::Idle | Gesture::Press { .. } => {}
            }
            p.gesture = next;
        })
    };

    let end = move |e: PointerEvent, click: bool| {
        let mut p = pointers.borrow_mut();
        if p.down.remove(&e.pointer_id()).is_none() {
            return;
        }
        let picked = match std::mem::take(&mut p.gesture) {
            Gesture::Press { table, .. } if click => table,
            _ => None,
        };
        drop(p);
        targets.on_change.emit(());
        if let Some(table) = picked {
            targets.on_pick.emit(table);
        }
    };
    let onpointerup = {
        let end = end.clone();
        Callback::from(move |e: PointerEvent| end(e, true))
    };
    let onpointercancel = Callback::from(move |e: PointerEvent| end(e, false));
    Gestures {
        onpointerdown,
        onpointermove,
        onpointerup,
        onpointercancel,
    }
}
