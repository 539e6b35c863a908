import { cloudFormationAdapter } from '.';

const load = (text: string) => cloudFormationAdapter.load([{ path: 'template.yaml', text }]);

describe('CloudFormation: lines read from parameter defaults', () => {
  const template = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Retention:
    Type: Number
    Default: 7
  Actions:
    Type: CommaDelimitedList
    Default: sqs:SendMessage
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Retention
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: !Ref Actions
            Resource: '*'
          - Effect: Allow
            Action: logs:PutLogEvents
            Resource: '*'
`;

  it('spans the value that read a default, and the statement that holds it', () => {
    const [graph] = load(template).graphs;
    const spans = (id: string) => graph.get(id)!.linesFromDefaults!.map(({ first, last }) => ({ first, last }));
    expect(spans('Logs')).toEqual([{ first: 13, last: 13 }]);
    expect(spans('Policy')).toEqual([
      { first: 20, last: 20 },
      { first: 19, last: 21 },
    ]);
  });

  it('keeps the end of a span out of the span object itself', () => {
    // An own getter (an object literal's `get last()`) lives in V8's hidden
    // class of that object, which only a full collection frees: each span
    // would hold its whole template through every young-generation
    // collection of a scan, and make each of them copy megabytes.
    const [graph] = load(template).graphs;
    const spans = [...graph.resources].flatMap(resource => resource.linesFromDefaults ?? []);
    expect(spans).toHaveLength(3);
    for (const span of spans) {
      expect(Object.getOwnPropertyDescriptor(span, 'last')).toBeUndefined();
      expect(Object.keys(span)).toEqual(['first']);
    }
  });
});
