/**
 * Agents, posts with A/B backup (AB岗), skill groups, the agent state machine, the waiting queue and the router.
 */
package org.hotline12333.routing;
