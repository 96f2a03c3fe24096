// A small OData $filter parser: comparisons, startswith(), and/or/not, parentheses.
// Enough for what Graph accepts on users and SharePoint list item fields.

export type Literal = string | number | boolean | null;
export type FilterNode =
  | { kind: 'cmp'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; path: string; value: Literal }
  | { kind: 'startswith'; path: string; value: string }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode };

export class FilterSyntaxError extends Error {}

type Token = { t: 'ident'; v: string } | { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'punct'; v: '(' | ')' | ',' };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: 'punct', v: c });
      i++;
    } else if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterSyntaxError('Unterminated string literal in $filter.');
        if (input[i] === "'") {
          if (input[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += input[i];
        i++;
      }
      tokens.push({ t: 'str', v: s });
    } else {
      const m = /^[A-Za-z0-9_./:+-]+/.exec(input.slice(i));
      if (!m) throw new FilterSyntaxError(`Unexpected character '${c}' in $filter.`);
      const word = m[0];
      i += word.length;
      if (/^-?\d+(\.\d+)?$/.test(word)) tokens.push({ t: 'num', v: Number(word) });
      else tokens.push({ t: 'ident', v: word });
    }
  }
  return tokens;
}

export function parseFilter(input: string): FilterNode {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token => {
    const t = tokens[pos++];
    if (!t) throw new FilterSyntaxError('Unexpected end of $filter.');
    return t;
  };
  const isWord = (t: Token | undefined, w: string) => t?.t === 'ident' && t.v.toLowerCase() === w;
  const expect = (v: '(' | ')' | ',') => {
    const t = next();
    if (t.t !== 'punct' || t.v !== v) throw new FilterSyntaxError(`Expected '${v}' in $filter.`);
  };
  const literal = (): Literal => {
    const t = next();
    if (t.t === 'str' || t.t === 'num') return t.v;
    if (t.t === 'ident') {
      const w = t.v.toLowerCase();
      if (w === 'true') return true;
      if (w === 'false') return false;
      if (w === 'null') return null;
      if (/^\d{4}-\d{2}-\d{2}/.test(t.v)) return t.v; // unquoted DateTimeOffset
    }
    throw new FilterSyntaxError('Expected a literal in $filter.');
  };
  const primary = (): FilterNode => {
    const t = peek();
    if (t?.t === 'punct' && t.v === '(') {
      next();
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (isWord(t, 'not')) {
      next();
      return { kind: 'not', operand: primary() };
    }
    if (isWord(t, 'startswith')) {
      next();
      expect('(');
      const path = next();
      if (path.t !== 'ident') throw new FilterSyntaxError('startswith needs a property.');
      expect(',');
      const value = literal();
      expect(')');
      if (typeof value !== 'string') throw new FilterSyntaxError('startswith needs a string.');
      return { kind: 'startswith', path: path.v, value };
    }
    const path = next();
    if (path.t !== 'ident') throw new FilterSyntaxError('Expected a property name in $filter.');
    const op = next();
    if (op.t !== 'ident' || !['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(op.v.toLowerCase())) {
      throw new FilterSyntaxError(`Unsupported operator in $filter near '${path.v}'.`);
    }
    return { kind: 'cmp', op: op.v.toLowerCase() as 'eq', path: path.v, value: literal() };
  };
  const andExpr = (): FilterNode => {
    let left = primary();
    while (isWord(peek(), 'and')) {
      next();
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const orExpr = (): FilterNode => {
    let left = andExpr();
    while (isWord(peek(), 'or')) {
      next();
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  const node = orExpr();
  if (pos !== tokens.length) throw new FilterSyntaxError('Unexpected trailing input in $filter.');
  return node;
}

export function filterPaths(node: FilterNode): string[] {
  switch (node.kind) {
    case 'cmp':
    case 'startswith':
      return [node.path];
    case 'not':
      return filterPaths(node.operand);
    default:
      return [...filterPaths(node.left), ...filterPaths(node.right)];
  }
}

export function evaluateFilter(node: FilterNode, resolve: (path: string) => unknown): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, resolve) && evaluateFilter(node.right, resolve);
    case 'or':
      return evaluateFilter(node.left, resolve) || evaluateFilter(node.right, resolve);
    case 'not':
      return !evaluateFilter(node.operand, resolve);
    case 'startswith': {
      const v = resolve(node.path);
      return typeof v === 'string' && v.toLowerCase().startsWith(node.value.toLowerCase());
    }
    case 'cmp': {
      const v = normalise(resolve(node.path));
      const w = normalise(node.value);
      if (node.op === 'eq') return v === w;
      if (node.op === 'ne') return v !== w;
      if (v === null || w === null || v === undefined || w === undefined) return false;
      if (node.op === 'gt') return v > w;
      if (node.op === 'ge') return v >= w;
      if (node.op === 'lt') return v < w;
      return v <= w;
    }
  }
}

function normalise(v: unknown): string | number | boolean | null | undefined {
  if (typeof v === 'string') {
    // Compare instants, not spellings, when both sides look like DateTimeOffsets.
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
      const t = Date.parse(v);
      if (!Number.isNaN(t)) return new Date(t).toISOString();
    }
    return v.toLowerCase();
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return v;
  return String(v);
}
