//! Phrase patterns of site furniture and templated trailers, Arabic and English.
//!
//! Lines are matched after [`fold_line`](crate::ingest::line_fold::fold_line) (alef/ya/ta marbuta
//! variants and harakat folded, Latin lower-cased), so one pattern covers اقرأ أيضاً and
//! اقرا ايضا. A pattern removes a line only when it is essentially the whole line: a paragraph
//! that merely contains a phrase of furniture is prose («لا تعكس بالضرورة التصنيفات النظرية»
//! cost a BBC paragraph, and a 10.8 MB news file of one line was lost whole). So only
//! *whole-line* patterns, anchored at both ends, and navigation bars mark a line of any length;
//! *notice* wordings (cookie banners, copyright, comment forms, disclaimers, wire trailers)
//! mark lines of at most [`NOTICE_LINE_WORDS`] words; words that are also news topics
//! (cookies, JavaScript) only a label of a few words; *short* patterns only lines of a few
//! words that open with the phrase (menus, share widgets, "read more" links), so a sentence
//! that merely contains شارك or بحث is never touched.

use std::sync::LazyLock;

use crate::analysis::letters;
use regex::Regex;

/// The longest line, in words, that a *short* pattern may mark.
pub const SHORT_LINE_WORDS: usize = 8;

/// Patterns that describe a whole line, from its start to its end: they mark it whatever its
/// length.
static WHOLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let parts = [
        r"^\W*//\s*(انتهي|يتبع)\s*//\W*$",
        // an opinion column's disclaimer: «هذا المقال بقلم …، والآراء الواردة أدناه تعبر عن
        // رأي الكاتب ولا تعكس بالضرورة وجهة نظر شبكة CNN» (20 to 41 words)
        r"^\W*((هذا )?(ال)?مقال بقلم|و?الاراء الوارده|ملاحظه المحرر)[^\n]*(لا|ولا) (تعكس|تعبر) بالضروره[^\n]*(cnn|سي ان ان|الموقع|الشبكه|الصحيفه|الوكاله)\W*$",
        // BBC's app notice, sometimes twice on one line (35 words)
        r"^\W*يمكنكم (استلام|تسلم) اشعارات باهم[^\n]*المحمول\W*$",
        // CNN's comment policy, 44 words: «ترحب شبكة CNN بالنقاش الحيوي والمفيد… شروط استخدام الموقع.»
        r"^\W*ترحب شبكه cnn بالنقاش[^\n]*(الموقع|الاستخدام)\W*$",
        // contact trailers of columns: an address or handle alone, SMS instructions
        r"^\W*[\w.+-]+@[\w-]+(\.[\w-]+)+\W*$|^\W*@\w+\W*$",
        r"^\W*\d+\s*-\s*(stc|mobily|zain)\W*$",
        // a wire item's filing time alone (SPA: «15:11 ت م»)
        r"^\W*\d{1,2}:\d{2}(\s*(ت م|ص|م|gmt|am|pm))?\W*$",
    ];
    Regex::new(&parts.join("|")).expect("valid whole-line furniture regex")
});

/// The longest line, in words, that a `NOTICE` phrase may mark: a notice is a sentence or
/// two, and a paragraph that merely contains its wording («لا تعكس بالضرورة التصنيفات
/// النظرية…», 30 words) is prose.
pub const NOTICE_LINE_WORDS: usize = 24;

/// Wordings of notices (cookies, copyright, comment forms, app promotions, disclaimers, wire
/// trailers, link labels), each specific enough that a sentence of news does not say it: they
/// mark a line of up to [`NOTICE_LINE_WORDS`] words wherever they stand in it.
static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    let parts = [
        // cookies and JavaScript: the notice, not the topic
        r"(نستخدم|يستخدم|تستخدم|نستعمل|يستعمل) (ملفات تعريف الارتباط|الكوكيز|ملفات الكوكيز)",
        r"(we|site|website) uses? cookies|cookies? (policy|settings)|enable javascript|you need to enable",
        // copyright
        r"©|جميع الحقوق محفوظه|حقوق النشر محفوظه|كل الحقوق محفوظه|all rights reserved|(?-u:\b)copyright(?-u:\b)",
        // comment forms
        r"لن يتم نشر عنوان بريدك|الحقول الالزاميه|required fields are marked|تعليقك يحتوي|اضف تعليقا|اترك تعليقا|دع تعليقا|leave a (reply|comment)",
        r"باستخدامك لهذا النموذج|ياستخدامك لهذا النموذج",
        // templated trailers and disclaimers of wire and broadcaster copy
        r"تحميل احدث نسخه من تطبيق|(استلام|تسلم) اشعارات باهم",
        r"جميع المقالات المنشوره تمثل راي",
        r"الاراء الوارده (ادناه|في هذا المقال)",
        r"(لا|ولا) (تعكس|تعبر) بالضروره (عن )?(راي|اراء|وجهه|موقف|سياسه)",
        r"لا (يمكنه|يمكنها|يمكننا) التاكد (بشكل مستقل|بصوره مستقله)",
        // link labels: "read also: <headline>", "more: <headline>", "… click here"
        r"^\W*(اقرا (ايضا|المزيد)|للمزيد|شاهد ايضا)\s*[:|]",
        r"(اضغط|انقر) هنا\W*$",
        r"للتواصل (مع الكاتب )?(ارسل|ارسال) (رساله )?(نصيه )?sms",
        r"^(next|previous)\s*(post|article)?\s*:|^next previous(?-u:\b)",
        r"تبدا بالرمز",
    ];
    Regex::new(&parts.join("|")).expect("valid notice regex")
});

