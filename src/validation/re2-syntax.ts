// Whether Go's regexp package (RE2 syntax, Perl flags, as regexp.Compile and
// regexp.MatchString parse) accepts a pattern, written anew from the grammar
// of Go's regexp/syntax parser. Only acceptance matters here, so the parser
// keeps a small tree: enough to place repetition operators, match
// parentheses and apply Go's limits on repeat counts, size and nesting.
// The conformance suite compares it with Go's own regexp.Compile.
import { GO_UNICODE_CLASSES } from './go-unicode-classes';

/** A node of the parse stack: an expression, or a pseudo-operator (an open paren or a vertical bar). */
interface Node {
  readonly op: 'leaf' | 'empty' | 'capture' | 'star' | 'plus' | 'quest' | 'repeat' | 'concat' | 'alt' | 'lparen' | 'bar';
  readonly subs: Node[];
  readonly min?: number;
  readonly max?: number;
  /** For an open paren: whether it captures. */
  readonly capture?: boolean;
}

const MAX_REPEAT = 1000;
const MAX_HEIGHT = 1000;
/** Go's limit on the compiled program: 128 MiB of 40-byte instructions. */
const MAX_SIZE = Math.floor(128 * 1024 * 1024 / 40);
const PERL_CLASSES = new Set(['d', 'D', 's', 'S', 'w', 'W']);
const POSIX_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);

class Re2Error extends Error {}

/**
 * Why Go's `regexp.Compile` refuses `pattern`, in Go's words for the kind of
 * error, followed by the part of the pattern at fault; undefined when Go
 * accepts it.
 */
export function re2SyntaxError(pattern: string): string | undefined {
  try {
    new Re2Parser(pattern).parse();
    return undefined;
  } catch (e) {
    if (e instanceof Re2Error) return e.message;
    throw e;
  }
}

class Re2Parser {
  private readonly stack: Node[] = [];
  private pos = 0;

  constructor(private readonly s: string) {}

