//! Runtime for the generated Tango client.
