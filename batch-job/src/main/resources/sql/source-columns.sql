-- The API's sales_order as this connection sees it (search_path): its columns and types, and whether it may be read.
select a.attname, format_type(a.atttypid, a.atttypmod), has_table_privilege(a.attrelid, 'SELECT')
  from pg_attribute a
 where a.attrelid = to_regclass('sales_order')
   and a.attnum > 0
   and not a.attisdropped
