package io.outcall.local;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** An identity provider's JWKS endpoint whose keys a test rotates, and which counts its fetches. */
final class CountingJwks implements AutoCloseable {

    private final AtomicReference<String> published = new AtomicReference<>();
    private final JwksEndpoint endpoint;

    CountingJwks(RSAKey... keys) throws IOException {
        publish(keys);
        endpoint = new JwksEndpoint(published::get);
    }

    /** From now on the endpoint lists the public halves of these keys. */
    void publish(RSAKey... keys) {
        published.set(new JWKSet(List.of(keys).stream().<JWK>map(RSAKey::toPublicJWK).toList()).toString());
    }

    URI url() {
        return endpoint.url();
    }

    int fetches() {
        return endpoint.fetches();
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
