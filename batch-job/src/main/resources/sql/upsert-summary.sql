-- One set-based pass over the day's orders. Rows that would not change are left alone (no new row version),
-- so a re-run of an unchanged day writes nothing.
insert into daily_product_sales as s (sales_day, product_id, order_count, quantity, revenue)
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
