/**
 * HCL native syntax (Terraform's `.tf`) to a syntax tree of bodies,
 * attributes, blocks and expressions, each with its 1-based line.
 *
 * A recursive-descent parser over the text's character codes, written for
 * Terraform's use of HCL: it reads tens of MB/s, where a native parser whose
 * nodes cross into JavaScript one property at a time read 2–4 MB/s, and
 * needs no native addon. It follows the HCL native syntax specification:
 * newlines end attributes, except inside parentheses, brackets, braces and
 * interpolations; `#`, `//` and `/* *\/` comments; quoted and heredoc
 * templates with interpolations, directives and strip markers; operators
 * with HCL's precedence; conditionals; `for` expressions; splats.
 *
 * A syntax error does not end the file: it is recorded with its line, the
 * rest of that line is skipped, and reading goes on with the next attribute
 * or block, so one typo costs one attribute rather than the file.
 */

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

export interface HclAttribute {
  name: string;
  line: number;
  expression: HclExpression;
  /** The expression as written, for messages (`source = "git::…"`). */
  text: string;
}

export interface HclBlock {
  type: string;
  labels: string[];
  line: number;
  /** The line of the `}` that closes it. */
  lastLine: number;
  body: HclBody;
}

/** A piece of a template: literal text (escapes already applied), an interpolated expression, or a directive. */
export type HclTemplatePart = string | HclExpression | HclDirective;

/** `%{ if … }…%{ else }…%{ endif }` or `%{ for … }…%{ endfor }`: output that depends on the values. */
export type HclDirective =
  | {
      kind: 'directive';
      directive: 'if';
      line: number;
      condition: HclExpression;
      then: HclTemplatePart[];
      otherwise: HclTemplatePart[];
    }
  | {
      kind: 'directive';
      directive: 'for';
      line: number;
      keyName?: string;
      valueName: string;
      collection: HclExpression;
      body: HclTemplatePart[];
    };

/** Where a literal of a template is kept: `parts[index]`. */
interface LiteralPlace {
  parts: HclTemplatePart[];
  index: number;
}

/** A directive whose end is not read yet, and the parts it holds so far (`inElse`: those after `%{ else }`). */
type OpenDirective = HclDirective & { inElse: boolean };

export type HclTraversalStep =
  | { kind: 'attribute'; name: string }
  | { kind: 'index'; key: HclExpression }
  | { kind: 'splat' };

export type HclExpression =
  | { kind: 'literal'; value: string | number | boolean | null; line: number }
  | {
      kind: 'template';
      parts: HclTemplatePart[];
      /** `<<-EOT`: the lines' common indentation is removed. */
      indentedHeredoc: boolean;
      /** A heredoc: its text starts on the line after `line`. */
      heredoc?: true;
      line: number;
    }
  | { kind: 'tuple'; items: HclExpression[]; line: number }
  | {
      kind: 'object';
      items: { key: HclExpression; value: HclExpression; line: number }[];
      line: number;
    }
  | { kind: 'variable'; name: string; line: number }
  | {
      kind: 'traversal';
      source: HclExpression;
      steps: HclTraversalStep[];
      line: number;
    }
  | {
      kind: 'call';
      name: string;
      args: HclExpression[];
      expandsLast: boolean;
      line: number;
    }
  | {
      kind: 'conditional';
      condition: HclExpression;
      whenTrue: HclExpression;
      whenFalse: HclExpression;
      line: number;
    }
  | {
      kind: 'operation';
      operator: string;
      operands: HclExpression[];
      line: number;
    }
  | {
      kind: 'for';
      /** `for k, v in …`: the name of the key (index); undefined with one name. */
      keyName?: string;
      valueName: string;
      collection: HclExpression;
      /** The object form's key (`k => v`); undefined for a tuple. */
      key?: HclExpression;
      value: HclExpression;
      /** `v...`: values of one key are grouped into a list. */
      grouped: boolean;
      condition?: HclExpression;
      line: number;
    };

export interface HclSyntaxError {
  line: number;
  message: string;
}

/** Deeper nesting (of blocks, brackets, templates, operators) is refused: reading it recursively would run out of stack. */
export const MAX_HCL_DEPTH = 500;

/**
 * Thrown inside the parser; caught at the attribute it broke (or the file,
 * for depth). Not an Error: a garbled file throws at every line, and
 * capturing a stack trace each time would cost more than the parse.
 */
class HclError {
  constructor(
    readonly message: string,
    readonly line: number,
    readonly fatal = false,
  ) {}
}

/** Syntax errors reported per file: past them the file is garbled, and the rest of it is not read. */
export const MAX_HCL_ERRORS = 20;

const enum Code {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Bang = 33,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  Percent = 37,
  Ampersand = 38,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Less = 60,
  Equals = 61,
  Greater = 62,
  Question = 63,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  Tilde = 126,
}

const isDigit = (code: number) => code >= Code.Zero && code <= Code.Nine;
const NON_ASCII_ID_START = /[\p{L}\p{Nl}]/u;
const NON_ASCII_ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

/** A half of a surrogate pair: a letter beyond the Basic Multilingual Plane (`𝒳`) reads as part of a name. */
const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

