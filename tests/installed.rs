//! The installed package: `.ci/package-test` builds the `.deb`, installs it with
//! dpkg, runs this test against the installed binary, and removes the package.
//! It is `#[ignore]`d in a plain `cargo test` because it needs that install
//! (root, a release build): `.ci/run` runs it through `.ci/package-test`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::PathBuf;
use support::{log_file, serial, translation, App, Display};

/// The binary the package installed, e.g. `/usr/bin/tandem`.
fn installed_binary() -> PathBuf {
    let bin = std::env::var_os("TANDEM_INSTALLED_BIN")
        .map(PathBuf::from)
        .expect("set TANDEM_INSTALLED_BIN to the installed binary (see .ci/package-test)");
    assert!(bin.is_file(), "{} is not installed", bin.display());
    bin
}

/// A VA who double-clicked the installer opens Tandem for the first time: the
/// installed app starts, shows the French welcome, and writes its log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the .deb installed: run .ci/package-test"]
async fn the_installed_app_opens_on_the_welcome_screen() {
    let bin = installed_binary();
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();

    let app = App::launch_binary(&display, &bin, data.path()).await;
    app.wait_for("form#welcome-form").await;
    assert_eq!(
        app.eval("return document.body.dataset.route").await,
        "welcome"
    );
    let heading = app.text("h1").await;
    assert_eq!(heading, translation("fr", "welcome.title"));
    display.screenshot("90-installed-welcome");
    app.quit().await;

    // The release build logs its start-up in the OS log folder.
    let log = std::fs::read_to_string(log_file(data.path())).expect("no log file written");
    assert!(log.contains("Tandem 0.1.0 starting"), "{log}");
    assert!(log.contains("schema 0 -> "), "{log}");
}
