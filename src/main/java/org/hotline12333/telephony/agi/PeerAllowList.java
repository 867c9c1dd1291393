package org.hotline12333.telephony.agi;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** The addresses FastAGI takes connections from ({@code hotline.agi.allowed-peers}): CIDR blocks, IPv4 or IPv6. */
final class PeerAllowList {

    private final List<IpAddressMatcher> blocks = new ArrayList<>();
    private final List<String> cidrs;
    private final String text;

    PeerAllowList(List<String> cidrs) {
        for (String cidr : cidrs) {
            try {
                blocks.add(new IpAddressMatcher(cidr == null ? "" : cidr.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hotline.agi.allowed-peers: '" + cidr + "' is not an address "
                        + "block (write 10.0.0.5/32, 10.1.0.0/16 or ::1/128): " + e.getMessage(), e);
            }
        }
        this.cidrs = List.copyOf(cidrs);
        this.text = String.join(", ", cidrs);
    }

    boolean allows(InetAddress peer) {
        String address = peer.getHostAddress();
        int scope = address.indexOf('%');
        String plain = scope < 0 ? address : address.substring(0, scope);
        return blocks.stream().anyMatch(block -> block.matches(plain));
    }

    /** True when every block lies within the loopback ranges (127.0.0.0/8, ::1). */
    boolean loopbackOnly() {
        return cidrs.stream().map(String::strip).allMatch(c -> c.startsWith("127.") || c.equals("::1")
                || c.equals("::1/128"));
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "nobody" : text;
    }
}
