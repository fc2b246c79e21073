//! Stage 4: a corpus of many articles, queried by speaker, topic, date,
//! polarity and outlet.

/// A collection of analysed articles.
#[derive(Debug, Default)]
pub struct Corpus {}
