//! One handler per subcommand: parse nothing, decide nothing deep, just connect the CLI
//! arguments to the library modules and turn the outcome into an exit status.

pub mod check;
pub mod clean;
pub mod completions;
pub mod ingest;
pub mod rm;
pub mod search;
pub mod show;
pub mod stats;
