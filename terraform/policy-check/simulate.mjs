// Permissions and trust, judged by AWS's own evaluation rules rather than by what we believe.
//
//   node simulate.mjs PLAN_JSONL REPO_ROOT     (exit 1 with one FAIL line per finding)
//
// PLAN_JSONL is the output of `terraform test -json -verbose` on render/render.tftest.hcl (run.sh makes it): the
// plan of a whole environment, whose roles carry their trust policy and inline policy as the AWS provider renders
// them. REPO_ROOT holds the functions' Maven modules; their handler and fault tests leave every AWS call the fake
// account served in <module>/target/aws-calls/*.jsonl (demo's FakeAccountTestResource), with the test's settings
// beside them.
//
// Permissions: each call the code made (an SDK-signed call; a test's own setup calls are unsigned) is mapped to the
// IAM action(s) and resource ARN(s) AWS authorizes it as (CALLS below), with the test's names replaced by the names
// Terraform gives (the function's environment in the plan), and evaluated with @cloud-copilot/iam-simulate against
// the function's role policy. A denied call fails; so does an action the role is granted that no test calls, unless
// GRANTED_WITHOUT_A_CALL names it with its reason.
//
// The doctor (make doctor, make smoke) runs with the deployer's credentials, not a role Terraform makes: the calls its
// tests made (doctor/target/aws-calls) are judged the same way against docs/doctor-policy.json, the policy the README
// tells the deployer to attach (DOCTOR below).
//
// Trust: every role a service assumes, and every topic a service publishes to, is simulated with the request
// context that service documents (TRUST below): it must be allowed, and refused for another account (and, for
// Scheduler, for another schedule group).

import { runSimulation } from '@cloud-copilot/iam-simulate';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';
export const REGION = 'ap-northeast-1';

// ---- the functions: Maven module -> the Terraform module that deploys it ----------------------------------------

export const FUNCTIONS = {
  'shutdown-fn': 'module.kill_switch.module.shutdown',
  'recovery-fn': 'module.kill_switch.module.recovery',
  'ecs-scheduler-fn': 'module.ecs_scheduler.module.function',
  'efs-scaler-fn': 'module.efs_scaler[0].module.function',
};

// ---- (service, operation) as the fake account logs it -> what IAM authorizes ----------------------------------
// Each entry takes the call's subject (the resource IDs as the account logs them) and returns every
// { action, resource, context? } AWS checks for it. Sources: the Service Authorization Reference page of each
// service ("Actions, resources, and condition keys for ..."), and the API reference where one call needs more.

