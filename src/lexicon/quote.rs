//! Lexicons of the quote stage.
