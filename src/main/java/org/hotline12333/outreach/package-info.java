/**
 * Outreach: reaching citizens after the call. Text messages over SMPP (一次性告知 document lists from the knowledge
 * base, notices of a department's reply) through a persisted outbox with retries, receipts, rate limits, quiet hours
 * and a stop list; return-visit calls (回访) run as an IVR survey; every outbound contact logged. docs/outreach.md.
 */
package org.hotline12333.outreach;