/// A `NOTICE` wording with a gap of up to 40 characters in it, apart: a counted repetition
/// of a class of every character multiplies the states of the lazy DFA, and within `NOTICE`
/// it filled the DFA's cache over and over (a fifth of the cleaning's instructions). It is
/// only tried on the lines that hold its last words.
static CANNOT_VERIFY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(cnn|الموقع|بي بي سي|الوكاله)[^.]{0,40}لا (يمكنه|يمكنها|يمكننا) التاكد (من صحه|مما)",
    )
    .expect("valid notice regex")
});

/// The last words of [`CANNOT_VERIFY`], found before it is tried.
static VERIFY: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("التاكد"));

/// Is this (folded) line one of the notices of [`NOTICE`] or [`CANNOT_VERIFY`]?
fn is_notice(folded: &str) -> bool {
    NOTICE.is_match(folded)
        || (VERIFY.find(folded.as_bytes()).is_some() && CANNOT_VERIFY.is_match(folded))
}

/// Words that name furniture but also the topic of a news story (cookies, JavaScript, privacy
/// policies): they mark a line that is little more than them, a link label.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"الكوكيز|ملفات تعريف الارتباط|(?-u:\b)cookies?(?-u:\b)|javascript|جافا ?سكريبت|privacy policy|سياسه الخصوصيه")
        .expect("valid label regex")
});

/// The longest line, in words, that a [`LABEL`] word may mark.
const LABEL_LINE_WORDS: usize = 4;

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

/// Is this (folded) line furniture by a pattern of the whole line: a navigation bar or one of
/// `WHOLE_LINE`? Only these mark a line of more than [`NOTICE_LINE_WORDS`] words.
pub fn is_whole_line_furniture(folded: &str) -> bool {
    is_menu(folded) || WHOLE_LINE.is_match(folded)
}

/// Is this (folded) line of `words` words site furniture by its wording? Each pattern marks a
/// line only up to a length where it is most of the line (see the module comment).
pub fn is_furniture(folded: &str, words: usize) -> bool {
    is_whole_line_furniture(folded)
        || (words <= NOTICE_LINE_WORDS && is_notice(folded))
        || (words <= LABEL_LINE_WORDS && LABEL.is_match(folded))
        || (words <= SHORT_LINE_WORDS && SHORT.is_match(folded))
        || (words <= MEDIUM_LINE_WORDS && MEDIUM.is_match(folded))
        || (words <= 8 && folded.contains('/') && CREDIT.is_match(folded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::line_fold::fold_line;

    fn furniture(line: &str) -> bool {
        is_furniture(&fold_line(line), line.split_whitespace().count())
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
            "ولفتت الشبكة إلى أن CNN لا يمكنها التأكد من صحة الفيديو.",
            "وأشار الموقع إلى أنه لا يمكنه التأكد مما ورد في التسجيل",
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
            // long disclaimers and notices, marked by patterns of the whole line
            "ملاحظة المحرر: راند بول هو سيناتور أمريكي من كينتاكي، وهو عضو بلجنة العلاقات الخارجية والأمن القومي والشؤون الحكومية التابعة لمجلس الشيوخ، الآراء الواردة في هذا المقال تعكس وجهة نظره ولا تعبر بالضرورة عن وجهة نظر لـ CNN.",
            &"يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول".repeat(2),
            "هذا المقال بقلم بشار جرار، متحدث ومدرب غير متفرغ مع برنامج الدبلوماسية العامة - الخارجية الأمريكية، والآراء الواردة أدناه تعبر عن رأي الكاتب ولا تعكس بالضرورة وجهة نظر شبكة CNN.",
            "مقال بقلم بيان ريحان، وهي رئيسة مكتب المرأة في لجنة التنسيق المحلية بمدينة الغوطة الشرقية في دوما. كما أنها ناشطة وشاركت في انتفاضة سوريا منذ بدايتها. الآراء الواردة في هذا المقال تعكس وجهة نظرها ولا تعبر بالضرورة عن رأي شبكة CNN.",
            "ترحب شبكة CNN بالنقاش الحيوي والمفيد، وكي لا نضطر في موقع CNN بالعربية إلى مراجعة التعليقات قبل نشرها. ننصحك بمراجعة إرشادات الاستخدام للتعرف إليها جيداً. وللعلم فان جميع مشاركاتك يمكن استخدامها، مع اسمك وصورتك، استنادا إلى سياسة الخصوصية بما يتوافق مع شروط استخدام الموقع.",
        ] {
            assert!(furniture(line), "{line}");
        }
    }

    #[test]
    fn a_menu_is_found_by_each_separator() {
        for separator in ["|", "•", "·", "»"] {
            let menu = ["الرئيسية", "أخبار", "رياضة", "اقتصاد"].join(&format!(" {separator} "));
            assert!(is_menu(&fold_line(&menu)), "{menu}");
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
            // furniture wording in prose (BB-sport-189, SK-technology-27, JA-diverse-423)
            "ولكن نتيجة المواجهات في الملعب لا تعكس بالضرورة التصنيفات النظرية مهما كانت دقتها.",
            "وقالت شركات الأمن إن بعض المواقع تعتمد على \"ملفات جافا سكريبت\" بشكل خفي لاستغلال زوارها.",
            "وحاز بطل الأكل على اللقب بعد تناوله رقائق الكوكيز والبسكويت المغمسة في الأيس الكريم.",
            "وأوضحت شركة لينكدإن في سياسة الخصوصية أنها تحصل على بيانات المستخدم.",
            // the agency's name too far before «cannot verify»: a report, not the trailer
            "قال مراسل CNN إن السكان الذين فروا من القصف العنيف ليلا لا يمكنه التأكد من مصير ذويهم",
        ] {
            assert!(!furniture(line), "{line}");
        }
    }
}
