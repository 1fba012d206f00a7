//! `/`: the search box and the query language, in Arabic, with examples that are links.

use maud::{html, Markup};

use super::layout;
use super::params::{search_link, Filters};

/// What the reader types, what it finds, and an example query.
const SYNTAX: &[(&str, &str, &str)] = &[
    (
        "كلمة كلمة",
        "أي من الكلمات، مرتبة حسب الصلة (التحالف تجد والتحالف وللتحالف)",
        "التحالف الدولي",
    ),
    ("\"…\"", "عبارة بكلماتها متتالية", "\"الأمم المتحدة\""),
    (
        "+كلمة ‎ -كلمة",
        "كلمة يجب أن ترد / يجب ألا ترد",
        "سوريا -العراق",
    ),
    (
        "AND ‎ OR ‎ NOT ‎ ( )",
        "منطق بولياني؛ AND أقوى من OR",
        "(دمشق OR حلب) AND الأسد",
    ),
    ("كلمة*", "كل كلمة تبدأ بها (ألف كلمة على الأكثر)", "دمش*"),
    ("*", "كل المقالات", "* -داعش"),
    (
        "title:كلمة ‎ body:كلمة",
        "في العنوان أو في النص فقط",
        "title:الرقة",
    ),
    (
        "source:كلمة ‎ author:كلمة",
        "في المصدر أو الكاتب",
        "source:BBC",
    ),
    (
        "date:[A TO B]",
        "مدة من التواريخ",
        "date:[2018-01-01 TO 2018-06-30]",
    ),
];

pub fn page() -> Markup {
    let help = html! {
        section.help {
            h1 { "البحث في الأخبار العربية" }
            p {
                "يوحّد البحث صور الكتابة (أ/إ/آ/ا، ة/ه، ى/ي، التشكيل والتطويل) ويفصل السوابق "
                "واللواحق، ويعرض النص كما كُتب. تُجمع النسخ المتقاربة من الخبر نفسه تحت أفضلها."
            }
            h2 { "لغة الاستعلام" }
            table.syntax {
                @for (typed, meaning, example) in SYNTAX {
                    tr {
                        td { code dir="auto" { (typed) } }
                        td { (meaning) }
                        td { a href=(search_link(example, &Filters::default(), 1)) dir="auto" { (example) } }
                    }
                }
            }
        }
    };
    layout::page("بحث", "", help)
}
