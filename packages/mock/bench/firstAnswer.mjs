// One cold start in a fresh process, as a consumer's test run meets it: from importing @target-groups/mock to
// the first answer of startMock(). Prints the milliseconds.
const t0 = performance.now();
const { startMock } = await import('@target-groups/mock');
const mock = await startMock();
const res = await fetch(`${mock.url}/v3/users/566881933/targetGroups`, { headers: { authorization: 'Basic eDp5' } });
await res.arrayBuffer();
const elapsed = performance.now() - t0;
if (res.status !== 200) throw new Error(`first answer: HTTP ${res.status}`);
await mock.close();
process.stdout.write(`${elapsed}\n`);
