package org.winnow.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a JDBC connection lent by a {@link Database}. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
