package io.outcall.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function an Invoke request names, in any form Lambda accepts: {@code NAME}, {@code NAME:QUALIFIER},
 * {@code ACCOUNT:function:NAME[:QUALIFIER]} or the whole ARN, with or without {@code ?Qualifier=}.
 * Locally every function has one version, {@code $LATEST}.
 *
 * @param qualifier null when the request names none
 */
record InvokeTarget(String name, String qualifier) {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    static final String LATEST = "$LATEST";

    /** Lambda's own pattern for FunctionName (the Invoke API reference). */
    private static final Pattern FUNCTION_NAME = Pattern.compile("(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?"
            + "(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d:)?(?:\\d{12}:)?(?:function:)?([a-zA-Z0-9_.-]+)"
            + "(?::(\\$LATEST|[a-zA-Z0-9_-]+))?");

    /** The ARN Lambda gives function {@code name} in the local region and account. */
    static String arn(String name) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    /**
     * @param functionName the path's FunctionName, URL-decoded
     * @param qualifierParameter the {@code Qualifier} query parameter, or null
     * @throws InvokeException a ValidationException (400) for a name Lambda would refuse, an
     *                         InvalidParameterValueException for two qualifiers that differ
     */
    static InvokeTarget parse(String functionName, String qualifierParameter) {
        Matcher m = FUNCTION_NAME.matcher(functionName);
        if (functionName.length() > 256 || !m.matches()) {
            throw new InvokeException(400, "ValidationException", "1 validation error detected: Value '" + functionName
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + FUNCTION_NAME.pattern());
        }
        String qualifier = m.group(2);
        if (qualifier != null && qualifierParameter != null && !qualifier.equals(qualifierParameter)) {
            throw new InvokeException(400, "InvalidParameterValueException",
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new InvokeTarget(m.group(1), qualifier != null ? qualifier : qualifierParameter);
    }

    boolean latest() {
        return qualifier == null || LATEST.equals(qualifier);
    }

    /** The ARN as Lambda's "Function not found" names it: with the qualifier when one was asked for. */
    String qualifiedArn() {
        return arn(name) + (qualifier == null ? "" : ":" + qualifier);
    }
}
