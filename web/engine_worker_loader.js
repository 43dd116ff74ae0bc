// Starts the engine worker: loads the wasm-bindgen glue Trunk built for the
// `engine_worker` binary, then its module. A failure to load is rethrown
// outside the promise so that it reaches the page as the worker's `error`
// event, and the page can say so.
importScripts('./engine_worker.js');
wasm_bindgen({ module_or_path: './engine_worker_bg.wasm' }).catch((error) => {
  setTimeout(() => {
    throw error;
  });
});