const arn = (service, rest, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
const ids = (subject) => subject.split(/[ ,]+/).filter(Boolean);
const first = (subject) => ids(subject)[0];
const lambdaFunction = (s) => [arn('lambda', `function:${first(s)}`)];
const parameter = (s) => [arn('ssm', `parameter/${first(s).replace(/^\//, '')}`)];
const everything = () => ['*'];
const ecsService = (s) => {
  const [cluster, names] = first(s).split('/');
  return names.split(',').map((name) => arn('ecs', `service/${cluster}/${name}`));
};

// Tagging calls: by function name or ARN, by distribution ID or ARN; the tag keys (aws:TagKeys) from the call's
// detail as the fake account logs it: a JSON object of tags (Lambda), {k=v, ...} (EC2, CloudFront) or k1,k2 (removals).
const functionByNameOrArn = (s) => [arn('lambda', `function:${first(s).split(':function:').pop()}`)];
const distribution = (s) => [`arn:aws:cloudfront::${ACCOUNT}:distribution/${first(s).split('distribution/').pop()}`];
export function tagKeys(detail = '') {
  const text = detail.trim();
  if (text.startsWith('{"')) return Object.keys(JSON.parse(text));
  if (text.startsWith('{')) return text.slice(1, -1).split(', ').filter(Boolean).map((pair) => pair.split('=')[0]);
  return text.split(',').filter(Boolean);
}
const tagKeysOf = (environment, call) => ({ 'aws:TagKeys': tagKeys(call?.detail) });

export const CALLS = {
  'lambda GetFunctionConcurrency': [{ action: 'lambda:GetFunctionConcurrency', resources: lambdaFunction }],
  'lambda PutFunctionConcurrency': [{ action: 'lambda:PutFunctionConcurrency', resources: lambdaFunction }],
  'lambda DeleteFunctionConcurrency': [{ action: 'lambda:DeleteFunctionConcurrency', resources: lambdaFunction }],
  'lambda GetFunctionConfiguration': [{ action: 'lambda:GetFunctionConfiguration', resources: functionByNameOrArn }],
  'lambda ListTags': [{ action: 'lambda:ListTags', resources: functionByNameOrArn }],
  'lambda TagResource': [{ action: 'lambda:TagResource', resources: functionByNameOrArn, context: tagKeysOf }],
  'lambda UntagResource': [{ action: 'lambda:UntagResource', resources: functionByNameOrArn, context: tagKeysOf }],
  'ec2 CreateTags': [{ action: 'ec2:CreateTags', resources: (s) => ids(s).map((id) => arn('ec2', `instance/${id}`)), context: tagKeysOf }],
  'ec2 DeleteTags': [{ action: 'ec2:DeleteTags', resources: (s) => ids(s).map((id) => arn('ec2', `instance/${id}`)), context: tagKeysOf }],
  'cloudfront GetDistribution': [{ action: 'cloudfront:GetDistribution', resources: distribution }],
  'cloudfront ListTagsForResource': [{ action: 'cloudfront:ListTagsForResource', resources: distribution }],
  'cloudfront TagResource': [{ action: 'cloudfront:TagResource', resources: distribution, context: tagKeysOf }],
  'cloudfront UntagResource': [{ action: 'cloudfront:UntagResource', resources: distribution, context: tagKeysOf }],
  // EC2's Describe* take no resource-level permission: Resource "*".
  'ec2 DescribeInstances': [{ action: 'ec2:DescribeInstances', resources: everything }],
  'ec2 StopInstances': [{ action: 'ec2:StopInstances', resources: (s) => ids(s).map((id) => arn('ec2', `instance/${id}`)) }],
  'ec2 StartInstances': [{ action: 'ec2:StartInstances', resources: (s) => ids(s).map((id) => arn('ec2', `instance/${id}`)) }],
  'ec2 DescribeSubnets': [{ action: 'ec2:DescribeSubnets', resources: everything }],
  'ec2 DescribeAvailabilityZones': [{ action: 'ec2:DescribeAvailabilityZones', resources: everything }],
  // SendCommand is authorized on the instance and on the document it runs.
  'ssm SendCommand': [
    { action: 'ssm:SendCommand', resources: (s) => ids(s).map((id) => arn('ec2', `instance/${id}`)) },
    { action: 'ssm:SendCommand', resources: () => [`arn:aws:ssm:${REGION}::document/AWS-RunShellScript`] },
  ],
  'ssm GetCommandInvocation': [{ action: 'ssm:GetCommandInvocation', resources: everything }],
  'ssm CancelCommand': [{ action: 'ssm:CancelCommand', resources: everything }],
  'ssm GetParameter': [{ action: 'ssm:GetParameter', resources: parameter }],
  'ssm PutParameter': [{ action: 'ssm:PutParameter', resources: parameter }],
  'ssm DeleteParameter': [{ action: 'ssm:DeleteParameter', resources: parameter }],
  // CloudFront is global: its ARNs have no region.
  'cloudfront GetDistributionConfig': [{ action: 'cloudfront:GetDistributionConfig', resources: (s) => [`arn:aws:cloudfront::${ACCOUNT}:distribution/${first(s)}`] }],
  'cloudfront UpdateDistribution': [{ action: 'cloudfront:UpdateDistribution', resources: (s) => [`arn:aws:cloudfront::${ACCOUNT}:distribution/${first(s)}`] }],
  'sns Publish': [{ action: 'sns:Publish', resources: (s) => [first(s)] }],
  'ecs DescribeServices': [{ action: 'ecs:DescribeServices', resources: ecsService }],
  'ecs UpdateService': [{ action: 'ecs:UpdateService', resources: ecsService }],
  // ECS tags a service by its long ARN (ECS API reference, TagResource); the kill switch's tag keys are its
  // condition (aws:TagKeys), to which its grants are limited.
  'ecs ListTagsForResource': [{ action: 'ecs:ListTagsForResource', resources: ecsService }],
  'ecs TagResource': [{
    action: 'ecs:TagResource',
    resources: ecsService,
    context: () => ({ 'aws:TagKeys': ['cost-guard:prior-desired-count', 'cost-guard:prior-min-capacity', 'cost-guard:prior-max-capacity', 'cost-guard:prior-recorded-at'] }),
  }],
  'ecs UntagResource': [{
    action: 'ecs:UntagResource',
    resources: ecsService,
    context: () => ({ 'aws:TagKeys': ['cost-guard:prior-desired-count', 'cost-guard:prior-min-capacity', 'cost-guard:prior-max-capacity', 'cost-guard:prior-recorded-at'] }),
  }],
  'autoscaling DescribeScalableTargets': [{ action: 'application-autoscaling:DescribeScalableTargets', resources: everything }],
  // The target's ARN ends in an ID AWS assigns; the request's namespace and dimension are its condition keys.
  'autoscaling RegisterScalableTarget': [{
    action: 'application-autoscaling:RegisterScalableTarget',
    resources: () => [arn('application-autoscaling', 'scalable-target/0123456789abcdef0123456789abcdef')],
    context: () => ({ 'application-autoscaling:service-namespace': 'ecs', 'application-autoscaling:scalable-dimension': 'ecs:service:DesiredCount' }),
  }],
  // Described by mount target ID, the call is authorized on the target's file system (the function's own).
  'efs DescribeMountTargets': [{
    action: 'elasticfilesystem:DescribeMountTargets',
    resources: (s, env) => [arn('elasticfilesystem', `file-system/${first(s).startsWith('fsmt-') ? env.COSTGUARD_FILE_SYSTEM_ID : first(s)}`)],
  }],
  'efs DescribeFileSystems': [{
    action: 'elasticfilesystem:DescribeFileSystems',
    resources: (s, env) => [arn('elasticfilesystem', `file-system/${first(s) ?? env.COSTGUARD_FILE_SYSTEM_ID}`)],
  }],
  // CreateMountTarget makes the network interface with the caller's own permissions (EFS API reference,
  // CreateMountTarget: "requires permissions for ... ec2:DescribeSubnets, ec2:DescribeNetworkInterfaces,
  // ec2:CreateNetworkInterface").
  'efs CreateMountTarget': [
    { action: 'elasticfilesystem:CreateMountTarget', resources: (s) => [arn('elasticfilesystem', `file-system/${first(s)}`)] },
    { action: 'ec2:DescribeSubnets', resources: everything },
    { action: 'ec2:DescribeNetworkInterfaces', resources: everything },
    {
      action: 'ec2:CreateNetworkInterface',
      resources: (s) => [arn('ec2', `subnet/${ids(s)[1]}`), arn('ec2', 'network-interface/*')],
      context: (settings) => ({ 'ec2:Vpc': arn('ec2', `vpc/${settings.COSTGUARD_VPC_ID}`) }),
    },
  ],
  // ---- the doctor's reads and the smoke test's steps (docs/doctor-policy.json) ----
  // STS: "No permissions are required to perform this operation" (GetCallerIdentity, STS API reference).
  'sts GetCallerIdentity': [],
  'lambda GetAccountSettings': [{ action: 'lambda:GetAccountSettings', resources: everything }],
  'ec2 DescribeVpcEndpoints': [{ action: 'ec2:DescribeVpcEndpoints', resources: everything }],
  'ssm DescribeInstanceInformation': [{ action: 'ssm:DescribeInstanceInformation', resources: everything }],
  'ecs DescribeTaskDefinition': [{ action: 'ecs:DescribeTaskDefinition', resources: everything }],
  // DescribeBudget is authorized as budgets:ViewBudget on the budget (Budgets has no Describe* actions); its ARN has no region.
  'budgets DescribeBudget': [{ action: 'budgets:ViewBudget', resources: (s) => [`arn:aws:budgets::${ACCOUNT}:budget/${first(s)}`] }],
  // The one bucket the doctor reads is the state bucket (backend.hcl); the S3 page maps HeadBucket to s3:ListBucket
  // and GetPublicAccessBlock (of a bucket) to s3:GetBucketPublicAccessBlock. Bucket ARNs have no region or account.
  's3 HeadBucket': [{ action: 's3:ListBucket', resources: (s, env) => [`arn:aws:s3:::${env.STATE_BUCKET ?? first(s)}`] }],
  's3 GetBucketVersioning': [{ action: 's3:GetBucketVersioning', resources: (s, env) => [`arn:aws:s3:::${env.STATE_BUCKET ?? first(s)}`] }],
  's3 GetPublicAccessBlock': [{ action: 's3:GetBucketPublicAccessBlock', resources: (s, env) => [`arn:aws:s3:::${env.STATE_BUCKET ?? first(s)}`] }],
  // Invoking an alias is authorized on the qualified ARN (function:<name>:<alias>); the alias is the detail's first word.
  'lambda Invoke': [{
    action: 'lambda:InvokeFunction',
    resources: (s, env, call) => [arn('lambda', `function:${first(s)}${call.detail.split(' ')[0] ? ':' + call.detail.split(' ')[0] : ''}`)],
  }],
  'scheduler GetSchedule': [{ action: 'scheduler:GetSchedule', resources: (s) => [arn('scheduler', `schedule/${first(s)}`)] }],
  'scheduler DeleteSchedule': [{ action: 'scheduler:DeleteSchedule', resources: (s) => [arn('scheduler', `schedule/${first(s)}`)] }],
  // CreateSchedule passes the target's role to Scheduler (EventBridge Scheduler User Guide, "Set up the execution
  // role": iam:PassRole); the role is the last word of the call's detail ("<expression> -> <target> as <role>").
  'scheduler CreateSchedule': [
    { action: 'scheduler:CreateSchedule', resources: (s) => [arn('scheduler', `schedule/${first(s)}`)] },
    {
      action: 'iam:PassRole',
      resources: (s, env, call) => [call.detail.split(' as ').pop().replace(/^(arn:aws:iam::)\d{12}(:)/, `$1${ACCOUNT}$2`)],
      context: () => ({ 'iam:PassedToService': 'scheduler.amazonaws.com' }),
    },
  ],
  'logs FilterLogEvents': [{ action: 'logs:FilterLogEvents', resources: (s) => [arn('logs', `log-group:${first(s)}`)] }],
  'states StartExecution': [{ action: 'states:StartExecution', resources: (s) => [first(s)] }],
  'states DescribeExecution': [{ action: 'states:DescribeExecution', resources: (s) => [first(s)] }],
};

// ---- granted on purpose without a call a test makes ------------------------------------------------------------

export const GRANTED_WITHOUT_A_CALL = {
  '*': {
    'logs:CreateLogStream': 'Lambda writes the function\'s logs with its role; the code makes no Logs call',
    'logs:PutLogEvents': 'Lambda writes the function\'s logs with its role; the code makes no Logs call',
    'sqs:SendMessage': 'Lambda sends a failed asynchronous invocation to the on-failure queue with the role',
  },
  'efs-scaler-fn': {
    'elasticfilesystem:ClientMount': 'the Lambda mounts the file system through its access point with the role (a mount, not an API call)',
  },
};

// ---- trust: who assumes each role, and the request context that service sends -------------------------------

const scheduleGroup = (group) => `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/${group}`;

// The group of the schedules beside a Scheduler role (same module): the group whose ARN Scheduler sends.
function groupOf(plan, role) {
  const module = role.slice(0, role.indexOf('.aws_iam_role.'));
  const groups = new Set(plan.resource_changes
    .filter((r) => r.type === 'aws_scheduler_schedule' && r.address.startsWith(`${module}.aws_scheduler_schedule.`))
    .map((r) => r.change.after.group_name ?? 'default'));
  if (groups.size !== 1) throw new Error(`${role}: expected the schedules of ${module} in one group, found ${[...groups].join(', ') || 'none'}`);
  return [...groups][0];
}

export const TRUST = [
  // EventBridge Scheduler User Guide, "Confused deputy prevention": aws:SourceArn is the schedule GROUP's ARN
  // (not a schedule's), aws:SourceAccount the account.
  ...['module.kill_switch.aws_iam_role.scheduler', 'module.ecs_scheduler.aws_iam_role.scheduler'].map((role) => ({
    role,
    principal: 'scheduler.amazonaws.com',
    action: 'sts:AssumeRole',
    context: (plan) => ({ 'aws:SourceArn': scheduleGroup(groupOf(plan, role)), 'aws:SourceAccount': ACCOUNT }),
    refused: (plan) => [
      { why: 'another schedule group', context: { 'aws:SourceArn': scheduleGroup('someone-elses-group'), 'aws:SourceAccount': ACCOUNT } },
      { why: 'another account', context: { 'aws:SourceArn': scheduleGroup(groupOf(plan, role)).replace(ACCOUNT, OTHER_ACCOUNT), 'aws:SourceAccount': OTHER_ACCOUNT } },
    ],
  })),
  // EventBridge User Guide, "Using resource-based policies / IAM roles for Amazon EventBridge" and "Confused deputy
  // prevention": a rule's target role is assumed with the rule's ARN and the account.
  {
    role: 'module.orchestration[0].aws_iam_role.schedule',
    principal: 'events.amazonaws.com',
    action: 'sts:AssumeRole',
    context: () => ({ 'aws:SourceArn': arn('events', 'rule/cost-guard-demo-nightly-batch'), 'aws:SourceAccount': ACCOUNT }),
    refused: () => [{ why: 'another account', context: { 'aws:SourceArn': `arn:aws:events:${REGION}:${OTHER_ACCOUNT}:rule/x`, 'aws:SourceAccount': OTHER_ACCOUNT } }],
  },
  // Step Functions Developer Guide, "Cross-service confused deputy prevention": the state machine's ARN and the account.
  {
    role: 'module.orchestration[0].aws_iam_role.state_machine',
    principal: 'states.amazonaws.com',
    action: 'sts:AssumeRole',
    context: () => ({ 'aws:SourceArn': arn('states', 'stateMachine:cost-guard-demo-nightly-batch'), 'aws:SourceAccount': ACCOUNT }),
    refused: () => [{ why: 'another account', context: { 'aws:SourceArn': `arn:aws:states:${REGION}:${OTHER_ACCOUNT}:stateMachine:x`, 'aws:SourceAccount': OTHER_ACCOUNT } }],
  },
  // Lambda Developer Guide, "Lambda execution role": lambda.amazonaws.com assumes it; no other service may.
  ...Object.values(FUNCTIONS).map((module) => ({
    role: `${module}.aws_iam_role.this`,
    principal: 'lambda.amazonaws.com',
    action: 'sts:AssumeRole',
    context: () => ({}),
    refused: () => [{ why: 'another service', principal: 'ec2.amazonaws.com', context: {} }],
  })),
  // AWS Chatbot Administrator Guide, "IAM roles for AWS Chatbot": chatbot.amazonaws.com assumes the channel role.
  {
    role: 'module.kill_switch.aws_iam_role.chatbot[0]',
    principal: 'chatbot.amazonaws.com',
    action: 'sts:AssumeRole',
    context: () => ({}),
    refused: () => [{ why: 'another service', principal: 'ec2.amazonaws.com', context: {} }],
  },
  // AWS Budgets User Guide, "Creating an Amazon SNS topic for budget notifications": budgets.amazonaws.com publishes,
  // with the budget's ARN (arn:aws:budgets::<account>:budget/<name>) and the account as source.
  {
    topic: 'module.kill_switch.aws_sns_topic_policy.alert',
    principal: 'budgets.amazonaws.com',
    action: 'sns:Publish',
    context: () => ({ 'aws:SourceArn': `arn:aws:budgets::${ACCOUNT}:budget/cost-guard-demo-monthly-cost`, 'aws:SourceAccount': ACCOUNT }),
    refused: () => [{ why: 'another account', context: { 'aws:SourceArn': `arn:aws:budgets::${OTHER_ACCOUNT}:budget/x`, 'aws:SourceAccount': OTHER_ACCOUNT } }],
  },
  // CloudWatch User Guide, "Amazon SNS topic policy for alarm actions" (confused deputy): cloudwatch.amazonaws.com
  // publishes with the alarm's ARN and the account.
  ...[
    ['module.kill_switch.aws_sns_topic_policy.result', REGION, 'cost-guard-demo-failed-invocations'],
    ['module.kill_switch.aws_sns_topic_policy.tripwire[0]', REGION, 'cost-guard-demo-tripwire-relay'],
    ['module.kill_switch.aws_sns_topic_policy.tripwire_us_east_1[0]', 'us-east-1', 'cost-guard-demo-tripwire-cdn'],
  ].map(([topic, region, alarm]) => ({
    topic,
    principal: 'cloudwatch.amazonaws.com',
    action: 'sns:Publish',
    context: () => ({ 'aws:SourceArn': `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${alarm}`, 'aws:SourceAccount': ACCOUNT }),
    refused: () => [{ why: 'another account', context: { 'aws:SourceArn': `arn:aws:cloudwatch:${region}:${OTHER_ACCOUNT}:alarm:x`, 'aws:SourceAccount': OTHER_ACCOUNT } }],
  })),
];

// ---- the plan ---------------------------------------------------------------------------------------------------

export function readPlan(file) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const message = JSON.parse(line);
    if (message.type === 'test_plan') return message.test_plan;
  }
  throw new Error(`${file} holds no plan (was terraform test run with -json -verbose, and did the run pass?)`);
}

