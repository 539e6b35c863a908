import rule from './ENC-006';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'bucket policy denies insecure transport (!Ref bucket)',
      code: `
Resources:
  DataBucket:
    Type: AWS::S3::Bucket
  DataBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref DataBucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: [!GetAtt DataBucket.Arn, !Sub '\${DataBucket.Arn}/*']
            Condition:
              Bool: { 'aws:SecureTransport': 'false' }
`,
    },
    {
      name: 'literal bucket name, boolean false, lower-case key, BoolIfExists',
      code: `
Resources:
  DataBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: my-data-bucket
  DataBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: my-data-bucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::123456789012:root }
            Action: s3:GetObject
            Resource: arn:aws:s3:::my-data-bucket/*
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: arn:aws:s3:::my-data-bucket/*
            Condition:
              BoolIfExists:
                aws:securetransport: false
  NamedByStack:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${AWS::StackName}-uploads'
  NamedByStackPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Sub '\${AWS::StackName}-uploads'
      PolicyDocument:
        Statement:
          Effect: Deny
          Principal: '*'
          Action: 's3:*'
          Resource: '*'
          Condition: { Bool: { 'aws:SecureTransport': [false] } }
`,
    },
    {
      name: 'policy bucket from a parameter without default, or an import',
      code: `
Parameters:
  BucketName:
    Type: String
Resources:
  DataBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref BucketName
  DataBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref BucketName
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: '*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
  OtherBucket:
    Type: AWS::S3::Bucket
  ImportedPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !ImportValue shared-bucket-name
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: '*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
    },
    {
      name: 'policy document chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  DataBucket:
    Type: AWS::S3::Bucket
  DataBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref DataBucket
      PolicyDocument: !If
        - IsProd
        - Statement:
            - Effect: Deny
              Principal: '*'
              Action: 's3:*'
              Resource: '*'
              Condition: { Bool: { 'aws:SecureTransport': 'false' } }
        - Statement: []
`,
    },
  ],
  invalid: [
    {
      name: 'bucket with no bucket policy (seed 002)',
      code: `
Resources:
  DeploymentBucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: { Status: Enabled }
`,
      findings: [
        {
          resourceId: 'DeploymentBucket',
          line: 3,
          message: 'has no bucket policy in the stack',
        },
      ],
    },
    {
      name: 'bucket policy without a secure-transport deny',
      code: `
Resources:
  DataBucket:
    Type: AWS::S3::Bucket
  DataBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref DataBucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: cloudfront.amazonaws.com }
            Action: s3:GetObject
            Resource: !Sub '\${DataBucket.Arn}/*'
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: '*'
            Condition: { Bool: { 'aws:SecureTransport': 'true' } }
`,
      findings: [
        {
          resourceId: 'DataBucket',
          line: 3,
          message: 'has a bucket policy (DataBucketPolicy)',
        },
      ],
    },
    {
      name: "a policy on another item of an imported list of names is not named as the bucket's own",
      code: `
Resources:
  DataBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Select [0, !Split [',', !ImportValue bucket-names]]
  OtherPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Select [1, !Split [',', !ImportValue bucket-names]]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: cloudfront.amazonaws.com }, Action: s3:GetObject, Resource: '*' }
`,
      findings: [
        {
          resourceId: 'DataBucket',
          line: 3,
          message:
            'S3 bucket DataBucket has no bucket policy in the stack denying',
        },
      ],
    },
    {
      name: "another bucket's policy does not cover this bucket",
      code: `
Resources:
  DataBucket:
    Type: AWS::S3::Bucket
  LogsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: my-logs
  Named:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: my-named
  LogsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref LogsBucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: '*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
  OtherNamePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: my-other-name
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: '*'
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
`,
      findings: [
        { resourceId: 'DataBucket', line: 3 },
        { resourceId: 'Named', line: 9 },
      ],
    },
    {
      name: 'JSON template',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "DataBucket": { "Type": "AWS::S3::Bucket" },
    "DataBucketPolicy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": { "Ref": "DataBucket" },
        "PolicyDocument": {
          "Statement": [
            { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*" }
          ]
        }
      }
    }
  }
}
`,
      findings: [{ resourceId: 'DataBucket', line: 4 }],
    },
  ],
});
