package io.outcall.core.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps a tenant's URL from reaching anything but the public internet (server-side request
 * forgery): https only (http where the deployment allows it, as locally), no credentials in the
 * URL, and every address the host resolves to must be public: no loopback, private, link-local
 * (169.254.169.254, the instance metadata service, above all), carrier-grade NAT, unique-local,
 * multicast or unspecified address. Checked at registration and again before every attempt,
 * since DNS can change in between.
 */
public final class EndpointAddressGuard {

    /** Resolves a host name; the JDK's resolver in production, a fixed table in tests. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * @param allowHttp     plain http accepted (local runs)
     * @param allowLoopback loopback addresses accepted (local runs: the echo receiver is on 127.0.0.1)
     */
    public record Policy(boolean allowHttp, boolean allowLoopback) {
        public static final Policy STRICT = new Policy(false, false);
    }

    private final HostResolver resolver;
    private final Policy policy;

    public EndpointAddressGuard(HostResolver resolver, Policy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    public static EndpointAddressGuard system(Policy policy) {
        return new EndpointAddressGuard(InetAddress::getAllByName, policy);
    }

    /** @return the addresses the host resolves to now, all allowed */
    public List<InetAddress> check(URI url) throws UnsafeEndpointException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && policy.allowHttp())) {
            throw new UnsafeEndpointException("url must be https" + (policy.allowHttp() ? " or http" : "")
                    + ", was " + (scheme.isEmpty() ? "no scheme" : scheme));
        }
        if (url.getRawUserInfo() != null) {
            throw new UnsafeEndpointException("url must not carry credentials (user:password@)");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new UnsafeEndpointException("url must name a host");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new UnsafeEndpointException("host " + host + " does not resolve", e);
        }
        for (InetAddress address : addresses) {
            String refused = refusal(address);
            if (refused != null) {
                throw new UnsafeEndpointException("host " + host + " resolves to " + address.getHostAddress()
                        + ", a " + refused + " address; webhooks go to public addresses only");
            }
        }
        return List.of(addresses);
    }

    private String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return policy.allowLoopback() ? null : "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240 || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || (first == 198 && (second & 0xfe) == 18)) {
                return "reserved";
            }
        } else if (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        return null;
    }
}
