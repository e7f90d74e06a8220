//! Renderer (json).
