//! Two surfaces -> the list of changes: collection, environments, folders, operations, webhooks, error bodies.

use super::matching::{self, Identity};
use super::shape::{self, Direction, Finding};
use super::surface::{Body, Hook, Op, Response, Surface};
use super::{Change, ChangeKind};
use crate::api::{Param, ParamLocation, TokenPlacement, TokenUse};
use crate::infer::BodyFormat;
use crate::settings::TokenKind;

/// At most this many example or description edits are spelled out per operation; the rest are counted.
const MAX_LISTED_EDITS: usize = 4;

pub(super) fn changes(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Vec::new();
    collection(old, new, &mut out);
    environments(old, new, &mut out);
    modules(old, new, &mut out);
    operations(old, new, &mut out);
    webhooks(old, new, &mut out);
    errors(old, new, &mut out);
    let mut seen = std::collections::HashSet::new();
    out.retain(|c: &Change| seen.insert((c.operation.clone(), c.kind, c.detail.clone())));
    out
}

fn push(out: &mut Vec<Change>, operation: &str, finding: Finding) {
    out.push(Change {
        operation: operation.to_owned(),
        kind: finding.kind,
        breaking: finding.breaking,
        detail: finding.detail,
    });
}

fn quoted(value: &Option<String>) -> String {
    value.as_deref().map_or_else(|| "none".to_owned(), |v| format!("`{v}`"))
}

fn collection(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    if old.title != new.title {
        let detail = format!("collection name `{}` -> `{}` (`COLLECTION_NAME`)", old.title, new.title);
        push(out, "collection", Finding::new(ChangeKind::CollectionChanged, false, detail));
    }
    if old.version != new.version {
        let detail =
            format!("collection version {} -> {} (`COLLECTION_VERSION`)", quoted(&old.version), quoted(&new.version));
        push(out, "collection", Finding::new(ChangeKind::CollectionChanged, false, detail));
    }
    if old.description != new.description {
        push(
            out,
            "collection",
            Finding::new(ChangeKind::DescriptionChanged, false, "collection description (crate docs) changed"),
        );
    }
}

fn environments(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    for env in &old.environments {
        match new.environments.iter().find(|e| e.name == env.name) {
            None => push(
                out,
                "environments",
                Finding::new(
                    ChangeKind::EnvironmentRemoved,
                    true,
                    format!("environment `{}` is gone: `environments::{}` no longer exists", env.name, env.ident),
                ),
            ),
            Some(now) => {
                if now.ident != env.ident {
                    let detail = format!(
                        "environment `{}`: `environments::{}` is now `environments::{}`",
                        env.name, env.ident, now.ident
                    );
                    push(out, "environments", Finding::new(ChangeKind::EnvironmentChanged, true, detail));
                }
                if now.base_url != env.base_url {
                    let detail =
                        format!("environment `{}`: base URL `{}` -> `{}`", env.name, env.base_url, now.base_url);
                    push(out, "environments", Finding::new(ChangeKind::EnvironmentChanged, false, detail));
                }
            }
        }
    }
    for env in new.environments.iter().filter(|e| !old.environments.iter().any(|o| o.name == e.name)) {
        let detail = format!("new environment `{}` (`environments::{}`, {})", env.name, env.ident, env.base_url);
        push(out, "environments", Finding::new(ChangeKind::EnvironmentAdded, false, detail));
    }
}

fn modules(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    for module in &new.modules {
        if let Some(before) = old.modules.iter().find(|m| m.key == module.key)
            && before.description != module.description
        {
            push(
                out,
                &module.key,
                Finding::new(ChangeKind::DescriptionChanged, false, "folder description (module docs) changed"),
            );
        }
    }
}

/// Operation labels: the key, with the function name when the key repeats in that version.
fn labels<'a>(keys: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Vec<String> {
    keys.clone()
        .map(|(key, rust_path)| {
            if keys.clone().filter(|(k, _)| *k == key).count() > 1 {
                format!("{key} (`{rust_path}`)")
            } else {
                key.to_owned()
            }
        })
        .collect()
}

fn identities(ids: &[(String, String, String)]) -> Vec<Identity<'_>> {
    ids.iter().map(|(key, method, path)| Identity { key, method, path }).collect()
}