const asList = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

// A policy document as the provider would write it, from a data source whose read the plan deferred to apply
// (its configuration is in the plan; only its JSON is not).
export function documentFromConfig(after) {
  const Statement = asList(after.statement).map((st) => {
    const out = { Effect: st.effect ?? 'Allow' };
    if (st.sid) out.Sid = st.sid;
    if (st.actions) out.Action = st.actions;
    if (st.not_actions) out.NotAction = st.not_actions;
    if (st.resources) out.Resource = st.resources;
    if (st.not_resources) out.NotResource = st.not_resources;
    const principals = asList(st.principals);
    if (principals.length > 0) {
      out.Principal = {};
      for (const p of principals) out.Principal[p.type === '*' ? 'AWS' : p.type] = p.identifiers;
    }
    const conditions = asList(st.condition);
    if (conditions.length > 0) {
      out.Condition = {};
      for (const c of conditions) (out.Condition[c.test] ??= {})[c.variable] = c.values;
    }
    return out;
  });
  return { Version: '2012-10-17', Statement };
}

// The policy of a role policy or topic policy resource: its rendered JSON, or the data source it names by
// convention (<label>, <label>_topic) rendered from the configuration when the plan deferred the read.
export function policyOf(plan, address) {
  const change = plan.resource_changes.find((r) => r.address === address);
  if (!change) throw new Error(`${address} is not in the plan`);
  const after = change.change.after;
  if (typeof after.policy === 'string' && after.policy) return JSON.parse(after.policy);
  if (typeof after.assume_role_policy === 'string' && after.assume_role_policy) return JSON.parse(after.assume_role_policy);
  const module = address.slice(0, address.lastIndexOf(change.type) - 1);
  const label = change.name;
  const index = change.index === undefined ? '' : `[${JSON.stringify(change.index)}]`;
  for (const name of [label, `${label}_topic`]) {
    const doc = plan.resource_changes.find((r) => r.address === `${module ? module + '.' : ''}data.aws_iam_policy_document.${name}${index}`);
    if (doc) return documentFromConfig(doc.change.after);
  }
  throw new Error(`${address}: its policy is not known at plan and no data.aws_iam_policy_document.${label} renders it; add an override_resource for what it names to render/render.tftest.hcl`);
}

