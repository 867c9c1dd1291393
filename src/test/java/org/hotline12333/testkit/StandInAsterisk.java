package org.hotline12333.testkit;

/** The one AMI stand-in shared by every test using {@link HotlineTest}, started on first use. */
public final class StandInAsterisk {

    public static final String NODE = "central";
    public static final String USERNAME = "hotline";
    public static final String SECRET = "stand-in-secret";

    private static AmiStandIn ami;

    private StandInAsterisk() {
    }

    public static synchronized AmiStandIn ami() {
        if (ami == null) {
            ami = AmiStandIn.start(USERNAME, SECRET);
        }
        return ami;
    }
}
