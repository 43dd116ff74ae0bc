// What the page needs from JavaScript before its editor exists: the
// share-link codec (lz-string) and the loaders of the two scripts it
// fetches when it first needs them — the CodeMirror editor (`editor.js`,
// after the first answer is drawn) and the Schema panel's layout
// (`diagram.js`, on the first diagram). Bundled by `build.mjs` into a small
// classic script that runs before the wasm and defines
// `globalThis.RetortPage`; the yew application calls it through
// wasm-bindgen (`web/src/ui/editor/js.rs`, `web/src/ui/panels/schema/layout_js.rs`).
import LZString from 'lz-string';

// A promise per script that settles when `globalThis[name]` is there,
// or rejects when the script failed to load (a later call tries again).
const loading = new Map();
function loadScript(src, name, what) {
  if (globalThis[name]) return Promise.resolve();
  if (!loading.has(src)) {
    loading.set(
      src,
      new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => (globalThis[name] ? resolve() : reject(new Error(`${what} did not start`)));
        script.onerror = () => {
          loading.delete(src);
          reject(new Error(`${what} did not load`));
        };
        document.head.append(script);
      }),
    );
  }
  return loading.get(src);
}

function loadEditor() {
  return loadScript('./retort-editor.js', 'RetortEditor', 'the editor');
}

function loadDiagram() {
  return loadScript('./retort-diagram.js', 'RetortDiagram', 'the diagram layout');
}

function shareEncode(text) {
  return LZString.compressToEncodedURIComponent(text);
}

// The text of a share fragment, or undefined when it does not decode.
function shareDecode(encoded) {
  try {
    const text = LZString.decompressFromEncodedURIComponent(encoded);
    return typeof text === 'string' && text.length > 0 ? text : undefined;
  } catch {
    return undefined;
  }
}

globalThis.RetortPage = { loadEditor, loadDiagram, shareEncode, shareDecode };
