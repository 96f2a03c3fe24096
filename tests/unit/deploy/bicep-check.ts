/**
 * Offline Bicep checks for the tests: a syntax check with the tree-sitter Bicep grammar (its
 * WebAssembly build, shipped inside the `tree-sitter-bicep` npm package, run by `web-tree-sitter`;
 * nothing is downloaded or compiled), plus a cross-file check that every `module` points at an
 * existing file and passes exactly the parameters that file declares.
 *
 * This is not the Bicep compiler: it does not type-check expressions or know resource schemas.
 * It catches the mistakes that break `arm/deploy` before anyone reaches Azure: unbalanced braces,
 * unterminated strings, stray tokens, misspelt or missing module parameters, unknown outputs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';

let parserPromise: Promise<Parser> | undefined;

async function bicepParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

export interface BicepFile {
  root: Node;
  /** Syntax errors as "line:column what", empty when the file parses cleanly. */
  errors: string[];
}

function collectErrors(node: Node, out: string[]): void {
  if (node.isMissing) {
    out.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1} missing ${node.type}`);
    return;
  }
  if (node.isError) {
    out.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1} unexpected ${JSON.stringify(node.text.slice(0, 40))}`);
    return;
  }
  if (!node.hasError) return;
  for (const child of node.children) if (child) collectErrors(child, out);
}

export async function parseBicep(source: string): Promise<BicepFile> {
  const tree = (await bicepParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const errors: string[] = [];
  collectErrors(tree.rootNode, errors);
  if (tree.rootNode.hasError && errors.length === 0) errors.push('syntax error');
  return { root: tree.rootNode, errors };
}

function stringValue(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  // Plain strings only ('...'); interpolated module paths are not used here.
  return node.namedChildren.every((c) => c?.type === 'string_content') ? node.namedChildren.map((c) => c?.text ?? '').join('') : undefined;
}

function propertyKey(prop: Node): string | undefined {
  const key = prop.namedChildren[0];
  if (!key) return undefined;
  return key.type === 'identifier' ? key.text : stringValue(key);
}

function objectProperties(obj: Node | null | undefined): Map<string, Node | undefined> {
  const out = new Map<string, Node | undefined>();
  if (!obj || obj.type !== 'object') return out;
  for (const prop of obj.namedChildren) {
    if (prop?.type !== 'object_property') continue;
    const key = propertyKey(prop);
    if (key !== undefined) out.set(key, prop.namedChildren[1] ?? undefined);
  }
  return out;
}

interface Declarations {
  params: Map<string, { required: boolean }>;
  outputs: Set<string>;
}

function declarations(root: Node): Declarations {
  const params = new Map<string, { required: boolean }>();
  const outputs = new Set<string>();
  for (const node of root.namedChildren) {
    if (node?.type === 'parameter_declaration') {
      const name = node.namedChildren[0]?.text ?? '';
      const type = node.namedChildren[1];
      const hasDefault = node.namedChildren.length > 2;
      const nullable = type?.namedChildren[0]?.type === 'nullable_type';
      params.set(name, { required: !hasDefault && !nullable });
    } else if (node?.type === 'output_declaration') {
      outputs.add(node.namedChildren[0]?.text ?? '');
    }
  }
  return { params, outputs };
}

/**
 * Checks one .bicep file and, recursively, the modules it references. Returns problems as
 * "file:line:column message"; an empty list means the files are clean.
 */
export async function checkBicepFile(path: string, sourceOverride?: string): Promise<string[]> {
  const source = sourceOverride ?? readFileSync(path, 'utf8');
  const parsed = await parseBicep(source);
  const problems = parsed.errors.map((e) => `${path}:${e}`);
  if (problems.length > 0) return problems;

  for (const mod of parsed.root.namedChildren) {
    if (mod?.type !== 'module_declaration') continue;
    const symbol = mod.namedChildren[0]?.text ?? '?';
    const relPath = stringValue(mod.namedChildren[1]);
    const at = `${path}:${mod.startPosition.row + 1}`;
    if (relPath === undefined || relPath.startsWith('br:') || relPath.startsWith('ts:')) continue;
    const target = resolve(dirname(path), relPath);
    let targetSource: string;
    try {
      targetSource = readFileSync(target, 'utf8');
    } catch {
      problems.push(`${at} module ${symbol}: file ${relPath} not found`);
      continue;
    }
    const targetParsed = await parseBicep(targetSource);
    if (targetParsed.errors.length > 0) {
      problems.push(...targetParsed.errors.map((e) => `${target}:${e}`));
      continue;
    }
    const decl = declarations(targetParsed.root);
    const body = mod.namedChildren.find((c) => c?.type === 'object');
    const passed = objectProperties(objectProperties(body).get('params'));
    for (const name of passed.keys()) {
      if (!decl.params.has(name)) problems.push(`${at} module ${symbol}: ${relPath} has no parameter "${name}"`);
    }
    for (const [name, { required }] of decl.params) {
      if (required && !passed.has(name)) problems.push(`${at} module ${symbol}: required parameter "${name}" of ${relPath} is not passed`);
    }
    // Every `<symbol>.outputs.<name>` used in this file must be an output of the module.
    for (const use of source.matchAll(new RegExp(`\\b${symbol}\\.outputs\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g'))) {
      const name = use[1] as string;
      if (!decl.outputs.has(name)) problems.push(`${path}: module ${symbol} (${relPath}) has no output "${name}"`);
    }
    problems.push(...(await checkBicepFile(target)).filter((p) => !problems.includes(p)));
  }
  return problems;
}
