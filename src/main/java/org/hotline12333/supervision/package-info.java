/**
 * The supervisors' live floor (calls in progress, agents, skill groups, today's figures, alerts) as REST snapshots,
 * a server-sent-events stream and a web page; and monitoring (listen, whisper, barge) by ChanSpy. See
 * docs/supervision.md.
 */
package org.hotline12333.supervision;
