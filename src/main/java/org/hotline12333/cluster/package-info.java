/**
 * Several service instances on one database: each instance's lease (a heartbeat in {@code service_instance}), the
 * take-over of an instance that stopped beating ({@link org.hotline12333.cluster.InstanceLost}), messages between
 * instances through PostgreSQL's LISTEN/NOTIFY ({@link org.hotline12333.cluster.ClusterMessages}) and commands run by
 * the instance holding a call ({@link org.hotline12333.cluster.InstanceCommands}). See docs/scaling.md.
 */
package org.hotline12333.cluster;
