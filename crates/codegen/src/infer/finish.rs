//! The whole pipeline, and the step that turns merged shapes into types: scalar rules, JSON kinds,
//! requiredness, field names.

use std::collections::BTreeSet;

use indexmap::IndexSet;
use serde_json::Value;

use crate::names::{self, Namer};

use super::merge::{FieldAcc, FieldKey, Merge, ObjectAcc, ScalarAcc, ValueAcc, VarSpot};
use super::naming::{NodeField, StructNode, Ty, name_types};
use super::scalar::{local_part, normalize};
use super::{BodyFormat, FieldKind, FieldType, InferInput, Inferred, Requiredness, Sample, SampleBody};
use super::{form, json, xml};

/// See [`super::infer`].
pub(super) fn infer(input: &InferInput<'_>) -> Option<Inferred> {
    let mut warnings = IndexSet::new();
    let mut used_samples = Vec::new();
    let mut root = ValueAcc::default();
    let mut root_element: Option<String> = None;
    for (sample, body) in input.samples.iter().enumerate() {
        let origin = body.origin.as_str();
        let mut merge = Merge { sample, origin, warnings: &mut warnings };
        let used = match (input.format, &body.body) {
            (_, SampleBody::Text(text)) if text.trim().is_empty() => {
                merge.warnings.insert(format!("{origin}: skipped, the body is empty"));
                false
            }
            (BodyFormat::Xml, SampleBody::Text(text)) => match xml::parse(text) {
                Err(why) => {
                    merge.warnings.insert(format!("{origin}: skipped, not well-formed XML: {why}"));
                    false
                }
                Ok(element) => match &root_element {
                    Some(name) if *name != element.name => {
                        merge
                            .warnings
                            .insert(format!("{origin}: skipped, its root element <{}> is not <{name}>", element.name));
                        false
                    }
                    _ => {
                        let path = format!("/{}", element.name);
                        merge.xml_element(&mut root, &element, &path);
                        root_element = Some(element.name);
                        true
                    }
                },
            },
            (BodyFormat::Json, SampleBody::Text(text)) => match json::parse(text) {
                Err(why) => {
                    merge.warnings.insert(format!("{origin}: skipped, not valid JSON: {why}"));
                    false
                }
                Ok(value) => {
                    merge.json_value(&mut root, &value);
                    true
                }
            },
            (BodyFormat::Form, SampleBody::Text(text)) => {
                merge.form(&mut root, &form::parse(text));
                true
            }
            (BodyFormat::Form, SampleBody::Form(pairs)) => {
                merge.form(&mut root, pairs);
                true
            }
            (format, SampleBody::Form(_)) => {
                merge.warnings.insert(format!("{origin}: skipped, form fields where a {format:?} body was expected"));
                false
            }
        };
        if used {
            used_samples.push(sample);
        }
    }
    if used_samples.is_empty() {
        return None;
    }

    let mut finisher = Finisher::new(input, &mut warnings);
    let root_ty = match (input.format, root.object.as_deref()) {
        (BodyFormat::Json, _) => finisher.json(&root, "", "$", false).ty,
        (BodyFormat::Xml, Some(object)) => {
            let text = root.scalar.has_content().then_some(&root.scalar);
            let wire = root_element.clone().unwrap_or_default();
            Ty::Struct(Box::new(finisher.object(object, &wire, &format!("/{wire}"), text)))
        }
        (BodyFormat::Form, Some(object)) => Ty::Struct(Box::new(finisher.object(object, "", "", None))),
        (_, None) => Ty::Struct(Box::new(StructNode { wire_name: String::new(), fields: Vec::new(), shape: 0 })),
    };
    finisher.warn_unseen_listed();
    let incomplete_samples = finisher.incomplete.iter().copied().collect();
    let (root_type, defs) = name_types(input.root_name, root_ty, input.format == BodyFormat::Xml);
    Some(Inferred {
        root: root_type,
        root_element,
        defs,
        used_samples,
        incomplete_samples,
        warnings: warnings.into_iter().collect(),
    })
}

/// A name from a "Mandatory fields" list.
struct ListedName {
    original: String,
    /// Normalized forms that match it: the whole name, and its last segment for dotted paths.
    forms: Vec<String>,
    seen: bool,
}

/// A type, with the example and bound variable that go with it.
pub(super) struct Typed {
    pub ty: Ty,
    pub example: Option<String>,
    pub bound_variable: Option<String>,
}

impl Typed {
    fn of(ty: Ty) -> Self {
        Self { ty, example: None, bound_variable: None }
    }
}

struct Finisher<'a> {
    format: BodyFormat,
    samples: &'a [Sample],
    root_name: &'a str,
    resolve_var: &'a dyn Fn(&str) -> Option<String>,
    listed: Option<Vec<ListedName>>,
    warnings: &'a mut IndexSet<String>,
    /// Samples lacking a field the type requires.
    incomplete: BTreeSet<usize>,
}