function isIdStart(code: number): boolean {
  if (isSurrogate(code)) return true;
  if (code < 128)
    return (
      (code >= 65 && code <= 90) ||
      (code >= 97 && code <= 122) ||
      code === Code.Underscore
    );
  return NON_ASCII_ID_START.test(String.fromCharCode(code));
}

function isIdContinue(code: number): boolean {
  if (isSurrogate(code)) return true;
  if (code < 128)
    return isIdStart(code) || isDigit(code) || code === Code.Minus;
  return NON_ASCII_ID_CONTINUE.test(String.fromCharCode(code));
}

/** Spaces and marks beyond ASCII that no one sees: no-break space, byte-order mark, zero-width characters. */
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]/u;

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

const QUOTED_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '"': '"',
  '\\': '\\',
};

/** The arguments a body has read: where each is in its attributes, and the line that first sets it. */
type ArgumentsSet = Map<string, { index: number; line: number }>;

class Parser {
  private pos = 0;
  private line: number;
  /** Brackets open around the current point: inside them newlines are spaces. */
  private bracketDepth = 0;
  private depth = 0;
  /** Where the last run of spaces and comments began and ended: the end of the token before it. */
  private spaceStart = 0;
  private spaceEnd = -1;
  /** Where a search for a heredoc's closing marker, or for the end of a comment, found none before the end of the text. */
  private readonly markersMissingFrom = new Map<string, number>();
  private commentEndMissingFrom = Infinity;
  /** Where the last heredoc read ended: at the end of its closing marker's line. */
  private heredocEnd = -1;
  /** Syntax errors met (on one line, only the first is reported). */
  private recoveries = 0;
  /** Too many errors: the rest of the text is skipped. */
  private abandoned = false;
  readonly errors: HclSyntaxError[] = [];

  constructor(
    private readonly text: string,
    firstLine = 1,
    private readonly countLines = true,
  ) {
    this.line = firstLine;
  }

  /** A whole file. */
  file(): HclBody {
    try {
      return this.body(false);
    } catch (error) {
      if (!(error instanceof HclError)) throw error;
      // Only a fatal error (nesting too deep) leaves the body loop.
      this.errors.push({ line: error.line, message: error.message });
      return { attributes: [], blocks: [] };
    }
  }

  /** A template's content, the whole text (a `.tf.json` string): no quotes, no backslash escapes. */
  templateContent(): HclExpression {
    const line = this.line;
    const parts = this.templateParts(-1);
    return { kind: 'template', parts, indentedHeredoc: false, line };
  }

  // ---- bodies ----

  private body(inBlock: boolean): HclBody {
    const body: HclBody = { attributes: [], blocks: [] };
    const argumentsSet: ArgumentsSet = new Map();
    for (;;) {
      this.skipSpace(true);
      if (this.pos >= this.text.length) {
        if (inBlock && !this.abandoned)
          this.errors.push({
            line: this.line,
            message: this.message('missing "}" at the end of the file'),
          });
        return body;
      }
      if (this.peek() === Code.CloseBrace) {
        if (inBlock) {
          this.pos++;
          return body;
        }
        const error = new HclError(this.message('unexpected "}"'), this.line);
        this.pos++;
        this.recover(error);
        continue;
      }
      const depth = this.depth;
      const start = this.pos;
      try {
        this.item(body, argumentsSet);
      } catch (error) {
        if (!(error instanceof HclError) || error.fatal) throw error;
        this.depth = depth;
        this.recover(error);
        // Every turn of this loop moves on.
        if (this.pos === start) this.pos++;
      }
    }
  }

  /** An attribute (`name = expression`) or a block (`type "label" { … }`). */
  private item(body: HclBody, argumentsSet: ArgumentsSet): void {
    const line = this.line;
    if (!isIdStart(this.peek()))
      throw this.unexpected('an attribute or a block');
    const name = this.identifier();
    this.skipSpace(false);
    if (this.peek() === Code.Equals && this.peekAt(1) !== Code.Equals) {
      this.pos++;
      this.skipSpace(false);
      const start = this.pos;
      const expression = this.expression();
      const text = this.text.slice(
        start,
        this.pos === this.spaceEnd ? this.spaceStart : this.pos,
      );
      this.endOfItem();
      const attribute = { name, line, expression, text };
      const earlier = argumentsSet.get(name);
      if (!earlier) {
        argumentsSet.set(name, { index: body.attributes.length, line });
        body.attributes.push(attribute);
        return;
      }
      // Terraform refuses an argument set twice in a body ("Attribute redefined"); as in a `.tf.json` file, the last is read.
      this.errors.push({
        line,
        message: `duplicate argument ${name} (also on line ${earlier.line}): Terraform refuses it; the last is read`,
      });
      body.attributes[earlier.index] = attribute;
      return;
    }
    const labels: string[] = [];
    while (this.peek() !== Code.OpenBrace) {
      if (this.peek() === Code.Quote) labels.push(this.literalLabel());
      else if (isIdStart(this.peek())) labels.push(this.identifier());
      else throw this.unexpected('a block label or "{"');
      this.skipSpace(false);
    }
    this.pos++;
    this.enter();
    const inner = this.body(true);
    const lastLine = this.line;
    this.depth--;
    this.endOfItem();
    body.blocks.push({ type: name, labels, line, lastLine, body: inner });
  }

