-- The job's own objects live in its own schema (cost_guard_batch, created by Flyway with its history table
-- cost_guard_batch.batch_schema_history): the API's schema and its Flyway history are never touched.
-- One row per day and product, written only by the nightly batch (upsert keyed on the primary key).
create table daily_product_sales (
    sales_day    date          not null,
    product_id   bigint        not null,
    order_count  integer       not null,
    quantity     bigint        not null,
    revenue      numeric(18,2) not null,
    primary key (sales_day, product_id)
);
