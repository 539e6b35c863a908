/** Where each line of a text starts, found once: line numbers to offsets without scanning from the start each time. */
export class LineStarts {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
      this.starts.push(at + 1);
  }

  /** The number of the text's last line: a final newline ends a line, it starts none. */
  lastLine(): number {
    return this.text.endsWith('\n')
      ? this.starts.length - 1
      : this.starts.length;
  }

  /** Where 1-based line `line` starts; -1 when the text has fewer lines. */
  offset(line: number): number {
    return line >= 1 && line <= this.starts.length ? this.starts[line - 1] : -1;
  }
}
