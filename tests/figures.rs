//! Figures, not a test: start-up time, memory and sizes of the release build,
//! side by side with a Tauri "hello world" built the same way
//! (`tests/hello-world/`). `.ci/figures` builds both and runs this; it prints a
//! table and asserts nothing about speed (tests never assert on wall-clock time).
//!
//! - **start**: from the WebDriver session request (which launches the app;
//!   tauri-driver already listening) to the first fully rendered screen
//!   (`<body data-route>`, polled every 10 ms). The same WebDriver overhead is in
//!   both apps' figures. `in page` is `performance.now()` read at that moment: the
//!   part spent after the webview began loading the page.
//! - **memory**: the app and every process under it (WebKit's web and network
//!   processes), summed from `/proc/<pid>/smaps_rollup`: PSS (shared pages split
//!   between the processes sharing them — the honest total) and RSS (shared pages
//!   counted in each process), after 3 s idle.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::{App, Display};
use tandem_core::{clients, db::Database, profile};

const IDLE: Duration = Duration::from_secs(3);
/// Tandem's screens, visited in this order after start.
const SCREENS: &[&str] = &[
    "#/dashboard",
    "#/clients",
    "#/clients/new",
    "#/collaborations",
    "#/collaborations/new",
    "#/settings",
];

fn env_path(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(default))
}

/// (PSS, RSS) in KiB of the app and its WebKit processes: every descendant of
/// tauri-driver except the two WebDriver processes themselves.
fn memory_kib(driver: u32) -> (u64, u64) {
    let mut parent = HashMap::new();
    let mut name = HashMap::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid …": comm may hold spaces, so split at the last ')'.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let ppid: u32 = stat[close + 2..]
            .split(' ')
            .nth(1)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        parent.insert(pid, ppid);
        name.insert(pid, stat[open + 1..close].to_owned());
    }
    let under_driver = |mut pid: u32| loop {
        match parent.get(&pid) {
            Some(&p) if p == driver => return true,
            Some(&p) if p > 1 => pid = p,
            _ => return false,
        }
    };
    let (mut pss, mut rss) = (0, 0);
    for (&pid, comm) in &name {
        if !under_driver(pid) || comm == "tauri-driver" || comm == "WebKitWebDriver" {
            continue;
        }
        let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue;
        };
        for line in rollup.lines() {
            let kib = |l: &str| -> u64 {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
            };
            if line.starts_with("Pss:") {
                pss += kib(line);
            } else if line.starts_with("Rss:") {
                rss += kib(line);
            }
        }
    }
    (pss, rss)
}

