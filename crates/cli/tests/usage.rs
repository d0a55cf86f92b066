//! What every command-line user tries: `--version`, `COMMAND --help`, and piping the
//! output into a reader that stops early.
#![allow(clippy::unwrap_used)] // a test: an unwrap that fails is a failed test, with its line

mod common;
use common::*;

use std::process::{Command, Stdio};

/// Bug: `--version` was refused as an invalid option.
#[test]
fn version_is_printed() {
    let out = clientele(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("clientele {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// Bug: `clientele rfm --help` was refused as an invalid option.
#[test]
fn each_command_prints_its_own_usage() {
    for (command, first) in [
        ("demo", "clientele demo --customers N"),
        ("rfm", "clientele rfm --orders FILE"),
        ("clv", "clientele clv --orders FILE"),
        ("segment", "clientele segment --orders FILE"),
        ("import", "clientele import [--kind"),
    ] {
        for help in ["--help", "-h"] {
            let out = clientele(&[command, help]);
            assert!(out.status.success(), "{command} {help}");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.starts_with("usage:\n"), "{text}");
            assert!(text.contains(first), "{command}: {text}");
            // Only that command's usage.
            assert_eq!(text.matches("  clientele ").count(), 1, "{text}");
        }
    }
    // Also after other options.
    let out = clientele(&["rfm", "--orders", "x.csv", "--help"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("clientele rfm"));
    // The whole usage lists every command.
    let all = clientele(&["--help"]);
    assert!(all.status.success());
    assert_eq!(
        String::from_utf8_lossy(&all.stdout)
            .matches("  clientele ")
            .count(),
        5
    );
}

/// Bug: `clientele rfm ... | head` panicked with "failed printing to stdout: Broken
/// pipe" instead of ending quietly.
#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let mut csv = String::from("customer_id,date,amount\n");
    for i in 0..20_000 {
        csv.push_str(&format!("c{i},2026-03-01,{}\n", 100 + i % 50));
    }
    let path = std::env::temp_dir().join(format!("clientele-pipe-{}.csv", std::process::id()));
    std::fs::write(&path, csv).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args([
            "rfm",
            "--orders",
            path.to_str().unwrap(),
            "--as-of",
            "2026-03-02",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // Read nothing, as `head -0` would: the command's output (over 64 KB) meets a
    // closed pipe.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ends");
    let _ = std::fs::remove_file(&path);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(out.status.success(), "{:?}", out.status);
}
