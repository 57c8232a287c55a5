/**
 * The import graph of the whole repository, read with TypeScript's own parser and module resolution:
 * no import cycle anywhere, and the public pages never reach zod. (ESLint holds the direction rules
 * file by file; a cycle or a transitive import needs the whole graph.)
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['server', 'db', 'kiosk', 'display', 'counter', 'ui', 'book', 'bench', 'e2e'];
const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  allowJs: false,
};

/** One file's imports: repository files it loads at run time, with or without types, and packages. */
interface FileImports {
  runtime: string[];
  typeOnly: string[];
  packages: string[];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Whether an import or export statement disappears from the emitted JavaScript. */
function erased(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false; // `import './side-effect'`
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

function importsOf(file: string): FileImports {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
  const found: FileImports = { runtime: [], typeOnly: [], packages: [] };
  for (const node of source.statements) {
    if (!ts.isImportDeclaration(node) && !ts.isExportDeclaration(node)) continue;
    const spec = node.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec)) continue;
    const resolved = ts.resolveModuleName(spec.text, file, OPTIONS, ts.sys).resolvedModule;
    const target = resolved?.resolvedFileName;
    const local = target !== undefined && !resolved?.isExternalLibraryImport;
    if (!local) {
      if (!erased(node)) found.packages.push(spec.text);
      continue;
    }
    (erased(node) ? found.typeOnly : found.runtime).push(path.resolve(target));
  }
  return found;
}

const graph = new Map<string, FileImports>();
for (const dir of SOURCE_DIRS) {
  for (const file of sourceFiles(path.join(ROOT, dir))) graph.set(file, importsOf(file));
}

/** Strongly connected components of more than one file (or a file importing itself): the cycles. */
function cycles(edges: (file: string) => string[]): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, index);
    low.set(file, index++);
    stack.push(file);
    onStack.add(file);
    for (const next of edges(file)) {
      if (!order.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, order.get(next)!));
      }
    }
    if (low.get(file) !== order.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(path.relative(ROOT, member));
    } while (member !== file);
    if (component.length > 1 || edges(file).includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return found;
}

const runtimeEdges = (file: string) => graph.get(file)?.runtime ?? [];
const allEdges = (file: string) => [...runtimeEdges(file), ...(graph.get(file)?.typeOnly ?? [])];

describe('the import graph', () => {
  it('reads the repository (the test would pass on nothing otherwise)', () => {
    expect(graph.size).toBeGreaterThan(200);
    const queue = graph.get(path.join(ROOT, 'server/src/queue/ticket-issuer.ts'));
    expect(queue?.runtime).toContain(path.join(ROOT, 'server/protocol/index.ts'));
    expect(queue?.packages).toContain('node:crypto');
  });

  it('has no cycle of modules loading each other', () => {
    expect(cycles(runtimeEdges)).toEqual([]);
  });

  it('has no cycle even counting type-only imports', () => {
    expect(cycles(allEdges)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const a = path.join(ROOT, 'a.ts');
    const b = path.join(ROOT, 'b.ts');
    graph.set(a, { runtime: [b], typeOnly: [], packages: [] });
    graph.set(b, { runtime: [a], typeOnly: [], packages: [] });
    try {
      expect(cycles(runtimeEdges)).toEqual([['a.ts', 'b.ts']]);
    } finally {
      graph.delete(a);
      graph.delete(b);
    }
  });

  it.each(['kiosk/src/main.ts', 'display/src/main.ts', 'book/src/main.ts'])(
    'loads no zod from %s (the public pages take only the protocol’s zod-free modules)',
    (entry) => {
      const seen = new Set<string>();
      const todo = [path.join(ROOT, entry)];
      const packages = new Set<string>();
      while (todo.length > 0) {
        const file = todo.pop()!;
        if (seen.has(file)) continue;
        seen.add(file);
        const found = graph.get(file);
        expect([file, found !== undefined]).toEqual([file, true]);
        for (const p of found?.packages ?? []) packages.add(p);
        todo.push(...(found?.runtime ?? []));
      }
      expect(seen.size).toBeGreaterThan(1);
      expect([...packages].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
    },
  );
});
