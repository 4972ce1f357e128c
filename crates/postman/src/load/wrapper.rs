//! The documenter wrapper `{collection: {info, item?}, environments: [...], activeVersionTag, ...}` that
//! Postman's published-documentation endpoint serves (the Postman API's `{collection: {...}}` is the same shape).

use serde_json::Value;

use super::cx::{Cx, get};
use super::environment;
use super::v2::published;
use crate::{Collection, Published};

/// Adds what the wrapper carries around the inner collection: its environments and publication metadata
/// (fields in `collection.info` win over the same fields at the wrapper's top level).
pub(crate) fn complete(cx: &mut Cx, collection: &mut Collection, root: &Value) {
    collection.environments = environment::list(cx, get(root, "environments"), "/environments");
    let outer = published(cx, root, "").unwrap_or_default();
    let inner = collection.info.published.take().unwrap_or_default();
    let merged = Published {
        public_url: inner.public_url.or(outer.public_url),
        owner: inner.owner.or(outer.owner),
        published_id: inner.published_id.or(outer.published_id),
        active_version_tag: inner.active_version_tag.or(outer.active_version_tag),
        publish_date: inner.publish_date.or(outer.publish_date),
    };
    collection.info.published = (merged != Published::default()).then_some(merged);
}
