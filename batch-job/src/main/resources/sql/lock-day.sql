-- One run per day at a time: a second run of the same day (a duplicated schedule event, a manual start) waits here
-- until the first one's transaction ends, then works on what it committed. Released at commit or rollback.
select pg_advisory_xact_lock(hashtext('cost_guard_batch.daily_product_sales'), cast(:'day' as date) - date '2000-01-01')
