//! The docs widget's Rust side in headless Chromium (wasm-bindgen-test): panes from their
//! names, a widget mounted through `embed` showing only its panes, its handle running
//! inputs into its own database, and `checkTranscript`'s report. The loader, the custom
//! element and the shadow DOM are tested end to end (tests/e2e/embed.test.mjs).

#![cfg(target_arch = "wasm32")]

use orm_playground::embed::{check_transcript, embed};
use orm_playground::ui::state::Tab;
use orm_playground::ui::widget::Panes;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

#[path = "support/dom.rs"]
mod dom;

wasm_bindgen_test_configure!(run_in_browser);

const LESSON: &str = include_str!("conformance/cases/001-roles-users/models.py");
const LESSON_SESSION: &str = include_str!("conformance/cases/001-roles-users/session.txt");

#[wasm_bindgen_test]
fn panes_come_from_their_names() {
    let p = Panes::named(&["diagram"]);
    assert!(p.diagram && !p.models && !p.session());
    let p = Panes::named(&["Models", " console ", "nonsense"]);
    assert!(p.models && p.console && !p.sql && !p.diagram);
    assert!(p.shows_tab(Tab::Console) && !p.shows_tab(Tab::Data));
    assert_eq!(Panes::named::<&str>(&[]), Panes::WIDGET);
    assert_eq!(Panes::named(&["bogus"]), Panes::WIDGET);
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).expect("query").length()
}

#[wasm_bindgen_test]
async fn a_widget_shows_its_panes_and_its_handle_runs_in_its_own_database() {
    let (a_root, b_root) = (dom::attached_div(), dom::attached_div());
    let a = embed(
        a_root.clone(),
        &json!({"models": LESSON, "panes": ["models", "console"], "readonly": true}).to_string(),
        None,
    )
    .expect("mounted");
    let b = embed(
        b_root.clone(),
        &json!({ "models": LESSON }).to_string(),
        None,
    )
    .expect("mounted");
    yew::scheduler::flush().await;
    assert_eq!(count(&a_root, ".ormpg.widget .editor"), 1);
    assert_eq!(count(&a_root, ".diagram-pane"), 0, "no diagram asked for");
    assert_eq!(count(&a_root, ".tabs .tab"), 1, "only the console tab");
    assert_eq!(count(&a_root, ".editor textarea[readonly]"), 1);
    assert_eq!(count(&b_root, ".diagram svg .table"), 2);
    assert_eq!(count(&b_root, ".tabs .tab"), 3, "console, SQL log, data");

    assert_eq!(
        a.run("db.session.add(Role(name='Admin'))").ok(),
        Some(String::new())
    );
    assert_eq!(a.run("db.session.commit()").ok(), Some(String::new()));
    assert_eq!(a.run("Role.query.count()").ok().as_deref(), Some("1\n"));
    assert_eq!(
        b.run("Role.query.count()").ok().as_deref(),
        Some("0\n"),
        "b's own database"
    );
    let oops = a.run("1/0").ok().unwrap_or_default();
    assert!(
        oops.ends_with("ZeroDivisionError: division by zero\n"),
        "{oops}"
    );
    yew::scheduler::flush().await;
    let shown = a_root
        .query_selector(".transcript")
        .ok()
        .flatten()
        .and_then(|t| t.text_content())
        .unwrap_or_default();
    assert!(
        shown.contains("Role.query.count()"),
        "runs show in the console: {shown}"
    );
    let transcript = a.transcript();
    assert!(
        transcript.starts_with(">>> db.session.add(Role(name='Admin'))\n>>> db.session.commit()\n>>> Role.query.count()\n1\n>>> 1/0\nTraceback"),
        "{transcript}"
    );

    a.set_models("class Tag(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n")
        .expect("set");
    assert_eq!(a.run("Tag.query.count()").ok().as_deref(), Some("0\n"));
    assert!(
        a.run("Role").ok().unwrap_or_default().contains("NameError"),
        "a fresh namespace"
    );
    yew::scheduler::flush().await;
    let text = a_root
        .query_selector(".editor textarea")
        .ok()
        .flatten()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default();
    assert!(
        text.starts_with("class Tag"),
        "the editor shows the new models: {text}"
    );

    let (mut a, mut b) = (a, b);
    a.destroy();
    b.destroy();
    assert!(a.run("1").is_err(), "a destroyed widget refuses to run");
    yew::scheduler::flush().await;
    assert_eq!(count(&a_root, ".ormpg"), 0, "unmounted");
    a_root.remove();
    b_root.remove();
}

#[wasm_bindgen_test]
async fn autorun_runs_the_session_and_the_guide_waits_otherwise() {
    let root = dom::attached_div();
    let session = ">>> r = Role(name='Admin')\n>>> r\n<Role 'Admin'>\n>>> 2 + 2\n4\n";
    let guided = embed(
        root.clone(),
        &json!({ "models": LESSON, "session": session }).to_string(),
        None,
    )
    .expect("mounted");
    yew::scheduler::flush().await;
    assert!(guided.transcript().is_empty(), "nothing runs by itself");
    assert_eq!(
        count(&root, ".guide"),
        1,
        "the session waits as guided steps"
    );
    let other = dom::attached_div();
    let auto = embed(
        other.clone(),
        &json!({ "models": LESSON, "session": session, "autorun": true }).to_string(),
        None,
    )
    .expect("mounted");
    yew::scheduler::flush().await;
    assert_eq!(auto.transcript(), session);
    assert_eq!(count(&other, ".guide"), 0, "the guide is done");
    root.remove();
    other.remove();
}

fn report(models: &str, session: &str, name: Option<&str>) -> Value {
    let text = check_transcript(models, session, name.map(String::from)).expect("a report");
    serde_json::from_str(&text).expect("JSON")
}

#[wasm_bindgen_test]
fn check_transcript_reports_as_ormpg_check() {
    let passed = report(LESSON, LESSON_SESSION, Some("001-roles-users"));
    assert_eq!(passed["passed"], json!(true));
    assert_eq!(passed["text"], json!("ok 001-roles-users\n"));
    assert_eq!(passed["examples"], json!(34));
    assert!(passed["modelsError"].is_null());
    let failed = report(LESSON, ">>> Role.query.count()\n5\n", None);
    assert_eq!(failed["passed"], json!(false));
    assert_eq!(
        failed["text"],
        json!("FAIL transcript\nline 1:\n>>> Role.query.count()\nExpected:\n    5\nGot:\n    0\n")
    );
    assert_eq!(
        failed["failures"],
        json!([{"line": 1, "source": "Role.query.count()", "expected": "5\n", "got": "0\n"}])
    );
    let broken = report("class X(db.Model):\n  pass\n", ">>> 1\n1\n", None);
    assert_eq!(broken["passed"], json!(false));
    assert!(broken["modelsError"].is_string(), "{broken}");
}
