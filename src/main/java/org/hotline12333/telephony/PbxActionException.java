package org.hotline12333.telephony;

public class PbxActionException extends RuntimeException {

    public PbxActionException(String message) {
        super(message);
    }

    public PbxActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
