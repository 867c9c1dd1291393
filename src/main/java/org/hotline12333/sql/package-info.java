/**
 * What the features' plain-SQL code shares: times read and written as UTC instants, and new rows' ids.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.hotline12333.sql;
