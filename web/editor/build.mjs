// Bundles `editor.js` (with `completion.js` and `diagram.js`, the Schema
// panel's dagre layout; CodeMirror 6 and lz-string from the committed npm
// lockfile) into one minified classic script, `target/editor/retort-editor.js`,
// which index.html hands to Trunk. Trunk runs this as a pre-build hook
// (Trunk.toml), so every page build has a fresh bundle; `cargo xtask setup`
// installs the packages with `npm ci`.
import { build } from 'esbuild';

await build({
  entryPoints: ['web/editor/editor.js'],
  outfile: 'target/editor/retort-editor.js',
  bundle: true,
  format: 'iife',
  minify: true,
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
});
