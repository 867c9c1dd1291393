/**
 * Warnings for supervisors raised by any feature (a recording failed, a node is down, a caller waits too long),
 * kept until acknowledged.
 */
package org.hotline12333.alert;