/// A returning user's folder: her profile and a few clients.
fn seed(dir: &Path) {
    let db = Database::open_in(dir).unwrap();
    db.write(|tx| {
        profile::save(tx, &support::micro_profile(), tandem_core::today())?;
        for i in 0..50 {
            clients::create(
                tx,
                &clients::ClientInput {
                    name: format!("Client {i:02}"),
                    country: "FR".into(),
                    doc_language: "fr".into(),
                    currency: "EUR".into(),
                    ..Default::default()
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
}

#[derive(Default)]
struct Samples(HashMap<String, Vec<f64>>);

impl Samples {
    fn add(&mut self, key: &str, v: f64) {
        self.0.entry(key.to_owned()).or_default().push(v);
    }
    fn median(&self, key: &str) -> f64 {
        let mut v = self.0.get(key).cloned().unwrap_or_default();
        if v.is_empty() {
            return f64::NAN;
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    }
    fn spread(&self, key: &str) -> String {
        let v = self.0.get(key).cloned().unwrap_or_default();
        let min = v.iter().copied().fold(f64::INFINITY, f64::min);
        let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        format!("{min:.0}–{max:.0}")
    }
}

/// Launches `binary`, records start time and idle memory under `key`. A launch
/// that fails is counted, said, and tried again (at most 3 times).
async fn start(s: &mut Samples, display: &Display, key: &str, binary: &Path, data: &Path) -> App {
    let mut tries = 0;
    let (app, took) = loop {
        tries += 1;
        match App::try_launch_timed(display, binary, data).await {
            Ok(launched) => break launched,
            Err(e) if tries < 3 => {
                eprintln!("  {key}: launch failed ({e}); trying again");
                s.add(&format!("{key} failed launches"), 1.0);
            }
            Err(e) => panic!("{key}: {e}"),
        }
    };
    let in_page = app.eval("return performance.now()").await.as_f64().unwrap();
    s.add(&format!("{key} start ms"), took.as_secs_f64() * 1000.0);
    s.add(&format!("{key} in-page ms"), in_page);
    tokio::time::sleep(IDLE).await;
    let (pss, rss) = memory_kib(app.driver_pid());
    s.add(&format!("{key} pss"), pss as f64 / 1024.0);
    s.add(&format!("{key} rss"), rss as f64 / 1024.0);
    app
}

fn size_mb(path: &Path) -> String {
    match std::fs::metadata(path) {
        Ok(m) => format!("{:.1} MB", m.len() as f64 / 1e6),
        Err(_) => format!("({} missing)", path.display()),
    }
}

fn newest_deb(prefix: &str) -> PathBuf {
    let dir = env_path("TANDEM_FIGURES_DEB_DIR", "target/release/bundle/deb");
    std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let n = p.file_name().unwrap().to_string_lossy().into_owned();
                    n.starts_with(prefix) && n.ends_with(".deb")
                })
                .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
                .unwrap_or_else(|| dir.join(format!("{prefix}*.deb")))
        })
        .unwrap_or_else(|_| dir.join(format!("{prefix}*.deb")))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement, not a test: run .ci/figures"]
async fn figures() {
    let tandem = env_path("TANDEM_FIGURES_APP", "target/release/tandem");
    let hello = env_path("TANDEM_FIGURES_HELLO", "target/release/hello-world");
    let runs: usize = std::env::var("TANDEM_FIGURES_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    assert!(
        tandem.is_file(),
        "no {} (run .ci/figures)",
        tandem.display()
    );
    assert!(hello.is_file(), "no {} (run .ci/figures)", hello.display());

    let _serial = support::serial().await;
    let display = Display::start();
    let mut s = Samples::default();
    for run in 1..=runs {
        eprintln!("run {run}/{runs}");
        // Interleaved, so a slower moment of the machine hits all three alike.
        let data = tempfile::tempdir().unwrap();
        start(&mut s, &display, "hello", &hello, data.path())
            .await
            .quit()
            .await;

        let data = tempfile::tempdir().unwrap();
        start(&mut s, &display, "welcome", &tandem, data.path())
            .await
            .quit()
            .await;

        let data = tempfile::tempdir().unwrap();
        seed(data.path());
        let app = start(&mut s, &display, "tandem", &tandem, data.path()).await;
        for screen in SCREENS {
            app.eval(&format!("location.hash = '{screen}'")).await;
            app.wait_for(&format!("body[data-route='{screen}']")).await;
            tokio::time::sleep(IDLE).await;
            let (pss, rss) = memory_kib(app.driver_pid());
            s.add(&format!("screen {screen} pss"), pss as f64 / 1024.0);
            s.add(&format!("screen {screen} rss"), rss as f64 / 1024.0);
        }
        app.quit().await;
    }

    let hello_start = s.median("hello start ms");
    let hello_pss = s.median("hello pss");
    println!();
    println!("Figures: median of {runs} runs under Xvfb (min–max in brackets)");
    println!();
    println!("| | start to first screen | of which in page | memory PSS | memory RSS |");
    println!("|---|---|---|---|---|");
    for (key, label) in [
        ("hello", "Tauri hello world"),
        ("welcome", "Tandem, first launch (welcome)"),
        ("tandem", "Tandem, returning user (client list, 50 clients)"),
    ] {
        println!(
            "| {label} | {:.0} ms ({}) | {:.0} ms | {:.0} MB ({}) | {:.0} MB |",
            s.median(&format!("{key} start ms")),
            s.spread(&format!("{key} start ms")),
            s.median(&format!("{key} in-page ms")),
            s.median(&format!("{key} pss")),
            s.spread(&format!("{key} pss")),
            s.median(&format!("{key} rss")),
        );
    }
    for screen in SCREENS {
        println!(
            "| Tandem after opening {screen} | | | {:.0} MB ({}) | {:.0} MB |",
            s.median(&format!("screen {screen} pss")),
            s.spread(&format!("screen {screen} pss")),
            s.median(&format!("screen {screen} rss")),
        );
    }
    for key in ["hello", "welcome", "tandem"] {
        if let Some(f) = s.0.get(&format!("{key} failed launches")) {
            println!("{key}: {} launch(es) failed and were tried again", f.len());
        }
    }
    println!();
    println!(
        "Ratios to hello world: start {:.2}× (first launch {:.2}×); idle PSS {:.2}× (first launch {:.2}×)",
        s.median("tandem start ms") / hello_start,
        s.median("welcome start ms") / hello_start,
        s.median("tandem pss") / hello_pss,
        s.median("welcome pss") / hello_pss,
    );
    println!();
    println!("| | release binary | .deb |");
    println!("|---|---|---|");
    println!(
        "| Tauri hello world | {} | {} |",
        size_mb(&hello),
        size_mb(&newest_deb("hello-world_"))
    );
    println!(
        "| Tandem | {} | {} |",
        size_mb(&tandem),
        size_mb(&newest_deb("Tandem_"))
    );
    println!();
    println!("Reproduce: .ci/figures   (TANDEM_FIGURES_RUNS=N for more runs)");
}
