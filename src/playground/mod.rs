//! The façade every front end uses (page, widget, CLI, tests): compile models, run a line,
//! run a transcript, read the schema, diagram, data and SQL log.
