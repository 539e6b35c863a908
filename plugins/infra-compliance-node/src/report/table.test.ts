import { toTable } from './table';
import { finding, reportWith, sampleReport } from './__testUtils__/report';
import { displayWidth } from '../support/displayWidth';

describe('toTable', () => {
  it('groups findings by file, one aligned row each', () => {
    const text = toTable(sampleReport());
    const lines = text.split('\n');
    const header = lines.indexOf('template.yaml');
    expect(header).toBeGreaterThanOrEqual(0);
    expect(lines.slice(header + 1, header + 4)).toEqual([
      '  42  critical  IAM-004    OrderProcessor  IAM-004 failed on OrderProcessor.',
      '   7  high      DLQ-001    OrderProcessor  DLQ-001 failed on OrderProcessor.',
      '  12  low       OPS-003    OrderProcessor  [partial] OPS-003 failed on OrderProcessor.',
    ]);
    expect(text).toContain(
      'broken.yaml\n  5  high      PARSE-001  -  CloudFormation parse error',
    );
  });

  it('lists unused suppressions after the findings, their rules aligned, and in a terminal wraps the heading and a long path', () => {
    const report = {
      ...sampleReport(),
      unusedSuppressions: [
        {
          file: 'services/orders/template.yaml',
          line: 17,
          resourceId: 'ReadPolicy',
          ruleId: 'IAM-003',
        },
        {
          file: 'services/orders/template.yaml',
          line: 40,
          resourceId: 'Outputs.Alerts',
          ruleId: 'SUP-001',
        },
      ],
    };
    const lines = toTable(report).split('\n');
    const heading = lines.findIndex(line =>
      line.startsWith('2 unused suppressions: '),
    );
    expect(lines[heading]).toBe(
      '2 unused suppressions: their rules judged what they are written on and found nothing to suppress; remove them, so that they hide no later failure',
    );
    expect(heading).toBeGreaterThan(
      lines.findIndex(line => line.includes('PARSE-001')),
    );
    expect(lines.slice(heading + 1, heading + 4)).toEqual([
      '  services/orders/template.yaml:17  IAM-003  ReadPolicy',
      '  services/orders/template.yaml:40  SUP-001  Outputs.Alerts',
      '',
    ]);
    expect(lines[heading + 4]).toMatch(/^\d+ findings: /);

    const narrow = toTable(report, { width: 50 }).split('\n');
    const start = narrow.indexOf('2 unused suppressions:');
    expect(narrow.slice(start + 1, start + 9)).toEqual([
      '      their rules judged what they are written on',
      '      and found nothing to suppress; remove them,',
      '      so that they hide no later failure',
      '  services/orders/template.yaml:17',
      '   IAM-003  ReadPolicy',
      '  services/orders/template.yaml:40',
      '   SUP-001  Outputs.Alerts',
      '',
    ]);
    expect(toTable(sampleReport())).not.toContain('unused suppression');
  });

  it('keeps the columns aligned when a resource id is longer than the column, showing its end', () => {
    const long =
      'module.orders.module.worker.aws_iam_role_policy.worker_queue_access';
    const report = {
      ...sampleReport(),
      findings: [
        finding('IAM-002', { resourceId: long, line: 3, message: 'wide' }),
        finding('DLQ-001', { resourceId: 'Fn', line: 10, message: 'narrow' }),
      ],
    };
    const lines = toTable(report).split('\n');
    const rows = lines.slice(
      lines.indexOf('template.yaml') + 1,
      lines.indexOf('template.yaml') + 3,
    );
    expect(rows).toEqual([
      `   3  high      IAM-002  …${long.slice(long.length - 39)}  wide`,
      `  10  high      DLQ-001  Fn${' '.repeat(38)}  narrow`,
    ]);
  });

  describe('with a width', () => {
    const message =
      'Function OrderProcessor has no CloudWatch alarm on its AWS/Lambda Errors metric (dimension FunctionName): its failed invocations go unnoticed.';

    it('wraps a message under its column', () => {
      const report = {
        ...sampleReport(),
        findings: [finding('ALM-001', { message })],
      };
      const lines = toTable(report, { width: 100 }).split('\n');
      const first = lines.indexOf('template.yaml') + 1;
      expect(lines.slice(first, first + 3)).toEqual([
        '  10  high      ALM-001  OrderProcessor  Function OrderProcessor has no CloudWatch alarm on its',
        '                                         AWS/Lambda Errors metric (dimension FunctionName): its',
        '                                         failed invocations go unnoticed.',
      ]);
      expect(lines[first + 3]).toBe('');
    });

    it('puts the message below its row when the columns leave it too little room', () => {
      const resourceId = 'aws_lambda_function.order_processor_worker';
      const report = {
        ...sampleReport(),
        findings: [finding('ALM-001', { message, resourceId })],
      };
      const lines = toTable(report, { width: 80 }).split('\n');
      const first = lines.indexOf('template.yaml') + 1;
      expect(lines.slice(first, first + 4)).toEqual([
        `  10  high      ALM-001  …${resourceId.slice(-39)}`,
        '      Function OrderProcessor has no CloudWatch alarm on its AWS/Lambda Errors',
        '      metric (dimension FunctionName): its failed invocations go unnoticed.',
        '',
      ]);
    });

    it('wraps the list of what a program makes that is not modelled under itself', () => {
      const report = {
        ...sampleReport(),
        programs: [
          {
            format: 'cdk' as const,
            project: 'cdk.json',
            main: 'bin/app.ts',
            files: ['bin/app.ts'],
            notModelled: [
              { type: 'aws-ec2.Vpc', count: 1 },
              {
                type: 'aws-ecs-patterns.ApplicationLoadBalancedFargateService',
                count: 2,
              },
              { type: 'aws-ecs.Cluster', count: 2 },
            ],
          },
        ],
      };
      // Wide enough for the first line to take the next type, not with its count.
      const lines = toTable(report, { width: 120 }).split('\n');
      const first = lines.findIndex(line => line.startsWith('  bin/app.ts'));
      expect(lines.slice(first)).toEqual([
        '  bin/app.ts (cdk): not modelled, not judged: aws-ec2.Vpc,',
        '                                              aws-ecs-patterns.ApplicationLoadBalancedFargateService (2 constructs),',
        '                                              aws-ecs.Cluster (2 constructs)',
        '',
      ]);
    });

    describe('a long file path and resource id', () => {
      const file =
        'serverless-patterns/apigw-rest-stepfunctions-express-sync-bedrock-sam/nested/stacks/template.yaml';
      const resourceId =
        'module.orders.module.worker.aws_iam_role_policy.worker_queue_access';
      const report = {
        ...sampleReport(),
        findings: [
          finding('IAM-002', {
            file,
            resourceId,
            line: 3,
            message: 'Role policy grants sqs:* on every queue.',
          }),
          finding('DLQ-001', { file, resourceId: 'Fn', line: 120 }),
        ],
      };
      const rows = (width?: number) => {
        const lines = toTable(report, { width }).split('\n');
        return lines.slice(0, lines.indexOf(''));
      };

      it('break the path after a slash and keep the row within 80 columns', () => {
        expect(rows(80)).toEqual([
          'serverless-patterns/apigw-rest-stepfunctions-express-sync-bedrock-sam/nested/',
          'stacks/template.yaml',
          '    3  high      IAM-002  …aws_iam_role_policy.worker_queue_access',
          '      Role policy grants sqs:* on every queue.',
          '  120  high      DLQ-001  Fn',
          '      DLQ-001 failed on OrderProcessor.',
        ]);
      });

      it('give the resource what a narrower terminal leaves it', () => {
        expect(rows(50)).toEqual([
          'serverless-patterns/',
          'apigw-rest-stepfunctions-express-sync-bedrock-sam/',
          'nested/stacks/template.yaml',
          '    3  high      IAM-002  …icy.worker_queue_access',
          '      Role policy grants sqs:* on every queue.',
          '  120  high      DLQ-001  Fn',
          '      DLQ-001 failed on OrderProcessor.',
        ]);
        expect(rows(30)).toContain(
          `    3  high      IAM-002  …${resourceId.slice(-11)}`,
        );
      });

      it('cut a name longer than the line, from a line of its own, and stay one line each without a width', () => {
        const name = `${'x'.repeat(100)}.yaml`;
        const lines = toTable(
          { ...report, findings: [finding('DLQ-001', { file: `a/${name}` })] },
          { width: 80 },
        ).split('\n');
        expect(lines.slice(0, 4)).toEqual([
          'a/',
          'x'.repeat(80),
          `${'x'.repeat(20)}.yaml`,
          expect.stringMatching(/^ {2}10 {2}high/),
        ]);
        expect(rows()).toEqual([
          file,
          `    3  high      IAM-002  …${resourceId.slice(
            -39,
          )}  Role policy grants sqs:* on every queue.`,
          `  120  high      DLQ-001  Fn${' '.repeat(
            38,
          )}  DLQ-001 failed on OrderProcessor.`,
        ]);
      });
    });

    describe('the summary of a large scan', () => {
      // As `scan` of a tree of many projects against a baseline: counts in the thousands, stack inputs, every
      // format, deep paths.
      const formats = [
        ['cloudformation', 171],
        ['terraform', 189],
        ['pulumi', 2],
        ['cdk', 108],
      ] as const;
      const report = {
        ...sampleReport(),
        findings: [
          ...Array.from({ length: 1508 }, (_, line) =>
            finding('OPS-003', { line, baselineState: 'unchanged' as const }),
          ),
          ...Array.from({ length: 19 }, (_, line) =>
            finding('DLQ-001', {
              line,
              confidence: 'partial' as const,
              baselineState: 'new' as const,
            }),
          ),
          finding('LOG-002', {
            suppressed: { kind: 'inline' as const, reason: 'legal hold' },
          }),
        ],
        files: formats.flatMap(([format, count]) =>
          Array.from({ length: count }, (_, i) => ({
            path: `${format}/${i}/main`,
            format,
            resources: 1,
          })),
        ),
        skipped: [
          {
            path: 'serverless-patterns/lambda-layer-sharing-cdk/assets/layer/nodejs/node_modules/data.json',
            reason: 'larger than 20971520 bytes',
          },
        ],
        programs: [
          {
            format: 'cdk' as const,
            project: 'cdk.json',
            main: 'serverless-patterns/aurora-serverless-global-db-cdk/bin/aurora-global-db-multistack.ts',
            files: [],
            notModelled: [{ type: 'aws-ec2.Vpc', count: 2 }],
          },
        ],
      };

      it('fits in 80 columns, each line wrapped under itself', () => {
        const text = toTable(report, { width: 80 });
        const lines = text.split('\n');
        const start = lines.findIndex(line => line.startsWith('1527 findings'));
        expect(lines.slice(start, start + 3)).toEqual([
          '1527 findings: 0 critical, 19 high, 0 medium, 1508 low; 1 suppressed; 19 new,',
          '               1508 already in the baseline',
          '19 [partial]: they rest on what the scan cannot know for sure: the default value',
        ]);
        expect(lines.slice(start + 3, start + 5)).toEqual([
          '              of a stack input (a parameter or variable), which a deployment may',
          '              override, or a loop, a condition or code not known statically',
        ]);
        const files = lines.findIndex(line => line.startsWith('Files:'));
        expect(lines.slice(files)).toEqual([
          'Files: 470 scanned (171 cloudformation, 189 terraform, 2 pulumi, 108 cdk),',
          '       1 skipped',
          '  skipped serverless-patterns/lambda-layer-sharing-cdk/assets/layer/nodejs/',
          '          node_modules/data.json: larger than 20971520 bytes',
          '  serverless-patterns/aurora-serverless-global-db-cdk/bin/',
          '  aurora-global-db-multistack.ts (cdk): not modelled, not judged:',
          '      aws-ec2.Vpc (2 constructs)',
          '',
        ]);
        expect(lines.filter(line => line.length > 80)).toEqual([]);
      });

      it('keeps its colours, and each line whole without a width', () => {
        const colored = toTable(report, { width: 80, color: true });
        // eslint-disable-next-line no-control-regex
        expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(
          toTable(report, { width: 80 }),
        );
        expect(colored).toContain(
          '\u001b[36m1508 low\u001b[39m; 1 suppressed; 19 new,\n',
        );
        const lines = toTable(report).split('\n');
        expect(lines).toContain(
          '1527 findings: 0 critical, 19 high, 0 medium, 1508 low; 1 suppressed; 19 new, 1508 already in the baseline',
        );
        expect(
          lines.slice(lines.findIndex(l => l.startsWith('Files:'))),
        ).toEqual([
          'Files: 470 scanned (171 cloudformation, 189 terraform, 2 pulumi, 108 cdk), 1 skipped',
          '  skipped serverless-patterns/lambda-layer-sharing-cdk/assets/layer/nodejs/node_modules/data.json: larger than 20971520 bytes',
          '  serverless-patterns/aurora-serverless-global-db-cdk/bin/aurora-global-db-multistack.ts (cdk): not modelled, not judged: aws-ec2.Vpc (2 constructs)',
          '',
        ]);
      });
    });

    it("puts every category's counts below its title and score where a category's line does not fit", () => {
      const categories = (width?: number) => {
        const lines = toTable(sampleReport(), { width }).split('\n');
        const grade = lines.findIndex(line => line.startsWith('Grade'));
        const files = lines.findIndex(line => line.startsWith('Files:'));
        return lines.slice(grade + 1, files);
      };
      const oneLineEach = [
        '  Dead-letter queues   50  (1 passed, 1 failed)',
        '  Alarms              n/a',
        '  Encryption          n/a',
        '  IAM scoping           0  (0 passed, 1 failed)',
        '  Logging             100  (1 passed, 0 failed)',
        '  Operations            0  (0 passed, 1 failed)',
        '  Parsing               0  (0 passed, 1 failed)',
      ];
      expect(categories()).toEqual(oneLineEach);
      expect(categories(47)).toEqual(oneLineEach);
      expect(categories(46)).toEqual([
        '  Dead-letter queues   50',
        '      (1 passed, 1 failed)',
        '  Alarms              n/a',
        '  Encryption          n/a',
        '  IAM scoping           0',
        '      (0 passed, 1 failed)',
        '  Logging             100',
        '      (1 passed, 0 failed)',
        '  Operations            0',
        '      (0 passed, 1 failed)',
        '  Parsing               0',
        '      (0 passed, 1 failed)',
      ]);
      expect(categories(30)).toEqual(categories(46));
      // Narrower than a title and its score, the counts still wrap below it, a count with its noun.
      expect(categories(20).slice(0, 4)).toEqual([
        '  Dead-letter queues   50',
        '      (1 passed,',
        '      1 failed)',
        '  Alarms              n/a',
      ]);
    });

    it("breaks a skipped file's reason and a program's heading at their spaces, after the path", () => {
      const report = {
        ...sampleReport(),
        skipped: [
          {
            path: 'stacks/orders/template.yaml',
            reason:
              'resource OrderQueues (line 12) is not judged: a Fn::ForEach loop inside it runs over a collection not known statically',
          },
        ],
        programs: [
          {
            format: 'cdk' as const,
            project: 'cdk.json',
            main: 'app.ts',
            files: [],
            notModelled: [{ type: 'aws-ec2.Vpc', count: 2 }],
          },
        ],
      };
      const lines = toTable(report, { width: 40 }).split('\n');
      expect(
        lines.slice(lines.findIndex(line => line.startsWith('  skipped'))),
      ).toEqual([
        '  skipped stacks/orders/template.yaml:',
        '          resource OrderQueues (line 12)',
        '          is not judged: a Fn::ForEach',
        '          loop inside it runs over a',
        '          collection not known',
        '          statically',
        '  app.ts (cdk): not modelled, not',
        '  judged:',
        '      aws-ec2.Vpc (2 constructs)',
        '',
      ]);
    });

    it('cuts a word longer than the line', () => {
      const report = {
        ...sampleReport(),
        findings: [finding('ALM-001', { message: 'x'.repeat(90) })],
      };
      const lines = toTable(report, { width: 80 }).split('\n');
      const first = lines.indexOf('template.yaml') + 1;
      expect(lines.slice(first + 1, first + 3)).toEqual([
        `      ${'x'.repeat(74)}`,
        `      ${'x'.repeat(16)}`,
      ]);
    });
    describe('with CJK text, two columns a character', () => {
      const file = 'サービス/インフラ/テンプレート.yaml';
      const report = {
        ...sampleReport(),
        findings: [
          finding('DLQ-001', {
            file,
            resourceId: 'スタック/注文処理関数/デッドレターキュー',
            line: 12,
            message:
              'Function 注文処理関数 has no dead-letter queue: 失敗したイベントは再試行の後に破棄されます。',
          }),
          finding('LOG-002', {
            file,
            resourceId: '注文ログ',
            line: 40,
            message: 'Log group 注文ログ keeps its logs forever.',
          }),
        ],
        skipped: [
          {
            path: 'データ/大きなファイル.json',
            reason: '20 MB を超えています',
          },
        ],
        programs: [
          {
            format: 'pulumi' as const,
            project: 'Pulumi.yaml',
            main: 'インフラ/index.ts',
            files: [],
            notModelled: [{ type: 'aws.ec2.Instance', count: 1 }],
          },
        ],
      };

      it('wraps and aligns the findings by the columns they take', () => {
        const lines = toTable(report, { width: 40 }).split('\n');
        expect(lines.slice(0, lines.indexOf(''))).toEqual([
          'サービス/インフラ/テンプレート.yaml',
          '  12  high      DLQ-001  …ドレターキュー',
          '      Function 注文処理関数 has no',
          '      dead-letter queue:',
          '      失敗したイベントは再試行の後に破棄',
          '      されます。',
          '  40  medium    LOG-002  注文ログ',
          '      Log group 注文ログ keeps its logs',
          '      forever.',
        ]);
        expect(lines.filter(line => displayWidth(line) > 40)).toEqual([]);
        // The resource column is as wide on screen on every row.
        expect(toTable(report).split('\n').slice(1, 3)).toEqual([
          '  12  high      DLQ-001  スタック/注文処理関数/デッドレターキュー  Function 注文処理関数 has no dead-letter queue: 失敗したイベントは再試行の後に破棄されます。',
          `  40  medium    LOG-002  注文ログ${' '.repeat(
            32,
          )}  Log group 注文ログ keeps its logs forever.`,
        ]);
      });

      it('breaks its paths and the lines that name them by the columns they take', () => {
        const lines = toTable({ ...report, findings: [] }, { width: 30 }).split(
          '\n',
        );
        expect(lines.slice(lines.indexOf('Files:'))).toEqual([
          'Files:',
          '      3 scanned',
          '      (3 cloudformation),',
          '      1 skipped',
          '  skipped データ/',
          '          大きなファイル.json:',
          '          20 MB を超えています',
          '  インフラ/index.ts (pulumi):',
          '  not modelled, not judged:',
          '      aws.ec2.Instance',
          '',
        ]);
        expect(lines.filter(line => displayWidth(line) > 30)).toEqual([]);
        expect(toTable(report, { width: 30 }).split('\n').slice(0, 2)).toEqual([
          'サービス/インフラ/',
          'テンプレート.yaml',
        ]);
      });
    });
  });

  it('never cuts inside what shows as one character: a joined emoji, a flag, a letter and its accent', () => {
    const coder = '👩\u200d💻';
    const flag = '🇯🇵';
    const accented = 'e\u0301';
    const report = {
      ...sampleReport(),
      findings: [
        finding('ALM-001', {
          file: `dir/${coder.repeat(12)}.yaml`,
          message: `${flag.repeat(10)} ${accented.repeat(20)}`,
        }),
      ],
    };
    const lines = toTable(report, { width: 21 }).split('\n');
    expect(lines.slice(0, lines.indexOf(''))).toEqual([
      'dir/',
      coder.repeat(10),
      `${coder.repeat(2)}.yaml`,
      '  10  high      ALM-001  …erProcessor',
      // Below the columns, 15 wide there: 7 flags, 15 accented letters a line.
      `      ${flag.repeat(7)}`,
      `      ${flag.repeat(3)}`,
      `      ${accented.repeat(15)}`,
      `      ${accented.repeat(5)}`,
    ]);
  });

  it('gives a spacing mark and a halfwidth voiced sound mark the column a terminal gives them', () => {
    const database = 'ﾃﾞｰﾀﾍﾞｰｽ'; // 8 columns: each ﾞ joins the kana before it, but takes a column of its own
    const report = {
      ...sampleReport(),
      findings: [
        finding('ALM-001', {
          resourceId: 'प्रमाणीकरण', // 9 columns: its vowel signs ा and ी take one each
          message: `${database} ${database} ${database} ${database}`,
        }),
        finding('DLQ-001', { resourceId: 'Queue1234' }),
      ],
    };
    const lines = toTable(report).split('\n');
    expect(lines.slice(1, 3)).toEqual([
      `  10  high      ALM-001  प्रमाणीकरण  ${report.findings[0].message}`,
      '  10  high      DLQ-001  Queue1234  DLQ-001 failed on OrderProcessor.',
    ]);
    // Below the columns, 34 columns wide: three of the four words fit on a line.
    expect(toTable(report, { width: 40 }).split('\n').slice(1, 4)).toEqual([
      '  10  high      ALM-001  प्रमाणीकरण',
      `      ${database} ${database} ${database}`,
      `      ${database}`,
    ]);
  });

  it('never cuts a character in two (an emoji is two UTF-16 code units) where it cuts a path or a word', () => {
    const emoji = '\u{1F600}';
    const report = {
      ...sampleReport(),
      findings: [
        finding('ALM-001', {
          file: `dir/${emoji.repeat(30)}.yaml`,
          message: emoji.repeat(40),
        }),
      ],
      skipped: [{ path: `a/${emoji.repeat(30)}`, reason: 'binary file' }],
    };
    const lines = toTable(report, { width: 21 }).split('\n');
    const header = lines.indexOf('dir/');
    expect(lines.slice(header, header + 5)).toEqual([
      'dir/',
      emoji.repeat(10),
      emoji.repeat(10),
      `${emoji.repeat(10)}.`,
      'yaml',
    ]);
    // The message goes below its columns, 15 wide there: 7 emoji a line.
    expect(lines.slice(header + 6, header + 9)).toEqual([
      `      ${emoji.repeat(7)}`,
      `      ${emoji.repeat(7)}`,
      `      ${emoji.repeat(7)}`,
    ]);
    expect(
      lines.filter(line =>
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(
          line,
        ),
      ),
    ).toEqual([]);
  });

  it('marks suppressed findings with their reason', () => {
    expect(toTable(sampleReport())).toContain(
      'infra/logs stack.yaml\n  3  medium    LOG-002    OrderLogs  [suppressed: legal hold] LOG-002 failed on OrderProcessor.',
    );
  });

  it('says what a finding at partial confidence rests on', () => {
    expect(toTable(sampleReport())).toContain(
      '4 findings: 1 critical, 2 high, 0 medium, 1 low; 1 suppressed\n' +
        '1 [partial]: it rests on what the scan cannot know for sure: the default value of a stack input (a parameter or variable), which a deployment may override, or a loop, a condition or code not known statically\n',
    );
    const allHigh = { ...sampleReport(), findings: [finding('DLQ-001')] };
    expect(toTable(allHigh)).not.toContain('[partial]');
  });

  it('ends with counts, grade, category scores and files', () => {
    const report = sampleReport();
    const text = toTable(report);
    const grade = report.scorecard.grade;
    expect(text).toContain(
      '4 findings: 1 critical, 2 high, 0 medium, 1 low; 1 suppressed\n',
    );
    expect(text).toContain(
      `Grade ${grade}, score ${report.scorecard.score}/100\n`,
    );
    expect(text).toMatch(
      /^ {2}Dead-letter queues +50 {2}\(1 passed, 1 failed\)$/m,
    );
    expect(text).toMatch(/^ {2}Alarms +n\/a$/m);
    expect(text).toMatch(/^ {2}Encryption +n\/a$/m);
    expect(text).toContain(
      'Files: 3 scanned (3 cloudformation), 1 skipped\n  skipped big.json: larger than 20971520 bytes\n',
    );
  });

  it('says so when there is nothing to report', () => {
    const text = toTable(reportWith());
    expect(text).toBe(
      [
        'No findings.',
        'Grade n/a (no check applies to the scanned files)',
        '  Dead-letter queues  n/a',
        '  Alarms              n/a',
        '  Encryption          n/a',
        '  IAM scoping         n/a',
        '  Logging             n/a',
        '  Operations          n/a',
        '  Parsing             n/a',
        'Files: 0 scanned, 0 skipped',
        '',
      ].join('\n'),
    );
  });

  it('wraps the reason there is no grade in a narrow terminal', () => {
    const report = reportWith();
    expect(toTable(report, { width: 50 }).split('\n')[1]).toBe(
      'Grade n/a (no check applies to the scanned files)',
    );
    const lines = toTable(report, { width: 30 }).split('\n');
    expect(lines.slice(1, 4)).toEqual([
      'Grade n/a',
      '      (no check applies to the',
      '      scanned files)',
    ]);
    expect(lines.filter(line => line.length > 30)).toEqual([]);
  });

  it('lists at most a few skipped files', () => {
    const report = sampleReport();
    report.skipped = Array.from({ length: 13 }, (_, i) => ({
      path: `f${i}.json`,
      reason: 'binary file',
    }));
    const text = toTable(report);
    expect(text).toContain(
      '  skipped f9.json: binary file\n  … and 3 more skipped\n',
    );
    expect(text).not.toContain('f10.json');
  });

  it('uses ANSI colours only when asked', () => {
    expect(toTable(sampleReport())).not.toContain('\u001b[');
    const colored = toTable(sampleReport(), { color: true });
    expect(colored).toContain('\u001b[31m');
    // Stripped of colours, the text is the same.
    // eslint-disable-next-line no-control-regex
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(toTable(sampleReport()));
  });

  it('shows control characters from the scanned files as escapes, never raw', () => {
    const report = sampleReport();
    const [evil] = report.findings;
    evil.file = 'evil\u001b]0;title\u0007.yaml';
    evil.resourceId = 'Evil\u001b[2JQueue';
    evil.message = 'Queue Evil\u001b[2JQueue has \u202eno tags\nsecond line';
    report.skipped = [{ path: 'a\rb.yaml', reason: 'binary file' }];
    const text = toTable(report);
    // eslint-disable-next-line no-control-regex -- what must not get through
    expect(text).not.toMatch(/[\u001b\u0007\r\u202e]/);
    expect(text).toContain('evil\\u001b]0;title\\u0007.yaml\n');
    expect(text).toContain(
      'Evil\\u001b[2JQueue  Queue Evil\\u001b[2JQueue has \\u202eno tags\\u000asecond line',
    );
    expect(text).toContain('skipped a\\u000db.yaml: binary file');
  });
});
