//! Drives the real Tandem window: a private X server (Xvfb), tauri-driver and
//! WebKitWebDriver, all started here, so `cargo test` needs nothing started by hand.
//!
//! Each [`App`] is one launch of the real binary on a data folder; launching again
//! on the same folder is a restart. Screenshots of the X screen (ImageMagick's
//! `import`, because WebKitWebDriver's own screenshots are stale under Xvfb) land
//! in `target/e2e-screenshots/` for a human to look at.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Windows are heavy on two cores: end-to-end tests run one at a time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub async fn serial() -> tokio::sync::MutexGuard<'static, ()> {
    SERIAL.lock().await
}

const WAIT: Duration = Duration::from_secs(20);

/// A private X server, killed when dropped.
pub struct Display {
    child: Child,
    pub name: String,
}

impl Display {
    pub fn start() -> Display {
        // -displayfd: Xvfb picks a free display number and writes it to the pipe.
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is not installed (apt-get install xvfb) — see README");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let name = format!(":{}", line.trim());
        assert!(name.len() > 1, "Xvfb did not report its display");
        Display { child, name }
    }

    /// Saves a screenshot of the whole screen as `target/e2e-screenshots/<name>.png`.
    /// A screenshot once the window has painted what the DOM already shows (the
    /// debug build under Xvfb paints late; the picture is for a human).
    pub fn shot(&self, name: &str) {
        std::thread::sleep(std::time::Duration::from_millis(900));
        self.screenshot(name);
    }

    pub fn screenshot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        // The DOM is ready before the X server has the painted frame; the picture
        // is for a human, so let the window paint first.
        std::thread::sleep(Duration::from_millis(400));
        let status = Command::new("import")
            .args(["-display", &self.name, "-window", "root"])
            .arg(dir.join(format!("{name}.png")))
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            eprintln!("screenshot {name} not taken (ImageMagick missing?)");
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn tauri_driver() -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let installed = cargo_home.join("bin/tauri-driver");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// The real app binary, built by cargo for this test.
pub fn app_binary() -> &'static str {
    env!("CARGO_BIN_EXE_tandem")
}

/// Where a launch on `data_dir` keeps what the app writes outside its data folder
/// (log files, the remembered window state, WebKit's caches): inside the test's
/// own folder, so tests never touch the real user's files nor see each other's,
/// and a restart on the same folder finds them again like a user's relaunch does.
pub fn test_home(data_dir: &Path) -> PathBuf {
    data_dir.join(".test-home")
}

/// The app's log file for a launch on `data_dir` (see `src-tauri/src/logging.rs`).
pub fn log_file(data_dir: &Path) -> PathBuf {
    test_home(data_dir).join("data/fr.tandem.app/logs/tandem.log")
}

/// One launch of the real app, driven through WebDriver.
pub struct App {
    pub client: Client,
    driver: Child,
}

impl App {
    /// Fills the welcome form as a new micro-entrepreneur would (with an IBAN,
    /// which invoices print), without saving it.
    #[allow(dead_code)] // not every test binary starts from the welcome
    pub async fn fill_welcome(&self, siret: &str) {
        let f = "form#welcome-form";
        self.fill(&format!("{f} [name=legal_name]"), "Léa Martin")
            .await;
        self.select(&format!("{f} [name=legal_status]"), "micro_entrepreneur")
            .await;
        self.fill(&format!("{f} [name=siret]"), siret).await;
        self.fill(&format!("{f} [name=address_line1]"), "12 rue des Lilas")
            .await;
        self.fill(&format!("{f} [name=postal_code]"), "69003").await;
        self.fill(&format!("{f} [name=city]"), "Lyon").await;
        self.fill(&format!("{f} [name=email]"), "lea@exemple.fr")
            .await;
        self.click(&format!("{f} input[name=vat_regime][value=franchise]"))
            .await;
        self.fill(
            &format!("{f} [name=iban]"),
            "FR76 3000 6000 0112 3456 7890 189",
        )
        .await;
    }

    /// Launches Tandem on `data_dir` and waits until its UI has booted.
    pub async fn launch(display: &Display, data_dir: &Path) -> App {
        Self::launch_binary(display, Path::new(app_binary()), data_dir).await
    }

    /// Launches another build of the app (the installed package's binary, a
    /// release build) on `data_dir` and waits until its UI has booted.
    pub async fn launch_binary(display: &Display, binary: &Path, data_dir: &Path) -> App {
        Self::launch_timed(display, binary, data_dir).await.0
    }

    /// Like [`App::launch_binary`], and also returns how long the app took from
    /// being asked to start (the WebDriver session request, tauri-driver already
    /// listening) to its first fully rendered screen (`<body data-route>`), polled
    /// every 10 ms. Any page whose first screen sets `data-route` can be timed.
    pub async fn launch_timed(
        display: &Display,
        binary: &Path,
        data_dir: &Path,
    ) -> (App, Duration) {
        Self::launch_with(display, binary, data_dir, &[]).await
    }