fn operations(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    let ids = |ops: &[Op]| -> Vec<(String, String, String)> {
        ops.iter().map(|o| (o.key.clone(), o.method.clone(), o.path.clone())).collect()
    };
    let pairing = matching::pair(&identities(&ids(&old.operations)), &identities(&ids(&new.operations)));
    let old_labels = labels(old.operations.iter().map(|o| (o.key.as_str(), o.rust_path.as_str())));
    let new_labels = labels(new.operations.iter().map(|o| (o.key.as_str(), o.rust_path.as_str())));
    let mut added = pairing.added.iter().peekable();
    for &(o, n) in &pairing.pairs {
        while let Some(&&a) = added.peek().filter(|&&&a| a < n) {
            added_operation(new, &new_labels, a, out);
            added.next();
        }
        let (Some(before), Some(after)) = (old.operations.get(o), new.operations.get(n)) else { continue };
        let label = new_labels.get(n).map_or(after.key.as_str(), String::as_str);
        operation_pair(label, before, after, out);
    }
    for &a in added {
        added_operation(new, &new_labels, a, out);
    }
    for &r in &pairing.removed {
        let Some(op) = old.operations.get(r) else { continue };
        let label = old_labels.get(r).map_or(op.key.as_str(), String::as_str);
        let detail = format!("{} {} is gone: `{}` no longer exists", op.method, op.path, op.rust_path);
        push(out, label, Finding::new(ChangeKind::OperationRemoved, true, detail));
    }
}

fn added_operation(new: &Surface, labels: &[String], index: usize, out: &mut Vec<Change>) {
    let Some(op) = new.operations.get(index) else { return };
    let label = labels.get(index).map_or(op.key.as_str(), String::as_str);
    let detail = format!("new operation {} {} (`{}`)", op.method, op.path, op.rust_path);
    push(out, label, Finding::new(ChangeKind::OperationAdded, false, detail));
}

fn operation_pair(label: &str, old: &Op, new: &Op, out: &mut Vec<Change>) {
    let mut findings = Vec::new();
    if old.rust_path != new.rust_path {
        findings.push(Finding::new(
            ChangeKind::OperationRenamed,
            true,
            format!("`{}` is now `{}` (collection: `{}` -> `{}`)", old.rust_path, new.rust_path, old.key, new.key),
        ));
    } else if old.key != new.key {
        findings.push(Finding::new(
            ChangeKind::OperationRenamed,
            false,
            format!(
                "renamed in the collection from `{}` to `{}`; the function keeps its name `{}`",
                old.key, new.key, new.rust_path
            ),
        ));
    }
    if old.method != new.method {
        findings.push(Finding::new(
            ChangeKind::MethodChanged,
            true,
            format!("method {} -> {}", old.method, new.method),
        ));
    }
    if old.path != new.path {
        findings.push(Finding::new(
            ChangeKind::PathChanged,
            true,
            format!("URL template `{}` -> `{}`", old.path, new.path),
        ));
    }
    token(old.token.as_ref(), new.token.as_ref(), &mut findings);
    fixed_headers(old, new, &mut findings);
    params(old, new, &mut findings);
    param_order(old, new, &mut findings);
    request_body(&old.body, &new.body, &mut findings);
    success(&old.success, &new.success, &mut findings);
    error_head(&old.error, &new.error, &mut findings);
    docs(old.description != new.description, "description", &mut findings);
    examples_of(&old.examples, &new.examples, &old.statuses, &new.statuses, &mut findings);
    emit(label, findings, out);
}

/// Pushes findings, folding example and description edits into one change each.
fn emit(label: &str, findings: Vec<Finding>, out: &mut Vec<Change>) {
    let mut examples = Vec::new();
    let mut descriptions = Vec::new();
    for finding in findings {
        match finding.kind {
            ChangeKind::ExampleChanged => examples.push(finding.detail),
            ChangeKind::DescriptionChanged => descriptions.push(finding.detail),
            _ => push(out, label, finding),
        }
    }
    for (kind, mut edits) in [(ChangeKind::DescriptionChanged, descriptions), (ChangeKind::ExampleChanged, examples)] {
        if edits.is_empty() {
            continue;
        }
        let more = edits.len().saturating_sub(MAX_LISTED_EDITS);
        edits.truncate(MAX_LISTED_EDITS);
        let mut detail = edits.join("; ");
        if more > 0 {
            detail.push_str(&format!("; and {more} more"));
        }
        push(out, label, Finding::new(kind, false, detail));
    }
}

