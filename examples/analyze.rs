//! Prints fahras's analysis of each line of stdin: its tokens separated by spaces, one output
//! line per input line. `--exact` prints the folded words as the index keeps them; the default
//! is their stems, as a query is read. Used by `scripts/opensearch-check.py` to compare the
//! exported OpenSearch analyzer with fahras token by token.
//!
//!     echo 'والتحالف الأمريكيّة' | cargo run -q --example analyze

use std::io::{self, BufRead, Write};

use fahras::analysis::{analyze, exact_analyzer, stemmed_analyzer};

fn main() -> io::Result<()> {
    let exact = std::env::args().any(|arg| arg == "--exact");
    let mut analyzer = if exact {
        exact_analyzer()
    } else {
        stemmed_analyzer()
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for line in io::stdin().lock().lines() {
        writeln!(out, "{}", analyze(&mut analyzer, &line?).join(" "))?;
    }
    out.flush()
}
