-- The orders the nightly batch reads. In a real deployment this table belongs to the API; the sample owns it.
create table if not exists sales_order (
    id          bigserial     primary key,
    product_id  bigint        not null,
    quantity    integer       not null check (quantity > 0),
    unit_price  numeric(12,2) not null check (unit_price >= 0),
    ordered_at  timestamptz   not null
);

-- The aggregation reads one day by a range on ordered_at.
create index if not exists sales_order_ordered_at_idx on sales_order (ordered_at);
