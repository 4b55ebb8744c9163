// Executes the rendered state machine definitions in an ASL interpreter (aws-local-stepfunctions, pinned in
// package.json), with the ECS, SNS and SSM (parked marker) tasks replaced by local handlers, on every path the nightly
// batch can take.
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

const MARKER = "/cost-guard/app/parked";
// https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html ("Handling errors in SDK service integrations"): errors are ServiceName.ErrorName, PascalCase, with the Exception suffix.
const markerAbsent = { error: "Ssm.ParameterNotFoundException", cause: "Parameter /cost-guard/app/parked not found. (Service: Ssm, Status Code: 400)" };
const markerDenied = {
  error: "Ssm.SsmException",
  cause: "User: arn:aws:sts::123456789012:assumed-role/nb/x is not authorized to perform: ssm:GetParameter (Service: Ssm, Status Code: 400, AccessDeniedException)",
};
const markerThrottled = { error: "Ssm.ThrottlingException", cause: "Rate exceeded (Service: Ssm, Status Code: 400)" };

/**
 * Runs one execution. `attempts` scripts the batch task, one entry per attempt: "ok", "hang" (never stops), or an
 * { error, cause } to throw. `sns` is "ok" or "down". `marker` scripts the parked marker's reads (CheckParked), one
 * entry per read: a string (the marker's value) or an { error, cause } to throw; absent by default.
 */
