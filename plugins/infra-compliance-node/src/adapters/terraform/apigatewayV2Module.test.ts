import { Ref } from '../../graph/values';
import { passingRules, scanTerraformFile } from '../../testing/programScans';
import { terraformAdapter } from '.';

/** A function of the lambda module that the API invokes, allowed through allowed_triggers. `extra` adds inputs. */
const fn = (sourceArn: string, extra = '') => `
module "fn" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"

  function_name = "orders"
  handler       = "index.handler"
  runtime       = "python3.12"

  allowed_triggers = {
    AllowExecutionFromAPIGateway = {
      service    = "apigateway"
      source_arn = "${sourceArn}/*/*"
    }
  }
${extra}}
`;

describe('terraform-aws-modules/apigateway-v2/aws', () => {
  describe('4.x and earlier (integrations, default_stage_*)', () => {
    const api = (settings: string) => `module "api" {
  source  = "terraform-aws-modules/apigateway-v2/aws"
  version = "~> 4.0"

  name          = "orders"
  protocol_type = "HTTP"
  create_api_domain_name = false

  integrations = {
    "POST /orders" = {
      lambda_arn             = module.fn.lambda_function_arn
      payload_format_version = "2.0"
    }
  }
${settings}
}
${fn('${module.api.apigatewayv2_api_execution_arn}')}`;

    it('declares the API, its $default stage, and a route with its Lambda proxy integration', () => {
      const { graphs, skipped } = terraformAdapter.load([
        { path: 'svc/main.tf', text: api('') },
      ]);
      expect(skipped).toEqual([]);
      const graph = graphs[0];
      expect(
        [...graph.resources]
          .filter(r => r.id.startsWith('module.api.'))
          .map(r => [r.id, r.type, r.line]),
      ).toEqual([
        [
          'module.api.aws_apigatewayv2_api.this[0]',
          'AWS::ApiGatewayV2::Api',
          1,
        ],
        [
          'module.api.aws_apigatewayv2_stage.default[0]',
          'AWS::ApiGatewayV2::Stage',
          1,
        ],
        [
          'module.api.aws_apigatewayv2_integration.this["POST /orders"]',
          'AWS::ApiGatewayV2::Integration',
          1,
        ],
        [
          'module.api.aws_apigatewayv2_route.this["POST /orders"]',
          'aws_apigatewayv2_route',
          1,
        ],
      ]);
      expect(
        graph.get('module.api.aws_apigatewayv2_api.this[0]')!.properties,
      ).toMatchObject({ Name: 'orders', ProtocolType: 'HTTP' });
      expect(
        graph.get(
          'module.api.aws_apigatewayv2_integration.this["POST /orders"]',
        )!.properties,
      ).toMatchObject({
        // AWS_PROXY where lambda_arn is not "": a reference is not known statically to be.
        IntegrationUri: new Ref('module.fn.aws_lambda_function.this[0]', 'Arn'),
      });
    });

    it('fails the stage of its defaults: no access logs (LOG-004), no throttling (OPS-001); the API and stage untagged (OPS-003)', () => {
      const { report, findings } = scanTerraformFile(api(''), [
        'LOG-004',
        'OPS-001',
        'OPS-003',
      ]);
      expect(
        findings.filter(f => String(f[1]).startsWith('module.api.')),
      ).toEqual([
        ['LOG-004', 'module.api.aws_apigatewayv2_stage.default', 1],
        ['OPS-001', 'module.api.aws_apigatewayv2_stage.default', 1],
        ['OPS-003', 'module.api.aws_apigatewayv2_api.this', 1],
        ['OPS-003', 'module.api.aws_apigatewayv2_stage.default', 1],
      ]);
      expect(
        report.findings.find(f => f.ruleId === 'LOG-004')!.message,
      ).toMatch(/default_stage_access_log_destination_arn/);
    });

    it("advises tags, which the module merges into all it makes, before the stage's own tags, which 4.x merges first and only where set", () => {
      const { report } = scanTerraformFile(api('  default_stage_tags = {}'), [
        'OPS-003',
      ]);
      expect(
        report.findings
          .filter(f => f.resourceId.startsWith('module.api.'))
          .map(f => [
            f.resourceId,
            f.line,
            f.message.replace(/^.* has no tags: (.*) is empty, so .*$/, '$1'),
          ]),
      ).toEqual([
        ['module.api.aws_apigatewayv2_api.this', 1, 'tags'],
        [
          'module.api.aws_apigatewayv2_stage.default',
          15,
          'tags (or default_stage_tags)',
        ],
      ]);
    });

    it('passes a stage with an access log destination, default route throttling and tags', () => {
      const rules = ['LOG-004', 'OPS-001', 'OPS-003'];
      const settings = `  default_stage_access_log_destination_arn = aws_cloudwatch_log_group.api.arn
  default_stage_access_log_format          = "$context.requestId"
  default_route_settings = {
    throttling_burst_limit = 50
    throttling_rate_limit  = 100
  }
  tags = { team = "orders" }`;
      const { report, findings } = scanTerraformFile(
        `${api(settings)}resource "aws_cloudwatch_log_group" "api" {}\n`,
        rules,
      );
      expect(
        findings.filter(f => String(f[1]).startsWith('module.api.')),
      ).toEqual([]);
      expect(passingRules(report, ['LOG-004', 'OPS-001'])).toEqual([
        'LOG-004',
        'OPS-001',
      ]);
    });

    it("logs to the log group it makes with create_default_stage_access_log_group, at 4.x's address: that group's retention and key are judged, named as 4.x names them", () => {
      const { report, findings } = scanTerraformFile(
        api(
          '  create_default_stage_access_log_group = true\n  default_stage_access_log_format = "$context.requestId"\n  tags = { team = "orders" }',
        ),
        ['LOG-004', 'LOG-002', 'ENC-001'],
      );
      expect(findings).toEqual([
        ['ENC-001', 'module.api.aws_cloudwatch_log_group.this', 1],
        ['LOG-002', 'module.api.aws_cloudwatch_log_group.this', 1],
        ['ENC-001', 'module.fn.aws_cloudwatch_log_group.lambda', 20],
        ['LOG-002', 'module.fn.aws_cloudwatch_log_group.lambda', 20],
      ]);
      expect(
        report.findings
          .slice(0, 2)
          .map(f => f.message.replace(/^.* has no (\S+), .*$/, '$1')),
      ).toEqual([
        'default_stage_access_log_group_kms_key_id',
        'default_stage_access_log_group_retention_in_days',
      ]);
    });

    it('writes no access log settings without default_stage_access_log_format, as every release before 5.0: the log group it makes is not logged to (LOG-004)', () => {
      for (const settings of [
        '  create_default_stage_access_log_group = true',
        '  default_stage_access_log_destination_arn = aws_cloudwatch_log_group.api.arn',
      ]) {
        const { report, findings } = scanTerraformFile(
          `${api(settings)}resource "aws_cloudwatch_log_group" "api" {}\n`,
          ['LOG-004'],
        );
        expect(findings).toEqual([
          ['LOG-004', 'module.api.aws_apigatewayv2_stage.default', 1],
        ]);
        expect(report.findings[0].message).toContain(
          `has no access log settings (${
            settings.trim().split(' ')[0]
          } with default_stage_access_log_format)`,
        );
      }
    });

    it('reads a call writing 4.x inputs with no version as one written for 4.x: its API is tagged with tags alone (OPS-003)', () => {
      const { findings } = scanTerraformFile(
        api('').replace('  version = "~> 4.0"\n', ''),
        ['LOG-004', 'OPS-003'],
      );
      expect(
        findings.filter(f => String(f[1]).startsWith('module.api.')),
      ).toEqual([
        ['LOG-004', 'module.api.aws_apigatewayv2_stage.default', 1],
        ['OPS-003', 'module.api.aws_apigatewayv2_api.this', 1],
        ['OPS-003', 'module.api.aws_apigatewayv2_stage.default', 1],
      ]);
    });

    it('reads a call writing any input 5.0 removed, whatever its value, as one written for 4.x: no log group of 5.x (ENC-001, LOG-002)', () => {
      const call = (input: string) => `module "api" {
  source = "terraform-aws-modules/apigateway-v2/aws"
  name   = "orders"
  ${input}
}
`;
      for (const input of [
        'default_stage_access_log_group_retention_in_days = 7',
        'default_stage_access_log_format = "$context.requestId"',
        'create_vpc_link = null',
      ]) {
        const { graphs } = terraformAdapter.load([
          { path: 'svc/main.tf', text: call(input) },
        ]);
        expect([...graphs[0].resources].map(r => r.id)).toEqual([
          'module.api.aws_apigatewayv2_api.this[0]',
          'module.api.aws_apigatewayv2_stage.default[0]',
        ]);
        expect(
          scanTerraformFile(call(input), ['LOG-004', 'ENC-001', 'LOG-002'])
            .findings,
        ).toEqual([
          ['LOG-004', 'module.api.aws_apigatewayv2_stage.default', 1],
        ]);
      }
    });
  });

  describe('5.x and later (routes, stage_*)', () => {
    const api = (settings: string, version = '"~> 5.0"') => `module "api" {
  source  = "terraform-aws-modules/apigateway-v2/aws"
  version = ${version}

  name               = "orders"
  create_domain_name = false

  routes = {
    "POST /orders" = {
      integration = {
        uri                    = module.fn.lambda_function_arn
        payload_format_version = "2.0"
      }
    }
  }
${settings}
}
${fn('${module.api.api_execution_arn}')}`;

    it('declares the API, its stage logging to the log group it makes (30 days), with throttling of 500/1000 by default', () => {
      const { graphs, skipped } = terraformAdapter.load([
        { path: 'svc/main.tf', text: api('') },
      ]);
      expect(skipped).toEqual([]);
      const graph = graphs[0];
      expect(
        [...graph.resources]
          .filter(r => r.id.startsWith('module.api.'))
          .map(r => [r.id, r.type]),
      ).toEqual([
        ['module.api.aws_apigatewayv2_api.this[0]', 'AWS::ApiGatewayV2::Api'],
        [
          'module.api.aws_apigatewayv2_stage.this[0]',
          'AWS::ApiGatewayV2::Stage',
        ],
        ['module.api.aws_cloudwatch_log_group.this[0]', 'AWS::Logs::LogGroup'],
        [
          'module.api.aws_apigatewayv2_integration.this["POST /orders"]',
          'AWS::ApiGatewayV2::Integration',
        ],
        [
          'module.api.aws_apigatewayv2_route.this["POST /orders"]',
          'aws_apigatewayv2_route',
        ],
      ]);
      expect(
        graph.get('module.api.aws_apigatewayv2_stage.this[0]')!.properties,
      ).toMatchObject({
        StageName: '$default',
        AccessLogSettings: {
          DestinationArn: new Ref(
            'module.api.aws_cloudwatch_log_group.this[0]',
            'Arn',
          ),
        },
        DefaultRouteSettings: {
          ThrottlingBurstLimit: 500,
          ThrottlingRateLimit: 1000,
        },
      });
      expect(
        graph.get('module.api.aws_cloudwatch_log_group.this[0]')!.properties,
      ).toMatchObject({
        LogGroupName: '/aws/apigateway/orders/default',
        RetentionInDays: 30,
      });
      const rules = ['LOG-004', 'OPS-001'];
      const { report, findings } = scanTerraformFile(
        api('  tags = { team = "orders" }'),
        [...rules, 'LOG-002', 'OPS-003'],
      );
      expect(
        findings.filter(f => String(f[1]).startsWith('module.api.')),
      ).toEqual([]);
      expect(passingRules(report, rules)).toEqual(rules);
    });

    it('reads a call with no version as one for the latest release', () => {
      const { findings } = scanTerraformFile(api('', 'null'), [
        'LOG-004',
        'OPS-001',
      ]);
      expect(findings).toEqual([]);
    });

    it('reads a call whose version admits only 5.0 and later as one for them, whatever input 5.0 removed it still writes', () => {
      // Half upgraded: every release the version admits rejects create_api_domain_name; none of them is 4.x.
      for (const version of ['"~> 5.0"', '">= 5.0, < 7.0"', '"5.2.0"']) {
        const { graphs } = terraformAdapter.load([
          {
            path: 'svc/main.tf',
            text: api('  create_api_domain_name = false', version),
          },
        ]);
        expect(
          graphs[0].get('module.api.aws_apigatewayv2_stage.this[0]'),
        ).toBeDefined();
        expect(
          graphs[0].get('module.api.aws_apigatewayv2_stage.default[0]'),
        ).toBeUndefined();
      }
      // One that admits 4.x as well is read as 4.x, the only releases that take the input.
      const { graphs } = terraformAdapter.load([
        {
          path: 'svc/main.tf',
          text: api('  create_api_domain_name = false', '">= 4.0, < 6.0"'),
        },
      ]);
      expect(
        graphs[0].get('module.api.aws_apigatewayv2_stage.default[0]'),
      ).toBeDefined();
    });

    it('fails a stage whose access log group is turned off with no destination (LOG-004); an untagged stage (OPS-003), not the API (a release tags it)', () => {
      const { report, findings } = scanTerraformFile(
        api('  stage_access_log_settings = { create_log_group = false }'),
        ['LOG-004', 'OPS-001', 'OPS-003'],
      );
      expect(
        report.findings.find(f => f.ruleId === 'LOG-004')!.message,
      ).toMatch(/stage_access_log_settings/);
      expect(
        findings.filter(f => String(f[1]).startsWith('module.api.')),
      ).toEqual([
        ['LOG-004', 'module.api.aws_apigatewayv2_stage.this', 1],
        ['OPS-003', 'module.api.aws_apigatewayv2_stage.this', 1],
      ]);
    });

    it("advises tags before the log group's own tags, an attribute of stage_access_log_settings", () => {
      const { report } = scanTerraformFile(api('  tags = {}'), ['OPS-003']);
      expect(
        report.findings
          .filter(f => f.resourceId.startsWith('module.api.'))
          .map(f => [
            f.resourceId,
            f.message.replace(/^.* has no tags: (.*) is empty, so .*$/, '$1'),
          ]),
      ).toEqual([
        ['module.api.aws_apigatewayv2_stage.this', 'tags (or stage_tags)'],
        [
          'module.api.aws_cloudwatch_log_group.this',
          'tags (or stage_access_log_settings.log_group_tags)',
        ],
      ]);
    });
    it('makes no log group and no access logs for stage_access_log_settings = null (LOG-004, not ENC-001), no throttling for stage_default_route_settings = null (OPS-001)', () => {
      const settings =
        '  stage_access_log_settings    = null\n  stage_default_route_settings = null\n  tags = { team = "orders" }';
      const { graphs } = terraformAdapter.load([
        { path: 'svc/main.tf', text: api(settings) },
      ]);
      expect(
        graphs[0].get('module.api.aws_cloudwatch_log_group.this[0]'),
      ).toBeUndefined();
      const { findings } = scanTerraformFile(api(settings), [
        'LOG-004',
        'OPS-001',
        'ENC-001',
        'LOG-002',
      ]);
      expect(
        findings.filter(f => String(f[1]).startsWith('module.api.')),
      ).toEqual([
        ['LOG-004', 'module.api.aws_apigatewayv2_stage.this', 1],
        ['OPS-001', 'module.api.aws_apigatewayv2_stage.this', 1],
      ]);
    });
  });

  it('makes the function behind a Lambda proxy integration invoked synchronously: DLQ-001 exempts it; an asynchronous trigger beside it does not', () => {
    // A function with no trigger of its own: only the API's integration calls it.
    const program = (integration: string) => `module "api" {
  source = "terraform-aws-modules/apigateway-v2/aws"
  name   = "orders"
  create_domain_name = false
  routes = {
    "$default" = { integration = { uri = ${integration} } }
  }
}
module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "orders"
}
`;
    expect(
      scanTerraformFile(program('"https://example.com"'), ['DLQ-001']).findings,
    ).toEqual([['DLQ-001', 'module.fn.aws_lambda_function.this', 9]]);
    expect(
      scanTerraformFile(program('module.fn.lambda_function_arn'), ['DLQ-001'])
        .findings,
    ).toEqual([]);
    // An SNS subscription beside it is asynchronous: checked.
    const withTopic = `${program(
      'module.fn.lambda_function_arn',
    )}resource "aws_sns_topic_subscription" "orders" {
  topic_arn = "arn:aws:sns:eu-west-1:111122223333:orders"
  protocol  = "lambda"
  endpoint  = module.fn.lambda_function_arn
}
`;
    expect(scanTerraformFile(withTopic, ['DLQ-001']).findings).toEqual([
      ['DLQ-001', 'module.fn.aws_lambda_function.this', 9],
    ]);
  });

  it("gives its execution ARN to a Lambda permission's source_arn (api_execution_arn; apigatewayv2_api_execution_arn before 5.0)", () => {
    for (const [version, output] of [
      ['"~> 5.0"', 'api_execution_arn'],
      ['"~> 4.0"', 'apigatewayv2_api_execution_arn'],
    ]) {
      const text = `module "api" {
  source  = "terraform-aws-modules/apigateway-v2/aws"
  version = ${version}
  name    = "orders"
}
${fn(`\${module.api.${output}}`)}`;
      const { graphs } = terraformAdapter.load([{ path: 'svc/main.tf', text }]);
      const permission = graphs[0].get(
        'module.fn.aws_lambda_permission.unqualified_alias_triggers["AllowExecutionFromAPIGateway"]',
      )!;
      expect(JSON.stringify(permission.properties.SourceArn)).toContain(
        'module.api.aws_apigatewayv2_api.this[0]',
      );
    }
  });

  it('reports nothing an input not known statically decides, and skips nothing', () => {
    const text = `variable "logs" {}
variable "throttling" {}
variable "integrations" {}
module "api5" {
  source                       = "terraform-aws-modules/apigateway-v2/aws"
  name                         = "a"
  create_domain_name           = false
  stage_access_log_settings    = var.logs
  stage_default_route_settings = var.throttling
}
module "api4" {
  source                                   = "terraform-aws-modules/apigateway-v2/aws"
  version                                  = "4.0.0"
  name                                     = "b"
  create_api_domain_name                   = false
  default_stage_access_log_destination_arn = var.logs
  default_stage_access_log_format          = "$context.requestId"
  default_route_settings                   = var.throttling
  integrations                             = var.integrations
}
`;
    const { skipped } = terraformAdapter.load([{ path: 'svc/main.tf', text }]);
    expect(skipped).toEqual([]);
    expect(scanTerraformFile(text, ['LOG-004', 'OPS-001']).findings).toEqual(
      [],
    );
  });
});
