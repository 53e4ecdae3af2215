// The scenario handlers are tested on msw 3 and msw 2 (the peer range takes both); msw 3 renamed
// `onUnhandledRequest` to `onUnhandledFrame`, so both are set and each major reads its own.
export const onUnhandled = (mode: 'bypass' | 'error') => ({ onUnhandledFrame: mode, onUnhandledRequest: mode });
