//! Fuzzes `targets::xml_decode`; see the crate docs for the flags.

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
    let seeds = seeds::xml_seeds();
    let mutator = Mutator::new(seeds::xml_dictionary(&seeds)).with_mode(Mode::Xml);
    let report = fuzz(&seeds, &mutator, args.budget, args.seed, targets::xml_decode);
    cli::print_report("xml_decode", &args, &report, &Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts"));
    if report.crashes.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
