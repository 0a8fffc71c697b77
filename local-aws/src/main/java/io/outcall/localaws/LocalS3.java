package io.outcall.localaws;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * s3proxy, an S3-compatible server, started inside this JVM on a loopback port, over a jclouds
 * blob store: in memory ("transient"), or a folder that survives restarts ("filesystem"). It
 * checks AWS signatures (V2 and V4, headers and presigned query strings) with the local
 * credentials, so a presigned URL signed wrongly fails here as on S3.
 *
 * <p>A page served from the loopback (the local console, on whatever port) may PUT a prompt to its
 * presigned URL and GET recordings, as the AudioBucket's CORS rule lets the deployed console: the
 * same methods and the one header it sends. Other origins get no CORS answer.
 *
 * <p>s3proxy ships its own Jetty 11 shaded; only the servlet API comes from outside, so it runs
 * beside DynamoDB Local's Jetty 12.
 */
public final class LocalS3 implements AutoCloseable {

    /** Origins are patterns to s3proxy: any port of the loopback, by address or by name. */
    private static final CrossOriginResourceSharing LOOPBACK_CORS = new CrossOriginResourceSharing(
            List.of("http://127\\.0\\.0\\.1(:[0-9]+)?", "http://localhost(:[0-9]+)?"), List.of("PUT", "GET", "HEAD"),
            List.of("content-type"), List.of("ETag"), "false");

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final int port;

    private LocalS3(S3Proxy proxy, BlobStoreContext context, int port) {
        this.proxy = proxy;
        this.context = context;
        this.port = port;
    }

    /** In memory, on a free port. */
    public static LocalS3 startInMemory() {
        return start(Ports.free(), null);
    }

    /**
     * Starts on {@code port}; {@code dataDir} null keeps objects in memory, otherwise each bucket is
     * a folder under it and each object a file.
     */
    public static LocalS3 start(int port, Path dataDir) {
        BlobStoreContext context;
        if (dataDir == null) {
            context = ContextBuilder.newBuilder("transient").credentials("local", "local").build(BlobStoreContext.class);
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the local S3 folder " + dataDir, e);
            }
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
            context = ContextBuilder.newBuilder("filesystem").credentials("local", "local").overrides(properties)
                    .build(BlobStoreContext.class);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)
                .corsRules(LOOPBACK_CORS)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("s3proxy did not start on port " + port + ": " + e.getMessage(), e);
        }
        return new LocalS3(proxy, context, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop cleanly", e);
        } finally {
            context.close();
        }
    }
}
