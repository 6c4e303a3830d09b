//! `ormpg`: the playground's façade from a terminal.
//!
//!     ormpg check CASE_DIR...        run conformance cases (a folder of cases is expanded)
//!     ormpg run MODELS.py [SESSION]   run a session script, or a REPL on stdin
//!     ormpg schema MODELS.py [--json] the DDL executed, or the Schema as JSON
//!     ormpg diagram MODELS.py --svg [--theme light|dark] [-o FILE] | --json
//!                                     the ER diagram as SVG, or its geometry as JSON

use orm_playground::diag::{Diagnostic, LineIndex, Source};
use orm_playground::playground::transcript::check_dir;
use orm_playground::playground::{InputState, Playground};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn case_dirs(args: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for a in args {
        let p = Path::new(a);
        if p.join("models.py").exists() {
            out.push(p.to_path_buf());
        } else if let Ok(entries) = std::fs::read_dir(p) {
            let mut dirs: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|d| d.join("models.py").exists())
                .collect();
            dirs.sort();
            out.extend(dirs);
        } else {
            eprintln!("ormpg: {a}: not a case folder");
        }
    }
    out
}

fn check(args: &[String]) -> ExitCode {
    let dirs = case_dirs(args);
    let (mut passed, mut failed) = (0, 0);
    for d in &dirs {
        let r = check_dir(d);
        print!("{}", r.summary());
        if r.passed() {
            passed += 1;
        } else {
            failed += 1;
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 && passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `path:line:col: Exception: message`, as compilers print diagnostics.
fn located(path: &str, text: &str, d: &Diagnostic) -> String {
    match d.span {
        Some(span) if d.source == Some(Source::Models) => {
            let at = LineIndex::new(text).line_col(span.start);
            format!("{path}:{}:{}: {}", at.line, at.column, d.headline())
        }
        _ => format!("{path}: {}", d.headline()),
    }
}

fn read(path: &str) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("ormpg: {path}: {e}");
        ExitCode::from(2)
    })
}

