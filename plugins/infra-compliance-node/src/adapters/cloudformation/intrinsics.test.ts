import { parseYaml } from '../../documents/parseYaml';
import { lineOfPath } from '../../graph/locations';
import {
  Ref,
  Template,
  Unknown,
  Value,
  tooLargeValue,
} from '../../graph/values';
import { IntrinsicEvaluator } from './intrinsics';

const TEMPLATE = `
Parameters:
  Env: { Type: String, Default: prod }
  QueueArn: { Type: String }
  Retention: { Type: Number, Default: 1209600 }
  Subnets: { Type: "List<AWS::EC2::Subnet::Id>", Default: "subnet-1, subnet-2" }
  Names: { Type: CommaDelimitedList, Default: "a,b,c" }
  EmptyList: { Type: CommaDelimitedList }
  LatestAmi: { Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/service/ami }
Mappings:
  Sizes:
    prod: { Memory: 1024, Alarms: [a, b] }
    dev: { Memory: 128 }
    2: { Memory: 512 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
  NotProd: !Not [!Condition IsProd]
  HasQueue: !Not [!Equals [!Ref QueueArn, ""]]
  ProdAndQueue: !And [!Condition IsProd, !Condition HasQueue]
  DevAndQueue: !And [!Condition IsDev, !Condition HasQueue]
  ProdOrQueue: !Or [!Condition IsProd, !Condition HasQueue]
  DevOrQueue: !Or [!Condition IsDev, !Condition HasQueue]
  DevOrNotProd: !Or [!Condition IsDev, !Condition NotProd]
  NumberEquals: !Equals [!Ref Retention, "1209600"]
  LoopA: !Condition LoopB
  LoopB: !Not [!Condition LoopA]
  SelfLoop: !And [!Condition SelfLoop, !Condition IsProd]
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
`;

function evaluator(text = TEMPLATE): IntrinsicEvaluator {
  const template = parseYaml(text) as any;
  return new IntrinsicEvaluator(
    {
      Parameters: template.Parameters,
      Mappings: template.Mappings,
      Conditions: template.Conditions,
    },
    new Set(Object.keys(template.Resources ?? {})),
  );
}

/** Evaluates one YAML value (the `V:` key of the snippet) against TEMPLATE. */
function evaluate(snippet: string): Value | undefined {
  const raw = parseYaml(`V: ${snippet}`) as { V: unknown };
  return evaluator().evaluate(raw.V);
}

describe('IntrinsicEvaluator: Ref', () => {
  it('gives a parameter its default', () => {
    expect(evaluate('!Ref Env')).toBe('prod');
    expect(evaluate('!Ref Retention')).toBe(1209600);
  });

  it('gives a parameter without default an Unknown', () => {
    expect(evaluate('!Ref QueueArn')).toEqual(
      Unknown.oneValue('parameter QueueArn'),
    );
  });

  it('gives a resource a Ref edge', () => {
    const value = evaluate('!Ref Queue');
    expect(value).toBeInstanceOf(Ref);
    expect(value).toEqual(new Ref('Queue'));
  });

  it.each([
    'AWS::Region',
    'AWS::AccountId',
    'AWS::Partition',
    'AWS::StackName',
    'AWS::URLSuffix',
  ])('gives the pseudo parameter %s an Unknown', name => {
    expect(evaluate(`!Ref ${name}`)).toEqual(Unknown.oneValue(name));
  });

  it('gives a name that is neither parameter nor resource an Unknown', () => {
    expect(evaluate('!Ref Nowhere')).toBeInstanceOf(Unknown);
  });

  it('removes a key set to AWS::NoValue', () => {
    expect(evaluate('{ A: 1, B: !Ref AWS::NoValue }')).toEqual({ A: 1 });
  });

  it('keeps a __proto__ key of an evaluated map as a plain key, not as the prototype', () => {
    const value = evaluate(
      '{ A: !Ref Env, __proto__: { B: !Ref Env } }',
    ) as any;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['A', '__proto__']);
    expect(value.B).toBeUndefined();
  });

  it('removes a list item set to AWS::NoValue', () => {
    expect(evaluate('[a, !Ref AWS::NoValue, b]')).toEqual(['a', 'b']);
  });

  it('evaluates a top-level AWS::NoValue to undefined', () => {
    expect(evaluate('!Ref AWS::NoValue')).toBeUndefined();
  });

  it('splits a List<> or CommaDelimitedList default into a list', () => {
    expect(evaluate('!Ref Subnets')).toEqual(['subnet-1', 'subnet-2']);
    expect(evaluate('!Ref Names')).toEqual(['a', 'b', 'c']);
    expect(evaluate('!Ref EmptyList')).toBeInstanceOf(Unknown);
  });

  it('does not take the default of an SSM parameter type (it is a parameter name, not the value)', () => {
    expect(evaluate('!Ref LatestAmi')).toEqual(
      Unknown.oneValue('parameter LatestAmi'),
    );
  });
});

