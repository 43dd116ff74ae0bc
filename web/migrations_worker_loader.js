// Starts the migrations worker: loads the wasm-bindgen glue Trunk built for
// the `migrations_worker` binary, then its module (whose download starts
// first, so it overlaps loading the glue). A failure to load is rethrown
// outside the promise so that it reaches the page as the worker's `error`
// event, and the page can say so.
var wasm = fetch('./migrations_worker_bg.wasm');
importScripts('./migrations_worker.js');
wasm_bindgen({ module_or_path: wasm }).catch((error) => {
  setTimeout(() => {
    throw error;
  });
});
