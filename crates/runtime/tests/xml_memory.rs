//! Memory stays bounded on hostile XML: a counting allocator measures the peak heap growth while
//! the runtime decodes entity bombs and deep documents. One test function, so no other test in
//! this binary allocates concurrently.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;
use tango_runtime::{CodecError, DecodeErrorKind, codec, webhook};

/// Passes every call to the system allocator and tracks live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::SeqCst) + size;
    PEAK.fetch_max(live, Ordering::SeqCst);
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the counters
// are only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
            grew(new_size);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap growth, in bytes, while `f` runs.
fn peak_growth<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let output = f();
    (output, PEAK.load(Ordering::SeqCst).saturating_sub(before))
}

#[derive(Debug, Deserialize)]
struct Doc {
    #[serde(rename = "value", default)]
    _value: String,
}

fn billion_laughs() -> String {
    let mut doc = String::from("<?xml version=\"1.0\"?><!DOCTYPE doc [<!ENTITY l0 \"lol\">");
    for level in 1..=9 {
        doc.push_str(&format!("<!ENTITY l{level} \"{}\">", format!("&l{};", level - 1).repeat(10)));
    }
    doc.push_str("]><doc><value>&l9;</value></doc>"); // 3 * 10^9 bytes if expanded
    doc
}

fn quadratic_blowup() -> String {
    let entity = "x".repeat(50_000);
    format!("<!DOCTYPE doc [<!ENTITY e \"{entity}\">]><doc><value>{}</value></doc>", "&e;".repeat(50_000))
}

fn refused(result: Result<Doc, CodecError>) -> bool {
    matches!(result, Err(CodecError::Decode(e)) if e.kind() == DecodeErrorKind::Refused)
}

#[test]
fn hostile_xml_decodes_in_bounded_memory() {
    let bomb = billion_laughs();
    let (outcome, peak) = peak_growth(|| codec::from_xml::<Doc>(&bomb));
    assert!(refused(outcome), "billion laughs refused");
    assert!(peak < 64 * 1024, "billion laughs ({} bytes) peaked at {peak} bytes", bomb.len());

    let blowup = quadratic_blowup();
    let (outcome, peak) = peak_growth(|| codec::from_xml::<Doc>(&blowup));
    assert!(refused(outcome), "quadratic blowup refused");
    assert!(peak < 64 * 1024, "quadratic blowup ({} bytes) peaked at {peak} bytes", blowup.len());

    let (outcome, peak) = peak_growth(|| webhook::parse_xml::<Doc>(bomb.as_bytes(), None, None));
    assert!(matches!(outcome, Err(webhook::WebhookError::Decode(e)) if e.kind() == DecodeErrorKind::Refused));
    assert!(peak < 64 * 1024, "webhook path peaked at {peak} bytes");

    // 200k nested unknown elements (1.4 MB) are skipped; quick-xml keeps the open tag names to
    // match end tags, so the heap grows linearly with the input (which the client caps), no more.
    let depth = 200_000;
    let deep = format!("<doc><value>v</value>{}{}</doc>", "<x>".repeat(depth), "</x>".repeat(depth));
    let (outcome, peak) = peak_growth(|| codec::from_xml::<Doc>(&deep));
    assert!(outcome.is_ok(), "{outcome:?}");
    assert!(peak < 3 * deep.len(), "deep document ({} bytes) peaked at {peak} bytes", deep.len());
}
