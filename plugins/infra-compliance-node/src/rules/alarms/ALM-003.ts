import { ALARM_TYPE, COMPOSITE_ALARM_TYPE } from '../../analysis/alarms';
import { defineOwnValuesRule } from '../types';

/** ALM-003: an alarm (metric or composite) has at least one AlarmActions entry. */
export default defineOwnValuesRule('ALM-003', ({ graph, check, report }) => {
  for (const alarm of graph.ofType(ALARM_TYPE, COMPOSITE_ALARM_TYPE)) {
    check(alarm);
    const actions = alarm.properties.AlarmActions;
    // An empty string names no action (`[var.alarm_topic_arn]` of a default "").
    if (
      actions !== undefined &&
      !(Array.isArray(actions) && actions.every(action => action === ''))
    )
      continue;
    const name = graph.nameOf(alarm, 'AlarmActions');
    let what = `no ${name}`;
    if (Array.isArray(actions))
      what =
        actions.length === 0
          ? `an empty ${name} list`
          : `only empty strings in its ${name} list`;
    report(alarm, {
      message: `Alarm ${alarm.id} has ${what}: when it goes into ALARM nobody is notified.`,
      path: actions === undefined ? undefined : ['AlarmActions'],
    });
  }
});