fn docs(changed: bool, what: &str, findings: &mut Vec<Finding>) {
    if changed {
        findings.push(Finding::new(ChangeKind::DescriptionChanged, false, format!("{what} changed")));
    }
}

fn examples_of(
    old: &[String],
    new: &[String],
    old_statuses: &[String],
    new_statuses: &[String],
    findings: &mut Vec<Finding>,
) {
    if old != new {
        let changed =
            old.iter().filter(|e| !new.contains(e)).count().max(new.iter().filter(|e| !old.contains(e)).count());
        let detail = if old.len() == new.len() {
            format!("{changed} example body text(s) changed")
        } else {
            format!("example bodies {} -> {}", old.len(), new.len())
        };
        findings.push(Finding::new(ChangeKind::ExampleChanged, false, detail));
    }
    if old_statuses != new_statuses {
        let gone: Vec<&str> = old_statuses.iter().filter(|s| !new_statuses.contains(s)).map(String::as_str).collect();
        let came: Vec<&str> = new_statuses.iter().filter(|s| !old_statuses.contains(s)).map(String::as_str).collect();
        let mut parts = Vec::new();
        if !came.is_empty() {
            parts.push(format!("added `{}`", came.join("`, `")));
        }
        if !gone.is_empty() {
            parts.push(format!("removed `{}`", gone.join("`, `")));
        }
        findings.push(Finding::new(
            ChangeKind::ExampleChanged,
            false,
            format!("documented responses: {}", parts.join(", ")),
        ));
    }
}

fn token_text(token: &TokenUse) -> String {
    let kind = format!("{:?}", token.kind).to_lowercase();
    let place = match &token.placement {
        TokenPlacement::BodyField(field) => format!("body field `{field}`"),
        TokenPlacement::Query(name) => format!("query parameter `{name}`"),
        TokenPlacement::Header { name, .. } => format!("header `{name}`"),
    };
    format!("the {kind} token in {place}")
}

fn token(old: Option<&TokenUse>, new: Option<&TokenUse>, findings: &mut Vec<Finding>) {
    match (old, new) {
        (None, None) => {}
        (None, Some(t)) => findings.push(Finding::new(
            ChangeKind::AuthChanged,
            true,
            format!("now sends {}: the client needs that credential", token_text(t)),
        )),
        (Some(t), None) => {
            findings.push(Finding::new(ChangeKind::AuthChanged, false, format!("no longer sends {}", token_text(t))))
        }
        (Some(a), Some(b)) => {
            if a.kind != b.kind {
                // The runtime fills `Either` with the reseller token when it has one, else the distributor token:
                // widening reseller -> either sends the same token as before and accepts more clients.
                let finding = if (a.kind, b.kind) == (TokenKind::Reseller, TokenKind::Either) {
                    Finding::new(
                        ChangeKind::AuthChanged,
                        false,
                        "token kind Reseller -> Either: a distributor token now works too".to_owned(),
                    )
                } else if b.kind == TokenKind::Either {
                    Finding::new(
                        ChangeKind::AuthChanged,
                        true,
                        format!(
                            "token kind {:?} -> Either: a client holding both tokens now sends the reseller token",
                            a.kind
                        ),
                    )
                } else {
                    Finding::new(
                        ChangeKind::AuthChanged,
                        true,
                        format!("token kind {:?} -> {:?}: the client needs that credential", a.kind, b.kind),
                    )
                };
                findings.push(finding);
            }
            if a.placement != b.placement {
                findings.push(Finding::new(
                    ChangeKind::AuthChanged,
                    true,
                    format!("token moved: {} -> {}", token_text(a), token_text(b)),
                ));
            }
        }
    }
}

