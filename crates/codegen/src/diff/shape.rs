//! Compares two body type trees field by field (see the table in the module docs of [`super`]).

use super::ChangeKind;
use super::surface::{FieldShape, Shape, StructShape};
use crate::infer::FieldKind;

/// Whether the user builds the body or reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    /// A request body: built with `new(...)` and `with_*`.
    Request,
    /// A success body: read.
    Response,
    /// A webhook payload: read.
    Payload,
    /// A shared error body: read.
    Error,
}

impl Direction {
    fn noun(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
            Direction::Payload => "payload",
            Direction::Error => "error body",
        }
    }
}

/// One finding, before it is tied to an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Finding {
    pub kind: ChangeKind,
    pub breaking: bool,
    pub detail: String,
}

impl Finding {
    pub fn new(kind: ChangeKind, breaking: bool, detail: impl Into<String>) -> Self {
        Self { kind, breaking, detail: detail.into() }
    }
}

/// Compares the trees of one body; `what` names it (`request body`, `success body`, `payload`).
pub(super) fn compare(direction: Direction, what: &str, old: &Shape, new: &Shape, out: &mut Vec<Finding>) {
    compare_at(direction, what, "", old, new, out);
}

fn compare_at(direction: Direction, what: &str, path: &str, old: &Shape, new: &Shape, out: &mut Vec<Finding>) {
    match (old, new) {
        (Shape::Struct(a), Shape::Struct(b)) => structs(direction, what, path, a, b, out),
        (Shape::List(a), Shape::List(b)) => compare_at(direction, what, &format!("{path}[]"), a, b, out),
        (Shape::Scalar(a), Shape::Scalar(b)) if a == b => {}
        (Shape::Unresolved(a), Shape::Unresolved(b)) if a == b => {}
        _ => {
            let place = if path.is_empty() { what.to_owned() } else { format!("{} field `{path}`", direction.noun()) };
            out.push(Finding::new(
                ChangeKind::FieldTypeChanged,
                true,
                format!("type of {place} changed from `{}` to `{}`", old.rust_type(), new.rust_type()),
            ));
        }
    }
}

fn structs(direction: Direction, what: &str, path: &str, old: &StructShape, new: &StructShape, out: &mut Vec<Finding>) {
    if old.name != new.name {
        let place = if path.is_empty() { what.to_owned() } else { format!("`{path}`") };
        out.push(Finding::new(
            ChangeKind::TypeRenamed,
            true,
            format!("struct `{}` of {place} is now `{}`", old.name, new.name),
        ));
    }
    let noun = direction.noun();
    for field in &old.fields {
        let at = join(path, field);
        let Some(now) = new.fields.iter().find(|f| f.wire == field.wire && f.kind == field.kind) else {
            out.push(Finding::new(
                ChangeKind::FieldRemoved,
                true,
                format!("{noun} field `{at}` (`{}::{}`) was removed", old.name, field.rust_name),
            ));
            continue;
        };
        field_pair(direction, what, &at, old, new, field, now, out);
    }
    for field in new.fields.iter().filter(|f| !old.fields.iter().any(|o| o.wire == f.wire && o.kind == f.kind)) {
        let at = join(path, field);
        let item = format!("`{}::{}`", new.name, field.rust_name);
        let (breaking, detail) = match (direction, field.required) {
            (Direction::Request, true) => {
                (true, format!("new mandatory request field `{at}` ({item}): `{}::new` takes it", new.name))
            }
            (Direction::Request, false) => {
                (false, format!("new optional request field `{at}` ({item}, set with `with_{}`)", field.rust_name))
            }
            (_, required) => {
                let presence = if required { "always present" } else { "optional" };
                (false, format!("new {presence} {noun} field `{at}` ({item})"))
            }
        };
        out.push(Finding::new(ChangeKind::FieldAdded, breaking, detail));
    }
    if direction == Direction::Request {
        let old_args: Vec<&str> = old.fields.iter().filter(|f| f.required).map(|f| f.wire.as_str()).collect();
        let new_args: Vec<&str> = new.fields.iter().filter(|f| f.required).map(|f| f.wire.as_str()).collect();
        if let Some(detail) = reordered(&old_args, &new_args) {
            out.push(Finding::new(
                ChangeKind::ConstructorChanged,
                true,
                format!("`{}::new` takes its arguments in another order: {detail}", new.name),
            ));
        }
    }
}

/// When the names both lists share appear in another order, `(a, b) -> (b, a)` over those names.
pub(super) fn reordered(old: &[&str], new: &[&str]) -> Option<String> {
    let common_old: Vec<&str> = old.iter().copied().filter(|n| new.contains(n)).collect();
    let common_new: Vec<&str> = new.iter().copied().filter(|n| old.contains(n)).collect();
    (common_old != common_new).then(|| format!("({}) -> ({})", common_old.join(", "), common_new.join(", ")))
}

#[allow(clippy::too_many_arguments)]
fn field_pair(
    direction: Direction,
    what: &str,
    at: &str,
    old_struct: &StructShape,
    new_struct: &StructShape,
    old: &FieldShape,
    new: &FieldShape,
    out: &mut Vec<Finding>,
) {
    let noun = direction.noun();
    if old.rust_name != new.rust_name {
        out.push(Finding::new(
            ChangeKind::FieldRenamed,
            true,
            format!(
                "{noun} field `{at}` is now `{}::{}` (was `{}::{}`)",
                new_struct.name, new.rust_name, old_struct.name, old.rust_name
            ),
        ));
    }
    if old.required != new.required {
        let item = format!("`{}::{}`", new_struct.name, new.rust_name);
        let ty = new.ty.rust_type();
        let (kind, detail) = match (direction, new.required) {
            (Direction::Request, true) => (
                ChangeKind::FieldMadeMandatory,
                format!("request field `{at}` ({item}) became mandatory: `{}::new` takes it", new_struct.name),
            ),
            (Direction::Request, false) => (
                ChangeKind::FieldMadeOptional,
                format!(
                    "request field `{at}` ({item}) became optional: it leaves `{}::new` and becomes `Option<{ty}>`",
                    new_struct.name
                ),
            ),
            (_, true) => (
                ChangeKind::FieldMadeMandatory,
                format!("{noun} field `{at}` ({item}) is now always present: `Option<{ty}>` becomes `{ty}`"),
            ),
            (_, false) => (
                ChangeKind::FieldMadeOptional,
                format!(
                    "{noun} field `{at}` ({item}) may now be absent: `{ty}` becomes `Option<{ty}>` (an older crate \
                     fails to decode a body without it)"
                ),
            ),
        };
        out.push(Finding::new(kind, true, detail));
    }
    if old.example != new.example {
        let show = |e: &Option<String>| e.as_deref().map_or_else(|| "none".to_owned(), |e| format!("`{e}`"));
        out.push(Finding::new(
            ChangeKind::ExampleChanged,
            false,
            format!("{noun} field `{at}` example {} -> {}", show(&old.example), show(&new.example)),
        ));
    }
    compare_at(direction, what, at, &old.ty, &new.ty, out);
}

/// `parent.child`, `parent.@attribute`, `parent.$text`.
fn join(path: &str, field: &FieldShape) -> String {
    let name = match field.kind {
        FieldKind::Element => field.wire.clone(),
        FieldKind::Attribute => format!("@{}", field.wire),
        FieldKind::Text => "$text".to_owned(),
    };
    if path.is_empty() { name } else { format!("{path}.{name}") }
}
