package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline12333.routing.RoutingPropertiesFixture.withRemoteDial;

import org.junit.jupiter.api.Test;

/**
 * The one check of what the service dials: phones, remote seats (远程座席: an agent on another node is dialled through
 * that node's trunk), numbers and extensions; injection strings are refused with the reason.
 */
class DialStringsTest {

    private final RoutingProperties properties = withRemoteDial("PJSIP/{extension}@district-east");

    private final DialStrings dialStrings = new DialStrings(properties);

    @Test
    void anAgentOnTheCallersNodeIsDialledDirectly() {
        assertThat(dialStrings.forAgent("central", "central", "PJSIP/1001")).isEqualTo("PJSIP/1001");
    }

    @Test
    void anAgentOnAnotherNodeIsDialledThroughThatNodesTrunk() {
        assertThat(dialStrings.forAgent("central", "district-east", "PJSIP/3001"))
                .isEqualTo("PJSIP/3001@district-east");
    }

    @Test
    void aChannelNameGivesItsEndpoint() {
        assertThat(DialStrings.endpointOf("PJSIP/1003-0000001a")).isEqualTo("PJSIP/1003");
        assertThat(DialStrings.extension("PJSIP/1003")).isEqualTo("1003");
        assertThat(DialStrings.extension("PJSIP/3001@district-east")).isEqualTo("3001");
    }

    @Test
    void phonesArePjsipEndpointsOrAConfiguredRemoteSeatForm() {
        assertThat(dialStrings.phone("PJSIP/1001")).isEqualTo("PJSIP/1001");
        assertThat(dialStrings.phone("PJSIP/desk-7.a_b+1")).isEqualTo("PJSIP/desk-7.a_b+1");
        assertThat(dialStrings.phone("PJSIP/3001@district-east")).isEqualTo("PJSIP/3001@district-east");
    }

    @Test
    void everythingElseIsRefusedSayingWhy() {
        assertRefused("PJSIP/1001&Local/0099@hotline-outbound", "'&' would ring several phones at once");
        assertRefused("PJSIP/1001,,G(hotline-outbound^0099^1)", "',' would pass options to Dial()");
        assertRefused("Local/0099@hotline-outbound", "Local/ channels run the dialplan");
        assertRefused("local/0099@hotline-outbound", "Local/ channels run the dialplan");
        assertRefused("SIP/1001", "phones are PJSIP endpoints");
        assertRefused("DAHDI/g1/0099", "phones are PJSIP endpoints");
        assertRefused("PJSIP/0099@carrier", "'@' or a second '/' would send the call to another trunk or context");
        assertRefused("PJSIP/carrier/sip:0099@evil.example", "'@' or a second '/'");
        assertRefused("PJSIP/1001\nAction: Originate", "control characters");
        assertRefused("PJSIP/", "the name after PJSIP/ must be 1 to 64");
        assertRefused(" ", "the phone is empty");
        assertRefused(null, "the phone is empty");
    }

    @Test
    void numbersAndExtensionsAreDigitsOnly() {
        assertThat(dialStrings.outsideNumber("+8613800138000")).isEqualTo("+8613800138000");
        assertThat(dialStrings.threeWayParty("1003", null, properties)).isEqualTo("Local/1003@hotline-internal");
        assertThat(dialStrings.threeWayParty(null, "02088886666", properties))
                .isEqualTo("Local/02088886666@hotline-outbound");
        assertThatThrownBy(() -> dialStrings.outsideNumber("0099&PJSIP/1001"))
                .isInstanceOf(DialStrings.Refused.class).hasMessageContaining("is not a telephone number");
        assertThatThrownBy(() -> dialStrings.threeWayParty("1003@hotline-outbound", null, properties))
                .isInstanceOf(DialStrings.Refused.class).hasMessageContaining("is not an extension");
        assertThatThrownBy(() -> dialStrings.threeWayParty("1003", "0099", properties))
                .isInstanceOf(DialStrings.Refused.class).hasMessage("give either an extension or an outside number");
    }

    @Test
    void aRemoteSeatFormThatIsNotADialStringStopsTheStart() {
        for (String template : new String[] {"PJSIP/{extension}&PJSIP/9999", "PJSIP/{extension},,G(x)",
                "PJSIP/3001@district-east", "PJSIP/{extension}{x}"}) {
            assertThatThrownBy(() -> new DialStrings(withRemoteDial(template)))
                    .as(template).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("hotline.routing.remote-dial.district-east");
        }
        DialStrings local = new DialStrings(withRemoteDial("Local/{extension}@district-east-seats"));
        assertThat(local.phone("Local/3001@district-east-seats")).isEqualTo("Local/3001@district-east-seats");
        assertThat(local.forAgent("central", "district-east", "PJSIP/3001")).isEqualTo("Local/3001@district-east-seats");
        assertThatThrownBy(() -> local.phone("Local/3001@hotline-outbound")).isInstanceOf(DialStrings.Refused.class);
    }

    private void assertRefused(String endpoint, String why) {
        assertThatThrownBy(() -> dialStrings.phone(endpoint)).isInstanceOf(DialStrings.Refused.class)
                .hasMessageContaining(why);
    }
}