fn fixed_headers(old: &Op, new: &Op, findings: &mut Vec<Finding>) {
    let norm = |h: &[(String, String)]| {
        let mut v: Vec<(String, String)> = h.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect();
        v.sort();
        v
    };
    let (a, b) = (norm(&old.fixed_headers), norm(&new.fixed_headers));
    if a == b {
        return;
    }
    let show = |v: &[(String, String)]| {
        if v.is_empty() {
            "none".to_owned()
        } else {
            v.iter().map(|(k, v)| format!("`{k}: {v}`")).collect::<Vec<_>>().join(", ")
        }
    };
    findings.push(Finding::new(ChangeKind::HeaderChanged, true, format!("fixed headers {} -> {}", show(&a), show(&b))));
}

fn location(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    }
}

fn same_param(a: &Param, b: &Param) -> bool {
    match (a.location, b.location) {
        (ParamLocation::Header, ParamLocation::Header) => a.wire_name.eq_ignore_ascii_case(&b.wire_name),
        _ => a.wire_name == b.wire_name,
    }
}

fn params(old: &Op, new: &Op, findings: &mut Vec<Finding>) {
    let ty = new.params_type.as_deref().or(old.params_type.as_deref()).unwrap_or("Params");
    let mut matched = vec![false; new.params.len()];
    for p in &old.params {
        let exact = new.params.iter().position(|n| n.location == p.location && same_param(p, n));
        let found = exact.or_else(|| new.params.iter().position(|n| same_param(p, n)));
        let Some(index) = found.filter(|&i| !matched.get(i).copied().unwrap_or(true)) else {
            findings.push(Finding::new(
                ChangeKind::ParameterRemoved,
                true,
                format!("{} parameter `{}` (`{ty}::{}`) was removed", location(p.location), p.wire_name, p.ident),
            ));
            continue;
        };
        if let Some(slot) = matched.get_mut(index) {
            *slot = true;
        }
        let Some(n) = new.params.get(index) else { continue };
        param_pair(ty, p, n, findings);
    }
    for (n, _) in new.params.iter().zip(&matched).filter(|(_, m)| !**m) {
        let first = old.params.is_empty();
        let breaking = n.required || first;
        let presence = if n.required { "mandatory" } else { "optional" };
        let mut detail =
            format!("new {presence} {} parameter `{}` (`{ty}::{}`)", location(n.location), n.wire_name, n.ident);
        if first {
            detail.push_str(&format!(": the call now takes `params: &{ty}`"));
        } else if n.required {
            detail.push_str(&format!(": `{ty}::new` takes it"));
        }
        findings.push(Finding::new(ChangeKind::ParameterAdded, breaking, detail));
    }
}

fn param_order(old: &Op, new: &Op, findings: &mut Vec<Finding>) {
    let required = |op: &Op| -> Vec<String> {
        op.params.iter().filter(|p| p.required).map(|p| p.wire_name.to_ascii_lowercase()).collect()
    };
    let (a, b) = (required(old), required(new));
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    if let Some(detail) = shape::reordered(&a, &b) {
        let ty = new.params_type.as_deref().unwrap_or("Params");
        findings.push(Finding::new(
            ChangeKind::ConstructorChanged,
            true,
            format!("`{ty}::new` takes its arguments in another order: {detail}"),
        ));
    }
}

fn param_pair(ty: &str, old: &Param, new: &Param, findings: &mut Vec<Finding>) {
    let name = &new.wire_name;
    if old.location != new.location {
        findings.push(Finding::new(
            ChangeKind::ParameterMoved,
            true,
            format!("parameter `{name}` moved from {} to {}", location(old.location), location(new.location)),
        ));
    }
    if old.ident != new.ident {
        findings.push(Finding::new(
            ChangeKind::ParameterRenamed,
            true,
            format!("parameter `{name}`: `{ty}::{}` is now `{ty}::{}`", old.ident, new.ident),
        ));
    }
    match (old.required, new.required) {
        (false, true) => findings.push(Finding::new(
            ChangeKind::ParameterMadeMandatory,
            true,
            format!("parameter `{name}` became mandatory: `{ty}::new` takes it"),
        )),
        (true, false) => findings.push(Finding::new(
            ChangeKind::ParameterMadeOptional,
            true,
            format!("parameter `{name}` became optional: it leaves `{ty}::new` and becomes `Option<String>`"),
        )),
        _ => {}
    }
    if old.example != new.example {
        findings.push(Finding::new(
            ChangeKind::ExampleChanged,
            false,
            format!("parameter `{name}` example {} -> {}", quoted(&old.example), quoted(&new.example)),
        ));
    }
    let text = |p: &Param| p.description.as_ref().map(|d| d.content.clone());
    docs(text(old) != text(new), &format!("parameter `{name}` description"), findings);
}

