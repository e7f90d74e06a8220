//! A speech's printed layout to GB/T 9704: its structure recognised from text, Word and HTML output.
