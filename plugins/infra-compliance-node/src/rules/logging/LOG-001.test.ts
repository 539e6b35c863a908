import rule from './LOG-001';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: "log group named !Sub '/aws/lambda/${Fn}'",
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  FnLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/aws/lambda/\${Fn}'
      RetentionInDays: 30
`,
    },
    {
      name: 'log group named with !Join, and a literal name equal to the function name',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  FnLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Join ['', ['/aws/lambda/', !Ref Fn]]
  Named:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders-processor
      Role: arn:aws:iam::123456789012:role/x
  NamedLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/orders-processor
`,
    },
    {
      name: 'function name and log group name built the same way',
      code: `
Parameters:
  FnName:
    Type: String
Resources:
  Proc:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub '\${AWS::StackName}-proc'
      Role: arn:aws:iam::123456789012:role/x
  ProcLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/aws/lambda/\${AWS::StackName}-proc'
  FromParameter:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Ref FnName
      Role: arn:aws:iam::123456789012:role/x
  FromParameterLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/aws/lambda/\${FnName}'
`,
    },
    {
      name: 'LoggingConfig.LogGroup set (CloudFormation and SAM)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: app-logs
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      LoggingConfig:
        LogGroup: !Ref AppLogs
  SamFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      LoggingConfig:
        LogGroup: shared-logs
`,
    },
    {
      name: 'SAM functions with a log group each (seed 000 fixed version)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  ProjectXDataProcessorFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
  ProjectXResponseHandlerFunction:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: projectX-response-handler
      Runtime: nodejs22.x
      Handler: index.handler
  DataProcessorLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/aws/lambda/\${ProjectXDataProcessorFunction}'
      RetentionInDays: 30
  ResponseHandlerLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/aws/lambda/\${ProjectXResponseHandlerFunction}'
      RetentionInDays: 30
`,
    },
    {
      name: 'log group name not known statically (parameter without default, import, unknown condition)',
      code: `
Parameters:
  LogGroupName:
    Type: String
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  FnLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Ref LogGroupName
  Named:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders-processor
      Role: arn:aws:iam::123456789012:role/x
  ImportedName:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !ImportValue shared-log-group-name
  Conditional:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !If [IsProd, /aws/lambda/prod, /aws/lambda/dev]
`,
    },
    {
      name: 'log group name with an unknown part that may be the function name',
      code: `
Parameters:
  Prefix:
    Type: String
Resources:
  Named:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders-processor
      Role: arn:aws:iam::123456789012:role/x
  NamedLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/aws/lambda/\${Prefix}-processor'
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: the message names the arguments as Terraform writes them',
      filename: 'main.tf',
      code: `
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.worker',
          line: 2,
          message: 'no logging_config.log_group)',
        },
      ],
    },
    {
      name: 'functions without log groups (seed 001 issue 3)',
      code: `
Resources:
  ValidationLambda:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: validation-lambda
      Role: arn:aws:iam::123456789012:role/x
  ProcessingLambda:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
`,
      findings: [
        {
          resourceId: 'ValidationLambda',
          line: 3,
          message: 'none named /aws/lambda/validation-lambda',
        },
        {
          resourceId: 'ProcessingLambda',
          line: 8,
          message: 'none named /aws/lambda/<ProcessingLambda>',
        },
      ],
    },
    {
      name: 'log groups named for other functions, or for another name',
      code: `
Resources:
  First:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Second:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: second
      Role: arn:aws:iam::123456789012:role/x
  Third:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub '\${AWS::StackName}-third'
      Role: arn:aws:iam::123456789012:role/x
  FirstLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/aws/lambda/\${First}'
  WrongName:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/secondary
  OtherStackName:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/aws/lambda/\${AWS::StackName}-fourth'
  Unnamed:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 7
`,
      findings: [
        { resourceId: 'Second', line: 7 },
        {
          resourceId: 'Third',
          line: 12,
          message: '/aws/lambda/<AWS::StackName>-third',
        },
      ],
    },
    {
      name: 'a log group named for the id of a function whose name is generated',
      code: `
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  WorkerLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/Worker
`,
      findings: [
        {
          resourceId: 'Worker',
          line: 3,
          message:
            "Function Worker has no log group of its own in the stack (none named /aws/lambda/<Worker>, no LoggingConfig.LogGroup), so Lambda creates one with no retention and no encryption. Log group WorkerLogs is named /aws/lambda/Worker, but the function sets no FunctionName, so the name it is deployed with is generated, not Worker: build the log group's name from the function's name, or set FunctionName.",
        },
      ],
    },
    {
      name: 'SAM function without a log group',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/aws/apigateway/\${AWS::StackName}'
`,
      findings: [{ resourceId: 'Fn', line: 7 }],
    },
    {
      name: 'JSON template',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Role": "arn:aws:iam::123456789012:role/x" }
    },
    "Other": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Role": "arn:aws:iam::123456789012:role/x" }
    },
    "OtherLogs": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": { "LogGroupName": { "Fn::Sub": "/aws/lambda/\${Other}" } }
    }
  }
}
`,
      findings: [{ resourceId: 'Fn', line: 4 }],
    },
    {
      name: 'a stack with 200 functions and 200 log groups, every other one named for its function',
      code: `\nResources:\n${Array.from({ length: 200 }, (_, i) => {
        const logGroupName =
          i % 2 === 0
            ? `!Sub '/aws/lambda/\${Fn${i}}'`
            : `/aws/lambda/fn-${i}-old`;
        return `  Fn${i}:\n    Type: AWS::Lambda::Function\n    Properties: { FunctionName: fn-${i}, Role: arn:aws:iam::123456789012:role/x }\n  Logs${i}:\n    Type: AWS::Logs::LogGroup\n    Properties: { LogGroupName: ${logGroupName} }\n`;
      }).join('')}`,
      // Function i is declared on line 3 + 6 i.
      findings: Array.from({ length: 100 }, (_, k) => ({
        resourceId: `Fn${2 * k + 1}`,
        line: 3 + 6 * (2 * k + 1),
        message: `none named /aws/lambda/fn-${2 * k + 1}`,
      })),
    },
  ],
});
