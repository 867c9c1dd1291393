package org.hotline12333.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The one check of everything the service dials, spies to or originates to: agents' and supervisors' phones, remote
 * seats, callback numbers, three-way parties and transfer targets. A dial string is data: it is accepted only when it
 * has one of these shapes, and is otherwise refused with {@link Refused}, whose message says why.
 *
 * <ul>
 *   <li>a phone: {@code PJSIP/<name>}, name of letters, digits, {@code _ . + -}; or a remote-seat form configured in
 *       {@code hotline.routing.remote-dial} ({@code PJSIP/{extension}@district-east} accepts
 *       {@code PJSIP/3001@district-east});</li>
 *   <li>an outside number (callbacks, three-way calls): 3 to 20 digits, optionally after {@code +};</li>
 *   <li>an internal extension (three-way calls with staff, attended transfers): 2 to 20 digits.</li>
 * </ul>
 * Nothing else gets through: no {@code &} (several phones at once), no {@code ,} (Dial options), no {@code @} or
 * further {@code /} (another trunk or context) and no {@code Local/} (runs the dialplan, e.g. out through the carrier)
 * unless a configured remote-seat form has them.
 */
@Component
public class DialStrings {

    static final String TECHNOLOGY = "PJSIP/";
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}";
    private static final Pattern PHONE = Pattern.compile(Pattern.quote(TECHNOLOGY) + NAME);
    private static final Pattern OUTSIDE_NUMBER = Pattern.compile("\\+?[0-9]{3,20}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,20}");
    /** What a configured remote-seat form may contain around its placeholders. */
    private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9]+/[A-Za-z0-9_.+@/{}-]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(extension|endpoint)}");

    /** A dial string that is not accepted; the message says why (HTTP 400). */
    public static class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    private record RemoteSeat(String node, String template, Pattern accepts) {
    }

    private final Map<String, RemoteSeat> remoteSeats;

    public DialStrings(RoutingProperties properties) {
        Map<String, RemoteSeat> seats = new LinkedHashMap<>();
        properties.remoteDial().forEach((node, template) -> seats.put(node, remoteSeat(node, template)));
        this.remoteSeats = Map.copyOf(seats);
    }

    private static RemoteSeat remoteSeat(String node, String template) {
        String where = "hotline.routing.remote-dial." + node + " '" + template + "'";
        if (template == null || !TEMPLATE.matcher(template).matches()) {
            throw new IllegalStateException(where + " is not a dial string form: technology/resource with "
                    + "{extension} or {endpoint}, letters, digits and _ . + - @ / only (e.g. PJSIP/{extension}@" + node + ")");
        }
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        int at = 0;
        int placeholders = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(template.substring(at, placeholder.start())));
            regex.append(placeholder.group(1).equals("extension") ? NAME : Pattern.quote(TECHNOLOGY) + NAME);
            at = placeholder.end();
            placeholders++;
        }
        regex.append(Pattern.quote(template.substring(at)));
        if (placeholders == 0 || template.replaceAll(PLACEHOLDER.pattern(), "").matches(".*[{}].*")) {
            throw new IllegalStateException(where + " must contain {extension} or {endpoint}, and no other braces");
        }
        return new RemoteSeat(node, template, Pattern.compile(regex.toString()));
    }

    /** An agent's or a supervisor's phone, returned unchanged when accepted. */
    public String phone(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new Refused("the phone is empty: give an endpoint like PJSIP/1001");
        }
        if (PHONE.matcher(endpoint).matches()
                || remoteSeats.values().stream().anyMatch(seat -> seat.accepts().matcher(endpoint).matches())) {
            return endpoint;
        }
        throw new Refused("'" + endpoint + "' is not accepted as a phone: " + whyNot(endpoint));
    }

    private String whyNot(String endpoint) {
        if (endpoint.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            return "it contains control characters";
        }
        if (endpoint.indexOf('&') >= 0) {
            return "'&' would ring several phones at once";
        }
        if (endpoint.indexOf(',') >= 0 || endpoint.indexOf('|') >= 0) {
            return "',' would pass options to Dial()";
        }
        if (endpoint.regionMatches(true, 0, "Local/", 0, 6)) {
            return "Local/ channels run the dialplan (and could call any number through the outbound context); "
                    + "they are dialled only through a form configured in hotline.routing.remote-dial";
        }
        if (!endpoint.startsWith(TECHNOLOGY)) {
            return "phones are PJSIP endpoints, written PJSIP/<name>, e.g. PJSIP/1001";
        }
        if (endpoint.indexOf('@') >= 0 || endpoint.indexOf('/', TECHNOLOGY.length()) >= 0) {
            return "'@' or a second '/' would send the call to another trunk or context; remote seats use the forms "
                    + "configured in hotline.routing.remote-dial" + (remoteSeats.isEmpty() ? " (none is)"
                    : " (" + String.join(", ", remoteSeats.values().stream().map(RemoteSeat::template).toList()) + ")");
        }
        return "the name after PJSIP/ must be 1 to 64 letters, digits, '_', '.', '+' or '-', starting with a letter "
                + "or digit";
    }

    /** How a call on {@code callerNode} reaches an agent on {@code agentNode}: directly, or through a remote seat form. */
    String forAgent(String callerNode, String agentNode, String endpoint) {
        phone(endpoint);
        if (callerNode == null || callerNode.equals(agentNode)) {
            return endpoint;
        }
        RemoteSeat seat = remoteSeats.get(agentNode);
        if (seat == null) {
            return endpoint;
        }
        return seat.template().replace("{endpoint}", endpoint).replace("{extension}", extension(endpoint));
    }

    /** A number outside the hotline, dialled through the outbound context: a callback or a third party. */
    public String outsideNumber(String number) {
        if (number == null || !OUTSIDE_NUMBER.matcher(number).matches()) {
            throw new Refused("'" + number + "' is not a telephone number: 3 to 20 digits, optionally after '+'");
        }
        return number;
    }

    boolean isOutsideNumber(String number) {
        return number != null && OUTSIDE_NUMBER.matcher(number).matches();
    }

    /** A staff extension, dialled through the internal context. */
    public String internalExtension(String extension) {
        if (extension == null || !EXTENSION.matcher(extension).matches()) {
            throw new Refused("'" + extension + "' is not an extension: 2 to 20 digits");
        }
        return extension;
    }

    /** The Local channel that rings a third party: a checked extension or number in one of the service's contexts. */
    String threeWayParty(String extension, String number, RoutingProperties properties) {
        if ((extension == null) == (number == null)) {
            throw new Refused("give either an extension or an outside number");
        }
        return extension != null ? "Local/" + internalExtension(extension) + "@" + properties.internalContext()
                : "Local/" + outsideNumber(number) + "@" + properties.outboundContext();
    }

    /** {@code PJSIP/1001} (or {@code PJSIP/1001@district-east}) → {@code 1001}. */
    static String extension(String endpoint) {
        int slash = endpoint.indexOf('/');
        String name = slash < 0 ? endpoint : endpoint.substring(slash + 1);
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /** {@code PJSIP/1001-00000012} → {@code PJSIP/1001}: the endpoint a channel belongs to. */
    static String endpointOf(String channel) {
        if (channel == null) {
            return null;
        }
        int dash = channel.lastIndexOf('-');
        return dash > channel.indexOf('/') ? channel.substring(0, dash) : channel;
    }
}
