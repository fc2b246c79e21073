//! Lexicons of the claim stage.
