//! Crash safety: `fahras ingest` is killed with SIGKILL at pseudo-random moments; afterwards the
//! index must open and answer, and running the same ingest again must leave exactly one
//! document per article — none missing, none duplicated, each with its newest text.
//! Then the commands that remove or replace articles of an existing index (`ingest --prune`,
//! `rm FOLDER`, an ingest of emptied files, an ingest of changed files) are killed the same
//! way, and a rerun must leave exactly what one uninterrupted run leaves on a copy.
//!
//! `cargo test` runs a few trials; `scripts/crash-test.sh` runs many more on a release build
//! (FAHRAS_CRASH_TRIALS, FAHRAS_CRASH_DOCS, FAHRAS_CRASH_SEED tune both).

use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::Sandbox;
use crate::convergence::{articles_at, copy_index};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small deterministic generator (64-bit LCG): the trials are reproducible from the seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn ingest_command(sandbox: &Sandbox, corpus: &std::path::Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("fahras"));
    cmd.env_clear()
        .env("HOME", sandbox.dir.path())
        .arg("--index")
        .arg(sandbox.index())
        .arg("ingest")
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Paths of all documents containing the word every generated article shares, every
/// near-copy among them too (`--all`): the generated articles share most of their words.
fn indexed_paths(sandbox: &Sandbox, docs: usize) -> Vec<String> {
    let output = sandbox
        .fahras()
        .args([
            "search",
            "--all",
            "--json",
            "-n",
            &(docs * 2).to_string(),
            "مشترك",
        ])
        .output()
        .unwrap();
    let code = output.status.code();
    assert!(
        code == Some(0) || code == Some(1),
        "index unusable after a crash: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let hit: serde_json::Value = serde_json::from_str(l).unwrap();
            hit["path"].as_str().unwrap().to_string()
        })
        .collect()
}

/// A word naming corpus version `n`: its digits spelled as letters, so it is one token that
/// no other text contains.
fn version_marker(n: u64) -> String {
    let letters: Vec<char> = "بتثجحخدذرز".chars().collect();
    let digits: String = n
        .to_string()
        .chars()
        .map(|d| letters[d.to_digit(10).unwrap() as usize])
        .collect();
    format!("وسم{digits}ك")
}

