//! Merging sample instances into one neutral shape per type path: for each field, in how many parent instances
//! it appeared, the most times it repeated in one parent, and the values seen.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::{IndexMap, IndexSet};
use serde_json::Value;

use super::FieldKind;
use super::FormPair;
use super::json::bare_var;
use super::scalar::{TextVotes, example, var_name};
use super::xml::Element;

/// Where a `{{var}}` stood; decides how a resolved value votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VarSpot {
    /// XML text or attribute, or a form value: the text rules apply to the resolved value.
    Text,
    /// Inside a JSON string: a string whatever the value.
    JsonString,
    /// A bare `{{var}}` in JSON: the resolved value is parsed as JSON.
    JsonBare,
}

/// The scalar values of one field.
#[derive(Debug, Default)]
pub(super) struct ScalarAcc {
    /// Literal texts (XML text and attributes, form values).
    pub votes: TextVotes,
    /// Distinct variables, in first-seen order.
    pub vars: IndexMap<String, VarSpot>,
    /// How many values were exactly a variable.
    pub var_count: usize,
    /// How many values (of any kind, `null` included) were not exactly a variable.
    pub literal_count: usize,
    /// First non-empty literal scalar.
    pub example: Option<String>,
}

impl ScalarAcc {
    fn literal(&mut self, text: &str) {
        self.literal_count += 1;
        if self.example.is_none() && !text.is_empty() {
            self.example = Some(example(text));
        }
    }

    fn var(&mut self, name: &str, spot: VarSpot) {
        self.var_count += 1;
        self.vars.entry(name.to_owned()).or_insert(spot);
    }

    /// Adds an XML text, attribute value or form value.
    fn text(&mut self, text: &str) {
        match var_name(text) {
            Some(name) => self.var(name, VarSpot::Text),
            None => {
                self.votes.vote(text);
                self.literal(text);
            }
        }
    }

    /// The variable every value was bound to, if there was exactly one and nothing else.
    pub fn bound_variable(&self) -> Option<String> {
        match (self.literal_count, self.vars.len()) {
            (0, 1) => self.vars.keys().next().cloned(),
            _ => None,
        }
    }

    /// Some value had text or a variable (an XML element with fields then needs a text field).
    pub fn has_content(&self) -> bool {
        self.var_count > 0 || self.example.is_some()
    }
}

/// The JSON kinds that voted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct JsonKinds {
    pub string: bool,
    pub integer: bool,
    pub float: bool,
    pub bool: bool,
    pub object: bool,
    pub array: bool,
}

impl JsonKinds {
    /// The kinds seen, integers folded into floats when both appear.
    pub fn names(&self) -> Vec<&'static str> {
        let number = if self.float {
            Some("float")
        } else if self.integer {
            Some("integer")
        } else {
            None
        };
        [
            self.string.then_some("string"),
            number,
            self.bool.then_some("bool"),
            self.object.then_some("object"),
            self.array.then_some("array"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Everything seen at one type path.
#[derive(Debug, Default)]
pub(super) struct ValueAcc {
    pub scalar: ScalarAcc,
    pub json: JsonKinds,
    pub nulls: usize,
    /// XML: every element instance; JSON: object instances.
    pub object: Option<Box<ObjectAcc>>,
    /// JSON array elements, all arrays merged.
    pub items: Option<Box<ValueAcc>>,
    /// Samples that contributed (for warnings).
    pub samples: BTreeSet<usize>,
}

/// Identity of a field within its parent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct FieldKey {
    pub kind: FieldKind,
    pub wire: String,
}

/// The fields seen in the instances of one struct path.
#[derive(Debug, Default)]
pub(super) struct ObjectAcc {
    pub instances: usize,
    /// Instances per sample index.
    pub per_sample: BTreeMap<usize, usize>,
    pub fields: IndexMap<FieldKey, FieldAcc>,
}

/// One field of a struct path.
#[derive(Debug, Default)]
pub(super) struct FieldAcc {
    /// Parent instances that held it (disabled form pairs do not count).
    pub present: usize,
    /// Parent instances that held it, per sample index.
    pub per_sample: BTreeMap<usize, usize>,
    /// Most occurrences in one parent instance.
    pub max_repeat: usize,
    pub value: ValueAcc,
}

impl ObjectAcc {
    /// The index of a field, adding it when new. A new field goes right after `previous`, the field before
    /// it in the same instance, so that the merged order is one every sample agrees with (a field seen
    /// only in the second sample, between two known ones, is written between them).
    /// `later` names the fields that follow in the same instance: a new first field goes before the first of
    /// them already known, or last when none is.
    fn field_index<'n>(
        &mut self,
        kind: FieldKind,
        wire: &str,
        previous: Option<&FieldKey>,
        later: impl IntoIterator<Item = &'n str>,
    ) -> (usize, FieldKey) {
        let key = FieldKey { kind, wire: wire.to_owned() };
        if let Some(index) = self.fields.get_index_of(&key) {
            return (index, key);
        }
        let after_previous = previous.and_then(|p| self.fields.get_index_of(p)).map(|i| i + 1);
        let before_next =
            || later.into_iter().find_map(|name| self.fields.get_index_of(&FieldKey { kind, wire: name.to_owned() }));
        let at = after_previous.or_else(before_next).unwrap_or(self.fields.len());
        self.fields.shift_insert(at, key.clone(), FieldAcc::default());
        (at, key)
    }

    fn value_at(&mut self, index: usize) -> Option<&mut ValueAcc> {
        self.fields.get_index_mut(index).map(|(_, field)| &mut field.value)
    }

    /// Records one parent instance given how often each field occurred in it.
    fn end_instance(&mut self, sample: usize, counts: &IndexMap<FieldKey, usize>) {
        self.instances += 1;
        *self.per_sample.entry(sample).or_default() += 1;
        for (key, &count) in counts {
            if let Some(field) = self.fields.get_mut(key) {
                field.present += 1;
                *field.per_sample.entry(sample).or_default() += 1;
                field.max_repeat = field.max_repeat.max(count);
            }
        }
    }
}

/// Merges the instances of one sample.
pub(super) struct Merge<'a> {
    pub sample: usize,
    pub origin: &'a str,
    pub warnings: &'a mut IndexSet<String>,
}

