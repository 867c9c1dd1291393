/**
 * What every feature says to callers the same way: numbers, money, dates and digits read in Mandarin from the
 * hotline's own prompts (Asterisk's SAY NUMBER has no Mandarin voice).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.hotline12333.prompts;