  public parse(): void {
    const s = this.s;
    let lastRepeat = false;
    while (this.pos < s.length) {
      let repeated = false;
      const c = s[this.pos];
      switch (c) {
        case '(':
          if (s[this.pos + 1] === '?') {
            this.perlFlags();
          } else {
            this.stack.push({ op: 'lparen', subs: [], capture: true });
            this.pos++;
          }
          break;
        case '|':
          this.concat();
          if (!this.swapVerticalBar()) this.stack.push({ op: 'bar', subs: [] });
          this.pos++;
          break;
        case ')':
          this.rightParen();
          this.pos++;
          break;
        case '^': case '$': case '.':
          this.leaf();
          this.pos++;
          break;
        case '[':
          this.charClass();
          break;
        case '*': case '+': case '?': {
          const start = this.pos;
          this.pos++;
          this.repeat(c === '*' ? 'star' : c === '+' ? 'plus' : 'quest', 0, 0, start, lastRepeat);
          repeated = true;
          break;
        }
        case '{': {
          const start = this.pos;
          const parsed = this.repeatBraces();
          if (parsed === undefined) {
            // Not a repeat: a literal brace.
            this.leaf();
            this.pos++;
            break;
          }
          const [min, max] = parsed;
          if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
            this.fail('invalid repeat count', start);
          }
          this.repeat('repeat', min, max, start, lastRepeat);
          repeated = true;
          break;
        }
        case '\\':
          this.escapeOutsideClass();
          break;
        default:
          this.pos += codePointLength(s, this.pos);
          this.leaf();
      }
      lastRepeat = repeated;
    }
    this.concat();
    if (this.swapVerticalBar()) this.stack.pop();
    this.alternate();
    if (this.stack.length !== 1) this.fail('missing closing )', 0, this.s.length);
    if (height(this.stack[0]) > MAX_HEIGHT) this.fail('expression nests too deeply', 0, this.s.length);
  }

  private fail(code: string, start: number, end = this.pos): never {
    throw new Re2Error(`${code}: \`${this.s.slice(start, Math.max(end, start))}\``);
  }

  private leaf(): void {
    this.stack.push({ op: 'leaf', subs: [] });
  }

  /** `(?` : a named capture, a non-capturing group, or flags. */
  private perlFlags(): void {
    const s = this.s;
    const start = this.pos;
    const named = s.startsWith('(?P<', start) && s.length - start > 4 ? 4 : s[start + 2] === '<' && s.length - start > 3 ? 3 : 0;
    if (named > 0) {
      const end = s.indexOf('>', start);
      if (end < 0) this.fail('invalid named capture', start, s.length);
      const name = s.slice(start + named, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) this.fail('invalid named capture', start, end + 1);
      this.stack.push({ op: 'lparen', subs: [], capture: true });
      this.pos = end + 1;
      return;
    }
    let i = start + 2;
    let negated = false;
    let sawFlag = false;
    while (i < s.length) {
      const c = s[i];
      i++;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        sawFlag = true;
      } else if (c === '-') {
        if (negated) break;
        negated = true;
        sawFlag = false;
      } else if (c === ':' || c === ')') {
        if (negated && !sawFlag) break;
        if (c === ':') this.stack.push({ op: 'lparen', subs: [], capture: false });
        this.pos = i;
        return;
      } else {
        break;
      }
    }
    this.fail('invalid or unsupported Perl syntax', start, i);
  }

  /** `{min}`, `{min,}` or `{min,max}` at the position: [min, max] (max -1: no limit; min -1: too big), or undefined. */
  private repeatBraces(): [number, number] | undefined {
    const m = /^\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?\}/.exec(this.s.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    const big = (digits: string) => digits.length > 8 ? -1 : Number(digits);
    const min = big(m[1]);
    const max = m[2] === undefined ? min : m[3] === undefined ? -1 : big(m[3]);
    // Go marks a too big max by a min of -1.
    return [m[3] !== undefined && max < 0 ? -1 : min, max];
  }

  private repeat(op: Node['op'], min: number, max: number, start: number, lastRepeat: boolean): void {
    if (this.s[this.pos] === '?') this.pos++;
    if (lastRepeat) this.fail('invalid nested repetition operator', start);
    const top = this.stack[this.stack.length - 1];
    if (!top || top.op === 'lparen' || top.op === 'bar') this.fail('missing argument to repetition operator', start);
    const node: Node = { op, subs: [top], min, max };
    this.stack[this.stack.length - 1] = node;
    if (size(node) > MAX_SIZE) this.fail('expression too large', 0, this.s.length);
    if (op === 'repeat' && (min >= 2 || max >= 2) && !repeatIsValid(node, MAX_REPEAT)) this.fail('invalid repeat count', start);
  }

  /** Replaces the expressions above the topmost pseudo-operator with their concatenation. */
  private concat(): void {
    const subs = this.takeAbovePseudo();
    this.stack.push(subs.length === 0 ? { op: 'empty', subs: [] } : collapse(subs, 'concat'));
  }

  private alternate(): void {
    const subs = this.takeAbovePseudo();
    this.stack.push(subs.length === 0 ? { op: 'empty', subs: [] } : collapse(subs, 'alt'));
  }

  private takeAbovePseudo(): Node[] {
    let i = this.stack.length;
    while (i > 0 && this.stack[i - 1].op !== 'lparen' && this.stack[i - 1].op !== 'bar') i--;
    return this.stack.splice(i);
  }

  /** Moves the vertical bar above the expression on top, if it is just below it. */
  private swapVerticalBar(): boolean {
    const n = this.stack.length;
    if (n >= 2 && this.stack[n - 2].op === 'bar') {
      [this.stack[n - 2], this.stack[n - 1]] = [this.stack[n - 1], this.stack[n - 2]];
      return true;
    }
    return false;
  }

  private rightParen(): void {
    this.concat();
    if (this.swapVerticalBar()) this.stack.pop();
    this.alternate();
    const n = this.stack.length;
    if (n < 2 || this.stack[n - 2].op !== 'lparen') this.fail('unexpected )', 0, this.s.length);
    const [paren, inner] = this.stack.splice(n - 2, 2);
    this.stack.push(paren.capture ? { op: 'capture', subs: [inner] } : inner);
  }

  /** A backslash outside a class: an assertion, \Q…\E, a class escape or a single character. */
  private escapeOutsideClass(): void {
    const s = this.s;
    const next = s[this.pos + 1];
    if (next !== undefined && 'AbBz'.includes(next)) {
      this.pos += 2;
      this.leaf();
      return;
    }
    if (next === 'C') this.fail('invalid escape sequence', this.pos, this.pos + 2);
    if (next === 'Q') {
      const end = s.indexOf('\\E', this.pos + 2);
      const literal = end < 0 ? s.slice(this.pos + 2) : s.slice(this.pos + 2, end);
      for (const _ of literal) this.leaf();
      this.pos = end < 0 ? s.length : end + 2;
      return;
    }
    if (this.unicodeClass() || this.perlClass()) {
      this.leaf();
      return;
    }
    this.escape();
    this.leaf();
  }

  /** `\pX`, `\p{Name}`, `\PX` or `\P{Name}` at the position: true when there is one (or an error). */
  private unicodeClass(): boolean {
    const s = this.s;
    const start = this.pos;
    if (s[start] !== '\\' || (s[start + 1] !== 'p' && s[start + 1] !== 'P')) return false;
    if (start + 2 >= s.length) return false; // Go then reads `\p` as an escape, which it refuses.
    let name: string;
    let end: number;
    if (s[start + 2] !== '{') {
      end = start + 2 + codePointLength(s, start + 2);
      name = s.slice(start + 2, end);
    } else {
      const close = s.indexOf('}', start);
      if (close < 0) this.fail('invalid character class range', start, s.length);
      end = close + 1;
      name = s.slice(start + 3, close);
    }
    if (name.startsWith('^')) name = name.slice(1);
    if (!GO_UNICODE_CLASSES.has(canonicalName(name))) this.fail('invalid character class range', start, end);
    this.pos = end;
    return true;
  }

  private perlClass(): boolean {
    if (this.s[this.pos] === '\\' && PERL_CLASSES.has(this.s[this.pos + 1])) {
      this.pos += 2;
      return true;
    }
    return false;
  }

  /** One escaped character (the position is at the backslash); returns its code point. */
  private escape(): number {
    const s = this.s;
    const start = this.pos;
    if (start + 1 >= s.length) this.fail('trailing backslash at end of expression', start, start);
    const c = s.codePointAt(start + 1)!;
    const ch = String.fromCodePoint(c);
    this.pos = start + 1 + ch.length;
    const invalid = (): never => this.fail('invalid escape sequence', start);
    if (c < 0x80 && !/[0-9A-Za-z]/.test(ch)) return c;
    const octal = (d: string | undefined) => d !== undefined && d >= '0' && d <= '7';
    if (ch >= '1' && ch <= '7' && !octal(s[this.pos])) return invalid();
    if (ch >= '0' && ch <= '7') {
      let r = c - 48;
      for (let i = 1; i < 3 && octal(s[this.pos]); i++) r = r * 8 + s.charCodeAt(this.pos++) - 48;
      return r;
    }
    if (ch === 'x') {
      if (this.pos >= s.length) return invalid();
      if (s[this.pos] === '{') {
        const m = /^\{([0-9A-Fa-f]*)\}/.exec(s.slice(this.pos));
        if (!m || m[1].length === 0) {
          // Go stops at the first character that is no hex digit.
          const digits = /^\{[0-9A-Fa-f]*/.exec(s.slice(this.pos))![0].length;
          this.pos = Math.min(s.length, this.pos + digits + 1);
          return invalid();
        }
        const value = parseInt(m[1], 16);
        if (value > 0x10ffff) {
          this.pos += m[0].length;
          return invalid();
        }
        this.pos += m[0].length;
        return value;
      }
      const hex = s.slice(this.pos, this.pos + 2);
      this.pos = Math.min(s.length, this.pos + 2);
      return /^[0-9A-Fa-f]{2}$/.test(hex) ? parseInt(hex, 16) : invalid();
    }
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (ch in simple) return simple[ch];
    return invalid();
  }

  /** `[…]`: a character class, its ranges in order. */
  private charClass(): void {
    const s = this.s;
    const whole = this.pos;
    this.pos++;
    if (s[this.pos] === '^') this.pos++;
    let first = true;
    while (this.pos >= s.length || s[this.pos] !== ']' || first) {
      first = false;
      if (this.pos >= s.length) this.fail('missing closing ]', whole, s.length);
      if (s.startsWith('[:', this.pos) && s.length - this.pos > 2) {
        const close = s.indexOf(':]', this.pos + 2);
        if (close >= 0) {
          let name = s.slice(this.pos + 2, close);
          if (name.startsWith('^')) name = name.slice(1);
          if (!POSIX_CLASSES.has(name)) this.fail('invalid character class range', this.pos, close + 2);
          this.pos = close + 2;
          continue;
        }
      }
      if (this.unicodeClass() || this.perlClass()) continue;
      const rangeStart = this.pos;
      const lo = this.classChar(whole);
      if (s.length - this.pos >= 2 && s[this.pos] === '-' && s[this.pos + 1] !== ']') {
        this.pos++;
        const hi = this.classChar(whole);
        if (hi < lo) this.fail('invalid character class range', rangeStart);
      }
    }
    this.pos++;
    this.leaf();
  }

  private classChar(whole: number): number {
    const s = this.s;
    if (this.pos >= s.length) this.fail('missing closing ]', whole, s.length);
    if (s[this.pos] === '\\') return this.escape();
    const c = s.codePointAt(this.pos)!;
    this.pos += codePointLength(s, this.pos);
    return c;
  }
}

