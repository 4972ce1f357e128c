//! A short fuzz run of each target inside `cargo test`, so a regression that panics on a
//! near-seed input fails CI. Long runs use the binaries (see the crate docs).

use std::time::Duration;

use tango_fuzz::mutate::{Mode, Mutator};
use tango_fuzz::{Budget, fuzz, seeds, targets};

const BUDGET: Budget = Budget { iterations: 20_000, time: Duration::from_millis(1500) };

#[test]
fn collection_loader_survives_a_short_run() {
    let seeds = seeds::collection_seeds();
    assert!(!seeds.is_empty(), "the fixture collections seed the loader");
    let mutator = Mutator::new(seeds::collection_dictionary()).with_mode(Mode::Json);
    let report = fuzz(&seeds, &mutator, BUDGET, 0xC0FFEE, targets::collection_loader);
    assert!(report.executions > seeds.len() as u64, "mutations ran: {}", report.executions);
    assert_eq!(report.crashes, vec![], "{} executions", report.executions);
}

#[test]
fn xml_decode_survives_a_short_run() {
    let seeds = seeds::xml_seeds();
    assert!(!seeds.is_empty(), "the fixtures' XML bodies seed the decoder");
    let mutator = Mutator::new(seeds::xml_dictionary(&seeds)).with_mode(Mode::Xml);
    let report = fuzz(&seeds, &mutator, BUDGET, 0xC0FFEE, targets::xml_decode);
    assert!(report.executions > seeds.len() as u64, "mutations ran: {}", report.executions);
    assert_eq!(report.crashes, vec![], "{} executions", report.executions);
}
