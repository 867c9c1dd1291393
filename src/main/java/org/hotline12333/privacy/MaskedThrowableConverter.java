package org.hotline12333.privacy;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** Logback converter ({@code %maskedEx}) for stack traces, whose messages may carry a caller's number too. */
public class MaskedThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return Mask.inText(super.throwableProxyToString(proxy));
    }
}