async function execute(definition, input, { attempts = ["ok"], sns = "ok", timeoutSeconds, marker = [markerAbsent] } = {}) {
  const def = structuredClone(definition);
  if (timeoutSeconds !== undefined) {
    for (const name of ["RunBatch", "RunBatchOnFargate"]) if (def.States[name]) def.States[name].TimeoutSeconds = timeoutSeconds;
  }
  const runs = [];
  const published = [];
  const markerReads = [];
  const publish = async (parameters) => {
    published.push(parameters);
    if (sns === "down") throw Object.assign(new Error("Topic is unreachable"), { name: "SNS.SnsException" });
    return { MessageId: "m-1" };
  };
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
        NotifyFailure: publish,
        NotifyParked: publish,
        NotifyMarkerUnreadable: publish,
        CheckParked: async (parameters) => {
          const outcome = marker[markerReads.length] ?? marker[marker.length - 1];
          markerReads.push(parameters);
          if (typeof outcome === "string") {
            return { Parameter: { Name: parameters.Name, Type: "String", Value: outcome, Version: 1 } };
          }
          throw Object.assign(new Error(outcome.cause), { name: outcome.error });
        },
      },
      waitTimeOverrides: { WaitBeforeRetry: 0 },
      retryIntervalOverrides: { NotifyFailure: 0, NotifyParked: 0, NotifyMarkerUnreadable: 0, CheckParked: 0 },
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
  const notification = ["FormatFailureNotification", "FormatParkedNotification", "FormatMarkerUnreadable"]
    .flatMap((name) => exited(name).map((e) => e.state.output.notification))[0];
  const failed = events.find((e) => e.type === "ExecutionFailed");
  const entered = events.filter((e) => e.type === "StateEntered").map((e) => e.state?.name);
  return { output, failure, failed, runs, published, notification, events, markerReads, entered };
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

  const parked = "CheckParked" in definition.States;

  describe(`${spot ? "FARGATE_SPOT" : "FARGATE"}${parked ? " parked-marker" : ""} definition (${file})`, () => {
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

    if (!parked) {
      it("without parked_parameter_name nothing reads a marker: the first state is ResolveDay", async () => {
        const run = await execute(definition, manual, { marker: ["parked since 2026-11-30T01:00:00Z"] });
        assert.equal(run.failure, undefined, run.failure?.message);
        assert.equal(run.markerReads.length, 0);
        assert.equal(run.entered[0], "ResolveDay");
        assert.equal(run.runs.length, 1);
      });
    } else {
      it("parked: the marker present ends the execution after exactly one Chatbot notice and no ECS task", async () => {
        const run = await execute(definition, manual, { marker: ["parked by the kill switch since 2026-11-30T01:02:03Z"] });
        assert.equal(run.failure, undefined, run.failure?.message);
        assert.deepEqual(run.markerReads, [{ Name: MARKER }]);
        assert.equal(run.runs.length, 0, "no ECS task while parked");
        assert.equal(run.published.length, 1);
        assert.equal(run.published[0].TopicArn, "arn:aws:sns:ap-northeast-1:123456789012:app-monitoring");
        assert.deepEqual(JSON.parse(JSON.stringify(run.notification)), run.notification);
        assert.equal(run.notification.version, "1.0");
        assert.equal(run.notification.source, "custom");
        assert.equal(run.notification.content.title, ":double_vertical_bar: Nightly batch not run: parked by the kill switch");
        assert.match(run.notification.content.description,
          /^Execution `nightly-1` started no task: the estate is parked by the kill switch \(parked by the kill switch since 2026-11-30T01:02:03Z\); recovery restores it/);
        assert.equal(run.entered.at(-1), "NotRunWhileParked");
        assert.ok(!run.entered.includes("ResolveDay"), "a parked night does not even read its input's day");
      });

      it("parked: a scheduled run is parked the same way (the marker is read before the input)", async () => {
        const run = await execute(definition, { scheduledTime: "2026-11-30T17:00:00Z" }, { marker: ["parked"] });
        assert.equal(run.failure, undefined, run.failure?.message);
        assert.equal(run.runs.length, 0);
        assert.equal(run.published.length, 1);
      });

      it("parked: the notice that cannot be sent still starts no task (tried three times)", async () => {
        const run = await execute(definition, manual, { marker: ["parked"], sns: "down" });
        assert.equal(run.runs.length, 0);
        assert.equal(run.published.length, 3);
        assert.equal(run.entered.at(-1), "NotRunWhileParked");
      });

      it("no marker (Ssm.ParameterNotFoundException) runs the batch as usual to success, read once, no notice", async () => {
        const run = await execute(definition, manual, { marker: [markerAbsent] });
        assert.equal(run.failure, undefined, run.failure?.message);
        assert.deepEqual(run.markerReads, [{ Name: MARKER }]);
        assert.deepEqual(run.entered.slice(0, 2), ["CheckParked", "ResolveDay"]);
        assert.equal(run.runs.length, 1);
        assert.equal(argumentOf(run.runs[0]), "2026-11-30");
        assert.equal(run.published.length, 0);
        assert.deepEqual(run.output, { ...manual, run: { argument: "2026-11-30", day: "2026-11-30", dryRun: "false" }, attempt: run.output.attempt });
      });

      for (const [what, reads, error] of [
        ["denied (AccessDenied)", [markerDenied], "Ssm.SsmException"],
        ["throttled on every try", [markerThrottled], "Ssm.ThrottlingException"],
      ]) {
        it(`a marker read that is ${what} runs no task, sends one notice naming the error, and fails the execution`, async () => {
          const run = await execute(definition, manual, { marker: reads });
          assert.ok(run.failure, "the execution must fail: the night must not run blind");
          assert.equal(run.runs.length, 0, "no ECS task when the marker cannot be read");
          assert.equal(run.published.length, 1);
          assert.equal(run.notification.content.title, ":x: Nightly batch not run: the parked marker could not be read");
          assert.match(run.notification.content.description, new RegExp(`reading the kill switch parked marker ${MARKER} failed \\(${error.replace(".", "\\.")}\\)`));
          assert.equal(run.notification.metadata.additionalContext.error, error);
          assert.equal(run.failed.Error, error);
          assert.equal(run.failed.Cause, run.notification.content.description);
        });
      }

      it("a throttled marker read is retried, and the night runs when the retry reads no marker", async () => {
        const run = await execute(definition, manual, { marker: [markerThrottled, markerAbsent] });
        assert.equal(run.failure, undefined, run.failure?.message);
        assert.equal(run.markerReads.length, 2);
        assert.equal(run.runs.length, 1);
        assert.equal(run.published.length, 0);
      });

      it("a throttled marker read is given up after three reads (two retries)", async () => {
        const run = await execute(definition, manual, { marker: [markerThrottled] });
        assert.equal(run.markerReads.length, 3);
        assert.equal(run.runs.length, 0);
      });

      it("a denied marker read is not retried, and a lost notice still fails the execution with the read's error", async () => {
        const run = await execute(definition, manual, { marker: [markerDenied], sns: "down" });
        assert.equal(run.markerReads.length, 1);
        assert.equal(run.runs.length, 0);
        assert.equal(run.published.length, 3);
        assert.ok(run.failure);
        assert.equal(run.failed.Error, "Ssm.SsmException");
      });
    }
  });
}
