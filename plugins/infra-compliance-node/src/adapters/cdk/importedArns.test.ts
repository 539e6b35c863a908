/**
 * The ARNs of constructs a CDK app imports, written into the resources of the stack it hands them to, as synth
 * writes them: a function's layers (`layers`, `addLayers`) and environment key (`environmentEncryption`), an alarm's
 * actions (`addAlarmAction(new SnsAction(topic))`, `addOkAction`, `addInsufficientDataAction`). A hardcoded one is
 * reported (OPS-002) on the line that hands it over; one not known statically is no failure.
 */
import { Ref, Unknown } from '../../graph/values';
import { scanFiles, selectRules } from '../../engine/scan';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 13; `props` are a function's props. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };
const alarm = { threshold: 1, evaluationPeriods: 1 };`,
    body,
  );

describe('ARNs of constructs a CDK app imports', () => {
  it("are a function's Layers and KmsKeyArn, as synth writes them: a hardcoded region or account is reported on the layer or the key that names it (OPS-002)", () => {
    const text =
      stack(`    const shared = lambda.LayerVersion.fromLayerVersionArn(this, 'Shared', 'arn:aws:lambda:eu-west-1:123456789012:layer:shared:3');
    const worker = new lambda.Function(this, 'Worker', {
      ...props,
      layers: [
        shared,
        lambda.LayerVersion.fromLayerVersionAttributes(this, 'Tools', { layerVersionArn: 'arn:aws:lambda:eu-west-1:123456789012:layer:tools:1' }),
      ],
      environmentEncryption: kms.Key.fromKeyArn(this, 'Key', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd'),
    });
    worker.addLayers(new lambda.LayerVersion(this, 'Own', { code: lambda.Code.fromAsset('layer') }));
    worker.addLayers(lambda.LayerVersion.fromLayerVersionArn(this, 'Extra', 'arn:aws:lambda:eu-west-1:123456789012:layer:extra:2'));
    new lambda.Function(this, 'Plain', { ...props, layers: [], environmentEncryption: new kms.Key(this, 'EnvKey', { enableKeyRotation: true }) });
    new lambda.Function(this, 'Given', { ...props, layers: JSON.parse(process.env.LAYERS!), environmentEncryption: kms.Key.fromKeyArn(this, 'GivenKey', process.env.KEY_ARN!) });`);
    const graph = cdkStackGraph(text);
    const worker = graph.get('Worker')!.properties;
    // A layer CDK makes (not modelled) has an ARN not known statically.
    expect(worker.Layers).toEqual([
      'arn:aws:lambda:eu-west-1:123456789012:layer:shared:3',
      'arn:aws:lambda:eu-west-1:123456789012:layer:tools:1',
      expect.any(Unknown),
      'arn:aws:lambda:eu-west-1:123456789012:layer:extra:2',
    ]);
    expect(worker.KmsKeyArn).toBe(
      'arn:aws:kms:eu-west-1:123456789012:key/1234abcd',
    );
    // No layers write no Layers; a key of the stack's is named by its ARN.
    expect(graph.get('Plain')!.properties.Layers).toBeUndefined();
    expect(graph.get('Plain')!.properties.KmsKeyArn).toEqual(
      new Ref('EnvKey', 'Arn'),
    );
    expect(graph.get('Given')!.properties.Layers).toBeInstanceOf(Unknown);
    expect(graph.get('Given')!.properties.KmsKeyArn).toBeInstanceOf(Unknown);
    // A published layer's account is its publisher's: only its region is hardcoded.
    expect(findings(text, ['OPS-002'])).toEqual([
      'OPS-002 Worker 17',
      'OPS-002 Worker 18',
      'OPS-002 Worker 20',
      'OPS-002 Worker 23',
    ]);
  });

  it("are a function's Layers in the order synth writes them: its props', then those its props make CDK add, then addLayers'; sorted by construct path under @aws-cdk/aws-lambda:recognizeLayerVersion (cdk init sets it). A hardcoded region is reported at the layer's index (OPS-002)", () => {
    const text = stack(`    const worker = new lambda.Function(this, 'Worker', {
      ...props,
      layers: [lambda.LayerVersion.fromLayerVersionArn(this, 'beta', 'arn:aws:lambda:eu-west-1:123456789012:layer:beta:1')],
      insightsVersion: lambda.LambdaInsightsVersion.VERSION_1_0_229_0,
    });
    worker.addLayers(lambda.LayerVersion.fromLayerVersionArn(new Construct(this, 'Shared'), 'Tools', 'arn:aws:lambda:eu-west-1:123456789012:layer:tools:1'));`);
    const rows = (files: { path: string; text: string }[]) =>
      scanFiles(files, selectRules(['OPS-002'])).findings.map(
        f => `${f.resourceId} ${f.line} ${f.property}`,
      );
    // Insights' layer, of an ARN CDK maps from the region (not known statically), follows those of the props.
    expect(cdkStackGraph(text).get('Worker')!.properties.Layers).toEqual([
      'arn:aws:lambda:eu-west-1:123456789012:layer:beta:1',
      expect.any(Unknown),
      'arn:aws:lambda:eu-west-1:123456789012:layer:tools:1',
    ]);
    expect(rows(cdkStackFiles(text))).toEqual([
      'Worker 15 Layers[0]',
      'Worker 18 Layers[2]',
    ]);
    // By path: App/Shared/Tools, App/Worker/LambdaInsightsLayer, App/beta (by code unit, as sort() orders strings).
    const [, ...rest] = cdkStackFiles(text);
    const flagged = [
      {
        path: 'svc/cdk.json',
        text: '{ "app": "npx ts-node bin/app.ts", "context": { "@aws-cdk/aws-lambda:recognizeLayerVersion": true } }',
      },
      ...rest,
    ];
    expect(rows(flagged)).toEqual([
      'Worker 15 Layers[2]',
      'Worker 18 Layers[0]',
    ]);
  });

  it('are each on the line of its own argument where addLayers gives them over several lines, as those of the props are (OPS-002)', () => {
    const text =
      stack(`    const worker = new lambda.Function(this, 'Worker', props);
    worker.addLayers(
      lambda.LayerVersion.fromLayerVersionArn(this, 'Tools', 'arn:aws:lambda:eu-west-1:123456789012:layer:tools:1'),
      new lambda.LayerVersion(this, 'Own', { code: lambda.Code.fromAsset('layer') }),
      lambda.LayerVersion.fromLayerVersionArn(this, 'Extra', 'arn:aws:lambda:eu-west-1:123456789012:layer:extra:2'),
    );`);
    expect(
      scanFiles(cdkStackFiles(text), selectRules(['OPS-002'])).findings.map(
        f => `${f.resourceId} ${f.line} ${f.property}`,
      ),
    ).toEqual(['Worker 15 Layers[0]', 'Worker 17 Layers[2]']);
  });

  it("are each on the line of its own element where addLayers spreads a list written in the file, else on the spread's line (OPS-002)", () => {
    const text =
      stack(`    const worker = new lambda.Function(this, 'Worker', props);
    const layers = [
      lambda.LayerVersion.fromLayerVersionArn(this, 'Tools', 'arn:aws:lambda:eu-west-1:123456789012:layer:tools:1'),
      new lambda.LayerVersion(this, 'Own', { code: lambda.Code.fromAsset('layer') }),
      lambda.LayerVersion.fromLayerVersionArn(this, 'Extra', 'arn:aws:lambda:eu-west-1:123456789012:layer:extra:2'),
    ];
    worker.addLayers(...layers);
    worker.addLayers(...['base', 'utils'].map(name => lambda.LayerVersion.fromLayerVersionArn(this, name, \`arn:aws:lambda:eu-west-1:123456789012:layer:\${name}:1\`)));`);
    expect(
      scanFiles(cdkStackFiles(text), selectRules(['OPS-002'])).findings.map(
        f => `${f.resourceId} ${f.line} ${f.property}`,
      ),
    ).toEqual([
      'Worker 15 Layers[0]',
      'Worker 17 Layers[2]',
      'Worker 20 Layers[3]',
      'Worker 20 Layers[4]',
    ]);
  });

  it('keep the order they are added in under @aws-cdk/aws-lambda:recognizeLayerVersion where a layer is made with an id not known statically (in a loop), as its path is not known: a hardcoded region is reported at the index written (OPS-002)', () => {
    const text = stack(`    const worker = new lambda.Function(this, 'Worker', {
      ...props,
      layers: [lambda.LayerVersion.fromLayerVersionArn(this, 'Base', 'arn:aws:lambda:eu-west-1:123456789012:layer:base:1')],
    });
    for (const name of JSON.parse(process.env.LAYERS!)) {
      worker.addLayers(new lambda.LayerVersion(this, \`\${name}Layer\`, { code: lambda.Code.fromAsset(name) }));
    }`);
    const [, ...rest] = cdkStackFiles(text);
    const flagged = [
      {
        path: 'svc/cdk.json',
        text: '{ "app": "npx ts-node bin/app.ts", "context": { "@aws-cdk/aws-lambda:recognizeLayerVersion": true } }',
      },
      ...rest,
    ];
    // Sorted by the id as written, `${name}Layer` would come before `Base`, whatever the names are.
    expect(
      scanFiles(flagged, selectRules(['OPS-002'])).findings.map(
        f => `${f.resourceId} ${f.line} ${f.property}`,
      ),
    ).toEqual(['Worker 15 Layers[0]']);
  });

  it("are an alarm's AlarmActions, a topic imported by its ARN named by it as synth writes it: the alarm has an action (ALM-003), whose hardcoded ARN is reported on the addAlarmAction that adds it (OPS-002)", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const errors = fn.metricErrors().createAlarm(this, 'Errors', alarm);
    errors.addAlarmAction(new actions.SnsAction(sns.Topic.fromTopicArn(this, 'Ops', 'arn:aws:sns:eu-west-1:123456789012:ops')));
    const throttles = new cloudwatch.Alarm(this, 'Throttles', { metric: fn.metricThrottles(), ...alarm });
    throttles.addAlarmAction(new actions.SnsAction(new sns.Topic(this, 'Pager')));
    throttles.addAlarmAction(new actions.SnsAction(sns.Topic.fromTopicAttributes(this, 'Shared', { topicArn: 'arn:aws:sns:eu-west-1:123456789012:shared' })));
    const duration = new cloudwatch.Alarm(this, 'Duration', { metric: fn.metricDuration(), ...alarm });
    duration.addAlarmAction(new actions.SnsAction(sns.Topic.fromTopicArn(this, 'Given', cdk.Fn.importValue('AlertsTopicArn'))));`);
    const graph = cdkStackGraph(text);
    expect(graph.get('Errors')!.properties.AlarmActions).toEqual([
      'arn:aws:sns:eu-west-1:123456789012:ops',
    ]);
    expect(graph.get('Throttles')!.properties.AlarmActions).toEqual([
      new Ref('Pager'),
      'arn:aws:sns:eu-west-1:123456789012:shared',
    ]);
    expect(graph.get('Duration')!.properties.AlarmActions).toEqual([
      expect.any(Unknown),
    ]);
    expect(findings(text, ['ALM-003', 'OPS-002'])).toEqual([
      'OPS-002 Errors 15',
      'OPS-002 Throttles 18',
    ]);
  });

  it("are each on the line of its own argument where addAlarmAction gives an alarm's actions over several lines (OPS-002)", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const errors = fn.metricErrors().createAlarm(this, 'Errors', alarm);
    errors.addAlarmAction(
      new actions.SnsAction(new sns.Topic(this, 'Pager')),
      new actions.SnsAction(sns.Topic.fromTopicArn(this, 'Ops', 'arn:aws:sns:eu-west-1:123456789012:ops')),
    );`);
    expect(findings(text, ['ALM-003', 'OPS-002'])).toEqual([
      'OPS-002 Errors 17',
    ]);
  });

  it("are an alarm's OKActions and InsufficientDataActions (addOkAction, addInsufficientDataAction) as synth writes them: a hardcoded ARN there is reported (OPS-002); they are no alarm action (ALM-003)", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const errors = fn.metricErrors().createAlarm(this, 'Errors', alarm);
    errors.addOkAction(new actions.SnsAction(sns.Topic.fromTopicArn(this, 'Recovered', 'arn:aws:sns:eu-west-1:123456789012:recovered')));
    errors.addInsufficientDataAction(new actions.SnsAction(new sns.Topic(this, 'Gaps')), new actions.SnsAction(sns.Topic.fromTopicArn(this, 'Given', cdk.Fn.importValue('GapsTopicArn'))));`);
    const errors = cdkStackGraph(text).get('Errors')!.properties;
    expect(errors.OKActions).toEqual([
      'arn:aws:sns:eu-west-1:123456789012:recovered',
    ]);
    expect(errors.InsufficientDataActions).toEqual([
      new Ref('Gaps'),
      expect.any(Unknown),
    ]);
    expect(findings(text, ['ALM-003', 'OPS-002'])).toEqual([
      'ALM-003 Errors 14',
      'OPS-002 Errors 15',
    ]);
  });
});
