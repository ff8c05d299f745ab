// The process boundaries, checked on the source itself (the ESLint folder rule will say the same;
// this is the safety net): only the Electron shell imports `electron`, the renderer knows nothing but
// the api, and the sandboxed preload pulls in no Node module.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..', '..');
const SHELL_FILES = new Set(['electron/main.ts', 'electron/preload.ts']);

interface ImportSite {
  specifier: string;
  /** Erased by the compiler: `import type`, `export type … from`, or an `import('x')` type. */
  typeOnly: boolean;
  line: number;
}

/** Every .ts/.tsx file under a folder of the project, as a project-relative path with `/`. */
function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(toProjectPath(path));
    }
  };
  if (existsSync(join(ROOT, folder))) walk(join(ROOT, folder));
  return found;
}

const toProjectPath = (absolute: string) => relative(ROOT, absolute).split(sep).join('/');

/** Every module a file names: static imports and re-exports, `import x = require()`, `require()`, `import()`. */
function importsOf(projectPath: string): ImportSite[] {
  return importsIn(readFileSync(join(ROOT, projectPath), 'utf8'), projectPath);
}

function importsIn(text: string, fileName: string): ImportSite[] {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const sites: ImportSite[] = [];
  const add = (specifier: ts.Node, typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(specifier)) return;
    const line = source.getLineAndCharacterOfPosition(specifier.getStart()).line + 1;
    sites.push({ specifier: specifier.text, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      // Under verbatimModuleSyntax `import { type A } from 'x'` still loads 'x': only `import type` is erased.
      add(node.moduleSpecifier, node.importClause?.isTypeOnly === true);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      if (isRequire || isDynamicImport) add(node.arguments[0]!, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

const NODE_BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (specifier: string) => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier);
const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');

/** The project file a relative specifier names (imports carry no extension), or null for a package. */
function resolveLocal(fromProjectPath: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(ROOT, dirname(fromProjectPath), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  const hit = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  return hit ? toProjectPath(hit) : toProjectPath(base);
}

function loadsElectronOutsideShell(file: string, site: ImportSite): boolean {
  return !SHELL_FILES.has(file) && isElectron(site.specifier) && !site.typeOnly;
}

/** Type imports count too: the renderer should not even know the shapes of the layers behind the api. */
function rendererMayNotImport(file: string, site: ImportSite): boolean {
  if (isNodeBuiltin(site.specifier) || isElectron(site.specifier)) return true;
  if (site.specifier === 'better-sqlite3-multiple-ciphers' || site.specifier === 'kysely') return true;
  const local = resolveLocal(file, site.specifier);
  if (local === null) return false;
  return (
    local.startsWith('db/') ||
    local.startsWith('electron/services/') ||
    local.startsWith('electron/core/') ||
    local.startsWith('electron/hosts/') ||
    SHELL_FILES.has(local)
  );
}

const describeSite = (file: string, site: ImportSite) => `${file}:${site.line} imports '${site.specifier}'`;

const desktopFiles = [...sourceFiles('electron'), ...sourceFiles('db')];
const rendererFiles = sourceFiles('renderer');

describe('process boundaries', () => {
  it('finds the code it guards', () => {
    expect(desktopFiles).toContain('electron/main.ts');
    expect(desktopFiles).toContain('electron/preload.ts');
    expect(desktopFiles.some((file) => file.startsWith('db/'))).toBe(true);
    expect(rendererFiles.length).toBeGreaterThan(0);
  });

  it('lets only electron/main.ts and electron/preload.ts load electron (type imports are erased and allowed)', () => {
    const violations: string[] = [];
    for (const file of [...desktopFiles, ...rendererFiles]) {
      for (const site of importsOf(file)) {
        if (loadsElectronOutsideShell(file, site)) violations.push(describeSite(file, site));
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps the renderer to browser code and the api: no Node, no Electron, no database, no services, core or hosts', () => {
    const violations: string[] = [];
    for (const file of rendererFiles) {
      for (const site of importsOf(file)) {
        if (rendererMayNotImport(file, site)) violations.push(describeSite(file, site));
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps the sandboxed preload free of Node modules and the database, through everything it imports', () => {
    // A sandboxed preload can require nothing but 'electron': a Node module anywhere in its bundle fails at run time.
    const violations: string[] = [];
    const seen = new Set<string>();
    const queue = ['electron/preload.ts'];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const site of importsOf(file)) {
        if (site.typeOnly) continue;
        const local = resolveLocal(file, site.specifier);
        if (local !== null) {
          if (local.startsWith('db/') || local.startsWith('electron/services/')) violations.push(describeSite(file, site));
          else queue.push(local);
        } else if (isNodeBuiltin(site.specifier) || site.specifier === 'better-sqlite3-multiple-ciphers') {
          violations.push(describeSite(file, site));
        }
      }
    }
    expect(seen.has('electron/api/contract.ts')).toBe(true);
    expect(violations).toEqual([]);
  });
});

describe('the import scanner', () => {
  it('tells erased imports from loaded ones', () => {
    const sites = importsIn(`
      import type { App } from 'electron';
      import { type BrowserWindow } from 'electron';
      import { app } from 'electron';
      import * as e from 'electron';
      import 'electron';
      export type { IpcMain } from 'electron';
      export { ipcMain } from 'electron';
      import x = require('electron');
      const y = require('electron');
      const z = await import('electron');
      let w: import('electron').WebContents;
    `, 'snippet.ts');
    expect(sites.map((site) => [site.specifier, site.typeOnly])).toEqual([
      ['electron', true],
      ['electron', false],
      ['electron', false],
      ['electron', false],
      ['electron', false],
      ['electron', true],
      ['electron', false],
      ['electron', false],
      ['electron', false],
      ['electron', false],
      ['electron', true],
    ]);
  });

  it('recognizes Node built-ins with and without the node: prefix', () => {
    for (const specifier of ['node:fs', 'fs', 'fs/promises', 'path', 'node:test', 'child_process']) {
      expect(isNodeBuiltin(specifier), specifier).toBe(true);
    }
    for (const specifier of ['react', 'zod', '../db/connection', 'electron']) {
      expect(isNodeBuiltin(specifier), specifier).toBe(false);
    }
  });
});

describe('the rules themselves', () => {
  const site = (specifier: string, typeOnly = false): ImportSite => ({ specifier, typeOnly, line: 1 });

  it('flag electron loaded outside the shell, but not a type import or the shell itself', () => {
    expect(loadsElectronOutsideShell('electron/services/backup/index.ts', site('electron'))).toBe(true);
    expect(loadsElectronOutsideShell('db/connection.ts', site('electron/main'))).toBe(true);
    expect(loadsElectronOutsideShell('electron/hosts/ipc-bridge.ts', site('electron', true))).toBe(false);
    expect(loadsElectronOutsideShell('electron/main.ts', site('electron'))).toBe(false);
    expect(loadsElectronOutsideShell('electron/preload.ts', site('electron'))).toBe(false);
    expect(loadsElectronOutsideShell('electron/api/contract.ts', site('electron-builder'))).toBe(false);
  });

  it('flag the renderer reaching past the api', () => {
    const from = 'renderer/features/home/HomePage.tsx';
    for (const specifier of [
      'node:fs',
      'fs',
      'path',
      'electron',
      'better-sqlite3-multiple-ciphers',
      'kysely',
      '../../../db/connection',
      '../../../db/schema',
      '../../../electron/services/beneficiaries/index',
      '../../../electron/core/open-wasl',
      '../../../electron/main',
      '../../../electron/preload',
    ]) {
      expect(rendererMayNotImport(from, site(specifier)), specifier).toBe(true);
      expect(rendererMayNotImport(from, site(specifier, true)), `type ${specifier}`).toBe(true);
    }
    for (const specifier of ['react', '@mantine/core', '../../../electron/api/contract', '../../api/context', '../../../locales/ar/common.json']) {
      expect(rendererMayNotImport(from, site(specifier)), specifier).toBe(false);
    }
  });
});
