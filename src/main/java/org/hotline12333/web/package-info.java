/**
 * What every REST endpoint shares: clear 4xx answers for bad requests.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.hotline12333.web;
