//! GlueSQL: our own storage (transactions, secondary indexes, snapshots), DDL from a
//! `Schema`, running statements, and the echo log. Knows nothing of Python syntax or the UI.
