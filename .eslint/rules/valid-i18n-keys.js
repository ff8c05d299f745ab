// Every message key the code names exists in both locales/ar and locales/en (in the manner of
// Signal-Desktop's .eslint/rules/valid-i18n-keys.js). It reads:
// - `t('key')`, `t('ns:key')` and `t('key', { ns: 'x' })`, where `t` comes from `useTranslation(ns)`
//   (no namespace: 'common', the default; a list: its first, as react-i18next does);
// - keys built at run time, `t(`stage.${stage}`)`: with the program's types at hand, each value put
//   into the key must have a type that lists its values (a union of string literals, such as a
//   member of an `as const` list of the contract), and every key it can build is checked;
// - the services' `labels.text('ns', 'key')` and `labels.code('ns', 'group', value)`.
// A call that gives a `defaultValue` says itself that the key may be missing, and is left alone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_LOCALES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');
const LANGUAGES = ['ar', 'en'];
const DEFAULT_NAMESPACE = 'common';
/** i18next plural forms: a key used with `count` is found as `key_one`, `key_other`… */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** Beyond this many keys built from one call, the values are too many to be a list of labels. */
const MAX_BUILT_KEYS = 500;

/** Every leaf of a message file as a dotted key, plural forms folded into their base key. */
function leafKeys(tree, prefix, into) {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) leafKeys(value, path, into);
    else into.add(path.replace(PLURAL_SUFFIX, ''));
  }
  return into;
}

const catalogsByFolder = new Map();

/** The keys of every namespace in every language, read once per lint run (and again when a file changed). */
function catalogsIn(folder) {
  const stamp = LANGUAGES.map((language) => {
    const directory = join(folder, language);
    return readdirSync(directory).map((file) => `${file}:${statSync(join(directory, file)).mtimeMs}`).join(',');
  }).join('|');
  const cached = catalogsByFolder.get(folder);
  if (cached && cached.stamp === stamp) return cached.catalogs;
  const catalogs = new Map();
  for (const language of LANGUAGES) {
    const namespaces = new Map();
    for (const file of readdirSync(join(folder, language))) {
      if (!file.endsWith('.json')) continue;
      const tree = JSON.parse(readFileSync(join(folder, language, file), 'utf8'));
      namespaces.set(file.slice(0, -'.json'.length), leafKeys(tree, '', new Set()));
    }
    catalogs.set(language, namespaces);
  }
  catalogsByFolder.set(folder, { stamp, catalogs });
  return catalogs;
}

const stringOf = (node) => (node && node.type === 'Literal' && typeof node.value === 'string' ? node.value : null);

function propertyOf(objectNode, name) {
  if (!objectNode || objectNode.type !== 'ObjectExpression') return undefined;
  return objectNode.properties.find(
    (property) => property.type === 'Property' && !property.computed && ((property.key.type === 'Identifier' && property.key.name === name) || stringOf(property.key) === name),
  );
}

/** The namespace `useTranslation(...)` gives its `t`, or undefined when the call names none we can read. */
function namespaceOfUseTranslation(call) {
  const [first] = call.arguments;
  if (first === undefined) return DEFAULT_NAMESPACE;
  if (first.type === 'ArrayExpression') return stringOf(first.elements[0]) ?? undefined;
  return stringOf(first) ?? undefined;
}

/** Where the `t` being called came from: `const { t } = useTranslation(ns)` gives its namespace. */
function namespaceOfT(context, callee) {
  let scope = context.sourceCode.getScope(callee);
  let variable;
  while (scope && !variable) {
    variable = scope.set.get(callee.name);
    scope = scope.upper;
  }
  const definition = variable?.defs[0];
  if (!definition || definition.type !== 'Variable') return undefined;
  const init = definition.node.init;
  if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'useTranslation') return namespaceOfUseTranslation(init);
  return undefined;
}

/** The string values a type stands for, or null when it is not (only) string, number or boolean literals. */
function literalValuesOfType(type) {
  const members = type.isUnion() ? type.types : [type];
  const values = [];
  for (const member of members) {
    if (member.isStringLiteral() || member.isNumberLiteral()) values.push(String(member.value));
    else if (member.intrinsicName === 'true' || member.intrinsicName === 'false') values.push(member.intrinsicName);
    // A value that may be absent is the caller's narrowing to do; it names no key.
    else if (member.intrinsicName === 'undefined' || member.intrinsicName === 'null') continue;
    else return null;
  }
  return values;
}

/**
 * Every key an argument can be: a literal, a template built from literal-typed values, either side
 * of a conditional. `unchecked` when a value's type does not list its values; null when the argument
 * is not a built key (a variable that holds a key from elsewhere, such as an error's messageKey).
 */