function lambdaEnvironment(plan, module) {
  const fn = plan.resource_changes.find((r) => r.address === `${module}.aws_lambda_function.this`);
  return fn?.change.after.environment?.[0]?.variables ?? {};
}

function roleName(plan, address) {
  return plan.resource_changes.find((r) => r.address === address)?.change.after.name;
}

// ---- the calls --------------------------------------------------------------------------------------------------

export function readCalls(dir) {
  const runs = [];
  if (!existsSync(dir)) return runs;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const settingsFile = join(dir, name.replace(/\.jsonl$/, '.settings.json'));
    const settings = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {};
    const calls = readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    runs.push({ file: join(dir, name), settings, calls });
  }
  return runs;
}

// costguard.snapshot-parameter -> COSTGUARD_SNAPSHOT_PARAMETER: the variable the Terraform module sets.
const variableOf = (key) => key.toUpperCase().replace(/[.-]/g, '_');

// The test's names -> the names Terraform gives, for every setting whose variable the function's environment sets
// (a comma-separated list maps item by item).
export function renames(settings, environment) {
  const map = new Map();
  for (const [key, value] of Object.entries(settings)) {
    const rendered = environment[variableOf(key)];
    if (rendered === undefined || rendered === value) continue;
    const from = value.split(',');
    const to = rendered.split(',');
    if (from.length === to.length) from.forEach((v, i) => v && map.set(v, to[i]));
  }
  return map;
}

