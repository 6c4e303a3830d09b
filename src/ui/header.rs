//! The header: the examples menu, Reset, Share (the state in a link) and the theme switch.

use super::examples::EXAMPLES;
use super::state::Theme;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub example: usize,
    pub theme: Theme,
    /// The link Share made, shown until the next change.
    pub shared: Option<AttrValue>,
    pub on_example: Callback<usize>,
    pub on_reset: Callback<()>,
    pub on_share: Callback<()>,
    pub on_theme: Callback<Theme>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let ids = use_memo((), |_| super::unique_id("header"));
    let onchange = {
        let on_example = props.on_example.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                on_example.emit(i);
            }
        })
    };
    let options: Html = EXAMPLES
        .iter()
        .enumerate()
        .map(|(i, ex)| {
            html! { <option value={i.to_string()} selected={i == props.example}>{ex.title}</option> }
        })
        .collect();
    let (next, label) = match props.theme {
        Theme::System => (Theme::Light, "Theme: system"),
        Theme::Light => (Theme::Dark, "Theme: light"),
        Theme::Dark => (Theme::System, "Theme: dark"),
    };
    let icon = match props.theme {
        Theme::System => "◐",
        Theme::Light => "☀",
        Theme::Dark => "☾",
    };
    let shared = props.shared.as_ref().map(|url| {
        html! {
            <div class="shared" role="status">
                <span>{"Link copied"}</span>
                <input class="share-url" readonly=true value={url.clone()} aria-label="Share link"
                    onfocus={Callback::from(|e: FocusEvent| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        input.select();
                    })}/>
            </div>
        }
    });
    html! {
        <header class="header">
            <div class="brand">
                <span class="logo" aria-hidden="true">{"⛁"}</span>
                <h1>{"ORM Playground"}</h1>
                <span class="tagline">{"Flask-SQLAlchemy in your browser"}</span>
            </div>
            <div class="actions">
                <label class="example-label" for={ids.to_string()}>{"Example"}</label>
                <select id={ids.to_string()} class="examples" {onchange}>{options}</select>
                <button type="button" class="ghost" onclick={props.on_reset.reform(|_| ())}
                    title="Restore the example and start a fresh session">{"Reset"}</button>
                <button type="button" class="primary" onclick={props.on_share.reform(|_| ())}
                    title="Copy a link to these models and this session">{"Share"}</button>
                <button type="button" class="ghost icon" aria-label={label} title={label}
                    onclick={props.on_theme.reform(move |_| next)}>{icon}</button>
            </div>
            {shared}
        </header>
    }
}
