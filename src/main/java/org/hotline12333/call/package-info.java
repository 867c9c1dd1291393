/**
 * The Call record: one per call, opened when a call reaches the service and closed whatever ends it.
 */
package org.hotline12333.call;
