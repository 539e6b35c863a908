import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The component tests click through dialogs with user-event in jsdom, and
// role queries over a Backstage page are slow there: on a loaded two-core
// CI machine one query can take longer than testing-library's 1 s default,
// and one test longer than Jest's 5 s.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(30_000);
