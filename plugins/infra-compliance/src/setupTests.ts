import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The component tests click through dialogs with user-event in jsdom, and
// role queries over a Backstage page are slow there: on a loaded two-core
// CI machine one query can take longer than testing-library's 1 s default,
// and one test longer than Jest's 5 s. A waiting query only waits as long as
// it must: the bound is for a machine busy with other work (a CI run beside
// other jobs once took more than 5 s to find the waive button).
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);
