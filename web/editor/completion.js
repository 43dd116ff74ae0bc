// Completion of the members tutorials use most: after `db.`, `db.session.`
// and a query (`User.query.`, `.filter_by(...).`, `select(...).`). Names the
// script defines (models, columns, variables) and Python's builtins come
// from @codemirror/lang-python's own sources.
import { pythonLanguage } from '@codemirror/lang-python';

const DB = [
  'Model', 'Column', 'Integer', 'String', 'Text', 'Boolean', 'Float', 'Numeric', 'Date', 'DateTime',
  'Time', 'LargeBinary', 'Enum', 'JSON', 'ForeignKey', 'relationship', 'backref', 'session',
  'create_all', 'drop_all', 'select', 'func', 'and_', 'or_', 'not_', 'desc', 'asc', 'Table',
  'UniqueConstraint', 'CheckConstraint', 'Index', 'get_or_404', 'first_or_404', 'one_or_404',
  'paginate',
];
const SESSION = [
  'add', 'add_all', 'commit', 'rollback', 'flush', 'delete', 'get', 'execute', 'scalars', 'scalar',
  'query', 'refresh', 'expire', 'expire_all', 'expunge', 'expunge_all', 'merge', 'close',
  'begin', 'begin_nested', 'new', 'dirty', 'deleted', 'is_modified', 'get_bind',
];
const QUERY = [
  'all', 'first', 'one', 'one_or_none', 'scalar', 'get', 'get_or_404', 'first_or_404', 'filter',
  'filter_by', 'where', 'order_by', 'group_by', 'having', 'limit', 'offset', 'count', 'join',
  'outerjoin', 'options', 'distinct', 'delete', 'update', 'paginate', 'exists', 'select_from',
  'with_entities',
];

const asOptions = (names, type) => names.map((label) => ({ label, type }));
const LISTS = {
  db: asOptions(DB, 'property'),
  session: asOptions(SESSION, 'method'),
  query: asOptions(QUERY, 'method'),
};

// Which list fits the text before the dot.
function listFor(before) {
  if (/\bdb\.session\s*$/.test(before)) return LISTS.session;
  if (/\bdb\s*$/.test(before)) return LISTS.db;
  if (/\.query\s*$/.test(before) || /(\.query\b|\bselect\().*\)\s*$/.test(before)) return LISTS.query;
  return null;
}

function memberCompletion(context) {
  const member = context.matchBefore(/\.\w*$/);
  if (!member) return null;
  const line = context.state.doc.lineAt(member.from);
  const options = listFor(line.text.slice(0, member.from - line.from));
  if (!options) return null;
  return { from: member.from + 1, options, validFor: /^\w*$/ };
}

export const memberCompletions = pythonLanguage.data.of({ autocomplete: memberCompletion });
