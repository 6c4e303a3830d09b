//! `ormpg`: the playground's façade from a terminal.

fn main() {
    eprintln!("ormpg: no commands yet");
    std::process::exit(2);
}
