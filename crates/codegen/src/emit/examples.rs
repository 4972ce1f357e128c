//! Example cases -> round-trip tests in the generated crate.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::operations::wire_fn_name;
use super::types::{Scope, ident, rust_type};
use crate::api::{ExampleCase, ExampleSubject, Module};
use crate::infer::{BodyFormat, FieldType};

/// A string literal for example text: raw (`r#"..."#`) when it can be, so the generated tests read like the
/// documents they hold.
fn text_literal(text: &str) -> Literal {
    let raw_safe = !text.chars().any(|c| c == '\r' || (c.is_control() && c != '\n' && c != '\t'));
    if raw_safe {
        let mut hashes = 1;
        while text.contains(&format!("\"{}", "#".repeat(hashes))) {
            hashes += 1;
        }
        let fence = "#".repeat(hashes);
        if let Ok(lit) = format!("r{fence}\"{text}\"{fence}").parse::<Literal>() {
            return lit;
        }
    }
    Literal::string(text)
}

/// The operation identifier an example of a request belongs to: its test name minus the suffix.
fn test(case: &ExampleCase, op_ident: Option<&str>, token_only: bool) -> TokenStream {
    let name = ident(&case.ident);
    let scope = if case.subject == ExampleSubject::Error { Scope::Errors } else { Scope::Local };
    let ty = rust_type(&case.body.root, scope);
    let text = text_literal(&case.text);
    let doc = format!("Round trip of the {}.", case.origin.replace('`', "'"));
    let decode = match case.body.format {
        BodyFormat::Xml => quote!(tango_runtime::codec::from_xml(EXAMPLE)),
        BodyFormat::Json => quote!(tango_runtime::codec::from_json(EXAMPLE.as_bytes())),
        BodyFormat::Form => quote!(tango_runtime::codec::from_form(EXAMPLE)),
    };
    let encode = match (&case.token_literal, op_ident) {
        (Some(token), Some(op)) if case.subject == ExampleSubject::Request => {
            let wire = wire_fn_name(op);
            quote!(#wire(&value, &tango_runtime::Token::new(#token)))
        }
        _ => match case.body.format {
            BodyFormat::Xml => quote!(tango_runtime::codec::to_xml(&value)),
            BodyFormat::Json => quote!(tango_runtime::codec::to_json(&value)),
            BodyFormat::Form => quote!(tango_runtime::codec::to_form(&value)),
        },
    };
    let compare = compare_written(case.body.format);
    if let (true, Some(op), Some(token)) = (token_only, op_ident, &case.token_literal) {
        // The body is the token alone: there is no value to read, only the written form to compare.
        let wire = wire_fn_name(op);
        return quote! {
            #[doc = #doc]
            #[test]
            fn #name() {
                const EXAMPLE: &str = #text;
                let written = #wire(&tango_runtime::Token::new(#token)).expect("the body serializes");
                #compare
            }
        };
    }
    quote! {
        #[doc = #doc]
        #[test]
        fn #name() {
            const EXAMPLE: &str = #text;
            let value: #ty = #decode.expect("the example deserializes into its type");
            let written = #encode.expect("the value serializes");
            #compare
        }
    }
}

/// Whether a test names something of the parent module: a local struct (error bodies are named through
/// `crate::errors`) or the private serializer that writes the token.
fn uses_parent_items(case: &ExampleCase) -> bool {
    fn names_struct(ty: &FieldType) -> bool {
        match ty {
            FieldType::Struct(_) => true,
            FieldType::List(inner) => names_struct(inner),
            _ => false,
        }
    }
    let wire_fn = case.subject == ExampleSubject::Request && case.token_literal.is_some();
    wire_fn || (case.subject != ExampleSubject::Error && names_struct(&case.body.root))
}

/// Statements comparing `written` with `EXAMPLE`.
fn compare_written(format: BodyFormat) -> TokenStream {
    match format {
        BodyFormat::Xml => quote!(tango_runtime::testing::assert_xml_equivalent(EXAMPLE, &written);),
        BodyFormat::Json => quote! {
            let written = String::from_utf8(written).expect("JSON output is UTF-8");
            tango_runtime::testing::assert_json_equivalent(EXAMPLE, &written);
        },
        BodyFormat::Form => quote! {
            let written = tango_runtime::codec::form_string(&written);
            tango_runtime::testing::assert_form_equivalent(EXAMPLE, &written);
        },
    }
}

/// The `examples` test module of one module, or `None` when it has no typed examples.
pub fn module_tests(module: &Module) -> Option<TokenStream> {
    let mut tests = Vec::new();
    for op in &module.operations {
        let token_only = super::operations::token_only_body(op, &module.types);
        for case in &op.examples {
            tests.push(test(case, Some(&op.ident), token_only && case.subject == ExampleSubject::Request));
        }
    }
    for hook in &module.webhooks {
        for case in &hook.examples {
            tests.push(test(case, None, false));
        }
    }
    if tests.is_empty() {
        return None;
    }
    let uses_parent = module
        .operations
        .iter()
        .flat_map(|op| &op.examples)
        .chain(module.webhooks.iter().flat_map(|w| &w.examples))
        .any(uses_parent_items);
    let import = uses_parent.then(|| {
        quote!(
            use super::*;
        )
    });
    Some(quote! {
        //! Every saved example body of this module, deserialized into its generated type and serialized back
        //! to an equivalent document.
        #import
        #(#tests)*
    })
}
