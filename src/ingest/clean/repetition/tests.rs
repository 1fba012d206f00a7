use super::saved::LEGACY_FILE_NAME;
use super::*;
use std::fs;

#[test]
fn keys_ignore_spelling_and_punctuation_but_not_digits() {
    assert_eq!(line_key("© 2020 أثر برس"), line_key("2020 اثر  برس."));
    assert_eq!(line_key("© ٢٠٢٠ أثر برس"), line_key("2020 اثر برس"));
    assert_ne!(line_key("خبر رقم 5"), line_key("خبر رقم 6"));
    assert_ne!(line_key("أثر برس"), line_key("سبوتنيك"));
}

#[test]
fn the_same_documents_save_the_same_bytes_in_any_order() {
    let documents: Vec<(String, String)> = (0..50)
        .map(|n| (format!("doc{n}"), format!("سطر متكرر\nسطر رقم {}", n % 7)))
        .collect();
    let saved = |order: &mut dyn Iterator<Item = &(String, String)>| {
        let mut table = LineTable::default();
        for (id, text) in order {
            table.add_document("site", id, text.lines());
        }
        let dir = tempfile::tempdir().unwrap();
        table.save(dir.path()).unwrap();
        fs::read(dir.path().join(FILE_NAME)).unwrap()
    };
    let forward = saved(&mut documents.iter());
    assert_eq!(saved(&mut documents.iter().rev()), forward);
    assert_eq!(saved(&mut documents.iter()), forward);
}

#[test]
fn counts_each_document_once_and_survives_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut table = LineTable::default();
    for doc in ["a", "b", "a", "c"] {
        let unique = format!("نص فريد {doc}x");
        table.add_document(
            "/site",
            doc,
            ["الرئيسية", "أثر برس", "أثر برس", unique.as_str()],
        );
    }
    table.add_document("/site", "d", ["خبر"]);
    assert!(table.is_repeated("/site", "الرئيسية", false));
    assert!(!table.is_repeated("/site", "نص فريد ax", false));
    assert!(!table.is_repeated("/other", "الرئيسية", false));
    table.save(dir.path()).unwrap();
    let loaded = LineTable::load(dir.path()).unwrap();
    assert!(loaded.is_repeated("/site", "اثر برس", false));
    // "a" was offered twice but counted once, so its line is in one document only
    let mut again = loaded;
    again.add_document("/site", "a", ["خبر"]);
    again.add_document("/site", "e", ["خبر"]);
    assert!(!again.is_repeated("/site", "خبر", false));
}

#[test]
fn a_table_saved_with_string_keys_is_read_and_converted() {
    let dir = tempfile::tempdir().unwrap();
    let key = format!("{:016x}", line_key("أثر برس"));
    let old = format!(
        r#"{{"version":0,"folders":{{"/site":{{"docs":["a","b","c"],"lines":{{"{key}":3}}}}}}}}"#
    );
    fs::write(dir.path().join(LEGACY_FILE_NAME), old).unwrap();
    let mut table = LineTable::load(dir.path()).unwrap();
    assert!(table.is_repeated("/site", "أثر برس", false));
    // the old documents are known: offering one again counts nothing
    table.add_document("/site", "a", ["أثر برس"]);
    assert_eq!(table.folders["/site"].lines[&line_key("أثر برس")].count, 3);
    table.save(dir.path()).unwrap();
    assert!(!dir.path().join(LEGACY_FILE_NAME).exists());
    assert_eq!(
        LineTable::load(dir.path()).unwrap().folders["/site"]
            .docs
            .len(),
        3
    );
}

#[test]
fn a_line_needs_a_tenth_of_the_folder() {
    let mut table = LineTable::default();
    for i in 0..40 {
        let lines: Vec<&str> = if i < 3 {
            vec!["سطر متكرر"]
        } else {
            vec![]
        };
        table.add_document("/f", &i.to_string(), lines);
    }
    assert!(!table.is_repeated("/f", "سطر متكرر", false));
    for i in 40..44 {
        table.add_document("/f", &i.to_string(), ["سطر متكرر"]);
    }
    // 7 of 44 documents: furniture for a short line, not for a sentence
    assert!(table.is_repeated("/f", "سطر متكرر", false));
    assert!(!table.is_repeated("/f", "سطر متكرر", true));
}

