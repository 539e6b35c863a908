import rule from './DLQ-006';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'visibility timeout six times the function timeout',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 180
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      Timeout: 30
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
    },
    {
      name: 'both defaults (queue 30 s, function 3 s)',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
    },
    {
      name: 'SAM Globals timeout equal to the default visibility timeout',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 30
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Messages:
          Type: SQS
          Properties: { Queue: !GetAtt Queue.Arn }
`,
    },
    {
      name: 'function timeout from a parameter without default',
      code: `
Parameters:
  Timeout:
    Type: Number
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      Timeout: !Ref Timeout
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
    },
    {
      name: 'visibility timeout chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: !If [IsProd, 900, 10]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      Timeout: 60
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
    },
  ],
  invalid: [
    {
      name: 'visibility timeout shorter than the function timeout',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      Timeout: 60
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
      findings: [
        {
          resourceId: 'Queue',
          line: 6,
          property: 'VisibilityTimeout',
          message: 'six times the function timeout (360 s)',
        },
      ],
    },
    {
      name: 'SAM function timeout longer than the default visibility timeout',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Timeout: 60
      Events:
        Messages:
          Type: SQS
          Properties: { Queue: !GetAtt Queue.Arn }
`,
      findings: [
        { resourceId: 'Queue', line: 4, message: '30 s (the SQS default)' },
      ],
    },
    {
      name: 'SAM Globals timeout and two consumers: reported once, naming the slowest',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 900
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: '300'
  Fast:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Timeout: 10
      Events:
        Messages:
          Type: SQS
          Properties: { Queue: !GetAtt Queue.Arn }
  Slow:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Messages:
          Type: SQS
          Properties: { Queue: !GetAtt Queue.Arn }
`,
      findings: [
        {
          resourceId: 'Queue',
          line: 10,
          property: 'VisibilityTimeout',
          message: '900 s timeout of its consumer Slow',
        },
      ],
    },
    {
      name: 'JSON template: visibility timeout shorter than the function timeout',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Queue": { "Type": "AWS::SQS::Queue", "Properties": { "VisibilityTimeout": 20 } },
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Role": "arn:aws:iam::123456789012:role/x", "Timeout": 25 }
    },
    "Mapping": {
      "Type": "AWS::Lambda::EventSourceMapping",
      "Properties": {
        "EventSourceArn": { "Fn::GetAtt": ["Queue", "Arn"] },
        "FunctionName": { "Fn::GetAtt": ["Fn", "Arn"] }
      }
    }
  }
}
`,
      findings: [
        { resourceId: 'Queue', line: 4, property: 'VisibilityTimeout' },
      ],
    },
  ],
});