    /// Like [`App::launch`], with more environment variables for the app (a `TZ`).
    pub async fn launch_with_env(display: &Display, data_dir: &Path, env: &[(&str, &str)]) -> App {
        Self::launch_with(display, Path::new(app_binary()), data_dir, env)
            .await
            .0
    }

    async fn launch_with(
        display: &Display,
        binary: &Path,
        data_dir: &Path,
        env: &[(&str, &str)],
    ) -> (App, Duration) {
        match Self::try_launch_with(display, binary, data_dir, env).await {
            Ok(launched) => launched,
            // One more try: on a loaded machine the previous launch on the same
            // folder may still hold its lock for a moment after quitting. An app
            // that really does not start fails both.
            Err(first) => {
                tokio::time::sleep(Duration::from_secs(2)).await;
                Self::try_launch_with(display, binary, data_dir, env)
                    .await
                    .unwrap_or_else(|e| panic!("{first}; on a second try: {e}"))
            }
        }
    }

    /// [`App::launch_timed`], saying why when the app did not come up.
    pub async fn try_launch_timed(
        display: &Display,
        binary: &Path,
        data_dir: &Path,
    ) -> Result<(App, Duration), String> {
        Self::try_launch_with(display, binary, data_dir, &[]).await
    }

    /// [`App::try_launch_timed`] with more environment variables for the app
    /// (tauri-driver passes its own environment down to it).
    async fn try_launch_with(
        display: &Display,
        binary: &Path,
        data_dir: &Path,
        env: &[(&str, &str)],
    ) -> Result<(App, Duration), String> {
        let (port, native_port) = (free_port(), free_port());
        let home = test_home(data_dir);
        let driver = Command::new(tauri_driver())
            // Its own process group, so that ending it also ends the
            // WebKitWebDriver it starts (see `stop_driver`).
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display.name)
            // No session bus (neither by address nor at its default place): each
            // launch stands alone, and the data-folder lock is what keeps a single
            // writer — the behaviour under test, whatever the machine runs.
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("XDG_RUNTIME_DIR")
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "tauri-driver is not installed (cargo install tauri-driver --locked) — see README",
            );
        let url = format!("http://127.0.0.1:{port}");
        let caps: serde_json::Map<String, Value> = serde_json::from_value(json!({
            "browserName": "wry",
            "tauri:options": {
                "application": binary,
                "args": ["--data-dir", data_dir.to_str().unwrap()],
            }
        }))
        .unwrap();
        let mut driver = driver;
        let deadline = Instant::now() + WAIT;
        // The driver listens first; the clock starts when the app is asked for.
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                stop_driver(&mut driver);
                return Err("tauri-driver never listened".into());
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let asked = Instant::now();
        let client = loop {
            // A session request whose app never connects back waits forever:
            // bound it, so a failed launch fails the test instead of hanging it.
            let mut builder = ClientBuilder::new(HttpConnector::new());
            builder.capabilities(caps.clone());
            match tokio::time::timeout(WAIT, builder.connect(&url)).await {
                Ok(Ok(c)) => break c,
                Ok(Err(_)) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Ok(Err(e)) => {
                    stop_driver(&mut driver);
                    return Err(format!("could not start a WebDriver session: {e}"));
                }
                Err(_) => {
                    stop_driver(&mut driver);
                    return Err(format!(
                        "{} did not open its window within {WAIT:?}",
                        binary.display()
                    ));
                }
            }
        };
        let app = App { client, driver };
        // Booted: the UI marks the first fully rendered screen on <body>.
        loop {
            if app
                .client
                .find(Locator::Css("body[data-route]"))
                .await
                .is_ok()
            {
                break;
            }
            if Instant::now() > deadline {
                return Err("the first screen never rendered".into());
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let took = asked.elapsed();
        Ok((app, took))
    }

    /// The process id of tauri-driver: the app and its WebKit processes are its
    /// descendants (through WebKitWebDriver).
    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    pub async fn quit(mut self) {
        let _ = self.client.clone().close().await;
        stop_driver(&mut self.driver);
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} not found: {e}"))
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.unwrap().len()
    }

    /// Clicks `css` once it is there. A view that re-renders between finding and
    /// clicking makes the element stale: find it again, as a user would look again.
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let result = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.click().await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => return,
                Err(e) if Instant::now() > deadline => panic!("click {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Scrolls `css` to the middle of the view, then clicks it: WebKitWebDriver
    /// answers "element not interactable" for a button below the fold of the
    /// app's scrolled <main>, where a user would scroll first.
    pub async fn click_in_view(&self, css: &str) {
        self.scroll_to(css).await;
        self.click(css).await;
    }

    /// [`App::fill`] for a field that may be below the fold (see `click_in_view`).
    pub async fn fill_in_view(&self, css: &str, value: &str) {
        self.scroll_to(css).await;
        self.fill(css, value).await;
    }

    /// Scrolls `css` to the middle of the view, as a user would before using it.
    pub async fn scroll_to(&self, css: &str) {
        let el = self.wait_for(css).await;
        let arg = serde_json::to_value(el).unwrap();
        self.client
            .execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg])
            .await
            .unwrap();
    }

    /// Waits for the toast to say what `pred` wants, read from its textContent
    /// (WebDriver's text of it was seen empty while it fades in) with French
    /// figures' no-break spaces made plain spaces.
    pub async fn wait_toast(&self, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = self
                .eval("return document.getElementById('toast').textContent")
                .await;
            let text = text
                .as_str()
                .unwrap_or_default()
                .replace(['\u{a0}', '\u{202f}'], " ");
            if pred(&text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the toast says {text:?}, never what was expected"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Follows a sidebar link and waits until its screen is rendered.
    pub async fn go(&self, route: &str) {
        self.click(&format!("nav#sidebar a[href='{route}']")).await;
        self.wait_for(&format!("body[data-route='{route}']")).await;
    }

    /// Types into a text field like a user: select all, then type.
    pub async fn fill(&self, css: &str, value: &str) {
        let el = self.wait_for(css).await;
        el.clear().await.unwrap();
        if !value.is_empty() {
            el.send_keys(value)
                .await
                .unwrap_or_else(|e| panic!("type into {css}: {e}"));
        }
    }

    /// Sets an `<input type=date|month|datetime-local>` the way its picker would
    /// (WebKit's date inputs do not take typed text through WebDriver), and tells
    /// the form with `input` and `change`.
    #[allow(dead_code)] // not every test binary has a date to set
    pub async fn set_value(&self, css: &str, value: &str) {
        self.eval(&format!(
            "const d = document.querySelector({css:?}); d.value = {value:?}; \
             d.dispatchEvent(new Event('input', {{bubbles: true}})); \
             d.dispatchEvent(new Event('change', {{bubbles: true}}));"
        ))
        .await;
    }

    /// Picks an option of a `<select>`.
    pub async fn select(&self, css: &str, value: &str) {
        let el = self.wait_for(css).await;
        el.select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("select {value} in {css}: {e}"));
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap()
    }

    pub async fn is_visible(&self, css: &str) -> bool {
        match self.client.find(Locator::Css(css)).await {
            Ok(el) => el.is_displayed().await.unwrap_or(false),
            Err(_) => false,
        }
    }

    /// Waits until `css`'s text satisfies `pred`, and returns it.
    pub async fn wait_text(&self, css: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    if pred(&t) {
                        return t;
                    }
                    if Instant::now() > deadline {
                        panic!("{css} shows {t:?}, never what was expected");
                    }
                }
            }
            if Instant::now() > deadline {
                panic!("{css} never appeared");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the hash route is `route`.
    pub async fn wait_route(&self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let hash = self
                .client
                .execute("return location.hash", vec![])
                .await
                .unwrap();
            let hash = hash.as_str().unwrap_or_default().to_owned();
            if pred(&hash) {
                return hash;
            }
            assert!(Instant::now() < deadline, "route stayed {hash}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn eval(&self, js: &str) -> Value {
        self.client.execute(js, vec![]).await.unwrap()
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A failed test must not leave the drivers (or the app) running.
        stop_driver(&mut self.driver);
    }
}

/// Ends tauri-driver and everything it started: it does not stop the
/// WebKitWebDriver it spawned when killed, so the whole process group goes.
fn stop_driver(driver: &mut Child) {
    let group = format!("-{}", driver.id());
    let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
    let _ = driver.kill();
    let _ = driver.wait();
}

/// The French (or English) text of a translation key, read from the UI's own files,
/// so tests check what a user reads without duplicating every sentence.
pub fn translation(lang: &str, key: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("ui/i18n/{lang}.json"));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json.get(key)
        .unwrap_or_else(|| panic!("no translation {key} in {lang}.json"))
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string"))
        .to_owned()
}

/// The micro-entrepreneur profile the end-to-end tests seed through the core to
/// start past the welcome screen: the core's shared one (`tandem_core::testing`)
/// without the trade name, IBAN and BIC the welcome form leaves empty.
#[allow(dead_code)] // not every test binary seeds a profile
pub fn micro_profile() -> tandem_core::profile::ProfileInput {
    tandem_core::profile::ProfileInput {
        trade_name: String::new(),
        iban: String::new(),
        bic: String::new(),
        ..tandem_core::testing::micro()
    }
}

/// Runs xdotool on the test's X display (native dialogs are no web page).
#[allow(dead_code)] // not every test binary drives a native dialog
pub fn xdotool(display: &Display, args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", &display.name)
        .output()
        .expect("xdotool is needed (.ci/setup installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Waits for the visible native window titled exactly `title` (a GTK file
/// dialog) and returns its id.
#[allow(dead_code)]
pub async fn native_window(display: &Display, title: &str) -> String {
    for _ in 0..150 {
        let found = xdotool(
            display,
            &["search", "--onlyvisible", "--name", &format!("^{title}$")],
        );
        if let Some(id) = found.lines().next() {
            return id.to_owned();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the native window « {title} » never opened");
}
