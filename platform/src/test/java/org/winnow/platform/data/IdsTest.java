package org.winnow.platform.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdsTest {

    @Test
    void idsIncreaseAndStayExactInJavaScript() {
        long previous = 0;
        for (int i = 0; i < 10_000; i++) {
            long id = Ids.next();
            assertThat(id).isGreaterThan(previous).isLessThan(1L << 53);
            previous = id;
        }
    }

    @Test
    void aRealSqliteUniqueViolationIsRecognisedAndOtherErrorsAreNot(@TempDir Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
            st.execute("INSERT INTO t VALUES (1)");
            SQLException duplicate = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
                    () -> st.execute("INSERT INTO t VALUES (1)"));
            assertThat(Ids.isDuplicateKey(new RuntimeException("wrapped", duplicate))).isTrue();
            SQLException other = org.assertj.core.api.Assertions.catchThrowableOfType(SQLException.class,
                    () -> st.execute("INSERT INTO missing VALUES (1)"));
            assertThat(Ids.isDuplicateKey(other)).isFalse();
        }
        assertThat(Ids.isDuplicateKey(new IllegalStateException("no SQL here"))).isFalse();
        assertThatThrownBy(() -> { throw new SQLException("dup", "23505"); })
                .satisfies(e -> assertThat(Ids.isDuplicateKey(e)).isTrue());
    }
}
