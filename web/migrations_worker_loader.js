// Starts the migrations worker: loads the wasm-bindgen glue Trunk built for
// the `migrations_worker` binary, then its module. A failure to load is rethrown
// outside the promise so that it reaches the page as the worker's `error`
// event, and the page can say so.
importScripts('./migrations_worker.js');
wasm_bindgen({ module_or_path: './migrations_worker_bg.wasm' }).catch((error) => {
  setTimeout(() => {
    throw error;
  });
});
