package io.outcall.functions;

import com.fasterxml.jackson.core.Version;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lambda jar carries one jackson-core: ours, relocated onto the SDK's shaded package, with the
 * SDK's own copy left out (functions/pom.xml). The SDK then runs on our version, so it must be the
 * one the SDK was built with or a later patch of the same minor; an SDK upgrade that brings a newer
 * Jackson fails here, naming the version to move jackson.version in the root pom to.
 */
class SharedJacksonCoreTest {

    @Test
    void ourJacksonCoreIsTheSdksMinorVersionAtTheSameOrALaterPatch() {
        Version ours = com.fasterxml.jackson.core.json.PackageVersion.VERSION;
        software.amazon.awssdk.thirdparty.jackson.core.Version sdks =
                software.amazon.awssdk.thirdparty.jackson.core.json.PackageVersion.VERSION;
        String fix = "the Lambda jar gives the AWS SDK our jackson-core " + ours + " in place of its own " + sdks
                + ": set jackson.version in the root pom to " + sdks.getMajorVersion() + "." + sdks.getMinorVersion()
                + ".x with x >= " + sdks.getPatchLevel();
        assertEquals(sdks.getMajorVersion() + "." + sdks.getMinorVersion(), ours.getMajorVersion() + "." + ours.getMinorVersion(), fix);
        assertTrue(ours.getPatchLevel() >= sdks.getPatchLevel(), fix);
    }
}
