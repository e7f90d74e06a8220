//! The outline a writer gives `draft`: kind, title, vars, sections of points (ids, inline text, picks).
