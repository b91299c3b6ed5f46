//! Two launches under one D-Bus session, as on a desktop: `tandem --data-dir
//! OTHER` while Tandem is open on a first folder opens OTHER in a process and
//! window of its own (it used to only focus the running window, OTHER never
//! opened); a second launch on the same folder opens nothing new.
//! No WebDriver: the processes and their data folders are what is checked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{app_binary, serial, test_home, Display};

fn launch(display: &Display, bus: &str, dir: &Path) -> Child {
    let home = test_home(dir);
    Command::new(app_binary())
        .arg("--data-dir")
        .arg(dir)
        .env("DISPLAY", &display.name)
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .env_remove("TANDEM_DATA_DIR")
        .env_remove("XDG_RUNTIME_DIR")
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(40);
    while !ok() {
        assert!(Instant::now() < deadline, "never: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The pids of running Tandem processes opened on `dir`.
fn running_on(dir: &Path) -> Vec<String> {
    let out = Command::new("pgrep")
        .args(["-f", "--"])
        .arg(format!("--data-dir {}$", dir.display()))
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_folder_opens_its_own_window_and_the_same_folder_does_not() {
    let _serial = serial().await;
    let display = Display::start();
    let mut bus = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon is installed (apt-get install dbus-daemon)");
    let mut address = String::new();
    BufReader::new(bus.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();
    let address = address.trim().to_owned();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();

    let mut first = launch(&display, &address, a.path());
    wait_until("the first folder opens", || {
        a.path().join("tandem.db").exists()
    });
    // The single-instance plugin registers before the database opens; give the
    // first window its D-Bus name before knocking.
    std::thread::sleep(Duration::from_secs(2));

    // Another folder: this launcher hands over and exits, and a Tandem of its
    // own opens the folder.
    let status = launch(&display, &address, b.path()).wait().unwrap();
    assert!(status.success(), "{status}");
    wait_until("the second folder opens in its own process", || {
        b.path().join("tandem.db").exists() && running_on(b.path()).len() == 1
    });
    assert!(first.try_wait().unwrap().is_none(), "the first stays open");

    // The same folder again: the launcher exits, nothing new runs on it.
    let status = launch(&display, &address, a.path()).wait().unwrap();
    assert!(status.success(), "{status}");
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(running_on(a.path()).len(), 1, "{:?}", running_on(a.path()));

    for pid in running_on(b.path()) {
        let _ = Command::new("kill").arg(pid).status();
    }
    let _ = first.kill();
    let _ = first.wait();
    let _ = bus.kill();
    let _ = bus.wait();
}
