create table app.customer (id bigint primary key);