fn format_name(format: BodyFormat) -> &'static str {
    crate::api::body::format_name(format)
}

fn content_type(format: BodyFormat) -> &'static str {
    match format {
        BodyFormat::Xml => "application/xml",
        BodyFormat::Json => "application/json",
        BodyFormat::Form => "application/x-www-form-urlencoded",
    }
}

fn body_text(body: &Body) -> String {
    match body {
        Body::None => "no body".to_owned(),
        Body::Raw { content_type } => format!("an untyped `{content_type}` body"),
        Body::Typed { format, shape, .. } => format!("a {} body `{}`", format_name(*format), shape.rust_type()),
    }
}

fn request_body(old: &Body, new: &Body, findings: &mut Vec<Finding>) {
    match (old, new) {
        (Body::None, Body::None) => {}
        (Body::None, b) => {
            findings.push(Finding::new(ChangeKind::BodyAdded, true, format!("now sends {}", body_text(b))))
        }
        (a, Body::None) => {
            findings.push(Finding::new(ChangeKind::BodyRemoved, true, format!("no longer sends {}", body_text(a))))
        }
        (Body::Raw { content_type: a }, Body::Raw { content_type: b }) => {
            if a != b {
                findings.push(Finding::new(
                    ChangeKind::ContentTypeChanged,
                    true,
                    format!("request content type `{a}` -> `{b}`"),
                ));
            }
        }
        (Body::Raw { .. }, Body::Typed { .. }) | (Body::Typed { .. }, Body::Raw { .. }) => findings.push(Finding::new(
            ChangeKind::BodyChanged,
            true,
            format!("request body changed from {} to {}", body_text(old), body_text(new)),
        )),
        (
            Body::Typed { format: fa, root_element: ra, shape: sa, argument: aa },
            Body::Typed { format: fb, root_element: rb, shape: sb, argument: ab },
        ) => {
            if fa != fb {
                findings.push(Finding::new(
                    ChangeKind::ContentTypeChanged,
                    true,
                    format!("request content type `{}` -> `{}`", content_type(*fa), content_type(*fb)),
                ));
            }
            if ra != rb {
                findings.push(Finding::new(
                    ChangeKind::BodyChanged,
                    true,
                    format!("request root element {} -> {}", quoted(ra), quoted(rb)),
                ));
            }
            if aa != ab {
                let detail = if *ab {
                    format!("the call now takes `body: &{}`", sb.rust_type())
                } else {
                    "the call no longer takes a body argument (the body holds only the token)".to_owned()
                };
                findings.push(Finding::new(ChangeKind::BodyChanged, true, detail));
            }
            shape::compare(Direction::Request, "the request body", sa, sb, findings);
        }
    }
}

fn success(old: &Response, new: &Response, findings: &mut Vec<Finding>) {
    response(Direction::Response, "success", old, new, findings);
}

/// A response, payload or error body as a whole; `what` is `success`, `payload` or `error`.
fn response(direction: Direction, what: &str, old: &Response, new: &Response, findings: &mut Vec<Finding>) {
    match (old, new) {
        (
            Response::Typed { format: fa, root_element: ra, shape: sa },
            Response::Typed { format: fb, root_element: rb, shape: sb },
        ) => {
            if fa != fb {
                findings.push(Finding::new(
                    ChangeKind::ContentTypeChanged,
                    true,
                    format!("{what} content type `{}` -> `{}`", content_type(*fa), content_type(*fb)),
                ));
            }
            if ra != rb {
                findings.push(Finding::new(
                    ChangeKind::ResponseChanged,
                    false,
                    format!("{what} root element {} -> {} (decoding does not check it)", quoted(ra), quoted(rb)),
                ));
            }
            shape::compare(direction, &format!("the {what} body"), sa, sb, findings);
        }
        _ if old == new => {}
        _ => findings.push(Finding::new(
            ChangeKind::ResponseChanged,
            true,
            format!("{what} body type `{}` -> `{}`", old.rust_type(), new.rust_type()),
        )),
    }
}

