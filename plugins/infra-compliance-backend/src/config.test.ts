import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { DEFAULT_CONFIG, readInfraComplianceConfig } from './config';

const read = (infraCompliance: JsonObject) =>
  readInfraComplianceConfig(new ConfigReader({ infraCompliance }));

describe('readInfraComplianceConfig', () => {
  it('reads scanRetention as a duration, 90 days by default, and refuses one that is not positive', () => {
    expect(read({}).scanRetentionMs).toBe(90 * 86_400_000);
    expect(DEFAULT_CONFIG.scanRetentionMs).toBe(90 * 86_400_000);
    expect(read({ scanRetention: { days: 30 } }).scanRetentionMs).toBe(
      30 * 86_400_000,
    );
    expect(read({ scanRetention: 'P7D' }).scanRetentionMs).toBe(7 * 86_400_000);
    expect(() => read({ scanRetention: { days: 0 } })).toThrow(
      /scanRetention must be a positive duration/,
    );
  });

  it('reads maxCatalogShrinkPercentage, 50 by default, and refuses one outside 0 to 100', () => {
    expect(read({}).maxCatalogShrinkPercentage).toBe(50);
    expect(
      read({ maxCatalogShrinkPercentage: 0 }).maxCatalogShrinkPercentage,
    ).toBe(0);
    expect(
      read({ maxCatalogShrinkPercentage: 100 }).maxCatalogShrinkPercentage,
    ).toBe(100);
    expect(() => read({ maxCatalogShrinkPercentage: 101 })).toThrow(
      'infraCompliance.maxCatalogShrinkPercentage must be a number from 0 to 100, got 101',
    );
    expect(() => read({ maxCatalogShrinkPercentage: -1 })).toThrow(
      /must be a number from 0 to 100, got -1/,
    );
  });

  it('reads catalogTimeout as a duration, 10 seconds by default, and refuses one that is not positive', () => {
    expect(read({}).catalogTimeoutMs).toBe(10_000);
    expect(read({ catalogTimeout: { seconds: 3 } }).catalogTimeoutMs).toBe(
      3_000,
    );
    expect(() => read({ catalogTimeout: { seconds: 0 } })).toThrow(
      /catalogTimeout must be a positive duration/,
    );
  });

  it('refuses a catalogTimeout or schedule.timeout longer than a timer can wait, which would fire at once', () => {
    expect(read({ catalogTimeout: '24d' }).catalogTimeoutMs).toBe(
      24 * 86_400_000,
    );
    expect(() => read({ catalogTimeout: { days: 30 } })).toThrow(
      /catalogTimeout must be at most 24 days/,
    );
    expect(
      read({ schedule: { timeout: { days: 24 } } }).schedule.timeout,
    ).toEqual({ days: 24 });
    expect(() => read({ schedule: { timeout: { days: 25 } } })).toThrow(
      /schedule\.timeout must be at most 24 days/,
    );
    expect(() => read({ schedule: { timeout: { seconds: 0 } } })).toThrow(
      /schedule\.timeout must be a positive duration/,
    );
  });

  it('reads lockTimeout as a duration, 2 minutes by default, and refuses one that is not positive or longer than a timer can wait', () => {
    expect(read({}).lockTimeoutMs).toBe(120_000);
    expect(read({ lockTimeout: { seconds: 30 } }).lockTimeoutMs).toBe(30_000);
    expect(() => read({ lockTimeout: { seconds: 0 } })).toThrow(
      /lockTimeout must be a positive duration/,
    );
    expect(() => read({ lockTimeout: { days: 25 } })).toThrow(
      /lockTimeout must be at most 24 days/,
    );
  });

  it('reads events.enabled, true by default, and refuses one that is not a boolean', () => {
    expect(read({}).events).toEqual({ enabled: true });
    expect(read({ events: { enabled: false } }).events).toEqual({
      enabled: false,
    });
    expect(() => read({ events: { enabled: 'maybe' } })).toThrow(
      /infraCompliance\.events\.enabled.*to a boolean/,
    );
    expect(() => read({ events: true })).toThrow(
      /infraCompliance\.events.*wanted object/,
    );
  });

  it('reads schedule.frequency as a cron expression or a duration, written as an object or as text', () => {
    expect(read({}).schedule.frequency).toEqual({ hours: 6 });
    expect(
      read({ schedule: { frequency: { cron: '0 3 * * *' } } }).schedule
        .frequency,
    ).toEqual({ cron: '0 3 * * *' });
    expect(
      read({ schedule: { frequency: { minutes: 30 } } }).schedule.frequency,
    ).toEqual({ minutes: 30 });
    expect(
      read({ schedule: { frequency: 'PT30M' } }).schedule.frequency,
    ).toEqual({ minutes: 30 });
    expect(read({ schedule: { frequency: '30m' } }).schedule.frequency).toEqual(
      { minutes: 30 },
    );
  });

  it('reads notifications, off by default, from high severity, with grade drops; and refuses a severity or a switch it does not know', () => {
    expect(read({}).notifications).toEqual({
      enabled: false,
      minSeverity: 'high',
      onGradeDrop: true,
    });
    expect(
      read({
        notifications: {
          enabled: true,
          minSeverity: 'critical',
          onGradeDrop: false,
        },
      }).notifications,
    ).toEqual({ enabled: true, minSeverity: 'critical', onGradeDrop: false });
    expect(() => read({ notifications: { minSeverity: 'High' } })).toThrow(
      "infraCompliance.notifications.minSeverity must be one of critical, high, medium, low, got 'High'",
    );
    expect(() => read({ notifications: { minSeverity: 3 } })).toThrow(
      /infraCompliance\.notifications\.minSeverity/,
    );
    expect(() => read({ notifications: { enabled: 'sometimes' } })).toThrow(
      /infraCompliance\.notifications\.enabled/,
    );
    expect(() => read({ notifications: { onGradeDrop: 'maybe' } })).toThrow(
      /infraCompliance\.notifications\.onGradeDrop/,
    );
  });
});
