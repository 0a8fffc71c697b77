package io.outcall.core.webhooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointAddressGuardTest {

    /** Names as an attacker's DNS could answer them; literal addresses resolve to themselves. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "metadata.attacker.example", "169.254.169.254",
            "home.attacker.example", "127.0.0.1",
            "office.attacker.example", "192.168.1.10");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address != null) {
            return new InetAddress[] {InetAddress.getByName(address)};
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    }

    private static final EndpointAddressGuard STRICT =
            new EndpointAddressGuard(EndpointAddressGuardTest::resolve, EndpointAddressGuard.Policy.STRICT);

    @Test
    void aPublicHttpsUrlPasses() {
        assertDoesNotThrow(() -> STRICT.check(URI.create("https://hooks.example.com/outcall")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/", "https://10.1.2.3/", "https://172.16.0.1/", "https://192.168.0.1/",
            "https://169.254.169.254/latest/meta-data/", "https://metadata.attacker.example/",
            "https://home.attacker.example/", "https://office.attacker.example/", "https://[::1]/",
            "https://[fd00::1]/", "https://[fe80::1]/", "https://224.0.0.1/", "https://0.0.0.0/", "https://100.64.0.1/",
            "https://[::ffff:127.0.0.1]/"})
    void addressesOfThePlatformsOwnNetworkAreRefused(String url) {
        UnsafeEndpointException refused = assertThrows(UnsafeEndpointException.class, () -> STRICT.check(URI.create(url)));
        assertTrue(refused.getMessage().contains("address"), refused.getMessage());
    }

    @Test
    void plainHttpCredentialsAndUnknownHostsAreRefused() {
        assertThrows(UnsafeEndpointException.class, () -> STRICT.check(URI.create("http://hooks.example.com/")));
        assertThrows(UnsafeEndpointException.class, () -> STRICT.check(URI.create("https://me:pw@hooks.example.com/")));
        assertThrows(UnsafeEndpointException.class, () -> STRICT.check(URI.create("https://nowhere.invalid/")));
        assertThrows(UnsafeEndpointException.class, () -> STRICT.check(URI.create("ftp://hooks.example.com/")));
    }

    @Test
    void aLocalDeploymentMayAllowHttpAndLoopbackButNeverMetadata() {
        EndpointAddressGuard local = new EndpointAddressGuard(EndpointAddressGuardTest::resolve,
                new EndpointAddressGuard.Policy(true, true));
        assertDoesNotThrow(() -> local.check(URI.create("http://127.0.0.1:9999/hook")));
        assertThrows(UnsafeEndpointException.class, () -> local.check(URI.create("http://169.254.169.254/")));
    }
}