  /** After an attribute or a block: a newline, the end of the file, or the `}` of a one-line block. */
  private endOfItem(): void {
    this.skipSpace(false);
    const code = this.peek();
    if (
      code === Code.Newline ||
      code === Code.CloseBrace ||
      this.pos >= this.text.length
    )
      return;
    throw this.unexpected('a newline');
  }

  /** Records the error and skips the rest of its line. */
  private recover(error: HclError): void {
    // One error per line is reported, but every one counts towards giving up.
    if (this.errors[this.errors.length - 1]?.line !== error.line) {
      this.errors.push({ line: error.line, message: error.message });
    }
    if (++this.recoveries >= MAX_HCL_ERRORS) {
      const message = `more than ${MAX_HCL_ERRORS} syntax errors; the rest of the file is not read`;
      this.errors.push({
        line: error.line,
        message: this.message(message, error.line),
      });
      this.pos = this.text.length;
      this.abandoned = true;
      return;
    }
    // The error may have been found lines after the item began (an unclosed bracket): go on from there,
    // up to the end of the line or a `}` that closes the block the line is in (`locals { a = [1 2] }`):
    // the brackets still open where the error was found close first.
    let depth = this.bracketDepth;
    this.bracketDepth = 0;
    let lineEnd = this.text.indexOf('\n', this.pos);
    if (lineEnd < 0) lineEnd = this.text.length;
    while (this.pos < lineEnd) {
      const code = this.peek();
      if (code === Code.Quote) {
        // A string's braces are text; a string left open runs to the end of the line.
        const close = this.text.indexOf('"', this.pos + 1);
        this.pos = close < 0 || close > lineEnd ? lineEnd : close + 1;
        continue;
      }
      if (
        code === Code.OpenBrace ||
        code === Code.OpenBracket ||
        code === Code.OpenParen
      )
        depth++;
      else if (
        code === Code.CloseBrace ||
        code === Code.CloseBracket ||
        code === Code.CloseParen
      ) {
        if (depth === 0) {
          if (code === Code.CloseBrace) return;
        } else depth--;
      }
      this.pos++;
    }
  }

  private literalLabel(): string {
    const template = this.quotedTemplate();
    const parts = template.kind === 'template' ? template.parts : [];
    if (!parts.every(part => typeof part === 'string'))
      throw new HclError(
        this.message('a block label cannot interpolate'),
        template.line,
      );
    return parts.join('');
  }

  // ---- expressions ----

  private expression(): HclExpression {
    this.enter();
    const condition = this.binary(1);
    let result = condition;
    this.skipSpace(this.bracketDepth > 0);
    if (this.peek() === Code.Question) {
      // A conditional does not end after `?` or `:`: its next part may be on the next line.
      this.pos++;
      this.skipSpace(true);
      const whenTrue = this.expression();
      // A heredoc ends with its marker's line: the `:` may start the next one.
      this.skipSpace(this.bracketDepth > 0 || this.pos === this.heredocEnd);
      this.expect(Code.Colon, '":" of a conditional');
      this.skipSpace(true);
      const whenFalse = this.expression();
      result = {
        kind: 'conditional',
        condition,
        whenTrue,
        whenFalse,
        line: condition.line,
      };
    }
    this.depth--;
    return result;
  }

  /** Binary operators of at least `minimum` precedence, left-associative. */
  private binary(minimum: number): HclExpression {
    let left = this.unary();
    for (;;) {
      this.skipSpace(this.bracketDepth > 0);
      const operator = this.binaryOperator();
      if (!operator || BINARY_PRECEDENCE[operator] < minimum) return left;
      this.pos += operator.length;
      // No expression ends with an operator: its operand may be on the next line.
      this.skipSpace(true);
      this.enter();
      const right = this.binary(BINARY_PRECEDENCE[operator] + 1);
      this.depth--;
      left = {
        kind: 'operation',
        operator,
        operands: [left, right],
        line: left.line,
      };
    }
  }

  private binaryOperator(): string | undefined {
    const code = this.peek();
    const next = this.peekAt(1);
    switch (code) {
      case Code.Pipe:
        return next === Code.Pipe ? '||' : undefined;
      case Code.Ampersand:
        return next === Code.Ampersand ? '&&' : undefined;
      case Code.Equals:
        return next === Code.Equals ? '==' : undefined;
      case Code.Bang:
        return next === Code.Equals ? '!=' : undefined;
      case Code.Less:
      case Code.Greater:
        return next === Code.Equals
          ? `${String.fromCharCode(code)}=`
          : String.fromCharCode(code);
      case Code.Plus:
      case Code.Star:
      case Code.Percent:
        return String.fromCharCode(code);
      case Code.Minus:
        // `->` is no operator; a minus is.
        return next === Code.Greater ? undefined : '-';
      case Code.Slash:
        // `//` and `/*` start comments, which skipSpace has consumed already.
        return '/';
      default:
        return undefined;
    }
  }

