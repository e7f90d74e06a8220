//! `--format` and `-o`: the one output-format enum ([`Format`]) on the command line, each command
//! offering the subset its data comes in (an unsupported one is refused in one Chinese line), and
//! writing what was rendered to a file or standard output.

use std::ffi::OsStr;
use std::path::Path;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;
use jianggao::error::Result;
use jianggao::report::Format;

/// The `--format` values a command accepts (its data's [`jianggao::report::Render::FORMATS`]).
#[derive(Debug, Clone, Copy)]
pub struct Formats(pub &'static [Format]);

impl TypedValueParser for Formats {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Format, clap::Error> {
        let given = value.to_string_lossy();
        match Format::parse(&given) {
            Some(f) if self.0.contains(&f) => Ok(f),
            _ => {
                let cmd_name = cmd.get_bin_name().unwrap_or(cmd.get_name()).to_string();
                let message = format!("{cmd_name} 不能输出 --format {given}，可选 {}", Format::list(self.0));
                Err(clap::Error::raw(ErrorKind::InvalidValue, message).with_cmd(cmd))
            }
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|f| PossibleValue::new(f.name()))))
    }
}

/// Whether `-o` sends output to standard output: no `-o`, or `-o -`.
pub fn is_stdout(output: Option<&Path>) -> bool {
    output.is_none_or(|p| p.as_os_str() == "-")
}

/// Write rendered output to `-o FILE` (without colour, by [`jianggao::fsio::write_output`]'s rules:
/// never onto one of `inputs`, through links, into pipes and devices) or to stdout for no `-o` or
/// `-o -` (colour only on a terminal and without NO_COLOR — anstream decides).
pub fn emit(text: &str, output: Option<&Path>, inputs: &[&Path]) -> Result<()> {
    match output.filter(|p| !is_stdout(Some(p))) {
        Some(path) => {
            let plain = anstream::adapter::strip_str(text).to_string();
            jianggao::fsio::write_output(path, plain.as_bytes(), inputs)
        }
        None => {
            use std::io::Write;
            let mut out = anstream::stdout();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            Ok(())
        }
    }
}

/// [`emit`] for bytes that are not text (a .docx), written as they are.
pub fn emit_bytes(bytes: &[u8], output: Option<&Path>, inputs: &[&Path]) -> Result<()> {
    match output.filter(|p| !is_stdout(Some(p))) {
        Some(path) => jianggao::fsio::write_output(path, bytes, inputs),
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| jianggao::error::Error::io(Path::new("-"), "输出", &e))
        }
    }
}
