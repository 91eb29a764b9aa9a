//! Text from a config file, the command line or the environment never writes an escape
//! sequence to the terminal (no clipboard writes through OSC 52, no retitling, no clearing),
//! and a huge value is named, not echoed.

mod common;

use common::weerbaar;

const ESC: u8 = 0x1b;

/// The arguments of one run, and a variable to set for it.
type Run = (Vec<String>, Option<(&'static str, String)>);

fn no_escape(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&ESC) && !bytes.contains(&0x07) && !bytes.contains(&0x9b),
        "{what}: {}",
        String::from_utf8_lossy(bytes)
    );
}

#[test]
fn config_arguments_and_environment_never_reach_stderr_raw() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let osc52 = "\u{1b}]52;c;cm0gLXJmIH4=\u{7}";
    let huge = "x".repeat(3_000_000);
    std::fs::write(
        d.join("config.toml"),
        format!(
            "\"{osc52}titel\" = 1\ntheme = \"\u{1b}]0;pwned\u{7}\u{1b}[2J\"\nsort = \"{huge}\"\n"
        ),
    )
    .unwrap();
    let out = weerbaar(d)
        .args(["--config", "config.toml", "list", "--format", "ids"])
        .output()
        .unwrap();
    assert!(out.status.success());
    no_escape("config", &out.stderr);
    assert!(
        out.stderr.len() < 20_000,
        "a huge value is not echoed: {} bytes",
        out.stderr.len()
    );

    let runs: Vec<Run> = vec![
        (
            vec!["--db".into(), format!("{osc52}.sqlite"), "list".into()],
            None,
        ),
        (
            vec!["list".into()],
            Some(("WEERBAAR_DB", format!("{osc52}db"))),
        ),
        (
            vec!["shortlist".into(), "show".into(), format!("lijst{osc52}")],
            None,
        ),
        (
            vec![
                "shortlist".into(),
                "add".into(),
                "lijst".into(),
                // One argument may hold at most 128 KB.
                format!("id\u{1b}[2J{}", &huge[..100_000]),
            ],
            None,
        ),
        (vec!["show".into(), format!("\u{1b}]0;titel\u{7}")], None),
        (
            vec![
                "export".into(),
                "-o".into(),
                format!("{}/geen-map/\u{1b}[31muit.csv", d.display()),
            ],
            None,
        ),
    ];
    for (args, env) in runs {
        let mut cmd = weerbaar(d);
        cmd.args(&args);
        if let Some((k, v)) = &env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        no_escape(&format!("{:?}", &args[..1]), &out.stderr);
        assert!(
            out.stderr.len() < 20_000,
            "{args:?}: {} bytes",
            out.stderr.len()
        );
    }
}
