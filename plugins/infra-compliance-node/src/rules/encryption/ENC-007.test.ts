import rule from './ENC-007';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'symmetric key with rotation',
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      RotationPeriodInDays: 365
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: SYMMETRIC_DEFAULT
      EnableKeyRotation: 'true'
`,
    },
    {
      name: 'asymmetric and HMAC keys (rotation not supported)',
      code: `
Resources:
  SigningKey:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: RSA_2048
      KeyUsage: SIGN_VERIFY
  MacKey:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: HMAC_256
      KeyUsage: GENERATE_VERIFY_MAC
`,
    },
    {
      name: 'imported key material (automatic rotation not supported)',
      code: `
Resources:
  ImportedKey:
    Type: AWS::KMS::Key
    Properties:
      Origin: EXTERNAL
`,
    },
    {
      name: 'rotation or key spec from parameters without default, or an unknown condition',
      code: `
Parameters:
  Rotate:
    Type: String
  Spec:
    Type: String
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: !Ref Rotate
  OtherKey:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: !Ref Spec
  ProdKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: !If [IsProd, true, !Ref AWS::NoValue]
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: the message names the arguments as Terraform writes them',
      filename: 'main.tf',
      code: `
resource "aws_kms_key" "logs" {
  description = "logs"
}
`,
      findings: [
        {
          resourceId: 'aws_kms_key.logs',
          line: 2,
          message: 'does not set enable_key_rotation to true',
        },
      ],
    },
    {
      name: 'symmetric key without EnableKeyRotation (seed 000 LogsKmsKey)',
      code: `
Resources:
  LogsKmsKey:
    Type: AWS::KMS::Key
    Properties:
      Description: KMS key for encrypting projectX CloudWatch Logs
`,
      findings: [
        {
          resourceId: 'LogsKmsKey',
          line: 3,
          message: 'does not set EnableKeyRotation to true',
        },
      ],
    },
    {
      name: 'rotation switched off on a SYMMETRIC_DEFAULT key',
      code: `
Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      KeySpec: SYMMETRIC_DEFAULT
      EnableKeyRotation: false
`,
      findings: [
        {
          resourceId: 'DataKey',
          line: 7,
          property: 'EnableKeyRotation',
          message: 'false',
        },
      ],
    },
    {
      name: 'JSON template',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "DataKey": {
      "Type": "AWS::KMS::Key",
      "Properties": { "Origin": "AWS_KMS", "EnableKeyRotation": "false" }
    }
  }
}
`,
      findings: [
        { resourceId: 'DataKey', line: 6, property: 'EnableKeyRotation' },
      ],
    },
  ],
});
