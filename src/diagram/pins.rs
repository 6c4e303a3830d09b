//! Boxes the visitor pinned by dragging them, as the page keeps and saves them: table name →
//! top-left corner. The page's autosave and Share links write them in whole pixels
//! (`{"users":[120,40]}`, compact in a URL), and whatever is read back — from localStorage or a
//! link anyone can edit — is made safe to lay out: entries that are not two finite numbers are
//! dropped and corners are clamped to the canvas. [`layout`](super::layout) clamps the pins it
//! is given the same way, so no pin can make a layout panic or draw an absurd canvas.

use super::Point;
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// Pinned boxes: table name → top-left corner.
pub type Pins = BTreeMap<String, Point>;

/// Farthest a pinned corner may sit from the canvas origin, on either axis (px). Far beyond
/// any drawing the page makes (200 tables lay out within a few thousand px), small enough
/// that routing and sizing stay ordinary arithmetic.
pub const MAX_CORNER: f64 = 100_000.0;

/// `p` made safe to lay out: none when a coordinate is not finite, else each coordinate
/// clamped to `0..=MAX_CORNER`.
pub fn corner(p: Point) -> Option<Point> {
    let [x, y] = p;
    (x.is_finite() && y.is_finite()).then(|| [x.clamp(0.0, MAX_CORNER), y.clamp(0.0, MAX_CORNER)])
}

/// `p` as saved: safe to lay out ([`corner`]) and in whole pixels.
pub fn saved_corner(p: Point) -> Option<Point> {
    corner(p).map(|[x, y]| [x.round(), y.round()])
}

/// The pins of `pins` that are safe to lay out, made so by [`corner`].
pub fn usable(pins: &Pins) -> Pins {
    pins.iter()
        .filter_map(|(name, p)| Some((name.clone(), corner(*p)?)))
        .collect()
}

/// The pins held in a JSON value: an object of `name: [x, y]`. Anything else (a value that
/// is not an object, an entry that is not two numbers) is ignored, not an error: a broken
/// pin must not lose the models and session saved with it.
pub fn from_json(value: &Value) -> Pins {
    let Some(entries) = value.as_object() else {
        return Pins::new();
    };
    entries
        .iter()
        .filter_map(|(name, at)| match at.as_array()?.as_slice() {
            [x, y] => Some((name.clone(), saved_corner([x.as_f64()?, y.as_f64()?])?)),
            _ => None,
        })
        .collect()
}

/// Serde's `with` module for a saved [`Pins`] field: written as whole pixels, read leniently
/// ([`from_json`]).
pub mod saved {
    use super::*;
    use serde::ser::SerializeMap;

    /// Writes `{"name": [x, y], ...}` with integer coordinates (unusable pins are left out).
    pub fn serialize<S: Serializer>(pins: &Pins, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (name, p) in pins {
            if let Some([x, y]) = saved_corner(*p) {
                // Whole numbers within 0..=MAX_CORNER: exact as integers.
                map.serialize_entry(name, &[x as i64, y as i64])?;
            }
        }
        map.end()
    }

    /// Reads pins written by [`serialize`] (or anything else: see [`from_json`]).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Pins, D::Error> {
        Ok(from_json(&Value::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    /// A saved state with pins, as the page's is (other fields elsewhere).
    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct State {
        models: String,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty", with = "saved")]
        pins: Pins,
    }

    fn pins(entries: &[(&str, Point)]) -> Pins {
        entries.iter().map(|(n, p)| (n.to_string(), *p)).collect()
    }

    fn read(json: &str) -> State {
        match serde_json::from_str(json) {
            Ok(state) => state,
            Err(e) => panic!("{json}: {e}"),
        }
    }

    #[test]
    fn pins_are_written_as_whole_pixels_and_read_back() {
        let state = State {
            models: "m".into(),
            pins: pins(&[("users", [120.4, 39.6]), ("roles", [0.0, 7.0])]),
        };
        let json = serde_json::to_string(&state).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"models":"m","pins":{"roles":[0,7],"users":[120,40]}}"#
        );
        assert_eq!(
            read(&json).pins,
            pins(&[("users", [120.0, 40.0]), ("roles", [0.0, 7.0])])
        );
    }

    #[test]
    fn a_state_without_pins_writes_none_and_old_states_still_read() {
        let state = State {
            models: "m".into(),
            pins: Pins::new(),
        };
        assert_eq!(
            serde_json::to_string(&state).unwrap_or_default(),
            r#"{"models":"m"}"#
        );
        assert_eq!(read(r#"{"models":"m"}"#), state);
    }

    #[test]
    fn broken_pins_are_dropped_without_losing_the_rest() {
        let state = read(
            r#"{"models":"m","pins":{"a":[1],"b":"x","c":[1,2,3],"d":[null,2],"e":[3,"4"],
                "f":[5.5,6],"g":{"x":1}}}"#,
        );
        assert_eq!(state.models, "m");
        assert_eq!(state.pins, pins(&[("f", [6.0, 6.0])]));
        assert_eq!(read(r#"{"models":"m","pins":5}"#).pins, Pins::new());
        assert_eq!(read(r#"{"models":"m","pins":null}"#).pins, Pins::new());
    }

    #[test]
    fn corners_are_clamped_to_the_canvas() {
        let state = read(r#"{"models":"m","pins":{"a":[-40,1e300],"b":[1e6,-0.4]}}"#);
        assert_eq!(
            state.pins,
            pins(&[("a", [0.0, MAX_CORNER]), ("b", [MAX_CORNER, 0.0])])
        );
        assert_eq!(corner([f64::NAN, 1.0]), None);
        assert_eq!(corner([1.0, f64::INFINITY]), None);
        assert_eq!(corner([f64::MAX, f64::MIN]), Some([MAX_CORNER, 0.0]));
        let kept = usable(&pins(&[("a", [f64::NAN, 0.0]), ("b", [2.2, -3.0])]));
        assert_eq!(
            kept,
            pins(&[("b", [2.2, 0.0])]),
            "laid out as given, on the canvas"
        );
        // Unusable pins are not written.
        let json = serde_json::to_string(&State {
            models: String::new(),
            pins: pins(&[
                ("a", [f64::NAN, 0.0]),
                ("b", [1.0, 2.0]),
                ("c", [-5.0, 1e9]),
            ]),
        })
        .unwrap_or_default();
        assert_eq!(json, r#"{"models":"","pins":{"b":[1,2],"c":[0,100000]}}"#);
    }
}
