/**
 * What the strings of a stack read as written, where an adapter built them
 * from the stack's inputs: CloudFormation parameters (their defaults),
 * Terraform variables (defaults and `.tfvars`). Rules read the values
 * (a parameter's default is the best guess of what is deployed); a rule
 * about what the code itself hardcodes (OPS-002) reads the text as written,
 * in which an input is a {@link INPUT} hole: whoever deploys chooses it.
 *
 * Strings are keyed by their text: a string written literally that equals
 * one built from inputs reads as built from them.
 */
import { Template, Value, concat, isMap } from './values';

/**
 * Stands in written text for what is not literal there: an input, a
 * reference, a pseudo parameter. A private-use character, which matches no
 * region, account or name pattern.
 */
export const HOLE = '\uE000';

export class WrittenText {
  private readonly written = new Map<string, string>();

  /** Records the value of an input: none of its text is written where it is used. */
  input(value: Value): void {
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      if (text !== '') this.written.set(text, HOLE);
    } else if (Array.isArray(value)) {
      for (const item of value) this.input(item);
    } else if (isMap(value)) {
      for (const item of Object.values(value)) this.input(item);
    }
  }

  /** A string as written. */
  of(text: string): string {
    return this.written.get(text) ?? text;
  }

  /**
   * `concat(parts)`, recording how its text parts read as written. Parts
   * for which `isLiteral` is true are text written in the code itself; the
   * others are values, which read as they were recorded.
   */
  concat(
    parts: ReadonlyArray<string | Value>,
    isLiteral: (index: number) => boolean,
  ): Value {
    const result = concat(parts);
    // Where no input was recorded, every text reads as itself: no part to look up.
    if (
      this.isEmpty ||
      !parts.some((part, index) => !isLiteral(index) && this.differs(part))
    )
      return result;
    const asWritten = concat(
      parts.map((part, index) =>
        isLiteral(index) ? part : this.asWritten(part),
      ),
    );
    this.record(result, asWritten);
    return result;
  }

  /**
   * Records how the strings of `value` read as written, from `asWritten`:
   * the same value built from the text as written (a document parsed from
   * both). Where the two differ in shape, nothing is recorded.
   */
  record(value: Value, asWritten: Value): void {
    if (typeof value === 'string') {
      if (typeof asWritten === 'string' && asWritten !== value)
        this.written.set(value, asWritten);
    } else if (value instanceof Template) {
      if (
        !(asWritten instanceof Template) ||
        asWritten.parts.length !== value.parts.length
      )
        return;
      value.parts.forEach((part, index) =>
        this.record(part, asWritten.parts[index]),
      );
    } else if (Array.isArray(value)) {
      if (!Array.isArray(asWritten) || asWritten.length !== value.length)
        return;
      value.forEach((item, index) => this.record(item, asWritten[index]));
    } else if (isMap(value) && isMap(asWritten)) {
      for (const [key, item] of Object.entries(value)) {
        if (Object.prototype.hasOwnProperty.call(asWritten, key))
          this.record(item, asWritten[key]);
      }
    }
  }

  /** True when some text of the value reads otherwise as written. */
  private differs(value: string | Value): boolean {
    if (typeof value === 'string' || typeof value === 'number')
      return this.written.has(String(value));
    return (
      value instanceof Template &&
      value.parts.some(
        part => typeof part === 'string' && this.written.has(part),
      )
    );
  }

  /** A string, or a template's text parts, as written. */
  private asWritten(value: string | Value): string | Value {
    if (typeof value === 'string' || typeof value === 'number')
      return this.of(String(value));
    if (value instanceof Template)
      return new Template(
        value.parts.map(part =>
          typeof part === 'string' ? this.of(part) : part,
        ),
      );
    return value;
  }

  /** True when no input was recorded: every string reads as itself. */
  get isEmpty(): boolean {
    return this.written.size === 0;
  }
}