fn run(args: &[String]) -> Result<ExitCode, ExitCode> {
    let echo = args.iter().any(|a| a == "--echo");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let Some(models) = files.first() else {
        eprintln!("usage: ormpg run MODELS.py [SESSION] [--echo]");
        return Err(ExitCode::from(2));
    };
    let mut pg = Playground::new();
    let text = read(models)?;
    let report = pg.load_models(&text);
    print!("{}", report.output);
    if let Some(e) = &report.error {
        eprintln!("{}", located(models, &text, e));
        return Ok(ExitCode::FAILURE);
    }
    let mut logged = pg.database().map(|d| d.echo_log().next_seq()).unwrap_or(0);
    // SQL echoes first (they ran before the result was printed), then the output.
    let mut show = |pg: &Playground, text: &str| {
        if echo {
            if let Some(db) = pg.database() {
                for e in db.echo_log().since(logged) {
                    println!("{}", echo_line(e));
                }
                logged = db.echo_log().next_seq();
            }
        }
        print!("{text}");
    };
    match files.get(1) {
        Some(session) => {
            let text = read(session)?;
            let examples = orm_playground::playground::transcript::parse_transcript(&text);
            let inputs: Vec<String> = if examples.is_empty() {
                vec![text]
            } else {
                examples.into_iter().map(|e| e.source).collect()
            };
            for input in inputs {
                let out = pg.run(&input);
                show(&pg, &out.text);
            }
        }
        None => {
            let stdin = std::io::stdin();
            let mut buffer = String::new();
            print!(">>> ");
            let _ = std::io::stdout().flush();
            for line in stdin.lock().lines() {
                let Ok(line) = line else { break };
                if !buffer.is_empty() {
                    buffer.push('\n');
                }
                buffer.push_str(&line);
                match pg.input_state(&buffer) {
                    InputState::Incomplete => print!("... "),
                    _ => {
                        let out = pg.run(&buffer);
                        show(&pg, &out.text);
                        buffer.clear();
                        print!(">>> ");
                    }
                }
                let _ = std::io::stdout().flush();
            }
            println!();
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One SQL log entry as `ormpg run --echo` prints it (on stderr, after the output).
fn echo_line(e: &orm_playground::db::EchoEntry) -> String {
    let mut line = format!("[sql] {}", e.sql);
    if let Some(p) = &e.params {
        line.push_str(&format!("  {p}"));
    }
    let what = if e.sql.starts_with("SELECT") {
        "rows"
    } else {
        "changed"
    };
    if e.params.is_some() {
        line.push_str(&format!("  -- {} {what}, {:.2} ms", e.rows, e.elapsed_ms));
    }
    if let Some(tag) = &e.tag {
        line.push_str(&format!(" [{tag}]"));
    }
    if let Some(err) = &e.error {
        line.push_str(&format!(" !! {err}"));
    }
    line
}

fn schema(args: &[String]) -> Result<ExitCode, ExitCode> {
    let json = args.iter().any(|a| a == "--json");
    let Some(models) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: ormpg schema MODELS.py [--json]");
        return Err(ExitCode::from(2));
    };
    let mut pg = Playground::new();
    let text = read(models)?;
    let report = pg.load_models(&text);
    if let Some(e) = &report.error {
        eprintln!("{}", located(models, &text, e));
        return Ok(ExitCode::FAILURE);
    }
    if json {
        let text = serde_json::to_string_pretty(&pg.schema()).unwrap_or_default();
        println!("{text}");
    } else {
        for stmt in &report.ddl {
            println!("{stmt};");
        }
    }
    if let Some(e) = &report.configuration_error {
        eprintln!("{}", located(models, &text, e));
    }
    Ok(ExitCode::SUCCESS)
}

/// The models of `path` compiled, or the exit code after printing why not.
fn compiled(path: &str) -> Result<Playground, ExitCode> {
    let mut pg = Playground::new();
    let text = read(path)?;
    let report = pg.load_models(&text);
    if let Some(e) = &report.error {
        eprintln!("{}", located(path, &text, e));
        return Err(ExitCode::FAILURE);
    }
    if let Some(e) = &report.configuration_error {
        eprintln!("{}", located(path, &text, e));
    }
    Ok(pg)
}

fn diagram(args: &[String]) -> Result<ExitCode, ExitCode> {
    use orm_playground::diagram::{to_svg, LayoutOptions, SvgOptions, Theme};
    const USAGE: &str =
        "usage: ormpg diagram MODELS.py --svg [--theme light|dark] [-o FILE] | --json [-o FILE]";
    let mut models = None;
    let mut format = None;
    let mut theme = Theme::Auto;
    let mut out = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--svg" | "--json" => format = Some(a.clone()),
            "--theme" => {
                theme = match it.next().map(String::as_str) {
                    Some("light") => Theme::Light,
                    Some("dark") => Theme::Dark,
                    Some("auto") => Theme::Auto,
                    _ => {
                        eprintln!("{USAGE}");
                        return Err(ExitCode::from(2));
                    }
                }
            }
            "-o" | "--out" => out = it.next().cloned(),
            _ if !a.starts_with('-') && models.is_none() => models = Some(a.clone()),
            _ => {
                eprintln!("{USAGE}");
                return Err(ExitCode::from(2));
            }
        }
    }
    let (Some(models), Some(format)) = (models, format) else {
        eprintln!("{USAGE}");
        return Err(ExitCode::from(2));
    };
    let pg = compiled(&models)?;
    let Some(d) = pg.diagram(&LayoutOptions::default()) else {
        eprintln!("ormpg: {models}: defines no `db = SQLAlchemy(...)`, so no tables to draw");
        return Ok(ExitCode::FAILURE);
    };
    let text = if format == "--svg" {
        let options = SvgOptions {
            theme,
            ..SvgOptions::default()
        };
        to_svg(&d, &options)
    } else {
        serde_json::to_string_pretty(&d).unwrap_or_default() + "\n"
    };
    match out {
        Some(path) => std::fs::write(&path, text).map_err(|e| {
            eprintln!("ormpg: {path}: {e}");
            ExitCode::from(2)
        })?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]).to_vec();
    let result = match args.first().map(String::as_str) {
        Some("check") => Ok(check(&rest)),
        Some("run") => run(&rest),
        Some("schema") => schema(&rest),
        Some("diagram") => diagram(&rest),
        _ => {
            eprintln!("usage: ormpg check CASE_DIR... | run MODELS.py [SESSION] [--echo] | schema MODELS.py [--json] | diagram MODELS.py --svg|--json");
            Err(ExitCode::from(2))
        }
    };
    result.unwrap_or_else(|code| code)
}
