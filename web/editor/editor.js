// The page's code editor: CodeMirror 6 behind a small API that the yew
// application calls through wasm-bindgen (`web/src/ui/editor/js.rs`).
// Bundled by `build.mjs` (esbuild) into one classic script that defines
// `globalThis.RetortEditor`; the page loads it (`RetortPage.loadEditor`,
// `page.js`) once its first answer is drawn, so making the editor never
// delays that answer.
//
// Everything here treats the learner's text as text: it only ever reaches the
// DOM through CodeMirror's document or `textContent`.
import {
  EditorView,
  Decoration,
  GutterMarker,
  gutter,
  keymap,
  lineNumbers,
  highlightActiveLineGutter,
  highlightSpecialChars,
  drawSelection,
  dropCursor,
  highlightActiveLine,
} from '@codemirror/view';
import { indentOnInput, syntaxHighlighting, defaultHighlightStyle, bracketMatching } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { lintKeymap } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, RangeSet, Compartment, Prec } from '@codemirror/state';
import { python } from '@codemirror/lang-python';
import { setDiagnostics } from '@codemirror/lint';
import { oneDark } from '@codemirror/theme-one-dark';
import { memberCompletions } from './completion.js';

// Line decorations set from outside: the selected step's statement and the
// line a clicked SQL statement came from.
function lineField(className) {
  const set = StateEffect.define();
  const mark = Decoration.line({ class: className });
  const field = StateField.define({
    create: () => Decoration.none,
    update(value, tr) {
      value = value.map(tr.changes);
      for (const effect of tr.effects) {
        if (!effect.is(set)) continue;
        const { from, to } = effect.value;
        const doc = tr.state.doc;
        if (from < 1 || from > doc.lines) {
          value = Decoration.none;
          continue;
        }
        const ranges = [];
        for (let n = from; n <= Math.min(to, doc.lines); n += 1) ranges.push(mark.range(doc.line(n).from));
        value = Decoration.set(ranges);
      }
      return value;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
  return { set, field };
}

const stepLines = lineField('cm-step-line');
const focusLine = lineField('cm-focus-line');

// The gutter that shows how many SQL statements each line caused.
class CountMarker extends GutterMarker {
  constructor(count) {
    super();
    this.count = count;
  }
  eq(other) {
    return other.count === this.count;
  }
  toDOM() {
    const span = document.createElement('span');
    span.className = 'cm-sql-count';
    span.textContent = String(this.count);
    span.title = `${this.count} SQL`;
    return span;
  }
}

const setCounts = StateEffect.define();
const countField = StateField.define({
  create: () => RangeSet.empty,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setCounts)) continue;
      const doc = tr.state.doc;
      const ranges = [];
      for (const [line, count] of effect.value) {
        if (line >= 1 && line <= doc.lines && count > 0) ranges.push(new CountMarker(count).range(doc.line(line).from));
      }
      value = RangeSet.of(ranges, true);
    }
    return value;
  },
});

// CodeMirror's basic setup without what a short learner script has no use
// for and the page would download anyway: the search panel (the browser's
// own find sees every line of a script this size), code folding and
// rectangular selection.
const setup = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  drawSelection(),
  dropCursor(),
  EditorState.allowMultipleSelections.of(true),
  indentOnInput(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  bracketMatching(),
  closeBrackets(),
  autocompletion(),
  highlightActiveLine(),
  keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
];

const dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

function create(parent, text, onChange, onRun, onLine) {
  const theme = new Compartment();
  const lineOf = (view, block) => view.state.doc.lineAt(block.from).number;
  const view = new EditorView({
    parent,
    doc: text,
    extensions: [
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (onRun(), true) }])),
      setup,
      python(),
      memberCompletions,
      stepLines.field,
      focusLine.field,
      countField,
      gutter({
        class: 'cm-sql-gutter',
        markers: (v) => v.state.field(countField),
        domEventHandlers: {
          mousedown(v, block) {
            onLine(lineOf(v, block));
            return true;
          },
        },
      }),
      lineNumbers({
        domEventHandlers: {
          mousedown(v, block) {
            onLine(lineOf(v, block));
            return false;
          },
        },
      }),
      theme.of(dark && dark.matches ? oneDark : []),
      EditorView.contentAttributes.of({ 'aria-label': 'Python' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
  if (dark) {
    dark.addEventListener('change', () => view.dispatch({ effects: theme.reconfigure(dark.matches ? oneDark : []) }));
  }
  return view;
}

function getText(view) {
  return view.state.doc.toString();
}

function setText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

function setLabel(view, label) {
  view.contentDOM.setAttribute('aria-label', label);
}

// 1-based lines and columns; `endLine` 0 means "to the end of `line`".
function setError(view, line, col, endLine, endCol, message) {
  const doc = view.state.doc;
  if (line < 1 || line > doc.lines) {
    view.dispatch(setDiagnostics(view.state, []));
    return;
  }
  const start = doc.line(line);
  let from = Math.min(start.from + Math.max(col - 1, 0), start.to);
  let to = start.to;
  if (endLine >= line && endLine <= doc.lines) to = Math.min(doc.line(endLine).from + Math.max(endCol - 1, 0), doc.line(endLine).to);
  if (to <= from) {
    // A point (end of line, past the text): underline what is there.
    if (from < start.to) to = from + 1;
    else if (start.to > start.from) from = start.to - 1, to = start.to;
    else to = Math.min(from + 1, doc.length);
  }
  view.dispatch(setDiagnostics(view.state, [{ from, to, severity: 'error', message }]));
}

function clearError(view) {
  view.dispatch(setDiagnostics(view.state, []));
}

function markLines(which, view, from, to, scroll) {
  const effects = [which.set.of({ from, to })];
  if (scroll && from >= 1 && from <= view.state.doc.lines) {
    effects.push(EditorView.scrollIntoView(view.state.doc.line(from).from, { y: 'nearest' }));
  }
  view.dispatch({ effects });
}

function setStepLines(view, from, to) {
  markLines(stepLines, view, from, to, true);
}

function setFocusLine(view, line) {
  markLines(focusLine, view, line, line, true);
}

// `pairs`: a flat array [line, count, line, count, ...].
function setGutterCounts(view, pairs) {
  const list = [];
  for (let i = 0; i + 1 < pairs.length; i += 2) list.push([pairs[i], pairs[i + 1]]);
  list.sort((a, b) => a[0] - b[0]);
  view.dispatch({ effects: setCounts.of(list) });
}

function focus(view) {
  view.focus();
}

globalThis.RetortEditor = {
  create,
  getText,
  setText,
  setLabel,
  setError,
  clearError,
  setStepLines,
  setFocusLine,
  setGutterCounts,
  focus,
};
