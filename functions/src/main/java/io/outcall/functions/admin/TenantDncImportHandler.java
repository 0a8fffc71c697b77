package io.outcall.functions.admin;

import io.outcall.core.dnc.DncImport;
import io.outcall.functions.DncWiring;
import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.ApiResponse;
import io.outcall.functions.http.HttpFunction;
import io.outcall.functions.http.HttpProblemException;
import io.outcall.functions.http.Problem;
import io.outcall.functions.http.Scope;
import org.crac.Resource;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * POST /tenant/dnc/import (admin): a {@code text/csv} body of up to 100,000 numbers, one a line,
 * optionally with a reason in a second column, into the token tenant's list. Answers the counts
 * (added, listed already, rejected) and each rejected line with its number and why.
 */
public final class TenantDncImportHandler extends HttpFunction {

    /** 100,000 lines with a reason each fit; Lambda takes at most 6 MB in a request. */
    static final int MAX_BODY_BYTES = 5_000_000;

    private final DncImport imports;

    public TenantDncImportHandler() {
        this(DncWiring.fromEnvironment());
        registerForSnapStart();
    }

    public TenantDncImportHandler(DncWiring wiring) {
        super(wiring.apiEvents(), Scope.ADMIN);
        this.imports = wiring.imports();
    }

    @Override
    protected ApiResponse answer(ApiRequest request) {
        String tenantId = api.tenant(request);
        String type = request.header("content-type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("text/csv") && !mediaType.equals("text/plain")) {
            throw new HttpProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "send the file as text/csv, one number a line (Content-Type was "
                            + (type == null ? "missing" : "'" + type + "'") + ")"));
        }
        if (request.body().length > MAX_BODY_BYTES) {
            throw new HttpProblemException(Problem.of(413, "body-too-large", "Content Too Large",
                    "the file is " + request.body().length + " bytes; at most " + MAX_BODY_BYTES + " are accepted in one"
                            + " import: split it into files of at most " + DncImport.MAX_NUMBERS + " numbers"));
        }
        String csv = new String(request.body(), StandardCharsets.UTF_8);
        return ApiResponse.json(200, DncJson.report(imports.importCsv(AdminHttp.actor(request), tenantId, csv)).toString());
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            imports.importCsv("priming", "priming-tenant-that-does-not-exist", "+14045550123\n");
        } catch (RuntimeException expected) {
            // the tenant does not exist: the parse, the phone metadata and the client are warm all the same
        }
    }
}
