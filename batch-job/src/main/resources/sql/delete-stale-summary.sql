-- Summary rows of the day whose product no longer has an order that day (orders moved or deleted since the last
-- run), so that a re-run leaves exactly what a first run would.
delete from daily_product_sales s
 where s.sales_day = :'day'
   and not exists (select 1
                     from sales_order o
                    where o.product_id = s.product_id
                      and o.ordered_at >= :'day_start'
                      and o.ordered_at < :'day_end')
