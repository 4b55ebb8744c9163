// Executes the rendered state machine definitions in an ASL interpreter (aws-local-stepfunctions, pinned in
// package.json), with the ECS and SNS tasks replaced by local handlers, on every path the nightly batch can take.
// Run by check-definition.sh: DEFINITIONS="a.json b.json" node --test run-definition.test.mjs
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import assert from "node:assert/strict";

// aws-local-stepfunctions calls Promise.withResolvers (Node 22+); Node 20 lacks it, so it is defined before the import.
if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    return { promise, resolve, reject };
  };
}
const { StateMachine } = await import("aws-local-stepfunctions");

const CONTAINER = "api";
const TIME_ZONE = "Asia/Tokyo";
const files = (process.env.DEFINITIONS ?? "").split(" ").filter(Boolean);
if (files.length === 0) throw new Error("DEFINITIONS must name the rendered definition files");

// What ECS reports when a task stopped: the DescribeTasks task document as the error's Cause (runTask.sync).
const stoppedTask = (exitCode, reason = "Essential container in task exited") => ({
  error: "States.TaskFailed",
  cause: JSON.stringify({
    StoppedReason: reason,
    Containers: [{ Name: "log-router", ExitCode: 0 }, { Name: CONTAINER, ExitCode: exitCode }],
  }),
});
const launchFailure = {
  error: "ECS.AmazonECSException",
  cause: "Capacity is unavailable at this time. Please try again later or in a different availability zone",
};

/**
 * Runs one execution. `attempts` scripts the batch task, one entry per attempt: "ok", "hang" (never stops), or an
 * { error, cause } to throw. `sns` is "ok" or "down".
 */
async function execute(definition, input, { attempts = ["ok"], sns = "ok", timeoutSeconds } = {}) {
  const def = structuredClone(definition);
  if (timeoutSeconds !== undefined) {
    for (const name of ["RunBatch", "RunBatchOnFargate"]) if (def.States[name]) def.States[name].TimeoutSeconds = timeoutSeconds;
  }
  const runs = [];
  const published = [];
  const runTask = (state) => async (parameters) => {
    const outcome = attempts[runs.length] ?? attempts[attempts.length - 1];
    runs.push({ state, parameters });
    if (outcome === "ok") return { StopCode: "EssentialContainerExited", Containers: [{ Name: CONTAINER, ExitCode: 0 }] };
    if (outcome === "hang") return new Promise(() => {});
    throw Object.assign(new Error(outcome.cause), { name: outcome.error });
  };
  const machine = new StateMachine(def, { validationOptions: { checkArn: true } });
  const execution = machine.run(input, {
    overrides: {
      taskResourceLocalHandlers: {
        RunBatch: runTask("RunBatch"),
        RunBatchOnFargate: runTask("RunBatchOnFargate"),
        NotifyFailure: async (parameters) => {
          published.push(parameters);
          if (sns === "down") throw Object.assign(new Error("Topic is unreachable"), { name: "SNS.SnsException" });
          return { MessageId: "m-1" };
        },
      },
      waitTimeOverrides: { WaitBeforeRetry: 0 },
      retryIntervalOverrides: { NotifyFailure: 0 },
    },
    context: { Execution: { Name: "nightly-1", Id: "arn:aws:states:ap-northeast-1:123456789012:execution:nb:nightly-1" } },
  });
  const events = [];
  const collecting = (async () => {
    for await (const event of execution.eventLogs) events.push(event);
  })();
  let output;
  let failure;
  try {
    output = await execution.result;
  } catch (error) {
    failure = error;
  }
  await collecting;
  const exited = (name) => events.filter((e) => e.type === "StateExited" && e.state?.name === name);
  // The notification as an object, before States.JsonToString (the interpreter strips escapes from its output).
  const notification = exited("FormatFailureNotification").map((e) => e.state.output.notification)[0];
  const failed = events.find((e) => e.type === "ExecutionFailed");
  return { output, failure, failed, runs, published, notification, events };
}

