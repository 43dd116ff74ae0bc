//! The share link's fragment: `#code=` followed by the script compressed
//! with lz-string's URI-safe alphabet. This module only checks what a
//! fragment may be before anything decodes it; the codec itself lives in
//! the editor bundle (`web/editor/editor.js`). Whatever a fragment holds,
//! the page opens it as text in the editor or says it could not.

/// The fragment's prefix.
pub const PREFIX: &str = "#code=";

/// The longest fragment the page tries to decode. A 40 KB script fits;
/// the cap also bounds what a crafted fragment can expand to (lz-string's
/// worst case grows with the square of the number of codes).
pub const MAX_ENCODED: usize = 16 * 1024;

/// The longest script a link may open.
pub const MAX_TEXT: usize = 256 * 1024;

/// Why a fragment does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareError {
    /// Not lz-string's alphabet, or it did not decompress.
    Broken,
    /// Longer than [`MAX_ENCODED`], or decompresses to more than [`MAX_TEXT`].
    TooBig,
}

/// The encoded script in `hash` (`location.hash`), `None` when the page
/// was opened without a share fragment.
pub fn payload(hash: &str) -> Option<Result<&str, ShareError>> {
    let encoded = hash.strip_prefix(PREFIX)?;
    if encoded.len() > MAX_ENCODED {
        return Some(Err(ShareError::TooBig));
    }
    let alphabet = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '$');
    if encoded.is_empty() || !encoded.chars().all(alphabet) {
        return Some(Err(ShareError::Broken));
    }
    Some(Ok(encoded))
}

/// Checks what a fragment decompressed to.
pub fn check_text(text: Option<String>) -> Result<String, ShareError> {
    match text {
        Some(text) if text.len() > MAX_TEXT => Err(ShareError::TooBig),
        Some(text) => Ok(text),
        None => Err(ShareError::Broken),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lz_string_fragments_of_a_sane_size_are_decoded() {
        assert_eq!(payload(""), None);
        assert_eq!(payload("#other"), None);
        assert_eq!(payload("#code=MYGw"), Some(Ok("MYGw")));
        assert_eq!(payload("#code="), Some(Err(ShareError::Broken)));
        assert_eq!(
            payload("#code=<script>alert(1)</script>"),
            Some(Err(ShareError::Broken))
        );
        let huge = format!("#code={}", "A".repeat(MAX_ENCODED + 1));
        assert_eq!(payload(&huge), Some(Err(ShareError::TooBig)));
        assert_eq!(check_text(None), Err(ShareError::Broken));
        assert_eq!(
            check_text(Some("x".repeat(MAX_TEXT + 1))),
            Err(ShareError::TooBig)
        );
        assert_eq!(check_text(Some("<b>".into())), Ok("<b>".into()));
    }
}
