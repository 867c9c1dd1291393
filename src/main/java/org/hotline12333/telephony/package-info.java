/**
 * The Asterisk edge, and the only place that knows asterisk-java. Calls arrive over FastAGI ({@code agi}) and are
 * handed to {@link org.hotline12333.telephony.CallHandler}s as {@link org.hotline12333.telephony.CallChannel}s; AMI
 * ({@code ami}) keeps the {@link org.hotline12333.telephony.LiveChannels}, publishes
 * {@link org.hotline12333.telephony.PbxEvent}s and carries {@link org.hotline12333.telephony.PbxActions}.
 */
package org.hotline12333.telephony;
