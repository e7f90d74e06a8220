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

/// Write rendered output to `-o FILE` (atomically, without colour) or to stdout (colour only on a
/// terminal and without NO_COLOR — anstream decides).
pub fn emit(text: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => {
            let plain = anstream::adapter::strip_str(text).to_string();
            jianggao::fsio::write_atomic(path, plain.as_bytes())
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
