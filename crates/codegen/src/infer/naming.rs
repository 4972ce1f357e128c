//! Struct names: root = the given name; nested structs from their element/key name; on a clash with a different
//! shape the parent's name is prefixed, then a number appended; the same name and shape is one type.

use std::collections::HashMap;

use crate::names;

use super::scalar::local_part;
use super::{Field, FieldKind, FieldType, TypeDef};

/// A type before struct naming: structs are still trees.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Ty {
    /// Anything but a struct or list.
    Scalar(FieldType),
    /// A list.
    List(Box<Ty>),
    /// A struct.
    Struct(Box<StructNode>),
}

/// A struct before naming.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct StructNode {
    /// The element or key (empty for a JSON or form root).
    pub wire_name: String,
    pub fields: Vec<NodeField>,
    /// Shape identity, set by [`name_types`]: equal ids = identical field lists, nested structs included.
    pub shape: usize,
}

/// A field before naming.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NodeField {
    pub rust_name: String,
    pub wire_name: String,
    pub kind: FieldKind,
    pub ty: Ty,
    pub required: bool,
    pub bound_variable: Option<String>,
    pub example: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum TySig {
    Scalar(FieldType),
    List(Box<TySig>),
    Struct(usize),
}

/// Everything that makes two fields the same (the example is documentation only).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct FieldSig {
    rust_name: String,
    wire_name: String,
    kind: FieldKind,
    ty: TySig,
    required: bool,
    bound_variable: Option<String>,
}

/// Names every struct of `root` and flattens them into definitions, root first, then in first-seen order.
/// `xml` makes nested names come from the local part of prefixed element names.
pub(super) fn name_types(root_name: &str, mut root: Ty, xml: bool) -> (FieldType, Vec<TypeDef>) {
    let mut shapes = HashMap::new();
    ty_sig(&mut root, &mut shapes);
    let mut namer = StructNamer { taken: HashMap::new(), defs: Vec::new(), xml };
    let root_type = namer.root(&root, root_name);
    (root_type, namer.defs)
}

fn ty_sig(ty: &mut Ty, shapes: &mut HashMap<Vec<FieldSig>, usize>) -> TySig {
    match ty {
        Ty::Scalar(scalar) => TySig::Scalar(scalar.clone()),
        Ty::List(inner) => TySig::List(Box::new(ty_sig(inner, shapes))),
        Ty::Struct(node) => TySig::Struct(assign_shape(node, shapes)),
    }
}

fn assign_shape(node: &mut StructNode, shapes: &mut HashMap<Vec<FieldSig>, usize>) -> usize {
    let sig: Vec<FieldSig> = node
        .fields
        .iter_mut()
        .map(|field| FieldSig {
            rust_name: field.rust_name.clone(),
            wire_name: field.wire_name.clone(),
            kind: field.kind,
            ty: ty_sig(&mut field.ty, shapes),
            required: field.required,
            bound_variable: field.bound_variable.clone(),
        })
        .collect();
    let next = shapes.len();
    let shape = *shapes.entry(sig).or_insert(next);
    node.shape = shape;
    shape
}

/// Names a nested struct must not take, because generated code names them itself: prelude types (a struct
/// `String` from a SOAP `<string>` element would change what every `String` field means), traits the code
/// implements, the private `Wire` struct of body serializers, and the runtime types the crate re-exports. Such a
/// struct takes its parent's name as a prefix (`AddResponseString`).
const RESERVED: &[&str] = &[
    "String",
    "Option",
    "Some",
    "None",
    "Vec",
    "Result",
    "Ok",
    "Err",
    "Box",
    "Default",
    "Self",
    "Wire",
    "Error",
    "Client",
    "ClientBuilder",
    "Credentials",
    "Environment",
    "Preset",
    "ResponseValue",
    "Token",
    "TokenKind",
];

struct StructNamer {
    /// Name -> shape id of the struct that holds it.
    taken: HashMap<String, usize>,
    defs: Vec<TypeDef>,
    xml: bool,
}

impl StructNamer {
    /// The body type: a struct named `root_name`, or for a list body, its item struct named `<root_name>Item`.
    fn root(&mut self, root: &Ty, root_name: &str) -> FieldType {
        match root {
            Ty::List(_) => self.root_struct(root, &format!("{root_name}Item")),
            _ => self.root_struct(root, root_name),
        }
    }

    fn root_struct(&mut self, ty: &Ty, name: &str) -> FieldType {
        match ty {
            Ty::Scalar(scalar) => scalar.clone(),
            Ty::List(inner) => FieldType::List(Box::new(self.root_struct(inner, name))),
            Ty::Struct(node) => FieldType::Struct(self.place(node, name, "")),
        }
    }

    fn field_type(&mut self, ty: &Ty, wire_name: &str, parent: &str) -> FieldType {
        match ty {
            Ty::Scalar(scalar) => scalar.clone(),
            Ty::List(inner) => FieldType::List(Box::new(self.field_type(inner, wire_name, parent))),
            Ty::Struct(node) => {
                let source = if self.xml { local_part(wire_name) } else { wire_name };
                let mut base = names::camel(source, "Type");
                if RESERVED.contains(&base.as_str()) {
                    base = format!("{parent}{base}");
                }
                FieldType::Struct(self.place(node, &base, parent))
            }
        }
    }

    /// The first of `base`, `<parent><base>`, `<base>2`, `<base>3`, ... that is free or holds the same shape.
    fn place(&mut self, node: &StructNode, base: &str, parent: &str) -> String {
        let mut attempt = 0usize;
        loop {
            let candidate = match attempt {
                0 => base.to_owned(),
                1 => format!("{parent}{base}"),
                n => format!("{base}{n}"),
            };
            attempt += 1;
            match self.taken.get(&candidate) {
                Some(&shape) if shape == node.shape => return candidate,
                Some(_) => continue,
                None => {}
            }
            self.taken.insert(candidate.clone(), node.shape);
            let index = self.defs.len();
            self.defs.push(TypeDef { name: candidate.clone(), wire_name: node.wire_name.clone(), fields: Vec::new() });
            let fields = node
                .fields
                .iter()
                .map(|field| Field {
                    rust_name: field.rust_name.clone(),
                    wire_name: field.wire_name.clone(),
                    kind: field.kind,
                    ty: self.field_type(&field.ty, &field.wire_name, &candidate),
                    required: field.required,
                    bound_variable: field.bound_variable.clone(),
                    example: field.example.clone(),
                })
                .collect();
            if let Some(def) = self.defs.get_mut(index) {
                def.fields = fields;
            }
            return candidate;
        }
    }
}
