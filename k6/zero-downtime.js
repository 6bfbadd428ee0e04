// ZeroDowntime load script for k6 (the image is pinned by ZD_K6_IMAGE, default grafana/k6:2.0.0; see docs/configuration.md).
//
// Open-loop load: k6's constant-arrival-rate starts RATE iterations per TIME_UNIT whatever the
// service does, so a hung service cannot lower the attempt rate (closed-loop VUs + sleep would
// send fewer requests exactly when it matters). One iteration = one attempt. With STAGES the
// executor is ramping-arrival-rate instead (still open-loop), from START_RATE through the stages.
//
// Environment (everything is configurable; defaults are the seed's production load):
//   TARGET_URL       required, e.g. http://ray-serve-nlb/VLLMDeployment
//   METHOD           POST
//   RATE, TIME_UNIT  5 per 1s (integers; use TIME_UNIT=1m for fractional per-second rates)
//   MAX_VUS          10   concurrency cap; an iteration due while all are busy is dropped (dropped_iterations)
//   STAGES           optional JSON array of ramping-arrival-rate stages, e.g. [{"target":10,"duration":"0s"},{"target":10,"duration":"30s"}]
//                    (targets per TIME_UNIT; a 0s stage jumps to its target); DURATION is then unused
//   START_RATE       the ramp's start rate per TIME_UNIT (with STAGES; default RATE)
//   DURATION         10m
//   REQUEST_TIMEOUT  30s
//   BODY             full JSON body; when empty it is built from PROMPT, MAX_TOKENS, TEMPERATURE
//   PROMPT           What is the capital of France?
//   MAX_TOKENS       50
//   TEMPERATURE      0.7
//   HEADERS          optional JSON object of extra request headers
//   NO_CONNECTION_REUSE  false; true opens a new connection per request (k6's noConnectionReuse)
//   THRESHOLD_SUCCESS_RATE  0.90    THRESHOLD_P95_MS  5000
//   TERMINATION_LOG  /dev/termination-log ('' disables it, e.g. outside Kubernetes)
//
// Output, read by ZeroDowntime.Fixtures.Load.K6LineParser / K6SummaryParser:
//   one console line per attempt:  ZD_ATTEMPT seq=12 start_ms=1735732800123 latency_ms=41 status=200 error_code=0 ok=1
//   (k6 prints console.log through its logger: time="..." level=info msg="ZD_ATTEMPT ..." source=console)
//   one stdout line at the end:    ZD_K6_SUMMARY {"schema":"zerodowntime.k6-summary/v1",...}
//   the same JSON (trimmed to fit) in /dev/termination-log, shown in the pod's terminated.message.

import http from 'k6/http';
import exec from 'k6/execution';
import { check } from 'k6';
import { Rate, Trend } from 'k6/metrics';

function env(name, fallback) {
  const value = __ENV[name];
  return value === undefined || value === '' ? fallback : value;
}

