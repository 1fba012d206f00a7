//! One handler per subcommand, each a short adapter: it takes the typed plan that
//! [`crate::plan`] resolved from the command line, connects it to the library modules and turns
//! the outcome into an exit status. Handlers parse no argument and pick no default.

pub mod batch;
pub mod check;
pub mod clean;
pub mod completions;
pub mod count;
pub mod dups;
pub mod export;
mod hits;
pub mod ingest;
pub mod kwic;
pub mod rm;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod terms;
