// Where a cold start's first response goes, by class loading: reads a JVM class-load log written with
//   JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:class+load=info:file=/tmp/cl-%p.log:uptime"
// by docs/benchmarks/coldstart.sh (ONLY=<function> ROUNDS=1 WARM=0) and prints, for the classes loaded from the first
// invocation on (the runtime client's LambdaContext is loaded when the first event arrives):
//   - counts by group (AWS SDK service model / other, SDK core modules, JDK, Jackson, Quarkus, Cost Guard, ...);
//   - consecutive segments by the AWS service whose classes are loading (a client's build, then its first call),
//     with the uptime each took. -Xlog slows class loading itself, so read the times as proportions.
// Usage: node docs/benchmarks/coldstart-classes.mjs /tmp/cl-1234.log
import { readFileSync } from 'node:fs';

const log = process.argv[2];
if (!log) {
  console.error('usage: node coldstart-classes.mjs CLASS_LOAD_LOG (from -Xlog:class+load=info:file=...:uptime)');
  process.exit(2);
}
const loads = readFileSync(log, 'utf8').split('\n')
  .map((line) => line.match(/^\[(\d+\.\d+)s\] (\S+) source: /))
  .filter(Boolean)
  .map(([, uptime, name]) => ({ at: Number(uptime), name }));
const first = loads.findIndex((l) => l.name.endsWith('.runtime.api.client.api.LambdaContext'));
if (first < 0) {
  console.error(`${log}: no invocation in this log (LambdaContext never loaded); was the process given an event?`);
  process.exit(1);
}

const GROUPS = [
  [/^software\.amazon\.awssdk\.services\.(\w+)\.model\./, (m) => `sdk ${m[1]} model`],
  [/^software\.amazon\.awssdk\.services\.(\w+)\./, (m) => `sdk ${m[1]} client, marshalling, endpoints`],
  [/^software\.amazon\.awssdk\.regions\.(servicemetadata|regionmetadata|partitionmetadata)\./, (m) => `sdk regions ${m[1]}`],
  [/^software\.amazon\.awssdk\.(\w+)\./, (m) => `sdk ${m[1]}`],
  [/^dev\.costguard\./, () => 'cost guard'],
  [/^com\.fasterxml\.jackson\./, () => 'jackson'],
  [/^io\.quarkus\./, () => 'quarkus'],
  [/^(javax\.net|sun\.security|com\.sun\.crypto|javax\.crypto|java\.security)\./, () => 'jdk tls, x.509, crypto'],
  [/^(javax\.xml|com\.sun\.org\.apache|com\.sun\.xml|jdk\.xml)\./, () => 'jdk xml'],
  [/^java\.lang\.invoke\.|\$\$Lambda/, () => 'jdk lambdas, method handles'],
  [/^(java|javax|jdk|sun|com\.sun)\./, () => 'jdk other'],
];
const group = (name) => {
  for (const [pattern, label] of GROUPS) {
    const m = name.match(pattern);
    if (m) return label(m);
  }
  return name.split('.').slice(0, 2).join('.');
};

const invocation = loads.slice(first);
console.log(`${log}: ${loads.length} classes; ${first} before the first invocation (up to ${loads[first].at.toFixed(3)} s `
  + `uptime), ${invocation.length} from it on (last at ${invocation.at(-1).at.toFixed(3)} s)`);
const counts = new Map();
for (const { name } of invocation) counts.set(group(name), (counts.get(group(name)) ?? 0) + 1);
console.log('\nby group:');
for (const [label, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(7)}  ${label}`);

// Segments: a class of services.<x> switches to service x; anything else stays in the current segment, so a
// segment holds a client's build (SDK core included, for the first one) and its call.
const segments = [];
for (const { at, name } of invocation) {
  const service = name.match(/^software\.amazon\.awssdk\.services\.(\w+)\./)?.[1];
  const label = service ?? segments.at(-1)?.label ?? 'before the first AWS client';
  const last = segments.at(-1);
  if (last && last.label === label) {
    last.end = at;
    last.count += 1;
  } else {
    segments.push({ label, start: at, end: at, count: 1 });
  }
}
// A stray class of another service (a shared exception type, say) is folded into the segment around it.
const merged = [];
for (const s of segments) {
  const last = merged.at(-1);
  if (last && (s.count < 15 || last.label === s.label)) {
    last.end = s.end;
    last.count += s.count;
  } else {
    merged.push({ ...s });
  }
}
console.log('\nby AWS service, in load order (uptime; the first segment carries the SDK core):');
for (const s of merged) {
  console.log(`  ${s.label.padEnd(28)} ${s.start.toFixed(3)}..${s.end.toFixed(3)} s ${String(Math.round((s.end - s.start) * 1000)).padStart(6)} ms `
    + `${String(s.count).padStart(6)} classes`);
}
