/**
 * Cases (工单): matters that outlive the call. Owned by the agent who took them first (首问负责), handed in writing to
 * a department (书面交办) that signs for them or returns them and replies, timed in working days by the IVR's calendar
 * (限时办理) with reminders and escalation (督办) to supervisors, complaints and reports answered one by one, every
 * matter classified by the centre's tree (GB/T 39666-2020 shape). docs/cases.md.
 *
 * <p>Public API: {@link org.hotline12333.cases.Classifications} (the tree), {@link org.hotline12333.cases.CaseFigures}
 * (figures for reports and the floor), the events {@link org.hotline12333.cases.CaseRegistered},
 * {@link org.hotline12333.cases.CaseClosed} and {@link org.hotline12333.cases.CaseEscalated}; everything else is
 * reached over REST ({@code /api/cases}, {@code /api/classifications}) and the department page.
 */
package org.hotline12333.cases;
