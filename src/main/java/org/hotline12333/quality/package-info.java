/**
 * Quality scoring (质检): versioned scorecards with weighted items and one-vote veto items (一票否决), scores by
 * supervisors with speech analytics' proposals to confirm or overrule, the daily sample and the supervisors' work
 * queue, agents' appeals decided by another supervisor, and the monthly assessment per agent (CSV for the pay
 * office). See docs/quality.md.
 */
package org.hotline12333.quality;
