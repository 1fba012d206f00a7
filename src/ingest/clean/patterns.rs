//! Phrase patterns of site furniture and templated trailers, Arabic and English.
//!
//! Lines are matched after [`fold`](crate::ingest::line_fold::fold) (alef/ya/ta marbuta
//! variants and harakat folded, Latin lower-cased), so one pattern covers اقرأ أيضاً and
//! اقرا ايضا. Two strengths: *anywhere* patterns mark a line of any length (cookie and
//! JavaScript notices, copyright, comment-form text, disclaimers, wire trailers); *short*
//! patterns only mark lines of a few words that open with the phrase (menus, share widgets,
//! "read more" links), so a sentence that merely contains شارك or بحث is never touched.

use std::sync::LazyLock;

use crate::analysis::letters;
use regex::Regex;

/// The longest line, in words, that a *short* pattern may mark.
pub const SHORT_LINE_WORDS: usize = 8;

static ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    let parts = [
        // cookies, JavaScript, privacy
        r"الكوكيز|ملفات تعريف الارتباط|(?-u:\b)cookies?(?-u:\b)|javascript|جافا ?سكريبت|privacy policy|سياسه الخصوصيه",
        // copyright
        r"©|جميع الحقوق محفوظه|حقوق النشر محفوظه|كل الحقوق محفوظه|all rights reserved|(?-u:\b)copyright(?-u:\b)",
        // comment forms
        r"لن يتم نشر عنوان بريدك|الحقول الالزاميه|required fields are marked|تعليقك يحتوي|اضف تعليقا|اترك تعليقا|دع تعليقا|leave a (reply|comment)",
        r"باستخدامك لهذا النموذج|ياستخدامك لهذا النموذج",
        // templated trailers and disclaimers of wire and broadcaster copy
        r"تحميل احدث نسخه من تطبيق|(استلام|تسلم) اشعارات باهم",
        r"^\W*//\s*(انتهي|يتبع)\s*//\W*$",
        r"جميع المقالات المنشوره تمثل راي",
        r"الاراء الوارده (ادناه|في هذا المقال)|لا تعكس بالضروره|لا تعبر بالضروره عن",
        r"لا (يمكنه|يمكنها|يمكننا) التاكد (بشكل مستقل|بصوره مستقله|من صحه|مما)",
        // link labels: "read also: <headline>", "more: <headline>", "… click here"
        r"^\W*(اقرا (ايضا|المزيد)|للمزيد|شاهد ايضا)\s*[:|]",
        r"(اضغط|انقر) هنا\W*$",
        r"للتواصل (مع الكاتب )?(ارسل|ارسال) (رساله )?(نصيه )?sms",
        r"^(next|previous)\s*(post|article)?\s*:|^next previous(?-u:\b)",
        // contact trailers of columns: an address or handle alone, SMS instructions
        r"^\W*[\w.+-]+@[\w-]+(\.[\w-]+)+\W*$|^\W*@\w+\W*$",
        r"تبدا بالرمز|^\W*\d+\s*-\s*(stc|mobily|zain)\W*$",
        // a wire item's filing time alone (SPA: «15:11 ت م»)
        r"^\W*\d{1,2}:\d{2}(\s*(ت م|ص|م|gmt|am|pm))?\W*$",
        r"enable javascript|you need to enable",
    ];
    Regex::new(&parts.join("|")).expect("valid furniture regex")
});