#[test]
fn a_large_folder_keeps_only_its_recurring_lines() {
    let mut table = LineTable::default();
    for i in 0..5_000 {
        let unique = format!("سطر فريد رقم {i}");
        let mut lines = vec!["الرئيسية اتصل بنا", unique.as_str()];
        if i % 5 == 0 {
            lines.push("اقرأ أيضا");
        }
        if i % 20 == 0 {
            lines.push("خبر عاجل");
        }
        table.add_document("/site", &i.to_string(), lines);
    }
    // the 5,000 unique lines are forgotten; what recurs is kept and counted exactly
    let folder = &table.folders["/site"];
    assert_eq!(folder.lines.len(), 3, "{:?}", folder.lines.len());
    assert!(table.is_repeated("/site", "الرئيسية اتصل بنا", false));
    assert!(table.is_repeated("/site", "اقرأ أيضا", false));
    assert!(!table.is_repeated("/site", "خبر عاجل", false));
    assert!(!table.is_repeated("/site", "سطر فريد رقم 7", false));
    assert_eq!(folder.lines[&line_key("اقرأ أيضا")].count, 1_000);
}

#[test]
fn lossy_counts_never_add_furniture_and_miss_none_clear_of_the_bound() {
    // Documents drawing lines at many rates, some only in part of the folder, against the
    // exact count of every line.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let lines: Vec<String> = (0..400).map(|n| format!("سطر {n}")).collect();
    let mut table = LineTable::default();
    let mut exact: HashMap<usize, u32> = HashMap::new();
    let docs = 3_000;
    for doc in 0..docs {
        let mut held = Vec::new();
        for (n, _) in lines.iter().enumerate() {
            // line n appears at a rate of about n/1000, and lines 300+ only in the second half
            if (n < 300 || doc >= docs / 2) && next() % 1_000 < n as u64 {
                held.push(n);
            }
        }
        for &n in &held {
            *exact.entry(n).or_default() += 1;
        }
        table.add_document(
            "/f",
            &doc.to_string(),
            held.iter().map(|&n| lines[n].as_str()),
        );
    }
    let docs = docs as u32;
    let mut furniture = 0;
    for (n, line) in lines.iter().enumerate() {
        let truth = exact.get(&n).copied().unwrap_or(0);
        let by_exact = truth >= MIN_DOCS && truth * MIN_SHARE_DIVISOR >= docs;
        let lossy = table.is_repeated("/f", line, false);
        assert!(!lossy || by_exact, "{line}: {truth} of {docs} documents");
        if truth * MIN_SHARE_DIVISOR >= docs + docs * MIN_SHARE_DIVISOR / BUCKET_DOCS {
            assert!(lossy, "{line}: {truth} of {docs} documents");
        }
        furniture += usize::from(lossy);
    }
    assert!(furniture > 200, "{furniture}");
    assert!(table.folders["/f"].lines.len() < lines.len());
}

#[test]
fn slack_survives_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut table = LineTable::default();
    for i in 0..250 {
        let lines: &[&str] = if i >= 150 {
            &["سطر جديد"]
        } else {
            &["خبر"]
        };
        table.add_document("/f", &i.to_string(), lines.iter().copied());
    }
    let late = table.folders["/f"].lines[&line_key("سطر جديد")];
    assert_eq!(
        late,
        Tally {
            count: 100,
            slack: 1
        }
    );
    table.save(dir.path()).unwrap();
    let loaded = LineTable::load(dir.path()).unwrap();
    assert_eq!(loaded.folders["/f"].lines, table.folders["/f"].lines);
    assert_eq!(loaded.folders["/f"].docs, table.folders["/f"].docs);
}

#[test]
fn a_line_that_comes_late_is_judged_on_its_count_not_its_slack() {
    let mut table = LineTable::default();
    for i in 0..1_000 {
        let lines: &[&str] = if i >= 905 {
            &["سطر متأخر"]
        } else {
            &[]
        };
        table.add_document("/f", &i.to_string(), lines.iter().copied());
    }
    // in 95 of 1,000 documents: under a tenth, though its slack could take it over
    assert_eq!(
        table.folders["/f"].lines[&line_key("سطر متأخر")],
        Tally {
            count: 95,
            slack: 9
        }
    );
    assert!(!table.is_repeated("/f", "سطر متأخر", false));
}
