//! Tests of the plain-text cleaner on small pages written in the shape of real scraped ones.

use super::*;

fn never(_: &str, _: usize, _: bool) -> bool {
    false
}

const P1: &str =
    "قال وزير الخارجية في مؤتمر صحفي عقده اليوم إن الحكومة ماضية في خططها الإصلاحية رغم الصعوبات.";
const P2: &str =
    "وأضاف أن المفاوضات مع الشركاء الدوليين ستستأنف الأسبوع المقبل في العاصمة بمشاركة واسعة.";
const P3: &str =
    "وختم بالقول إن المرحلة المقبلة تتطلب تعاون الجميع من أجل تجاوز الأزمة الاقتصادية الراهنة؟";

#[test]
fn page_furniture_goes_headline_subheading_and_metadata_stay() {
    let page = [
        "أخبار اليوم",
        "الخميس - 2 مايو - 2024",
        "الرئيسية",
        "الحكومة تمضي في خططها الإصلاحية",
        "بقلم: سارة خليل",
        P1,
        "مفاوضات مرتقبة",
        P2,
        "اقرأ أيضاً",
        P3,
        "مقالات ذات صلة",
        "عنوان خبر آخر في القائمة",
        "أخبار اليوم",
        "جميع الحقوق محفوظة © 2024",
    ]
    .join("\n");
    let cleaned = clean_text(&page, &never);
    assert_eq!(
        cleaned.title.as_deref(),
        Some("الحكومة تمضي في خططها الإصلاحية")
    );
    assert_eq!(cleaned.body, [P1, "مفاوضات مرتقبة", P2, P3]);
    assert_eq!(cleaned.date.as_deref(), Some("2024-05-02"));
    assert_eq!(cleaned.author.as_deref(), Some("سارة خليل"));
    assert_eq!(cleaned.source.as_deref(), Some("أخبار اليوم"));
}

#[test]
fn page_title_names_the_headline_and_the_site() {
    let page = [
        "الحكومة تمضي في خططها - قسم السياسة - جريدة الغد",
        "قائمة",
        P3, // a long teaser in the menu, before the headline
        "الحكومة تمضي في خططها",
        P1,
        P2,
    ]
    .join("\n");
    let cleaned = clean_text(&page, &never);
    assert_eq!(cleaned.title.as_deref(), Some("الحكومة تمضي في خططها"));
    assert_eq!(cleaned.source.as_deref(), Some("جريدة الغد"));
    assert_eq!(cleaned.body, [P1, P2]);
}

#[test]
fn lines_repeated_across_the_folder_are_dropped_inside_the_article_too() {
    let page = ["عنوان الخبر الرئيسي اليوم", P1, "شريط الأخبار العاجلة", P2].join("\n");
    let repeated = |folded: &str, _, _| folded == fold_line("شريط الأخبار العاجلة");
    let cleaned = clean_text(&page, &repeated);
    assert_eq!(cleaned.body, [P1, P2]);
    let kept = clean_text(&page, &never);
    assert_eq!(kept.body, [P1, "شريط الأخبار العاجلة", P2]);
}

#[test]
fn distant_blocks_of_sentences_are_not_the_article() {
    let mut page = vec!["عنوان الخبر الرئيسي اليوم", P1, P2];
    let menu: Vec<String> = (0..12).map(|i| format!("رابط رقم {i}")).collect();
    page.extend(menu.iter().map(String::as_str));
    page.extend([
        "يحق لإدارة الموقع حذف أي تعليق يخالف قواعد النشر المعتمدة لدينا دون إشعار مسبق.",
        "لا يسمح بنشر التعليقات التي تتضمن إساءة إلى الأشخاص أو المؤسسات بأي شكل كان.",
    ]);
    let cleaned = clean_text(&page.join("\n"), &never);
    assert_eq!(cleaned.body, [P1, P2]);
}

#[test]
fn text_without_paragraphs_is_kept_whole_minus_furniture() {
    let cleaned = clean_text("خبر عن قوات سوريا الديمقراطية قسد في الرقة\nشارك", &never);
    assert_eq!(
        cleaned.title.as_deref(),
        Some("خبر عن قوات سوريا الديمقراطية قسد في الرقة")
    );
    assert!(cleaned.body.is_empty());
    assert_eq!(clean_text("اقرأ أيضاً\nشارك", &never).title, None);
}