static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    let openers = [
        r"اقرا (ايضا|المزيد)",
        r"(مقالات|مواضيع|اخبار|مواد|قصص) (ذات صله|متعلقه|مشابهه)",
        r"ذات صله",
        r"المزيد( من)?",
        r"قد (يعجبك|يهمك)",
        r"(الاكثر|الأكثر) (قراءه|تصفحا|مشاهده|تعليقا|شعبيه)",
        r"(اخر|احدث) (الاخبار|الاضافات|المقالات)",
        r"شارك(وا)?( هذا)?( الخبر| المقال| المقاله| على| عبر)?\s*:?$",
        r"(مشاركه|انشر|طباعه|ارسل|ارسال) (الخبر|المقال|المقاله|لصديق|عبر)",
        r"(طباعه|مشاركه|تغريد|واتساب|فيسبوك|تويتر|تلغرام)\s*$",
        r"تابعونا|تابعنا (على|عبر)",
        r"(اشترك|اشتركوا) (في|ب|الان)",
        r"النشره (البريديه|الاخباريه)",
        r"تسجيل (الدخول|الخروج)|دخول عبر|انشاء حساب",
        r"(الصفحه )?الرئيسيه$|اتصل بنا|من نحن|اعلن معنا|شروط (الاستخدام|الخدمه)",
        r"زر الذهاب الي الاعلي|العوده الي الاعلي",
        r"اضغط هنا|انقر هنا",
        r"(نسخه )?(للطباعه|قابله للطباعه)",
        r"بحث$",
        r"تنبيهات",
        r"\*+\s*نقلا عن",
        r"(read|see) (more|also)|related (articles|posts|stories)|you (may|might) (also )?like",
        r"share( this)?|tweet|print|e-?mail|subscribe|sign (in|up)|log ?in|search|menu|home|toggle navigation|skip to|advertisement|back to top|newsletter|follow us",
    ];
    Regex::new(&format!(r"^\W*(?:{})(?:$|[^\p{{L}}])", openers.join("|")))
        .expect("valid short furniture regex")
});

/// Phrases that mark a line of up to [`MEDIUM_LINE_WORDS`] words wherever they stand.
static MEDIUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"ذات صله|(?-u:\b)related(?-u:\b)|اقرا (ايضا|المزيد)|read more")
        .expect("valid regex")
});

/// The longest line, in words, that a *medium* pattern may mark.
pub const MEDIUM_LINE_WORDS: usize = 15;

/// Agencies and broadcasters whose names alone make a credit line (فرانس24/ أ ف ب).
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\W|فرانس ?24|ا ف ب|اف ب|رويترز|واس|وكالات|د ب ا|الاناضول|بي بي سي|سي ان ان|afp|reuters|ap|cnn|bbc)+$")
        .expect("valid credit regex")
});

/// Most words of one item of a navigation bar, on average.
const MENU_ITEM_WORDS: usize = 5;

/// A navigation bar flattened into one line: short items between `|`, `•`, `·` or `»`. A `»`
/// that closes a «quotation» is no separator, and a sentence with a few separators in it is
/// prose, not a menu.
fn is_menu(line: &str) -> bool {
    // Every separator is `|` or starts with byte C2 (`·` `»`) or E2 (`•`), bytes no Arabic
    // letter has: most lines are ruled out without decoding them.
    if memchr::memchr3(b'|', 0xC2, 0xE2, line.as_bytes()).is_none() {
        return false;
    }
    let (mut bars, mut closing, mut opening) = (0usize, 0usize, 0usize);
    for c in line.chars() {
        match c {
            '|' | '•' | '·' => bars += 1,
            '»' => closing += 1,
            '«' => opening += 1,
            _ => {}
        }
    }
    let separators = bars + closing.saturating_sub(opening);
    if separators < 2 {
        return false;
    }
    let words = line
        .split_whitespace()
        .filter(|w| w.chars().any(letters::is_alphanumeric))
        .count();
    words <= (separators + 1) * MENU_ITEM_WORDS
}