impl Merge<'_> {
    /// Adds one XML element instance (recursion is bounded by the parser's depth limit).
    pub fn xml_element(&mut self, acc: &mut ValueAcc, element: &Element, path: &str) {
        acc.samples.insert(self.sample);
        acc.scalar.text(&element.text);
        if element.is_mixed() {
            self.warnings.insert(format!(
                "{}: `{path}` mixes text with child elements; the text is kept as field `value`",
                self.origin
            ));
        }
        let object = acc.object.get_or_insert_default();
        let mut counts: IndexMap<FieldKey, usize> = IndexMap::new();
        let mut previous: Option<FieldKey> = None;
        for (name, value) in &element.attrs {
            // Attribute order carries no meaning, so attributes only keep their first-seen order.
            let (index, key) = object.field_index(FieldKind::Attribute, name, previous.as_ref(), []);
            if let Some(value_acc) = object.value_at(index) {
                value_acc.samples.insert(self.sample);
                value_acc.scalar.text(value);
            }
            *counts.entry(key.clone()).or_default() += 1;
            previous = Some(key);
        }
        for (position, child) in element.children.iter().enumerate() {
            let later = element.children.iter().skip(position + 1).map(|c| c.name.as_str());
            let (index, key) = object.field_index(FieldKind::Element, &child.name, previous.as_ref(), later);
            if let Some(value_acc) = object.value_at(index) {
                self.xml_element(value_acc, child, &format!("{path}/{}", child.name));
            }
            *counts.entry(key.clone()).or_default() += 1;
            previous = Some(key);
        }
        object.end_instance(self.sample, &counts);
    }

    /// Adds one JSON value (recursion is bounded by the parser's depth limit).
    pub fn json_value(&mut self, acc: &mut ValueAcc, value: &Value) {
        acc.samples.insert(self.sample);
        match value {
            Value::Null => {
                acc.nulls += 1;
                acc.scalar.literal_count += 1;
            }
            Value::Bool(flag) => {
                acc.json.bool = true;
                acc.scalar.literal(&flag.to_string());
            }
            Value::Number(number) => {
                if number.is_i64() {
                    acc.json.integer = true;
                } else {
                    acc.json.float = true;
                }
                acc.scalar.literal(&number.to_string());
            }
            Value::String(text) => {
                if let Some(name) = bare_var(text) {
                    acc.scalar.var(name, VarSpot::JsonBare);
                } else if let Some(name) = var_name(text) {
                    acc.scalar.var(name, VarSpot::JsonString);
                } else {
                    acc.json.string = true;
                    acc.scalar.literal(text);
                }
            }
            Value::Array(items) => {
                acc.json.array = true;
                acc.scalar.literal_count += 1;
                let items_acc = acc.items.get_or_insert_default();
                for item in items {
                    self.json_value(items_acc, item);
                }
            }
            Value::Object(map) => {
                acc.json.object = true;
                acc.scalar.literal_count += 1;
                let object = acc.object.get_or_insert_default();
                let mut counts: IndexMap<FieldKey, usize> = IndexMap::new();
                let mut previous: Option<FieldKey> = None;
                for (position, (name, item)) in map.iter().enumerate() {
                    let later = map.keys().skip(position + 1).map(String::as_str);
                    let (index, key) = object.field_index(FieldKind::Element, name, previous.as_ref(), later);
                    if let Some(value_acc) = object.value_at(index) {
                        self.json_value(value_acc, item);
                    }
                    *counts.entry(key.clone()).or_default() += 1;
                    previous = Some(key);
                }
                object.end_instance(self.sample, &counts);
            }
        }
    }

    /// Adds one form sample; disabled pairs give types but not presence.
    pub fn form(&mut self, acc: &mut ValueAcc, pairs: &[FormPair]) {
        acc.samples.insert(self.sample);
        let object = acc.object.get_or_insert_default();
        let mut counts: IndexMap<FieldKey, usize> = IndexMap::new();
        let mut previous: Option<FieldKey> = None;
        for (position, pair) in pairs.iter().enumerate() {
            let later = pairs.iter().skip(position + 1).map(|p| p.key.as_str());
            let (index, key) = object.field_index(FieldKind::Element, &pair.key, previous.as_ref(), later);
            if let Some(value_acc) = object.value_at(index) {
                value_acc.samples.insert(self.sample);
                value_acc.scalar.text(&pair.value);
            }
            if !pair.disabled {
                *counts.entry(key.clone()).or_default() += 1;
            }
            previous = Some(key);
        }
        object.end_instance(self.sample, &counts);
    }
}
