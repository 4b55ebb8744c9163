// Checks rendered state machine definitions: valid Amazon States Language (asl-validator), and the orchestration's
// shape: RunTask .sync on the batch container only, failures caught and read by the definition, and a final failure
// reported to the monitoring topic as an AWS Chatbot custom notification before the execution fails. What each path
// does is executed, not read, by run-definition.test.mjs.
// Usage: node check-definition.mjs definition.json...   Exit status 1 with one line per problem.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const aslValidator = createRequire(import.meta.url)("asl-validator");

function problemsOf(definition) {
  const problems = [];
  const expect = (condition, message) => {
    if (!condition) problems.push(message);
  };

  const { isValid, errorsText } = aslValidator(definition);
  expect(isValid, `not valid Amazon States Language: ${isValid ? "" : errorsText("; ")}`);

  const states = definition.States ?? {};
  const run = states.RunBatch ?? {};
  expect(run.Type === "Task", "RunBatch is not a Task state");
  expect(typeof run.Resource === "string" && run.Resource.endsWith(".sync"),
    `RunBatch.Resource must end in .sync (wait for the task), got ${run.Resource}`);
  expect(run.Resource === "arn:aws:states:::ecs:runTask.sync", `RunBatch.Resource is ${run.Resource}, not ECS RunTask`);

  const parameters = run.Parameters ?? {};
  const spot = parameters.CapacityProviderStrategy;
  expect((parameters.LaunchType === "FARGATE") !== Array.isArray(spot),
    "exactly one of LaunchType FARGATE and a CapacityProviderStrategy must be set");
  if (Array.isArray(spot)) {
    expect(spot.length === 1 && spot[0].CapacityProvider === "FARGATE_SPOT", "the capacity provider must be FARGATE_SPOT");
  }
  const network = parameters.NetworkConfiguration?.AwsvpcConfiguration ?? {};
  expect(network.Subnets?.length > 0 && network.SecurityGroups?.length > 0, "the awsvpc network configuration is missing");
  const overrides = parameters.Overrides?.ContainerOverrides ?? [];
  expect(overrides.length === 1, `only the batch container may be overridden, got ${overrides.length} overrides`);
  const command = overrides[0]?.["Command.$"] ?? "";
  expect(/^States\.Array\('[^']+'(, '[^']+')*, \$\.run\.argument\)$/.test(command),
    `the batch command must be States.Array(<words>, $.run.argument), got ${command}`);

  // Retries are the definition's own loop (executed path by path in run-definition.test.mjs), not a Retry field.
  expect(run.Retry === undefined, "RunBatch must not have a Retry field: the definition's loop retries (exit 2 is not retried)");
  const catchers = run.Catch ?? [];
  expect(catchers.length === 1 && catchers[0].ErrorEquals?.length === 1 && catchers[0].ErrorEquals[0] === "States.ALL",
    "RunBatch must catch States.ALL");
  expect(catchers[0]?.ResultPath === "$.error", "the caught error must be kept at $.error for the notification");
  expect(states[catchers[0]?.Next]?.Type === "Choice", "the catch must lead to the Choice that reads the failure");

  const format = states.FormatFailureNotification ?? {};
  expect(format.Type === "Pass", "FormatFailureNotification must be the Pass state that formats the notification");
  const notification = format.Parameters ?? {};
  expect(notification.version === "1.0" && notification.source === "custom",
    "the notification must be an AWS Chatbot custom notification (version 1.0, source custom)");
  expect(notification.content?.textType === "client-markdown", "the notification content must be client-markdown");
  const description = notification.content?.["description.$"] ?? "";
  expect(!description.includes("$.error.Cause"), "the notification must not depend on the error's Cause (it may be missing or several KB)");

  const publish = states[format.Next] ?? {};
  expect(publish.Type === "Task" && publish.Resource === "arn:aws:states:::sns:publish",
    "the formatted notification must be published with sns:publish");
  expect(publish.Parameters?.["Message.$"] === `States.JsonToString(${format.ResultPath})`,
    "the SNS message must be the notification as JSON (States.JsonToString)");
  expect(/^arn:aws[a-z-]*:sns:/.test(publish.Parameters?.TopicArn ?? ""), "the SNS publish needs a TopicArn");
  const afterPublish = [publish.Next, ...(publish.Catch ?? []).map((c) => c.Next)];
  expect(afterPublish.every((name) => states[name]?.Type === "Fail"),
    "after the notification (sent or not) the execution must fail");
  expect(states[run.Next]?.Type === "Succeed", "a successful task must end the execution as succeeded");

  // With the kill switch's parked marker: the first state reads it; no marker runs the night, a marker ends the
  // execution, without a task, after a Chatbot notice.
  const parked = states.CheckParked;
  if (parked !== undefined) {
    expect(definition.StartAt === "CheckParked", "CheckParked must be the first state");
    expect(parked.Resource === "arn:aws:states:::aws-sdk:ssm:getParameter" && typeof parked.Parameters?.Name === "string",
      "CheckParked must read the marker with ssm:getParameter");
    // https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html: SDK integration errors
    // are ServiceName.ErrorName in PascalCase, so SSM's ParameterNotFound is Ssm.ParameterNotFoundException.
    const notFound = (parked.Catch ?? []).find((c) => c.ErrorEquals?.includes("Ssm.ParameterNotFoundException"));
    expect(notFound?.Next === "ResolveDay", "no marker (Ssm.ParameterNotFoundException) must go on to ResolveDay");
    // A marker that cannot be read (denied, throttled past the retries) must not run the night: it is reported and
    // the execution fails.
    const unreadable = (parked.Catch ?? []).find((c) => c.ErrorEquals?.includes("States.ALL"));
    const unreadableNotice = states[unreadable?.Next] ?? {};
    const unreadableSend = states[unreadableNotice.Next] ?? {};
    expect(unreadableNotice.Type === "Pass" && unreadableNotice.Parameters?.source === "custom"
      && unreadableSend.Resource === "arn:aws:states:::sns:publish"
      && [unreadableSend.Next, ...(unreadableSend.Catch ?? []).map((c) => c.Next)].every((name) => states[name]?.Type === "Fail"),
      "a marker that cannot be read must be reported and fail the execution, never run the night");
    const notice = states[parked.Next] ?? {};
    expect(notice.Type === "Pass" && notice.Parameters?.version === "1.0" && notice.Parameters?.source === "custom",
      "a marker must lead to an AWS Chatbot custom notification");
    const send = states[notice.Next] ?? {};
    expect(send.Type === "Task" && send.Resource === "arn:aws:states:::sns:publish"
      && send.Parameters?.["Message.$"] === `States.JsonToString(${notice.ResultPath})`,
      "the parked notice must be published with sns:publish");
    const ends = [send.Next, ...(send.Catch ?? []).map((c) => c.Next)];
    expect(ends.every((name) => states[name]?.Type === "Succeed"), "a parked night must end without running the task");
  } else {
    expect(definition.StartAt === "ResolveDay", "without a parked marker the first state is ResolveDay");
  }
  return problems;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const problems = problemsOf(JSON.parse(readFileSync(file, "utf8")));
  for (const problem of problems) console.error(`${file}: ${problem}`);
  failed ||= problems.length > 0;
}
if (process.argv.length < 3) {
  console.error("usage: node check-definition.mjs definition.json...");
  failed = true;
}
process.exit(failed ? 1 : 0);
