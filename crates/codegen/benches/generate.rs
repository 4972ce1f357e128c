//! How fast the generator is and how much memory it takes: load + build + emit for our fixtures and, when
//! `../shared/corpus` exists, every corpus collection. Run with `cargo bench -p tango-codegen`; it prints one
//! row per collection (input size, median time of several runs, peak heap during one run).

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tango_codegen::{CrateOptions, RuntimeDependency, Settings};

/// Counts live heap bytes and remembers the peak, so the bench can report memory without an external tool.
struct PeakAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
unsafe impl GlobalAlloc for PeakAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

fn generate(path: &Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let loaded = tango_postman::parse_collection(&text, path).map_err(|e| e.to_string())?;
    let options = CrateOptions {
        crate_name: "bench".to_owned(),
        runtime: RuntimeDependency::Workspace,
        source: path.display().to_string(),
        source_sha256: String::new(),
    };
    let generated =
        tango_codegen::generate(&loaded.collection, &[], &Settings::default(), &options).map_err(|e| e.to_string())?;
    Ok(generated.files.iter().map(|f| f.contents.len()).sum())
}

fn collections() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = ["tango-v6.postman_collection.json", "legacy-shapes.v2.0.json", "legacy-v1.json"]
        .iter()
        .map(|f| root.join("tests/fixtures").join(f))
        .collect();
    let corpus = root.join("../../../shared/corpus");
    match std::fs::read_dir(&corpus) {
        Ok(entries) => {
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            found.sort();
            files.extend(found);
        }
        Err(_) => println!("(../shared/corpus not found: fixtures only)"),
    }
    files
}

fn main() {
    // `cargo test --benches` runs bench targets with `--bench`-less args; measure only under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("generate bench: run with `cargo bench -p tango-codegen`");
        return;
    }
    println!("{:<58} {:>10} {:>10} {:>12} {:>12}", "collection", "input KiB", "output KiB", "median ms", "peak MiB");
    let mut total = Duration::ZERO;
    for path in collections() {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let input = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let output = match generate(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                println!("{name:<58} error: {error}");
                continue;
            }
        };
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
        let mut times: Vec<Duration> = (0..7)
            .map(|_| {
                let start = Instant::now();
                let _ = std::hint::black_box(generate(&path));
                start.elapsed()
            })
            .collect();
        times.sort();
        let median = times[times.len() / 2];
        total += median;
        println!(
            "{name:<58} {:>10.1} {:>10.1} {:>12.2} {:>12.2}",
            input as f64 / 1024.0,
            output as f64 / 1024.0,
            median.as_secs_f64() * 1e3,
            peak as f64 / (1024.0 * 1024.0)
        );
    }
    println!("total of medians: {:.1} ms", total.as_secs_f64() * 1e3);
}
