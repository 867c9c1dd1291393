/**
 * Personal data protection shared by every feature: masking numbers in logs.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.hotline12333.privacy;
