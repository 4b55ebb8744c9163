-- The API's own schema, as the application that owns the database creates it (the job never runs this): its orders
-- table and another table, so the schema is not empty. Tests apply it plainly (an API without Flyway) or through
-- Flyway with the default history table public.flyway_schema_history (an API that uses Flyway too).
create table customer (
    id    bigserial primary key,
    name  text not null
);

create table sales_order (
    id          bigserial     primary key,
    customer_id bigint        references customer (id),
    product_id  bigint        not null,
    quantity    integer       not null check (quantity > 0),
    unit_price  numeric(12,2) not null check (unit_price >= 0),
    ordered_at  timestamptz   not null
);