const argumentOf = (run) => {
  const override = run.parameters.Overrides.ContainerOverrides[0];
  return override.Command[override.Command.length - 1];
};
const environmentOf = (run) =>
  Object.fromEntries(run.parameters.Overrides.ContainerOverrides[0].Environment.map((e) => [e.Name, e.Value]));
const capacityOf = (run) => run.parameters.LaunchType ?? run.parameters.CapacityProviderStrategy?.[0]?.CapacityProvider;

for (const file of files) {
  const definition = JSON.parse(readFileSync(file, "utf8"));
  const spot = "RunBatchOnFargate" in definition.States;
  const manual = { day: "2026-11-30" };

  describe(`${spot ? "FARGATE_SPOT" : "FARGATE"} definition (${file})`, () => {
    it("a manual run passes the day, the zone and no dry run, and succeeds", async () => {
      const run = await execute(definition, manual);
      assert.equal(run.failure, undefined, run.failure?.message);
      assert.equal(run.runs.length, 1);
      assert.equal(argumentOf(run.runs[0]), "2026-11-30");
      assert.deepEqual(environmentOf(run.runs[0]), { BATCH_TIME_ZONE: TIME_ZONE, BATCH_DRY_RUN: "false" });
      assert.equal(capacityOf(run.runs[0]), spot ? "FARGATE_SPOT" : "FARGATE");
      assert.equal(run.runs[0].parameters.Overrides.ContainerOverrides[0].Name, CONTAINER);
      assert.equal(run.published.length, 0);
    });

    it("a scheduled run passes the schedule's time through for the job to turn into its zone's day", async () => {
      const run = await execute(definition, { scheduledTime: "2026-11-30T17:00:00Z" });
      assert.equal(run.failure, undefined, run.failure?.message);
      assert.equal(argumentOf(run.runs[0]), "2026-11-30T17:00:00Z");
      assert.equal(environmentOf(run.runs[0]).BATCH_TIME_ZONE, TIME_ZONE);
    });

    it("dryRun: true in the input reaches the job as BATCH_DRY_RUN=true", async () => {
      const run = await execute(definition, { ...manual, dryRun: true });
      assert.equal(run.failure, undefined, run.failure?.message);
      assert.equal(environmentOf(run.runs[0]).BATCH_DRY_RUN, "true");
    });

    for (const input of [{}, { date: "2026-11-30" }, { day: 20261130 }, { day: "2026-11-30", dryRun: "yes" }]) {
      it(`an input without a usable day (${JSON.stringify(input)}) fails at once, naming the expected input`, async () => {
        const run = await execute(definition, input);
        assert.ok(run.failure, "the execution must fail");
        assert.equal(run.failed?.Error, "InvalidInput");
        assert.match(run.failed?.Cause, /"day" \(yyyy-MM-dd\) or "scheduledTime"/);
        assert.equal(run.runs.length, 0);
        assert.equal(run.published.length, 0);
      });
    }

    it("a launch failure (no capacity) is retried, then the run succeeds", async () => {
      const run = await execute(definition, manual, { attempts: [launchFailure, "ok"] });
      assert.equal(run.failure, undefined, run.failure?.message);
      assert.equal(run.runs.length, 2);
      assert.equal(run.published.length, 0);
    });

    it("a task that fails three times and then succeeds ends as succeeded, without a notification", async () => {
      const run = await execute(definition, manual, { attempts: [stoppedTask(1), stoppedTask(3), stoppedTask(143), "ok"] });
      assert.equal(run.failure, undefined, run.failure?.message);
      assert.equal(run.runs.length, 4);
      assert.deepEqual(run.runs.map(capacityOf), spot
        ? ["FARGATE_SPOT", "FARGATE_SPOT", "FARGATE_SPOT", "FARGATE"]
        : ["FARGATE", "FARGATE", "FARGATE", "FARGATE"]);
      assert.equal(run.published.length, 0);
    });

    it("a permanent failure sends exactly one readable notification and fails the execution", async () => {
      const run = await execute(definition, manual, { attempts: [stoppedTask(1, "Essential container in task exited")] });
      assert.ok(run.failure, "the execution must fail");
      assert.equal(run.runs.length, 4);
      assert.equal(run.published.length, 1);
      assert.equal(run.published[0].TopicArn, "arn:aws:sns:ap-northeast-1:123456789012:app-monitoring");
      assert.equal(typeof run.published[0].Message, "string");
      const { notification } = run;
      assert.equal(notification.version, "1.0");
      assert.equal(notification.source, "custom");
      assert.equal(notification.content.textType, "client-markdown");
      assert.equal(notification.content.title, ":x: Nightly batch failed for 2026-11-30");
      assert.equal(notification.content.description,
        "Execution `nightly-1` gave up on 2026-11-30 after 4 attempt(s).\n"
        + "*Exit code:* 1: failed: the aggregation was rolled back; retried\n"
        + "*Stopped reason:* Essential container in task exited\n*Error:* States.TaskFailed");
      assert.deepEqual(notification.metadata.additionalContext, {
        execution: "arn:aws:states:ap-northeast-1:123456789012:execution:nb:nightly-1",
        day: "2026-11-30", attempts: 4, exitCode: "1", dryRun: "false",
      });
      // Short: not the task document.
      assert.ok(notification.content.description.length < 400);
      assert.equal(run.failed.Error, "States.TaskFailed");
      assert.equal(run.failed.Cause, notification.content.description);
    });

    it("exit code 2 (bad argument or setting) is not retried", async () => {
      const run = await execute(definition, manual, { attempts: [stoppedTask(2)] });
      assert.ok(run.failure);
      assert.equal(run.runs.length, 1);
      assert.equal(run.published.length, 1);
      assert.match(run.notification.content.description, /after 1 attempt\(s\)\.\n\*Exit code:\* 2: bad argument or setting/);
    });

    for (const [code, shown, meaning] of [[3, 3, "database unreachable"], [143, 143, "stopped by SIGTERM"], [127, "other", "not one of the job's exit codes"]]) {
      it(`exit code ${code} is named in the notification as '${meaning}'`, async () => {
        const run = await execute(definition, manual, { attempts: [stoppedTask(code)] });
        assert.equal(run.runs.length, 4);
        assert.match(run.notification.content.description, new RegExp(`\\*Exit code:\\* ${shown}: ${meaning}`));
      });
    }

    it("a failure without task details (launch refused every time) still sends a readable notification", async () => {
      const run = await execute(definition, manual, { attempts: [launchFailure] });
      assert.ok(run.failure);
      assert.equal(run.runs.length, 4);
      assert.equal(run.published.length, 1);
      assert.match(run.notification.content.description,
        /\*Exit code:\* none: the batch did not run; retried\n\*Stopped reason:\* not reported: the error came without a task/);
      assert.match(run.notification.content.description, /\*Error:\* ECS\.AmazonECSException$/);
    });

    it("a stopped task whose document lacks StoppedReason and the container's exit code is still reported", async () => {
      const run = await execute(definition, manual, { attempts: [{ error: "States.TaskFailed", cause: JSON.stringify({ Containers: [{ Name: CONTAINER }] }) }] });
      assert.ok(run.failure);
      assert.equal(run.published.length, 1);
      assert.match(run.notification.content.description, /\*Exit code:\* none: the batch container did not run to an exit.*\n\*Stopped reason:\* not reported\n/);
    });

    it("a timeout is not retried, is reported and fails the execution", async () => {
      const run = await execute(definition, manual, { attempts: ["hang"], timeoutSeconds: 1 });
      assert.ok(run.failure);
      assert.equal(run.runs.length, 1);
      assert.equal(run.published.length, 1);
      assert.equal(run.failed.Error, "States.Timeout");
      assert.match(run.notification.content.description, /timed out; not retried/);
    });

    it("an SNS failure does not hide the batch failure: the execution still fails with the batch's error", async () => {
      const run = await execute(definition, manual, { attempts: [stoppedTask(1)], sns: "down" });
      assert.ok(run.failure);
      assert.equal(run.published.length, 3, "the publish is tried three times (two retries)");
      assert.equal(run.failed.Error, "States.TaskFailed");
      assert.match(run.failed.Cause, /Exit code:\* 1/);
    });
  });
}
