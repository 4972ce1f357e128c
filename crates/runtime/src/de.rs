//! Serde helpers used by generated types.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// For `Option<T: FromStr>` fields in XML and form bodies: a missing field, `null`, or empty or
/// all-whitespace text is `None`; anything else is trimmed and parsed with `T::from_str`.
///
/// quick-xml turns `<n/>` into `Some("")` and fails to parse it as a number, and forms send
/// `n=` for "no value"; this maps both to `None`. The value is read as a string (quick-xml's
/// `deserialize_any` would see an element as a map), so on JSON it accepts strings and `null`
/// but not bare numbers: plain `Option<T>` is the right type for JSON fields.
///
/// Use it with `default` (a missing field never reaches the helper):
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Subscriber {
///     #[serde(
///         rename = "count",
///         default,
///         deserialize_with = "tango_runtime::de::empty_as_none",
///         skip_serializing_if = "Option::is_none"
///     )]
///     count: Option<u32>,
/// }
///
/// let s: Subscriber = quick_xml::de::from_str("<s><count/></s>").unwrap();
/// assert_eq!(s.count, None);
/// let s: Subscriber = quick_xml::de::from_str("<s><count> 5 </count></s>").unwrap();
/// assert_eq!(s.count, Some(5));
/// ```
pub fn empty_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    d.deserialize_option(OptionVisitor(PhantomData))
}

/// Accepts `None`/unit, or `Some(scalar)`.
struct OptionVisitor<T>(PhantomData<T>);

impl<'de, T> Visitor<'de> for OptionVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an optional text value")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(ScalarVisitor(PhantomData))
    }

    // Self-describing formats may hand the scalar straight to the option visitor.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse_text(v)
    }
}

/// Parses the text; other scalars (from formats that offer them anyway) go through their text.
struct ScalarVisitor<T>(PhantomData<T>);

impl<'de, T> Visitor<'de> for ScalarVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a text value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse_text(v)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        let text = std::str::from_utf8(v).map_err(E::custom)?;
        parse_text(text)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        parse_text(if v { "true" } else { "false" })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        parse_text(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        parse_text(&v.to_string())
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        parse_text(&v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        parse_text(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        parse_text(&v.to_string())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

fn parse_text<T, E>(text: &str) -> Result<Option<T>, E>
where
    T: FromStr,
    T::Err: fmt::Display,
    E: de::Error,
{
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|e| E::custom(format_args!("invalid value {text:?}: {e}")))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Sample {
        #[serde(rename = "n", default, deserialize_with = "empty_as_none")]
        n: Option<u32>,
        #[serde(rename = "@flag", default, deserialize_with = "empty_as_none")]
        flag: Option<bool>,
    }

    const NONE: Sample = Sample { n: None, flag: None };

    #[test]
    fn xml_empty_element_is_none() {
        let s: Sample = quick_xml::de::from_str("<a><n/></a>").expect("decodes");
        assert_eq!(s, NONE);
        let s: Sample = quick_xml::de::from_str("<a><n></n></a>").expect("decodes");
        assert_eq!(s, NONE);
        let s: Sample = quick_xml::de::from_str("<a><n>  \n </n></a>").expect("decodes");
        assert_eq!(s, NONE);
    }

    #[test]
    fn xml_text_is_trimmed_and_parsed() {
        let s: Sample = quick_xml::de::from_str("<a><n> 5 </n></a>").expect("decodes");
        assert_eq!(s.n, Some(5));
        let s: Sample = quick_xml::de::from_str(r#"<a flag="true"><n>7</n></a>"#).expect("decodes");
        assert_eq!(s, Sample { n: Some(7), flag: Some(true) });
        let s: Sample = quick_xml::de::from_str(r#"<a flag=""/>"#).expect("decodes");
        assert_eq!(s, NONE);
    }

    #[test]
    fn xml_absent_is_none() {
        let s: Sample = quick_xml::de::from_str("<a></a>").expect("decodes");
        assert_eq!(s, NONE);
        let s: Sample = quick_xml::de::from_str("<a/>").expect("decodes");
        assert_eq!(s, NONE);
    }

    #[test]
    fn xml_bad_number_is_an_error_naming_the_value() {
        let err = quick_xml::de::from_str::<Sample>("<a><n>five</n></a>").unwrap_err();
        assert!(err.to_string().contains("\"five\""), "{err}");
    }

    #[test]
    fn form_values() {
        let s: Sample = serde_html_form::from_str("n=").expect("decodes");
        assert_eq!(s, NONE);
        let s: Sample = serde_html_form::from_str("n=+12+&%40flag=false").expect("decodes");
        assert_eq!(s, Sample { n: Some(12), flag: Some(false) });
        let s: Sample = serde_html_form::from_str("").expect("decodes");
        assert_eq!(s, NONE);
        let err = serde_html_form::from_str::<Sample>("n=-1").unwrap_err();
        assert!(err.to_string().contains("\"-1\""), "{err}");
    }

    #[test]
    fn json_values() {
        let s: Sample = serde_json::from_str(r#"{"n": null, "@flag": ""}"#).expect("decodes");
        assert_eq!(s, NONE);
        let s: Sample = serde_json::from_str(r#"{"n": " 4 ", "@flag": "true"}"#).expect("decodes");
        assert_eq!(s, Sample { n: Some(4), flag: Some(true) });
        let err = serde_json::from_str::<Sample>(r#"{"n": 3}"#).unwrap_err();
        assert!(err.to_string().contains("expected a text value"), "{err}");
    }
}
