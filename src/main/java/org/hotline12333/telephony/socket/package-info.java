/**
 * What the service's own FastAGI and AMI sockets share (inside telephony: not part of its API).
 */
package org.hotline12333.telephony.socket;
