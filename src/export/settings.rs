//! `settings.json` of an OpenSearch export: what `PUT /INDEX` takes to create an index whose
//! analysis and fields are fahras's.
//!
//! `title` and `body` are text analyzed by the chain of [`super::chain`], and the title is
//! copied into the body (`copy_to`), as fahras indexes it: a query on `body` ranks the whole
//! article as fahras does, and `title` can add a bonus. The rest is exact (`keyword`) or a date;
//! `dynamic: strict` refuses a document with a field the export does not write, so a mistyped
//! field shows up at once instead of being guessed.

use serde_json::{json, Value};

use super::chain::{self, ANALYZER};

/// The whole settings document: `{"settings": {"analysis": …}, "mappings": …}`.
pub fn settings() -> Value {
    let text = |extra: Value| {
        let mut field = json!({"type": "text", "analyzer": ANALYZER});
        if let (Some(field), Value::Object(extra)) = (field.as_object_mut(), extra) {
            field.extend(extra);
        }
        field
    };
    json!({
        "settings": {"analysis": chain::analysis()},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": {"type": "keyword"},
                "path": {"type": "keyword"},
                "docno": {"type": "keyword"},
                "title": text(json!({"copy_to": "body"})),
                "body": text(json!({})),
                "date": {"type": "date", "format": "strict_date"},
                "source": {"type": "keyword"},
                "author": {"type": "keyword"},
                "group": {"type": "keyword"},
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_record_is_mapped_and_the_analyzer_is_defined() {
        let settings = settings();
        let properties = settings["mappings"]["properties"].as_object().unwrap();
        let article = crate::article::Article::default();
        let record = serde_json::to_value(super::super::Record::new(&article, None)).unwrap();
        let mut fields: Vec<&String> = record.as_object().unwrap().keys().collect();
        let mut mapped: Vec<&String> = properties.keys().collect();
        fields.sort();
        mapped.sort();
        assert_eq!(fields, mapped);
        for field in ["title", "body"] {
            let analyzer = properties[field]["analyzer"].as_str().unwrap();
            let definition = &settings["settings"]["analysis"]["analyzer"][analyzer];
            assert_eq!(definition["tokenizer"], "standard", "{field}");
        }
    }

    #[test]
    fn every_filter_the_analyzer_names_is_built_in_or_defined() {
        let settings = settings();
        let analysis = &settings["settings"]["analysis"];
        let analyzer = &analysis["analyzer"][ANALYZER];
        let built_in = [
            "lowercase",
            "decimal_digit",
            "arabic_normalization",
            "persian_normalization",
        ];
        for name in analyzer["filter"].as_array().unwrap() {
            let name = name.as_str().unwrap();
            assert!(
                built_in.contains(&name) || analysis["filter"].get(name).is_some(),
                "{name}"
            );
        }
        for name in analyzer["char_filter"].as_array().unwrap() {
            assert!(analysis["char_filter"]
                .get(name.as_str().unwrap())
                .is_some());
        }
    }
}
