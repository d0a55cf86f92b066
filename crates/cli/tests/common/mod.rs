//! The harness of the command line's tests: `clientele` run as a user runs it, and
//! files and folders of this test process. Each test binary uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `clientele` with `args`; its exit status and output.
pub fn clientele(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clientele"))
        .args(args)
        .output()
        .expect("runs")
}

/// A path of this process for `name`, nothing there yet (a folder a command makes).
pub fn fresh(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("clientele-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// A new, empty folder of this process.
pub fn dir(name: &str) -> PathBuf {
    let d = fresh(name);
    std::fs::create_dir_all(&d).expect("a temporary folder");
    d
}

/// Writes `bytes` to `name` in `dir`; returns its path.
pub fn file_in(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("a temporary file");
    p.to_str().expect("a UTF-8 path").to_string()
}

/// Writes `bytes` to `NAME.csv` in this process's folder of files (names are unique
/// within a test binary); returns its path.
pub fn file(name: &str, bytes: impl AsRef<[u8]>) -> String {
    let d = std::env::temp_dir().join(format!("clientele-files-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("a temporary folder");
    file_in(&d, &format!("{name}.csv"), bytes)
}
