// Cold-start benchmark driver: a minimal local Lambda Runtime API, and fresh JVM processes of each packaged function
// polling it the way Lambda's managed Java runtime does: the function's function.zip unzipped as the task root, AWS's
// runtime interface client (AWSLambda) loading the handler from it, AWS_LAMBDA_RUNTIME_API pointing here.
// Usage: node coldstart-driver.mjs CONFIG.json   (coldstart.sh writes the config; see its header)
//
// Runtime API served (the documented 2018-06-01 paths):
//   GET  /2018-06-01/runtime/invocation/next            -> the event, with Lambda-Runtime-Aws-Request-Id,
//                                                          Lambda-Runtime-Deadline-Ms, -Invoked-Function-Arn, -Trace-Id
//   POST /2018-06-01/runtime/invocation/{id}/response   -> 202
//   POST /2018-06-01/runtime/invocation/{id}/error      -> 202, the run fails with the error body
//   POST /2018-06-01/runtime/init/error                 -> 202, the run fails with the error body
// After the last planned invocation the next /next is held open, as Lambda does with an idle environment, and the
// process is killed.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { targets: allTargets, runs, warmInvocations, javaOptions, workDir, timeoutSeconds, baseline, runtimeClasspath } = config;
const API = '/2018-06-01/runtime';
// ONLY narrows a run to some functions (to measure one change quickly); the baseline is always measured beside them.
const only = (config.only ?? '').split(',').map((n) => n.trim()).filter(Boolean);
const unknown = only.filter((n) => !allTargets.some((t) => t.name === n));
if (unknown.length > 0) {
  console.error(`ONLY names no such function: ${unknown.join(', ')}; known: ${allTargets.map((t) => t.name).join(', ')}`);
  process.exit(2);
}
const targets = only.length === 0 ? allTargets : allTargets.filter((t) => t.name === baseline || only.includes(t.name));

let current = null; // the process being measured: one at a time, so they never compete with each other

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => handle(req, res, Buffer.concat(chunks)));
});

function handle(req, res, body) {
  const now = performance.now();
  const run = current;
  if (!run) {
    res.writeHead(410).end();
    return;
  }
  if (req.method === 'GET' && req.url === `${API}/invocation/next`) {
    if (run.readyMs === undefined) {
      run.readyMs = now - run.startedAt;
      run.readyCpuMs = cpuMs(run.child.pid);
    }
    if (run.delivered >= 1 + warmInvocations) {
      run.idleRequest = res; // held open: the environment is idle; the process is killed next
      run.finish();
      return;
    }
    const requestId = randomUUID();
    run.pending = { requestId, deliveredAt: performance.now(), cpuAtDelivery: cpuMs(run.child.pid) };
    run.delivered += 1;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Lambda-Runtime-Aws-Request-Id': requestId,
      'Lambda-Runtime-Deadline-Ms': String(Date.now() + run.target.deadlineSeconds * 1000),
      'Lambda-Runtime-Invoked-Function-Arn': `arn:aws:lambda:ap-northeast-1:123456789012:function:${run.target.name}`,
      'Lambda-Runtime-Trace-Id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)};Sampled=0`,
    });
    res.end(run.event);
    return;
  }
  // SnapStart's path in the runtime client (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start): after init it runs the
  // beforeCheckpoint hooks, then asks for restore/next, which returns once Lambda has restored the snapshot. Here it
  // returns at once, in the same process: what follows is a restored environment's work, less the restore itself.
  if (req.method === 'GET' && req.url === `${API}/restore/next`) {
    run.restoreRequested = true;
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('');
    return;
  }
  if (req.method === 'POST' && req.url === `${API}/restore/error`) {
    res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"status":"OK"}');
    run.fail(`restore error: ${body.toString('utf8')}`);
    return;
  }
  const invocation = req.url.match(new RegExp(`^${API}/invocation/([^/]+)/(response|error)$`));
  if (req.method === 'POST' && invocation) {
    res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"status":"OK"}');
    const [, requestId, kind] = invocation;
    if (!run.pending || run.pending.requestId !== requestId) {
      run.fail(`${kind} for unknown request ${requestId}`);
      return;
    }
    if (kind === 'error') {
      run.fail(`the function answered with an error: ${body.toString('utf8')}`);
      return;
    }
    // A run only counts when the function did its work: a dry run that failed a phase is not a fast cold start.
    const missing = (run.target.expect ?? []).filter((text) => !body.toString('utf8').includes(text));
    if (missing.length > 0) {
      run.fail(`the response lacks ${JSON.stringify(missing)}: ${body.toString('utf8').slice(0, 600)}`);
      return;
    }
    const cpu = cpuMs(run.child.pid);
    if (run.firstResponseMs === undefined) {
      run.firstResponseMs = now - run.startedAt;
      run.firstCpuMs = cpu;
      run.rssKb = residentKb(run.child.pid);
    } else {
      run.warmMs.push(now - run.pending.deliveredAt);
      run.warmCpuMs.push(cpu - run.pending.cpuAtDelivery);
    }
    run.pending = null;
    return;
  }
  if (req.method === 'POST' && req.url === `${API}/init/error`) {
    res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"status":"OK"}');
    run.fail(`init error: ${body.toString('utf8')}`);
    return;
  }
  res.writeHead(404).end();
  run.fail(`unexpected call ${req.method} ${req.url}`);
}

