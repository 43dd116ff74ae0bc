// Bundles, each into one minified classic script under `target/editor/`
// (npm packages from the committed lockfile):
// - `page.js` (lz-string, the loaders) into `retort-page.js`, which
//   index.html hands to Trunk and runs before the wasm;
// - `editor.js` (with `completion.js`; CodeMirror 6) into
//   `retort-editor.js`, which the page loads once its first answer is drawn
//   (`RetortPage.loadEditor`);
// - `diagram.js` (the Schema panel's dagre layout) into
//   `retort-diagram.js`, which the page loads only when it first draws a
//   diagram (`RetortPage.loadDiagram`), so a first visit does not download it. Trunk runs this as a pre-build hook
// (Trunk.toml), so every page build has a fresh bundle; `cargo xtask setup`
// installs the packages with `npm ci`.
import { build } from 'esbuild';

const common = {
  bundle: true,
  format: 'iife',
  minify: true,
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['web/editor/page.js'], outfile: 'target/editor/retort-page.js' }),
  build({ ...common, entryPoints: ['web/editor/editor.js'], outfile: 'target/editor/retort-editor.js' }),
  build({ ...common, entryPoints: ['web/editor/diagram.js'], outfile: 'target/editor/retort-diagram.js' }),
]);
