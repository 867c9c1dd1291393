package org.hotline12333.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Times to and from SQL as the service keeps them: instants, written as UTC offsets so that no database or JVM time
 * zone shifts them.
 */
public final class SqlTimes {

    private SqlTimes() {
    }

    /** The column's time as an instant, or null if the column is NULL. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The instant as a UTC time for a statement's parameter, or null for null. */
    public static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
