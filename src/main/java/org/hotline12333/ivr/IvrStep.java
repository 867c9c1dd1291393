package org.hotline12333.ivr;

import java.time.Instant;

/**
 * One step a caller took in the IVR.
 *
 * @param input  what the caller entered, masked when it is personal (ID numbers, PINs)
 * @param result what came of it: "key 1", "timeout", "invalid", "said 医保", "verified", "to pension"...
 */
public record IvrStep(int seq, String menu, String version, String node, String prompt, String input, String result,
                      Instant at) {
}