/// How many documents match `word`.
fn search_count(sandbox: &Sandbox, word: &str) -> usize {
    let output = sandbox
        .fahras()
        .args(["search", "-c", word])
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Runs `command`, kills it with SIGKILL after `delay`, and says whether it had exited by
/// then: only a kill that lands while it runs tests anything, so the script's figures count
/// them.
fn killed_after(mut command: Command, delay: Duration) -> bool {
    let mut child = command.spawn().unwrap();
    std::thread::sleep(delay);
    let finished = child.try_wait().unwrap().is_some();
    let _ = child.kill(); // SIGKILL
    child.wait().unwrap();
    finished
}

/// The articles still searchable after a kill, none of them twice.
fn survivors(sandbox: &Sandbox, docs: usize, trial: u64) -> usize {
    if !sandbox.index().join("meta.json").exists() {
        return 0;
    }
    let paths = indexed_paths(sandbox, docs);
    let unique: HashSet<&String> = paths.iter().collect();
    assert_eq!(
        unique.len(),
        paths.len(),
        "trial {trial}: duplicates after kill"
    );
    paths.len()
}

#[test]
fn killed_ingests_never_lose_or_duplicate_articles() {
    let trials = env_number("FAHRAS_CRASH_TRIALS", 4);
    let docs = env_number("FAHRAS_CRASH_DOCS", 300) as usize;
    let mut rng = Lcg(env_number("FAHRAS_CRASH_SEED", 20261122));
    let sandbox = Sandbox::new();
    let corpus = sandbox.dir.path().join("corpus");
    let paragraph = "قالت مصادر محلية إن الاجتماع بحث الأوضاع الأمنية والخدمية في المنطقة. ";
    // Every article carries the marker of the corpus version it was written in, so a test can
    // ask whether the index holds the newest text of each.
    let write_corpus = |version: u64| {
        for i in 0..docs {
            sandbox.write(
                &format!("corpus/{:02}/article-{i:04}.txt", i % 17),
                format!(
                    "خبر رقم {i} عن موضوع مشترك بين المقالات {}\n{}",
                    version_marker(version),
                    paragraph.repeat(20 + i % 40)
                ),
            );
        }
    };
    write_corpus(0);

    // How long an uninterrupted ingest takes here, to spread the kills over it.
    let started = Instant::now();
    assert!(ingest_command(&sandbox, &corpus)
        .status()
        .unwrap()
        .success());
    let full_run = started.elapsed();
    std::fs::remove_dir_all(sandbox.index()).unwrap();

    let mut after_completion = 0;
    for trial in 0..trials {
        // Half the trials start from nothing; the other half find a complete index and a
        // corpus whose every file has changed since, so the killed run was replacing articles.
        let version = trial + 1;
        if trial % 2 == 0 {
            if sandbox.index().exists() {
                std::fs::remove_dir_all(sandbox.index()).unwrap();
            }
        } else {
            write_corpus(version);
        }
        let delay = Duration::from_micros(rng.next() % (full_run.as_micros() as u64 + 1));
        let finished = killed_after(ingest_command(&sandbox, &corpus), delay);
        if finished {
            after_completion += 1;
        }
        let survived = survivors(&sandbox, docs, trial);
        let moment = if finished {
            "after it had exited"
        } else {
            "while it ran"
        };
        eprintln!(
            "trial {trial}: killed after {delay:?} ({moment}), {survived}/{docs} articles searchable"
        );

        let rerun = ingest_command(&sandbox, &corpus)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert!(
            rerun.status.success(),
            "trial {trial}: re-ingest failed: {}",
            String::from_utf8_lossy(&rerun.stderr)
        );
        let paths = indexed_paths(&sandbox, docs);
        let unique: HashSet<&String> = paths.iter().collect();
        assert_eq!(paths.len(), docs, "trial {trial} (kill after {delay:?})");
        assert_eq!(unique.len(), docs, "trial {trial}: duplicated articles");
        if trial % 2 == 1 {
            let newest = search_count(&sandbox, &version_marker(version));
            assert_eq!(
                newest, docs,
                "trial {trial}: articles not replaced by their new text"
            );
        }
    }
    eprintln!(
        "trials: {trials}, killed while the ingest ran: {}, after it had exited: {after_completion}, all passed",
        trials - after_completion
    );
}

/// The four kinds of killed runs of [`killed_removals_and_updates_converge_exactly`].
const SCENARIOS: [&str; 4] = ["prune", "rm folder", "emptied files", "update"];

/// Writes version `version` of the generated corpus (see the test above).
fn write_generated(sandbox: &Sandbox, docs: usize, version: u64) {
    let paragraph = "قالت مصادر محلية إن الاجتماع بحث الأوضاع الأمنية والخدمية في المنطقة. ";
    for i in 0..docs {
        sandbox.write(
            &generated_name(i),
            format!(
                "خبر رقم {i} عن موضوع مشترك بين المقالات {}\n{}",
                version_marker(version),
                paragraph.repeat(5 + i % 20)
            ),
        );
    }
}

fn generated_name(i: usize) -> String {
    format!("corpus/{:02}/article-{i:04}.txt", i % 7)
}

/// Changes the corpus for `scenario` and returns the command that acts on the change.
fn prepare(sandbox: &Sandbox, scenario: &str, docs: usize, rng: &mut Lcg) -> Vec<String> {
    let corpus = sandbox.dir.path().join("corpus");
    let folder = rng.next() as usize % 7;
    // every file of one folder: a run over many files, killed in the middle of them
    let chosen = (0..docs).filter(|i| i % 7 == folder);
    let path = |i: usize| sandbox.dir.path().join(generated_name(i));
    let corpus_arg = corpus.to_string_lossy().into_owned();
    match scenario {
        "prune" => {
            chosen.for_each(|i| std::fs::remove_file(path(i)).unwrap());
            vec!["ingest".into(), "--prune".into(), corpus_arg]
        }
        "rm folder" => {
            let folder = corpus.join(format!("{folder:02}"));
            vec!["rm".into(), folder.to_string_lossy().into_owned()]
        }
        "emptied files" => {
            chosen.for_each(|i| std::fs::write(path(i), "").unwrap());
            vec!["ingest".into(), corpus_arg]
        }
        _ => {
            write_generated(sandbox, docs, 1 + rng.next() % 1000);
            vec!["ingest".into(), corpus_arg]
        }
    }
}

fn command_at(sandbox: &Sandbox, index: &std::path::Path, args: &[String]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("fahras"));
    cmd.env_clear()
        .env("HOME", sandbox.dir.path())
        .arg("--index")
        .arg(index)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

#[test]
fn killed_removals_and_updates_converge_exactly() {
    let trials = env_number("FAHRAS_CRASH_TRIALS", 4);
    let docs = env_number("FAHRAS_CRASH_DOCS", 300) as usize;
    let mut rng = Lcg(env_number("FAHRAS_CRASH_SEED", 20261122));
    let sandbox = Sandbox::new();
    let base = sandbox.dir.path().join("base");
    let reference = sandbox.dir.path().join("reference");
    write_generated(&sandbox, docs, 0);
    let corpus = sandbox.dir.path().join("corpus");
    assert!(ingest_command(&sandbox, &corpus)
        .status()
        .unwrap()
        .success());
    copy_index(&sandbox.index(), &base, None);
    let mut while_running = 0;
    for trial in 0..trials {
        let scenario = SCENARIOS[trial as usize % SCENARIOS.len()];
        for index in [sandbox.index(), reference.clone()] {
            let _ = std::fs::remove_dir_all(&index);
            copy_index(&base, &index, None);
        }
        std::fs::remove_dir_all(&corpus).unwrap();
        write_generated(&sandbox, docs, 0);
        let args = prepare(&sandbox, scenario, docs, &mut rng);

        let started = Instant::now();
        let code = command_at(&sandbox, &reference, &args)
            .status()
            .unwrap()
            .code();
        assert_eq!(code, Some(0), "trial {trial}: {scenario}");
        let full_run = started.elapsed();

        let delay = Duration::from_micros(rng.next() % (full_run.as_micros() as u64 + 1));
        let finished = killed_after(command_at(&sandbox, &sandbox.index(), &args), delay);
        if !finished {
            while_running += 1;
        }
        let rerun = command_at(&sandbox, &sandbox.index(), &args)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        // A second `rm` of what is gone says it matched nothing (exit 1), as after a full run.
        let expected = if scenario == "rm folder" {
            vec![Some(0), Some(1)]
        } else {
            vec![Some(0)]
        };
        assert!(
            expected.contains(&rerun.status.code()),
            "trial {trial}: {scenario}: rerun failed: {}",
            String::from_utf8_lossy(&rerun.stderr)
        );
        let moment = if finished {
            "after it had exited"
        } else {
            "while it ran"
        };
        eprintln!("trial {trial}: {scenario} killed after {delay:?} ({moment})");
        assert_eq!(
            articles_at(&sandbox, &sandbox.index(), "مشترك"),
            articles_at(&sandbox, &reference, "مشترك"),
            "trial {trial}: {scenario} killed after {delay:?} did not converge"
        );
    }
    eprintln!(
        "trials (removals and updates): {trials}, killed while the command ran: {while_running}, all converged"
    );
}
