//! Renderer (html).