  private unary(): HclExpression {
    const code = this.peek();
    if (code !== Code.Minus && code !== Code.Bang) return this.postfix();
    const line = this.line;
    this.pos++;
    this.skipSpace(this.bracketDepth > 0);
    this.enter();
    const operand = this.unary();
    this.depth--;
    // A negative number is a number, not an operation on one.
    if (
      code === Code.Minus &&
      operand.kind === 'literal' &&
      typeof operand.value === 'number'
    ) {
      return { kind: 'literal', value: -operand.value, line };
    }
    return {
      kind: 'operation',
      operator: code === Code.Minus ? '-' : '!',
      operands: [operand],
      line,
    };
  }

  /** A term and its traversal: `.name`, `.0`, `[key]`, `.*`, `[*]`. */
  private postfix(): HclExpression {
    let source = this.primary();
    let steps: HclTraversalStep[] = [];
    // After `.*` (a legacy splat), only `.name` and `.0` are read from each element; what follows reads the list it makes (`x.*.names[0]` is `[for o in x : o.names][0]`).
    let inLegacySplat = false;
    for (;;) {
      this.skipSpace(false);
      const code = this.peek();
      const next = this.peekAt(1);
      if (
        inLegacySplat &&
        (code === Code.OpenBracket || (code === Code.Dot && next === Code.Star))
      ) {
        source = { kind: 'traversal', source, steps, line: source.line };
        steps = [];
        inLegacySplat = false;
      }
      if (code === Code.Dot) {
        if (next === Code.Dot) break; // `...` expands a call's last argument
        if (next === Code.Star) {
          this.pos += 2;
          steps.push({ kind: 'splat' });
          inLegacySplat = true;
        } else if (isDigit(next)) {
          this.pos++;
          const line = this.line;
          steps.push({
            kind: 'index',
            key: { kind: 'literal', value: Number(this.digits()), line },
          });
        } else if (isIdStart(next)) {
          this.pos++;
          steps.push({ kind: 'attribute', name: this.identifier() });
        } else {
          throw this.unexpected('an attribute name after "."');
        }
      } else if (code === Code.OpenBracket) {
        this.pos++;
        this.bracketDepth++;
        this.skipSpace(true);
        if (this.peek() === Code.Star) {
          this.pos++;
          steps.push({ kind: 'splat' });
        } else {
          steps.push({ kind: 'index', key: this.expression() });
        }
        this.skipSpace(true);
        this.closeBracket(Code.CloseBracket, '"]"');
      } else {
        break;
      }
    }
    return steps.length === 0
      ? source
      : { kind: 'traversal', source, steps, line: source.line };
  }

  private primary(): HclExpression {
    const code = this.peek();
    const line = this.line;
    if (isDigit(code)) return { kind: 'literal', value: this.number(), line };
    if (code === Code.Quote) return this.quotedTemplate();
    if (code === Code.Less && this.peekAt(1) === Code.Less)
      return this.heredoc();
    if (code === Code.OpenParen) {
      this.pos++;
      this.bracketDepth++;
      this.skipSpace(true);
      const inner = this.expression();
      this.skipSpace(true);
      this.closeBracket(Code.CloseParen, '")"');
      return inner;
    }
    if (code === Code.OpenBracket) return this.tuple();
    if (code === Code.OpenBrace) return this.object();
    if (isIdStart(code)) {
      let name = this.identifier();
      if (name === 'true' || name === 'false')
        return { kind: 'literal', value: name === 'true', line };
      if (name === 'null') return { kind: 'literal', value: null, line };
      // Provider-defined functions: `provider::aws::arn_parse(…)`.
      while (
        this.peek() === Code.Colon &&
        this.peekAt(1) === Code.Colon &&
        isIdStart(this.peekAt(2))
      ) {
        this.pos += 2;
        name += `::${this.identifier()}`;
      }
      this.skipSpace(false);
      if (this.peek() === Code.OpenParen) return this.call(name, line);
      return { kind: 'variable', name, line };
    }
    throw this.unexpected('an expression');
  }

  private call(name: string, line: number): HclExpression {
    this.pos++;
    this.bracketDepth++;
    const args: HclExpression[] = [];
    let expandsLast = false;
    this.skipSpace(true);
    while (this.peek() !== Code.CloseParen) {
      args.push(this.expression());
      this.skipSpace(true);
      if (this.peek() === Code.Dot && this.text.startsWith('...', this.pos)) {
        this.pos += 3;
        expandsLast = true;
        this.skipSpace(true);
      }
      if (this.peek() === Code.Comma) {
        this.pos++;
        this.skipSpace(true);
      } else if (this.peek() !== Code.CloseParen) {
        throw this.unexpected(`"," or ")" in the arguments of ${name}`);
      }
    }
    this.closeBracket(Code.CloseParen, '")"');
    return { kind: 'call', name, args, expandsLast, line };
  }

  private tuple(): HclExpression {
    const line = this.line;
    this.pos++;
    this.bracketDepth++;
    this.skipSpace(true);
    if (this.atKeyword('for'))
      return this.forExpression(Code.CloseBracket, line);
    const items: HclExpression[] = [];
    while (this.peek() !== Code.CloseBracket) {
      items.push(this.expression());
      this.skipSpace(true);
      if (this.peek() === Code.Comma) {
        this.pos++;
        this.skipSpace(true);
      } else if (this.peek() !== Code.CloseBracket) {
        throw this.unexpected('"," or "]"');
      }
    }
    this.closeBracket(Code.CloseBracket, '"]"');
    return { kind: 'tuple', items, line };
  }

