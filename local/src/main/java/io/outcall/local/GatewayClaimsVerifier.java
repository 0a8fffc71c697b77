package io.outcall.local;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.util.DateUtils;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The claims API Gateway's JWT authorizer checks: {@code iss} equal to the configured issuer;
 * {@code aud} one of the configured audiences, or when there is no {@code aud}, {@code client_id}
 * (Cognito access tokens carry only the latter); {@code exp} after now, {@code nbf} and {@code iat}
 * not after now; each within {@code skew}. nimbus checks iss, exp and nbf; iat and the audience
 * rule are API Gateway's own.
 */
final class GatewayClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    private final Set<String> audiences;
    private final Clock clock;

    GatewayClaimsVerifier(String issuer, Set<String> audiences, Clock clock, Duration skew) {
        super(null, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"), null);
        this.audiences = Set.copyOf(audiences);
        this.clock = clock;
        setMaxClockSkew(Math.toIntExact(skew.toSeconds()));
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        super.verify(claims, context);
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && !DateUtils.isBefore(issuedAt, currentTime(), getMaxClockSkew())) {
            throw new BadJWTException("JWT iat " + issuedAt.toInstant() + " lies in the future (more than "
                    + getMaxClockSkew() + " s ahead of " + currentTime().toInstant() + ")");
        }
        if (!audienceAccepted(claims)) {
            // API Gateway's own words, in its www-authenticate header.
            throw new BadJWTException("the token does not have a valid audience");
        }
    }

    private boolean audienceAccepted(JWTClaimsSet claims) throws BadJWTException {
        if (claims.getClaim("aud") != null) {
            List<String> aud = claims.getAudience();
            return aud.stream().anyMatch(audiences::contains);
        }
        try {
            String clientId = claims.getStringClaim("client_id");
            return clientId != null && audiences.contains(clientId);
        } catch (ParseException e) {
            throw new BadJWTException("the client_id claim is not a string", e);
        }
    }
}
