//! The fuzz targets. Each takes arbitrary bytes; any panic is a crash. Besides "does not panic",
//! the XML target checks an invariant: whatever decodes into a generated type encodes again and
//! decodes back to the same value.

use std::fmt::Debug;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tango_fixture_client::{errors, groups, resellers, subscribers};
use tango_runtime::{codec, testing, webhook};

/// The collection loader: collections and environments, then variable references.
pub fn collection_loader(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    let path = Path::new("fuzz-input.postman_collection.json");
    if let Ok(loaded) = tango_postman::parse_collection(&text, path) {
        // Every diagnostic must render (pointers and messages come from the input).
        for diagnostic in &loaded.diagnostics {
            let _ = diagnostic.to_string();
        }
    }
    let _ = tango_postman::parse_environment(&text, path);
    let _ = tango_postman::vars::references(&text).count();
}

/// The XML decoding path into generated types, the webhook parser and the equivalence check.
pub fn xml_decode(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    round_trip::<subscribers::CreateSubscriberRequest>(&text);
    round_trip::<subscribers::CreateSubscriberResponse>(&text);
    round_trip::<subscribers::GetSubscriberResponse>(&text);
    round_trip::<subscribers::ListSubscribersResponse>(&text);
    round_trip::<subscribers::UpdateSubscriberRequest>(&text);
    round_trip::<subscribers::sims::SwapSimRequest>(&text);
    round_trip::<subscribers::sims::SimStatusV2Response>(&text);
    round_trip::<groups::CreateGroupRequest>(&text);
    round_trip::<groups::ListGroupsResponse>(&text);
    round_trip::<resellers::ListResellersResponse>(&text);
    round_trip::<errors::ErrorBody>(&text);
    let _ = webhook::parse_xml::<subscribers::GetSubscriberResponse>(input, None, None);
    let _ = testing::xml_equivalent(&text, &text);
}

/// If `text` decodes into `T`, the value must survive `to_xml` then `from_xml` unchanged.
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + Debug>(text: &str) {
    let Ok(value) = codec::from_xml::<T>(text) else { return };
    let name = std::any::type_name::<T>();
    let xml = match codec::to_xml(&value) {
        Ok(xml) => xml,
        Err(e) => panic!("{name}: a decoded value does not encode: {e}"),
    };
    match codec::from_xml::<T>(&xml) {
        Ok(back) if back == value => {}
        Ok(_) => panic!("{name}: re-encoding changed the value"),
        Err(e) => panic!("{name}: re-encoded document does not decode: {}", e.kind_name()),
    }
}

/// A short, input-independent name for a codec error (crash messages are deduplicated by text).
trait KindName {
    fn kind_name(&self) -> String;
}

impl KindName for tango_runtime::CodecError {
    fn kind_name(&self) -> String {
        match self {
            tango_runtime::CodecError::Decode(e) => format!("{:?}", e.kind()),
            other => format!("{other}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds;

    #[test]
    fn seeds_pass_the_targets() {
        for seed in seeds::collection_seeds() {
            collection_loader(&seed);
        }
        for seed in seeds::xml_seeds() {
            xml_decode(&seed);
        }
    }
}
