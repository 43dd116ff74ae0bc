// Bundles `editor.js` (with `completion.js`; CodeMirror 6 and lz-string from
// the committed npm lockfile) into one minified classic script,
// `target/editor/retort-editor.js`, which index.html hands to Trunk, and
// `diagram.js` (the Schema panel's dagre layout) into another,
// `target/editor/retort-diagram.js`, which the page loads only when it
// first draws a diagram (`RetortEditor.loadDiagram`), so a first visit does
// not download it. Trunk runs this as a pre-build hook
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
  build({ ...common, entryPoints: ['web/editor/editor.js'], outfile: 'target/editor/retort-editor.js' }),
  build({ ...common, entryPoints: ['web/editor/diagram.js'], outfile: 'target/editor/retort-diagram.js' }),
]);
