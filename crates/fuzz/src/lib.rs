//! A fuzz harness that runs on the stable toolchain (no libFuzzer, no nightly).
//!
//! Each target is a function over bytes. [`fuzz`] mutates seed inputs with a seeded RNG (so a
//! run is reproducible from its seed), calls the target under `catch_unwind`, and reports
//! executions, time and every crash with its input. Targets turn wrong results into panics
//! (for example a decoded value that does not survive re-encoding), so a crash is either a panic
//! in the code under test or a broken invariant.
//!
//! Binaries: `fuzz_collection_loader` and `fuzz_xml_decode`, e.g.
//! `cargo run --release -p tango-fuzz --bin fuzz_xml_decode -- --seconds 60 --seed 7`.
#![warn(missing_docs)]

pub mod cli;
pub mod harness;
pub mod mutate;
pub mod seeds;
pub mod targets;

pub use harness::{Budget, Crash, Report, fuzz};
