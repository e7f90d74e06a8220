//! The one progress bar the commands show (indicatif), on standard error and only when that is a
//! terminal: a redirected or piped run never gets bar debris in its output.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar drawn with indicatif's `template` (e.g. `{bar:30} {pos}/{len} {wide_msg}`).
    pub fn new(template: &str) -> Progress {
        let bar = if std::io::stderr().is_terminal() {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Progress { bar }
    }

    /// `done` of `total`, with what is being worked on.
    pub fn set(&self, done: u64, total: u64, message: Option<String>) {
        self.bar.set_length(total);
        self.bar.set_position(done);
        if let Some(m) = message {
            self.bar.set_message(m);
        }
    }

    /// Clear the bar, so what is printed next starts on a clean line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
