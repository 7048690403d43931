// Careboard WebSocket fan-out benchmark: many subscribers, changes through the ingestion API, the
// time from the ingest HTTP response to the last subscriber holding the update.
//
//   node --experimental-websocket bench/ws-fanout/fanout.mjs [options]
//
// Modes:
//   latency  N subscribers to consultations/today; each round ingests one consultation and times
//            the ingest response -> last subscriber's CONSULTATION_UPDATE; p50/p99 over the rounds.
//   idle     N subscribers connect and stay quiet until the process gets SIGTERM or SIGINT.
//   burst    N subscribers to every topic/today; bulk-ingests --rate changes/s for --warmup s, not
//            counted, then for --duration s: ingest latency, updates per topic, recomputations per
//            key, last pushed == fresh REST.
//
// Options (defaults): --mode latency --clients 1000 --procs 1 --targets ws://127.0.0.1:8080
//   --ingest http://127.0.0.1:8080 --rounds 100 --warmup 0 --pause 400 --rate 1000 --duration 60
//   --batch 50 --client native --sched normal
// --warmup N: latency mode, N rounds first; burst mode, N seconds of the same burst first; neither
//   counted (the server's JIT compiles the ingest and fan-out paths: in a fresh JVM the first two
//   seconds of bulk requests took 100-300 ms each, with one subscriber as with 1,000).
// --client: the subscribers' WebSocket implementation, "native" (Node's built-in, undici) or "ws"
//   (the ws package, npm install in this folder), which costs the client about half the CPU.
// --sched idle: the subscriber processes run under SCHED_IDLE (the ingesting coordinator does not):
//   they stand for browsers on other machines, so they get only the CPU the rest leaves idle.
// Tokens: VIEWER_TOKEN, INGEST_TOKEN, ADMIN_TOKEN (scripts/token.sh viewer|ingest|admin).
// The token rides in Sec-WebSocket-Protocol, as in a browser.
import { execFileSync, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function options(argv) {
  const o = { mode: 'latency', clients: 1000, procs: 1, targets: 'ws://127.0.0.1:8080', ingest: 'http://127.0.0.1:8080',
    rounds: 100, warmup: 0, client: 'native', sched: 'normal', pause: 400, rate: 1000, duration: 60, batch: 50, topics: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    o[key] = /^\d+$/.test(argv[i + 1]) ? Number(argv[i + 1]) : argv[i + 1];
  }
  o.targets = String(o.targets).split(',');
  o.topics = o.topics ? String(o.topics).split(',')
    : o.mode === 'burst' ? ['consultations', 'doctors', 'revenue', 'health_trends', 'overview'] : ['consultations'];
  return o;
}

// ---------------------------------------------------------------------------------------------
// Worker: holds its share of the connections and reports, per topic and seq, when all of its
// clients have the update.
async function worker() {
  const { targets, count, offset, topics, token, client } = JSON.parse(process.argv[3]);
  const Socket = client === 'ws' ? (await import('ws')).default : WebSocket;
  const protocols = ['bearer-token-carrier',
    encodeURIComponent('quarkus-http-upgrade#Authorization#Bearer ' + token)];
  const subscribe = JSON.stringify({ action: 'subscribe', topics, period: 'today' });
  const arrivals = new Map(); // "topic|seq" -> {count, first, last}
  const lastData = new Map(); // topic -> data of the highest seq seen by client 0
  const highest = new Map(); // topic -> highest seq seen by client 0
  let ready = 0; let failed = 0; let repeats = 0; let gaps = 0; let goingAway = 0;
  const sockets = [];

  const open = (index) => new Promise((resolve) => {
    const ws = new Socket(targets[(offset + index) % targets.length] + '/api/v1/analytics/ws', protocols);
    const seen = new Map();
    let snapshots = 0;
    ws.onmessage = (event) => {
      const at = now();
      const text = event.data;
      // Frames start with "type" and end with "seq": read those and the topic without parsing the
      // data, so the client's own cost stays out of the measured latency (client 0 parses all).
      const type = text.startsWith('{"type":"') ? text.slice(9, text.indexOf('"', 9)) : JSON.parse(text).type;
      if (type === 'WELCOME') {
        ws.send(subscribe);
        return;
      }
      if (type === 'GOING_AWAY') {
        goingAway++;
        return;
      }
      if (type === 'ERROR' || type === 'PONG') return;
      const topicAt = text.indexOf('"topic":"') + 9;
      const message = index === 0 ? JSON.parse(text)
        : { topic: text.slice(topicAt, text.indexOf('"', topicAt)), seq: Number(text.slice(text.lastIndexOf(':') + 1, -1)) };
      const previous = seen.get(message.topic) ?? 0;
      if (message.seq <= previous && type !== 'METRICS') repeats++;
      if (type !== 'METRICS' && previous > 0 && message.seq > previous + 1) gaps++;
      seen.set(message.topic, Math.max(previous, message.seq));
      if (index === 0 && message.seq >= (highest.get(message.topic) ?? -1)) {
        highest.set(message.topic, message.seq);
        lastData.set(message.topic, message.data);
      }
      if (type === 'METRICS') {
        if (++snapshots === topics.length) {
          ready++;
          resolve();
        }
        return;
      }
      const key = message.topic + '|' + message.seq;
      const entry = arrivals.get(key) ?? { count: 0, first: at, last: at };
      entry.count++;
      entry.last = Math.max(entry.last, at);
      entry.first = Math.min(entry.first, at);
      arrivals.set(key, entry);
      if (entry.count === count) {
        process.send({ kind: 'arrived', topic: message.topic, seq: message.seq, first: entry.first, last: entry.last });
        arrivals.delete(key);
      }
    };
    ws.onerror = () => { failed++; resolve(); };
    sockets.push(ws);
  });

  for (let i = 0; i < count; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, count - i) }, (_, j) => open(i + j)));
  }
  process.send({ kind: 'ready', ready, failed });
  process.on('message', (command) => {
    if (command.kind === 'report') {
      process.send({ kind: 'report', repeats, gaps, goingAway, highest: Object.fromEntries(highest),
        lastData: Object.fromEntries(lastData) });
    } else if (command.kind === 'close') {
      sockets.forEach((ws) => ws.close());
      setTimeout(() => process.exit(0), 200);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Coordinator.
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(name, values) {
  const sorted = [...values].sort((a, b) => a - b);
  return `${name}: n=${sorted.length} p50=${percentile(sorted, 50).toFixed(1)} ms p99=${percentile(sorted, 99).toFixed(1)} ms `
    + `max=${sorted[sorted.length - 1].toFixed(1)} ms`;
}

async function http(method, url, token, body, type = 'application/json') {
  const response = await fetch(url, { method, headers: { Authorization: 'Bearer ' + token, 'Content-Type': type },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text;
}

async function coordinator(o) {
  const viewer = process.env.VIEWER_TOKEN; const ingest = process.env.INGEST_TOKEN;
  const run = Math.random().toString(36).slice(2, 8);
  const stamp = () => new Date().toISOString();
  await http('PUT', `${o.ingest}/api/v1/doctors/bench-d`, ingest,
    { full_name: 'Dr. Bench', specialty: 'general', active: true, updated_at: '2026-01-01T00:00:00Z' });
  await http('PUT', `${o.ingest}/api/v1/patients/bench-p`, ingest,
    { birth_date: '1970-01-01', sex: 'other', updated_at: '2026-01-01T00:00:00Z' });

  const workers = []; const waiting = new Map();
  const perWorker = Math.ceil(o.clients / o.procs);
  const started = now();
  for (let p = 0; p < o.procs; p++) {
    const count = Math.min(perWorker, o.clients - p * perWorker);
    const child = fork(fileURLToPath(import.meta.url), ['worker', JSON.stringify({ targets: o.targets, count,
      offset: p * perWorker, topics: o.topics, token: viewer, client: o.client })], { execArgv: ['--experimental-websocket'] });
    if (o.sched === 'idle') execFileSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(child.pid)]);
    workers.push(child);
    child.on('message', (message) => {
      const handler = waiting.get(message.kind);
      if (handler) handler(message, child);
    });
  }
  const collect = (kind, n = workers.length) => new Promise((resolve) => {
    const got = [];
    waiting.set(kind, (message) => { got.push(message); if (got.length === n) { waiting.delete(kind); resolve(got); } });
  });
  const ready = await collect('ready');
  console.log(`${ready.reduce((s, r) => s + r.ready, 0)} subscribers ready (${ready.reduce((s, r) => s + r.failed, 0)}`
    + ` failed) in ${((now() - started) / 1000).toFixed(1)} s over ${o.targets.length} instance(s), ${o.procs} client process(es)`);

  if (o.mode === 'idle') {
    console.log('IDLE READY');
    await new Promise((resolve) => { process.on('SIGTERM', resolve); process.on('SIGINT', resolve); });
  } else if (o.mode === 'latency') {
    await latency(o, workers, ingest, run, stamp);
  } else {
    await burst(o, workers, ingest, run, stamp, collect);
  }
  workers.forEach((child) => child.send({ kind: 'close' }));
}

async function latency(o, workers, ingest, run) {
  const arrived = new Map(); // seq -> [reports]
  let notify = null;
  workers.forEach((child) => child.on('message', (message) => {
    if (message.kind !== 'arrived' || message.topic !== 'consultations') return;
    const list = arrived.get(message.seq) ?? [];
    list.push(message);
    arrived.set(message.seq, list);
    if (list.length === workers.length && notify) notify(message.seq, list);
  }));
  const lastSubscriber = []; const firstSubscriber = []; const ingestMs = []; const answeredAt = [];
  for (let round = -o.warmup; round < o.rounds; round++) {
    const done = new Promise((resolve) => { notify = (seq, list) => resolve(list); });
    const sent = now();
    const scheduled = new Date(Date.now() - 60_000).toISOString();
    await http('PUT', `${o.ingest}/api/v1/consultations/bench-${run}-${round < 0 ? 'w' + -round : round}`, ingest, { doctor_id: 'bench-d',
      patient_id: 'bench-p', type: 'video', status: 'scheduled', scheduled_at: scheduled, fee: 10.00,
      updated_at: new Date().toISOString() });
    const answered = now();
    const list = await Promise.race([done, sleep(10_000).then(() => null)]);
    notify = null;
    if (!list) { console.log(`round ${round}: timed out`); continue; }
    if (round < 0) { await sleep(o.pause); continue; }
    ingestMs.push(answered - sent);
    lastSubscriber.push(Math.max(...list.map((m) => m.last)) - answered);
    answeredAt.push(new Date(answered).toISOString());
    firstSubscriber.push(Math.min(...list.map((m) => m.first)) - answered);
    await sleep(o.pause);
  }
  console.log(summary('ingest PUT round trip', ingestMs));
  console.log(summary('ingest response -> first subscriber', firstSubscriber));
  console.log(summary('ingest response -> last subscriber', lastSubscriber));
  // When the slowest rounds were, to match with the server's logs (GC, heartbeat).
  const slowest = lastSubscriber.map((ms, i) => [ms, answeredAt[i]]).sort((a, b) => b[0] - a[0]).slice(0, 3);
  console.log('slowest rounds: ' + slowest.map(([ms, at]) => `${ms.toFixed(1)} ms at ${at}`).join(', '));
}

async function burst(o, workers, ingest, run, stamp, collect) {
  const admin = process.env.ADMIN_TOKEN;
  const updates = {};
  workers.forEach((child) => child.on('message', (message) => {
    if (message.kind === 'arrived') updates[message.topic] = (updates[message.topic] ?? 0) + 1;
  }));
  const requests = Math.round(o.rate / o.batch); // per second
  const warmupLatencies = []; const latencies = []; let sent = 0; let pending = [];
  let before = null; let start = null;
  const begin = now();
  for (let second = -o.warmup; second < o.duration; second++) {
    if (second === 0) { // the counted burst starts now, the requests keep their pace
      before = await recomputations(o);
      start = now();
    }
    for (let r = 0; r < requests; r++) {
      const due = begin + (second + o.warmup) * 1000 + (r * 1000) / requests;
      if (due > now()) await sleep(due - now());
      const items = Array.from({ length: o.batch }, (_, i) => ({ kind: 'consultation', id: `burst-${run}-${sent + i}`,
        doctor_id: 'bench-d', patient_id: 'bench-p', type: 'chat', status: (sent + i) % 3 === 0 ? 'completed' : 'scheduled',
        scheduled_at: new Date(Date.now() - 120_000).toISOString(), fee: 12.5, updated_at: new Date().toISOString() }));
      sent += o.batch;
      const into = second >= 0 ? latencies : warmupLatencies;
      const t0 = now();
      pending.push(http('POST', `${o.ingest}/api/v1/ingest`, ingest, items).then(() => into.push(now() - t0),
        (failure) => console.log('ingest failed: ' + failure.message)));
    }
  }
  await Promise.all(pending);
  const elapsed = (now() - start) / 1000;
  await sleep(2000); // quiet: the last trailing updates go out
  const after = await recomputations(o);
  const reportPromise = collect('report');
  workers.forEach((child) => child.send({ kind: 'report' }));
  const reports = await reportPromise;
  if (o.warmup > 0) console.log(summary(`warm-up, ${o.warmup} s, bulk ingest of ${o.batch}`, warmupLatencies));
  const counted = o.duration * requests * o.batch;
  console.log(`${counted} changes in ${elapsed.toFixed(1)} s (${(counted / elapsed).toFixed(0)}/s) as ${latencies.length} bulk requests`);
  console.log(summary(`bulk ingest of ${o.batch}`, latencies));
  console.log('updates delivered to all subscribers, per topic: ' + JSON.stringify(updates));
  console.log(`repeats ${reports.reduce((s, r) => s + r.repeats, 0)}, seq gaps ${reports.reduce((s, r) => s + r.gaps, 0)}`);
  for (const [key, count] of Object.entries(after)) {
    const delta = count - (before[key] ?? 0);
    if (delta > 0) console.log(`recomputations ${key}: ${delta} (${(delta / elapsed).toFixed(2)}/s)`);
  }
  // Fresh computation: drop every cached answer, then ask REST; compare with the last pushed data.
  await http('POST', `${o.ingest}/api/v1/analytics/refresh`, admin);
  let equal = 0;
  for (const topic of o.topics) {
    const rest = JSON.parse(await http('GET', `${o.ingest}/api/v1/analytics/${topic.replace('_', '-')}?period=today`, admin));
    const pushed = reports[0].lastData[topic];
    const same = JSON.stringify(rest.data) === JSON.stringify(pushed);
    equal += same ? 1 : 0;
    console.log(`${topic}: last pushed seq ${reports[0].highest[topic]} ${same ? 'equals' : 'DIFFERS FROM'} a fresh REST computation`);
  }
  console.log(`${equal}/${o.topics.length} topics: last pushed value == fresh REST computation`);
}

async function recomputations(o) {
  const text = await (await fetch(`${o.ingest}/q/metrics`)).text();
  const counts = {};
  for (const line of text.split('\n')) {
    const match = line.match(/^careboard_realtime_recomputations_total\{([^}]*)\} ([0-9.eE+]+)/);
    if (!match) continue;
    const tags = Object.fromEntries(match[1].split(',').map((pair) => pair.split('=').map((s) => s.replace(/"/g, ''))));
    const key = `${tags.topic}|${tags.period}`;
    counts[key] = (counts[key] ?? 0) + Number(match[2]);
  }
  return counts;
}

if (process.argv[2] === 'worker') {
  await worker();
} else {
  await coordinator(options(process.argv.slice(2)));
}