  private object(): HclExpression {
    const line = this.line;
    this.pos++;
    this.bracketDepth++;
    this.skipSpace(true);
    if (this.atKeyword('for')) return this.forExpression(Code.CloseBrace, line);
    const items: { key: HclExpression; value: HclExpression; line: number }[] =
      [];
    while (this.peek() !== Code.CloseBrace) {
      const itemLine = this.line;
      const key = this.objectKey();
      this.skipSpace(true);
      if (this.atKeySeparator()) this.pos++;
      else throw this.unexpected('"=" or ":" after an object key');
      this.skipSpace(true);
      items.push({ key, value: this.expression(), line: itemLine });
      this.skipSpace(true);
      // Elements are separated by commas or newlines (skipped above).
      if (this.peek() === Code.Comma) {
        this.pos++;
        this.skipSpace(true);
      }
    }
    this.closeBracket(Code.CloseBrace, '"}"');
    return { kind: 'object', items, line };
  }

  /** At the `=` or `:` between an object's key and its value (not `==`). */
  private atKeySeparator(): boolean {
    const code = this.peek();
    return (
      (code === Code.Equals && this.peekAt(1) !== Code.Equals) ||
      code === Code.Colon
    );
  }

  /** A bare identifier names the key itself (`{ name = 1 }`); anything else is evaluated (`{ (var.k) = 1 }`). */
  private objectKey(): HclExpression {
    const line = this.line;
    if (isIdStart(this.peek())) {
      const start = this.pos;
      const name = this.identifier();
      this.skipSpace(true);
      if (this.atKeySeparator()) return { kind: 'literal', value: name, line };
      this.pos = start;
      this.line = line;
    }
    return this.expression();
  }

  /** `[for v in xs : f(v) if c]` or `{for k, v in m : k => v... if c}`: read, kept as its kind only. */
  private forExpression(close: number, line: number): HclExpression {
    this.identifier(); // for
    this.skipSpace(true);
    const { names, collection } = this.forHeader('for expression');
    this.skipSpace(true);
    this.expect(Code.Colon, '":" of a for expression');
    this.skipSpace(true);
    let key: HclExpression | undefined;
    let value = this.expression();
    let grouped = false;
    this.skipSpace(true);
    if (close === Code.CloseBrace) {
      if (!(this.peek() === Code.Equals && this.peekAt(1) === Code.Greater))
        throw this.unexpected('"=>" of a for expression');
      this.pos += 2;
      this.skipSpace(true);
      key = value;
      value = this.expression();
      this.skipSpace(true);
      if (this.text.startsWith('...', this.pos)) {
        this.pos += 3;
        grouped = true;
        this.skipSpace(true);
      }
    }
    let condition: HclExpression | undefined;
    if (this.atKeyword('if')) {
      this.identifier();
      this.skipSpace(true);
      condition = this.expression();
      this.skipSpace(true);
    }
    this.closeBracket(close, close === Code.CloseBrace ? '"}"' : '"]"');
    return {
      kind: 'for',
      keyName: names.length === 2 ? names[0] : undefined,
      valueName: names[names.length - 1],
      collection,
      key,
      value,
      grouped,
      condition,
      line,
    };
  }

  // ---- templates ----

  private quotedTemplate(): HclExpression {
    const line = this.line;
    this.pos++;
    const parts = this.templateParts(Code.Quote);
    this.pos++; // the closing quote
    return { kind: 'template', parts, indentedHeredoc: false, line };
  }

  /**
   * `<<EOT` / `<<-EOT`, a newline, then lines up to one holding only the
   * marker. The content keeps its last newline, as in Terraform.
   */
  private heredoc(): HclExpression {
    const line = this.line;
    this.pos += 2;
    const indented = this.peek() === Code.Minus;
    if (indented) this.pos++;
    if (!isIdStart(this.peek())) throw this.unexpected('a heredoc marker');
    const marker = this.identifier();
    while (
      this.peek() === Code.Space ||
      this.peek() === Code.Tab ||
      this.peek() === Code.Return
    )
      this.pos++;
    if (this.peek() !== Code.Newline)
      throw this.unexpected('a newline after the heredoc marker');
    this.newline();
    const contentStart = this.pos;
    let lineStart = this.pos;
    let contentEnd = -1;
    // A marker found missing once is missing from every later point: broken files of many heredocs stay linear.
    const missingFrom = this.markersMissingFrom.get(marker);
    if (missingFrom !== undefined && missingFrom <= lineStart)
      lineStart = this.text.length;
    while (lineStart < this.text.length) {
      let lineEnd = this.text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = this.text.length;
      if (this.text.slice(lineStart, lineEnd).trim() === marker) {
        contentEnd = lineStart;
        break;
      }
      lineStart = lineEnd + 1;
    }
    if (contentEnd < 0) {
      this.markersMissingFrom.set(marker, contentStart);
      throw new HclError(
        this.message(`heredoc ${marker} has no closing ${marker} line`, line),
        line,
      );
    }
    const content = new Parser(
      this.text.slice(contentStart, contentEnd),
      this.line,
      this.countLines,
    );
    content.depth = this.depth;
    const parts = content.templateParts(-1, indented);
    this.errors.push(...content.errors);
    this.line = content.line;
    this.pos = contentEnd;
    // The marker line.
    while (this.pos < this.text.length && this.peek() !== Code.Newline)
      this.pos++;
    this.heredocEnd = this.pos;
    return {
      kind: 'template',
      parts,
      indentedHeredoc: indented,
      heredoc: true,
      line,
    };
  }