/// Is this (folded) line site furniture by its wording?
pub fn is_furniture(folded: &str, words: usize) -> bool {
    is_menu(folded)
        || ANYWHERE.is_match(folded)
        || (words <= SHORT_LINE_WORDS && SHORT.is_match(folded))
        || (words <= MEDIUM_LINE_WORDS && MEDIUM.is_match(folded))
        || (words <= 8 && folded.contains('/') && CREDIT.is_match(folded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::line_fold::fold;

    fn furniture(line: &str) -> bool {
        is_furniture(&fold(line), line.split_whitespace().count())
    }

    #[test]
    fn site_furniture_in_arabic_and_english() {
        for line in [
            "اقرأ أيضاً",
            "مقالات ذات صلة",
            "اترك تعليقاً",
            "Sorry, you need to enable JavaScript to visit this website.",
            "جميع الحقوق محفوظة © 2020 مؤسسة دبي للإعلام",
            "شارك هذا الخبر :",
            "تسجيل الدخول بحساب فيسبوك",
            "Privacy & Cookies Policy",
            "يمكنكم تسلم إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.",
            "// انتهى //",
            "//انتهى//",
            "فرانس24/ أ ف ب",
            "فرانس 24/ أ ف ب / رويترز",
            "إقرأ أيضا: تركي آل الشيخ يطالب الهلال بـ\"اتخاذ اللازم\" تجاه عمر عبدالرحمن.. وعموري: العين في القلب",
            "لمتابعة المباراة على الحواسيب اللوحية، اضغط هنا...",
            "ويشار إلى أن موقع CNN بالعربية لا يمكنه التأكد بصورة مستقلة من الأنباء والمعلومات التي يتم تناقلها.",
            "للمزيد: اطلع على ملفنا الخاص بمونديال روسيا",
            "** جميع المقالات المنشورة تمثل رأي كتابها فقط.",
            "*نقلاً عن الرؤية الإماراتية",
            "Next Previous عين اليوم – واس",
            "algashgari@gmail.com",
            "@T_algashgari",
            "تبدأ بالرمز (47) ثم مسافة ثم نص الرسالة إلى",
            "635031 - Mobily",
            "15:11 ت م",
            "Previous: بايدن.. خسر زوجته وابنته بحادث سير ومات ابنه بالسرطان",
            "الصفحة الرئيسية | فيديو | الشرق الأوسط | العالم | اقتصاد | منوعات | صحة",
            "شروط الخدمة | بيان الخصوصية | الإعلانات | من نحن؟",
            "الرئيسية » أخبار » سياسة",
            "يحتوي هذا القسم على المقالات ذات صلة، الموضوعة في (Related Nodes field)",
        ] {
            assert!(furniture(line), "{line}");
        }
    }

    #[test]
    fn a_menu_is_found_by_each_separator() {
        for separator in ["|", "•", "·", "»"] {
            let menu = ["الرئيسية", "أخبار", "رياضة", "اقتصاد"].join(&format!(" {separator} "));
            assert!(is_menu(&fold(&menu)), "{menu}");
        }
        assert!(!is_menu("الرئيسية أخبار رياضة اقتصاد"));
        assert!(!is_menu("قال «الرئيس» إن الحكومة «ستعمل» على ذلك"));
    }

    #[test]
    fn article_sentences_are_not_furniture() {
        for line in [
            "شارك في الاجتماع وزراء خارجية الدول العربية وممثلون عن الأمم المتحدة.",
            "وقال إن البحث عن المفقودين مستمر منذ أيام في المنطقة الجبلية.",
            "تعميق الشراكة",
            "استمرار الدعم في سوريا والعراق",
            "المزيدة في الأسعار أرهقت المواطنين في كل المحافظات هذا العام بشدة.",
            "واس تنقل عن الوزير قوله إن المملكة ماضية في خططها.",
            // guillemets quote titles; their » separates nothing (ARCD, arcd-120-000)
            "اشتهرت بأغانيها المصورة مثل: «أخاصمك آه»، «يا سلام»، «آه ونص»، وغيرها من الأغاني.",
            "وقال المتحدث إن الحزب | وهو أكبر أحزاب المعارضة | سيشارك في الانتخابات المقبلة بقوة رغم الدعوات إلى مقاطعتها من قوى عدة.",
        ] {
            assert!(!furniture(line), "{line}");
        }
    }
}