// An ID, or the last segment of an ARN (a function's name, a distribution's ID).
function rename(subject, map) {
  return ids(subject).map((id) => map.get(id) ?? id.replace(/([:/])([^:/]+)$/, (whole, sep, tail) => sep + (map.get(tail) ?? tail))).join(' ');
}

// ---- simulation -------------------------------------------------------------------------------------------------

async function decide({ policy, identity, principal, action, resource, resourceAccount = ACCOUNT, context = {} }) {
  const result = await runSimulation({
    identityPolicies: identity ? [{ name: 'role', policy: identity }] : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: policy,
    request: { action, principal, resource: { accountId: resourceAccount, resource }, contextVariables: context },
  }, {});
  if (result.errors) return { allowed: false, why: `simulator refused the request: ${JSON.stringify(result.errors)}` };
  return { allowed: result.overallResult === 'Allowed', why: result.overallResult };
}

// An AWS-owned SSM document's ARN has no account (arn:aws:ssm:<region>::document/AWS-RunShellScript, as SSM's
// "Actions, resources, and condition keys" page writes it), which the simulator's ARN patterns cannot type; for
// that one case the request and the policy both name the owner "aws" in the account field.
function awsOwnedDocument(policy, resource) {
  const owned = /^(arn:aws:ssm:[^:]*):(:document\/)/;
  if (!owned.test(resource)) return { identity: policy, resource };
  const text = JSON.stringify(policy).replace(/(arn:aws:ssm:[^:"]*)::document\//g, '$1:aws:document/');
  return { identity: JSON.parse(text), resource: resource.replace(owned, '$1:aws$2') };
}

export async function checkPermissions(plan, repoRoot, functions = FUNCTIONS) {
  const findings = [];
  const summary = [];
  for (const [mavenModule, module] of Object.entries(functions)) {
    const runs = readCalls(join(repoRoot, mavenModule, 'target', 'aws-calls'));
    if (runs.length === 0) {
      findings.push(`${mavenModule}: no call log in ${mavenModule}/target/aws-calls (run its tests first: mvn install)`);
      continue;
    }
    const judged = await judgeCalls({
      label: mavenModule,
      runs,
      policy: policyOf(plan, `${module}.aws_iam_role_policy.this`),
      policyName: `${module}'s role policy`,
      principal: `arn:aws:iam::${ACCOUNT}:role/${roleName(plan, `${module}.aws_iam_role.this`)}`,
      environment: lambdaEnvironment(plan, module),
      grantedWithoutCall: { ...GRANTED_WITHOUT_A_CALL['*'], ...(GRANTED_WITHOUT_A_CALL[mavenModule] ?? {}) },
      ownEntries: GRANTED_WITHOUT_A_CALL[mavenModule] ?? {},
    });
    findings.push(...judged.findings);
    summary.push(judged.summary);
  }
  return { findings, summary };
}

// ---- the doctor: the deployer's own credentials, with the policy the README says to attach ----------------------

export const DOCTOR = {
  module: 'doctor',
  policy: 'docs/doctor-policy.json',
  // The deployer the fake account answers GetCallerIdentity with.
  principal: `arn:aws:iam::${ACCOUNT}:user/deployer`,
  // The names the policy gives where the tests' differ: the state bucket is the one bucket the doctor reads (each
  // test names its own; the policy's example names my-terraform-state-bucket, to be replaced by the deployer).
  environment: { STATE_BUCKET: 'my-terraform-state-bucket' },
  // Granted on purpose without a call the tests make: action -> reason.
  grantedWithoutCall: {},
};

export async function checkDoctor(repoRoot, doctor = DOCTOR) {
  const runs = readCalls(join(repoRoot, doctor.module, 'target', 'aws-calls'));
  if (runs.length === 0) {
    return { findings: [`${doctor.module}: no call log in ${doctor.module}/target/aws-calls (run its tests first: mvn install)`], summary: [] };
  }
  const policy = JSON.parse(readFileSync(join(repoRoot, doctor.policy), 'utf8'));
  const judged = await judgeCalls({
    label: doctor.module,
    runs,
    policy,
    policyName: doctor.policy,
    principal: doctor.principal,
    environment: doctor.environment,
    grantedWithoutCall: doctor.grantedWithoutCall,
    ownEntries: doctor.grantedWithoutCall,
    namedIn: 'DOCTOR.grantedWithoutCall in terraform/policy-check/simulate.mjs',
  });
  return { findings: judged.findings, summary: [judged.summary] };
}

// Every call of the runs mapped to what IAM authorizes and simulated against the policy; then every granted action
// no call needed (unless named with its reason), and every named reason that no longer holds.
async function judgeCalls({ label, runs, policy, policyName, principal, environment, grantedWithoutCall, ownEntries, namedIn = 'GRANTED_WITHOUT_A_CALL' }) {
  const findings = [];
  const needed = new Map(); // action resource context -> first call that needed it
  const faultedOnly = new Set();
  for (const run of runs) {
    const map = renames(run.settings, environment);
    for (const call of run.calls) {
      if (!call.signed) continue;
      const key = `${call.service} ${call.operation}`;
      const mapping = CALLS[key];
      if (!mapping) {
        findings.push(`${label}: no IAM mapping for the call "${key}" (${run.file}): add it to CALLS in terraform/policy-check/simulate.mjs`);
        continue;
      }
      // A faulted call is logged with the fault's resource, not the request's: its action counts as called, and
      // the request's own resources are judged on the calls of it that reached the account.
      if (call.fault) {
        for (const need of mapping) faultedOnly.add(need.action);
        continue;
      }
      const subject = rename(call.subject, map);
      for (const need of mapping) {
        const context = need.context ? need.context(environment, call) : {};
        for (const resource of need.resources(subject, environment, call)) {
          const id = `${need.action} ${resource} ${JSON.stringify(context)}`;
          if (!needed.has(id)) needed.set(id, { ...need, resource, context, call: `${key} ${call.subject}` });
        }
      }
    }
  }
  const used = new Set();
  for (const action of faultedOnly) {
    if (![...needed.values()].some((n) => n.action === action)) {
      findings.push(`${label}: ${action} is only called under a scripted fault, so its resource is unknown; add a test where the call reaches the account`);
    }
  }
  for (const need of needed.values()) {
    used.add(need.action.toLowerCase());
    const { allowed, why } = await decide({ ...awsOwnedDocument(policy, need.resource), principal, action: need.action, context: need.context });
    if (!allowed) findings.push(`${label}: ${need.action} on ${need.resource} is ${why} by ${policyName} (the code calls ${need.call})`);
  }
  for (const st of asList(policy.Statement)) {
    if (st.Effect !== 'Allow') continue;
    for (const action of asList(st.Action)) {
      if (used.has(action.toLowerCase()) || grantedWithoutCall[action]) continue;
      findings.push(`${label}: ${action} is granted (statement ${st.Sid ?? '?'}) but no test calls it; remove it or name it with its reason in ${namedIn}`);
    }
  }
  // An entry that no longer holds (the policy lost the grant, or a test now calls it) would hide the next change.
  const granted = new Set(asList(policy.Statement).filter((st) => st.Effect === 'Allow').flatMap((st) => asList(st.Action)));
  for (const action of Object.keys(ownEntries)) {
    if (!granted.has(action)) findings.push(`${label}: ${namedIn} names ${action}, which the role is not granted; remove the entry`);
    else if (used.has(action.toLowerCase())) findings.push(`${label}: ${namedIn} names ${action}, which a test now calls; remove the entry`);
  }
  const calls = runs.reduce((n, r) => n + r.calls.length, 0);
  return { findings, summary: `${label} ${needed.size} permission(s) from ${calls} call(s)` };
}

export async function checkTrust(plan, trust = TRUST) {
  const findings = [];
  let checked = 0;
  for (const t of trust) {
    const address = t.role ?? t.topic;
    if (!plan.resource_changes.some((r) => r.address === address)) {
      findings.push(`${address}: not in the plan; the trust check has nothing to judge (was it renamed?)`);
      continue;
    }
    const policy = policyOf(plan, address);
    const resource = t.role ? `arn:aws:iam::${ACCOUNT}:role/${roleName(plan, address)}` : plan.resource_changes.find((r) => r.address === address).change.after.arn
      ?? policyTopicArn(policy);
    const allowed = await decide({ policy, principal: t.principal, action: t.action, resource, context: t.context(plan) });
    checked++;
    if (!allowed.allowed) {
      findings.push(`${address}: ${t.principal} ${t.action} with ${JSON.stringify(t.context(plan))} is ${allowed.why}; the service cannot use it`);
    }
    for (const other of t.refused(plan)) {
      const refused = await decide({ policy, principal: other.principal ?? t.principal, action: t.action, resource, context: other.context });
      checked++;
      if (refused.allowed) findings.push(`${address}: ${other.principal ?? t.principal} ${t.action} from ${other.why} (${JSON.stringify(other.context)}) is Allowed; it must be refused`);
    }
  }
  return { findings, checked };
}

function policyTopicArn(policy) {
  for (const st of asList(policy.Statement)) for (const r of asList(st.Resource)) if (r.startsWith('arn:aws:sns:')) return r;
  return '*';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [planFile, repoRoot] = process.argv.slice(2);
  if (!planFile || !repoRoot) {
    console.error('usage: node simulate.mjs PLAN_JSONL REPO_ROOT');
    process.exit(2);
  }
  const plan = readPlan(planFile);
  const permissions = await checkPermissions(plan, repoRoot);
  const doctor = await checkDoctor(repoRoot);
  const trust = await checkTrust(plan);
  const findings = [...permissions.findings, ...doctor.findings, ...trust.findings];
  for (const f of findings) console.error(`FAIL ${f}`);
  if (findings.length > 0) {
    console.error(`simulate: ${findings.length} finding(s) (@cloud-copilot/iam-simulate)`);
    process.exit(1);
  }
  console.log(`ok   permissions simulated (${permissions.summary.join('; ')})`);
  console.log(`ok   the doctor's and smoke test's calls simulated against ${DOCTOR.policy} (${doctor.summary.join('; ')})`);
  console.log(`ok   trust simulated (${trust.checked} requests, each allowed for its service and refused for another account, group or service)`);
}
