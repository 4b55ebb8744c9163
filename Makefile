# Cost Guard: build, test, package, demo, deploy. Every target works offline once Maven has its dependencies.
MVN ?= mvn -B
ENV ?= dev

.PHONY: build test package demo bench bench-efs native terraform-check deploy-env clean

build:
	$(MVN) -q -DskipTests install

## The full suite: every module's tests (unit, adapter wire tests, handler tests), then Terraform fmt/validate/tests.
test:
	$(MVN) install
	bash terraform/check.sh

## The Lambda zips (JVM): <module>/target/function.zip
package:
	$(MVN) -q -DskipTests package

## The kill switch, its recovery and the ECS scheduler against a local fake AWS account (no AWS account needed).
demo:
	bash demo/run.sh

## Benchmarks (not tests): ratios against baselines measured in the same run; results go to docs/BENCHMARKS.md.
bench:
	$(MVN) -q -Pbench -DskipTests install -pl benchmarks -am
	$(MVN) -q -Pbench -pl benchmarks exec:java

## EFS benchmarks: counting 1,000,000 files against ls -f / find, and the router's remap on growth.
bench-efs:
	$(MVN) -q -Pbench -DskipTests install -pl benchmarks -am
	$(MVN) -q -Pbench -pl benchmarks exec:java -Dbench.main=dev.costguard.benchmarks.FileCountBenchmark
	$(MVN) -q -Pbench -pl benchmarks exec:java -Dbench.main=dev.costguard.benchmarks.RouterRemapBenchmark

## Native arm64 zips (needs a container engine, and an arm64 host for an arm64 binary; see .github/workflows/native.yml).
native:
	$(MVN) -Pnative -DskipTests package -pl shutdown-fn,recovery-fn,ecs-scheduler-fn -am

terraform-check:
	bash terraform/check.sh

## Deploy one environment: make deploy-env ENV=dev (needs AWS credentials and a terraform.tfvars in terraform/envs/$(ENV)).
deploy-env: package
	cd terraform/envs/$(ENV) && terraform init && terraform apply

clean:
	$(MVN) -q clean
	rm -rf demo/work
