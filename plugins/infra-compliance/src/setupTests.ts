import '@testing-library/jest-dom';

// The component tests click through dialogs with user-event in jsdom: on a
// cold two-core CI machine one test can take longer than Jest's 5 s default.
jest.setTimeout(20_000);
