package io.outcall.local;

import io.outcall.functions.auth.RoleGroup;
import io.outcall.functions.auth.TenantClaimTrigger;
import io.outcall.functions.http.Scope;
import io.outcall.localaws.CloudFormationTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How template.yaml deploys the web console (README "Deploying the console"): a private bucket that
 * only the stack's CloudFront distribution reads, through its origin access control; HTTPS, the
 * single-page fallback and a Content-Security-Policy without inline script; the API's CORS open to
 * the console's origin alone; and Cognito sign-in that puts the tenant and the role in the token.
 */
@SuppressWarnings("unchecked")
class ConsoleDeploymentTest {

    private static final String CONSOLE_BUCKET = "ConsoleBucket";

    private final CloudFormationTemplate template = CloudFormationTemplate.findFromWorkingDirectory();

    @Test
    void theConsoleBucketIsPrivateEncryptedAndReadOnlyByTheDistribution() {
        Map<String, Object> bucket = consoleBucket();
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"), "every public access is blocked");
        assertFalse(bucket.containsKey("AccessControl") || bucket.containsKey("WebsiteConfiguration"),
                "no canned ACL and no website endpoint: CloudFront reads the bucket's REST endpoint, signed");
        assertTrue(text(bucket.get("BucketEncryption")).contains("SSEAlgorithm"), "the files are encrypted at rest");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>)
                template.resourcesOfType("AWS::S3::BucketPolicy").get("ConsoleBucketPolicy").get("PolicyDocument")).get("Statement");
        for (Map<String, Object> statement : statements) {
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), statement.get("Principal"),
                    "only CloudFront may be allowed in: " + statement);
            assertEquals("s3:GetObject", statement.get("Action"), "CloudFront only reads: " + statement);
            Map<String, Object> equals = (Map<String, Object>) ((Map<String, Object>) statement.get("Condition")).get("StringEquals");
            assertTrue(text(equals.get("AWS:SourceArn")).contains("distribution/${" + logicalId("AWS::CloudFront::Distribution") + "}"),
                    "and only this stack's distribution: " + statement);
        }
    }

    @Test
    void theDistributionReachesTheBucketThroughItsOriginAccessControl() {
        Map<String, Object> control = (Map<String, Object>) only("AWS::CloudFront::OriginAccessControl").get("OriginAccessControlConfig");
        assertEquals("s3", control.get("OriginAccessControlOriginType"));
        assertEquals("always", control.get("SigningBehavior"));
        List<Map<String, Object>> origins = (List<Map<String, Object>>) distribution().get("Origins");
        assertEquals(1, origins.size(), "the console bucket is the distribution's one origin");
        Map<String, Object> origin = origins.get(0);
        assertEquals(Map.of("Fn::GetAtt", logicalId("AWS::CloudFront::OriginAccessControl") + ".Id"),
                origin.get("OriginAccessControlId"));
        assertEquals(Map.of("Fn::GetAtt", CONSOLE_BUCKET + ".RegionalDomainName"), origin.get("DomainName"));
        assertEquals("", ((Map<String, Object>) origin.get("S3OriginConfig")).get("OriginAccessIdentity"),
                "no legacy origin access identity beside the control");
    }

    @Test
    void theDistributionServesHttpsDeepLinksAndCompressedFiles() {
        Map<String, Object> config = distribution();
        Map<String, Object> behavior = (Map<String, Object>) config.get("DefaultCacheBehavior");
        assertFalse(config.containsKey("CacheBehaviors"), "one behavior, checked here");
        assertEquals("redirect-to-https", behavior.get("ViewerProtocolPolicy"));
        assertEquals(true, behavior.get("Compress"));
        assertEquals(List.of("GET", "HEAD"), behavior.get("AllowedMethods"), "the bucket is read, never written, through it");
        assertEquals(Map.of("Ref", logicalId("AWS::CloudFront::ResponseHeadersPolicy")), behavior.get("ResponseHeadersPolicyId"));
        assertEquals("index.html", config.get("DefaultRootObject"));
        assertEquals(Map.of("Ref", "ConsolePriceClass"), config.get("PriceClass"));
        Set<Object> fallbacks = new TreeSet<>();
        for (Map<String, Object> response : (List<Map<String, Object>>) config.get("CustomErrorResponses")) {
            assertEquals("/index.html", response.get("ResponsePagePath"));
            assertEquals(200, response.get("ResponseCode"));
            fallbacks.add(response.get("ErrorCode"));
        }
        assertEquals(Set.of(403, 404), fallbacks, "a path without a file (403 without ListBucket) is the console's page");
    }

    @Test
    void theContentSecurityPolicyAllowsNoInlineScriptAndOnlyTheApiAndSignIn() {
        Map<String, Object> security = (Map<String, Object>) ((Map<String, Object>)
                only("AWS::CloudFront::ResponseHeadersPolicy").get("ResponseHeadersPolicyConfig")).get("SecurityHeadersConfig");
        Map<String, Object> csp = (Map<String, Object>) security.get("ContentSecurityPolicy");
        assertEquals(true, csp.get("Override"));
        String policy = (String) ((List<Object>) ((Map<String, Object>) csp.get("ContentSecurityPolicy")).get("Fn::Sub")).get(0);
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            List<String> words = Arrays.asList(directive.trim().split("\\s+"));
            directives.put(words.get(0), words.subList(1, words.size()));
        }
        assertEquals(List.of("'self'"), directives.get("script-src"), "scripts from the console's own files only");
        assertEquals(List.of("'self'"), directives.get("style-src"));
        assertEquals(List.of("'self'"), directives.get("default-src"));
        for (List<String> sources : directives.values()) {
            for (String forbidden : List.of("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:")) {
                assertFalse(sources.contains(forbidden), forbidden + " in " + policy);
            }
        }
        assertEquals(List.of("'none'"), directives.get("object-src"));
        assertEquals(List.of("'none'"), directives.get("frame-ancestors"));
        assertEquals(List.of("'none'"), directives.get("base-uri"));
        assertTrue(directives.get("connect-src").containsAll(List.of("'self'", "${Api}", "${SignIn}")), policy);
        String api = text(((Map<String, Object>) ((List<Object>) ((Map<String, Object>) csp.get("ContentSecurityPolicy"))
                .get("Fn::Sub")).get(1)).get("Api"));
        assertTrue(api.contains("ConsoleApiOrigin") && api.contains("https://*.execute-api.${AWS::Region}."),
                "the API: the pinned origin, else the region's API Gateway hosts (the distribution cannot name the API): " + api);
        assertTrue(directives.get("form-action").contains("${SignIn}"), policy);
        assertEquals(List.of("https://${AWS::StackName}-audio-${AWS::AccountId}.s3.${AWS::Region}.${AWS::URLSuffix}",
                "https://${AWS::StackName}-audio-${AWS::AccountId}.s3.${AWS::URLSuffix}"), directives.get("media-src"),
                "recordings play from the audio bucket's presigned links, and from nowhere else");
        assertTrue(directives.get("connect-src").containsAll(directives.get("media-src")),
                "a prompt's WAV is PUT to the audio bucket's presigned URL: " + policy);
        assertTrue(security.containsKey("StrictTransportSecurity") && security.containsKey("ContentTypeOptions")
                && security.containsKey("ReferrerPolicy"), "HSTS, nosniff and a referrer policy: " + security.keySet());
    }

    @Test
    void corsAllowsTheConsoleOriginWithWhatTheApiUsesAndNothingElse() throws IOException {
        Map<String, Object> cors = (Map<String, Object>) only("AWS::Serverless::HttpApi").get("CorsConfiguration");
        List<Object> origins = (List<Object>) cors.get("AllowOrigins");
        assertEquals(List.of(Map.of("Fn::Sub", "https://${" + logicalId("AWS::CloudFront::Distribution") + ".DomainName}"),
                Map.of("Fn::If", List.of("HasConsoleExtraOrigin", Map.of("Ref", "ConsoleExtraOrigin"), Map.of("Ref", "AWS::NoValue")))),
                origins, "the distribution's origin, and the one parameter naming another");
        assertFalse(text(cors).contains("*"), "no wildcard anywhere in " + cors);
        assertEquals(false, cors.get("AllowCredentials"), "bearer tokens, never cookies");
        Set<String> routeMethods = HttpFront.routesOf(template, className -> null).stream()
                .map(route -> route.routeKey().split(" ")[0]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(routeMethods, new TreeSet<>((List<String>) cors.get("AllowMethods")), "the methods of the API's routes");
        Set<String> headersRead = new TreeSet<>(Set.of("authorization"));
        Matcher read = Pattern.compile("header\\(\"([A-Za-z-]+)\"\\)").matcher(functionsSource());
        while (read.find()) {
            headersRead.add(read.group(1).toLowerCase(Locale.ROOT));
        }
        assertEquals(headersRead, new TreeSet<>((List<String>) cors.get("AllowHeaders")),
                "the request headers the functions read, and the bearer token");
        assertEquals(List.of("etag", "location"), cors.get("ExposeHeaders"));
    }

    @Test
    void consoleUsersSignInWithTheirTenantAndRoleGroups() {
        Map<String, Object> pool = only("AWS::Cognito::UserPool");
        assertEquals(Map.of("AllowAdminCreateUserOnly", true), pool.get("AdminCreateUserConfig"), "no self sign-up");
        assertEquals(List.of("email"), pool.get("UsernameAttributes"));
        Map<String, Object> tenant = ((List<Map<String, Object>>) pool.get("Schema")).stream()
                .filter(a -> "tenant_id".equals(a.get("Name"))).findFirst().orElseThrow();
        assertEquals(false, tenant.get("Mutable"), "a user's tenant never changes");
        Map<String, Object> trigger = (Map<String, Object>) ((Map<String, Object>) pool.get("LambdaConfig")).get("PreTokenGenerationConfig");
        assertEquals("V2_0", trigger.get("LambdaVersion"), "only V2_0 and later change access tokens");
        String function = ((String) ((Map<String, Object>) trigger.get("LambdaArn")).get("Ref")).replace(".Alias", "");
        assertEquals(TenantClaimTrigger.class.getName() + "::handleRequest",
                template.resourcesOfType("AWS::Serverless::Function").get(function).get("Handler"));

        Set<String> scopes = ((List<Map<String, Object>>) only("AWS::Cognito::UserPoolResourceServer").get("Scopes")).stream()
                .map(s -> "outcall/" + s.get("ScopeName")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Arrays.stream(Scope.values()).map(Scope::value).collect(Collectors.toCollection(TreeSet::new)), scopes);
        assertEquals(Arrays.stream(RoleGroup.values()).map(RoleGroup::groupName).collect(Collectors.toSet()),
                template.resourcesOfType("AWS::Cognito::UserPoolGroup").values().stream()
                        .map(g -> g.get("GroupName")).collect(Collectors.toSet()), "the groups the trigger reads");

        Map<String, Object> client = only("AWS::Cognito::UserPoolClient");
        assertEquals(false, client.get("GenerateSecret"), "a browser keeps no secret: a public client");
        assertEquals(List.of("code"), client.get("AllowedOAuthFlows"), "the authorization code grant only (with PKCE)");
        assertTrue(((List<String>) client.get("AllowedOAuthScopes")).containsAll(scopes));
        assertEquals(Map.of("Fn::Sub", "https://${" + logicalId("AWS::CloudFront::Distribution") + ".DomainName}/"),
                ((List<Object>) client.get("CallbackURLs")).get(0), "back to the console");
    }

    @Test
    void theApiAcceptsTheStacksPoolUnlessAnotherIssuerIsNamed() {
        Map<String, Object> parameters = (Map<String, Object>) template.root().get("Parameters");
        assertEquals("", ((Map<String, Object>) parameters.get("JwtIssuer")).get("Default"));
        assertEquals("", ((Map<String, Object>) parameters.get("JwtAudience")).get("Default"));
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "JwtIssuer"), "")),
                ((Map<String, Object>) template.root().get("Conditions")).get("UsePoolIssuer"));
        Map<String, Object> jwt = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                only("AWS::Serverless::HttpApi").get("Auth")).get("Authorizers")).get("Jwt")).get("JwtConfiguration");
        List<Object> issuer = (List<Object>) ((Map<String, Object>) jwt.get("issuer")).get("Fn::If");
        assertEquals("UsePoolIssuer", issuer.get(0));
        assertTrue(text(issuer.get(1)).contains("cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${"
                + logicalId("AWS::Cognito::UserPool") + "}"), "the pool's issuer: " + issuer);
        assertTrue(text(jwt.get("audience")).contains(logicalId("AWS::Cognito::UserPoolClient")), "the console's client");
    }

    @Test
    void everyOutputTheDeployScriptReadsIsDefined() throws IOException {
        String script = Files.readString(template.file().resolveSibling("bin/deploy-console"));
        Set<String> outputs = ((Map<String, Object>) template.root().get("Outputs")).keySet();
        Matcher read = Pattern.compile("stack_output (\\w+)").matcher(script);
        Set<String> used = new TreeSet<>();
        while (read.find()) {
            used.add(read.group(1));
        }
        assertTrue(used.containsAll(List.of("ConsoleBucketName", "ConsoleDistributionId", "ConsoleClientId", "ApiUrl")), "" + used);
        used.removeAll(outputs);
        assertEquals(Set.of(), used, "bin/deploy-console reads these outputs, which template.yaml does not define");
    }

    /** The console's bucket, among the template's others (the audio bucket). */
    private Map<String, Object> consoleBucket() {
        Map<String, Object> bucket = template.resourcesOfType("AWS::S3::Bucket").get(CONSOLE_BUCKET);
        assertNotNull(bucket, CONSOLE_BUCKET + " in template.yaml");
        return bucket;
    }

    private Map<String, Object> distribution() {
        return (Map<String, Object>) only("AWS::CloudFront::Distribution").get("DistributionConfig");
    }

    private Map<String, Object> only(String type) {
        Map<String, Map<String, Object>> found = template.resourcesOfType(type);
        assertEquals(1, found.size(), "one " + type + " in template.yaml: " + found.keySet());
        return found.values().iterator().next();
    }

    private String logicalId(String type) {
        only(type);
        return template.resourcesOfType(type).keySet().iterator().next();
    }

    private String functionsSource() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(template.file().resolveSibling("functions/src/main/java"))) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    /** An intrinsic-laden value as text, to find the names it refers to. */
    private static String text(Object value) {
        return String.valueOf(value);
    }
}
