// Runs k6/zero-downtime.js under Node with stub k6 modules, to check what the script prints.
// Usage: node k6-harness.mjs <script.js> [env JSON]   -> one JSON object on stdout: { lines, outputs, options }
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const stubs = {
  'k6': 'export function check(value, checks) { return Object.values(checks).every((f) => f(value)); }',
  'k6/http': 'export default { request: (...args) => globalThis.__k6.request(...args) };',
  'k6/execution': 'export default { scenario: { get iterationInTest() { return globalThis.__k6.iteration; } } };',
  'k6/metrics': 'export class Rate { add() {} } export class Trend { add() {} }',
};
const hooks = `const stubs = ${JSON.stringify(stubs)};
export async function resolve(specifier, context, next) {
  if (specifier in stubs) return { url: 'data:text/javascript,' + encodeURIComponent(stubs[specifier]), shortCircuit: true };
  return next(specifier, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hooks));

function response(status, errorCode, body) {
  return {
    status,
    error_code: errorCode,
    json(selector) {
      const parsed = JSON.parse(body); // throws on a non-JSON body, as k6's does
      return selector ? parsed[selector] : parsed;
    },
  };
}

// Attempts the stub service answers, in order: success, refused, 503, empty text.
const answers = [
  response(200, 0, '{"generated_text":"Paris"}'),
  response(0, 1212, ''),
  response(503, 1503, 'upstream unavailable'),
  response(200, 0, '{"generated_text":""}'),
];
globalThis.__ENV = Object.assign({ TARGET_URL: 'http://127.0.0.1:9/VLLMDeployment', TERMINATION_LOG: '/tmp/zd-termination-log' },
  JSON.parse(process.argv[3] ?? '{}'));
globalThis.__k6 = { iteration: 0, request: () => answers[globalThis.__k6.iteration] };

const lines = [];
console.log = (message) => lines.push(String(message));
const script = await import(pathToFileURL(process.argv[2]).href);
for (let i = 0; i < answers.length; i++) {
  globalThis.__k6.iteration = i;
  script.default();
}

// Shape of k6's handleSummary data, per https://grafana.com/docs/k6/latest/results-output/end-of-test/custom-summary/
// (metrics.<name>.type/contains/values/thresholds, state.testRunDurationMs); the values match the four attempts above.
const data = {
  root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks: [] },
  options: { summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(50)', 'p(95)', 'p(99)', 'count'], summaryTimeUnit: '', noColor: false },
  state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 1234.5 },
  metrics: {
    zd_success: { type: 'rate', contains: 'default', values: { rate: 0.25, passes: 1, fails: 3 }, thresholds: { 'rate>0.90': { ok: false } } },
    zd_latency: { type: 'trend', contains: 'time', values: { avg: 5, min: 1, med: 4, max: 12, 'p(50)': 4, 'p(95)': 11.1, 'p(99)': 11.82, count: 4 }, thresholds: { 'p(95)<5000': { ok: true } } },
    dropped_iterations: { type: 'counter', contains: 'default', values: { count: 2, rate: 1.62 } },
    iterations: { type: 'counter', contains: 'default', values: { count: 4, rate: 3.24 } },
  },
};
const outputs = script.handleSummary(data);
process.stdout.write(JSON.stringify({ lines, outputs, options: script.options }));
