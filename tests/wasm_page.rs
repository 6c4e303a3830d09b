//! The page in headless Chromium (wasm-bindgen-test): the lesson's models compile and a
//! query runs inside the browser, the interpreter's limits hold on a wasm stack and clock,
//! and the mounted app draws the diagram and answers in the console.

#![cfg(target_arch = "wasm32")]

use orm_playground::interp::Limits;
use orm_playground::playground::Playground;
use orm_playground::ui::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlTextAreaElement};

#[path = "support/dom.rs"]
mod dom;

wasm_bindgen_test_configure!(run_in_browser);

const LESSON: &str = include_str!("conformance/cases/001-roles-users/models.py");

#[wasm_bindgen_test]
fn lesson_models_compile_and_a_query_runs_in_the_browser() {
    let mut pg = Playground::new();
    let report = pg.load_models(LESSON);
    assert!(report.error.is_none(), "{:?}", report.error);
    let tables = report
        .ddl
        .iter()
        .filter(|s| s.starts_with("CREATE TABLE"))
        .count();
    assert_eq!(tables, 2, "{:?}", report.ddl);
    for line in [
        "admin = Role(name='Admin')",
        "db.session.add(User(username='john', role=admin))",
        "db.session.commit()",
    ] {
        let out = pg.run(line);
        assert_eq!(out.text, "", "{line}");
    }
    assert_eq!(pg.run("Role.query.all()").text, "[<Role 'Admin'>]\n");
    assert_eq!(pg.run("User.query.first().role").text, "<Role 'Admin'>\n");
}

/// Recursion 60 calls deep fits the wasm stack even in a debug build (the hungriest), and
/// recursion past the evaluator's stack share is Python's RecursionError, not a trap.
#[wasm_bindgen_test]
fn deep_recursion_fits_the_stack_and_then_raises() {
    let mut pg = Playground::new();
    pg.load_models("");
    pg.run("def down(n):\n    return 0 if n == 0 else 1 + down(n - 1)\n");
    assert_eq!(pg.run("down(60)").text, "60\n");
    let deep = pg.run("down(100000)");
    assert!(deep.text.contains("RecursionError"), "{}", deep.text);
    let nested = format!("{}1{}", "(".repeat(90), ")".repeat(90));
    assert_eq!(pg.run(&nested).text, "1\n");
    assert_eq!(pg.run("x = [1]").text, "");
    assert_eq!(pg.run("x").text, "[1]\n", "the playground still works");
}

#[wasm_bindgen_test]
fn an_endless_loop_stops_at_the_time_limit() {
    let mut pg = Playground::new();
    pg.load_models("");
    pg.set_limits(Limits {
        time_ms: 300.0,
        ..Limits::default()
    });
    let started = js_sys::Date::now();
    let out = pg.run("while True:\n    pass\n");
    let took = js_sys::Date::now() - started;
    assert!(out.text.contains("KeyboardInterrupt"), "{}", out.text);
    assert!(took < 5000.0, "took {took} ms");
}

fn mount() -> Element {
    let root = dom::attached_div();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            storage_key: None,
            read_url: false,
            widget: None,
        },
    )
    .render();
    root
}

fn press_enter(target: &Element) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("an event");
    target.dispatch_event(&event).expect("dispatched");
}

#[wasm_bindgen_test]
async fn the_page_draws_the_lesson_and_answers_in_the_console() {
    let root = mount();
    yew::scheduler::flush().await;
    let tables = root
        .query_selector_all(".diagram svg .table")
        .expect("query");
    assert_eq!(tables.length(), 2, "roles and users");
    assert_eq!(
        root.query_selector_all(".diagram svg .fk")
            .expect("query")
            .length(),
        1,
        "users.role_id → roles.id"
    );
    let input: HtmlTextAreaElement = root
        .query_selector(".console-input")
        .expect("query")
        .expect("the console input")
        .dyn_into()
        .expect("a textarea");
    for line in [
        "db.session.add(Role(name='Admin'))",
        "db.session.commit()",
        "Role.query.all()",
    ] {
        input.set_value(line);
        press_enter(&input);
        yew::scheduler::flush().await;
    }
    let outputs = root.query_selector_all(".transcript .out").expect("query");
    let last = outputs
        .item(outputs.length() - 1)
        .and_then(|n| n.text_content())
        .unwrap_or_default();
    assert_eq!(last.trim_end(), "[<Role 'Admin'>]");
    let data = root
        .query_selector(".data")
        .expect("query")
        .expect("the data tab");
    assert!(data.text_content().unwrap_or_default().contains("Admin"));
    root.remove();
}

/// Dragged boxes are part of what autosave and Share keep (whole pixels), come back with it
/// (only for tables the models have), and Re-layout or other models start without them.
#[wasm_bindgen_test]
fn dragged_boxes_are_saved_restored_and_forgotten_by_other_models() {
    use orm_playground::ui::persist::Saved;
    use orm_playground::ui::state::{Action, Page};
    use std::rc::Rc;
    use yew::Reducible;

    let page = Rc::new(Page::new(None)).reduce(Action::MoveTable("users".into(), [120.4, 39.6]));
    let saved = page.saved();
    assert_eq!(saved.pins.get("users"), Some(&[120.0, 40.0]));
    let json = serde_json::to_string(&saved).expect("saved as JSON");
    assert!(json.contains(r#""pins":{"users":[120,40]}"#), "{json}");

    let mut tampered: Saved = serde_json::from_str(&json).expect("read back");
    tampered.pins.insert("gone".into(), [1.0, 2.0]);
    let again = Rc::new(Page::new(Some(tampered)));
    assert_eq!(
        again.pins.keys().collect::<Vec<_>>(),
        ["users"],
        "gone is dropped"
    );
    assert_eq!(again.pins.get("users"), Some(&[120.0, 40.0]));
    let unchanged = again
        .clone()
        .reduce(Action::MoveTable("users".into(), [120.0, 40.0]));
    assert!(
        Rc::ptr_eq(&unchanged, &again),
        "the same corner changes nothing"
    );
    assert!(again
        .clone()
        .reduce(Action::Relayout)
        .saved()
        .pins
        .is_empty());
    assert!(again.clone().reduce(Action::Reset).pins.is_empty());
    assert!(again.reduce(Action::LoadExample(0)).pins.is_empty());

    let old: Saved = serde_json::from_str(r#"{"models":"x = 1"}"#).expect("an old link opens");
    assert!(old.pins.is_empty());
}
