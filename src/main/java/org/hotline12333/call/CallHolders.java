package org.hotline12333.call;

import java.util.Optional;
import org.hotline12333.cluster.ServiceInstances;
import org.hotline12333.cluster.ThisInstance;
import org.springframework.stereotype.Component;

/**
 * Which instance holds a call in progress: its AGI session, its caller's thread, its transfers. An action on the
 * call reaching another instance is forwarded there ({@link org.hotline12333.cluster.InstanceCommands}).
 */
@Component
public class CallHolders {

    private final CallRecords records;
    private final ThisInstance me;
    private final ServiceInstances instances;

    CallHolders(CallRecords records, ThisInstance me, ServiceInstances instances) {
        this.records = records;
        this.me = me;
        this.instances = instances;
    }

    /**
     * The other running instance holding this open call. Empty when this instance holds it, when it has ended or is
     * not a call, and when its holder is gone (a survivor is closing its calls): then there is nobody to forward to.
     */
    public Optional<String> elsewhere(String callId) {
        if (callId == null) {
            return Optional.empty();
        }
        return records.holder(callId).filter(holder -> !holder.equals(me.name())).filter(instances::isAlive);
    }
}
