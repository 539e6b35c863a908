/**
 * Suppressions that suppress nothing (`unusedSuppressions` of the report):
 * each form of each format, used (its rule fails what it is written on) and
 * unused (the failure was fixed); and those the engine does not call unused:
 * of a rule that did not run, of one that did not judge what holds it, or
 * judged values not known, or that another reading of the stack uses.
 */
import { scanFiles, selectRules } from './scan';
import { cdkStackFiles, cdkStackSource } from '../testing/programScans';

type Files = { path: string; text: string }[];

/** The scan's unused suppressions as `[file, line, resource, rule]`, and its suppressed findings as `[rule, resource]`. */
function scan(files: Files, rules = ['ENC-003']) {
  const report = scanFiles(files, selectRules(rules));
  return {
    unused: report.unusedSuppressions!.map(u => [
      u.file,
      u.line,
      u.resourceId,
      u.ruleId,
    ]),
    suppressed: report.findings
      .filter(f => f.suppressed)
      .map(f => [f.ruleId, f.resourceId]),
  };
}

/**
 * Each form, as a file (or files) whose queue is unencrypted (`encrypted`
 * false: ENC-003 fails it, so the suppression is used) or encrypted; with
 * where the suppression is written and on what.
 */
const FORMS: {
  name: string;
  files: (encrypted: boolean) => Files;
  unused: (string | number)[];
}[] = [
  {
    name: 'CloudFormation Metadata',
    files: encrypted => [
      {
        path: 'template.yaml',
        text: `Resources:
  Queue:
    Type: AWS::SQS::Queue
    Metadata:
      infra-compliance:
        suppress:
          - id: ENC-003
            reason: holds no data
    Properties:
      SqsManagedSseEnabled: ${encrypted}
`,
      },
    ],
    unused: ['template.yaml', 7, 'Queue', 'ENC-003'],
  },
  {
    name: 'CloudFormation JSON Metadata',
    files: encrypted => [
      {
        path: 'template.json',
        text: `{
  "Resources": {
    "Queue": {
      "Type": "AWS::SQS::Queue",
      "Metadata": {
        "infra-compliance": {
          "suppress": [{ "id": "ENC-003", "reason": "holds no data" }]
        }
      },
      "Properties": { "SqsManagedSseEnabled": ${encrypted} }
    }
  }
}
`,
      },
    ],
    unused: ['template.json', 7, 'Queue', 'ENC-003'],
  },
  {
    name: 'CloudFormation YAML comment',
    files: encrypted => [
      {
        path: 'template.yaml',
        text: `Resources:
  # infra-compliance:suppress=ENC-003:holds no data
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: ${encrypted}
`,
      },
    ],
    unused: ['template.yaml', 2, 'Queue', 'ENC-003'],
  },
  ...['#', '//', '/*'].map(opening => ({
    name: `Terraform ${opening} comment`,
    files: (encrypted: boolean) => [
      {
        path: 'svc/main.tf',
        text: `${opening} infra-compliance:suppress=ENC-003:holds no data${
          opening === '/*' ? ' */' : ''
        }
resource "aws_sqs_queue" "jobs" {
  sqs_managed_sse_enabled = ${encrypted}
}
`,
      },
    ],
    unused: ['svc/main.tf', 1, 'aws_sqs_queue.jobs', 'ENC-003'],
  })),
  {
    name: 'Terraform comment on a module call',
    files: encrypted => [
      {
        path: 'svc/main.tf',
        text: `# infra-compliance:suppress=ENC-003:holds no data
module "jobs" {
  source = "./queue"
}
`,
      },
      {
        path: 'svc/queue/main.tf',
        text: `resource "aws_sqs_queue" "this" {
  sqs_managed_sse_enabled = ${encrypted}
}
`,
      },
    ],
    unused: ['svc/main.tf', 1, 'module.jobs', 'ENC-003'],
  },
  {
    name: 'Pulumi TypeScript comment',
    files: encrypted => [
      { path: 'app/Pulumi.yaml', text: 'name: demo\nruntime: nodejs\n' },
      {
        path: 'app/index.ts',
        text: `import * as aws from '@pulumi/aws';
// infra-compliance:suppress=ENC-003:holds no data
const queue = new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: ${encrypted} });
`,
      },
    ],
    unused: ['app/index.ts', 2, 'jobs', 'ENC-003'],
  },
  {
    name: 'Pulumi YAML comment',
    files: encrypted => [
      {
        path: 'app/Pulumi.yaml',
        text: `name: demo
runtime: yaml
resources:
  # infra-compliance:suppress=ENC-003:holds no data
  jobs:
    type: aws:sqs:Queue
    properties:
      sqsManagedSseEnabled: ${encrypted}
`,
      },
    ],
    unused: ['app/Pulumi.yaml', 4, 'jobs', 'ENC-003'],
  },
  {
    name: 'CDK comment',
    files: encrypted =>
      cdkStackFiles(
        cdkStackSource(
          `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';`,
          `    // infra-compliance:suppress=ENC-003:holds no data
    new sqs.CfnQueue(this, 'Jobs', { sqsManagedSseEnabled: ${encrypted} });`,
        ),
      ),
    unused: ['svc/lib/stack.ts', 7, 'Jobs', 'ENC-003'],
  },
  {
    name: 'CDK metadata',
    files: encrypted =>
      cdkStackFiles(
        cdkStackSource(
          `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';`,
          `    const jobs = new sqs.CfnQueue(this, 'Jobs', { sqsManagedSseEnabled: ${encrypted} });
    jobs.addMetadata('infra-compliance', { suppress: [{ id: 'ENC-003', reason: 'holds no data' }] });`,
        ),
      ),
    unused: ['svc/lib/stack.ts', 8, 'Jobs', 'ENC-003'],
  },
  {
    name: 'comment on a CloudFormation output',
    files: hardcoded => [
      {
        path: 'template.yaml',
        text: `Resources:
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  # infra-compliance:suppress=OPS-002:the alerts topic lives in the shared account
  Alerts:
    Value: ${
      hardcoded
        ? '!Sub arn:aws:sns:${AWS::Region}:${AWS::AccountId}:alerts'
        : 'arn:aws:sns:us-east-1:123456789012:alerts'
    }
`,
      },
    ],
    unused: ['template.yaml', 5, 'Outputs.Alerts', 'OPS-002'],
  },
];

