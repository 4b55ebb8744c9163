// The simulation must deny what a policy does not grant, name an unmapped call, flag a grant no test uses, and judge
// a Scheduler trust policy by the schedule group's ARN, as AWS does; the doctor's calls are judged against its policy file.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkDoctor, checkPermissions, checkTrust, documentFromConfig, DOCTOR, GRANTED_WITHOUT_A_CALL, renames, tagKeys, TRUST } from './simulate.mjs';

const ACCOUNT = '123456789012';
const FN = 'module.kill_switch.module.shutdown';

function plan(policy, extra = []) {
  return {
    resource_changes: [
      { address: `${FN}.aws_iam_role_policy.this`, type: 'aws_iam_role_policy', name: 'this', change: { after: { policy: JSON.stringify(policy) } } },
      { address: `${FN}.aws_iam_role.this`, type: 'aws_iam_role', name: 'this', change: { after: { name: 'cg-shutdown' } } },
      {
        address: `${FN}.aws_lambda_function.this`, type: 'aws_lambda_function', name: 'this',
        change: { after: { environment: [{ variables: { COSTGUARD_SNAPSHOT_PARAMETER: '/cost-guard/cg/kill-switch-snapshot' } }] } },
      },
      ...extra,
    ],
  };
}

function repoWithCalls(calls, settings = {}) {
  const root = mkdtempSync(join(tmpdir(), 'simulate-test-'));
  const dir = join(root, 'shutdown-fn', 'target', 'aws-calls');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'calls-1.jsonl'), calls.map((c) => JSON.stringify({ fault: '', signed: true, ...c })).join('\n') + '\n');
  writeFileSync(join(dir, 'calls-1.settings.json'), JSON.stringify(settings));
  return root;
}

const allow = (Action, Resource, Sid = 'S') => ({ Version: '2012-10-17', Statement: [{ Sid, Effect: 'Allow', Action, Resource }] });

test('a call the policy does not grant is denied, naming the action, the resource and the call', async () => {
  const root = repoWithCalls([{ service: 'ssm', operation: 'CancelCommand', subject: 'c0ffee i-0123456789abcdef0' }]);
  const { findings } = await checkPermissions(plan(allow(['ssm:SendCommand'], '*')), root, { 'shutdown-fn': FN });
  assert.ok(findings.some((f) => /shutdown-fn: ssm:CancelCommand on \* is ImplicitlyDenied .*the code calls ssm CancelCommand/.test(f)), findings.join('\n'));
});

test('the test\'s names are replaced by the names Terraform gives before the call is judged', async () => {
  const root = repoWithCalls([{ service: 'ssm', operation: 'GetParameter', subject: '/cost-guard/test/kill-switch-snapshot' }],
    { 'costguard.snapshot-parameter': '/cost-guard/test/kill-switch-snapshot' });
  assert.deepEqual([...renames({ 'costguard.function-names': 'a,b' }, { COSTGUARD_FUNCTION_NAMES: 'x,y' })], [['a', 'x'], ['b', 'y']]);
  const granted = allow(['ssm:GetParameter'], `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:parameter/cost-guard/cg/kill-switch-snapshot`);
  assert.deepEqual((await checkPermissions(plan(granted), root, { 'shutdown-fn': FN })).findings, []);
  const otherName = allow(['ssm:GetParameter'], `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:parameter/cost-guard/test/kill-switch-snapshot`);
  const { findings } = await checkPermissions(plan(otherName), root, { 'shutdown-fn': FN });
  assert.equal(findings.length, 1);
  assert.match(findings[0], /ssm:GetParameter on arn:aws:ssm:ap-northeast-1:123456789012:parameter\/cost-guard\/cg\/kill-switch-snapshot is ImplicitlyDenied/);
});

test('an unmapped call fails with a message naming it and where to add it; unsigned setup calls are ignored', async () => {
  const root = repoWithCalls([
    { service: 'lambda', operation: 'DeleteFunction', subject: 'relay-a' },
    { service: 'ssm', operation: 'DeleteParameter', subject: '/x', signed: false },
  ]);
  const { findings } = await checkPermissions(plan(allow(['ssm:SendCommand'], '*')), root, { 'shutdown-fn': FN });
  assert.ok(findings.some((f) => f.includes('no IAM mapping for the call "lambda DeleteFunction"') && f.includes('add it to CALLS')), findings.join('\n'));
  assert.ok(!findings.some((f) => f.includes('DeleteParameter')), findings.join('\n'));
});

