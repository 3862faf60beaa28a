// Run by `npm run lint`: fails when modules under src/ import each other in a circle. A cycle means
// one of them runs while the other is only half evaluated: anything it reads of the other at its
// top level (a slot list, a constant) is undefined, and the app crashes at start. Only imports that
// exist at run time count: `import type` is erased, and `import()` runs after both have loaded.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(process.argv[2] ?? 'src');
const EXTENSIONS = ['.ts', '.tsx'];

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A relative specifier as the bundler resolves it: the file, the file plus an extension, or the folder's index. */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile() && EXTENSIONS.some((e) => c.endsWith(e))) ?? null;
}

/** The modules a file needs loaded before it can run. */
function runtimeImports(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found = [];
  for (const node of source.statements) {
    const isImport = ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly;
    const isReExport = ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier;
    if (!isImport && !isReExport) continue;
    const target = resolveImport(file, node.moduleSpecifier.text);
    if (target) found.push(target);
  }
  return found;
}

const files = sourceFiles(ROOT);
const graph = new Map(files.map((f) => [f, runtimeImports(f)]));

// Tarjan's strongly connected components: every component of more than one module (or a module
// importing itself) is a cycle.
let counter = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function visit(v) {
  index.set(v, counter);
  low.set(v, counter);
  counter += 1;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) !== index.get(v)) return;
  const component = [];
  let w;
  do {
    w = stack.pop();
    onStack.delete(w);
    component.push(w);
  } while (w !== v);
  if (component.length > 1 || graph.get(v).includes(v)) cycles.push(component);
}
for (const f of files) if (!index.has(f)) visit(f);

/** One concrete circle through the component, for the message: a → b → … → a. */
function pathThrough(component) {
  const inside = new Set(component);
  const start = component[component.length - 1];
  const seen = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v)) {
      if (w === start) {
        const path = [v];
        for (let p = seen.get(v); p; p = seen.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (inside.has(w) && !seen.has(w)) {
        seen.set(w, v);
        queue.push(w);
      }
    }
  }
  return component;
}

const show = (f) => relative(process.cwd(), f);
if (cycles.length > 0) {
  console.error(`发现 ${cycles.length} 处模块循环引用（import cycle）：`);
  for (const c of cycles) console.error(`  ${pathThrough(c).map(show).join(' → ')}${c.length > 2 ? `（该环共 ${c.length} 个模块）` : ''}`);
  console.error('把两边都要用的部分移到第三个模块，或由上层（组合根）传入。');
  process.exit(1);
}
console.log(`模块无循环引用：检查了 ${show(ROOT)} 下 ${files.length} 个文件。`);