/// Error bodies are shared: per operation only which type it is counts; fields are compared once.
fn error_head(old: &Response, new: &Response, findings: &mut Vec<Finding>) {
    let head = |r: &Response| match r {
        Response::Typed { format, shape, .. } => format!("errors::{} ({})", shape.rust_type(), format_name(*format)),
        _ => "()".to_owned(),
    };
    let (a, b) = (head(old), head(new));
    if a != b {
        findings.push(Finding::new(ChangeKind::ResponseChanged, true, format!("error body type `{a}` -> `{b}`")));
    }
}

fn webhooks(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    let ids = |hooks: &[Hook]| -> Vec<(String, String, String)> {
        hooks.iter().map(|h| (h.key.clone(), h.method.clone(), h.path.clone())).collect()
    };
    let pairing = matching::pair(&identities(&ids(&old.webhooks)), &identities(&ids(&new.webhooks)));
    for &(o, n) in &pairing.pairs {
        let (Some(a), Some(b)) = (old.webhooks.get(o), new.webhooks.get(n)) else { continue };
        webhook_pair(a, b, out);
    }
    for &n in &pairing.added {
        let Some(h) = new.webhooks.get(n) else { continue };
        let detail = format!("new webhook {} {} (`{}`)", h.method, h.path, h.rust_path);
        push(out, &h.key, Finding::new(ChangeKind::WebhookAdded, false, detail));
    }
    for &o in &pairing.removed {
        let Some(h) = old.webhooks.get(o) else { continue };
        let detail = format!("webhook {} {} is gone: `{}` no longer exists", h.method, h.path, h.rust_path);
        push(out, &h.key, Finding::new(ChangeKind::WebhookRemoved, true, detail));
    }
}

fn webhook_pair(old: &Hook, new: &Hook, out: &mut Vec<Change>) {
    let mut findings = Vec::new();
    if old.rust_path != new.rust_path {
        findings.push(Finding::new(
            ChangeKind::WebhookRenamed,
            true,
            format!("`{}` is now `{}`", old.rust_path, new.rust_path),
        ));
    } else if old.key != new.key {
        let detail =
            format!("renamed in the collection from `{}`; the function keeps its name `{}`", old.key, new.rust_path);
        findings.push(Finding::new(ChangeKind::WebhookRenamed, false, detail));
    }
    if old.method != new.method {
        let detail =
            format!("Tango now calls with {} instead of {}: the receiving route must follow", new.method, old.method);
        findings.push(Finding::new(ChangeKind::MethodChanged, true, detail));
    }
    if old.path != new.path {
        let detail =
            format!("Tango now calls `{}` instead of `{}`: the receiving route must follow", new.path, old.path);
        findings.push(Finding::new(ChangeKind::PathChanged, true, detail));
    }
    if old.bearer_variable != new.bearer_variable {
        let detail = format!(
            "bearer key variable {} -> {}: the receiver must check another key",
            quoted(&old.bearer_variable),
            quoted(&new.bearer_variable)
        );
        findings.push(Finding::new(ChangeKind::AuthChanged, true, detail));
    }
    response(Direction::Payload, "payload", &old.payload, &new.payload, &mut findings);
    docs(old.description != new.description, "description", &mut findings);
    examples_of(&old.examples, &new.examples, &[], &[], &mut findings);
    emit(&new.key, findings, out);
}

fn errors(old: &Surface, new: &Surface, out: &mut Vec<Change>) {
    for (name, shape) in &new.errors {
        let Some((_, before)) = old.errors.iter().find(|(n, _)| n == name) else { continue };
        let mut findings = Vec::new();
        shape::compare(Direction::Error, "the error body", before, shape, &mut findings);
        emit(&format!("errors::{name}"), findings, out);
    }
}
