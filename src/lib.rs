//! orm-playground: Flask-SQLAlchemy models, an ER diagram and a Python-like console, running
//! on GlueSQL in the browser. See README.md (Architecture) for the layers and their rules.

pub mod clock;
pub mod db;
pub mod diag;
pub mod diagram;
pub mod interp;
pub mod object;
pub mod orm;
pub mod playground;
pub mod python;
pub mod schema;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod embed;

/// The page's entry point, run when the wasm module loads: mounts the playground into the
/// page's `#orm-playground` element if there is one (a docs site calls `mount` instead).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    ui::mount_page();
}
