#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { OrdersStack } from '../lib/stack';

const app = new cdk.App();
cdk.Tags.of(app).add('team', 'orders');
new OrdersStack(app, 'OrdersStack', { env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } });
