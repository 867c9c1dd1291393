package org.hotline12333.telephony.ami;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.ResponseEvent;

/**
 * AMI DeviceStateList (res_manager_devicestate, Asterisk 13 and later; write class call or reporting): every device
 * Asterisk knows with its current state. The items are DeviceStateChange events, the same as the live ones, so they
 * reach the service's listeners like any state change; the list ends with DeviceStateListComplete. asterisk-java
 * 3.42 has no class for either.
 */
public final class DeviceStateListAction extends AbstractManagerAction implements EventGeneratingAction {

    private static final long serialVersionUID = 1L;

    @Override
    public String getAction() {
        return "DeviceStateList";
    }

    @Override
    public Class<? extends ResponseEvent> getActionCompleteEventClass() {
        return DeviceStateListCompleteEvent.class;
    }

    /** The end of the list; asterisk-java builds it by reflection, hence public. */
    @AsteriskMapping("DeviceStateListComplete")
    public static final class DeviceStateListCompleteEvent extends ResponseEvent {

        private static final long serialVersionUID = 1L;
        private Integer listItems;
        private String eventList;

        public DeviceStateListCompleteEvent(Object source) {
            super(source);
        }

        public Integer getListItems() {
            return listItems;
        }

        public void setListItems(Integer listItems) {
            this.listItems = listItems;
        }

        public String getEventList() {
            return eventList;
        }

        public void setEventList(String eventList) {
            this.eventList = eventList;
        }
    }

    /**
     * DeviceStateChange, live or as an item of the list: asterisk-java's own class has no ActionID, and would log a
     * warning for every item of the list. Registered in its place.
     */
    @AsteriskMapping("DeviceStateChange")
    public static final class DeviceState extends DeviceStateChangeEvent {

        private static final long serialVersionUID = 1L;
        private String actionId;

        public DeviceState(Object source) {
            super(source);
        }

        public String getActionId() {
            return actionId;
        }

        public void setActionId(String actionId) {
            this.actionId = actionId;
        }
    }
}
