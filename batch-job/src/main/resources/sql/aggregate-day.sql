-- The day's summary in one statement, so the stale-row delete and the upsert read the same snapshot of the API's
-- sales_order (taken after the day's lock). sales_order is resolved through the connection's search_path; the job
-- only reads it. The two sets of rows are disjoint: products without an order that day go, the others are upserted.
with stale as (
    -- Summary rows of the day whose product no longer has an order that day (orders moved or deleted since the last
    -- run), so that a re-run leaves exactly what a first run would.
    delete from cost_guard_batch.daily_product_sales s
     where s.sales_day = :'day'
       and not exists (select 1
                         from sales_order o
                        where o.product_id = s.product_id
                          and o.ordered_at >= :'day_start'
                          and o.ordered_at < :'day_end')
    returning 1
), written as (
    -- Rows that would not change are left alone (no new row version), so a re-run of an unchanged day writes nothing.
    insert into cost_guard_batch.daily_product_sales as s (sales_day, product_id, order_count, quantity, revenue)
    select cast(:'day' as date), o.product_id, count(*), sum(o.quantity), sum(o.quantity * o.unit_price)
      from sales_order o
     where o.ordered_at >= :'day_start'
       and o.ordered_at < :'day_end'
     group by o.product_id
    on conflict (sales_day, product_id) do update
       set order_count = excluded.order_count,
           quantity = excluded.quantity,
           revenue = excluded.revenue
     where (s.order_count, s.quantity, s.revenue)
           is distinct from (excluded.order_count, excluded.quantity, excluded.revenue)
    returning 1
)
select (select count(*) from stale) as rows_deleted, (select count(*) from written) as rows_written