  /**
   * Template content up to `end` (a quote, or -1 for the end of the text:
   * heredoc content and `.tf.json` strings, which take no backslash escapes).
   * `indented`: a `<<-` heredoc's, whose lines lose the indentation they share.
   *
   * Strip markers (`${~`, `~}`) trim the spaces of the literal token next
   * to them, as Terraform does: in a quoted string the whole literal, in
   * other templates (read line by line) only its line on that side, up to
   * and with its newline.
   */
  private templateParts(end: number, indented = false): HclTemplatePart[] {
    const parts: HclTemplatePart[] = [];
    const quoted = end === Code.Quote;
    let literal = '';
    let chunkStart = this.pos;
    const flush = () => {
      literal += this.text.slice(chunkStart, this.pos);
    };
    // Every token in the order written: a literal, as where it is kept, or undefined for an interpolation or directive.
    const tokens: (LiteralPlace | undefined)[] = [];
    let stripNext = false;
    /** Ends the literal before an interpolation, a directive or the end; `stripBefore`: one opening with `~`. */
    const endLiteral = (into: HclTemplatePart[], stripBefore: boolean) => {
      if (stripNext) {
        const lineEnd = quoted ? -1 : literal.indexOf('\n');
        const first = lineEnd < 0 ? literal.length : lineEnd + 1;
        literal = literal.slice(0, first).trimStart() + literal.slice(first);
        stripNext = false;
      }
      if (stripBefore) {
        const last = quoted ? 0 : lastLineStart(literal);
        literal = literal.slice(0, last) + literal.slice(last).trimEnd();
      }
      if (literal) {
        into.push(literal);
        tokens.push({ parts: into, index: into.length - 1 });
      }
      literal = '';
    };
    // `%{ if }` and `%{ for }` open, `%{ endif }` and `%{ endfor }` close:
    // what lies between is the directive's.
    const open: OpenDirective[] = [];
    const target = (): HclTemplatePart[] => {
      const innermost = open[open.length - 1];
      if (!innermost) return parts;
      if (innermost.directive === 'for') return innermost.body;
      return innermost.inElse ? innermost.otherwise : innermost.then;
    };
    for (;;) {
      if (this.pos >= this.text.length) {
        if (quoted)
          throw new HclError(this.message('unterminated string'), this.line);
        break;
      }
      const code = this.peek();
      if (quoted && code === Code.Quote) break;
      if (code === Code.Newline) {
        if (quoted)
          throw new HclError(
            this.message(
              'unterminated string (a quoted string ends on its line)',
            ),
            this.line,
          );
        this.pos++;
        if (this.countLines) this.line++;
        continue;
      }
      if (quoted && code === Code.Backslash) {
        flush();
        literal += this.escape();
        chunkStart = this.pos;
        continue;
      }
      const next = this.peekAt(1);
      if (
        (code === Code.Dollar || code === Code.Percent) &&
        next === code &&
        this.peekAt(2) === Code.OpenBrace
      ) {
        // `$${` and `%%{` are the literal `${` and `%{`.
        flush();
        literal += code === Code.Dollar ? '${' : '%{';
        this.pos += 3;
        chunkStart = this.pos;
        continue;
      }
      if (
        (code === Code.Dollar || code === Code.Percent) &&
        next === Code.OpenBrace
      ) {
        const line = this.line;
        flush();
        this.pos += 2;
        const stripBefore = this.peek() === Code.Tilde;
        if (stripBefore) this.pos++;
        endLiteral(target(), stripBefore);
        tokens.push(undefined);
        const outer = this.bracketDepth;
        // Inside the braces newlines are spaces, even in a quoted string.
        this.bracketDepth = 1;
        this.skipSpace(true);
        if (code === Code.Dollar) target().push(this.expression());
        else {
          const closed = this.directive(open, line);
          if (closed) target().push(closed);
        }
        this.skipSpace(true);
        const stripAfter = this.peek() === Code.Tilde;
        if (stripAfter) this.pos++;
        this.expect(
          Code.CloseBrace,
          code === Code.Dollar
            ? '"}" closing an interpolation'
            : '"}" closing a directive',
        );
        this.bracketDepth = outer;
        stripNext = stripAfter;
        chunkStart = this.pos;
        continue;
      }
      this.pos++;
    }
    if (open.length > 0) {
      throw new HclError(
        this.message('template directive without its end', open[0].line),
        open[0].line,
      );
    }
    flush();
    endLiteral(parts, false);
    if (indented) removeSharedIndentation(tokens);
    return parts;
  }

