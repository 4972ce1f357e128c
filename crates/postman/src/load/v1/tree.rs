//! Rebuilding v1's folder tree from the id lists.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{Ref, V1Folder, V1Request, refs};
use crate::load::cx::{Cx, MAX_FOLDER_DEPTH};
use crate::{Folder, Item, RequestItem};

/// Rebuilds the folder tree. Each folder and request is placed at most once (taken out of its slot), which is
/// also what stops cycles in `folders_order`; whatever no list reaches is appended at the top level.
pub(super) struct Tree {
    requests: Vec<Option<RequestItem>>,
    request_index: HashMap<String, usize>,
    folders: Vec<Option<V1Folder>>,
    folder_index: HashMap<String, usize>,
}

impl Tree {
    pub(super) fn new(cx: &mut Cx, requests: Vec<V1Request>, folders: Vec<V1Folder>) -> Self {
        let mut request_index = HashMap::new();
        let mut slots = Vec::with_capacity(requests.len());
        for (index, request) in requests.into_iter().enumerate() {
            if let Some(id) = request.id {
                match request_index.entry(id) {
                    Entry::Occupied(entry) => {
                        let message = format!("duplicate request id `{}`; only the first is placed by it", entry.key());
                        cx.warn(&request.item.pointer, message);
                    }
                    Entry::Vacant(entry) => {
                        entry.insert(index);
                    }
                }
            }
            slots.push(Some(request.item));
        }
        let mut folder_index = HashMap::new();
        for (index, folder) in folders.iter().enumerate() {
            if let Some(id) = &folder.id {
                match folder_index.entry(id.clone()) {
                    Entry::Occupied(_) => {
                        let message = format!("duplicate folder id `{id}`; only the first is placed by it");
                        cx.warn(&folder.folder.pointer, message);
                    }
                    Entry::Vacant(entry) => {
                        entry.insert(index);
                    }
                }
            }
        }
        Self { requests: slots, request_index, folders: folders.into_iter().map(Some).collect(), folder_index }
    }

    pub(super) fn build(mut self, cx: &mut Cx, root: &Value, ptr: &str) -> Vec<Item> {
        let mut items = Vec::new();
        for (index, reference) in self.top_level_folders(cx, root, ptr) {
            match reference {
                Some(reference) if self.is_placed(index) => Self::already_placed(cx, &reference, "folder"),
                _ => self.push_folder(cx, index, 0, &mut items),
            }
        }
        for reference in refs(cx, root, "order", ptr) {
            self.place_request(cx, &reference, &mut items);
        }
        while let Some(index) = self.folders.iter().position(Option::is_some) {
            if let Some(Some(folder)) = self.folders.get(index) {
                let message = format!(
                    "folder `{}` is not reachable from a top-level folder (a cycle in `folders_order`, or nested \
                     deeper than {MAX_FOLDER_DEPTH} levels); placed at the top level",
                    folder.folder.name
                );
                cx.warn(&folder.folder.pointer, message);
            }
            self.push_folder(cx, index, 0, &mut items);
        }
        for slot in &mut self.requests {
            if let Some(item) = slot.take() {
                let message =
                    format!("request `{}` is not listed in any `order`; appended at the top level", item.name);
                cx.warn(&item.pointer, message);
                items.push(Item::Request(item));
            }
        }
        items
    }

    /// Folders no other folder lists: those in the root `folders_order` first (with the entry that named them),
    /// then the rest in file order.
    fn top_level_folders(&self, cx: &mut Cx, root: &Value, ptr: &str) -> Vec<(usize, Option<Ref>)> {
        let mut nested = HashSet::new();
        for (index, folder) in self.folders.iter().enumerate() {
            for reference in folder.iter().flat_map(|f| &f.folders_order) {
                match self.folder_index.get(&reference.id) {
                    Some(&child) if child != index => {
                        nested.insert(child);
                    }
                    _ => {}
                }
            }
        }
        let mut top = Vec::new();
        let mut listed = HashSet::new();
        for reference in refs(cx, root, "folders_order", ptr) {
            match self.folder_index.get(&reference.id) {
                None => Self::dangling(cx, &reference, "folder", "folders"),
                // Also listed by its parent folder, which places it.
                Some(index) if nested.contains(index) => {}
                Some(&index) => {
                    listed.insert(index);
                    top.push((index, Some(reference)));
                }
            }
        }
        top.extend((0..self.folders.len()).filter(|i| !nested.contains(i) && !listed.contains(i)).map(|i| (i, None)));
        top
    }

    fn is_placed(&self, index: usize) -> bool {
        !matches!(self.folders.get(index), Some(Some(_)))
    }

    fn push_folder(&mut self, cx: &mut Cx, index: usize, depth: usize, items: &mut Vec<Item>) {
        if let Some(folder) = self.place_folder(cx, index, depth) {
            items.push(Item::Folder(folder));
        }
    }

    /// Takes folder `index` out of its slot and fills it: sub-folders first, then requests.
    fn place_folder(&mut self, cx: &mut Cx, index: usize, depth: usize) -> Option<Folder> {
        let V1Folder { mut folder, order, folders_order, .. } = self.folders.get_mut(index)?.take()?;
        for reference in &folders_order {
            match self.folder_index.get(&reference.id).copied() {
                None => Self::dangling(cx, reference, "folder", "folders"),
                Some(child) if self.is_placed(child) => Self::already_placed(cx, reference, "folder"),
                // Left in its slot: `build` appends it at the top level with a warning.
                Some(_) if depth + 1 >= MAX_FOLDER_DEPTH => {}
                Some(child) => self.push_folder(cx, child, depth + 1, &mut folder.items),
            }
        }
        for reference in &order {
            self.place_request(cx, reference, &mut folder.items);
        }
        Some(folder)
    }

    fn place_request(&mut self, cx: &mut Cx, reference: &Ref, items: &mut Vec<Item>) {
        let Some(&index) = self.request_index.get(&reference.id) else {
            return Self::dangling(cx, reference, "request", "requests");
        };
        match self.requests.get_mut(index).and_then(Option::take) {
            Some(item) => items.push(Item::Request(item)),
            None => Self::already_placed(cx, reference, "request"),
        }
    }

    fn dangling(cx: &mut Cx, reference: &Ref, what: &str, list: &str) {
        cx.warn(&reference.pointer, format!("{what} id `{}` is not defined in `{list}`; skipped", reference.id));
    }

    fn already_placed(cx: &mut Cx, reference: &Ref, what: &str) {
        let message =
            format!("{what} id `{}` is already placed (a cycle, or listed twice); skipped here", reference.id);
        cx.warn(&reference.pointer, message);
    }
}
