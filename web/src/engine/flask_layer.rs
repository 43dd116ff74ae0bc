//! Where the worker gets Flask's request layer (`retort-flask`'s
//! `web/flask_web.py`, Python the interpreter runs): the file Trunk copies
//! beside the worker's script, fetched the first time a script reaches for
//! routes, requests or responses, and kept for the worker's later runs.
//! The request is synchronous, which a dedicated worker may make: the
//! interpreter needs the module at once, and only the worker waits, never
//! the page.

use std::cell::RefCell;

use web_sys::XmlHttpRequest;

thread_local! {
    /// The source, once fetched.
    static FETCHED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The file's name, relative to the worker's own script.
const FILE: &str = "flask_web.py";

/// Installs the fetch as `retort-flask`'s source loader.
pub fn install() {
    retort_flask::web::set_source_loader(Box::new(source));
}

/// The source: fetched on first use, then kept.
fn source() -> Result<String, String> {
    if let Some(text) = FETCHED.with(|kept| kept.borrow().clone()) {
        return Ok(text);
    }
    let text = fetch()?;
    FETCHED.with(|kept| *kept.borrow_mut() = Some(text.clone()));
    Ok(text)
}

/// The layer's source, or why it could not be fetched.
fn fetch() -> Result<String, String> {
    let failed = |what: &str| format!("{what} {FILE} failed");
    let request = XmlHttpRequest::new().map_err(|_| failed("making the request for"))?;
    request
        .open_with_async("GET", FILE, false)
        .map_err(|_| failed("opening the request for"))?;
    request.send().map_err(|_| failed("fetching"))?;
    let status = request
        .status()
        .map_err(|_| failed("reading the answer to"))?;
    if status != 200 {
        return Err(format!("fetching {FILE} answered HTTP {status}"));
    }
    request
        .response_text()
        .ok()
        .flatten()
        .ok_or_else(|| failed("reading"))
}
