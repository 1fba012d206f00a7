//! Furniture found by repetition across a folder, remembered by the index for later ingests.

use crate::common::Sandbox;

/// A page of an imaginary site: its masthead and menu around a unique article.
fn page(n: usize) -> String {
    let topics = ["الرقة", "الحسكة", "دير الزور", "منبج", "القامشلي"];
    let topic = topics[n];
    let days = ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء"];
    let day = days[n];
    format!(
        "شبكة الفرات\nأخبار محلية\nتقارير مصورة\nخبر عاجل من {topic} اليوم\nقالت مصادر محلية في {topic} إن الأوضاع هادئة صباح اليوم بعد ليلة متوترة.\nتحديثات الطقس اليومية\nوأضافت المصادر أن الأسواق فتحت أبوابها يوم {day} وسط انتشار أمني محدود.\nمنصة الفرات للإعلام المستقل\n"
    )
}

#[test]
fn lines_repeated_across_a_site_are_dropped_even_in_a_later_ingest() {
    let sandbox = Sandbox::new();
    for n in 0..4 {
        sandbox.write(&format!("site/page{n}.txt"), page(n));
    }
    sandbox.ingest(&[&sandbox.dir.path().join("site")]);
    assert!(sandbox.index().join("fahras-lines.json.zst").is_file());
    // "تحديثات الطقس اليومية" sits inside every article: only repetition can tell it is furniture
    assert!(sandbox.search_json("الطقس", 10).is_empty());
    assert_eq!(sandbox.search_json("الأسواق", 10).len(), 4);

    // A fifth page ingested alone still loses the site's furniture.
    let late = sandbox.write("site/page4.txt", page(4));
    sandbox.ingest(&[&late]);
    assert_eq!(sandbox.search_json("الأسواق", 10).len(), 5);
    assert!(sandbox.search_json("الطقس", 10).is_empty());

    // Without the table, the same page keeps it: the table is what removed it.
    let fresh = Sandbox::new();
    fresh.ingest(&[&late]);
    assert_eq!(fresh.search_json("الطقس", 10).len(), 1);
}
