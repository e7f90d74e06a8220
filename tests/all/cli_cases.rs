//! The command line as data: each `tests/cmd/*.md` is a page of console blocks — `$ jianggao …`,
//! what it prints (standard output and standard error as they interleave), `? N` for an exit code
//! other than 0 — run by trycmd. A case with a `NAME.in/` folder runs there (copied to a scratch
//! folder when `NAME.out/` exists); the others run in the project folder, like the README's
//! examples. `TRYCMD=overwrite cargo test --test all cli_cases` rewrites the expected output.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env(jianggao::config::ENV_VAR, "none")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.md");
}