function residentKb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) : NaN;
  } catch {
    return NaN;
  }
}

// CPU time the process has used (all its threads: JIT and GC included), from /proc/<pid>/stat in clock ticks (100/s).
// Unlike wall time it barely moves with the machine's load, and on Lambda, where a 256 MB function gets a fraction
// of a vCPU, wall time is roughly CPU time divided by that fraction.
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime
  } catch {
    return NaN;
  }
}

function measure(target, round, port) {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(path.join(workDir, `${target.name}-${round}.log`));
    const run = {
      target, delivered: 0, warmMs: [], warmCpuMs: [], pending: null, event: readFileSync(target.event),
      startedAt: 0, done: false,
    };
    const timer = setTimeout(() => run.fail(`no answer within ${timeoutSeconds} s`), timeoutSeconds * 1000);
    const stop = () => {
      clearTimeout(timer);
      run.done = true;
      current = null;
      if (run.idleRequest) run.idleRequest.destroy();
      // SIGKILL as Lambda freezes and discards an environment; STOP_SIGNAL=SIGTERM lets a profiled JVM write its
      // JFR recording on exit.
      run.child.kill(config.stopSignal || 'SIGKILL');
    };
    run.finish = () => {
      if (run.done) return;
      stop();
      run.exited.then(() => resolve(run));
    };
    run.fail = (message) => {
      if (run.done) return;
      stop();
      run.exited.then(() => reject(new Error(`${target.name} round ${round}: ${message} (log: ${log.path})`)));
    };
    current = run;
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`,
      AWS_LAMBDA_FUNCTION_NAME: target.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${target.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: `bench/${round}`,
      LAMBDA_TASK_ROOT: target.taskRoot,
      _HANDLER: target.handler,
      ...config.environment,
      ...target.environment,
    };
    // A target's own javaOptions come after the common ones: a flag is compared in the same run, against the
    // baseline started with the same flag.
    const args = [...javaOptions, ...(target.javaOptions ?? []), '-cp', runtimeClasspath, 'com.amazonaws.services.lambda.runtime.api.client.AWSLambda',
      target.handler];
    run.startedAt = performance.now();
    run.child = spawn('java', args, { env, cwd: target.taskRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    run.child.stdout.pipe(log);
    run.child.stderr.pipe(log);
    run.exited = new Promise((ended) => run.child.once('exit', ended));
    run.exited.then(() => {
      const { exitCode, signalCode } = run.child;
      if (!run.done) run.fail(`the process ended (${signalCode ?? `exit ${exitCode}`}) before its last answer`);
    });
  });
}

const median = (xs) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms) => (ms / 1000).toFixed(3);

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  console.log(`runtime API on 127.0.0.1:${port}; ${runs} rounds; ${warmInvocations} warm invocation(s) per process; `
    + `JVM options: ${javaOptions.join(' ') || '(none)'}`);
  const results = Object.fromEntries(targets.map((t) => [t.name, []]));
  let failed = false;
  // Rounds interleave the targets, so a change in the machine's load hits the baseline and the functions alike.
  for (let round = 1; round <= runs; round += 1) {
    for (const target of targets) {
      try {
        const run = await measure(target, round, port);
        const warm = median(run.warmMs);
        const warmCpu = median(run.warmCpuMs);
        results[target.name].push({
          ready: run.readyMs, first: run.firstResponseMs, warm, rss: run.rssKb, readyCpu: run.readyCpuMs,
          firstCpu: run.firstCpuMs, warmCpu,
        });
        console.log(`round ${round} ${target.name.padEnd(18)} ready=${sec(run.readyMs)}s first-response=${sec(run.firstResponseMs)}s `
          + `warm=${sec(warm)}s cpu: ready=${sec(run.readyCpuMs)}s first=${sec(run.firstCpuMs)}s warm=${sec(warmCpu)}s rss=${(run.rssKb / 1024).toFixed(0)}MiB`);
      } catch (e) {
        failed = true;
        console.error(e.message);
      }
    }
  }
  const empty = results[baseline];
  const emptyFirst = median(empty.map((r) => r.first));
  const emptyFirstCpu = median(empty.map((r) => r.firstCpu));
  console.log('');
  console.log(`baseline ${baseline}: ready ${sec(median(empty.map((r) => r.ready)))}s, first response ${sec(emptyFirst)}s, `
    + `CPU to ready ${sec(median(empty.map((r) => r.readyCpu)))}s, to first response ${sec(emptyFirstCpu)}s (medians)`);
  // cpu after ready: the first invocation's CPU from its delivery on, the part a SnapStart snapshot with primed clients
  // is there to take away (the rest is the boot a restore replaces).
  console.log('function           ready    first    warm     ratio  target  zip       rss    | cpu: ready    first    after ready  warm     ratio');
  for (const target of targets) {
    if (target.name === baseline) continue;
    const rs = results[target.name];
    if (rs.length === 0) {
      console.log(`${target.name.padEnd(18)} no successful run`);
      continue;
    }
    const first = median(rs.map((r) => r.first));
    const warm = median(rs.map((r) => r.warm));
    // first response / (empty cold start + the function's own warm work): what the cold start adds beyond both
    const ratio = first / (emptyFirst + warm);
    const firstCpu = median(rs.map((r) => r.firstCpu));
    const warmCpu = median(rs.map((r) => r.warmCpu));
    const cpuRatio = firstCpu / (emptyFirstCpu + warmCpu);
    const zipMiB = (statSync(target.zip).size / 1024 / 1024).toFixed(1);
    console.log(`${target.name.padEnd(18)} ${sec(median(rs.map((r) => r.ready)))}s ${sec(first)}s ${sec(warm)}s `
      + `${ratio.toFixed(2).padStart(5)}  ${ratio <= 1.3 ? 'ok  ' : 'OVER'}    ${zipMiB.padStart(5)}MiB  `
      + `${(median(rs.map((r) => r.rss)) / 1024).toFixed(0).padStart(4)}MiB | ${sec(median(rs.map((r) => r.readyCpu)))}s `
      + `${sec(firstCpu)}s ${sec(median(rs.map((r) => r.firstCpu - r.readyCpu)))}s       ${sec(warmCpu)}s `
      + `${cpuRatio.toFixed(2).padStart(5)}`);
  }
  server.close();
  process.exit(failed ? 1 : 0);
});
