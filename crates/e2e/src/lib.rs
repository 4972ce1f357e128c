//! End-to-end tests of generated clients live in `tests/`; this crate has no library code.
