//! The fuzzy matcher behind a small trait of our own: fuzzy-matcher is unmaintained, so the rest
//! of the program must not depend on its types. Both sides are folded before they get here.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

pub trait Matcher: Send + Sync {
    /// A score when every char of `needle` occurs in `haystack` in order; higher is better.
    fn score(&self, haystack: &str, needle: &str) -> Option<i64>;
    /// The score and the char positions in `haystack` that matched.
    fn indices(&self, haystack: &str, needle: &str) -> Option<(i64, Vec<usize>)>;
}

/// fzf-like matching (skim's V2 algorithm).
pub struct SkimMatcher {
    inner: SkimMatcherV2,
}

impl Default for SkimMatcher {
    fn default() -> Self {
        SkimMatcher {
            // Input is already folded to lowercase, so matching case-sensitively is exact and cheaper.
            inner: SkimMatcherV2::default().respect_case(),
        }
    }
}

impl Matcher for SkimMatcher {
    fn score(&self, haystack: &str, needle: &str) -> Option<i64> {
        self.inner.fuzzy_match(haystack, needle)
    }

    fn indices(&self, haystack: &str, needle: &str) -> Option<(i64, Vec<usize>)> {
        self.inner.fuzzy_indices(haystack, needle)
    }
}