/** One node of `op` from `subs`, flattening the ones of the same op, as Go's collapse does. */
function collapse(subs: Node[], op: 'concat' | 'alt'): Node {
  if (subs.length === 1) return subs[0];
  return { op, subs: subs.flatMap(sub => sub.op === op ? sub.subs : [sub]) };
}

/** Whether the repetitions nested in `node` stay within `n` copies of the innermost expression. */
function repeatIsValid(node: Node, n: number): boolean {
  let budget = n;
  if (node.op === 'repeat') {
    let m = node.max!;
    if (m === 0) return true;
    if (m < 0) m = node.min!;
    if (m > budget) return false;
    if (m > 0) budget = Math.floor(budget / m);
  }
  return node.subs.every(sub => repeatIsValid(sub, budget));
}

/** The size of the compiled program, as Go estimates it. */
function size(node: Node): number {
  const sub = () => size(node.subs[0]);
  let result: number;
  switch (node.op) {
    case 'capture': case 'star': result = 2 + sub(); break;
    case 'plus': case 'quest': result = 1 + sub(); break;
    case 'concat': result = node.subs.reduce((sum, s) => sum + size(s), 0); break;
    case 'alt': result = node.subs.reduce((sum, s) => sum + size(s), 0) + node.subs.length - 1; break;
    case 'repeat':
      if (node.max === -1) result = node.min === 0 ? 2 + sub() : 1 + node.min! * sub();
      else result = node.max! * sub() + (node.max! - node.min!);
      break;
    default: result = 1;
  }
  return Math.max(1, result);
}

function height(node: Node): number {
  return 1 + node.subs.reduce((h, sub) => Math.max(h, height(sub)), 0);
}

/** Go's lookup key for a Unicode class name: underscores, hyphens and spaces dropped, first letter upper, the rest lower. */
function canonicalName(name: string): string {
  let out = '';
  let first = true;
  for (const c of name) {
    if (c === '_' || c === '-' || c === ' ') continue;
    if (first) {
      out += c >= 'a' && c <= 'z' ? c.toUpperCase() : c;
      first = false;
    } else {
      out += c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
    }
  }
  return out;
}

function codePointLength(s: string, i: number): number {
  const c = s.codePointAt(i);
  return c !== undefined && c > 0xffff ? 2 : 1;
}
