package io.outcall.bench.coldstart;

import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalServices;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What Lambda gives the make-call function, pointed at the local stand-ins; nothing inherited from this shell. */
final class FunctionEnvironment {

    /** template.yaml's logical id of the function measured. */
    static final String FUNCTION = "MakeCallFunction";

    private FunctionEnvironment() {
    }

    /**
     * The function's variables as {@link io.outcall.localaws.FunctionEnvironment} resolves them, plus
     * what the runtime itself sets. JAVA_TOOL_OPTIONS is left out there: the children get those flags
     * on their command line.
     */
    static Map<String, String> of(LocalServices local, CloudFormationTemplate template) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.putAll(io.outcall.localaws.FunctionEnvironment.of(local, template, List.of(FUNCTION)));
        return env;
    }
}
