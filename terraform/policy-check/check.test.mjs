// The check must fail on a deliberately bad fixture (one finding per rule) and pass on a good one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { check } from './check.mjs';

const fixture = (name) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

test('every rule fires on the bad fixture', async () => {
  const { findings } = await check([fixture('bad')]);
  const expected = [
    /statement NotAction: uses not_actions/,
    /statement ServiceWildcard: grants s3:\* \(every action of the service\)/,
    /statement MutatingOnEverything: lambda:PutFunctionConcurrency \(Write\) on Resource "\*", but AWS offers resource-level permission for it \(function\)/,
    /statement Typo: ec2:StopInstance is not an action in AWS's IAM dataset/,
    /statement WildcardExpandsToWrite: sns:SetTopicAttributes \([^)]*\) on Resource "\*"/,
    /aws_iam_role_policy_attachment\.admin attaches arn:aws:iam::aws:policy\/AdministratorAccess/,
    /aws_iam_role_policy\.handwritten policy is not a data\.aws_iam_policy_document/,
  ];
  for (const pattern of expected) {
    assert.ok(findings.some((f) => pattern.test(f)), `no finding matches ${pattern}:\n${findings.join('\n')}`);
  }
});

test('the good fixture passes', async () => {
  const { findings, statementCount } = await check([fixture('good')]);
  assert.deepEqual(findings, []);
  assert.equal(statementCount, 2);
});
