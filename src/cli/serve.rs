//! The arguments of `fahras serve`, the web view.

use std::net::SocketAddr;

use clap::Args;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on. The default is reachable from this machine only; a
    /// port of 0 takes any free one (the address is printed on stderr)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Open the search page in the default browser (xdg-open) once the server listens
    #[arg(long)]
    pub open: bool,

    /// Print one line per request on stderr: method, path, status and time taken
    #[arg(short, long)]
    pub verbose: bool,

    /// Threads answering requests [default: number of CPUs, at most 4]
    #[arg(short, long, value_name = "N", value_parser = super::search::at_least_one)]
    pub jobs: Option<usize>,
}
