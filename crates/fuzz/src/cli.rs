//! The command line shared by the fuzz binaries: `--iterations N`, `--seconds T`, `--seed S`.

use std::path::Path;
use std::time::Duration;

use crate::harness::{Budget, Report};

/// Parsed arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Args {
    /// The run's limits.
    pub budget: Budget,
    /// The RNG seed.
    pub seed: u64,
}

/// Reads `args` (without the program name); unknown or malformed flags are an error message.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args { budget: Budget { iterations: u64::MAX, time: Duration::from_secs(30) }, seed: 1 };
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number: u64 = value.parse().map_err(|_| format!("{flag}: `{value}` is not a whole number"))?;
        match flag.as_str() {
            "--iterations" => parsed.budget.iterations = number,
            "--seconds" => parsed.budget.time = Duration::from_secs(number),
            "--seed" => parsed.seed = number,
            other => return Err(format!("unknown flag {other}; use --iterations, --seconds, --seed")),
        }
    }
    Ok(parsed)
}

/// Prints the figures and writes each crash input to `artifacts/<target>-<n>.bin`.
pub fn print_report(target: &str, args: &Args, report: &Report, artifacts: &Path) {
    println!(
        "{target}: seed {} executions {} in {:.1} s ({:.0}/s), crashes {}",
        args.seed,
        report.executions,
        report.elapsed.as_secs_f64(),
        report.per_second(),
        report.crashes.len()
    );
    for (index, crash) in report.crashes.iter().enumerate() {
        let path = artifacts.join(format!("{target}-{index}.bin"));
        let saved = std::fs::create_dir_all(artifacts).and_then(|()| std::fs::write(&path, &crash.input));
        let place = if saved.is_ok() { path.display().to_string() } else { "(not saved)".to_owned() };
        println!("  crash {index}: {} -> {place}", crash.message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_flags() {
        let args = parse(strings(&["--iterations", "10", "--seconds", "2", "--seed", "7"])).expect("valid");
        assert_eq!(args, Args { budget: Budget { iterations: 10, time: Duration::from_secs(2) }, seed: 7 });
        assert!(parse(strings(&["--seconds"])).unwrap_err().contains("needs a value"));
        assert!(parse(strings(&["--seed", "x"])).unwrap_err().contains("not a whole number"));
        assert!(parse(strings(&["--fast", "1"])).unwrap_err().contains("unknown flag"));
    }
}
