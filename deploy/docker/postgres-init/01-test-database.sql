-- Run by the postgres image on first start (empty volume): the integration tests' database.
-- The application database "ledgerbus" is created by POSTGRES_DB in docker-compose.yml.
CREATE DATABASE test;
