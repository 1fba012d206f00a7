//! Runs fahras with stdout on a pseudo-terminal, to see what a person at a terminal sees:
//! colour choices and escaping depend on whether stdout is a terminal, which a pipe is not.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::process::{Command, Stdio};

use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};

use super::Sandbox;

/// What a run on a terminal produced.
pub struct TtyOutput {
    /// Everything written to the terminal (the terminal turns `\n` into `\r\n`).
    pub screen: Vec<u8>,
    pub stderr: String,
    pub code: Option<i32>,
}

impl TtyOutput {
    pub fn screen_text(&self) -> String {
        String::from_utf8_lossy(&self.screen).replace("\r\n", "\n")
    }
}

/// `fahras --index <sandbox index> ARGS…` with stdout on a new terminal, a cleared environment
/// plus `env`.
pub fn run(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> TtyOutput {
    run_on(sandbox, args, env, false)
}

/// Like [`run`], but with *stderr* on the terminal (where progress bars go); `stderr` of the
/// result then holds what went to stdout.
pub fn run_stderr_on_tty(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> TtyOutput {
    run_on(sandbox, args, env, true)
}

fn run_on(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)], stderr_tty: bool) -> TtyOutput {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    let slave = OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().expect("pty name"))
        .expect("open pty");
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("fahras"));
    cmd.env_clear()
        .env("HOME", sandbox.dir.path())
        .envs(env.iter().copied())
        .arg("--index")
        .arg(sandbox.index())
        .args(args)
        .stdin(Stdio::null());
    if stderr_tty {
        cmd.stderr(slave).stdout(Stdio::piped());
    } else {
        cmd.stdout(slave).stderr(Stdio::piped());
    }
    let child = cmd.spawn().expect("spawn fahras");
    // The Command held the only other copy of the terminal's end; drop it so that reading
    // stops when fahras exits.
    drop(cmd);
    let mut master = File::from(master);
    let mut screen = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match master.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => screen.extend_from_slice(&buf[..n]),
            // Linux reports the far end closing as EIO.
            Err(err) if err.raw_os_error() == Some(5) => break,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => panic!("reading the terminal: {err}"),
        }
    }
    let output = child.wait_with_output().expect("wait for fahras");
    let other = if stderr_tty {
        &output.stdout
    } else {
        &output.stderr
    };
    TtyOutput {
        screen,
        stderr: String::from_utf8_lossy(other).into_owned(),
        code: output.status.code(),
    }
}
