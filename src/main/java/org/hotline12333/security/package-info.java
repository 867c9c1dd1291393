/**
 * Users, roles (AGENT, SUPERVISOR, ADMIN) and who may reach which endpoint.
 */
package org.hotline12333.security;
