//! Renderer (text).
