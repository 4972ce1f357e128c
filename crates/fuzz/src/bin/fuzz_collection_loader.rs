//! Fuzzes `targets::collection_loader`; see the crate docs for the flags.

use std::path::Path;
use std::process::ExitCode;

use tango_fuzz::mutate::{Mode, Mutator};
use tango_fuzz::{cli, fuzz, seeds, targets};

fn main() -> ExitCode {
    let args = match cli::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let seeds = seeds::collection_seeds();
    let mutator = Mutator::new(seeds::collection_dictionary()).with_mode(Mode::Json);
    let report = fuzz(&seeds, &mutator, args.budget, args.seed, targets::collection_loader);
    cli::print_report("collection_loader", &args, &report, &Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts"));
    if report.crashes.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