#[test]
fn a_page_without_headline_takes_its_first_paragraph_as_title() {
    let cleaned = clean_text(&[P1, P2, P3].join("\n"), &never);
    assert_eq!(cleaned.title.as_deref(), Some(P1));
    assert_eq!(cleaned.body, [P2, P3]);
}

#[test]
fn hijri_datelines_give_the_gregorian_date() {
    let page = [
        "مهرجان التمور يواصل فعالياته",
        "الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس",
        P1,
        P2,
    ]
    .join("\n");
    let cleaned = clean_text(&page, &never);
    assert_eq!(cleaned.date.as_deref(), Some("2015-08-10"));
    assert_eq!(cleaned.body, [P1, P2]);
}

#[test]
fn record_bodies_lose_only_templated_lines() {
    let body = [
        P1,
        "-----------------------",
        "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.",
        "تعميق الشراكة",
        P2,
        "// انتهى //",
    ]
    .join("\n");
    assert_eq!(clean_record_body(&body), [P1, "تعميق الشراكة", P2]);
}

#[test]
fn a_one_line_heading_above_the_article_is_its_title_however_short() {
    // An encyclopedia entry as ARCD ships it: the entry's name, then its paragraph.
    let entry = format!("جمال خاشقجي\n\n{P1}");
    let cleaned = clean_text(&entry, &never);
    assert_eq!(cleaned.title.as_deref(), Some("جمال خاشقجي"));
    assert_eq!(cleaned.body, [P1]);
}

#[test]
fn a_paragraph_quoting_titles_in_guillemets_is_kept() {
    let quoting = "اشتهرت المغنية بأغانيها المصورة ومنها «أخاصمك آه» و«يا سلام» و«آه ونص» التي حققت انتشاراً واسعاً في العالم العربي.";
    let cleaned = clean_text(&format!("نانسي عجرم\n\n{quoting}"), &never);
    assert_eq!(cleaned.title.as_deref(), Some("نانسي عجرم"));
    assert_eq!(cleaned.body, [quoting]);
}

#[test]
fn a_masthead_the_page_repeats_is_not_taken_for_the_heading() {
    let page = format!("أثر برس\n{P1}\n{P2}\nأثر برس");
    let cleaned = clean_text(&page, &never);
    assert_eq!(cleaned.source.as_deref(), Some("أثر برس"));
    assert_eq!(cleaned.title.as_deref(), Some(P1));
    assert_eq!(cleaned.body, [P2]);
}

#[test]
fn a_date_line_below_a_caption_that_opens_the_span_is_found() {
    // alyaum's page as text: the photo caption (a long line, twice) opens the article span;
    // the byline and the date line follow it, two lines above the first paragraph.
    let caption =
        "عناصر من الشرطة الإيرانية في موقع الهجوم قرب طهران وفي الإطار محسن فخري زاده (رويترز)";
    let title = "طهران تدفن «زادة».. وتتهم المعارضة الإيرانية باغتياله";
    // The lines of the page's dump from its headline on (alt texts repeat the headline).
    let page = [
        title,
        title,
        title,
        title,
        caption,
        title,
        title,
        caption,
        title,
        title,
        title,
        "القارات السبع",
        "حسام أبو العلا - القاهرة",
        "٠٢:٠٠ الثلاثاء ١ / ١٢ / ٢٠٢٠",
        "استمع",
        P1,
        P2,
        P3,
    ]
    .join("\n");
    let cleaned = clean_text(&page, &never);
    assert_eq!(cleaned.date.as_deref(), Some("2020-12-01"));
    assert_eq!(cleaned.author.as_deref(), Some("حسام أبو العلا"));
    assert!(!cleaned.body.iter().any(|l| l.contains("أبو العلا")));
}

#[test]
fn a_known_title_stands_above_however_far_the_article_starts() {
    let furniture: Vec<String> = (1..=10).map(|n| format!("قسم رقم {n} من الموقع")).collect();
    let page = format!("{}\n{P1}\n{P2}", furniture.join("\n"));
    let cleaned = clean_titled("عنوان الخبر المعروف", &page, &never);
    assert_eq!(cleaned.title.as_deref(), Some("عنوان الخبر المعروف"));
    assert_eq!(cleaned.body, [P1, P2]);
}
