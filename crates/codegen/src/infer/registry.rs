//! Struct sharing between the operations of one module: one `Address` when every operation's `Address` has the
//! same fields, distinct names when they differ.

use std::collections::{HashMap, HashSet};

use super::{Field, FieldType, Inferred, TypeDef};

/// The structs of one generated module, accumulated operation by operation.
#[derive(Debug, Default, Clone)]
pub struct ModuleTypes {
    defs: Vec<TypeDef>,
    /// Name -> index into `defs`.
    by_name: HashMap<String, usize>,
}

impl ModuleTypes {
    /// An empty module.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every unique struct, in the order added.
    pub fn defs(&self) -> &[TypeDef] {
        &self.defs
    }

    /// Adds one operation's graph and returns it with struct names unique in the module.
    ///
    /// A struct whose name is taken by one with identical fields (after its own nested renames) is reused: it is
    /// not returned again in `defs` and references keep the existing name. A different shape is renamed to
    /// `<Root><Name>`, then `<Name>2`, `<Name>3`, ... The root struct (the one `root` names, through lists) is
    /// never shared: when its name is taken it is numbered. All `FieldType::Struct` references are rewritten.
    pub fn add(&mut self, inferred: Inferred) -> Inferred {
        let Inferred { root, root_element, defs, used_samples, incomplete_samples, warnings } = inferred;
        let index_of: HashMap<&str, usize> = defs.iter().enumerate().map(|(i, d)| (d.name.as_str(), i)).collect();
        let root_index = struct_name(&root).and_then(|name| index_of.get(name).copied());
        let mut renames: HashMap<String, String> = HashMap::new();
        let mut reused: HashSet<usize> = HashSet::new();
        let mut assigned: HashSet<String> = HashSet::new();

        let mut prefix = String::new();
        if let Some(def) = root_index.and_then(|i| defs.get(i)) {
            let name = self.free_name(&def.name, &defs, &assigned);
            prefix.clone_from(&name);
            assigned.insert(name.clone());
            renames.insert(def.name.clone(), name);
        }

        for index in post_order(&defs, &index_of, root_index) {
            let Some(def) = defs.get(index) else { continue };
            if Some(index) == root_index {
                continue;
            }
            let fields = rewrite_fields(&def.fields, &renames);
            let mut attempt = 0usize;
            let name = loop {
                let candidate = match attempt {
                    0 => def.name.clone(),
                    1 => format!("{prefix}{}", def.name),
                    n => format!("{}{n}", def.name),
                };
                attempt += 1;
                if let Some(existing) = self.by_name.get(&candidate).and_then(|&i| self.defs.get(i)) {
                    if same_shape(&existing.fields, &fields) {
                        reused.insert(index);
                        break candidate;
                    }
                    continue;
                }
                let other_local = candidate != def.name && index_of.contains_key(candidate.as_str());
                if !other_local && !assigned.contains(&candidate) {
                    assigned.insert(candidate.clone());
                    break candidate;
                }
            };
            renames.insert(def.name.clone(), name);
        }

        let mut returned = Vec::new();
        for (index, def) in defs.iter().enumerate() {
            if reused.contains(&index) {
                continue;
            }
            let def = TypeDef {
                name: renames.get(&def.name).cloned().unwrap_or_else(|| def.name.clone()),
                wire_name: def.wire_name.clone(),
                fields: rewrite_fields(&def.fields, &renames),
            };
            self.by_name.insert(def.name.clone(), self.defs.len());
            self.defs.push(def.clone());
            returned.push(def);
        }
        Inferred {
            root: rewrite_type(&root, &renames),
            root_element,
            defs: returned,
            used_samples,
            incomplete_samples,
            warnings,
        }
    }

    /// `name`, else `name2`, `name3`, ...: the first not in the module, not another struct of this graph, not
    /// already handed out.
    fn free_name(&self, name: &str, defs: &[TypeDef], assigned: &HashSet<String>) -> String {
        let mut attempt = 1usize;
        loop {
            let candidate = if attempt == 1 { name.to_owned() } else { format!("{name}{attempt}") };
            attempt += 1;
            let other_local = candidate != name && defs.iter().any(|d| d.name == candidate);
            if !self.by_name.contains_key(&candidate) && !other_local && !assigned.contains(&candidate) {
                return candidate;
            }
        }
    }
}

/// The struct a body type names, through lists.
fn struct_name(ty: &FieldType) -> Option<&str> {
    match ty {
        FieldType::Struct(name) => Some(name),
        FieldType::List(inner) => struct_name(inner),
        _ => None,
    }
}

/// Definitions children first (so a parent compares against its children's final names), then any not reachable
/// from the root, in their order. Cycles are cut by the visited set.
fn post_order(defs: &[TypeDef], index_of: &HashMap<&str, usize>, root: Option<usize>) -> Vec<usize> {
    fn visit(at: usize, defs: &[TypeDef], index_of: &HashMap<&str, usize>, seen: &mut [bool], out: &mut Vec<usize>) {
        match seen.get_mut(at) {
            Some(flag) if !*flag => *flag = true,
            _ => return,
        }
        if let Some(def) = defs.get(at) {
            for field in &def.fields {
                let mut names = Vec::new();
                struct_names(&field.ty, &mut names);
                for name in names {
                    if let Some(&child) = index_of.get(name) {
                        visit(child, defs, index_of, seen, out);
                    }
                }
            }
        }
        out.push(at);
    }
    let mut seen = vec![false; defs.len()];
    let mut out = Vec::with_capacity(defs.len());
    for start in root.into_iter().chain(0..defs.len()) {
        visit(start, defs, index_of, &mut seen, &mut out);
    }
    out
}

fn struct_names<'t>(ty: &'t FieldType, out: &mut Vec<&'t str>) {
    match ty {
        FieldType::Struct(name) => out.push(name),
        FieldType::List(inner) => struct_names(inner, out),
        _ => {}
    }
}

fn rewrite_type(ty: &FieldType, renames: &HashMap<String, String>) -> FieldType {
    match ty {
        FieldType::Struct(name) => FieldType::Struct(renames.get(name).cloned().unwrap_or_else(|| name.clone())),
        FieldType::List(inner) => FieldType::List(Box::new(rewrite_type(inner, renames))),
        other => other.clone(),
    }
}

fn rewrite_fields(fields: &[Field], renames: &HashMap<String, String>) -> Vec<Field> {
    fields.iter().map(|f| Field { ty: rewrite_type(&f.ty, renames), ..f.clone() }).collect()
}

/// Identical fields; examples are documentation and do not count.
fn same_shape(a: &[Field], b: &[Field]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.rust_name == y.rust_name
                && x.wire_name == y.wire_name
                && x.kind == y.kind
                && x.ty == y.ty
                && x.required == y.required
                && x.bound_variable == y.bound_variable
        })
}