test('a granted action no test calls is listed', async () => {
  const root = repoWithCalls([{ service: 'ec2', operation: 'DescribeInstances', subject: 'i-0123456789abcdef0' }]);
  const { findings } = await checkPermissions(plan(allow(['ec2:DescribeInstances', 'ec2:TerminateInstances'], '*', 'Too')), root, { 'shutdown-fn': FN });
  assert.deepEqual(findings, ['shutdown-fn: ec2:TerminateInstances is granted (statement Too) but no test calls it; remove it or name it with its reason in GRANTED_WITHOUT_A_CALL']);
});

function schedulerPlan(sourceArns) {
  const trust = documentFromConfig({
    statement: [{
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'Service', identifiers: ['scheduler.amazonaws.com'] }],
      condition: [
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
        { test: 'ArnLike', variable: 'aws:SourceArn', values: sourceArns },
      ],
    }],
  });
  return {
    resource_changes: [
      { address: 'module.kill_switch.aws_iam_role.scheduler', type: 'aws_iam_role', name: 'scheduler', change: { after: { name: 'cg-sched', assume_role_policy: JSON.stringify(trust) } } },
      { address: 'module.kill_switch.aws_scheduler_schedule.recovery', type: 'aws_scheduler_schedule', name: 'recovery', change: { after: { group_name: 'cg' } } },
    ],
  };
}

const schedulerTrust = TRUST.filter((t) => t.role === 'module.kill_switch.aws_iam_role.scheduler');

test('a Scheduler role scoped to a schedule ARN is refused: Scheduler sends the group\'s ARN', async () => {
  const { findings } = await checkTrust(schedulerPlan([`arn:aws:scheduler:ap-northeast-1:${ACCOUNT}:schedule/cg/cg-recovery`]), schedulerTrust);
  assert.equal(findings.length, 1);
  assert.match(findings[0], /scheduler\.amazonaws\.com sts:AssumeRole with .*schedule-group\/cg.* is ImplicitlyDenied/);
});

test('a Scheduler role scoped to its group is allowed for it and refused for another group or account', async () => {
  assert.deepEqual((await checkTrust(schedulerPlan([`arn:aws:scheduler:ap-northeast-1:${ACCOUNT}:schedule-group/cg`]), schedulerTrust)).findings, []);
  const { findings } = await checkTrust(schedulerPlan(['arn:aws:scheduler:ap-northeast-1:*:schedule-group/*']), schedulerTrust);
  assert.ok(findings.some((f) => f.includes('from another schedule group') && f.includes('must be refused')), findings.join('\n'));
});

test('a named reason that no longer holds is flagged', async () => {
  const root = repoWithCalls([{ service: 'ec2', operation: 'DescribeInstances', subject: 'i-0123456789abcdef0' }]);
  GRANTED_WITHOUT_A_CALL['shutdown-fn'] = { 'ec2:DescribeInstances': 'stale', 'ec2:RebootInstances': 'not granted' };
  try {
    const { findings } = await checkPermissions(plan(allow(['ec2:DescribeInstances'], '*')), root, { 'shutdown-fn': FN });
    assert.deepEqual(findings.sort(), [
      'shutdown-fn: GRANTED_WITHOUT_A_CALL names ec2:DescribeInstances, which a test now calls; remove the entry',
      'shutdown-fn: GRANTED_WITHOUT_A_CALL names ec2:RebootInstances, which the role is not granted; remove the entry',
    ]);
  } finally {
    delete GRANTED_WITHOUT_A_CALL['shutdown-fn'];
  }
});

test('a tagging call is judged on the function named in its ARN and on the tag keys it sends (aws:TagKeys)', async () => {
  assert.deepEqual(tagKeys('{"cost-guard:prior-reserved-concurrency":"10","cost-guard:prior-recorded-at":"t"}'),
    ['cost-guard:prior-reserved-concurrency', 'cost-guard:prior-recorded-at']);
  assert.deepEqual(tagKeys('{cost-guard:prior-state=running, cost-guard:prior-recorded-at=t}'), ['cost-guard:prior-state', 'cost-guard:prior-recorded-at']);
  assert.deepEqual(tagKeys('cost-guard:prior-enabled,cost-guard:prior-recorded-at'), ['cost-guard:prior-enabled', 'cost-guard:prior-recorded-at']);
  const fn = `arn:aws:lambda:ap-northeast-1:${ACCOUNT}:function:relay-a`;
  const policy = {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'Tag', Effect: 'Allow', Action: ['lambda:TagResource'], Resource: fn,
      Condition: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['cost-guard:prior-*'] } },
    }],
  };
  const call = (detail) => repoWithCalls([{ service: 'lambda', operation: 'TagResource', subject: 'arn:aws:lambda:eu-west-1:000000000000:function:relay-test', detail }],
    { 'costguard.function-names': 'relay-test' });
  const fnPlan = plan(policy);
  fnPlan.resource_changes[2].change.after.environment[0].variables.COSTGUARD_FUNCTION_NAMES = 'relay-a';
  assert.deepEqual((await checkPermissions(fnPlan, call('{"cost-guard:prior-reserved-concurrency":"10"}'), { 'shutdown-fn': FN })).findings, []);
  const { findings } = await checkPermissions(fnPlan, call('{"owner":"someone"}'), { 'shutdown-fn': FN });
  assert.ok(findings.some((f) => /lambda:TagResource on arn:aws:lambda:ap-northeast-1:123456789012:function:relay-a is ImplicitlyDenied/.test(f)), findings.join('\n'));
});