describe('IntrinsicEvaluator: GetAtt', () => {
  it('gives a resource attribute a Ref with the attribute', () => {
    expect(evaluate('!GetAtt Queue.Arn')).toEqual(new Ref('Queue', 'Arn'));
    expect(evaluate('!GetAtt [Queue, QueueName]')).toEqual(
      new Ref('Queue', 'QueueName'),
    );
    expect(evaluate('{ "Fn::GetAtt": "Queue.Arn" }')).toEqual(
      new Ref('Queue', 'Arn'),
    );
  });

  it('keeps a dotted attribute whole', () => {
    expect(evaluate('!GetAtt Fn.SnapStartResponse.ApplyOn')).toEqual(
      new Ref('Fn', 'SnapStartResponse.ApplyOn'),
    );
  });

  it('gives an attribute of a resource not in the template an Unknown', () => {
    expect(evaluate('!GetAtt Elsewhere.Arn')).toBeInstanceOf(Unknown);
  });
});

describe('IntrinsicEvaluator: Sub', () => {
  it('builds a Template from ${Resource.Attr}, ${Param}, pseudo parameters and text', () => {
    expect(
      evaluate(
        '!Sub "arn:${AWS::Partition}:sqs:${AWS::Region}:${Queue.QueueName}-${Env}"',
      ),
    ).toEqual(
      new Template([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        ':sqs:',
        Unknown.oneValue('AWS::Region'),
        ':',
        new Ref('Queue', 'QueueName'),
        '-prod',
      ]),
    );
  });

  it('gives a Ref for ${Resource}', () => {
    expect(evaluate('!Sub "${Queue}"')).toEqual(new Ref('Queue'));
    expect(evaluate('!Join ["", [!GetAtt Queue.Arn]]')).toEqual(
      new Ref('Queue', 'Arn'),
    );
  });

  it('folds to a plain string when every part is known', () => {
    expect(evaluate('!Sub "orders-${Env}"')).toBe('orders-prod');
  });

  it('writes ${!Literal} as ${Literal}', () => {
    expect(evaluate('!Sub "${!Literal}-${Env}"')).toBe('${Literal}-prod');
  });

  it('reads the variable map of the list form first', () => {
    expect(
      evaluate(
        '!Sub ["${Name}/${Arn}/${Env}", { Name: fixed, Arn: !GetAtt Queue.Arn }]',
      ),
    ).toEqual(new Template(['fixed/', new Ref('Queue', 'Arn'), '/prod']));
    // A variable shadows the parameter of the same name.
    expect(evaluate('!Sub ["${Env}", { Env: staging }]')).toBe('staging');
  });

  it('gives a parameter without default an Unknown part', () => {
    expect(evaluate('!Sub "${QueueArn}"')).toEqual(
      new Template([Unknown.oneValue('parameter QueueArn')]),
    );
  });

  it('keeps a ${ that never closes as text, in time linear in its length', () => {
    const opened = '${'.repeat(100_000);
    const started = Date.now();
    expect(evaluate(`!Sub "${opened}\${Env}"`)).toBe(`${opened}prod`);
    // Each ${ used to scan to the end of the text: 100,000 of them took about 9 s.
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('IntrinsicEvaluator: Join, Select, Split', () => {
  it('joins references into a Template', () => {
    expect(evaluate('!Join ["", ["arn:aws:s3:::", !Ref Queue, "/*"]]')).toEqual(
      new Template(['arn:aws:s3:::', new Ref('Queue'), '/*']),
    );
  });

  it('joins literals (and known parameters) into a string', () => {
    expect(evaluate('!Join [":", [a, !Ref Env, 3]]')).toBe('a:prod:3');
    expect(evaluate('!Join [",", !Ref Names]')).toBe('a,b,c');
  });

  it('gives a Join of an unknown list an Unknown', () => {
    expect(evaluate('!Join [",", !Ref Nowhere]')).toBeInstanceOf(Unknown);
  });

  it('selects an item of a known list', () => {
    expect(evaluate('!Select [1, [a, b, c]]')).toBe('b');
    expect(evaluate('!Select ["2", !Ref Names]')).toBe('c');
    expect(evaluate('!Select [0, [!GetAtt Queue.Arn]]')).toEqual(
      new Ref('Queue', 'Arn'),
    );
  });

  it('gives an out-of-range or unknown Select an Unknown', () => {
    expect(evaluate('!Select [5, [a]]')).toBeInstanceOf(Unknown);
    expect(evaluate('!Select [0, !GetAZs ""]')).toBeInstanceOf(Unknown);
    expect(evaluate('!Select [!Ref QueueArn, [a, b]]')).toBeInstanceOf(Unknown);
  });

  it('takes an index only as a whole number, or text of digits: not an empty text, a null, a boolean or a list', () => {
    // Number() reads each of them as a number (0, 0, 1, 0): two functions given `!Select ['', !Ref RoleArns]` and
    // `!Select [0, !Ref RoleArns]` were given one role, though CloudFormation refuses the first.
    for (const index of ["''", '~', 'true', '[]', '1.5', '-1', '"1.0"']) {
      expect(evaluate(`!Select [${index}, !Ref Names]`)).toEqual(
        new Unknown('Fn::Select'),
      );
      expect(evaluate(`!Select [${index}, !Ref EmptyList]`)).toEqual(
        new Unknown('Fn::Select'),
      );
    }
    expect(evaluate('!Select ["1", !Ref EmptyList]')).toEqual(
      Unknown.oneValue('parameter EmptyList[1]'),
    );
  });

  it('names an item of a list parameter not known by the parameter and its index: the same item wherever it is read', () => {
    expect(evaluate('!Select [1, !Ref EmptyList]')).toEqual(
      Unknown.oneValue('parameter EmptyList[1]'),
    );
    expect(evaluate('!Select [1, !Ref EmptyList]')).not.toEqual(
      evaluate('!Select [0, !Ref EmptyList]'),
    );
    // One past the end of the default: a deployment with the default fails, one that may deploy gives that item.
    expect(evaluate('!Select [3, !Ref Names]')).toEqual(
      Unknown.oneValue('parameter Names[3]'),
    );
    // Only the items of a parameter, at an index known.
    expect(evaluate('!Select [0, !GetAZs ""]')).toEqual(
      new Unknown('Fn::Select'),
    );
    expect(evaluate('!Select [!Ref QueueArn, !Ref EmptyList]')).toEqual(
      new Unknown('Fn::Select'),
    );
  });

  it('splits a known string', () => {
    expect(evaluate('!Split [",", "a,b,c"]')).toEqual(['a', 'b', 'c']);
    expect(evaluate('!Select [1, !Split ["-", "x-y-z"]]')).toBe('y');
  });

  it('gives a Split of an unknown string an Unknown', () => {
    expect(evaluate('!Split [",", !Ref QueueArn]')).toBeInstanceOf(Unknown);
  });
});

describe('IntrinsicEvaluator: conditions and If', () => {
  it.each<[string, boolean | undefined]>([
    ['IsProd', true],
    ['IsDev', false],
    ['NotProd', false],
    ['HasQueue', undefined],
    ['ProdAndQueue', undefined],
    ['DevAndQueue', false], // false whatever the unknown side is
    ['ProdOrQueue', true], // true whatever the unknown side is
    ['DevOrQueue', undefined],
    ['DevOrNotProd', false],
    ['NumberEquals', true], // CloudFormation compares the string forms
    ['Missing', undefined],
  ])('condition %s is %s', (name, expected) => {
    expect(evaluator().condition(name)).toBe(expected);
  });

  it('returns (rather than hangs on) conditions that refer to each other', () => {
    const ev = evaluator();
    expect(ev.condition('LoopA')).toBeUndefined();
    expect(ev.condition('LoopB')).toBeUndefined();
    expect(ev.condition('SelfLoop')).toBeUndefined();
    expect(evaluate('!If [LoopA, a, b]')).toBeInstanceOf(Unknown);
  });

  it('picks the If branch of a known condition', () => {
    expect(evaluate('!If [IsProd, 30, 7]')).toBe(30);
    expect(evaluate('!If [IsDev, 30, 7]')).toBe(7);
    expect(
      evaluate('!If [IsProd, !GetAtt Queue.Arn, !Ref AWS::NoValue]'),
    ).toEqual(new Ref('Queue', 'Arn'));
  });

  it('gives an If on an unknown condition an Unknown (neither branch is assumed)', () => {
    expect(evaluate('!If [HasQueue, 30, 7]')).toEqual(
      new Unknown('condition HasQueue'),
    );
    expect(evaluate('!If [NoSuchCondition, 30, 7]')).toBeInstanceOf(Unknown);
  });

  it('removes a property whose chosen branch is AWS::NoValue', () => {
    expect(evaluate('{ A: 1, B: !If [IsProd, !Ref AWS::NoValue, 2] }')).toEqual(
      { A: 1 },
    );
    expect(evaluate('[x, !If [IsDev, y, !Ref AWS::NoValue]]')).toEqual(['x']);
  });

  it('evaluates condition functions used as values', () => {
    expect(evaluate('!Equals [!Ref Env, prod]')).toBe(true);
    expect(evaluate('!Equals [a, b]')).toBe(false);
    expect(evaluate('!Not [!Equals [a, b]]')).toBe(true);
    expect(evaluate('!And [!Condition IsProd, !Equals [1, 1]]')).toBe(true);
    expect(evaluate('!Or [!Condition IsDev, !Equals [1, 2]]')).toBe(false);
    expect(evaluate('!Condition IsProd')).toBe(true);
    expect(evaluate('!Equals [!Ref QueueArn, x]')).toBeInstanceOf(Unknown);
  });
});

describe('IntrinsicEvaluator: FindInMap', () => {
  it('reads a known entry', () => {
    expect(evaluate('!FindInMap [Sizes, !Ref Env, Memory]')).toBe(1024);
    expect(evaluate('!FindInMap [Sizes, dev, Memory]')).toBe(128);
    expect(evaluate('!FindInMap [Sizes, prod, Alarms]')).toEqual(['a', 'b']);
  });

  it('gives an entry with an unknown or missing key an Unknown', () => {
    expect(
      evaluate('!FindInMap [Sizes, !Ref QueueArn, Memory]'),
    ).toBeInstanceOf(Unknown);
    expect(evaluate('!FindInMap [Sizes, staging, Memory]')).toBeInstanceOf(
      Unknown,
    );
    expect(evaluate('!FindInMap [NoMap, prod, Memory]')).toBeInstanceOf(
      Unknown,
    );
  });

  it("finds none of Object's members in mappings, conditions or Sub variables", () => {
    expect(evaluate('!FindInMap [constructor, prod, Memory]')).toBeInstanceOf(
      Unknown,
    );
    expect(
      evaluate('!FindInMap [Sizes, __proto__, hasOwnProperty]'),
    ).toBeInstanceOf(Unknown);
    expect(
      evaluate('!FindInMap [Sizes, prod, toString, { DefaultValue: 256 }]'),
    ).toBe(256);
    expect(evaluate('!If [constructor, a, b]')).toBeInstanceOf(Unknown);
    expect(evaluate('!Sub ["${toString}-${Env}", { Other: x }]')).toEqual(
      new Template([new Unknown('Ref toString'), '-prod']),
    );
  });

  it('uses DefaultValue when the entry is missing', () => {
    expect(
      evaluate('!FindInMap [Sizes, staging, Memory, { DefaultValue: 256 }]'),
    ).toBe(256);
    expect(
      evaluate('!FindInMap [Sizes, prod, Memory, { DefaultValue: 256 }]'),
    ).toBe(1024);
  });

  it('reads keys written as numbers', () => {
    expect(
      evaluate('!FindInMap [Sizes, 2, Memory, { DefaultValue: 256 }]'),
    ).toBe(512);
  });

  it('does not take DefaultValue for an entry whose key is not known statically', () => {
    expect(
      evaluate(
        '!FindInMap [Sizes, !Ref AWS::Region, Memory, { DefaultValue: 256 }]',
      ),
    ).toBeInstanceOf(Unknown);
  });
});

describe('IntrinsicEvaluator: values never known statically', () => {
  it.each([
    ['!ImportValue SharedTopicArn', Unknown.oneValue('import SharedTopicArn')],
    [
      '!ImportValue { "Fn::Select": [0, !Ref EmptyList] }',
      new Unknown('import value'),
    ],
    ['!GetAZs ""', new Unknown('Fn::GetAZs')],
    ['!Cidr [10.0.0.0/16, 4, 8]', new Unknown('Fn::Cidr')],
    [
      '{ "Fn::Transform": { Name: AWS::Include } }',
      new Unknown('Fn::Transform'),
    ],
  ])('%s is Unknown', (snippet, unknown) => {
    expect(evaluate(snippet)).toEqual(unknown);
  });

  it('keeps the content of Base64 (and its references)', () => {
    expect(evaluate('!Base64 { "Fn::Sub": "queue=${Queue}" }')).toEqual(
      new Template(['queue=', new Ref('Queue')]),
    );
  });
});

describe('IntrinsicEvaluator: lines', () => {
  it('keeps the source lines of maps and list items through evaluation', () => {
    const template = parseYaml(`
Properties:
  Tags:
    - Key: a
      Value: !Ref Env
    - !Ref AWS::NoValue
    - Key: b
      Value: !GetAtt Queue.Arn
  QueueName: !Sub "\${Env}-q"
`) as any;
    const value = evaluator().evaluate(template.Properties) as any;
    expect(value.Tags).toHaveLength(2);
    expect(lineOfPath(value, ['Tags'], 0)).toBe(3);
    expect(lineOfPath(value, ['Tags', 0, 'Value'], 0)).toBe(5);
    // The item after the removed one keeps its own line.
    expect(lineOfPath(value, ['Tags', 1], 0)).toBe(7);
    expect(lineOfPath(value, ['Tags', 1, 'Value'], 0)).toBe(8);
    expect(lineOfPath(value, ['QueueName'], 0)).toBe(9);
  });
});

describe('IntrinsicEvaluator: where properties read parameter defaults', () => {
  const properties = (text: string) => (parseYaml(text) as any).Properties;

  it('names the functions that read one, and the maps below the properties that hold them or a list of them', () => {
    const raw = properties(`
Properties:
  QueueName: !Sub "\${Env}-q"
  Unrelated: !GetAtt Queue.Arn
  Policy:
    Statement:
      - Effect: Allow
        Action: !Ref Names
        Resource: "*"
      - Effect: Allow
        Action: [!Ref Env]
        Resource: "*"
`);
    const template = evaluator();
    expect(template.evaluateProperties(raw)).toEqual({
      value: expect.anything(),
      linesFromDefaults: [
        { line: 3 },
        { line: 8 },
        { line: 7, through: 9 },
        { line: 11 },
        { line: 10, through: 12 },
      ],
    });
    expect(template.decidedByDefaults).toBe(false);
  });

  it('says when a default decided a value: a condition over one (also read again from the cache), a value it removed', () => {
    const decided = (text: string) => {
      const template = evaluator();
      template.evaluateProperties(properties(text));
      return template.decidedByDefaults;
    };
    expect(decided('Properties: { Memory: !If [IsProd, 1024, 128] }')).toBe(
      true,
    );
    const template = evaluator();
    template.condition('IsProd');
    expect(template.decidedByDefaults).toBe(false);
    template.evaluateProperties(
      properties('Properties: { Memory: !If [IsProd, 1024, 128] }'),
    );
    expect(template.decidedByDefaults).toBe(true);
    expect(
      decided(
        'Properties: { Memory: !FindInMap [Sizes, !Ref Env, Missing, { DefaultValue: !Ref AWS::NoValue }] }',
      ),
    ).toBe(true);
    // A condition over a parameter without a default decides nothing.
    expect(decided('Properties: { Q: !If [HasQueue, a, b] }')).toBe(false);
  });

  it('reads none where nothing comes from a default', () => {
    const template = evaluator();
    expect(
      template.evaluateProperties(
        properties('Properties: { Q: !Ref Queue, N: 3 }'),
      ).linesFromDefaults,
    ).toBeUndefined();
    expect(template.readDefaults).toBe(false);
  });

  it('leaves every parameter not known when asked to (what a rule proves without defaults)', () => {
    const template = parseYaml(TEMPLATE) as any;
    const withoutDefaults = new IntrinsicEvaluator(
      { Parameters: template.Parameters, Conditions: template.Conditions },
      new Set(Object.keys(template.Resources)),
      'not known',
    );
    expect(
      withoutDefaults.evaluate((parseYaml('V: !Ref Env') as any).V),
    ).toEqual(Unknown.oneValue('parameter Env'));
    expect(
      withoutDefaults.evaluate((parseYaml('V: !If [IsProd, 1, 2]') as any).V),
    ).toEqual(new Unknown('condition IsProd'));
    expect(withoutDefaults.readDefaults).toBe(false);
  });
});

describe('IntrinsicEvaluator: values larger than a million items and characters', () => {
  it('evaluates each variable of an Fn::Sub once: nested ones that name theirs twice are not known once too large', () => {
    // Each Fn::Sub twice the text of the one it holds: 2^40 characters, and as many evaluations were each name evaluated again.
    let raw: unknown = 'x';
    for (let depth = 0; depth < 40; depth++)
      raw = { 'Fn::Sub': ['${a}${a}', { a: raw }] };
    const started = Date.now();
    // Past a million characters, the text is not known; doubled again, it is that many times, until that too is too large.
    const value = evaluator().evaluate(raw);
    expect(
      (value instanceof Template ? value.parts : [value]).every(
        part =>
          part instanceof Unknown && part.reason === tooLargeValue().reason,
      ),
    ).toBe(true);
    let small: unknown = 'x';
    for (let depth = 0; depth < 3; depth++)
      small = { 'Fn::Sub': ['${a}${a}', { a: small }] };
    expect(evaluator().evaluate(small)).toBe('xxxxxxxx');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('does not make an Fn::Sub or Fn::Join text of a long parameter repeated many times', () => {
    const template = evaluator(`Parameters:
  Long: { Type: String, Default: ${'x'.repeat(100_000)} }
Resources: {}
`);
    const references = Array.from({ length: 10_000 }, () => ({ Ref: 'Long' }));
    expect(template.evaluate({ 'Fn::Sub': '${Long}'.repeat(10_000) })).toEqual(
      tooLargeValue(),
    );
    expect(template.evaluate({ 'Fn::Join': ['', references] })).toEqual(
      tooLargeValue(),
    );
    expect(
      template.evaluate({
        'Fn::Join': [
          'x'.repeat(100_000),
          Array.from({ length: 10_000 }, () => 'y'),
        ],
      }),
    ).toEqual(tooLargeValue());
    expect(
      template.evaluate({ 'Fn::Join': ['-', references.slice(0, 2)] }),
    ).toBe(`${'x'.repeat(100_000)}-${'x'.repeat(100_000)}`);
  }, 60_000);
});
