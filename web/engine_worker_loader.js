// Starts the engine worker: loads the wasm-bindgen glue Trunk built for the
// `engine_worker` binary, then its module. A failure to load is rethrown
// outside the promise so that it reaches the page as the worker's `error`
// event, and the page can say so.
//
// The worker index.html starts early (named `retort-engine-early`) gets the
// module's bytes from the page: index.html begins that download before this
// script has even loaded and transfers the response's body stream in its
// first message (`{ retortWasm: stream }`, or `null` when it could not, and
// this worker fetches them itself). Any other worker (after Stop) starts
// the download before loading the glue, so the two overlap.
var wasm;
if (self.name === 'retort-engine-early') {
  wasm = new Promise(function (resolve) {
    self.onmessage = function (event) {
      self.onmessage = null;
      var body = event.data && event.data.retortWasm;
      resolve(
        body
          ? new Response(body, { headers: { 'content-type': 'application/wasm' } })
          : fetch('./engine_worker_bg.wasm'),
      );
    };
  });
} else {
  wasm = fetch('./engine_worker_bg.wasm');
}
importScripts('./engine_worker.js');
wasm_bindgen({ module_or_path: wasm }).catch((error) => {
  setTimeout(() => {
    throw error;
  });
});
