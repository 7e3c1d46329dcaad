import { faults } from '../faults/qbo-fault';

/** A literal in a WHERE clause. Quoted values are strings; bare true/false booleans; bare numbers numbers. */
export type Literal = string | number | boolean;

export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

export interface Condition {
  field: string;
  op: Operator;
  values: Literal[];
}

export interface OrderBy {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** `SELECT * | COUNT(*) FROM <Entity> [WHERE …] [ORDERBY …] [STARTPOSITION n] [MAXRESULTS m]` */
export interface ParsedQuery {
  count: boolean;
  entity: string;
  where: Condition[];
  orderBy: OrderBy[];
  startPosition?: number;
  maxResults?: number;
}

type TokenType = 'word' | 'string' | 'number' | 'op' | 'punct' | 'eof';

interface Token {
  type: TokenType;
  text: string;
  value: string;
  column: number;
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query.charAt(i);
    const column = i + 1;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      let closed = false;
      while (j < query.length) {
        const c = query.charAt(j);
        if (c === '\\' && j + 1 < query.length) {
          value += query.charAt(j + 1);
          j += 2;
          continue;
        }
        if (c === "'") {
          closed = true;
          break;
        }
        value += c;
        j++;
      }
      if (!closed) throw faults.queryParse(`Lexical error at line 1, column ${column}. Encountered: <EOF> after : "${query.slice(i, j)}"`);
      tokens.push({ type: 'string', text: query.slice(i, j + 1), value, column });
      i = j + 1;
      continue;
    }
    const two = query.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '!=' || two === '<>') {
      tokens.push({ type: 'op', text: two, value: two, column });
      i += 2;
      continue;
    }
    if ('=<>'.includes(ch)) {
      tokens.push({ type: 'op', text: ch, value: ch, column });
      i++;
      continue;
    }
    if ('(),*'.includes(ch)) {
      tokens.push({ type: 'punct', text: ch, value: ch, column });
      i++;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(query.slice(i));
    if (num && (ch === '-' || /\d/.test(ch))) {
      tokens.push({ type: 'number', text: num[0], value: num[0], column });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i));
    if (word) {
      tokens.push({ type: 'word', text: word[0], value: word[0], column });
      i += word[0].length;
      continue;
    }
    throw faults.queryParse(`Lexical error at line 1, column ${column}. Encountered: "${ch}"`);
  }
  tokens.push({ type: 'eof', text: '<EOF>', value: '', column: query.length + 1 });
  return tokens;
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private fail(expected: string[]): never {
    const t = this.peek();
    throw faults.queryParse(`Encountered " ${t.type === 'eof' ? '<EOF>' : `"${t.text}"`} " at line 1, column ${t.column}.\nWas expecting one of:\n    ${expected.join('\n    ')}`);
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t.type === 'word' && t.value.toUpperCase() === word;
  }

  private expectWord(word: string): void {
    if (!this.isWord(word)) this.fail([`"${word}"`]);
    this.next();
  }

  private expectPunct(p: string): void {
    const t = this.peek();
    if (t.type !== 'punct' || t.value !== p) this.fail([`"${p}"`]);
    this.next();
  }

  private identifier(): string {
    const t = this.peek();
    if (t.type !== 'word') this.fail(['<IDENTIFIER>']);
    this.next();
    return t.value;
  }

  private integer(): number {
    const t = this.peek();
    if (t.type !== 'number' || !/^-?\d+$/.test(t.value)) this.fail(['<INTEGER>']);
    this.next();
    return Number(t.value);
  }

  private literal(): Literal {
    const t = this.peek();
    if (t.type === 'string') {
      this.next();
      return t.value;
    }
    if (t.type === 'number') {
      this.next();
      return Number(t.value);
    }
    if (t.type === 'word' && (t.value.toLowerCase() === 'true' || t.value.toLowerCase() === 'false')) {
      this.next();
      return t.value.toLowerCase() === 'true';
    }
    return this.fail(['<STRING>', '<NUMBER>', '"true"', '"false"']);
  }

  parse(): ParsedQuery {
    this.expectWord('SELECT');
    let count = false;
    const t = this.peek();
    if (t.type === 'punct' && t.value === '*') {
      this.next();
    } else if (this.isWord('COUNT')) {
      this.next();
      this.expectPunct('(');
      this.expectPunct('*');
      this.expectPunct(')');
      count = true;
    } else {
      this.fail(['"*"', '"count(*)"']);
    }
    this.expectWord('FROM');
    const entity = this.identifier();
    const where: Condition[] = [];
    const orderBy: OrderBy[] = [];
    const query: ParsedQuery = { count, entity, where, orderBy };
    if (this.isWord('WHERE')) {
      this.next();
      where.push(this.condition());
      while (this.isWord('AND')) {
        this.next();
        where.push(this.condition());
      }
    }
    if (this.isWord('ORDERBY') || this.isWord('ORDER')) {
      if (this.isWord('ORDER')) {
        this.next();
        this.expectWord('BY');
      } else this.next();
      for (;;) {
        const field = this.identifier();
        let direction: 'ASC' | 'DESC' = 'ASC';
        if (this.isWord('ASC') || this.isWord('DESC')) direction = this.next().value.toUpperCase() as 'ASC' | 'DESC';
        orderBy.push({ field, direction });
        const p = this.peek();
        if (p.type === 'punct' && p.value === ',') this.next();
        else break;
      }
    }
    if (this.isWord('STARTPOSITION')) {
      this.next();
      query.startPosition = this.integer();
    }
    if (this.isWord('MAXRESULTS')) {
      this.next();
      query.maxResults = this.integer();
    }
    if (this.peek().type !== 'eof') {
      const expected = ['"WHERE"', '"AND"', '"ORDERBY"', '"STARTPOSITION"', '"MAXRESULTS"', '<EOF>'];
      if (this.isWord('OR')) throw faults.queryParse(`Encountered " "OR" " at line 1, column ${this.peek().column}. OR is not supported; only AND may join conditions.`);
      this.fail(expected);
    }
    return query;
  }

  private condition(): Condition {
    const field = this.identifier();
    const t = this.peek();
    if (t.type === 'op') {
      if (t.value === '!=' || t.value === '<>') this.fail(['"="', '"<"', '">"', '"<="', '">="', '"IN"', '"LIKE"']);
      this.next();
      return { field, op: t.value as Operator, values: [this.literal()] };
    }
    if (this.isWord('IN')) {
      this.next();
      this.expectPunct('(');
      const values = [this.literal()];
      for (;;) {
        const p = this.peek();
        if (p.type === 'punct' && p.value === ',') {
          this.next();
          values.push(this.literal());
        } else break;
      }
      this.expectPunct(')');
      return { field, op: 'IN', values };
    }
    if (this.isWord('LIKE')) {
      this.next();
      const value = this.literal();
      if (typeof value !== 'string') this.fail(['<STRING>']);
      return { field, op: 'LIKE', values: [value] };
    }
    return this.fail(['"="', '"<"', '">"', '"<="', '">="', '"IN"', '"LIKE"']);
  }
}

/** Parse Intuit's query language; parse errors are 4000 faults as QBO reports them. */
export function parseQuery(query: string): ParsedQuery {
  if (query.trim() === '') throw faults.queryParse('Encountered " <EOF> " at line 1, column 1.\nWas expecting:\n    "select" ...');
  return new Parser(tokenize(query)).parse();
}
