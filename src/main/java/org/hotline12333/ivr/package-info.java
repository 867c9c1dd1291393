/**
 * The IVR: menus written in ivr-scripts/ (YAML, checked against schema.json and the service's own rules), run for
 * every inbound call by keypad and by voice, self-service queries, and the hand-over to routing and the survey.
 */
package org.hotline12333.ivr;