function integer(name, fallback) {
  const value = Number(env(name, String(fallback)));
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got '${__ENV[name]}'`);
  }
  return value;
}

const TARGET_URL = env('TARGET_URL', '');
if (TARGET_URL === '') {
  throw new Error('TARGET_URL is required');
}
const METHOD = env('METHOD', 'POST');
const RATE = integer('RATE', 5);
const TIME_UNIT = env('TIME_UNIT', '1s');
const MAX_VUS = integer('MAX_VUS', 10);
const DURATION = env('DURATION', '10m');
const STAGES = env('STAGES', '') === '' ? null : JSON.parse(env('STAGES', ''));
const REQUEST_TIMEOUT = env('REQUEST_TIMEOUT', '30s');
const BODY = env('BODY', JSON.stringify({
  prompt: env('PROMPT', 'What is the capital of France?'),
  max_tokens: Number(env('MAX_TOKENS', '50')),
  temperature: Number(env('TEMPERATURE', '0.7')),
}));
const HEADERS = Object.assign({ 'Content-Type': 'application/json' }, JSON.parse(env('HEADERS', '{}')));
const TERMINATION_LOG = env('TERMINATION_LOG', '/dev/termination-log');
const TERMINATION_LOG_LIMIT = 4000; // the kubelet keeps at most 4096 bytes of terminated.message

const success = new Rate('zd_success');
const latency = new Trend('zd_latency', true);

const constantRate = {
  executor: 'constant-arrival-rate',
  rate: RATE,
  timeUnit: TIME_UNIT,
  duration: DURATION,
  preAllocatedVUs: MAX_VUS,
  maxVUs: MAX_VUS,
  gracefulStop: REQUEST_TIMEOUT, // attempts in flight at the end finish and are recorded
};
const rampingRate = {
  executor: 'ramping-arrival-rate',
  startRate: Number(env('START_RATE', String(RATE))),
  timeUnit: TIME_UNIT,
  stages: STAGES,
  preAllocatedVUs: MAX_VUS,
  maxVUs: MAX_VUS,
  gracefulStop: REQUEST_TIMEOUT,
};

export const options = {
  scenarios: {
    zero_downtime: STAGES === null ? constantRate : rampingRate,
  },
  thresholds: {
    zd_success: [`rate>${env('THRESHOLD_SUCCESS_RATE', '0.90')}`],
    zd_latency: [`p(95)<${env('THRESHOLD_P95_MS', '5000')}`],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(50)', 'p(95)', 'p(99)', 'count'],
  discardResponseBodies: false,
  noConnectionReuse: env('NO_CONNECTION_REUSE', 'false') === 'true',
};

function hasGeneratedText(response) {
  try {
    const text = response.json('generated_text');
    return typeof text === 'string' && text.length > 0;
  } catch (e) {
    return false; // not JSON (or no body at all): the attempt failed
  }
}

export default function () {
  const seq = exec.scenario.iterationInTest;
  const startMs = Date.now();
  const response = http.request(METHOD, TARGET_URL, BODY, { headers: HEADERS, timeout: REQUEST_TIMEOUT });
  const latencyMs = Date.now() - startMs;
  const ok = check(response, {
    'status is 200': (r) => r.status === 200,
    'has generated_text': (r) => hasGeneratedText(r),
  });
  success.add(ok);
  latency.add(latencyMs);
  console.log(`ZD_ATTEMPT seq=${seq} start_ms=${startMs} latency_ms=${latencyMs} status=${response.status} error_code=${response.error_code || 0} ok=${ok ? 1 : 0}`);
}

function values(data, name) {
  const metric = data.metrics[name];
  return metric && metric.values ? metric.values : {};
}

function orNull(value) {
  return value === undefined ? null : value;
}

export function handleSummary(data) {
  const outcomes = values(data, 'zd_success');
  const latencies = values(data, 'zd_latency');
  const thresholds = {};
  for (const name of Object.keys(data.metrics)) {
    const results = data.metrics[name].thresholds || {};
    for (const expression of Object.keys(results)) {
      thresholds[`${name}: ${expression}`] = results[expression].ok;
    }
  }
  const summary = {
    schema: 'zerodowntime.k6-summary/v1',
    generator: 'k6',
    attempts: (outcomes.passes || 0) + (outcomes.fails || 0),
    successes: outcomes.passes || 0,
    success_rate: orNull(outcomes.rate),
    p50_ms: orNull(latencies['p(50)']),
    p95_ms: orNull(latencies['p(95)']),
    p99_ms: orNull(latencies['p(99)']),
    dropped_iterations: values(data, 'dropped_iterations').count || 0, // absent when nothing was dropped
    duration_ms: data.state.testRunDurationMs,
    thresholds_ok: Object.keys(thresholds).every((key) => thresholds[key]),
    thresholds: thresholds,
  };
  const json = JSON.stringify(summary);
  const outputs = { stdout: `\nZD_K6_SUMMARY ${json}\n` };
  if (TERMINATION_LOG !== '') {
    outputs[TERMINATION_LOG] = json.length <= TERMINATION_LOG_LIMIT
      ? json
      : JSON.stringify(Object.assign({}, summary, { thresholds: {} })); // per-threshold detail is in the log
  }
  return outputs;
}
