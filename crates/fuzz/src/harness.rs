//! The run loop: mutate, execute under `catch_unwind`, count, collect crashes.

use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

use crate::mutate::Mutator;

/// When a run stops: after `iterations` executions or `time`, whichever comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Most executions.
    pub iterations: u64,
    /// Longest run time.
    pub time: Duration,
}

/// An input that made the target panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crash {
    /// The input.
    pub input: Vec<u8>,
    /// The panic message.
    pub message: String,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Executions of the target (seeds included).
    pub executions: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Distinct crashes (by message), first input kept.
    pub crashes: Vec<Crash>,
}

impl Report {
    /// Executions per second.
    pub fn per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 { self.executions as f64 / seconds } else { 0.0 }
    }
}

/// Runs `target` on every seed, then on mutations of seeds and of earlier inputs, until `budget`
/// is spent. `rng_seed` makes the sequence of inputs reproducible. Panics are caught (and their
/// default message silenced) for the length of the run.
pub fn fuzz(seeds: &[Vec<u8>], mutator: &Mutator, budget: Budget, rng_seed: u64, target: impl Fn(&[u8])) -> Report {
    let mut rng = fastrand::Rng::with_seed(rng_seed);
    let started = Instant::now();
    let mut report = Report::default();
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let fallback = [Vec::new()];
    let seeds = if seeds.is_empty() { &fallback[..] } else { seeds };
    let mut last: Vec<u8> = Vec::new();
    while report.executions < budget.iterations && started.elapsed() < budget.time {
        let index = usize::try_from(report.executions).unwrap_or(usize::MAX);
        let input = match seeds.get(index) {
            Some(seed) => seed.clone(),
            // Half the time stack more mutations on the last input, to walk further from the seeds.
            None if rng.bool() && !last.is_empty() => mutator.mutate(&last, seeds, &mut rng),
            None => {
                let base = seeds.get(rng.usize(..seeds.len())).unwrap_or(&last);
                mutator.mutate(base, seeds, &mut rng)
            }
        };
        report.executions += 1;
        if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| target(&input))) {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "non-string panic".to_owned());
            if !report.crashes.iter().any(|c| c.message == message) {
                report.crashes.push(Crash { input: input.clone(), message });
            }
        }
        last = input;
    }
    panic::set_hook(previous_hook);
    report.elapsed = started.elapsed();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_planted_crash_and_is_reproducible() {
        let mutator = Mutator::new(vec![b"BOOM".to_vec()]);
        let target = |input: &[u8]| {
            if input.windows(4).any(|w| w == b"BOOM") && input.len() > 6 {
                panic!("planted");
            }
        };
        let budget = Budget { iterations: 20_000, time: Duration::from_secs(10) };
        let first = fuzz(&[b"hello".to_vec()], &mutator, budget, 42, target);
        let again = fuzz(&[b"hello".to_vec()], &mutator, budget, 42, target);
        assert_eq!(first.crashes.len(), 1, "{first:?}");
        assert_eq!(first.crashes[0].message, "planted");
        assert_eq!(first.crashes, again.crashes, "same seed, same inputs");
        assert_eq!(first.executions, 20_000);
    }

    #[test]
    fn stops_at_the_time_budget() {
        let mutator = Mutator::new(Vec::new());
        let budget = Budget { iterations: u64::MAX, time: Duration::from_millis(50) };
        let report = fuzz(&[b"x".to_vec()], &mutator, budget, 1, |_| {});
        assert!(report.elapsed < Duration::from_secs(1), "{:?}", report.elapsed);
        assert!(report.executions > 0 && report.crashes.is_empty());
    }
}