function keysOf(node, types) {
  const literal = stringOf(node);
  if (literal !== null) return [literal];
  if (node.type === 'ConditionalExpression') {
    const whenTrue = keysOf(node.consequent, types);
    const whenFalse = keysOf(node.alternate, types);
    if (whenTrue === 'unchecked' || whenFalse === 'unchecked') return 'unchecked';
    if (whenTrue === null || whenFalse === null) return null;
    return [...whenTrue, ...whenFalse];
  }
  if (node.type === 'TemplateLiteral') {
    if (!types) return null;
    let keys = [node.quasis[0].value.cooked];
    for (const [index, expression] of node.expressions.entries()) {
      const values = stringOf(expression) !== null ? [stringOf(expression)] : literalValuesOf(expression, types);
      if (values === null) return 'unchecked';
      const tail = node.quasis[index + 1].value.cooked;
      keys = keys.flatMap((key) => values.map((value) => `${key}${value}${tail}`));
      if (keys.length > MAX_BUILT_KEYS) return 'unchecked';
    }
    return keys;
  }
  if (!types) return null;
  // A variable whose type lists its keys is checked; one typed `string` carries a key from elsewhere.
  return literalValuesOf(node, types);
}

function literalValuesOf(node, types) {
  const { program, esTreeNodeToTSNodeMap } = types;
  const checker = program.getTypeChecker();
  const type = checker.getTypeAtLocation(esTreeNodeToTSNodeMap.get(node));
  // A type parameter stands for some of its constraint's values: `D extends Decision` is checked as Decision.
  const constraint = type.isTypeParameter() ? checker.getBaseConstraintOfType(type) : undefined;
  return literalValuesOfType(constraint ?? type);
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Every message key used in the code exists in both locales/ar and locales/en.' },
    schema: [{ type: 'object', properties: { locales: { type: 'string' } }, additionalProperties: false }],
    messages: {
      missing: 'No message "{{key}}" in locales/{{language}}/{{namespace}}.json.',
      missingGroup: 'No message under "{{group}}." in locales/{{language}}/{{namespace}}.json.',
      unknownNamespace: 'No message file locales/{{language}}/{{namespace}}.json for "{{key}}".',
      unchecked:
        'This message key is built from a value whose type does not list its values, so the key cannot be checked: give the value a union of string literals (an `as const` list) or name the key whole.',
    },
  },
  create(context) {
    const folder = context.options[0]?.locales ? resolve(context.cwd, context.options[0].locales) : DEFAULT_LOCALES;
    const catalogs = catalogsIn(folder);
    const parserServices = context.sourceCode.parserServices;
    const types = parserServices?.program ? { program: parserServices.program, esTreeNodeToTSNodeMap: parserServices.esTreeNodeToTSNodeMap } : null;
    const namespaces = catalogs.get(LANGUAGES[0]);

    const checkKey = (node, fullKey, fallbackNamespace) => {
      const separator = fullKey.indexOf(':');
      const prefixed = separator > 0 && namespaces.has(fullKey.slice(0, separator));
      const namespace = prefixed ? fullKey.slice(0, separator) : fallbackNamespace;
      const key = prefixed ? fullKey.slice(separator + 1) : fullKey;
      if (namespace === undefined) return; // a `t` handed in from elsewhere: its namespace is not known here
      for (const language of LANGUAGES) {
        const keys = catalogs.get(language).get(namespace);
        if (!keys) context.report({ node, messageId: 'unknownNamespace', data: { key: fullKey, namespace, language } });
        else if (!keys.has(key)) context.report({ node, messageId: 'missing', data: { key, namespace, language } });
      }
    };

    const checkKeys = (node, fallbackNamespace) => {
      const keys = keysOf(node, types);
      if (keys === 'unchecked') context.report({ node, messageId: 'unchecked' });
      else if (keys !== null) for (const key of new Set(keys)) checkKey(node, key, fallbackNamespace);
    };

    return {
      CallExpression(node) {
        const { callee } = node;
        const [first, second, third] = node.arguments;
        if (!first) return;
        if (callee.type === 'Identifier' && callee.name === 't') {
          if (propertyOf(second, 'defaultValue')) return;
          const ns = propertyOf(second, 'ns');
          checkKeys(first, ns ? (stringOf(ns.value) ?? undefined) : namespaceOfT(context, callee));
          return;
        }
        // The services' labels: labels.text('ns', 'key') and labels.code('ns', 'group', value).
        if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'labels' || callee.property.type !== 'Identifier') return;
        const namespace = stringOf(first);
        if (namespace === null || !second) return;
        if (callee.property.name === 'text') checkKeys(second, namespace);
        if (callee.property.name === 'code' && third) {
          const group = stringOf(second);
          if (group === null) return;
          for (const language of LANGUAGES) {
            const keys = catalogs.get(language).get(namespace);
            if (!keys || ![...keys].some((key) => key.startsWith(`${group}.`))) context.report({ node: second, messageId: 'missingGroup', data: { group, namespace, language } });
          }
        }
      },
    };
  },
};
