/**
 * Calls the service never saw: when no instance could take a call (down, full, unreachable) Asterisk's dialplan
 * fallback answered, queued and recorded it and wrote its call detail record. This feature reads those records
 * ({@code docker/asterisk/cdr_custom.conf}) and stores each such call as a Call record handled by the fallback, with
 * its recording taken in like any other (docs/scaling.md).
 */
package org.hotline12333.fallback;
