pub mod diagram_fixtures;
pub mod dot;