  /** After `for`: `<name>[, <name>] in <collection>`. */
  private forHeader(what: string): {
    names: string[];
    collection: HclExpression;
  } {
    const names: string[] = [];
    const name = (after: string) => {
      if (!isIdStart(this.peek()))
        throw this.unexpected(`a name after ${after} of a ${what}`);
      names.push(this.identifier());
      this.skipSpace(true);
    };
    name('"for"');
    if (this.peek() === Code.Comma) {
      this.pos++;
      this.skipSpace(true);
      name('","');
    }
    if (!this.atKeyword('in')) throw this.unexpected(`"in" of a ${what}`);
    this.identifier();
    this.skipSpace(true);
    return { names, collection: this.expression() };
  }

  /**
   * The inside of `%{ … }`: `if <condition>`, `for <name>[, <name>] in
   * <collection>`, `else`, `endif`, `endfor`. Opens a directive on `open`,
   * or closes the innermost one and returns it.
   */
  private directive(
    open: OpenDirective[],
    line: number,
  ): HclDirective | undefined {
    const keyword = isIdStart(this.peek()) ? this.identifier() : '';
    this.skipSpace(true);
    const innermost = open[open.length - 1];
    // The innermost open directive, where `keyword` may stand in it.
    const closing = (directive: HclDirective['directive']): OpenDirective => {
      if (
        innermost?.directive === directive &&
        !(keyword === 'else' && innermost.inElse)
      )
        return innermost;
      throw new HclError(
        this.message(
          innermost
            ? `"${keyword}" in a "${innermost.directive}" directive`
            : `"${keyword}" without an open directive`,
        ),
        this.line,
      );
    };
    // Directives nest as brackets do: what reads them recurses.
    if (keyword === 'if' || keyword === 'for') this.enter();
    switch (keyword) {
      case 'if':
        open.push({
          kind: 'directive',
          directive: 'if',
          line,
          condition: this.expression(),
          then: [],
          otherwise: [],
          inElse: false,
        });
        return undefined;
      case 'for': {
        const { names, collection } = this.forHeader('for directive');
        const [first, second] = names;
        open.push({
          kind: 'directive',
          directive: 'for',
          line,
          ...(second === undefined
            ? { valueName: first }
            : { keyName: first, valueName: second }),
          collection,
          body: [],
          inElse: false,
        });
        return undefined;
      }
      case 'else':
        closing('if').inElse = true;
        return undefined;
      case 'endif':
      case 'endfor': {
        const { inElse, ...closed } = closing(
          keyword === 'endif' ? 'if' : 'for',
        );
        open.pop();
        this.depth--;
        return closed;
      }
      default:
        throw new HclError(
          this.message(`unknown template directive "${keyword}"`),
          this.line,
        );
    }
  }

  private escape(): string {
    const letter = this.text[this.pos + 1];
    if (letter === 'u' || letter === 'U') {
      const length = letter === 'u' ? 4 : 8;
      const hex = this.text.slice(this.pos + 2, this.pos + 2 + length);
      if (hex.length === length && /^[0-9a-fA-F]+$/.test(hex)) {
        const codePoint = parseInt(hex, 16);
        if (codePoint <= 0x10ffff) {
          this.pos += 2 + length;
          return String.fromCodePoint(codePoint);
        }
      }
    }
    const replacement =
      letter === undefined ? undefined : QUOTED_ESCAPES[letter];
    if (replacement === undefined)
      throw new HclError(
        this.message(`invalid escape "\\${letter ?? ''}"`),
        this.line,
      );
    this.pos += 2;
    return replacement;
  }

  // ---- tokens ----

  private identifier(): string {
    const start = this.pos;
    this.pos++;
    while (
      this.pos < this.text.length &&
      isIdContinue(this.text.charCodeAt(this.pos))
    )
      this.pos++;
    return this.text.slice(start, this.pos);
  }

