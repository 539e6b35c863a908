import rule from './DLQ-001';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'function with a dead-letter queue',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
    },
    {
      name: 'function with an on-failure destination',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref RoleArn
  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      DestinationConfig:
        OnFailure:
          Destination: arn:aws:sqs:eu-west-1:123456789012:failures
`,
    },
    {
      name: 'SAM function triggered only by an API (synchronous)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Get:
          Type: Api
          Properties: { Path: /, Method: get }
`,
    },
    {
      name: 'SAM function triggered only by SQS (poll-based)',
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
      Events:
        Messages:
          Type: SQS
          Properties: { Queue: !GetAtt Queue.Arn }
`,
    },
    {
      name: 'SAM DeadLetterQueue and an SNS trigger',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }
      Events:
        Notes:
          Type: SNS
          Properties: { Topic: !Ref Topic }
`,
    },
    {
      name: 'dead-letter target chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: !If [IsProd, { TargetArn: !GetAtt Dlq.Arn }, !Ref AWS::NoValue]
`,
    },
  ],
  invalid: [
    {
      name: 'function with no trigger and no dead-letter target',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
`,
      findings: [{ resourceId: 'Fn', line: 3, message: 'has no trigger in the stack' }],
    },
    {
      name: 'SAM function with an API and a schedule: the schedule is asynchronous',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Get:
          Type: Api
          Properties: { Path: /, Method: get }
        Nightly:
          Type: Schedule
          Properties: { Schedule: rate(1 day) }
`,
      findings: [{ resourceId: 'Fn', line: 4, message: 'invoked asynchronously' }],
    },
    {
      name: 'on-failure destination that the default condition removes',
      code: `
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: !If [IsProd, { TargetArn: arn:aws:sqs:eu-west-1:123456789012:dlq }, !Ref AWS::NoValue]
`,
      findings: [{ resourceId: 'Fn', line: 9 }],
    },
  ],
});