impl<'a> Finisher<'a> {
    fn new(input: &'a InferInput<'a>, warnings: &'a mut IndexSet<String>) -> Self {
        let listed = match input.required {
            Requiredness::FromSamples => None,
            Requiredness::Listed(names) => Some(
                names
                    .iter()
                    .map(|name| {
                        let mut forms = vec![normalize(name)];
                        if let Some((_, last)) = name.rsplit_once(['.', '/', '>']) {
                            forms.push(normalize(last));
                        }
                        forms.retain(|form| !form.is_empty());
                        ListedName { original: name.clone(), forms, seen: false }
                    })
                    .collect(),
            ),
        };
        Self {
            format: input.format,
            samples: input.samples,
            root_name: input.root_name,
            resolve_var: input.resolve_var,
            listed,
            warnings,
            incomplete: BTreeSet::new(),
        }
    }

    fn origin(&self, sample: usize) -> &str {
        self.samples.get(sample).map_or("?", |s| s.origin.as_str())
    }

    fn origins(&self, samples: &BTreeSet<usize>) -> String {
        samples.iter().map(|&s| self.origin(s)).collect::<Vec<_>>().join(", ")
    }

    /// A variable's value when it is a literal (not itself a `{{...}}` template).
    fn resolve(&self, name: &str) -> Option<String> {
        (self.resolve_var)(name).filter(|value| !value.contains("{{"))
    }

    /// A struct from its fields; `text` is the element text that becomes a `value` field (XML only).
    fn object(&mut self, object: &ObjectAcc, wire_name: &str, path: &str, text: Option<&ScalarAcc>) -> StructNode {
        let mut fields = Vec::with_capacity(object.fields.len() + 1);
        for (key, field) in &object.fields {
            let child_path = self.child_path(path, key);
            let typed = self.field_value(&field.value, &key.wire, &child_path);
            // A repeated form key is a list too: the runtime's form codec writes a list as repeated keys.
            let ty = if field.max_repeat > 1 { Ty::List(Box::new(typed.ty)) } else { typed.ty };
            let required = self.required(key, field, object, &ty);
            fields.push(NodeField {
                rust_name: String::new(),
                wire_name: key.wire.clone(),
                kind: key.kind,
                ty,
                required,
                bound_variable: typed.bound_variable,
                example: typed.example,
            });
        }
        let mut namer = Namer::new();
        if let Some(text) = text {
            let at = fields.iter().position(|f| f.kind == FieldKind::Element).unwrap_or(fields.len());
            fields.insert(
                at,
                NodeField {
                    rust_name: namer.unique("value"),
                    wire_name: "$text".to_owned(),
                    kind: FieldKind::Text,
                    ty: Ty::Scalar(self.text_type(text)),
                    required: true,
                    bound_variable: text.bound_variable(),
                    example: text.example.clone(),
                },
            );
        }
        for field in fields.iter_mut().filter(|f| f.kind != FieldKind::Text) {
            let source = if self.format == BodyFormat::Xml { local_part(&field.wire_name) } else { &field.wire_name };
            field.rust_name = namer.unique(&names::snake(source, "field"));
        }
        StructNode { wire_name: wire_name.to_owned(), fields, shape: 0 }
    }

    fn child_path(&self, path: &str, key: &FieldKey) -> String {
        match (self.format, key.kind) {
            (BodyFormat::Xml, FieldKind::Attribute) => format!("{path}/@{}", key.wire),
            (BodyFormat::Xml, _) => format!("{path}/{}", key.wire),
            (BodyFormat::Json, _) => format!("{path}.{}", key.wire),
            (BodyFormat::Form, _) => key.wire.clone(),
        }
    }

    fn field_value(&mut self, value: &ValueAcc, wire_name: &str, path: &str) -> Typed {
        match (self.format, value.object.as_deref()) {
            (BodyFormat::Json, _) => self.json(value, wire_name, path, false),
            (BodyFormat::Xml, Some(object)) if !object.fields.is_empty() => {
                let text = value.scalar.has_content().then_some(&value.scalar);
                Typed::of(Ty::Struct(Box::new(self.object(object, wire_name, path, text))))
            }
            _ => Typed {
                ty: Ty::Scalar(self.text_type(&value.scalar)),
                example: value.scalar.example.clone(),
                bound_variable: value.scalar.bound_variable(),
            },
        }
    }

    /// XML text, attribute or form value: literal votes, else the variables' values, else a string.
    fn text_type(&self, scalar: &ScalarAcc) -> FieldType {
        let mut votes = scalar.votes;
        if votes.count == 0 {
            for name in scalar.vars.keys() {
                if let Some(value) = self.resolve(name) {
                    votes.vote(&value);
                }
            }
        }
        votes.kind().unwrap_or(FieldType::String)
    }

