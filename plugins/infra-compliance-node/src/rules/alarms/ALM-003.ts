import { ALARM_TYPE, COMPOSITE_ALARM_TYPE } from '../../analysis/alarms';
import { defineRule } from '../types';

/** ALM-003: an alarm (metric or composite) has at least one AlarmActions entry. */
export default defineRule('ALM-003', ({ graph, check, report }) => {
  for (const alarm of graph.ofType(ALARM_TYPE, COMPOSITE_ALARM_TYPE)) {
    check(alarm);
    const actions = alarm.properties.AlarmActions;
    if (
      actions !== undefined &&
      !(Array.isArray(actions) && actions.length === 0)
    )
      continue;
    const name = graph.nameOf(alarm, 'AlarmActions');
    report(alarm, {
      message: `Alarm ${alarm.id} has ${
        actions === undefined ? `no ${name}` : `an empty ${name} list`
      }: when it goes into ALARM nobody is notified.`,
      path: actions === undefined ? undefined : ['AlarmActions'],
    });
  }
});
