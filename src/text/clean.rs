//! `clean`: the text as a reader wants it (placeholder until implemented below).
