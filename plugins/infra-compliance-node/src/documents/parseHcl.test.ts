import {
  HclExpression,
  HclTemplatePart,
  MAX_HCL_DEPTH,
  MAX_HCL_ERRORS,
  parseHcl,
  parseHclTemplate,
} from './parseHcl';

/** The expression of the only attribute of a one-attribute file. */
function expressionOf(source: string): HclExpression {
  const { body, errors } = parseHcl(`v = ${source}\n`);
  expect(errors).toEqual([]);
  expect(body.attributes).toHaveLength(1);
  return body.attributes[0].expression;
}

const literal = (value: string | number | boolean | null, line = 1) => ({
  kind: 'literal',
  value,
  line,
});
const template = (parts: unknown[], line = 1, indentedHeredoc = false) => ({
  kind: 'template',
  parts,
  indentedHeredoc,
  line,
});
const variable = (name: string, line = 1) => ({ kind: 'variable', name, line });
const operation = (operator: string, ...operands: unknown[]) => ({
  kind: 'operation',
  operator,
  operands,
  line: 1,
});

describe('parseHcl', () => {
  it('reads attributes and blocks with labels, nested blocks, one-line blocks and their lines', () => {
    const { body, errors } = parseHcl(`# a comment
terraform {
  required_version = ">= 1.5"
}

resource "aws_sqs_queue" "orders" {
  name = "orders" // trailing comment
  /* a block
     comment */
  redrive_policy {
    max_receive_count = 5
  }
  lifecycle { prevent_destroy = true }
}
locals {}
`);
    expect(errors).toEqual([]);
    expect(body.attributes).toEqual([]);
    expect(
      body.blocks.map(block => [block.type, block.labels, block.line]),
    ).toEqual([
      ['terraform', [], 2],
      ['resource', ['aws_sqs_queue', 'orders'], 6],
      ['locals', [], 15],
    ]);
    const queue = body.blocks[1].body;
    expect(queue.attributes).toEqual([
      {
        name: 'name',
        line: 7,
        expression: template(['orders'], 7),
        text: '"orders"',
      },
    ]);
    expect(
      queue.blocks.map(block => [
        block.type,
        block.line,
        block.body.attributes.map(a => [a.name, a.line, a.expression]),
      ]),
    ).toEqual([
      ['redrive_policy', 10, [['max_receive_count', 11, literal(5, 11)]]],
      ['lifecycle', 13, [['prevent_destroy', 13, literal(true, 13)]]],
    ]);
  });

  it('reads literals, negative numbers and exponents', () => {
    expect(expressionOf('14')).toEqual(literal(14));
    expect(expressionOf('1.5e3')).toEqual(literal(1500));
    expect(expressionOf('-1')).toEqual(literal(-1));
    expect(expressionOf('false')).toEqual(literal(false));
    expect(expressionOf('null')).toEqual(literal(null));
  });

  it('applies the escapes of quoted templates, and keeps $${ and %%{ literal', () => {
    expect(expressionOf(String.raw`"a\"b\\c\n\t\u00e9\U0001F600"`)).toEqual(
      template(['a"b\\c\n\té😀']),
    );
    expect(expressionOf('"cost: $${x} and %%{y}"')).toEqual(
      template(['cost: ${x} and %{y}']),
    );
  });

  it('keeps the spaces around interpolations, and strip markers remove them', () => {
    expect(expressionOf('"Subnet for ${var.az} now"')).toEqual(
      template([
        'Subnet for ',
        {
          kind: 'traversal',
          source: variable('var'),
          steps: [{ kind: 'attribute', name: 'az' }],
          line: 1,
        },
        ' now',
      ]),
    );
    expect(expressionOf('"a  ${~ x ~}  b"')).toEqual(
      template(['a', variable('x'), 'b']),
    );
  });

  it('reads a template directive up to its end, with the parts it holds', () => {
    expect(expressionOf('"x%{ if var.on }on%{ else }off%{ endif }y"')).toEqual(
      template([
        'x',
        expect.objectContaining({
          kind: 'directive',
          directive: 'if',
          line: 1,
          then: ['on'],
          otherwise: ['off'],
        }),
        'y',
      ]),
    );
    expect(
      expressionOf(
        '"%{ for i, s in ["a", "b"] }${s}%{ if s == "a" },%{ endif }%{ endfor }!"',
      ),
    ).toEqual(
      template([
        expect.objectContaining({
          kind: 'directive',
          directive: 'for',
          line: 1,
          keyName: 'i',
          valueName: 's',
          body: [
            variable('s'),
            expect.objectContaining({
              directive: 'if',
              then: [','],
              otherwise: [],
            }),
          ],
        }),
        '!',
      ]),
    );
  });

  it('reads heredocs with their last newline, and the indented form without the indentation its lines share', () => {
    const { body, errors } = parseHcl(`policy = <<EOF
  {
    "Arn": "\${aws_sqs_queue.q.arn}"
  }
EOF
indented = <<-EOT
    line one
      line two
    EOT
after = 1
`);
    expect(errors).toEqual([]);
    expect(body.attributes.map(a => [a.name, a.line])).toEqual([
      ['policy', 1],
      ['indented', 6],
      ['after', 10],
    ]);
    const arn = {
      kind: 'traversal',
      source: variable('aws_sqs_queue', 3),
      steps: [
        { kind: 'attribute', name: 'q' },
        { kind: 'attribute', name: 'arn' },
      ],
      line: 3,
    };
    expect(body.attributes[0].expression).toEqual({
      ...template(['  {\n    "Arn": "', arn, '"\n  }\n']),
      heredoc: true,
    });
    expect(body.attributes[1].expression).toEqual({
      ...template(['line one\n  line two\n'], 6, true),
      heredoc: true,
    });
  });

  it('strips around strip markers, and removes the shared indentation of <<- heredocs, line by line as Terraform does', () => {
    const literalsOf = (text: string) => {
      const { body, errors } = parseHcl(`a = ${text}\n`);
      expect(errors).toEqual([]);
      const literals: string[] = [];
      const collect = (parts: HclTemplatePart[]) => {
        for (const part of parts) {
          if (typeof part === 'string') literals.push(part);
          else if (part.kind === 'directive' && part.directive === 'for')
            collect(part.body);
          else if (part.kind === 'directive') {
            collect(part.then);
            collect(part.otherwise);
          }
        }
      };
      const expression = body.attributes[0].expression;
      if (expression.kind === 'template') collect(expression.parts);
      return literals;
    };
    // Outside a quoted string, a strip marker trims the line next to it only: the line after keeps its indentation.
    expect(
      literalsOf(`<<EOT
x
%{ for v in var.l ~}
  \${v}
%{ endfor ~}
y
EOT`),
    ).toEqual(['x\n', '  ', '\n', 'y\n']);
    expect(
      literalsOf(`<<EOT
x
%{~ for v in var.l ~}
  \${v}
%{~ endfor ~}
y
EOT`),
    ).toEqual(['x', '  ', 'y\n']);
    // In a quoted string, the whole literal, escaped newlines too.
    expect(literalsOf('"a\\n  ${~ var.x ~}\\n  b"')).toEqual(['a', 'b']);
    // The indentation is counted before any value: a line a directive starts has none; spaces trimmed away count as none.
    expect(
      literalsOf(`<<-EOT
    a
    %{ if var.on }
      b
%{ endif }
    c
  EOT`),
    ).toEqual(['    a\n    ', '\n      b\n', '\n    c\n']);
    expect(
      literalsOf(`<<-EOT
    a
    %{~ if var.on ~}
      b
    %{~ endif ~}
    c
  EOT`),
    ).toEqual(['    a\n', '      b\n', '    c\n']);
    // A line of spaces only keeps them, and counts for none.
    expect(
      literalsOf(`<<-EOT
      a
  
    \${var.x}
  EOT`),
    ).toEqual(['  a\n  \n', '\n']);
  });

  it('reads tuples and objects over several lines, with commas or newlines between elements', () => {
    expect(
      expressionOf(`{
  name = "a"
  "quoted key": 2,
  (var.key) = [1,
    2,]
}`),
    ).toEqual({
      kind: 'object',
      items: [
        { key: literal('name', 2), value: template(['a'], 2), line: 2 },
        { key: template(['quoted key'], 3), value: literal(2, 3), line: 3 },
        {
          key: {
            kind: 'traversal',
            source: variable('var', 4),
            steps: [{ kind: 'attribute', name: 'key' }],
            line: 4,
          },
          value: {
            kind: 'tuple',
            items: [literal(1, 4), literal(2, 5)],
            line: 4,
          },
          line: 4,
        },
      ],
      line: 1,
    });
  });

  it('reads traversals: attributes, legacy and bracket indexes, splats', () => {
    expect(expressionOf('aws_instance.web[0].id')).toEqual({
      kind: 'traversal',
      source: variable('aws_instance'),
      steps: [
        { kind: 'attribute', name: 'web' },
        { kind: 'index', key: literal(0) },
        { kind: 'attribute', name: 'id' },
      ],
      line: 1,
    });
    expect(expressionOf('var.list.1')).toEqual({
      kind: 'traversal',
      source: variable('var'),
      steps: [
        { kind: 'attribute', name: 'list' },
        { kind: 'index', key: literal(1) },
      ],
      line: 1,
    });
    expect(expressionOf('aws_sqs_queue.q[*].arn')).toEqual({
      kind: 'traversal',
      source: variable('aws_sqs_queue'),
      steps: [
        { kind: 'attribute', name: 'q' },
        { kind: 'splat' },
        { kind: 'attribute', name: 'arn' },
      ],
      line: 1,
    });
    expect(expressionOf('x.*.y')).toMatchObject({
      steps: [{ kind: 'splat' }, { kind: 'attribute', name: 'y' }],
    });
    // A legacy splat reads only `.name` and `.0` from each element: `[0]` reads the list it makes.
    expect(expressionOf('x.*.y.0[1].z')).toEqual({
      kind: 'traversal',
      source: {
        kind: 'traversal',
        source: variable('x'),
        steps: [
          { kind: 'splat' },
          { kind: 'attribute', name: 'y' },
          { kind: 'index', key: literal(0) },
        ],
        line: 1,
      },
      steps: [
        { kind: 'index', key: literal(1) },
        { kind: 'attribute', name: 'z' },
      ],
      line: 1,
    });
  });

  it('reads function calls, provider functions and expanded arguments', () => {
    expect(expressionOf('merge(local.tags, { a = 1 })')).toMatchObject({
      kind: 'call',
      name: 'merge',
      expandsLast: false,
      args: [{ kind: 'traversal' }, { kind: 'object' }],
    });
    expect(expressionOf('concat(var.lists...)')).toMatchObject({
      kind: 'call',
      name: 'concat',
      expandsLast: true,
    });
    expect(expressionOf('provider::aws::arn_parse(var.arn)')).toMatchObject({
      kind: 'call',
      name: 'provider::aws::arn_parse',
    });
    expect(expressionOf('jsonencode({\n  a = 1\n})')).toMatchObject({
      kind: 'call',
      args: [{ kind: 'object' }],
    });
  });

  it('reads operators with HCL precedence, conditionals and for expressions', () => {
    const a = variable('a');
    const b = variable('b');
    const c = variable('c');
    expect(expressionOf('a || b && c')).toEqual(
      operation('||', a, operation('&&', b, c)),
    );
    expect(expressionOf('a - b - c')).toEqual(
      operation('-', operation('-', a, b), c),
    );
    expect(expressionOf('!a')).toEqual(operation('!', a));
    expect(expressionOf('a == 1 ? b : c')).toEqual({
      kind: 'conditional',
      condition: operation('==', a, literal(1)),
      whenTrue: b,
      whenFalse: c,
      line: 1,
    });
    const list = {
      kind: 'traversal',
      source: variable('var'),
      steps: [{ kind: 'attribute', name: 'list' }],
      line: 1,
    };
    expect(expressionOf('[for s in var.list : upper(s) if s != ""]')).toEqual({
      kind: 'for',
      keyName: undefined,
      valueName: 's',
      collection: list,
      key: undefined,
      value: {
        kind: 'call',
        name: 'upper',
        args: [variable('s')],
        expandsLast: false,
        line: 1,
      },
      grouped: false,
      condition: operation('!=', variable('s'), template([])),
      line: 1,
    });
    expect(expressionOf('{ for k, v in var.list : k => v... }')).toEqual({
      kind: 'for',
      keyName: 'k',
      valueName: 'v',
      collection: list,
      key: variable('k'),
      value: variable('v'),
      grouped: true,
      condition: undefined,
      line: 1,
    });
  });

  it('keeps the text of an attribute expression, without the comment after it', () => {
    const { body } = parseHcl(
      'source = "terraform-aws-modules/kms/aws" # pinned below\nversion = "~> 2.0"\n',
    );
    expect(body.attributes.map(a => a.text)).toEqual([
      '"terraform-aws-modules/kms/aws"',
      '"~> 2.0"',
    ]);
  });

  it('reads identifiers with dashes and non-ASCII letters', () => {
    expect(expressionOf('local.queue-name')).toMatchObject({
      steps: [{ kind: 'attribute', name: 'queue-name' }],
    });
    expect(expressionOf('var.größe')).toMatchObject({
      steps: [{ kind: 'attribute', name: 'größe' }],
    });
  });

  it('reports a syntax error with its line and reads the rest of the file', () => {
    const { body, errors } = parseHcl(`resource "aws_sqs_queue" "a" {
  name = = "x"
  delay_seconds = 5
}
resource "aws_sqs_queue" "b" {
  tags = { a = "1" b }
}
`);
    expect(errors).toEqual([
      {
        line: 2,
        message:
          'invalid HCL on line 2: unexpected "= \\"x\\"", expected an expression',
      },
      {
        line: 6,
        message:
          'invalid HCL on line 6: unexpected "}", expected "=" or ":" after an object key',
      },
    ]);
    expect(
      body.blocks.map(block => [
        block.labels[1],
        block.body.attributes.map(a => a.name),
      ]),
    ).toEqual([
      ['a', ['delay_seconds']],
      ['b', []],
    ]);
  });

  it('reports an argument set twice in one body at the second (Terraform refuses it) and reads the last, in the place of the first', () => {
    const { body, errors } = parseHcl(`name = "a"
resource "aws_sqs_queue" "a" {
  name          = "first"
  delay_seconds = 5
  name          = "second"
  tags          = {}
  name          = "third"
  redrive_policy {
    name = "nested"
  }
}
`);
    expect(errors).toEqual([
      {
        line: 5,
        message:
          'duplicate argument name (also on line 3): Terraform refuses it; the last is read',
      },
      {
        line: 7,
        message:
          'duplicate argument name (also on line 3): Terraform refuses it; the last is read',
      },
    ]);
    const queue = body.blocks[0].body;
    expect(queue.attributes.map(a => [a.name, a.line, a.text])).toEqual([
      ['name', 7, '"third"'],
      ['delay_seconds', 4, '5'],
      ['tags', 6, '{}'],
    ]);
    // Each body has its own arguments.
    expect(body.attributes.map(a => a.text)).toEqual(['"a"']);
    expect(queue.blocks[0].body.attributes.map(a => a.text)).toEqual([
      '"nested"',
    ]);
  });

  it('reports unterminated strings, heredocs, blocks and comments', () => {
    expect(parseHcl('a = "open\nb = 1\n').errors).toEqual([
      {
        line: 1,
        message:
          'invalid HCL on line 1: unterminated string (a quoted string ends on its line)',
      },
    ]);
    expect(parseHcl('a = <<EOT\nno end\n').errors).toEqual([
      {
        line: 1,
        message: 'invalid HCL on line 1: heredoc EOT has no closing EOT line',
      },
    ]);
    const unclosed = parseHcl('resource "x" "y" {\n  a = 1\n');
    expect(unclosed.errors).toEqual([
      {
        line: 3,
        message: 'invalid HCL on line 3: missing "}" at the end of the file',
      },
    ]);
    expect(unclosed.body.blocks[0].body.attributes.map(a => a.name)).toEqual([
      'a',
    ]);
    expect(parseHcl('a = 1 /* open\n').errors).toEqual([
      { line: 1, message: 'invalid HCL on line 1: unterminated comment' },
    ]);
  });

  it(`stops reading a garbled file after ${MAX_HCL_ERRORS} errors, keeping what it read`, () => {
    const { body, errors } = parseHcl(
      `ok = 1\n${'a = = 1\n'.repeat(10_000)}last = 2\n`,
    );
    expect(errors).toHaveLength(MAX_HCL_ERRORS + 1);
    expect(errors[MAX_HCL_ERRORS]).toEqual({
      line: MAX_HCL_ERRORS + 1,
      message: `invalid HCL on line ${
        MAX_HCL_ERRORS + 1
      }: more than ${MAX_HCL_ERRORS} syntax errors; the rest of the file is not read`,
    });
    expect(body.attributes.map(a => a.name)).toEqual(['ok']);
  });

  it('reads an operand or a branch of a conditional on the line after its operator', () => {
    const { body, errors } = parseHcl(
      'a = 1 +\n  2\nb = var.on ?\n  1 :\n  2\nc = 3\n',
    );
    expect(errors).toEqual([]);
    expect(
      body.attributes.map(a => [a.name, a.line, a.expression.kind]),
    ).toEqual([
      ['a', 1, 'operation'],
      ['b', 3, 'conditional'],
      ['c', 6, 'literal'],
    ]);
  });

  it('reads a conditional whose branch is a heredoc, its ":" on the line after the marker', () => {
    const { body, errors } = parseHcl(
      'policy = var.on ? <<-EOT\n  {}\n  EOT\n  : null\nnext = 1\n',
    );
    expect(errors).toEqual([]);
    expect(body.attributes.map(a => [a.name, a.expression.kind])).toEqual([
      ['policy', 'conditional'],
      ['next', 'literal'],
    ]);
  });

  it('reads directives and interpolations whose braces span lines, even in a quoted string', () => {
    const { body, errors } = parseHcl(
      'a = "%{ if var.on }${join(",",\n  var.list)}%{ endif }!"\nb = "%{ for s in\n var.list }${s}%{ endfor }"\nc = 2\n',
    );
    expect(errors).toEqual([]);
    expect(body.attributes.map(a => [a.name, a.line, a.expression])).toEqual([
      [
        'a',
        1,
        template([expect.objectContaining({ directive: 'if', line: 1 }), '!']),
      ],
      [
        'b',
        3,
        template([expect.objectContaining({ directive: 'for', line: 3 })], 3),
      ],
      ['c', 5, literal(2, 5)],
    ]);
    expect(parseHcl('a = "%{ else }"\n').errors).toEqual([
      {
        line: 1,
        message: 'invalid HCL on line 1: "else" without an open directive',
      },
    ]);
    expect(
      parseHcl('a = "%{ for s in var.list }${s}%{ endif }"\n').errors,
    ).toEqual([
      {
        line: 1,
        message: 'invalid HCL on line 1: "endif" in a "for" directive',
      },
    ]);
  });

  it('skips a byte-order mark, and reads names with letters beyond the Basic Multilingual Plane', () => {
    const { body, errors } = parseHcl(
      '\ufeffresource "aws_s3_bucket" "b" {\n  𝒳 = 1\n}\n',
    );
    expect(errors).toEqual([]);
    expect(body.blocks[0].body.attributes.map(a => a.name)).toEqual(['𝒳']);
  });

  it('keeps the closing brace of a one-line block whose content is broken, and names invisible characters', () => {
    const { body, errors } = parseHcl(
      'locals { a = [1 2] }\nresource "x" "y" {\n  b = 1\u00a0\n}\n',
    );
    expect(errors).toEqual([
      {
        line: 1,
        message:
          'invalid HCL on line 1: unexpected "2] }", expected "," or "]"',
      },
      {
        line: 3,
        message:
          'invalid HCL on line 3: unexpected invisible character U+00A0, expected a newline',
      },
    ]);
    expect(body.blocks.map(block => [block.type, block.line])).toEqual([
      ['locals', 1],
      ['resource', 2],
    ]);
  });

  it('does not let an attribute run on to the next line', () => {
    expect(parseHcl('a = 1\n+ 2\n').errors).toEqual([
      {
        line: 2,
        message:
          'invalid HCL on line 2: unexpected "+ 2", expected an attribute or a block',
      },
    ]);
    expect(parseHcl('a = 1 b = 2\n').errors).toEqual([
      {
        line: 1,
        message:
          'invalid HCL on line 1: unexpected "b = 2", expected a newline',
      },
    ]);
  });

  it(`refuses nesting deeper than ${MAX_HCL_DEPTH} levels, of brackets, blocks, templates or directives, without running out of stack`, () => {
    const deep = (open: string, close: string, around = '') =>
      parseHcl(
        `a = ${around}${open.repeat(20_000)}1${close.repeat(
          20_000,
        )}${around}\n`,
      );
    for (const [open, close, around] of [
      ['%{ if true }', '%{ endif }', '"'],
      ['%{ for x in [] }', '%{ endfor }', '"'],
      ['(', ')'],
      ['[', ']'],
      ['"${', '}"'],
      ['-', ''],
      ['!', ''],
    ]) {
      const { body, errors } = deep(open, close, around);
      expect(body).toEqual({ attributes: [], blocks: [] });
      expect(errors).toEqual([
        {
          line: 1,
          message: `invalid HCL on line 1: nests deeper than ${MAX_HCL_DEPTH} levels`,
        },
      ]);
    }
    expect(
      parseHcl(`${'a {\n'.repeat(1000)}${'}\n'.repeat(1000)}`).errors,
    ).toEqual([
      {
        line: MAX_HCL_DEPTH + 1,
        message: `invalid HCL on line ${
          MAX_HCL_DEPTH + 1
        }: nests deeper than ${MAX_HCL_DEPTH} levels`,
      },
    ]);
  });
});

describe('parseHclTemplate', () => {
  it('reads a .tf.json string as a template on one line, without backslash escapes', () => {
    expect(parseHclTemplate('arn:${var.partition}:sqs\\n\nx', 7)).toEqual(
      template(
        [
          'arn:',
          {
            kind: 'traversal',
            source: variable('var', 7),
            steps: [{ kind: 'attribute', name: 'partition' }],
            line: 7,
          },
          ':sqs\\n\nx',
        ],
        7,
      ),
    );
  });

  it('is undefined for a template that does not parse', () => {
    expect(parseHclTemplate('${var.', 3)).toBeUndefined();
    expect(parseHclTemplate('%{ if x }open', 3)).toBeUndefined();
  });
});
