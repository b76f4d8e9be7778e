-- Stands for another module's migration (the platform numbers its own from 100) in MigrationTest.
CREATE TABLE later_module (id BIGINT PRIMARY KEY);
