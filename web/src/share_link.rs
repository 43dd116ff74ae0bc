//! The share link's fragment: `#code=` followed by the script compressed
//! with lz-string's URI-safe alphabet, then the view it was shared from:
//! `&tab=sql` (the panel) and `&step=4` (the moment of the run; a link
//! with a step runs the script when it opens and shows that moment). This
//! module only checks what a fragment may be before anything decodes it;
//! the codec itself lives in the editor bundle (`web/editor/editor.js`).
//! Whatever a fragment holds, the page opens it as text in the editor or
//! says it could not; a view part it does not understand is ignored.

/// The fragment's prefix.
pub const PREFIX: &str = "#code=";

/// The longest fragment the page tries to decode. A 40 KB script fits;
/// the cap also bounds what a crafted fragment can expand to (lz-string's
/// worst case grows with the square of the number of codes).
pub const MAX_ENCODED: usize = 16 * 1024;

/// The longest script a link may open.
pub const MAX_TEXT: usize = 256 * 1024;

/// The longest tab name a link may hold.
const MAX_TAB: usize = 16;

/// The view a link was shared from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The panel's id (`output`, `sql`, ...); the page checks it is one.
    pub tab: Option<String>,
    /// The selected step of the run.
    pub step: Option<usize>,
}

/// A fragment's parts: the encoded script and the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload<'a> {
    pub encoded: &'a str,
    pub view: ViewState,
}

/// The fragment for an encoded script and a view.
pub fn fragment(encoded: &str, view: &ViewState) -> String {
    let mut out = format!("{PREFIX}{encoded}");
    if let Some(tab) = &view.tab {
        out.push_str(&format!("&tab={tab}"));
    }
    if let Some(step) = view.step {
        out.push_str(&format!("&step={step}"));
    }
    out
}

/// Reads `&key=value` view parts, keeping what is well formed.
fn view_state(parts: &str) -> ViewState {
    let mut view = ViewState::default();
    for part in parts.split('&').filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            Some(("tab", tab))
                if !tab.is_empty()
                    && tab.len() <= MAX_TAB
                    && tab.bytes().all(|b| b.is_ascii_lowercase()) =>
            {
                view.tab = Some(tab.to_owned());
            }
            Some(("step", step)) if step.len() <= 6 => {
                view.step = step.parse().ok();
            }
            _ => {}
        }
    }
    view
}

/// Why a fragment does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareError {
    /// Not lz-string's alphabet, or it did not decompress.
    Broken,
    /// Longer than [`MAX_ENCODED`], or decompresses to more than [`MAX_TEXT`].
    TooBig,
}

/// The encoded script and the view in `hash` (`location.hash`), `None`
/// when the page was opened without a share fragment.
pub fn payload(hash: &str) -> Option<Result<Payload<'_>, ShareError>> {
    let rest = hash.strip_prefix(PREFIX)?;
    let (encoded, view) = rest.split_once('&').unwrap_or((rest, ""));
    if encoded.len() > MAX_ENCODED || view.len() > 256 {
        return Some(Err(ShareError::TooBig));
    }
    let alphabet = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '$');
    if encoded.is_empty() || !encoded.chars().all(alphabet) {
        return Some(Err(ShareError::Broken));
    }
    Some(Ok(Payload {
        encoded,
        view: view_state(view),
    }))
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
        let plain = Payload {
            encoded: "MYGw",
            view: ViewState::default(),
        };
        assert_eq!(payload("#code=MYGw"), Some(Ok(plain)));
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

    #[test]
    fn the_view_rides_after_the_script_and_junk_is_ignored() {
        let view = ViewState {
            tab: Some("sql".into()),
            step: Some(4),
        };
        let hash = fragment("MYGw", &view);
        assert_eq!(hash, "#code=MYGw&tab=sql&step=4");
        assert_eq!(payload(&hash).unwrap().unwrap().view, view);
        let odd = payload("#code=MYGw&tab=<b>&step=-1&x=y&&tab")
            .unwrap()
            .unwrap();
        assert_eq!(odd.encoded, "MYGw");
        assert_eq!(odd.view, ViewState::default());
        assert_eq!(
            payload(&format!("#code=MYGw&{}", "a".repeat(300))),
            Some(Err(ShareError::TooBig))
        );
        assert_eq!(fragment("MYGw", &ViewState::default()), "#code=MYGw");
    }
}