// The doctor's call records (doctor/target/aws-calls) and the policy file the deployer attaches (docs/doctor-policy.json).
function doctorRepo(calls, policy) {
  const root = mkdtempSync(join(tmpdir(), 'simulate-doctor-'));
  const dir = join(root, 'doctor', 'target', 'aws-calls');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(dir, 'calls-1.jsonl'), calls.map((c) => JSON.stringify({ detail: '', fault: '', signed: true, ...c })).join('\n') + '\n');
  writeFileSync(join(root, 'docs', 'doctor-policy.json'), JSON.stringify(policy));
  return root;
}

const smokeSchedule = (group) => [
  { service: 'scheduler', operation: 'CreateSchedule', subject: `${group}/costguard-demo-smoke-1`,
    detail: `at(2026-12-02T15:42:13) -> arn:aws:lambda:eu-west-1:${ACCOUNT}:function:costguard-demo-recovery:live as arn:aws:iam::${ACCOUNT}:role/costguard-demo-recovery-scheduler` },
];
const smokePolicy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Schedule', Effect: 'Allow', Action: 'scheduler:CreateSchedule', Resource: `arn:aws:scheduler:*:${ACCOUNT}:schedule/costguard-*-kill-switch/costguard-*` },
    {
      Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${ACCOUNT}:role/costguard-*-recovery-scheduler`,
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    },
  ],
};

test('a doctor call its policy does not grant fails, naming the action, the resource and docs/doctor-policy.json', async () => {
  assert.deepEqual((await checkDoctor(doctorRepo(smokeSchedule('costguard-demo-kill-switch'), smokePolicy))).findings, []);
  const { findings } = await checkDoctor(doctorRepo(smokeSchedule('default'), smokePolicy));
  assert.deepEqual(findings, [
    `doctor: scheduler:CreateSchedule on arn:aws:scheduler:ap-northeast-1:${ACCOUNT}:schedule/default/costguard-demo-smoke-1 is ImplicitlyDenied `
      + 'by docs/doctor-policy.json (the code calls scheduler CreateSchedule default/costguard-demo-smoke-1)',
  ]);
});

test('the smoke test passing the scheduler role is judged as iam:PassRole to scheduler.amazonaws.com', async () => {
  const unconditioned = structuredClone(smokePolicy);
  unconditioned.Statement[1].Condition = { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } };
  const { findings } = await checkDoctor(doctorRepo(smokeSchedule('costguard-demo-kill-switch'), unconditioned));
  assert.ok(findings.some((f) => f.startsWith(`doctor: iam:PassRole on arn:aws:iam::${ACCOUNT}:role/costguard-demo-recovery-scheduler is ImplicitlyDenied`)), findings.join('\n'));
});

test('the doctor\'s state bucket is judged under the name the policy gives it; a grant no doctor test uses is listed', async () => {
  const calls = [{ service: 's3', operation: 'GetBucketVersioning', subject: 'costguard-missing-state' }];
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'State', Effect: 'Allow', Action: 's3:GetBucketVersioning', Resource: `arn:aws:s3:::${DOCTOR.environment.STATE_BUCKET}` },
      { Sid: 'Extra', Effect: 'Allow', Action: 'ec2:DescribeRegions', Resource: '*' },
    ],
  };
  const { findings } = await checkDoctor(doctorRepo(calls, policy));
  assert.deepEqual(findings, ['doctor: ec2:DescribeRegions is granted (statement Extra) but no test calls it; remove it or name it with its reason in '
    + 'DOCTOR.grantedWithoutCall in terraform/policy-check/simulate.mjs']);
});

test('the doctor without call records fails with the command that makes them', async () => {
  const root = mkdtempSync(join(tmpdir(), 'simulate-doctor-'));
  assert.deepEqual((await checkDoctor(root)).findings, ['doctor: no call log in doctor/target/aws-calls (run its tests first: mvn install)']);
});
