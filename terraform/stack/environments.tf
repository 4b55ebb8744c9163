# The defaults that differ between environments, and why. Each is a variable
# of the stack (null = the environment's default below), so no value can
# differ between dev and prod without a variable saying so. The plan tests
# (tests/plan.tftest.hcl) hold one row of expectations per environment.
locals {
  environment_defaults = {
    dev = {
      # One person's experiments: a week of logs is enough.
      log_retention_days = 7
      # A cheap account: warn early.
      forecast_threshold_percent = 80
      # No nightly runs: start an execution by hand with {"day": "yyyy-MM-dd"}.
      batch_schedule_enabled = false
      monthly_drill_enabled  = false
      # Spot for dev and staging (seed 003): an interrupted task costs only time.
      batch_fargate_spot = true
      # Low traffic: trip on a short burst.
      tripwires = {
        cloudfront_requests_per_5_minutes = 100000
        cloudfront_bytes_per_hour         = null
        relay_invocations_per_5_minutes   = 50000
        evaluation_periods                = 1
      }
    }
    prod = {
      # Incident reviews look back a quarter.
      log_retention_days         = 90
      forecast_threshold_percent = 90
      # The batch runs every night.
      batch_schedule_enabled = true
      # Regular Fargate for prod (seed 003): the night's run must not wait for Spot capacity.
      batch_fargate_spot = false
      # Prove the path to Slack every month.
      monthly_drill_enabled = true
      # Real traffic: two periods in a row before tripping, and egress too.
      tripwires = {
        cloudfront_requests_per_5_minutes = 500000
        cloudfront_bytes_per_hour         = 50000000000 # 50 GB
        relay_invocations_per_5_minutes   = null
        evaluation_periods                = 2
      }
    }
  }

  defaults              = local.environment_defaults[var.environment]
  log_retention_days    = coalesce(var.log_retention_days, local.defaults.log_retention_days)
  dry_run               = var.dry_run
  monthly_drill_enabled = coalesce(var.monthly_drill_enabled, local.defaults.monthly_drill_enabled)
}
