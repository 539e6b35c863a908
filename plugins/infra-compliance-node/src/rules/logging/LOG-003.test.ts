import rule from './LOG-003';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'function with active tracing',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      TracingConfig:
        Mode: Active
`,
    },
    {
      name: 'SAM Tracing: Active on the function and in Globals',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tracing: Active
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Tracing: Active
`,
    },
    {
      name: 'tracing mode from a parameter without default, or an unknown condition',
      code: `
Parameters:
  TracingMode:
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
      TracingConfig:
        Mode: !Ref TracingMode
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      TracingConfig: !If [IsProd, { Mode: Active }, !Ref AWS::NoValue]
`,
    },
  ],
  invalid: [
    {
      name: 'function without TracingConfig',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 3,
          message: 'does not turn on X-Ray tracing',
        },
      ],
    },
    {
      name: 'PassThrough tracing mode, and a mode from a parameter default',
      code: `
Parameters:
  TracingMode:
    Type: String
    Default: PassThrough
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      TracingConfig:
        Mode: PassThrough
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      TracingConfig:
        Mode: !Ref TracingMode
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 12,
          property: 'TracingConfig.Mode',
          message: 'PassThrough',
        },
        {
          resourceId: 'Other',
          line: 18,
          confidence: 'partial',
          property: 'TracingConfig.Mode',
        },
      ],
    },
    {
      name: 'SAM: no Tracing, and PassThrough from Globals',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tracing: PassThrough
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
`,
      findings: [{ resourceId: 'Fn', line: 5, property: 'TracingConfig.Mode' }],
    },
    {
      name: 'SAM function without Tracing',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
`,
      findings: [{ resourceId: 'Fn', line: 4 }],
    },
    {
      name: 'JSON template',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Role": "arn:aws:iam::123456789012:role/x", "TracingConfig": { "Mode": "PassThrough" } }
    }
  }
}
`,
      findings: [{ resourceId: 'Fn', line: 6, property: 'TracingConfig.Mode' }],
    },
  ],
});