    /// A JSON value; `in_list` makes `null` a conflicting kind (list items cannot be optional).
    fn json(&mut self, value: &ValueAcc, wire_name: &str, path: &str, in_list: bool) -> Typed {
        let mut kinds = value.json;
        if kinds.names().is_empty() {
            for (name, spot) in &value.scalar.vars {
                match (spot, self.resolve(name)) {
                    (VarSpot::JsonBare, Some(resolved)) => match serde_json::from_str::<Value>(resolved.trim()) {
                        Ok(Value::Number(n)) if n.is_i64() => kinds.integer = true,
                        Ok(Value::Number(_)) => kinds.float = true,
                        Ok(Value::Bool(_)) => kinds.bool = true,
                        Ok(Value::Null) => {}
                        _ => kinds.string = true,
                    },
                    _ => kinds.string = true,
                }
            }
        }
        let mut names = kinds.names();
        if in_list && value.nulls > 0 && !names.is_empty() {
            names.push("null");
        }
        let bound_variable = value.scalar.bound_variable();
        let scalar =
            |ty: FieldType| Typed { ty: Ty::Scalar(ty), example: value.scalar.example.clone(), bound_variable };
        match names.as_slice() {
            ["string"] => scalar(FieldType::String),
            ["integer"] => scalar(FieldType::Integer),
            ["float"] => scalar(FieldType::Float),
            ["bool"] => scalar(FieldType::Bool),
            ["object"] => match value.object.as_deref() {
                Some(object) if !object.fields.is_empty() => {
                    Typed::of(Ty::Struct(Box::new(self.object(object, wire_name, path, None))))
                }
                _ => self.untyped(path, "only {} seen"),
            },
            ["array"] => match value.items.as_deref() {
                Some(items) if !items.samples.is_empty() => {
                    let item = self.json(items, wire_name, &format!("{path}[]"), true);
                    Typed { ty: Ty::List(Box::new(item.ty)), example: item.example, bound_variable: None }
                }
                _ => self.untyped(path, "only [] seen"),
            },
            [] if value.nulls > 0 => self.untyped(path, "only null seen"),
            [] => Typed::of(Ty::Scalar(FieldType::Any)),
            several => {
                let why =
                    format!("conflicting JSON kinds ({}) in {}", several.join(", "), self.origins(&value.samples));
                self.untyped(path, &why)
            }
        }
    }

    fn untyped(&mut self, path: &str, why: &str) -> Typed {
        self.warnings.insert(format!("{}: `{path}`: {why}; kept as untyped JSON", self.root_name));
        Typed::of(Ty::Scalar(FieldType::Any))
    }

    fn required(&mut self, key: &FieldKey, field: &FieldAcc, parent: &ObjectAcc, ty: &Ty) -> bool {
        let listed = self.listed_check(key, field, parent);
        if matches!(ty, Ty::List(_)) || field.value.nulls > 0 {
            return false;
        }
        // Prose lists leaf names (`firstName`), not their containers (`<subscriber>`): a container that
        // holds a mandatory field is itself mandatory.
        let holds_mandatory = matches!(ty, Ty::Struct(node)
            if node.fields.iter().any(|f| f.required && f.kind != FieldKind::Text));
        let required = match listed {
            Some(listed) => listed || holds_mandatory,
            None => field.present == parent.instances && parent.instances >= 2,
        };
        if required {
            for (&sample, &instances) in &parent.per_sample {
                if field.per_sample.get(&sample).copied().unwrap_or(0) < instances {
                    self.incomplete.insert(sample);
                }
            }
        }
        required
    }

    /// `Some(listed)` under [`Requiredness::Listed`]; warns where a listed field is missing from a parent.
    fn listed_check(&mut self, key: &FieldKey, field: &FieldAcc, parent: &ObjectAcc) -> Option<bool> {
        let listed = self.listed.as_mut()?;
        let forms = [normalize(&key.wire), normalize(local_part(&key.wire))];
        let mut matched = false;
        for name in listed.iter_mut() {
            if name.forms.iter().any(|form| forms.contains(form)) {
                name.seen = true;
                matched = true;
            }
        }
        if matched {
            for (&sample, &instances) in &parent.per_sample {
                if field.per_sample.get(&sample).copied().unwrap_or(0) < instances {
                    let origin = self.origin(sample).to_owned();
                    self.warnings.insert(format!("{origin}: mandatory field `{}` is missing", key.wire));
                }
            }
        }
        Some(matched)
    }

    fn warn_unseen_listed(&mut self) {
        let unseen: Vec<String> = self
            .listed
            .iter()
            .flatten()
            .filter(|name| !name.seen)
            .map(|name| format!("{}: mandatory field `{}` has no example", self.root_name, name.original))
            .collect();
        self.warnings.extend(unseen);
    }
}
