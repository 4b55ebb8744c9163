-- Optional, run once by the API's owner (psql -f), never by the nightly job: the job reads one day of sales_order
-- by a range on ordered_at, which is a sequential scan without this index. CONCURRENTLY builds it without blocking
-- the API's writes (it cannot run inside a transaction block; if it fails, drop the INVALID index and run it again).
create index concurrently if not exists sales_order_ordered_at_idx on sales_order (ordered_at);
