//! The bytes the page and its workers exchange: every [`crate::protocol`]
//! message travels as postcard, one `Uint8Array` per message whose buffer
//! is transferred, not copied.
//!
//! A message built as a tree of JavaScript objects (what
//! `serde-wasm-bindgen` makes) costs a call across the wasm boundary per
//! field on each side, and deserialising from it needs serde's
//! self-describing paths (field names, maps) in the page's wasm. Postcard
//! reads fields in order: both sides are built from the same types in the
//! same build, so nothing has to describe itself.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A message as bytes.
pub fn encode<T: Serialize>(message: &T) -> Result<Vec<u8>, String> {
    postcard::to_allocvec(message).map_err(|error| format!("cannot encode a message: {error:?}"))
}

/// A message from its bytes.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|error| format!("unreadable message: {error:?}"))
}

#[cfg(target_arch = "wasm32")]
pub use js::{post_bytes, received_bytes};

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::{JsCast, JsValue};

    /// Posts `bytes` through `post` (a worker's or the worker scope's
    /// `postMessage` with a transfer list), handing its buffer over.
    pub fn post_bytes(
        bytes: &[u8],
        post: impl FnOnce(&JsValue, &JsValue) -> Result<(), JsValue>,
    ) -> Result<(), JsValue> {
        let array = js_sys::Uint8Array::from(bytes);
        let transfer = js_sys::Array::of1(&array.buffer());
        post(&array, &transfer)
    }

    /// The bytes of a received message, or `None` when it is not a
    /// `Uint8Array`.
    pub fn received_bytes(data: &JsValue) -> Option<Vec<u8>> {
        data.dyn_ref::<js_sys::Uint8Array>()
            .map(js_sys::Uint8Array::to_vec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{FromEngine, ToEngine};

    #[test]
    fn requests_read_back_as_sent() {
        let requests = [
            ToEngine::RunPython {
                request: 7,
                source: "print('你好')\n".to_owned(),
            },
            ToEngine::ImportDatabase {
                request: 8,
                bytes: vec![0, 1, 255],
            },
            ToEngine::KeepDatabase { keep: true },
        ];
        for request in requests {
            let bytes = encode(&request).unwrap();
            assert_eq!(decode::<ToEngine>(&bytes).unwrap(), request);
        }
    }

    #[test]
    fn truncated_bytes_are_an_error_not_a_panic() {
        let bytes = encode(&ToEngine::Console {
            request: 1,
            line: "User.query.count()".to_owned(),
        })
        .unwrap();
        for end in 0..bytes.len() {
            assert!(decode::<ToEngine>(&bytes[..end]).is_err());
        }
        assert!(decode::<FromEngine>(&[0xff, 0xff, 0xff]).is_err());
    }
}
