// The layers of Wasl and what each may import, checked on every import of every file (in the
// manner of Signal-Desktop's .eslint/rules/file-suffix.js). A relative import is resolved to the
// project file it names, so `../../hosts/x` and `../hosts/x` are judged by where they land, not by
// how they are spelled. Type-only imports count too: a layer that may not load another should not
// know its shapes either.
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Whether a project path is a folder or inside it (an import may name a folder, for its index). */
const inside = (projectPath, folder) => projectPath === folder || projectPath.startsWith(`${folder}/`);

/** The layer a project file (or an import's target, which carries no extension) belongs to, by its project-relative path with `/`. */
function layerOf(projectPath) {
  if (/^electron\/(main|preload)(\.ts)?$/.test(projectPath) || inside(projectPath, 'electron/security')) return 'shell';
  if (inside(projectPath, 'electron/api')) return 'contract';
  if (inside(projectPath, 'electron/services')) return 'services';
  if (inside(projectPath, 'electron/core')) return 'core';
  if (inside(projectPath, 'electron/hosts')) return 'hosts';
  if (inside(projectPath, 'electron/tools')) return 'tools';
  if (inside(projectPath, 'db')) return 'database';
  if (inside(projectPath, 'server')) return 'server';
  if (inside(projectPath, 'renderer')) return 'renderer';
  if (inside(projectPath, 'locales')) return 'locales';
  return 'other';
}

/** Which layers each layer may not import from. Layers not named here (hosts, tools, shell, tests) are not limited. */
const FORBIDDEN = {
  // db/ is the connection, the migrations and the SQL: it knows no domain rules and no process.
  database: ['contract', 'services', 'hosts', 'tools', 'shell', 'renderer', 'server'],
  // The domain takes plain values; it never reaches for a transport, a command line or the window.
  services: ['core', 'hosts', 'tools', 'shell', 'renderer', 'server'],
  // The core (dispatcher, session, services, its own process entry) runs wherever a host starts it:
  // an Electron utility process, a child of the web host, a test. It never reaches for a host or the window.
  core: ['hosts', 'tools', 'shell', 'renderer', 'server'],
  // The office server is a program of its own: it shares the contract with the desks, nothing else.
  server: ['database', 'services', 'core', 'hosts', 'tools', 'shell', 'renderer'],
};

/**
 * Imports the design allows across a forbidden line, each with its reason.
 * - A code migration re-folds the stored names with the search's own folding (the one rule the
 *   index and the search box must share), so db/migrations/ may run electron/services/search/.
 * - The office server checks the signatures the desks make with the desks' own checker (one piece of
 *   cryptography, on Node's crypto alone, never two that could drift apart), so server/ may run
 *   electron/services/sync/signature.ts.
 */
const DESIGNED_EXCEPTIONS = [
  { from: 'db/migrations', to: 'electron/services/search' },
  { from: 'server', to: 'electron/services/sync/signature' },
];

/** Packages that are server-side only: the renderer is browser code. */
const SERVER_PACKAGES = new Set(['electron', 'better-sqlite3-multiple-ciphers', 'kysely']);
const NODE_BUILTINS = new Set(builtinModules);

const isNodeBuiltin = (specifier) => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]);
const packageName = (specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);

const toProjectPath = (absolute, root) => relative(root, absolute).split(sep).join('/');

/** Why an import from one project file is refused, or null when it is allowed. */
function refusalOf(importerPath, specifier) {
  const from = layerOf(importerPath);
  const isRelative = specifier.startsWith('.');
  const targetPath = isRelative ? join(dirname(importerPath), specifier).split(sep).join('/') : null;

  if (targetPath !== null && targetPath.startsWith('..')) return `it leaves the project: '${specifier}'`;
  if (from === 'contract') {
    // The contract is shared with the renderer: it depends on nothing but itself and zod.
    if (targetPath !== null) return layerOf(targetPath) === 'contract' ? null : `the api contract imports only itself and zod, not ${targetPath}`;
    return packageName(specifier) === 'zod' ? null : `the api contract imports only itself and zod, not '${specifier}'`;
  }
  if (from === 'renderer') {
    // The renderer knows one thing: the typed api (and its own files, and UI packages).
    if (targetPath !== null) {
      const to = layerOf(targetPath);
      return to === 'renderer' || to === 'contract' ? null : `the renderer imports only the api contract and its own files, not ${targetPath}`;
    }
    if (isNodeBuiltin(specifier)) return `the renderer is browser code: no Node module ('${specifier}')`;
    if (SERVER_PACKAGES.has(packageName(specifier))) return `the renderer talks to the app through the api only, not '${specifier}'`;
    return null;
  }
  if (from === 'core' && targetPath === null && packageName(specifier) === 'electron') return `the core never imports Electron ('${specifier}'): the shell relays to it`;
  const forbidden = FORBIDDEN[from];
  if (!forbidden || targetPath === null) return null;
  const to = layerOf(targetPath);
  if (!forbidden.includes(to)) return null;
  if (DESIGNED_EXCEPTIONS.some((exception) => inside(importerPath, exception.from) && inside(targetPath, exception.to))) return null;
  return `${NAMES[from]} may not import ${NAMES[to]} (${targetPath})`;
}

const NAMES = {
  database: 'db/',
  services: 'a service',
  contract: 'the api contract',
  core: 'the core (electron/core/)',
  server: 'the office server (server/)',
  hosts: 'a host (electron/hosts/)',
  tools: 'a command line (electron/tools/)',
  shell: 'the Electron shell (main, preload, security/)',
  renderer: 'the renderer',
};

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what the design lets it: db/, services, the api contract and the renderer.' },
    schema: [],
    messages: { crosses: 'This import crosses a layer boundary: {{reason}}.' },
  },
  create(context) {
    const importerPath = toProjectPath(context.filename, PROJECT_ROOT);
    if (importerPath.startsWith('..')) return {};
    const check = (sourceNode) => {
      if (!sourceNode || sourceNode.type !== 'Literal' || typeof sourceNode.value !== 'string') return;
      const reason = refusalOf(importerPath, sourceNode.value);
      if (reason) context.report({ node: sourceNode, messageId: 'crosses', data: { reason } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference') check(node.moduleReference.expression);
      },
      TSImportType: (node) => check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};
