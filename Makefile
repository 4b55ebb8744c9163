# Cost Guard: build, test, package, demo, deploy. Every target works offline once Maven has its dependencies.
MVN ?= mvn -B
ENV ?=
ARTIFACT ?=
# Every function module (<name>-fn), as Maven's -pl list.
FUNCTIONS := $(shell ls -d *-fn | paste -sd, -)

.PHONY: mutation build test package demo bench bench-batch bench-efs bench-coldstart native terraform-check policy-check doctor smoke deploy-env destroy-env clean

build:
	$(MVN) -q -DskipTests install

## The full suite: every module's tests (unit, adapter wire tests, handler tests), then Terraform fmt/validate/tests.
test:
	$(MVN) install
	bash terraform/check.sh
	bash terraform/policy-check/run.sh

## Mutation testing (PIT) of core and the four functions' plain unit and flow tests; slow, not part of make test.
## A subset: make mutation MODULES=common/core,shutdown-fn. Results: <module>/target/pit-reports; recorded in docs/MUTATION.md.
## Fails when a surviving mutant is not named in docs/MUTATION.md as equivalent (scripts/mutation-check.sh).
MODULES ?= common/core,shutdown-fn,recovery-fn,ecs-scheduler-fn,efs-scaler-fn
mutation:
	$(MVN) -q -DskipTests install -pl $(MODULES) -am
	$(MVN) -Pmutation -pl $(MODULES) org.pitest:pitest-maven:mutationCoverage
	bash scripts/mutation-check.sh $(MODULES)

## The Lambda zips of one kind: make package ARTIFACT=jvm|native -> dist/<module>-<kind>.zip (sizes printed).
package:
	MVN="$(MVN)" ARTIFACT="$(ARTIFACT)" bash scripts/package.sh

## The kill switch, its recovery, the ECS scheduler and the EFS scaler against a local fake AWS account, then the batch (no AWS account needed).
demo:
	bash demo/run.sh

## Benchmarks (not tests): ratios against baselines measured in the same run; results go to docs/BENCHMARKS.md.
bench:
	$(MVN) -q -Pbench -DskipTests install -pl benchmarks -am
	$(MVN) -q -Pbench -pl benchmarks exec:java

## Cold start of every function's zip against an empty Quarkus Lambda, through a local Lambda Runtime API (ROUNDS=, WARM=, JAVA_OPTS=).
bench-coldstart:
	MVN="$(MVN)" bash docs/benchmarks/coldstart.sh

## The nightly batch on 1,000,000 orders: job wall time / psql running the same SQL, and peak heap (needs psql).
bench-batch:
	bash docs/benchmarks/batch-bench.sh

## EFS benchmarks: counting 1,000,000 files against ls -f / find, and the router's remap on growth.
bench-efs:
	$(MVN) -q -Pbench -DskipTests install -pl benchmarks -am
	$(MVN) -q -Pbench -pl benchmarks exec:java -Dbench.main=dev.costguard.benchmarks.FileCountBenchmark
	$(MVN) -q -Pbench -pl benchmarks exec:java -Dbench.main=dev.costguard.benchmarks.RouterRemapBenchmark

## Native arm64 zips (needs a container engine, and an arm64 host for an arm64 binary; see .github/workflows/native.yml).
native:
	$(MVN) -Pnative -DskipTests package -pl $(FUNCTIONS) -am

terraform-check:
	bash terraform/check.sh

## Least-privilege check of the IAM policies (Node.js; installs the pinned IAM dataset into terraform/policy-check/node_modules).
policy-check:
	bash terraform/policy-check/run.sh

## Read-only checks of the account before a deploy: make doctor ENV=dev|prod (README "Deploy"); exit 1 on a FAIL.
doctor:
	ENV="$(ENV)" MVN="$(MVN)" bash scripts/doctor.sh doctor

## After a deploy, every trigger proven in the account with dry runs, one Slack message: make smoke ENV=dev|prod.
smoke:
	ENV="$(ENV)" MVN="$(MVN)" bash scripts/doctor.sh smoke

## Deploy one environment: make deploy-env ENV=dev|prod (README "Deploy"): doctor first (DOCTOR=skip to go on past a
## FAIL), then package in the env's kind, init, plan, apply.
deploy-env:
	ENV="$(ENV)" MVN="$(MVN)" DOCTOR="$(DOCTOR)" bash scripts/deploy-env.sh deploy

## Destroy one environment: make destroy-env ENV=dev|prod
destroy-env:
	ENV="$(ENV)" bash scripts/deploy-env.sh destroy

clean:
	$(MVN) -q clean
	rm -rf demo/work
