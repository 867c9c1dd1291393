package org.hotline12333.outreach;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway delivers (deliver_sm): delivery receipts, matched to the segment by the receipted_message_id TLV or
 * else the receipt text's id, and citizens' messages. Acknowledged only once stored: when the outbox cannot take it,
 * the answer is ESME_RX_T_APPN and the gateway delivers it again later.
 */
final class SmppReceiver implements MessageReceiverListener {

    private static final Logger log = LoggerFactory.getLogger(SmppReceiver.class);

    private volatile SmsGateway.Inbox inbox;

    void inbox(SmsGateway.Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        SmsGateway.Inbox target = inbox;
        if (target == null) {
            throw new ProcessRequestException("not ready", SMPPConstant.STAT_ESME_RX_T_APPN);
        }
        try {
            if (deliverSm.isSmscDeliveryReceipt()) {
                receipt(deliverSm, target);
            } else {
                target.message(deliverSm.getSourceAddr(), SmsEncoding.decode(withoutHeader(deliverSm),
                        deliverSm.getDataCoding()).strip());
            }
        } catch (RuntimeException e) {
            log.warn("Could not store what the gateway delivered (it will deliver it again): {}", e.getMessage());
            throw new ProcessRequestException("not stored", SMPPConstant.STAT_ESME_RX_T_APPN);
        }
    }

    private static void receipt(DeliverSm deliverSm, SmsGateway.Inbox target) throws ProcessRequestException {
        OptionalParameter.Receipted_message_id tlv = deliverSm.getOptionalParameter(
                OptionalParameter.Receipted_message_id.class);
        DeliveryReceipt text;
        try {
            text = deliverSm.getShortMessageAsDeliveryReceipt();
        } catch (InvalidDeliveryReceiptException e) {
            if (tlv == null) {
                log.warn("A delivery receipt without an id the service can read: {}", e.getMessage());
                throw new ProcessRequestException("unreadable receipt", SMPPConstant.STAT_ESME_RX_P_APPN);
            }
            text = null;
        }
        String id = tlv != null ? tlv.getValueAsString() : text.getId();
        String state = text != null && text.getFinalStatus() != null ? text.getFinalStatus().name() : "UNKNOWN";
        target.receipt(id, state, text == null ? null : text.getError());
    }

    /** A segment of a long reply starts with its user-data header: its first byte says how long it is. */
    private static byte[] withoutHeader(DeliverSm deliverSm) {
        byte[] message = deliverSm.getShortMessage();
        if (!deliverSm.isUdhi() || message == null || message.length == 0) {
            return message;
        }
        int skip = Math.min(message.length, 1 + (message[0] & 0xff));
        return java.util.Arrays.copyOfRange(message, skip, message.length);
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // not asked for: the service does not use SMSC alert notifications
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not used", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