describe('unused suppressions', () => {
  describe.each(FORMS)('$name', ({ files, unused }) => {
    const rules = [unused[3] as string];

    it('is used where its rule fails what it is written on', () => {
      const report = scan(files(false), rules);
      expect(report.suppressed).not.toEqual([]);
      expect(report.unused).toEqual([]);
    });

    it('is unused, at its own line, once its rule passes it', () => {
      const report = scan(files(true), rules);
      expect(report.suppressed).toEqual([]);
      expect(report.unused).toEqual([unused]);
    });
  });

  const template = (queue: string, parameters = '') => [
    {
      path: 'template.yaml',
      text: `${parameters}Resources:
  # infra-compliance:suppress=ENC-003:holds no data
  Queue:
    Type: AWS::SQS::Queue
${queue}`,
    },
  ];

  it('is not reported where its rule did not run', () => {
    const files = template(
      '    Properties:\n      SqsManagedSseEnabled: true\n',
    );
    expect(scan(files, ['ENC-003']).unused).toHaveLength(1);
    expect(scan(files, ['ENC-004', 'OPS-003']).unused).toEqual([]);
  });

  it('is not reported where its rule judged nothing it is written on', () => {
    const files = [
      {
        path: 'template.yaml',
        text: `Resources:
  # infra-compliance:suppress=ENC-003:not a queue at all
  Topic:
    Type: AWS::SNS::Topic
`,
      },
    ];
    expect(scan(files).unused).toEqual([]);
  });

  it('is not reported where what its rule read is not known (a parameter without default)', () => {
    const files = template(
      '    Properties:\n      SqsManagedSseEnabled: !Ref Encrypted\n',
      'Parameters:\n  Encrypted:\n    Type: String\n',
    );
    expect(scan(files).unused).toEqual([]);
  });

  describe('of a rule that passed what it is written on without knowing it passes', () => {
    const tracedFunction = (roleProperties: string, resources = '') => [
      {
        path: 'template.yaml',
        text: `Parameters:
  ExtraAction:
    Type: String
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
${roleProperties}${resources}
  # infra-compliance:suppress=IAM-005:traces are written by a sidecar
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: x }
      Role: !GetAtt Role.Arn
      TracingConfig: { Mode: Active }
`,
      },
    ];

    it('is unused where its role surely grants what the rule asks', () => {
      const files = tracedFunction(
        '      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
      );
      expect(scan(files, ['IAM-005']).unused).toEqual([
        ['template.yaml', 15, 'Fn', 'IAM-005'],
      ]);
    });

    it('is not reported where a policy of its role, two references away, reads a parameter without default', () => {
      const files = tracedFunction(
        '      Policies: []',
        `
  ExtraPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: !Ref ExtraAction
            Resource: '*'`,
      );
      expect(scan(files, ['IAM-005']).unused).toEqual([]);
    });

    it('is not reported where its role has a managed policy the scanner does not know', () => {
      const files = tracedFunction(
        '      ManagedPolicyArns:\n        - arn:aws:iam::123456789012:policy/team-tracing',
      );
      expect(scan(files, ['IAM-005']).unused).toEqual([]);
    });
  });

  describe("of a global table whose replica's region is not known (a parameter without default)", () => {
    const globalTable = ({
      recovery = 'true',
      grantedOn = '!GetAtt Table.Arn',
    } = {}) => [
      {
        path: 'template.yaml',
        text: `Parameters:
  ReplicaRegion:
    Type: String
  ReplicaRecovery:
    Type: String
Resources:
  Table:
    Type: AWS::DynamoDB::GlobalTable
    Metadata:
      infra-compliance:
        suppress:
          - id: OPS-004
            reason: restored from the nightly backups
    Properties:
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      Replicas:
        - Region: !Ref AWS::Region
          PointInTimeRecoverySpecification:
            PointInTimeRecoveryEnabled: true
        - Region: !Ref ReplicaRegion
          PointInTimeRecoverySpecification:
            PointInTimeRecoveryEnabled: ${recovery}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: table
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: dynamodb:PutItem
                Resource: ${grantedOn}
  # infra-compliance:suppress=IAM-004:writes through another service
  Writer:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: x }
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          TABLE: !Ref Table
`,
      },
    ];

    it('is unused on the table, and on what refers to it, where its rule passes: no rule judges a replica by its region', () => {
      expect(scan(globalTable(), ['OPS-004', 'IAM-004']).unused).toEqual([
        ['template.yaml', 12, 'Table', 'OPS-004'],
        ['template.yaml', 36, 'Writer', 'IAM-004'],
      ]);
    });

    it('is not reported where a value not known of the replica decides its rule (OPS-004: its point-in-time recovery)', () => {
      const files = globalTable({ recovery: '!Ref ReplicaRecovery' });
      expect(scan(files, ['OPS-004']).unused).toEqual([]);
    });

    it("is not reported where a policy names the replica's region in the ARN it grants on (IAM-004)", () => {
      const files = globalTable({
        grantedOn:
          '!Sub arn:${AWS::Partition}:dynamodb:${ReplicaRegion}:${AWS::AccountId}:table/${Table}',
      });
      expect(scan(files, ['IAM-004']).unused).toEqual([]);
    });
  });

  it('is not reported where an output under a condition not known statically may export what it is written on (OPS-007)', () => {
    const files = (condition: string) => [
      {
        path: 'template.yaml',
        text: `Parameters:
  Stage:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  # infra-compliance:suppress=OPS-007:consumers read it by its name
  Events:
    Type: AWS::SQS::Queue
Outputs:
  JobsUrl:
    Value: !Ref Jobs
  EventsUrl:
${condition}    Value: !Ref Events
`,
      },
    ];
    expect(scan(files(''), ['OPS-007']).unused).toEqual([
      ['template.yaml', 9, 'Events', 'OPS-007'],
    ]);
    expect(scan(files('    Condition: IsProd\n'), ['OPS-007']).unused).toEqual(
      [],
    );
  });

  it("is not reported where the verdict rests on another resource an input's default decides (IAM-001: a function that may share the role; ALM-001: an alarm under a condition)", () => {
    const files = [
      {
        path: 'template.yaml',
        text: `Parameters:
  Stage:
    Type: String
    Default: prod
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  # infra-compliance:suppress=ALM-001:dev functions need no alarm
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: x }
      Role: arn:aws:iam::123456789012:role/api
  # infra-compliance:suppress=IAM-001:the pair is one service
  Reports:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: x }
      Role: !GetAtt Role.Arn
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: x }
      Role: !If [IsProd, arn:aws:iam::123456789012:role/worker, !GetAtt Role.Arn]
  ApiErrors:
    Type: AWS::CloudWatch::Alarm
    Condition: IsProd
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Ref Api
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`,
      },
    ];
    // With the defaults, the worker has a role of its own and the alarm is deployed: both pass.
    expect(scan(files, ['IAM-001', 'ALM-001'])).toEqual({
      unused: [],
      suppressed: [],
    });
  });

  it('of a rule that judges a resource by its own values is unused beside a resource that may not be deployed', () => {
    const files = template(
      `    Properties:
      SqsManagedSseEnabled: true
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Condition: Shared
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument: {}
`,
      `Parameters:
  Account:
    Type: String
Conditions:
  Shared: !Not [!Equals [!Ref Account, '']]
`,
    );
    expect(scan(files).unused).toEqual([
      ['template.yaml', 7, 'Queue', 'ENC-003'],
    ]);
  });

  it("is not reported where an input's default made its rule pass: other inputs may make it fail", () => {
    const files = [
      {
        path: 'template.yaml',
        text: `Parameters:
  Stage:
    Type: String
    Default: dev
  Encrypted:
    Type: String
    Default: 'true'
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  # infra-compliance:suppress=LOG-002:prod keeps its logs for the auditors
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /app/\${Stage}
      RetentionInDays: !If [IsProd, !Ref AWS::NoValue, 30]
  # infra-compliance:suppress=ENC-003:holds no data
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub jobs-\${Stage}
      SqsManagedSseEnabled: !Ref Encrypted
  # infra-compliance:suppress=ENC-003:holds no data
  Encrypted:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub encrypted-\${Stage}
      SqsManagedSseEnabled: true
`,
      },
    ];
    // The names built from Stage leave no doubt: only what decides a verdict does.
    expect(scan(files, ['LOG-002', 'ENC-003']).unused).toEqual([
      ['template.yaml', 23, 'Encrypted', 'ENC-003'],
    ]);
  });

  it("reads what an input's default gives as given, as findings do: a name built from an input leaves no doubt", () => {
    // The default leaves DevTopic out: the stack is read without its defaults too, where the queue's name is not known.
    const files = template(
      `    Properties:
      QueueName: !Sub orders-\${Stage}
      SqsManagedSseEnabled: true
  DevTopic:
    Type: AWS::SNS::Topic
    Condition: IsDev
`,
      `Parameters:
  Stage:
    Type: String
    Default: prod
Conditions:
  IsDev: !Equals [!Ref Stage, dev]
`,
    );
    expect(scan(files).unused).toEqual([
      ['template.yaml', 8, 'Queue', 'ENC-003'],
    ]);
  });

  it("is used where the stack read without its inputs' defaults fails what it is written on", () => {
    // The default leaves the queue out; another deployment has it, unencrypted.
    const files = template(
      '    Condition: IsProd\n',
      `Parameters:
  Stage:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
`,
    );
    const report = scan(files);
    expect(report.suppressed).toEqual([['ENC-003', 'Queue']]);
    expect(report.unused).toEqual([]);
  });

  it("is used where the stack read without its inputs' defaults fails a resource it covers that the defaults leave out", () => {
    // The call's suppression covers both queues; the replica's count of 0 leaves it out, another deployment has it.
    const files = [
      {
        path: 'svc/main.tf',
        text: `variable "replicas" {
  default = 0
}
# infra-compliance:suppress=ENC-003:holds no data
module "jobs" {
  source   = "./queue"
  replicas = var.replicas
}
`,
      },
      {
        path: 'svc/queue/main.tf',
        text: `variable "replicas" {}
resource "aws_sqs_queue" "main" {
  sqs_managed_sse_enabled = true
}
resource "aws_sqs_queue" "replica" {
  count = var.replicas
}
`,
      },
    ];
    const report = scan(files);
    expect(report.suppressed).toEqual([
      ['ENC-003', 'module.jobs.aws_sqs_queue.replica'],
    ]);
    expect(report.unused).toEqual([]);
  });

  it('is not reported where its stack was read in part: a file of a module it covers that does not decode, or does not parse', () => {
    const files = (other: Files[number] & { decodeError?: object }): Files => [
      {
        path: 'svc/main.tf',
        text: `# infra-compliance:suppress=ENC-003:holds no data
module "jobs" {
  source = "./queue"
}
`,
      },
      {
        path: 'svc/queue/a.tf',
        text: `resource "aws_sqs_queue" "a" {
  sqs_managed_sse_enabled = true
}
`,
      },
      other,
    ];
    const fine = { path: 'svc/queue/b.tf', text: 'locals {}\n' };
    expect(scan(files(fine)).unused).toEqual([
      ['svc/main.tf', 1, 'module.jobs', 'ENC-003'],
    ]);
    // Its unencrypted queue is not read.
    const notDecoded = {
      path: 'svc/queue/b.tf',
      text: '',
      decodeError: { line: 1, message: 'file is not valid UTF-8' },
    };
    expect(scan(files(notDecoded)).unused).toEqual([]);
    const notParsed = {
      path: 'svc/queue/variables.tf',
      text: 'variable "name" {\n  default = "\n',
    };
    expect(scan(files(notParsed)).unused).toEqual([]);
  });

  it('is one suppression in a Terraform module two roots call: unused only where each passes it', () => {
    const files = (secondEncrypted: boolean): Files => [
      {
        path: 'modules/queue/main.tf',
        text: `variable "encrypted" {}
# infra-compliance:suppress=ENC-003:holds no data
resource "aws_sqs_queue" "this" {
  sqs_managed_sse_enabled = var.encrypted
}
`,
      },
      {
        path: 'orders/main.tf',
        text: `module "queue" {
  source    = "../modules/queue"
  encrypted = true
}
`,
      },
      {
        path: 'billing/main.tf',
        text: `module "queue" {
  source    = "../modules/queue"
  encrypted = ${secondEncrypted}
}
`,
      },
    ];
    const used = scan(files(false));
    expect(used.suppressed).not.toEqual([]);
    expect(used.unused).toEqual([]);
    expect(scan(files(true)).unused).toEqual([
      [
        'modules/queue/main.tf',
        2,
        'module.queue.aws_sqs_queue.this',
        'ENC-003',
      ],
    ]);
  });

  it('of SUP-001, which suppresses nothing (the engine reports its findings unsuppressed), is unused', () => {
    const files = [
      {
        path: 'template.yaml',
        text: `Resources:
  # infra-compliance:suppress=SUP-001:we write our own
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: true
`,
      },
    ];
    expect(scan(files).unused).toEqual([
      ['template.yaml', 2, 'Queue', 'SUP-001'],
    ]);
  });

  it('of a rule of the whole stack (OPS-006) is not reported: which resource it reports on is the order of the resources', () => {
    const files = [
      {
        path: 'template.yaml',
        text: `Resources:
  # infra-compliance:suppress=OPS-006:consumers read the queue by its name
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  QueueUrl:
    Value: !Ref Queue
`,
      },
    ];
    expect(scan(files, ['OPS-006']).unused).toEqual([]);
  });

  it('is not reported without its reason or for an unknown rule (SUP-001 reports it)', () => {
    const files = template(
      '    Properties:\n      SqsManagedSseEnabled: true\n',
    ).map(file => ({
      ...file,
      text: file.text.replace(':holds no data', ''),
    }));
    expect(scan(files).unused).toEqual([]);
  });
});
