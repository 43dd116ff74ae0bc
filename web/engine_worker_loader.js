// Starts the engine worker: loads the wasm-bindgen glue Trunk built for the
// `engine_worker` binary, then its module. The module's download starts
// first, so it overlaps loading the glue. A failure to load is rethrown
// outside the promise so that it reaches the page as the worker's `error`
// event, and the page can say so.
var wasm = fetch('./engine_worker_bg.wasm');
importScripts('./engine_worker.js');
wasm_bindgen({ module_or_path: wasm }).catch((error) => {
  setTimeout(() => {
    throw error;
  });
});