  private digits(): string {
    const start = this.pos;
    while (isDigit(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private number(): number {
    const start = this.pos;
    this.digits();
    if (this.peek() === Code.Dot && isDigit(this.peekAt(1))) {
      this.pos++;
      this.digits();
    }
    const exponent = this.peek();
    if (exponent === 101 || exponent === 69) {
      const sign = this.peekAt(1);
      const offset = sign === Code.Plus || sign === Code.Minus ? 2 : 1;
      if (isDigit(this.peekAt(offset))) {
        this.pos += offset;
        this.digits();
      }
    }
    return Number(this.text.slice(start, this.pos));
  }

  private atKeyword(keyword: string): boolean {
    return (
      this.text.startsWith(keyword, this.pos) &&
      !isIdContinue(this.peekAt(keyword.length))
    );
  }

  /**
   * Skips spaces and comments, and newlines when `newlines` is true (inside
   * brackets, or between items of a body).
   */
  private skipSpace(newlines: boolean): void {
    const text = this.text;
    if (this.pos !== this.spaceEnd) this.spaceStart = this.pos;
    for (;;) {
      const code = text.charCodeAt(this.pos);
      if (code === Code.Space || code === Code.Tab || code === Code.Return) {
        this.pos++;
      } else if (code === Code.Newline) {
        if (!newlines) {
          this.spaceEnd = this.pos;
          return;
        }
        this.newline();
      } else if (
        code === Code.Hash ||
        (code === Code.Slash && text.charCodeAt(this.pos + 1) === Code.Slash)
      ) {
        const end = text.indexOf('\n', this.pos);
        this.pos = end < 0 ? text.length : end;
      } else if (
        code === Code.Slash &&
        text.charCodeAt(this.pos + 1) === Code.Star
      ) {
        const end =
          this.pos < this.commentEndMissingFrom
            ? text.indexOf('*/', this.pos + 2)
            : -1;
        if (end < 0)
          this.commentEndMissingFrom = Math.min(
            this.commentEndMissingFrom,
            this.pos,
          );
        if (end < 0)
          throw new HclError(this.message('unterminated comment'), this.line);
        this.advanceTo(end + 2);
      } else {
        this.spaceEnd = this.pos;
        return;
      }
    }
  }

  private expect(code: number, what: string): void {
    if (this.peek() !== code) throw this.unexpected(what);
    this.pos++;
  }

  private closeBracket(code: number, what: string): void {
    this.expect(code, what);
    this.bracketDepth--;
  }

  private enter(): void {
    if (++this.depth > MAX_HCL_DEPTH) {
      throw new HclError(
        this.message(`nests deeper than ${MAX_HCL_DEPTH} levels`),
        this.line,
        true,
      );
    }
  }

  private newline(): void {
    this.pos++;
    if (this.countLines) this.line++;
  }

  /** Moves to `end`, counting the newlines passed. */
  private advanceTo(end: number): void {
    if (this.countLines) {
      for (
        let i = this.text.indexOf('\n', this.pos);
        i >= 0 && i < end;
        i = this.text.indexOf('\n', i + 1)
      )
        this.line++;
    }
    this.pos = end;
  }

  private peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  private peekAt(offset: number): number {
    return this.text.charCodeAt(this.pos + offset);
  }

  private unexpected(expected: string): HclError {
    if (this.pos >= this.text.length)
      return new HclError(
        this.message(`unexpected end of the file, expected ${expected}`),
        this.line,
      );
    const code = this.peek();
    if (code > 127 && INVISIBLE.test(String.fromCharCode(code))) {
      // Shown as its code point: quoted, it could not be seen.
      const point = code.toString(16).toUpperCase().padStart(4, '0');
      return new HclError(
        this.message(
          `unexpected invisible character U+${point}, expected ${expected}`,
        ),
        this.line,
      );
    }
    const rest = this.text
      .slice(this.pos, this.pos + 40)
      .split('\n')[0]
      .replace(/[ \t\r]+$/, '');
    const shown = rest.length > 20 ? `${rest.slice(0, 20)}…` : rest;
    const found = shown ? JSON.stringify(shown) : 'end of the line';
    return new HclError(
      this.message(`unexpected ${found}, expected ${expected}`),
      this.line,
    );
  }

  private message(detail: string, line = this.line): string {
    return `invalid HCL on line ${line}: ${detail}`;
  }
}

/** Parses a `.tf` file; syntax errors are returned with their lines, and the rest of the file is read. */
export function parseHcl(text: string): {
  body: HclBody;
  errors: HclSyntaxError[];
} {
  // A byte-order mark is no content (Terraform skips it too).
  const parser = new Parser(
    text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
  );
  const body = parser.file();
  return { body, errors: parser.errors };
}

/**
 * Parses a string of a `.tf.json` file as a template (`"arn:${var.x}"`).
 * Every part gets `line`, the string's line in the JSON file. Undefined
 * when it does not parse.
 */
export function parseHclTemplate(
  text: string,
  line: number,
): HclExpression | undefined {
  const parser = new Parser(text, line, false);
  try {
    const template = parser.templateContent();
    return parser.errors.length === 0 ? template : undefined;
  } catch (error) {
    if (error instanceof HclError) return undefined;
    throw error;
  }
}

/** Where the last line of a text starts: after the newline before its end (a line keeps its own newline). */
function lastLineStart(text: string): number {
  for (let index = text.length - 2; index >= 0; index--)
    if (text[index] === '\n') return index + 1;
  return 0;
}

/**
 * `<<-EOT`: removes from the start of every line the indentation the lines
 * share, as Terraform does on the literal text before any value is in it:
 * a line that starts with an interpolation or a directive has none, and one
 * of spaces only is kept as it is and counts for none.
 */
function removeSharedIndentation(
  tokens: ReadonlyArray<LiteralPlace | undefined>,
): void {
  let shared = Infinity;
  let atLineStart = true;
  // Each literal's lines (with their newlines), and whether each starts a line that counts.
  const literals: {
    place: LiteralPlace;
    lines: string[];
    counts: boolean[];
  }[] = [];
  for (const place of tokens) {
    if (!place) {
      if (atLineStart) shared = 0;
      atLineStart = false;
      continue;
    }
    const lines = (place.parts[place.index] as string).split(/(?<=\n)/);
    const counts: boolean[] = [];
    for (const line of lines) {
      const startsLine = atLineStart;
      atLineStart = line.endsWith('\n');
      const count = startsLine && !(atLineStart && line.trim() === '');
      if (count)
        shared = Math.min(shared, line.length - line.trimStart().length);
      counts.push(count);
    }
    literals.push({ place, lines, counts });
  }
  if (shared === 0 || shared === Infinity) return;
  for (const { place, lines, counts } of literals) {
    place.parts[place.index] = lines
      .map((line, index) => (counts[index] ? line.slice(shared) : line))
      .join('');
  }
}
