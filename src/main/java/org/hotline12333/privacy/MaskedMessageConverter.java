package org.hotline12333.privacy;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback converter ({@code %maskedMsg}) that masks phone and ID numbers in every log message, ours or a library's. */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Mask.inText(super.convert(event));
    }
}
